"""The validator explains every kind of mistake a reporter can make in a data file.

Each test corrupts one copy of a real data file (the `data_dir` fixture; the real data/ is
never touched) and checks that

- `data.validate()` reports it with the file, the line as an editor shows it, the column
  and words saying what was expected, and reports nothing else;
- the command reporters run (`python -m helpers.data`, i.e. `make validate`) exits with
  status 2 and prints the same line on stderr, without a traceback (its entry point run in this
  process; test_command_says_data_is_clean_and_exits_0 starts the real command).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest

from conftest import ROOT, run_module
from helpers import data

# ---------------------------------------------------------------- editing a copy of a data file

def read_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)  # the data files round-trip byte for byte
    path.write_text(out.getvalue(), encoding="utf-8")


def editor_line(path: Path, starts_with: str) -> int:
    """The line number an editor shows for the physical line starting with this text."""
    lines = path.read_bytes().split(b"\n")
    found = [n for n, line in enumerate(lines, start=1) if line.startswith(starts_with.encode())]
    assert len(found) == 1, f"expected one line starting with {starts_with!r} in {path.name}, found {found}"
    return found[0]


def set_cell(path: Path, row_id: str, column: str, value: str) -> int:
    """Set one cell of the row whose first cell is row_id; return that row's editor line."""
    line = editor_line(path, row_id + ",")
    rows = read_rows(path)
    matches = [row for row in rows[1:] if row[0] == row_id]
    assert len(matches) == 1, f"no single row {row_id} in {path.name}"
    matches[0][rows[0].index(column)] = value
    write_rows(path, rows)
    assert len(read_rows(path)) == len(rows)  # no line was added or removed
    return line


def edit_line(path: Path, row_id: str, old: bytes, new: bytes) -> int:
    """Replace bytes inside the physical line of row_id only; return its editor line."""
    line = editor_line(path, row_id + ",")
    lines = path.read_bytes().split(b"\n")
    assert old in lines[line - 1], f"{old!r} is not on line {line} of {path.name}"
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_bytes(b"\n".join(lines))
    return line


# ---------------------------------------------------------------- checking what is reported

def where(file: str, line: int | None = None, column: str | None = None) -> str:
    """The start of a problem's text: `data/releases.csv line 14, column date: `."""
    text = f"data/{file}"
    if line is not None:
        text += f" line {line}"
    if column:
        text += f", column {column}"
    return text + ": "


def run_validate_command(data_dir: Path) -> subprocess.CompletedProcess:
    """The command's own entry point (`python -m helpers.data` calls helpers.data.main) run in this
    process on the copy, its stdout, stderr and exit status kept as a process's would be: dozens of
    Python start-ups saved. test_command_says_data_is_clean_and_exits_0 runs the real process."""
    out, err = io.StringIO(), io.StringIO()
    with mock.patch.dict(os.environ, {"DESK_ROOT": str(data_dir.parent)}), \
            contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = data.main([])
    return subprocess.CompletedProcess([sys.executable, "-m", "helpers.data"], status, out.getvalue(), err.getvalue())


def assert_only_problem(data_dir: Path, file: str, line: int | None, column: str | None, *words: str,
                        today: dt.date | None = None, check_command: bool = True) -> str:
    """validate() reports exactly one problem, at this place, containing these words; so does the CLI."""
    problems = [str(p) for p in data.validate(data_dir, today=today)]
    assert len(problems) == 1, "expected exactly one problem, got:\n" + "\n".join(problems)
    problem = problems[0]
    assert problem.startswith(where(file, line, column)), problem
    for word in words:
        assert word in problem, f"{word!r} missing from: {problem}"
    if check_command:
        assert_command_reports(data_dir, problem)
    return problem


def assert_command_reports(data_dir: Path, *problems: str) -> None:
    result = run_validate_command(data_dir)
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    assert "Data is clean" not in result.stdout
    assert f"The data has {len(problems)} problem(s):" in result.stderr, result.stderr
    for problem in problems:
        assert f"  {problem}\n" in result.stderr, result.stderr


# ---------------------------------------------------------------- the real data

def test_real_data_validates_clean():
    assert [str(p) for p in data.validate(ROOT / "data")] == []


def test_command_says_data_is_clean_and_exits_0(project):
    result = run_module("helpers.data", root=project, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Data is clean: 9 files checked against datapackage.json"), result.stdout
    assert "releases 29" in result.stdout
    assert result.stderr == ""


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize("bad_date", ["2025-13-01", "13/01/2025", "2025-1-18", "18 Jan 2025"])
def test_malformed_date(data_dir, bad_date):
    line = set_cell(data_dir / "releases.csv", "E10", "date", bad_date)
    assert_only_problem(data_dir, "releases.csv", line, "date",
                        f'"{bad_date}" is not a', "date (expected YYYY-MM-DD)")


def test_impossible_calendar_date(data_dir):
    line = set_cell(data_dir / "sanctions.csv", "S036", "date", "2025-02-30")
    assert_only_problem(data_dir, "sanctions.csv", line, "date",
                        '"2025-02-30" is not a real calendar date (expected YYYY-MM-DD)')


def latest_date(data_dir: Path) -> dt.date:
    """The latest date in any data file: `today` for a test that must not depend on the clock."""
    cells = [cell for path in data_dir.glob("*.csv") for row in read_rows(path) for cell in row]
    return max(dt.date.fromisoformat(cell) for cell in cells if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell))


def test_date_in_the_future(data_dir):
    """validate(today=...) fixes what "today" is, so the day after the latest date is in the future."""
    today = latest_date(data_dir)
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    line = set_cell(data_dir / "releases.csv", "E27", "date", tomorrow)
    assert_only_problem(data_dir, "releases.csv", line, "date",
                        f'"{tomorrow}" is in the future (expected a date on or before {today.isoformat()})',
                        today=today, check_command=False)


def test_date_in_the_future_from_the_command(data_dir):
    """The command uses today's date: a year like 2099 is in the future whenever this runs."""
    line = set_cell(data_dir / "milestones.csv", "M037", "date", "2099-03-19")
    problem = assert_only_problem(data_dir, "milestones.csv", line, "date", '"2099-03-19" is in the future')
    assert f"on or before {dt.date.today().isoformat()}" in problem


def test_optional_date_column_is_checked_too(data_dir):
    line = set_cell(data_dir / "releases.csv", "E08", "source_date", "09.12.2024")
    assert_only_problem(data_dir, "releases.csv", line, "source_date", '"09.12.2024" is not a date')


# ---------------------------------------------------------------- counts

def test_negative_count(data_dir):
    line = set_cell(data_dir / "releases.csv", "E19", "released_count", "-25")
    assert_only_problem(data_dir, "releases.csv", line, "released_count",
                        '"-25" is negative', "expected a whole number of 0 or more")


def test_fractional_count(data_dir):
    line = set_cell(data_dir / "releases.csv", "E20", "released_count", "2.5")
    assert_only_problem(data_dir, "releases.csv", line, "released_count",
                        '"2.5" is not a whole number', "expected a whole number")


def test_count_that_is_not_a_number(data_dir):
    line = set_cell(data_dir / "prisoner_counts.csv", "C023", "held", "about 1,135")
    assert_only_problem(data_dir, "prisoner_counts.csv", line, "held",
                        '"about 1,135" is not a number', "expected a whole number")


def test_missing_required_count(data_dir):
    line = set_cell(data_dir / "releases.csv", "E04", "released_count", "")
    assert_only_problem(data_dir, "releases.csv", line, "released_count",
                        "is empty (expected a whole number of 0 or more)")


def test_confirmed_release_without_a_second_source(data_dir):
    line = set_cell(data_dir / "releases.csv", "E04", "second_source_url", "")
    assert_only_problem(data_dir, "releases.csv", line, "second_source_url",
                        "a confirmed release needs a second, independent source")


def test_unconfirmed_report_with_a_count(data_dir):
    """A lead has no count until it is confirmed: the reported figure stays in notes."""
    line = set_cell(data_dir / "releases.csv", "E28", "released_count", "28")
    assert_only_problem(data_dir, "releases.csv", line, "released_count",
                        '"28" is given for an unconfirmed report', "expected empty")


def test_unconfirmed_report_without_the_page_that_would_confirm_it(data_dir):
    line = set_cell(data_dir / "releases.csv", "E29", "confirm_url", "")
    assert_only_problem(data_dir, "releases.csv", line, "confirm_url",
                        "an unconfirmed report needs the primary page that would confirm it")


def test_promoting_a_lead_is_one_edit_that_the_validator_checks(data_dir):
    """Status confirmed without its count: the validator names the count; with count and a second
    source the row is clean."""
    path = data_dir / "releases.csv"
    line = set_cell(path, "E28", "status", "confirmed")
    problems = [str(p) for p in data.validate(data_dir)]
    assert [p.split(":")[0] for p in problems] == [f"data/releases.csv line {line}, column released_count",
                                                   f"data/releases.csv line {line}, column second_source_url"]
    set_cell(path, "E28", "released_count", "28")
    set_cell(path, "E28", "second_source_url", "https://www.jpost.com/international/article-908758")
    assert data.validate(data_dir) == []


def test_unknown_status(data_dir):
    line = set_cell(data_dir / "releases.csv", "E05", "status", "reported")
    assert_only_problem(data_dir, "releases.csv", line, "status", '"reported"', "confirmed", "unconfirmed",
                        check_command=False)


def test_priority_out_of_range(data_dir):
    line = set_cell(data_dir / "milestones.csv", "M013", "priority", "4")
    assert_only_problem(data_dir, "milestones.csv", line, "priority", '"4" is above 3', "at most 3")


# ---------------------------------------------------------------- text rules

def test_unknown_value_suggests_the_closest_allowed_one(data_dir):
    line = set_cell(data_dir / "releases.csv", "E14", "destination", "lithunia")
    assert_only_problem(data_dir, "releases.csv", line, "destination",
                        '"lithunia" is not one of the allowed values',
                        "in_belarus, lithuania, ukraine, mixed, other", "did you mean 'lithuania'?")


def test_unknown_value_with_nothing_close_has_no_suggestion(data_dir):
    line = set_cell(data_dir / "sanctions.csv", "S042", "direction", "relax")
    problem = assert_only_problem(data_dir, "sanctions.csv", line, "direction",
                                  '"relax" is not one of the allowed values (impose, tighten, ease, lift)')
    assert "did you mean" not in problem


def test_boolean_that_is_not_true_or_false(data_dir):
    line = set_cell(data_dir / "releases.csv", "E12", "counts_toward_total", "no")
    assert_only_problem(data_dir, "releases.csv", line, "counts_toward_total",
                        '"no" is not true or false (expected true or false)')


def test_id_that_breaks_its_pattern(data_dir):
    line = set_cell(data_dir / "releases.csv", "E04", "release_id", "E4")
    assert_only_problem(data_dir, "releases.csv", line, "release_id",
                        '"E4" does not match the expected pattern ^E\\d{2}$')


def test_label_too_long_for_a_chart(data_dir):
    label = "Coale visits Minsk and 250 prisoners are freed"
    line = set_cell(data_dir / "milestones.csv", "M037", "label", label)
    assert_only_problem(data_dir, "milestones.csv", line, "label",
                        f"is {len(label)} characters long (expected at most 28)")


def test_duplicate_id(data_dir):
    """E04 (no one in people.csv points at it) is renamed to E03, which already exists."""
    first = editor_line(data_dir / "releases.csv", "E03,")
    line = set_cell(data_dir / "releases.csv", "E04", "release_id", "E03")
    assert line == first + 1
    assert_only_problem(data_dir, "releases.csv", line, "release_id",
                        f'"E03" is used twice (first on line {first}); expected a unique id')


# ---------------------------------------------------------------- sources

def test_missing_source_url(data_dir):
    line = set_cell(data_dir / "sanctions.csv", "S040", "source_url", "")
    assert_only_problem(data_dir, "sanctions.csv", line, "source_url",
                        "is empty (expected a web address starting with http:// or https://)")


@pytest.mark.parametrize("bad_url", ["ftp://ftp.example.org/decree.pdf", "www.x.org", "kyivindependent.com/story",
                                     "https://example.org/with space"])
def test_source_url_that_is_not_a_web_address(data_dir, bad_url):
    line = set_cell(data_dir / "milestones.csv", "M011", "source_url", bad_url)
    assert_only_problem(data_dir, "milestones.csv", line, "source_url",
                        f'"{bad_url}" is not a web address', "starting with http:// or https://")


def test_optional_second_source_must_also_be_a_web_address(data_dir):
    line = set_cell(data_dir / "releases.csv", "E22", "second_source_url", "see HRW report")
    assert_only_problem(data_dir, "releases.csv", line, "second_source_url",
                        '"see HRW report" is not a web address')


# ---------------------------------------------------------------- links between files

def test_milestone_that_does_not_exist(data_dir):
    """M041 is the dossier milestone left out of milestones.csv (it has no date)."""
    line = set_cell(data_dir / "releases.csv", "E22", "milestone_id", "M041")
    assert_only_problem(data_dir, "releases.csv", line, "milestone_id",
                        '"M041" does not exist in data/milestones.csv', "expected one of its milestone_id values")


def test_release_that_does_not_exist_in_people(data_dir):
    line = set_cell(data_dir / "people.csv", "P019", "release_id", "E99")
    assert_only_problem(data_dir, "people.csv", line, "release_id", '"E99" does not exist in data/releases.csv')


def test_a_bad_cell_in_a_milestone_does_not_make_its_id_disappear(data_dir):
    """M008 has a typo in its date: that is the only problem; E13 still links to an existing M008."""
    line = set_cell(data_dir / "milestones.csv", "M008", "date", "2025-02-31")
    assert_only_problem(data_dir, "milestones.csv", line, "date", '"2025-02-31" is not a real calendar date')


def test_a_bad_cell_in_a_release_does_not_break_links_to_it(data_dir):
    """E13 is named by three people; a stray space in one of its cells is the only problem."""
    line = set_cell(data_dir / "releases.csv", "E13", "destination", " lithuania")
    assert_only_problem(data_dir, "releases.csv", line, "destination", '" lithuania" has spaces at the start or end')


# ---------------------------------------------------------------- columns

def drop_column(path: Path, column: str) -> None:
    rows = read_rows(path)
    col = rows[0].index(column)
    write_rows(path, [row[:col] + row[col + 1:] for row in rows])


def test_missing_column(data_dir):
    drop_column(data_dir / "releases.csv", "confidence")
    assert_only_problem(data_dir, "releases.csv", 1, "confidence", "column is missing from the header")


def test_renamed_column_hint_names_both_names(data_dir):
    rows = read_rows(data_dir / "releases.csv")
    rows[0][rows[0].index("released_count")] = "release_count"
    write_rows(data_dir / "releases.csv", rows)
    problem = assert_only_problem(data_dir, "releases.csv", 1, "released_count",
                                  "column is missing from the header", "is 'release_count' a renamed copy of it?")
    assert "unexpected column" not in problem


def test_extra_unexpected_column(data_dir):
    rows = read_rows(data_dir / "prisoner_counts.csv")
    write_rows(data_dir / "prisoner_counts.csv",
               [rows[0] + ["checked_by"]] + [row + ["AB"] for row in rows[1:]])
    assert_only_problem(data_dir, "prisoner_counts.csv", 1, "checked_by",
                        "unexpected column (expected only: count_id, date, date_precision, held,")


def test_columns_in_another_order_are_read_by_name(data_dir):
    rows = read_rows(data_dir / "claims.csv")
    write_rows(data_dir / "claims.csv", [list(reversed(row)) for row in rows])
    assert data.validate(data_dir) == []


# ---------------------------------------------------------------- whole files

def test_empty_file_is_a_problem(data_dir):
    """0 bytes: one problem, and people.csv's links to releases are not blamed for it."""
    (data_dir / "releases.csv").write_bytes(b"")
    assert_only_problem(data_dir, "releases.csv", None, None, "file is empty (expected a header row: release_id,date,")


def test_header_only_file_is_valid(data_dir):
    """A header with no rows is a valid, empty table (claims.csv: nothing links to it)."""
    path = data_dir / "claims.csv"
    path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8")
    assert data.validate(data_dir) == []
    result = run_validate_command(data_dir)
    assert result.returncode == 0, result.stderr
    assert "claims 0 rows" in result.stdout


def test_header_only_target_file_reports_each_dangling_link(data_dir):
    path = data_dir / "milestones.csv"
    path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8")
    problems = [str(p) for p in data.validate(data_dir)]
    rows = read_rows(data_dir / "releases.csv")
    linked = [row for row in rows[1:] if row[rows[0].index("milestone_id")]]
    assert len(linked) >= 10
    assert len(problems) == len(linked), problems
    assert all("column milestone_id: " in p and "does not exist in data/milestones.csv" in p for p in problems)


def test_missing_data_file(data_dir):
    """One problem only: releases.csv's links to milestones are not each blamed for it."""
    (data_dir / "milestones.csv").unlink()
    assert_only_problem(data_dir, "milestones.csv", None, None, "file is missing")


# ---------------------------------------------------------------- encodings and line endings

def test_byte_order_mark(data_dir):
    path = data_dir / "releases.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert_only_problem(data_dir, "releases.csv", 1, None,
                        "starts with a byte-order mark (BOM); save it as UTF-8 without BOM")


def test_windows_line_endings_reported_once(data_dir):
    path = data_dir / "sanctions.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert_only_problem(data_dir, "sanctions.csv", 1, None,
                        "has Windows line endings (CRLF); save it with Unix line endings (LF)")


def test_windows_line_ending_on_one_line_names_that_line(data_dir):
    path = data_dir / "sanctions.csv"
    line = editor_line(path, "S041,")
    lines = path.read_bytes().split(b"\n")
    lines[line - 1] += b"\r"
    path.write_bytes(b"\n".join(lines))
    assert_only_problem(data_dir, "sanctions.csv", line, None, "has Windows line endings (CRLF)")


@pytest.mark.parametrize("column,row_id,value", [("destination", "E14", "lithuania "),
                                                 ("released_count", "E27", " 250"),
                                                 ("release_id", "E26", "E26 ")])
def test_stray_whitespace_around_a_value(data_dir, column, row_id, value):
    line = set_cell(data_dir / "releases.csv", row_id, column, value)
    assert_only_problem(data_dir, "releases.csv", line, column,
                        f'"{value}" has spaces at the start or end')


def test_file_that_is_not_utf8(data_dir):
    """Saved from a Windows spreadsheet: a latin-1 é on one line."""
    path = data_dir / "releases.csv"
    line = edit_line(path, "E06", b"Babel.ua,", "Babel.ua (Kyiv café),".encode("latin-1"))
    assert_only_problem(data_dir, "releases.csv", line, None,
                        "is not UTF-8 text (byte 0xe9); save the file as UTF-8")


def test_row_with_too_many_cells(data_dir):
    """An unquoted comma inside a value shifts every later cell."""
    line = edit_line(data_dir / "releases.csv", "E09", b"Associated Press (via WTOP)", b"Associated Press, via WTOP")
    assert_only_problem(data_dir, "releases.csv", line, None,
                        "has 19 cells (expected 18, one per column; check for an unquoted comma)")


def test_row_with_too_few_cells(data_dir):
    path = data_dir / "reported_totals.csv"
    rows = read_rows(path)
    target = next(row for row in rows if row[0] == "T010")
    del target[-1]
    write_rows(path, rows)
    assert_only_problem(data_dir, "reported_totals.csv", editor_line(path, "T010,"), None,
                        "has 12 cells (expected 13")


# ---------------------------------------------------------------- the contract itself

def test_broken_datapackage_json(data_dir):
    """A doubled comma: the problem names the line of the mistake."""
    path = data_dir / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    mistake = '"primaryKey": "release_id",'
    path.write_text(text.replace(mistake, mistake + ",", 1), encoding="utf-8")
    line = 1 + text[:text.index(mistake)].count("\n")
    assert_only_problem(data_dir, "datapackage.json", line, None, "is not valid JSON")


def test_truncated_datapackage_json(data_dir):
    path = data_dir / "datapackage.json"
    path.write_bytes(path.read_bytes()[:2000])
    problems = [str(p) for p in data.validate(data_dir)]
    assert len(problems) == 1, problems
    assert re.match(r"data/datapackage\.json line \d+: is not valid JSON \(", problems[0]), problems[0]
    assert_command_reports(data_dir, problems[0])


def test_datapackage_json_that_is_not_utf8(data_dir):
    path = data_dir / "datapackage.json"
    text = path.read_text(encoding="utf-8").replace("Curated tables", "Curated tables (caf\u00e9 edition)", 1)
    path.write_bytes(text.encode("latin-1", errors="replace"))
    line = 1 + text[:text.index("caf\u00e9")].count("\n")
    assert_only_problem(data_dir, "datapackage.json", line, None, "is not UTF-8 text (byte 0xe9)")


def test_datapackage_json_without_resources(data_dir):
    (data_dir / "datapackage.json").write_text(json.dumps({"name": "belarus-releases-sanctions"}), encoding="utf-8")
    assert_only_problem(data_dir, "datapackage.json", None, None, 'has no "resources" list')


def test_missing_datapackage_json(data_dir):
    (data_dir / "datapackage.json").unlink()
    assert_only_problem(data_dir, "datapackage.json", None, None, "file is missing (it describes every data file)")


# ---------------------------------------------------------------- all problems at once

def test_every_problem_in_every_file_is_reported(data_dir):
    """Three mistakes in two files: all three come back, in file order, and the command prints them all."""
    first = set_cell(data_dir / "releases.csv", "E03", "date", "2024-08-32")
    second = set_cell(data_dir / "releases.csv", "E21", "destination", "ukriane")
    third = set_cell(data_dir / "sanctions.csv", "S038", "jurisdiction", "USA")
    problems = [str(p) for p in data.validate(data_dir)]
    assert [p.split(": ", 1)[0] + ": " for p in problems] == [
        where("releases.csv", first, "date"),
        where("releases.csv", second, "destination"),
        where("sanctions.csv", third, "jurisdiction"),
    ], problems
    assert "did you mean 'ukraine'?" in problems[1]
    assert "did you mean 'US'?" in problems[2]
    assert_command_reports(data_dir, *problems)


def test_load_all_refuses_bad_data_and_lists_every_problem(data_dir):
    from helpers.errors import DataError

    set_cell(data_dir / "releases.csv", "E03", "released_count", "thirty")
    set_cell(data_dir / "milestones.csv", "M015", "kind", "vist")
    with pytest.raises(DataError) as caught:
        data.load_all(data_dir)
    assert "The data has 2 problem(s); nothing was rendered." in str(caught.value)
    assert len(caught.value.problems) == 2
    assert any("did you mean 'visit'?" in p for p in caught.value.problems)
