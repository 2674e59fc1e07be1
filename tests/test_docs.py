"""The front door and the guides say only what is true of the checkout.

README.md stays short (a newcomer reads it in minutes) and points to the guides in docs/; every
link between them reaches a file and a heading that exist; every `make` target, `python -m`
module, render option and `make new-release` option the pages name exists; every file path they
name in backticks is in the checkout. The commands themselves are run by the tests of each
capability (test_render*, test_new_release, test_site, test_review_sheet, ...).
"""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest

from helpers.render.cli import parser as render_parser

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
GUIDES = ("reporters", "editors", "translators", "designers", "maintainers", "architecture", "figures")


def lines(page: Path):
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
        yield f"{page.relative_to(ROOT)}:{number}", line


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.S)          # a '#' in a code block is no heading
    return {slug(match) for match in re.findall(r"^#+ (.+)$", text, re.M)}


def test_readme_is_short_and_links_a_guide_for_every_reader():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 150, "README.md is the front door: keep it under 150 lines"
    for command in ("make render", "make test"):
        assert command in readme.split("## The figures")[0], f"{command} is not in the README's first section"
    for guide in GUIDES:
        assert f"(docs/{guide}.md)" in readme, f"the README does not link docs/{guide}.md"


def test_every_relative_link_reaches_a_file_and_heading():
    broken = []
    for page in PAGES:
        for where, line in lines(page):
            for target in re.findall(r"\]\(([^)\s]+)\)", line):
                if re.match(r"[a-z]+:", target):
                    continue
                path, _, anchor = target.partition("#")
                file = (page.parent / path).resolve() if path else page
                if not file.exists():
                    broken.append(f"{where}: {target} (no such file)")
                elif anchor and file.suffix == ".md" and anchor not in anchors(file):
                    broken.append(f"{where}: {target} (no heading #{anchor} in {file.name})")
    assert not broken, "broken links:\n" + "\n".join(broken)


def test_every_make_target_named_exists():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.M))
    assert {"render", "test", "validate", "new-release", "review-sheet"} <= targets
    unknown = [f"{where}: make {name}" for page in PAGES for where, line in lines(page)
               for name in re.findall(r"\bmake ([a-z][a-z-]*)", line) if name not in targets]
    assert not unknown, "targets the Makefile does not have:\n" + "\n".join(unknown)


def test_every_python_module_named_exists():
    missing = [f"{where}: {name}" for page in PAGES for where, line in lines(page)
               for name in re.findall(r"python -m ((?:helpers|pytest|ipykernel)[\w.]*)", line)
               if find_spec(name) is None]
    assert not missing, "modules that do not exist:\n" + "\n".join(missing)


def test_every_render_option_named_exists():
    options = {option for action in render_parser()._actions for option in action.option_strings}  # noqa: SLF001
    unknown = []
    for page in PAGES:
        for where, line in lines(page):
            if "RENDER_ARGS" in line or "helpers.render" in line or line.startswith("| `--"):
                unknown += [f"{where}: {flag}" for flag in re.findall(r"(?<![\w-])--[a-z][a-z-]*", line)
                            if flag not in options and flag != "--help"]
    assert not unknown, "render options the runner does not have:\n" + "\n".join(unknown)


def test_every_new_release_option_named_exists():
    helped = subprocess.run([sys.executable, "-m", "helpers.new_release", "--help"], capture_output=True,
                            text=True, cwd=ROOT, check=True).stdout
    unknown = []
    for page in PAGES:
        block = False
        for where, line in lines(page):
            block = block or "helpers.new_release" in line
            if block:
                unknown += [f"{where}: {flag}" for flag in re.findall(r"(?<![\w-])--[a-z][a-z-]*", line)
                            if flag not in helped]
            block = block and line.rstrip().endswith("\\")
    assert not unknown, "new-release options that do not exist:\n" + "\n".join(unknown)


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_every_file_path_named_exists(page):
    """`src/helpers/placement.py`, `data/people.csv`, `lab/README.md`: each one is in the checkout."""
    missing = []
    for where, line in lines(page):
        for path in re.findall(r"`((?:src|data|notebooks|tests|bench|docs|lab|locale|requirements|\.github)/"
                               r"[\w./-]+)`", line):
            if not (ROOT / path).exists():
                missing.append(f"{where}: {path}")
    assert not missing, "paths that are not in the checkout:\n" + "\n".join(missing)
