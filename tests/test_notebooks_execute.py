"""Each notebook executes with papermill on parameters and writes a bundle with real content."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
import zmq
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
PAPERMILL = [sys.executable, "-m", "papermill", "--kernel", "belarus-releases", "--log-level", "WARNING",
             "--no-progress-bar"]

pytestmark = pytest.mark.slow


def papermill(notebook: str, out: Path, *params: str) -> subprocess.CompletedProcess:
    """`papermill --kernel belarus-releases NOTEBOOK OUT -p name value ...`, run as papermill's
    command runs it (papermill.execute_notebook) but in this process: the notebook still executes
    in a new kernel of the project, started in the checkout; a failed cell is exit status 1 with
    papermill's error (the kernel's traceback) as stderr. The values stay strings, as `-p` reads
    these (none looks like a number or a boolean)."""
    import papermill as pm

    source, executed = ROOT / "notebooks" / notebook, out / "executed.ipynb"
    parameters = dict(pair.split("=", 1) for pair in params)
    args = [*PAPERMILL, str(source), str(executed), *(a for pair in parameters.items() for a in ("-p", *pair))]
    for attempt in (1, 2):
        try:
            pm.execute_notebook(str(source), str(executed), parameters=parameters, kernel_name="belarus-releases",
                                progress_bar=False, cwd=str(ROOT))
        except pm.PapermillExecutionError as error:
            return subprocess.CompletedProcess(args, 1, "", str(error))
        except zmq.error.ZMQError as error:
            # jupyter_client picks the kernel's ports before binding them: another kernel starting at the same
            # moment can take one (audit 3.7). That race is the machine's, not the notebook's: start it again.
            if attempt == 2 or "Address already in use" not in str(error):
                raise
            continue
        return subprocess.CompletedProcess(args, 0, "", "")


def test_cumulative_notebook_mobile_writes_the_whole_bundle(tmp_path):
    folder = tmp_path / "out"
    result = papermill("01_cumulative_releases.ipynb", tmp_path, "layout=mobile", f"output_dir={folder}")
    assert result.returncode == 0, result.stderr[-2000:]
    names = sorted(p.name for p in folder.iterdir())
    # README "Outputs": the nine files; 865 freed from July 2024 to March 2026 (the data's fact, claims.csv K07)
    assert names == sorted(f"cumulative-releases.{k}" for k in
                           ("png", "svg", "pdf", "html", "vl.json", "csv", "localized.csv", "txt", "json"))
    assert "865" in (folder / "cumulative-releases.txt").read_text()


def test_the_social_layout_writes_a_1200_by_675_card(tmp_path):
    result = papermill("01_cumulative_releases.ipynb", tmp_path, "layout=social", f"output_dir={tmp_path}")
    assert result.returncode == 0, result.stderr[-2000:]
    with Image.open(tmp_path / "cumulative-releases.png") as card:
        assert card.size == (1200, 675)
    assert json.loads((tmp_path / "cumulative-releases.json").read_text())["layout"] == "social"


def test_a_custom_period_is_stated_in_the_title_not_since(tmp_path):
    result = papermill("01_cumulative_releases.ipynb", tmp_path, "start_date=2025-01-01", "end_date=2025-12-31",
                       f"output_dir={tmp_path}")
    assert result.returncode == 0, result.stderr[-2000:]
    meta = json.loads((tmp_path / "cumulative-releases.json").read_text())
    assert meta["title"] == "Belarus: 369 people freed in 2025"          # the data's fact (tests/test_facts.py)
    assert "since" not in meta["title"] + meta["alt_text"]


@pytest.mark.parametrize("bad, words", [
    ("basis=politcal", ["parameter basis", "did you mean \"political_prisoners\""]),
    ("end_date=2023-01-01", ["parameter end_date", "before start_date"]),
    ("start_date=yesterday", ["parameter start_date", "not a date"]),
    ("language=by", ["parameter language", "expected one of: en, be, ru, uk, pl, lt"]),
])
def test_bad_parameter_stops_the_notebook_naming_the_parameter(tmp_path, bad, words):
    result = papermill("01_cumulative_releases.ipynb", tmp_path, bad, f"output_dir={tmp_path}")
    assert result.returncode != 0
    for word in words:
        assert word in result.stderr
    assert not list(tmp_path.glob("cumulative-releases.*"))


def test_a_period_with_no_release_stops_with_a_clear_message(tmp_path):
    result = papermill("01_cumulative_releases.ipynb", tmp_path, "start_date=2024-01-01", "end_date=2024-06-30",
                       f"output_dir={tmp_path}")
    assert result.returncode != 0
    assert "selects no release events" in result.stderr


def test_sanctions_notebook_exports_the_relief_table(tmp_path):
    result = papermill("02_sanctions_and_releases.ipynb", tmp_path, "layout=desktop", f"output_dir={tmp_path}")
    assert result.returncode == 0, result.stderr[-2000:]
    folder = tmp_path
    svg = (folder / "sanctions-and-releases.svg").read_text()
    for lane in ("US", "EU", "UK", "Canada", "Lithuania", "Releases"):
        assert f">{lane}<" in svg
    relief = list(csv.DictReader((folder / "us-relief-steps.csv").open()))
    # the 11 US relief steps of data/sanctions.csv, 7 of them within 7 days of a confirmed release
    assert {r["action_id"] for r in relief} == {"S038", "S039", "S040", "S041", "S042", "S046", "S047", "S048",
                                                 "S049", "S050", "S051"}
    s042 = next(r for r in relief if r["action_id"] == "S042")
    assert (s042["direction"], s042["instrument"], s042["release_id"], s042["gap_days"]) == \
        ("ease", "general_licence", "E22", "2")
    within = sum(r["within_window"] == "True" for r in relief)
    assert within == 7 and "7 of 11 steps within 7 days" in svg


def test_prisoners_notebook_shows_gaps_and_sources(tmp_path):
    # 80 days: C027 (16 September 2025) left no gap of 120 days in Viasna's counts; 87 days remain
    result = papermill("03_prisoners_held.ipynb", tmp_path, "layout=mobile", "max_gap_days=80",
                       f"output_dir={tmp_path}")
    assert result.returncode == 0, result.stderr[-2000:]
    folder = tmp_path
    rows = list(csv.DictReader((folder / "prisoners-held.csv").open()))
    viasna = [r for r in rows if r["series"] == "held (Viasna)"]
    assert len({r["segment"] for r in viasna}) >= 2           # the gap breaks the line
    assert all(r["source_url"].startswith("http") for r in rows)
    assert any(r["series"] == "newly recognised in period" and r["value"].startswith("509") for r in rows)
    assert "Political prisoners held (Viasna)" in (folder / "prisoners-held.svg").read_text()


def test_prisoners_notebook_in_ukrainian_writes_a_ukrainian_bundle(tmp_path):
    result = papermill("03_prisoners_held.ipynb", tmp_path, "layout=mobile", "language=uk", f"output_dir={tmp_path}")
    assert result.returncode == 0, result.stderr[-2000:]
    meta = json.loads((tmp_path / "prisoners-held.json").read_text(encoding="utf-8"))
    assert meta["language"] == "uk" and meta["language_status"] == "draft"
    # the same 865 as the headline, freed since July 2024 (review A11), in a Ukrainian headline
    assert meta["title"].replace("\u00a0", " ").startswith("З липня 2024 року звільнили 865 людей")
    assert "Білорус" in meta["alt_text"]
    assert '<html lang="uk">' in (tmp_path / "prisoners-held.html").read_text(encoding="utf-8")
    with open(tmp_path / "prisoners-held.localized.csv", encoding="utf-8-sig", newline="") as handle:
        assert next(csv.reader(handle))[:2] == ["Показник", "Дата"]   # series, date (review D-U13)
