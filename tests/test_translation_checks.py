"""A missing translation is caught before any kernel starts, like bad data (issue 19, item 3):
a blanked msgstr or a notable person people.csv lacks stops the render with exit 2, naming the
string or name, the language and the file to edit, and `make validate` reports it too."""

from __future__ import annotations

import re

import pytest

from conftest import render, run_module, snapshot
from helpers.i18n.check import missing_translations

START = re.compile(r"\d\d:\d\d:\d\d start ")   # the runner's line when a notebook starts


def blank(project, code: str, msgstr: str) -> None:
    path = project / "locale" / code / "LC_MESSAGES" / "desk.po"
    text = path.read_text(encoding="utf-8")
    assert f'msgstr "{msgstr}"' in text
    path.write_text(text.replace(f'msgstr "{msgstr}"', 'msgstr ""', 1), encoding="utf-8")


def test_the_real_catalogs_and_labels_lack_nothing():
    assert missing_translations(["en", "be", "ru", "uk", "pl", "lt"]) == []


def test_a_blanked_msgstr_stops_the_render_before_any_kernel(project):
    blank(project, "be", "Дата")
    before = snapshot(project / "output")
    result = render(project, "--force", timeout=300)
    assert result.returncode == 2, result.stderr
    assert ('Belarusian (be): "Date": its msgstr is empty; edit locale/be/LC_MESSAGES/desk.po'
            in result.stderr), result.stderr
    assert "nothing was rendered" in result.stderr and "Traceback" not in result.stderr
    assert not START.search(result.stderr)
    assert snapshot(project / "output") == before
    english_only = render(project, "--dry-run", "--only", "cumulative-releases-desktop-en", timeout=300)
    assert english_only.returncode == 0, english_only.stderr        # English needs no catalog


def test_a_notable_person_people_csv_lacks_stops_the_render_before_any_kernel(project):
    path = project / "data" / "releases.csv"
    text = path.read_text(encoding="utf-8")
    assert ",Ryhor Kastusiou," in text
    path.write_text(text.replace(",Ryhor Kastusiou,", ",Ryhor Kastusiou; Brand New Person,", 1), encoding="utf-8")
    result = render(project, "--force", timeout=300)
    assert result.returncode == 2, result.stderr
    assert ('data/releases.csv line 2, column notable_people: "Brand New Person" is not a name in data/people.csv'
            in result.stderr), result.stderr
    assert not START.search(result.stderr) and "Traceback" not in result.stderr


@pytest.mark.parametrize("code, msgstr, words", [
    ("lt", "Data", 'Lithuanian (lt): "Date": its msgstr is empty; edit locale/lt/LC_MESSAGES/desk.po'),
])
def test_make_validate_reports_a_missing_translation(project, code, msgstr, words):
    blank(project, code, msgstr)
    result = run_module("helpers.i18n", "labels", root=project, env={"PYTHONPATH": str(project / "src")})
    assert result.returncode == 2
    assert "translation(s) a render would stop on" in result.stderr and words in result.stderr, result.stderr
