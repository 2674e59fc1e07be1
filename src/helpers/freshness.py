"""Is a published figure's data fresh? A figure is stale when the newest dated row it
draws (its metadata's data_to) is older than `stale_after_days` (renders.yml
`defaults: stale_after_days`; helpers.plan holds the default).

A stale figure is not an error (a quiet month happens): the render prints one warning
line per figure, changes.json and the manifest record it, and the site shows a
"data last updated …" notice on it. `--fail-when-stale` (the runner) turns it into exit 1.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import changes
# The setting is read where the rest of the plan is read (renders.yml `defaults: stale_after_days`).
from helpers.plan import DEFAULT_STALE_AFTER_DAYS, stale_after_days  # noqa: F401 (used by the site)


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def is_stale(data_to, days: int, today: dt.date) -> bool:
    newest = _date(data_to)
    return newest is not None and (today - newest).days > days


def stale_figures(output: Path, editions: list[str], days: int = DEFAULT_STALE_AFTER_DAYS,
                  today: dt.date | None = None) -> list[dict]:
    """[{figure, edition, data_to, language, days_old}] for every stale figure in the editions."""
    today = today or dt.date.today()
    found = []
    for name in sorted(editions):
        for meta in changes.read_metadata(output / name):
            if is_stale(meta.get("data_to"), days, today):
                found.append({"figure": meta.get("figure"), "edition": name, "data_to": meta.get("data_to"),
                              "language": meta.get("language"),
                              "days_old": (today - _date(meta["data_to"])).days})
    return found


def warning_lines(stale: list[dict], days: int) -> list[str]:
    """One line per stale figure (its editions together), naming the figure and the date."""
    by_figure: dict[tuple, list[str]] = {}
    for item in stale:
        by_figure.setdefault((item["figure"], item["data_to"], item["days_old"]), []).append(item["edition"])
    return [f"warning: stale data: {figure} has data to {data_to} ({days_old} days old; stale after {days} "
            f"days) in {', '.join(names)}" for (figure, data_to, days_old), names in by_figure.items()]
