"""Freshness: a figure whose newest dated row is older than stale_after_days is flagged."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from helpers import freshness
from helpers.plan import PlanError

TODAY = dt.date(2026, 5, 4)


def publish(output, edition, figure, data_to, language="en"):
    folder = output / edition
    folder.mkdir(parents=True)
    (folder / f"{figure}.json").write_text(json.dumps({"figure": figure, "data_to": data_to, "language": language}))


def test_the_plan_sets_the_threshold_and_a_bad_value_is_named(project):
    assert freshness.stale_after_days(project) == 45
    plan = project / "renders.yml"
    plan.write_text(plan.read_text().replace("stale_after_days: 45", "stale_after_days: 10"))
    assert freshness.stale_after_days(project) == 10
    plan.write_text(plan.read_text().replace("stale_after_days: 10", "stale_after_days: soon"))
    with pytest.raises(PlanError, match=r"renders.yml, defaults: stale_after_days 'soon' is not a whole number of days"):
        freshness.stale_after_days(project)
    plan.write_text(re.sub(r"(?m)^  stale_after_days: soon.*\n", "", plan.read_text()))
    assert freshness.stale_after_days(project) == freshness.DEFAULT_STALE_AFTER_DAYS


def test_only_figures_older_than_the_threshold_are_stale(tmp_path):
    publish(tmp_path, "old-desktop", "old", "2026-03-19")           # 46 days before TODAY
    publish(tmp_path, "old-mobile", "old", "2026-03-19")
    publish(tmp_path, "edge-desktop", "edge", "2026-03-20")         # exactly 45 days: still fresh
    publish(tmp_path, "undated-desktop", "undated", None)           # no dated rows: never stale
    stale = freshness.stale_figures(tmp_path, ["old-desktop", "old-mobile", "edge-desktop", "undated-desktop"],
                                    45, TODAY)
    assert [(s["figure"], s["edition"], s["data_to"], s["days_old"]) for s in stale] == [
        ("old", "old-desktop", "2026-03-19", 46), ("old", "old-mobile", "2026-03-19", 46)]
    assert freshness.warning_lines(stale, 45) == [
        "warning: stale data: old has data to 2026-03-19 (46 days old; stale after 45 days) "
        "in old-desktop, old-mobile"]
    assert freshness.stale_figures(tmp_path, ["old-desktop"], 46, TODAY) == []


def test_the_hook_returns_the_stale_figures_and_the_site_shows_the_notice(tmp_path):
    from helpers.site import after_publishing

    publish(tmp_path, "old-desktop", "old", "2026-03-19")
    publish(tmp_path, "new-desktop", "new", "2026-05-01")
    (tmp_path / "manifest.json").write_text(json.dumps({"editions": {"old-desktop": {}, "new-desktop": {}}}))

    class Log:
        lines: list[str] = []

        def line(self, text):
            self.lines.append(text)

    review = after_publishing(tmp_path, {"old-desktop": None}, Log(), stale_after_days=45, today=TODAY)
    assert review["stale"] == [{"figure": "old", "edition": "old-desktop", "data_to": "2026-03-19"}]
    assert "warning: stale data: old has data to 2026-03-19 (46 days old; stale after 45 days) in old-desktop" \
        in Log.lines
    assert json.loads((tmp_path / "changes.json").read_text())["stale"][0]["figure"] == "old"
    old_page = (tmp_path / "site" / "figure" / "old-en.html").read_text()
    new_page = (tmp_path / "site" / "figure" / "new-en.html").read_text()
    assert "Data last updated 19 March 2026." in old_page
    assert "Data last updated" not in new_page and "Data to 1 May 2026" in new_page
