"""Each notebook executes with papermill on parameters and writes a bundle with real content."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from PIL import Image

from helpers import data, export, measures

ROOT = Path(__file__).resolve().parents[1]
PAPERMILL = [sys.executable, "-m", "papermill", "--kernel", "belarus-releases", "--log-level", "WARNING",
             "--no-progress-bar"]

pytestmark = pytest.mark.slow


def papermill(notebook: str, out: Path, *params: str) -> subprocess.CompletedProcess:
    args = [*PAPERMILL, str(ROOT / "notebooks" / notebook), str(out / "executed.ipynb")]
    for pair in params:
        name, value = pair.split("=", 1)
        args += ["-p", name, value]
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_cumulative_notebook_mobile_writes_the_whole_bundle(tmp_path):
    folder = tmp_path / "out"
    result = papermill("01_cumulative_releases.ipynb", tmp_path, "layout=mobile", f"output_dir={folder}")
    assert result.returncode == 0, result.stderr[-2000:]
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(f"cumulative-releases.{k}" for k in export.BUNDLE_FILES)
    total = measures.official_total(data.load_all(names=["releases"])["releases"], "2024-07-01", "2026-03-31")
    assert f"{total:,}" in (folder / "cumulative-releases.txt").read_text()


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
    total = measures.official_total(data.load_all(names=["releases"])["releases"], "2025-01-01", "2025-12-31")
    meta = json.loads((tmp_path / "cumulative-releases.json").read_text())
    assert meta["title"] == f"Belarus: {total:,} people freed in 2025"
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
    assert {r["action_id"] for r in relief} == {"S038", "S039", "S040", "S041", "S042", "S046", "S047"}
    s042 = next(r for r in relief if r["action_id"] == "S042")
    assert (s042["direction"], s042["instrument"], s042["release_id"], s042["gap_days"]) == \
        ("ease", "general_licence", "E22", "2")
    within = sum(r["within_window"] == "True" for r in relief)
    assert f"{within} of {len(relief)} steps within 7 days" in svg


def test_prisoners_notebook_shows_gaps_and_sources(tmp_path):
    result = papermill("03_prisoners_held.ipynb", tmp_path, "layout=mobile", f"output_dir={tmp_path}")
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
