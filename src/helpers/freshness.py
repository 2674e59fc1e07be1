"""Is a published figure's data fresh? A figure is stale when the newer of the newest dated row it
draws (its metadata's data_to) and the last check of its main dataset (its metadata's checked.on,
from data/checks.csv: a quiet month is not stale if someone looked) is older than
`stale_after_days` (renders.yml `defaults: stale_after_days`; helpers.plan holds the default).

A stale figure is not an error (a quiet month happens): the render prints one warning
line per figure, changes.json and the manifest record it, and the site shows a
"data last updated …" notice on it. `--fail-when-stale` (the runner) turns it into exit 1.
The open leads the figures draw (unconfirmed reports, never counted) are named the same ways.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import changes
from helpers.checks import fresh_to
# The setting is read where the rest of the plan is read (renders.yml `defaults: stale_after_days`).
from helpers.plan import DEFAULT_STALE_AFTER_DAYS, stale_after_days  # noqa: F401 (used by the site)


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def is_stale(newest, days: int, today: dt.date) -> bool:
    """`newest`: the figure's freshness date (checks.fresh_to: its data_to or its last check)."""
    newest = _date(newest)
    return newest is not None and (today - newest).days > days


def stale_figures(output: Path, editions: list[str], days: int = DEFAULT_STALE_AFTER_DAYS,
                  today: dt.date | None = None) -> list[dict]:
    """[{figure, edition, data_to, language, days_old}] for every stale figure in the editions, with
    `checked_on` when the figure records a check (days_old counts from the newer of the two)."""
    today = today or dt.date.today()
    found = []
    for name in sorted(editions):
        for meta in changes.read_metadata(output / name):
            newest = fresh_to(meta)
            if is_stale(newest, days, today):
                item = {"figure": meta.get("figure"), "edition": name, "data_to": meta.get("data_to"),
                        "language": meta.get("language"), "days_old": (today - _date(newest)).days}
                if (meta.get("checked") or {}).get("on"):
                    item["checked_on"] = meta["checked"]["on"]
                found.append(item)
    return found


def warning_lines(stale: list[dict], days: int) -> list[str]:
    """One line per stale figure (its editions together), naming the figure and the dates."""
    by_figure: dict[tuple, list[str]] = {}
    for item in stale:
        key = (item["figure"], item["data_to"], item.get("checked_on"), item["days_old"])
        by_figure.setdefault(key, []).append(item["edition"])
    return [f"warning: stale data: {figure} has data to {data_to}"
            + (f", last checked {checked}" if checked else "")
            + f" ({days_old} days old; stale after {days} days) in {', '.join(names)}"
            for (figure, data_to, checked, days_old), names in by_figure.items()]


def open_leads(output: Path, editions: list[str]) -> list[dict]:
    """Every open lead the published figures draw, once each (by dataset and id), in date order."""
    found: dict[tuple, dict] = {}
    for name in sorted(editions):
        for meta in changes.read_metadata(output / name):
            for lead in meta.get("leads") or []:
                if isinstance(lead, dict) and lead.get("id"):
                    found.setdefault((lead.get("dataset"), lead["id"]), lead)
    return sorted(found.values(), key=lambda lead: (str(lead.get("date")), str(lead["id"])))


def lead_lines(leads: list[dict]) -> list[str]:
    """One line per open lead: what it is and the page that would confirm it (`make leads` says more)."""
    return [f"open lead: {lead.get('dataset')} {lead['id']} of {lead.get('date')}: unconfirmed report, not counted; "
            f"to confirm it, open {lead.get('confirm_url') or lead.get('source_url')} (make leads)" for lead in leads]
