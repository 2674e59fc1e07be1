"""A corpus of bad inputs to `make render`: each exits 2 with one clear message naming where
the problem is and what was expected, prints no traceback, and leaves the published output
and manifest byte-identical.

One good render is published once; every case runs on its own copy of it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import PROBE_PLAN, copy_project, render, snapshot, write_probe_notebook

pytestmark = pytest.mark.slow

REAL_EDITION = '''  cumulative-releases-headline:
    notebook: notebooks/01_cumulative_releases.ipynb
    parameters:
{parameters}
'''


def plan_with(root: Path, text: str) -> None:
    (root / "renders.yml").write_text(text)


def add_edition(root: Path, parameters: str) -> None:
    """Append an edition of the real headline notebook with the given parameter lines."""
    lines = "\n".join("      " + line for line in parameters.splitlines())
    (root / "renders.yml").write_text(PROBE_PLAN + REAL_EDITION.format(parameters=lines))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_bytes(path: Path, change) -> None:
    path.write_bytes(change(path.read_bytes()))


RELEASES = "data/releases.csv"
E22 = "E22,2025-12-13,123,"
PACKAGE = "data/datapackage.json"


def rename_enum_column(root: Path) -> None:
    """sanctions' jurisdiction renamed in the contract and the file alike: the data is valid, but the
    desk reads that column's allowed values (parameters, jurisdiction labels)."""
    edit(root / PACKAGE, '"name": "jurisdiction"', '"name": "country"')
    edit(root / "data/sanctions.csv", ",jurisdiction,", ",country,")


def other_notebook(root: Path) -> None:
    shutil.copyfile(root / "notebooks/99_probe.ipynb", root / "notebooks/98_other.ipynb")
    plan_with(root, PROBE_PLAN + "  probe-other:\n    notebook: notebooks/98_other.ipynb\n")


CLAIMS_SOCIAL = "  claims-check-social:\n    notebook: notebooks/04_claims_check.ipynb\n    parameters:\n      layout: social\n"

CASES = {
    # ---- the render plan
    "malformed yaml": (lambda r: plan_with(r, "editions:\n  probe-a:\n    notebook: [unclosed\n"),
                       ["renders.yml line", "expected valid YAML"]),
    "tab indentation": (lambda r: plan_with(r, "editions:\n\tprobe-a:\n"), ["renders.yml line", "YAML"]),
    "plan is a list": (lambda r: plan_with(r, "- probe-a\n- probe-b\n"), ["renders.yml", "'editions:' section"]),
    "empty plan": (lambda r: plan_with(r, ""), ["renders.yml", "'editions:' section"]),
    "unknown top-level key": (lambda r: plan_with(r, PROBE_PLAN + "extras: 1\n"),
                              ["unknown top-level key 'extras'"]),
    "edition with no notebook": (lambda r: plan_with(r, "editions:\n  probe-a:\n    parameters: {}\n"),
                                 ["edition probe-a", "has no notebook"]),
    "notebook that does not exist": (
        lambda r: plan_with(r, "editions:\n  probe-a:\n    notebook: notebooks/07_missing.ipynb\n"),
        ["edition probe-a", "notebooks/07_missing.ipynb does not exist"]),
    "notebook outside notebooks/": (
        lambda r: plan_with(r, "editions:\n  probe-a:\n    notebook: ../x.ipynb\n"),
        ["edition probe-a", "inside notebooks/"]),
    "edition name ../x": (lambda r: plan_with(r, "editions:\n  ../x:\n    notebook: notebooks/99_probe.ipynb\n"),
                          ["edition name '../x' is not allowed"]),
    "edition name absolute": (
        lambda r: plan_with(r, "editions:\n  /tmp/x:\n    notebook: notebooks/99_probe.ipynb\n"),
        ["edition name '/tmp/x' is not allowed"]),
    "edition name with separator": (
        lambda r: plan_with(r, "editions:\n  a/b:\n    notebook: notebooks/99_probe.ipynb\n"),
        ["edition name 'a/b' is not allowed"]),
    "misspelt key parameter": (
        lambda r: plan_with(r, "editions:\n  probe-a:\n    notebook: notebooks/99_probe.ipynb\n"
                               "    parameter:\n      layout: mobile\n"),
        ["edition probe-a", "unknown key 'parameter'"]),
    "parameters not a mapping": (
        lambda r: plan_with(r, "editions:\n  probe-a:\n    notebook: notebooks/99_probe.ipynb\n    parameters: 3\n"),
        ["edition probe-a", "parameters must be a mapping"]),
    "negative timeout": (
        lambda r: plan_with(r, "editions:\n  probe-a:\n    notebook: notebooks/99_probe.ipynb\n"
                               "    timeout_minutes: -1\n"),
        ["edition probe-a", "timeout_minutes -1 is not a positive number"]),
    "duplicate edition name": (lambda r: plan_with(r, PROBE_PLAN + "  probe-a:\n    notebook: notebooks/99_probe.ipynb\n"),
                               ["renders.yml line", "'probe-a' appears twice"]),
    "plan not UTF-8": (lambda r: (r / "renders.yml").write_bytes(PROBE_PLAN.encode() + b"# caf\xe9\n"),
                       ["renders.yml is not UTF-8"]),
    # ---- notebook parameters in the plan
    "unknown parameter": (lambda r: add_edition(r, "layot: mobile"),
                          ["edition cumulative-releases-headline", "parameter layot is not a parameter", "did you mean layout"]),
    "parameter of the wrong type": (lambda r: add_edition(r, "min_priority: high"),
                                    ["edition cumulative-releases-headline", "parameter min_priority", "not a whole number"]),
    "text where a list belongs": (lambda r: add_edition(r, "sanctions_jurisdictions: 5"),
                                  ["edition cumulative-releases-headline", "parameter sanctions_jurisdictions", "not a list"]),
    "value not allowed": (lambda r: add_edition(r, "basis: politcal_prisoners"),
                          ["parameter basis", "did you mean \"political_prisoners\""]),
    "layout not allowed": (lambda r: add_edition(r, "layout: tablet"),
                           ["parameter layout", "desktop, mobile, social"]),
    "malformed date parameter": (lambda r: add_edition(r, "start_date: 2025-02-30"),
                                 ["parameter start_date", "2025-02-30", "not a date"]),
    "end date before start date": (lambda r: add_edition(r, "start_date: '2025-06-01'\nend_date: '2025-01-01'"),
                                   ["parameter end_date", "before start_date"]),
    "date range that selects no events": (
        lambda r: add_edition(r, "start_date: '2024-01-01'\nend_date: '2024-06-30'"),
        ["edition cumulative-releases-headline", "select no release events"]),
    "output_dir set in the plan": (lambda r: add_edition(r, "output_dir: /tmp/elsewhere"),
                                   ["parameter output_dir is set by the render runner"]),
    "priority out of range": (lambda r: add_edition(r, "min_priority: 9"),
                              ["parameter min_priority", "out of range (expected 1 to 2)"]),
    # ---- the data files
    "malformed date": (lambda r: edit(r / RELEASES, E22, "E22,2025-13-12,123,"),
                       ["data/releases.csv line 23, column date", "not a date (expected YYYY-MM-DD)"]),
    "impossible date": (lambda r: edit(r / RELEASES, E22, "E22,2025-02-30,123,"),
                        ["line 23, column date", "not a real calendar date"]),
    "date in the future": (lambda r: edit(r / RELEASES, E22, "E22,2099-12-13,123,"),
                           ["line 23, column date", "in the future"]),
    "negative count": (lambda r: edit(r / RELEASES, E22, "E22,2025-12-13,-123,"),
                       ["line 23, column released_count", "negative"]),
    "fractional count": (lambda r: edit(r / RELEASES, E22, "E22,2025-12-13,12.5,"),
                         ["line 23, column released_count", "not a whole number"]),
    "unknown enum value": (lambda r: edit(r / RELEASES, "high,", "hihg,"),
                           ["data/releases.csv line 2, column confidence", "not one of the allowed values"]),
    "duplicate id": (lambda r: edit(r / RELEASES, "E23,", "E22,"),
                     ["line 24, column release_id", "used twice (first on line 23)"]),
    "missing source": (lambda r: edit(r / "data/milestones.csv", "https://kyma.com/news/2024/07/03/", "x"),
                       ["data/milestones.csv line 3, column source_url", "not a web address"]),
    "milestone id that does not exist": (lambda r: edit(r / RELEASES, ",M028,", ",M999,"),
                                         ["line 23, column milestone_id", "does not exist in data/milestones.csv"]),
    "renamed column": (lambda r: edit(r / RELEASES, "released_count,", "count_released,"),
                       ["data/releases.csv line 1, column released_count", "missing from the header"]),
    "empty data file": (lambda r: (r / "data/sanctions.csv").write_text(""),
                        ["data/sanctions.csv", "file is empty (expected a header row"]),
    "missing data file": (lambda r: (r / "data/people.csv").unlink(), ["data/people.csv", "file is missing"]),
    "byte-order mark": (lambda r: edit_bytes(r / RELEASES, lambda b: b"\xef\xbb\xbf" + b),
                        ["data/releases.csv line 1", "byte-order mark"]),
    "windows line endings": (lambda r: edit_bytes(r / RELEASES, lambda b: b.replace(b"\n", b"\r\n")),
                             ["data/releases.csv line 1", "Windows line endings"]),
    "encoding error": (lambda r: edit_bytes(r / RELEASES, lambda b: b.replace(b"Kastusiou", b"Kastusi\xf2u")),
                       ["data/releases.csv line 2", "not UTF-8"]),
    "stray whitespace": (lambda r: edit(r / RELEASES, E22, "E22, 2025-12-13,123,"),
                         ["line 23, column date", "spaces at the start or end"]),
    "broken datapackage.json": (lambda r: edit(r / "data/datapackage.json", '"resources"', '"resources" ::'),
                                ["data/datapackage.json line", "not valid JSON"]),
    # ---- the contract itself (checked before the data)
    "unknown field type": (lambda r: edit(r / PACKAGE, '"type": "string"', '"type": "strnig"'),
                           ["data/datapackage.json: resource releases, field ",
                            "type 'strnig' is not a Table Schema field type", "did you mean 'string'?"]),
    "resource without fields": (lambda r: edit(r / PACKAGE, '"fields": [', '"columns": ['),
                                ['data/datapackage.json: resource releases has no schema with "fields"']),
    "renamed enum column": (rename_enum_column,
                            ["data/datapackage.json, resource sanctions: has no field jurisdiction with an enum"]),
    # ---- the plan and the stories
    "misspelt defaults key": (lambda r: plan_with(r, "defaults:\n  langauges: [en]\n" + PROBE_PLAN),
                              ["renders.yml, defaults: unknown key 'langauges'", "did you mean 'languages'?"]),
    "an edition dropped from the plan": (lambda r: plan_with(r, PROBE_PLAN.split("  probe-counts:")[0]),
                                         ["render refused: it would unpublish 1 published edition(s)",
                                          "probe-counts", "--allow-unpublish"]),
    "a notebook that is no story's": (other_notebook, ["edition probe-other", "is no story's notebook",
                                                       "src/helpers/stories.py"]),
    "an edition not named after its story": (
        lambda r: plan_with(r, PROBE_PLAN + "  headline:\n    notebook: notebooks/01_cumulative_releases.ipynb\n"),
        ["edition headline", "named after its story", "starting cumulative-releases-"]),
    "a layout the story is not drawn in": (lambda r: plan_with(r, PROBE_PLAN + CLAIMS_SOCIAL),
                                           ["edition claims-check-social", "parameter layout: social is not "
                                            "available for claims-check (expected one of: desktop, mobile)"]),
}


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("published") / "project")
    write_probe_notebook(root)
    (root / "renders.yml").write_text(PROBE_PLAN)
    result = render(root)
    assert result.returncode == 0, result.stderr
    return root


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 30


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_exits_2_with_a_clear_message_and_loses_nothing(published, tmp_path, name):
    mutate, words = CASES[name]
    root = tmp_path / "project"
    shutil.copytree(published, root, symlinks=True)
    before = snapshot(root / "output")
    mutate(root)
    result = render(root, "--force")
    assert result.returncode == 2, (result.returncode, result.stderr)
    for word in words:
        assert word in result.stderr, f"{word!r} not in {result.stderr!r}"
    assert "Traceback" not in result.stderr
    assert not re.search(r"\d\d:\d\d:\d\d start ", result.stderr)   # no notebook was started
    assert snapshot(root / "output") == before


def test_bad_command_line_values_exit_2(published, tmp_path):
    result = render(published, "--jobs", "0")
    assert result.returncode == 2 and "--jobs must be 1 or more" in result.stderr
    unknown = render(published, "--only", "nope")
    assert unknown.returncode == 2 and "no such edition" in unknown.stderr
