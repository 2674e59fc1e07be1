"""An edition's inputs are declared (helpers.inputs), and exactly those re-render it.

A copy of the project is made to look fully published (a manifest as a full render leaves it,
every edition up to date and the site built; the edition folders are empty, so no kernel runs).
Then each kind of input is touched (and put back after), and `--list` must name exactly the
editions that depend on it: a Belarusian catalog fix re-renders the 7 Belarusian editions and
nothing else; a stylesheet edit no edition, the site only.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import copy_project
from helpers import manifest
from helpers.inputs import Inputs
from helpers.plan import load_plan
from helpers.render import cli
from helpers.render.checks import site_record

LANGUAGES = ("en", "be", "ru", "uk", "pl", "lt")
CUMULATIVE = {f"cumulative-releases-{layout}-{code}" for layout in ("desktop", "mobile", "social") for code in LANGUAGES}
SANCTIONS = {f"sanctions-and-releases-{layout}-{code}" for layout in ("desktop", "mobile") for code in LANGUAGES}
PRISONERS = {f"prisoners-held-{layout}-{code}" for layout in ("desktop", "mobile") for code in LANGUAGES}
CLAIMS = {"claims-check-desktop"}
EVERY = CUMULATIVE | SANCTIONS | PRISONERS | CLAIMS


def in_language(names: set[str], *codes: str) -> set[str]:
    return {name for name in names if name.rsplit("-", 1)[-1] in codes}


TRANSLATED = in_language(EVERY, "be", "ru", "uk", "pl", "lt")


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{relative} no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(root: Path, relative: str, line: str) -> None:
    path = root / relative
    path.write_text(path.read_text(encoding="utf-8") + line, encoding="utf-8")


def change_first_msgstr(root: Path, code: str) -> None:
    """A translator's fix: one non-empty msgstr of the language's catalog changed."""
    path = root / "locale" / code / "LC_MESSAGES" / "desk.po"
    text, count = re.subn(r'(?m)^msgstr "(?=[^"\n])', 'msgstr "\u00a0', path.read_text(encoding="utf-8"), count=1)
    assert count == 1
    path.write_text(text, encoding="utf-8")


# what is touched -> (the editions that must re-render, whether the site must be rebuilt)
CASES = {
    "a Belarusian catalog fix": (lambda r: change_first_msgstr(r, "be"), in_language(EVERY, "be"), False),
    "a Lithuanian catalog fix": (lambda r: change_first_msgstr(r, "lt"), in_language(EVERY, "lt"), False),
    "the catalog template": (lambda r: append(r, "locale/desk.pot", "\n"), set(), False),
    "the site's stylesheet": (lambda r: append(r, "src/helpers/site/static/site.css", "\n/* edited */\n"), set(), True),
    "a site template": (lambda r: append(r, "src/helpers/site/templates/index.html", "\n"), set(), True),
    "the site's code": (lambda r: append(r, "src/helpers/site/build.py", "\n# edited\n"), set(), True),
    "a reporter tool": (lambda r: append(r, "src/helpers/new_release.py", "\n# edited\n"), set(), False),
    "the runner's decisions": (lambda r: append(r, "src/helpers/render/run.py", "\n# edited\n"), set(), False),
    "the codebook": (lambda r: append(r, "data/README.md", "\nEdited.\n"), set(), False),
    "releases.csv": (lambda r: edit(r, "data/releases.csv", "final 18;", "final 18 ;"), EVERY, False),
    "prisoner_counts.csv": (lambda r: edit(r, "data/prisoner_counts.csv", ",1374,", ",1375,"), PRISONERS, False),
    "sanctions.csv": (lambda r: edit(r, "data/sanctions.csv", "(post-election),", "(after the election),"),
                      CUMULATIVE | SANCTIONS | CLAIMS, False),
    "milestones.csv": (lambda r: edit(r, "data/milestones.csv", "Poland border buffer zone,", "Polish buffer zone,"),
                       CUMULATIVE | CLAIMS, False),
    "reported_totals.csv": (lambda r: edit(r, "data/reported_totals.csv", "115 = 78 + 37.", "115 = 78 + 37"),
                            PRISONERS | CLAIMS, False),
    "claims.csv": (lambda r: edit(r, "data/claims.csv", ",=,865,", ",=,865.0,"), CLAIMS, False),
    "people.csv": (lambda r: edit(r, "data/people.csv", "cancer;", "cancer,"), TRANSLATED | CLAIMS, False),
    "label_translations.csv": (lambda r: edit(r, "data/label_translations.csv", "short lane name; desk draft",
                                              "short lane name - desk draft"), TRANSLATED, False),
    "the data contract": (lambda r: append(r, "data/datapackage.json", "\n"), EVERY, False),
    "the sanctions notebook": (lambda r: edit(r, "notebooks/02_sanctions_and_releases.ipynb",
                                              "# Sanctions against releases", "# Sanctions and releases"),
                               SANCTIONS, False),
    "the revolving door's figure module": (lambda r: append(r, "src/helpers/figures/prisoners_held.py", "\n# x\n"),
                                           PRISONERS, False),
    "the claims checks": (lambda r: append(r, "src/helpers/claims.py", "\n# edited\n"), CLAIMS, False),
    "code every figure uses": (lambda r: append(r, "src/helpers/kit.py", "\n# edited\n"), EVERY, False),
    "the pinned render environment": (lambda r: append(r, "requirements/render.txt", "\n"), EVERY, False),
    "one plan entry's parameters": (lambda r: edit(r, "renders.yml", "      layout: mobile\n\n  # English",
                                                   "      layout: mobile\n      max_gap_days: 90\n\n  # English"),
                                    {f"prisoners-held-mobile-{code}" for code in LANGUAGES}, False),
}


def published_as_if_rendered(root: Path) -> None:
    """output/manifest.json as a full render leaves it: every edition up to date (its folder empty,
    so its files are intact), the site built, each recorded with this copy's inputs."""
    editions = load_plan(root)
    inputs = Inputs(root, editions)
    output = root / "output"
    document = {"editions": {}, "site": site_record(inputs)}
    for edition in editions:
        (output / edition.name).mkdir(parents=True)
        made_from = inputs.of(edition.name)
        document["editions"][edition.name] = {"status": "ok", "parameters": edition.parameters, "outputs": {},
                                              "inputs": made_from, "inputs_hash": manifest.combined(made_from)}
    manifest.write(output, document)


def listed(root: Path, monkeypatch, capsys) -> tuple[dict[str, str], str | None]:
    """`python -m helpers.render --list` in the copy: each edition to render with its reason; the site's line."""
    monkeypatch.setenv("DESK_ROOT", str(root))
    assert cli.main(["--list", "--output", str(root / "output")]) == 0
    lines = capsys.readouterr().out.splitlines()
    due = {line.split()[0]: re.search(r" to render \(([^)]*)\)", line).group(1) for line in lines if " to render (" in line}
    site = next((line for line in lines if line.startswith("site: ")), None)
    return due, site


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("inputs") / "project")
    published_as_if_rendered(root)
    return root


@contextmanager
def put_back(root: Path):
    """Whatever the block edits in the copy (its inputs, not output/) is restored after it."""
    kept = {path: path.read_bytes() for folder in ("data", "locale", "notebooks", "requirements", "src")
            for path in (root / folder).rglob("*") if path.is_file() and "__pycache__" not in path.parts}
    kept[root / "renders.yml"] = (root / "renders.yml").read_bytes()
    try:
        yield
    finally:
        for path, content in kept.items():
            if path.read_bytes() != content:
                path.write_bytes(content)


def test_a_published_copy_lists_everything_up_to_date(published, monkeypatch, capsys):
    assert listed(published, monkeypatch, capsys) == ({}, None)
    assert len(EVERY) == 43


@pytest.mark.parametrize("case", sorted(CASES))
def test_exactly_the_editions_that_depend_on_an_input_re_render(published, monkeypatch, capsys, case):
    touch, expected, site_too = CASES[case]
    with put_back(published):
        touch(published)
        due, site = listed(published, monkeypatch, capsys)
    assert set(due) == expected, sorted(set(due) ^ expected)
    assert (site is not None) == site_too, site
    if case == "a Belarusian catalog fix":
        assert set(due.values()) == {"changed: locale/be/LC_MESSAGES/desk.po"}
    if case == "the site's stylesheet":
        assert site == "site: to rebuild (changed: src/helpers/site/static/site.css)"


@pytest.mark.parametrize("damage", ["missing", "altered"])
def test_an_edition_whose_published_files_are_missing_or_altered_re_renders(published, monkeypatch, capsys, damage):
    """helpers.render.checks.published_intact: the manifest keeps each published file's hash."""
    name = "prisoners-held-mobile-pl"
    folder = published / "output" / name
    kept = (published / "output" / manifest.MANIFEST).read_bytes()
    (folder / "prisoners-held.txt").write_text("Alt text as published.\n", encoding="utf-8")
    document = manifest.read(published / "output")
    document["editions"][name]["outputs"] = manifest.output_hashes(folder)
    manifest.write(published / "output", document)
    try:
        assert listed(published, monkeypatch, capsys) == ({}, None)          # intact: up to date
        if damage == "missing":
            (folder / "prisoners-held.txt").unlink()
        else:
            (folder / "prisoners-held.txt").write_text("Alt text edited by hand.\n", encoding="utf-8")
        assert listed(published, monkeypatch, capsys) == ({name: "published files missing or altered"}, None)
    finally:
        (folder / "prisoners-held.txt").unlink(missing_ok=True)
        (published / "output" / manifest.MANIFEST).write_bytes(kept)
