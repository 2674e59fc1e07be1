"""After a render publishes: the log names draft languages, the manifest records the review
(languages, stale figures), and --fail-when-stale turns stale data into exit 1 without
holding anything back."""

from __future__ import annotations

import json

from conftest import render
from helpers.i18n.languages import status_lines

EDITIONS = ("cumulative-releases-mobile-en", "cumulative-releases-mobile-be")


def no_checks(project) -> None:
    """data/checks.csv with its header only: a figure's freshness is then its data's alone."""
    checks = project / "data" / "checks.csv"
    checks.write_text(checks.read_text(encoding="utf-8").splitlines(keepends=True)[0], encoding="utf-8")


def only(*names: str) -> list[str]:
    return [arg for name in names for arg in ("--only", name)]


def test_the_log_and_manifest_name_draft_languages_and_stale_figures(project):
    plan = project / "renders.yml"
    # One day, and no recorded check (data/checks.csv emptied to its header): the data's newest row
    # (30 September 2026) is stale whatever day the test runs.
    plan.write_text(plan.read_text().replace("stale_after_days: 45", "stale_after_days: 1"))
    no_checks(project)

    result = render(project, *only(*EDITIONS))

    assert result.returncode == 0, result.stderr
    assert "Draft translations (not yet reviewed by a native speaker): be\n" in result.stderr
    assert "warning: stale data: cumulative-releases has data to 2026-09-30" in result.stderr
    review = json.loads((project / "output" / "manifest.json").read_text())["review"]
    assert review["languages"] == status_lines(["en", "be"])
    assert review["languages"] == ["en: reviewed by source text (the desk)",            # the anchor, written out
                                   "be: draft (translations not yet reviewed by a native speaker)"]
    assert sorted(item["edition"] for item in review["stale"]) == sorted(EDITIONS)
    assert {item["data_to"] for item in review["stale"]} == {"2026-09-30"}


def test_fail_when_stale_exits_1_but_still_publishes(project):
    plan = project / "renders.yml"
    plan.write_text(plan.read_text().replace("stale_after_days: 45", "stale_after_days: 1"))
    no_checks(project)

    result = render(project, *only(EDITIONS[0]), "--fail-when-stale")

    assert result.returncode == 1, result.stderr
    assert "the data of 1 figure(s) is stale: cumulative-releases (--fail-when-stale)" in result.stderr
    published = json.loads((project / "output" / "manifest.json").read_text())["editions"]
    assert list(published) == [EDITIONS[0]]
    assert (project / "output" / EDITIONS[0] / "cumulative-releases.svg").read_text().count("<svg") >= 1
