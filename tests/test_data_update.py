"""A reporter's valid data update never breaks the daily run: a release appended with
`make new-release` passes `make validate`, the fact tests (which pin dated facts only) and a render,
which publishes it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT, render, run_module

pytestmark = pytest.mark.slow

NEW_RELEASE = ["--date", "2026-04-02", "--released-count", "12", "--destination", "in_belarus",
               "--source-url", "https://example.org/news/pardon", "--second-source-url", "https://example.org/other/pardon", "--source-publisher", "Example News",
               "--confidence", "medium"]
EDITION = "cumulative-releases-mobile-en"


def test_an_appended_release_passes_validate_the_fact_tests_and_a_render(project):
    added = run_module("helpers.new_release", *NEW_RELEASE, root=project, stdin=subprocess.DEVNULL)
    assert added.returncode == 0, added.stderr
    assert "E30" in added.stdout      # E28, E29 are the leads of issue 20

    for module in (("helpers.data",), ("helpers.i18n", "labels")):            # make validate
        checked = run_module(*module, root=project)
        assert checked.returncode == 0, checked.stderr

    # Every fact test, but the provenance check: the appended release is made up for this test, and
    # its example.org address is in no research dossier (a real reporter's row cites a real page).
    facts = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
                            "-k", "not research_dossier", str(ROOT / "tests" / "test_facts.py")], cwd=ROOT, capture_output=True, text=True,
                           timeout=300, env={**os.environ, "DESK_ROOT": str(project), "PYTHONDONTWRITEBYTECODE": "1"})
    assert facts.returncode == 0, facts.stdout[-3000:]
    assert " passed" in facts.stdout and " failed" not in facts.stdout

    rendered = render(project, "--only", EDITION)
    assert rendered.returncode == 0, rendered.stderr
    meta = json.loads((project / "output" / EDITION / "cumulative-releases.json").read_text(encoding="utf-8"))
    assert meta["data_to"] == "2026-09-30"      # the US removals of 30 September 2026 (S051) stay the newest row
    table = (project / "output" / EDITION / "cumulative-releases.csv").read_text(encoding="utf-8")
    assert "release,2026-04-02,E30," in table
    assert meta["key_numbers"]["people freed"] == 877            # 865 to 19 March 2026, and 12 on 2 April
