"""make new-release: one well-formed row appended, or nothing written and the problem named."""

from __future__ import annotations

import csv
import io
import subprocess

import pytest

from conftest import run_module
from helpers import data

VALID = ["--date", "2026-04-02", "--released-count", "12", "--destination", "in_belarus",
         "--source-url", "https://example.org/news/pardon", "--second-source-url", "https://example.org/other/pardon", "--source-publisher", "Reuters, via AP",
         "--political-prisoners-count", "10", "--notable-people", "Ales Bialiatski; Maria Kalesnikava",
         "--milestone-id", "M037", "--confidence", "high", "--notes", 'Said "twelve", with a comma']


def new_release(project, *args):
    # stdin is not a terminal, so nothing is asked: missing values must come from the arguments
    return run_module("helpers.new_release", *args, root=project, timeout=120, stdin=subprocess.DEVNULL)


def rows(data_dir):
    return list(csv.DictReader(io.StringIO((data_dir / "releases.csv").read_text(encoding="utf-8"), newline="")))


def test_a_valid_row_is_appended_with_the_next_id(project, data_dir):
    before = (data_dir / "releases.csv").read_bytes()
    old_rows = rows(data_dir)
    last_number = max(int(r["release_id"][1:]) for r in old_rows)

    result = new_release(project, *VALID)

    assert result.returncode == 0, result.stderr
    after = (data_dir / "releases.csv").read_bytes()
    assert after.startswith(before)  # the existing rows are untouched, byte for byte
    added = after[len(before):].decode("utf-8")
    assert added.endswith("\n") and "\r" not in added and added.count("\n") == 1
    new = rows(data_dir)
    assert len(new) == len(old_rows) + 1
    row = new[-1]
    assert row == {
        "release_id": f"E{last_number + 1:02d}", "date": "2026-04-02", "released_count": "12",
        "political_prisoners_count": "10", "foreign_nationals": "", "destination": "in_belarus",
        "refused_to_leave": "", "notable_people": "Ales Bialiatski; Maria Kalesnikava", "milestone_id": "M037",
        "counts_toward_total": "true", "source_url": "https://example.org/news/pardon",
        "status": "confirmed", "source_publisher": "Reuters, via AP", "source_date": "",
        "second_source_url": "https://example.org/other/pardon", "confirm_url": "",
        "confidence": "high", "notes": 'Said "twelve", with a comma',
    }
    # quoted only where needed, like the rest of the file
    assert added.startswith(f"E{last_number + 1:02d},2026-04-02,12,10,,in_belarus,,")
    assert '"Reuters, via AP"' in added and '"Said ""twelve"", with a comma"' in added
    assert f"E{last_number + 1:02d}" in result.stdout
    assert data.validate(data_dir) == []


def test_the_next_row_gets_the_id_after_that_and_context_only_is_false(project, data_dir):
    assert new_release(project, *VALID).returncode == 0
    result = new_release(project, "--date", "2026-04-03", "--released-count", "1", "--destination", "other",
                         "--source-url", "https://example.org/b", "--second-source-url", "https://example.org/c",
                         "--source-publisher", "BelTA",
                         "--context-only")
    assert result.returncode == 0, result.stderr
    first, second = rows(data_dir)[-2:]
    assert int(second["release_id"][1:]) == int(first["release_id"][1:]) + 1
    assert second["counts_toward_total"] == "false"
    assert second["confidence"] == "medium"  # the default
    assert second["political_prisoners_count"] == "" and second["notes"] == ""
    assert data.validate(data_dir) == []


def with_value(flag, value):
    args = list(VALID)
    args[args.index(flag) + 1] = value
    return args


@pytest.mark.parametrize("flag, value, column, words", [
    ("--date", "2025-13-01", "date", ['"2025-13-01" is not a date', "YYYY-MM-DD"]),
    ("--date", "02/04/2026", "date", ['"02/04/2026" is not a date (expected YYYY-MM-DD)']),
    ("--released-count", "-3", "released_count", ['"-3" is negative', "0 or more"]),
    ("--destination", "belarus", "destination", ['"belarus" is not one of the allowed values',
                                                 "in_belarus, lithuania, ukraine, mixed, other"]),
    ("--source-url", "www.example.org/story", "source_url", ["is not a web address", "http:// or https://"]),
])
def test_a_bad_value_is_refused_and_the_file_is_unchanged(project, data_dir, flag, value, column, words):
    before = (data_dir / "releases.csv").read_bytes()
    new_line = before.count(b"\n") + 1

    result = new_release(project, *with_value(flag, value))

    assert result.returncode == 2
    assert (data_dir / "releases.csv").read_bytes() == before
    assert "Traceback" not in result.stderr + result.stdout
    assert f"data/releases.csv line {new_line}, column {column}: " in result.stderr
    for word in words:
        assert word in result.stderr
    assert data.validate(data_dir) == []


def test_missing_required_values_are_named_when_nothing_can_be_asked(project, data_dir):
    before = (data_dir / "releases.csv").read_bytes()
    result = new_release(project, "--date", "2026-04-02")
    assert result.returncode == 2
    assert (data_dir / "releases.csv").read_bytes() == before
    assert "Traceback" not in result.stderr
    assert "column destination: is empty" in result.stderr
    assert "--source-url" in result.stderr
    # a row that is otherwise whole: the count a confirmed release needs is named (issue 20: a lead has none)
    without_count = [arg for arg in VALID if arg not in ("--released-count", "12")]
    result = new_release(project, *without_count)
    assert result.returncode == 2 and (data_dir / "releases.csv").read_bytes() == before
    assert "column released_count: is empty" in result.stderr
    assert "a confirmed release needs its count" in result.stderr


def test_a_lead_is_added_without_a_count_and_a_count_without_a_second_source_is_refused(project, data_dir):
    """An unconfirmed report: no count, the page that would confirm it. A confirmed release without
    its second source is refused, the file unchanged."""
    before = (data_dir / "releases.csv").read_bytes()
    single = [arg for arg in VALID if arg not in ("--second-source-url", "https://example.org/other/pardon")]
    refused = new_release(project, *single)
    assert refused.returncode == 2 and (data_dir / "releases.csv").read_bytes() == before
    assert "column second_source_url: is empty" in refused.stderr
    assert "a confirmed release needs a second, independent source" in refused.stderr
    result = new_release(project, "--date", "2026-04-03", "--destination", "other", "--status", "unconfirmed",
                         "--source-url", "https://example.org/report", "--source-publisher", "Example",
                         "--confirm-url", "https://example.org/decree", "--notes", "Reported: about 20 freed.")
    assert result.returncode == 0, result.stderr
    row = rows(data_dir)[-1]
    assert (row["status"], row["released_count"], row["confirm_url"]) == ("unconfirmed", "", "https://example.org/decree")
    assert data.validate(data_dir) == []


def test_an_unknown_milestone_is_refused(project, data_dir):
    before = (data_dir / "releases.csv").read_bytes()
    result = new_release(project, *with_value("--milestone-id", "M999"))
    assert result.returncode == 2
    assert (data_dir / "releases.csv").read_bytes() == before
    assert '"M999" does not exist in data/milestones.csv' in result.stderr


def test_dry_run_prints_the_row_and_writes_nothing(project, data_dir):
    before = {path.name: path.read_bytes() for path in data_dir.iterdir()}
    result = new_release(project, *VALID, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert {path.name: path.read_bytes() for path in data_dir.iterdir()} == before
    assert "nothing was written" in result.stdout
    assert ',2026-04-02,12,10,,in_belarus,,Ales Bialiatski; Maria Kalesnikava,M037,true,' in result.stdout


def test_help_shows_an_example_command(project):
    result = new_release(project, "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())  # argparse wraps lines to the terminal width
    assert "--date 2026-04-02 --released-count 12" in text
    assert "in_belarus, lithuania, ukraine, mixed, other" in text


# ---------------------------------------------------------------- the prompts (`make new-release` in a terminal)

@pytest.fixture
def terminal(tmp_path, monkeypatch):
    """new_release.main in-process as in a terminal, on a copy of data/: returns (answer, asked, data folder).
    `answer` scripts the replies by field name (a list per field, taken in turn; EOFError ends the input)."""
    import shutil
    import sys

    from conftest import ROOT

    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.setenv("DESK_ROOT", str(tmp_path))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    script, asked = {}, []

    def reply(question: str) -> str:
        asked.append(question)
        name = question.split(" ", 1)[0]
        if not script.get(name):
            raise EOFError                           # Ctrl-D: nothing more to say
        return script[name].pop(0)

    monkeypatch.setattr("builtins.input", reply)
    return script, asked, tmp_path / "data"


def test_a_terminal_is_asked_only_the_required_values_not_given_and_a_bad_answer_again(terminal, capsys):
    from helpers import new_release

    script, asked, data_dir = terminal
    before = (data_dir / "releases.csv").read_bytes()
    script.update(released_count=["twelve", "12"], status=[""], source_url=["", "https://example.org/news/pardon"],
                  second_source_url=["https://example.org/news/pardon-2"],
                  confidence=[""])                                  # Enter: the default offered
    assert new_release.main(["--date", "2026-04-02", "--destination", "in_belarus",
                             "--source-publisher", "Reuters"]) == 0
    # a confirmed release (the default status) needs its count and a second source (data/rules.py)
    assert [question.split(" ", 1)[0] for question in asked] == ["released_count", "released_count", "status",
                                                                  "source_url", "source_url", "second_source_url",
                                                                  "confidence"]
    assert asked[-1].endswith(" [medium]: ")
    said = capsys.readouterr().out.splitlines()
    assert said[:3] == ['  "twelve" is not a number (expected a whole number of 0 or more)', "  This value is required.",
                        "Added E30 as line 31 of data/releases.csv; the data is clean:"]
    added = (data_dir / "releases.csv").read_bytes()[len(before):].decode("utf-8")
    assert added.startswith("E30,2026-04-02,12,") and "https://example.org/news/pardon,Reuters" in added
    assert ",medium," in added                                       # confidence: the default, taken


def test_no_arguments_in_a_terminal_asks_for_every_value_with_its_default(terminal, capsys):
    from helpers import new_release

    script, asked, data_dir = terminal
    before = (data_dir / "releases.csv").read_bytes()
    assert new_release.main([]) == 1                                 # Ctrl-D at the first question
    assert asked and asked[0].startswith("date (")
    assert "Cancelled: nothing was added." in capsys.readouterr().err
    assert (data_dir / "releases.csv").read_bytes() == before


def test_ctrl_d_midway_adds_nothing(terminal, capsys):
    from helpers import new_release

    script, asked, data_dir = terminal
    before = (data_dir / "releases.csv").read_bytes()
    script.update(released_count=["12"], status=[""])               # then Ctrl-D at source_url
    assert new_release.main(["--date", "2026-04-02", "--destination", "in_belarus",
                             "--source-publisher", "Reuters"]) == 1
    assert [question.split(" ", 1)[0] for question in asked] == ["released_count", "status", "source_url"]
    assert "Cancelled: nothing was added." in capsys.readouterr().err
    assert (data_dir / "releases.csv").read_bytes() == before
