"""The change review: what a render changed in each re-rendered edition, from published files only.

The slow test renders a copy of the project twice (a release count edited in between) and
reads output/CHANGES.md; the fast ones compare hand-made edition folders.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from conftest import render
from helpers import changes

EDITIONS = ("cumulative-releases-desktop-en", "claims-check-desktop")


class Lines:
    """A reporter that keeps the log lines."""

    def __init__(self):
        self.lines: list[str] = []

    def line(self, message: str) -> None:
        self.lines.append(message)


def render_only(root: Path, *extra: str) -> None:
    args = [a for name in EDITIONS for a in ("--only", name)]
    result = render(root, *args, *extra)
    assert result.returncode == 0, result.stderr


def keep(output: Path, where: Path) -> dict[str, Path]:
    """A copy of the published editions (as the runner's replaced versions would be)."""
    for name in EDITIONS:
        shutil.copytree(output / name, where / name)
    return {name: where / name for name in EDITIONS}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.slow
def test_an_edited_release_count_is_reported_line_by_line_and_a_rerender_reports_no_changes(project, tmp_path):
    from helpers.site import after_publishing

    output = project / "output"
    render_only(project)
    first = keep(output, tmp_path / "first")
    # 37 -> 77 people on 16 September 2024: 40 more freed in all, so the copy's claim K07 moves too.
    edit(project / "data" / "releases.csv", "\nE05,2024-09-16,37,37,", "\nE05,2024-09-16,77,37,")
    edit(project / "data" / "claims.csv", "freed 865 people", "freed 905 people")
    edit(project / "data" / "claims.csv", ",=,865,", ",=,905,")
    render_only(project)

    log = Lines()
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    review = after_publishing(output, first, log, stale_after_days=45)
    text = (output / "CHANGES.md").read_text(encoding="utf-8")
    expected = [
        "## cumulative-releases-desktop-en",
        "- people freed: 865 → 905",
        "- title: Belarus: 865 people freed since July 2024 → Belarus: 905 people freed since July 2024",
        "- alt text: “The total rose from 18 on 3 July 2024 to 865 by 19 March 2026, over 24 releases.” → "
        "“The total rose from 18 on 3 July 2024 to 905 by 19 March 2026, over 24 releases.”",
        "- cumulative-releases.csv: 0 row(s) added, 0 removed, 21 changed",
        "  - E05 (2024-09-16): value 37 → 77; cumulative 115 → 155",
        "  - E06 (2024-11-07): cumulative 146 → 186",
        "  - … and 16 more",
        "## claims-check-desktop",
        "- alt text: “…Belarus has freed 865 people since July…” → “…Belarus has freed 905 people since July…”",
        "- claims-check.csv: 0 row(s) added, 0 removed, 2 changed",
        "  - K02: data_value 574 → 614; explanation …add up to 574 people. That total… → "
        "…add up to 614 people. That total…",
    ]
    lines = text.splitlines()
    for line in expected:
        assert line in lines, f"missing from CHANGES.md: {line}\n---\n{text}"
    assert any(line.startswith("- files changed: cumulative-releases.csv (changed), ") for line in lines)
    assert "notebook.ipynb" not in text
    # One log line per changed edition, in the order of the stories (helpers.stories).
    logged = [line for line in log.lines if line.startswith("changes ")]
    assert logged == [
        changes.log_line(changes.read_latest(output)["editions"]["cumulative-releases-desktop-en"]),
        changes.log_line(changes.read_latest(output)["editions"]["claims-check-desktop"])]
    assert "cumulative-releases.csv: 0 added, 0 removed, 21 changed" in logged[0]      # the anchors, as in CHANGES.md
    assert logged[1].startswith("changes claims-check-desktop: ") and "claims-check.csv: 0 added, 0 removed, 2 changed" in logged[1]
    assert any(line.startswith("changes cumulative-releases-desktop-en: people freed: 865 → 905; title: ")
               for line in log.lines)
    recorded = json.loads((output / "changes.json").read_text(encoding="utf-8"))
    assert recorded["changed"] == ["cumulative-releases-desktop-en", "claims-check-desktop"]
    assert before <= dt.datetime.fromisoformat(recorded["date"]) <= dt.datetime.now(dt.timezone.utc)   # written now, in UTC
    assert "people freed: 865 → 905" in recorded["editions"]["cumulative-releases-desktop-en"]["headline"]
    assert review["changes"]["summary"] == "2 of 2 edition(s) changed"
    index = (output / "site" / "index.html").read_text(encoding="utf-8")   # the site shows the latest changes
    assert "<li>cumulative-releases-desktop-en: people freed: 865 → 905; title: " in index

    # The same inputs rendered again (forced): identical content, so "no changes".
    second = keep(output, tmp_path / "second")
    render_only(project, "--force")
    log = Lines()
    review = after_publishing(output, second, log, stale_after_days=45)
    text = (output / "CHANGES.md").read_text(encoding="utf-8")
    assert "No changes: every re-rendered edition is identical to the version it replaced." in text
    assert review["changes"]["summary"] == "no changes"
    assert sorted(line for line in log.lines if line.startswith("changes ")) == [
        "changes claims-check-desktop: no changes", "changes cumulative-releases-desktop-en: no changes"]


# ---------------------------------------------------------------- fast: hand-made folders

def folder(where: Path, meta: dict, csv_text: str | None = None, extra: dict[str, bytes] | None = None) -> Path:
    where.mkdir(parents=True)
    (where / f"{meta['figure']}.json").write_text(json.dumps(meta), encoding="utf-8")
    if csv_text is not None:
        (where / f"{meta['figure']}.csv").write_text(csv_text, encoding="utf-8")
    for name, content in (extra or {}).items():
        (where / name).write_bytes(content)
    return where


LEDGER = "claim_id,claim,verdict\nK05,The US lifted potash sanctions,contradicted\nK06,A claim,supported\n"


def test_a_changed_verdict_is_named_with_its_claim(tmp_path):
    meta = {"figure": "claims-check", "title": "Claims"}
    old = folder(tmp_path / "old", meta, LEDGER)
    new = folder(tmp_path / "new" / "claims-check", meta,
                 LEDGER.replace("potash sanctions,contradicted", "potash sanctions,supported")
                 + "K11,A new claim,not checkable\n")
    review = changes.compare_edition("claims-check", old, new)
    assert review["claims"] == ["K05 (The US lifted potash sanctions): contradicted → supported",
                                "K11 (A new claim): (new claim) → not checkable"]
    assert review["rows"][0]["added"] == 1 and review["rows"][0]["changed"] == 1
    assert "claim K05 (The US lifted potash sanctions): contradicted → supported" in \
        changes.markdown(changes.review({"claims-check": old}, tmp_path / "new"))


def test_identical_bytes_are_no_change_the_notebook_aside_and_missing_keys_are_tolerated(tmp_path):
    meta = {"figure": "f"}   # no layout, language, key numbers, title: an older or newer bundle
    pdf = b"%PDF-1.7\n/xo1 9 0 R\n/xo2 11 0 R\n%%EOF\n"
    old = folder(tmp_path / "old", meta, "id,date,value\nA,2025-01-01,1\n",
                 {"f.pdf": pdf, "notebook.ipynb": b"{run 1}"})
    new = folder(tmp_path / "new" / "e", meta, "id,date,value\nA,2025-01-01,1\n",
                 {"f.pdf": pdf, "notebook.ipynb": b"{run 2}"})
    result = changes.review({"e": old}, tmp_path / "new")
    assert result["summary"] == "no changes"
    assert changes.log_line(result["editions"]["e"]) == "changes e: no changes"
    # The published PDF is deterministic (export.deterministic_pdf), so any other byte is a change.
    (new / "f.pdf").write_bytes(b"%PDF-1.7\n/xo2 11 0 R\n/xo1 9 0 R\n%%EOF\n")
    assert changes.files_changed(old, new) == ["f.pdf (changed)"]


def test_rows_without_an_id_column_are_compared_whole(tmp_path):
    old = folder(tmp_path / "old", {"figure": "t"}, "date,value\n2025-01-01,1\n2025-02-01,2\n")
    new = folder(tmp_path / "new", {"figure": "t"}, "date,value\n2025-01-01,1\n2025-03-01,3\n")
    rows = changes.row_changes(old / "t.csv", new / "t.csv")
    assert (rows["added"], rows["removed"], rows["changed"]) == (1, 1, 0)
    assert rows["examples"] == ["added 2025-03-01", "removed 2025-02-01"]


def test_a_new_edition_is_reported_as_new(tmp_path):
    folder(tmp_path / "out" / "fresh", {"figure": "f", "key_numbers": {"people freed": 1}})
    result = changes.review({"fresh": None}, tmp_path / "out")
    assert result["changed"] == ["fresh"]
    assert changes.log_line(result["editions"]["fresh"]) == "changes fresh: new edition"
    assert result["summary"] == "1 new edition(s)"


def test_a_localized_csv_counts_as_a_changed_file_not_as_rows_twice(tmp_path):
    meta = {"figure": "prisoners-held"}        # a story whose table's id column is "id" (helpers.stories)
    old = folder(tmp_path / "old", meta, "id,date,value\nA,2025-01-01,1\n",
                 {"prisoners-held.localized.csv": "ід,дата,значэнне\nA,2025-01-01,1\n".encode()})
    new = folder(tmp_path / "new", meta, "id,date,value\nA,2025-01-01,2\n",
                 {"prisoners-held.localized.csv": "ід,дата,значэнне\nA,2025-01-01,2\n".encode()})
    review = changes.compare_edition("e", old, new)
    assert [r["file"] for r in review["rows"]] == ["prisoners-held.csv"]
    assert review["rows"][0]["examples"] == ["A (2025-01-01): value 1 → 2"]
    assert review["files"] == ["prisoners-held.csv (changed)", "prisoners-held.localized.csv (changed)"]


def test_rows_are_keyed_by_the_id_column_their_story_declares_and_no_other(tmp_path):
    table = "action_id,date,value\nS1,2025-01-01,{}\n"
    old = folder(tmp_path / "old", {"figure": "sanctions-and-releases"}, None,
                 {"us-relief-steps.csv": table.format(1).encode()})
    new = folder(tmp_path / "new", {"figure": "sanctions-and-releases"}, None,
                 {"us-relief-steps.csv": table.format(2).encode()})
    assert changes.compare_edition("e", old, new)["rows"][0]["examples"] == ["S1 (2025-01-01): value 1 → 2"]
    stranger_old = folder(tmp_path / "old-x", {"figure": "x"}, None, {"x.csv": table.format(1).encode()})
    stranger_new = folder(tmp_path / "new-x", {"figure": "x"}, None, {"x.csv": table.format(2).encode()})
    assert changes.compare_edition("e", stranger_old, stranger_new)["rows"][0]["examples"] == [
        "added 2025-01-01", "removed 2025-01-01"]       # a figure of no story: whole rows, by date
