"""The static site (output/site/) and the review that runs after each render publishes.

`after_publishing` is the one function the render runner calls, once per render after
its editions are published (and before the versions they replaced are deleted):

    review = helpers.site.after_publishing(output, replaced, reporter, stale_after_days)

It compares each re-rendered edition with the folder it replaced (helpers.changes:
output/CHANGES.md, output/changes.json, one log line per edition; helpers.history keeps every
review that changed something), checks freshness (helpers.freshness: a warning line per stale
figure, counting a figure's last check of its data: helpers.checks), names the open leads the
figures draw (a line each) and rebuilds output/site/ (helpers.site.build), with absolute addresses
when renders.yml sets `site_url`. It returns {"changes": <summary>, "stale": [...], "leads": [...]}
for the manifest, and
"site_rebuilt" (False when the site could not be built: the previous one is kept).
`rebuild` builds the site alone (the runner calls it when only the site's own code changed).
`python -m helpers.site` rebuilds the site alone; `--serve` previews it on 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import changes, freshness, history

NO_SITE_URL = ("warning: renders.yml sets no site_url under defaults:, so the site's links stay relative and "
               "link previews will not show the figures' cards when a page is shared (set it to the site's "
               "address, e.g. the GitHub Pages URL)")


def after_publishing(output: Path, replaced: dict[str, Path | None], reporter,
                     stale_after_days: int = freshness.DEFAULT_STALE_AFTER_DAYS,
                     today: dt.date | None = None, site_url: str | None = None) -> dict:
    """Review what this render changed, check freshness, rebuild the site; return both for the manifest."""
    output = Path(output)
    result = changes.review(replaced, output)
    for entry in result["editions"].values():
        reporter.line(changes.log_line(entry))
    reporter.line(f"change review: {result['summary']}")
    from helpers.site.collect import published_editions

    editions = published_editions(output)
    stale = freshness.stale_figures(output, editions, stale_after_days, today)
    for line in freshness.warning_lines(stale, stale_after_days):
        reporter.line(line)
    leads = freshness.open_leads(output, editions)
    for line in freshness.lead_lines(leads):
        reporter.line(line)
    changes.write(output, result, stale, leads)
    history.record(output, result, reporter)
    rebuilt = rebuild(output, reporter, stale_after_days, today, site_url)
    review = {"changes": {"date": result["date"], "summary": result["summary"], "changed": result["changed"]},
              "stale": [{"figure": s["figure"], "edition": s["edition"], "data_to": s["data_to"],
                         **({"checked_on": s["checked_on"]} if "checked_on" in s else {})} for s in stale],
              "site_rebuilt": rebuilt}
    if leads:
        review["leads"] = leads
    return review


def rebuild(output: Path, reporter, stale_after_days: int = freshness.DEFAULT_STALE_AFTER_DAYS,
            today: dt.date | None = None, site_url: str | None = None) -> bool:
    """Rebuild output/site/; False (and a log line) when it fails: what is published stays published."""
    from helpers.site.build import build

    if not site_url:
        reporter.line(NO_SITE_URL)
    try:
        site = build(Path(output), stale_after_days, today, site_url)
        reporter.line(f"site: {site / 'index.html'}")
        return True
    except Exception as err:   # the editions are already published: a site problem must not undo that
        reporter.line(f"site not rebuilt: {type(err).__name__}: {err} (the previous output/site/ is kept; "
                      "run `make site` to retry)")
        return False
