"""Which rows a story's figure draws, and which releases count: plain values, before any kernel.

`end_date: latest` ends with the month of the newest confirmed dated row a story's figure draws
(not the newest release: the headline draws the US sanctions steps too, so a quiet spell after
the last release shows as a flat step line). The runner's check of an edition (helpers.stories)
and the figure itself (helpers.measures.period) both ask `period` here, so they agree.

Whether a release counts is the data contract's word: the `status` field of releases lists the
statuses that count ("countedValues": confirmed). A row with another status is a lead (an
unconfirmed report): drawn as a hollow mark, listed by `make leads`, never counted.
helpers.measures.confirmed applies the same rule to a frame; `confirmed` here is its plain-row twin
for the runner, which reads rows before pandas is imported (a test keeps the two in agreement).

Standard library only.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

RELEASES = "releases"     # the dataset of releases, whose `status` says which rows count


def day(value) -> dt.date | None:
    """A row's date as a date (a pandas Timestamp is a datetime), or None."""
    if value is None or value != value:       # None, NaT or NaN
        return None
    return value.date() if isinstance(value, dt.datetime) else value


@functools.lru_cache(maxsize=8)
def _counted_statuses(package_path: str, mtime: float) -> tuple[str, ...] | None:
    from helpers.data.contract import counted_values, resource

    return counted_values(resource(RELEASES, Path(package_path).parent))


def counted_statuses() -> tuple[str, ...] | None:
    """The release statuses that count (data/datapackage.json, the status field's countedValues)."""
    from helpers import paths

    path = paths.data_dir() / "datapackage.json"
    return _counted_statuses(str(path), path.stat().st_mtime)


def confirmed(row: dict) -> bool:
    """A release row whose status counts (a row without a status counts: nothing marks it a lead)."""
    counted = counted_statuses()
    return counted is None or row.get("status") is None or row["status"] in counted


def counted(row: dict) -> bool:
    """A release that counts toward totals: confirmed, and not a context-only row."""
    return confirmed(row) and row.get("counts_toward_total") is True


def newest_drawn(item, parameters: dict, rows: dict) -> dt.date | None:
    """The newest dated row the story's figure draws with these parameters, or None."""
    dates = [found for found in (day(value) for value in (item.draws(parameters, rows) if item.draws else ()))
             if found is not None]
    return max(dates) if dates else None


def period(item, parameters: dict, rows: dict) -> tuple[dt.date, dt.date] | None:
    """The period an edition's start_date/end_date select: "latest" ends with the month of the newest
    confirmed row the figure draws (helpers.params.latest_end). None when the parameters have no
    period, or "latest" finds no row drawn."""
    from helpers.params import LATEST, end_date

    if item is None or "start_date" not in parameters or "end_date" not in parameters:
        return None
    newest = newest_drawn(item, parameters, rows)
    if parameters["end_date"] == LATEST and newest is None:
        return None
    return dt.date.fromisoformat(str(parameters["start_date"])), end_date(parameters["end_date"], newest)


# ------------------------------------------------------------------ what each story draws
# Confirmed rows only: a lead (hollow mark) never moves the end of "latest".

def headline(parameters: dict, rows: dict) -> list:
    """The headline: releases counted on its basis, its jurisdictions' sanctions steps and, where the
    layout labels them, the milestones it may label. The card (a summary) draws no sanctions marks but
    runs as far as the full chart, so that every edition of the figure ends on the same day and its
    flat line says the same: no confirmed release since (and shows the same hollow marks)."""
    from helpers.data import BASIS_COLUMN
    from helpers.layouts import LAYOUTS

    column = BASIS_COLUMN[parameters.get("basis", "official")]
    layout = LAYOUTS[parameters.get("layout", "desktop")]
    dates = [row["date"] for row in rows[RELEASES] if counted(row) and row.get(column) is not None]
    jurisdictions = parameters.get("sanctions_jurisdictions", ["US"])
    dates += [row["date"] for row in rows.get("sanctions", ()) if row["jurisdiction"] in jurisdictions]
    if not layout.summary_only:
        top = min(parameters.get("min_priority", 2), layout.max_priority)
        dates += [row["date"] for row in rows.get("milestones", ()) if row["priority"] <= top]
    return dates


def sanctions(parameters: dict, rows: dict) -> list:
    """The sanctions timeline: its jurisdictions' actions in its sectors, and the counted releases."""
    jurisdictions, sectors = parameters.get("jurisdictions", ()), parameters.get("sectors", ())
    return ([row["date"] for row in rows.get("sanctions", ())
             if row["jurisdiction"] in jurisdictions and row["sector"] in sectors]
            + [row["date"] for row in rows[RELEASES] if counted(row)])


def held(parameters: dict, rows: dict) -> list:
    """The revolving door: Viasna's counts (the others' where shown), the counted releases and, where
    the layout has them, the newly recognised counts of a stated period."""
    from helpers.layouts import LAYOUTS

    summary = LAYOUTS[parameters.get("layout", "desktop")].summary_only
    others = parameters.get("show_other_counts", True) and not summary
    dates = [row["date"] for row in rows.get("prisoner_counts", ()) if row["is_viasna"] is True or others]
    dates += [row["date"] for row in rows[RELEASES] if counted(row)]
    if not summary:
        dates += [row["date"] for row in rows.get("reported_totals", ()) if row["measure"] == "newly_recognised"
                  and row["period_start"] is not None and row["period_end"] is not None]
    return dates
