"""Each search for new data (data/checks.csv), and what a figure says about it and about its leads.

A quiet month is not stale data if someone looked. A figure carries, in its metadata, the last
check of its story's main dataset (the first its story reads, helpers.stories) and the open leads
it draws (unconfirmed reports, helpers.measures.leads). The render's stale warning, changes.json,
the manifest and the site read those (helpers.freshness): a figure is fresh while the newer of its
last dated row and its last check is recent enough, and the notice names its open leads.

The sentences are whole messages, one per dataset and result, translated through the catalogs
(`make translations`). Standard library only: the site and the runner read this without pandas.
"""

from __future__ import annotations

import datetime as dt

from helpers.i18n.chrome import N_

# What a check found, said for each dataset a story reads first ({date}: the day of the check).
SAID = {
    ("releases", "nothing_new"): N_("Checked {date}: no new confirmed release."),
    ("releases", "rows_added"): N_("Checked {date}: new releases added."),
    ("sanctions", "nothing_new"): N_("Checked {date}: no new sanctions action."),
    ("sanctions", "rows_added"): N_("Checked {date}: new sanctions actions added."),
    ("prisoner_counts", "nothing_new"): N_("Checked {date}: no new count of political prisoners."),
    ("prisoner_counts", "rows_added"): N_("Checked {date}: new counts of political prisoners added."),
}
LEAD_FIELDS = ("release_id", "date", "source_publisher", "source_url", "confirm_url")


def _iso(value) -> str | None:
    if value is None or value != value:          # None, NaT
        return None
    return (value.date() if isinstance(value, dt.datetime) else value).isoformat()


def last_check(checks, dataset: str) -> dict | None:
    """The newest check of a dataset as the figure's metadata records it ({"dataset", "on", "by",
    "result"}), or None. `checks` is the checks frame (or its rows as dicts); the last row of the
    newest day wins."""
    rows = checks.to_dict("records") if hasattr(checks, "to_dict") else list(checks or ())
    found = [row for row in rows if row.get("dataset") == dataset and _iso(row.get("checked_on"))]
    if not found:
        return None
    row = max(enumerate(found), key=lambda pair: (_iso(pair[1]["checked_on"]), pair[0]))[1]
    return {"dataset": dataset, "on": _iso(row["checked_on"]), "by": str(row["checked_by"]),
            "result": str(row["result"])}


def lead_records(leads, dataset: str = "releases") -> list[dict]:
    """The open leads a figure draws, as its metadata records them (dates as YYYY-MM-DD)."""
    rows = leads.to_dict("records") if hasattr(leads, "to_dict") else list(leads or ())
    return [{"dataset": dataset, "id": str(row["release_id"]), "date": _iso(row["date"]),
             "source_publisher": row.get("source_publisher"), "source_url": row.get("source_url"),
             "confirm_url": row.get("confirm_url")} for row in rows]


def fresh_to(meta: dict) -> str | None:
    """The newer of a figure's "Data to" date and its last check (YYYY-MM-DD), or None."""
    dates = [value for value in (meta.get("data_to"), (meta.get("checked") or {}).get("on")) if value]
    return max(str(value)[:10] for value in dates) if dates else None


def check_sentence(t, checked: dict | None) -> str | None:
    """"Checked 3 December 2026: no new confirmed release." in t's language, or None."""
    if not checked or (checked.get("dataset"), checked.get("result")) not in SAID:
        return None
    return t.phrase(SAID[(checked["dataset"], checked["result"])], date=t.date_value(checked["on"]))


def leads_sentence(t, leads: list[dict]) -> str | None:
    """"2 unconfirmed reports of releases are not counted until they are checked: 8 July 2026 (E28) and
    15 September 2026 (E29)." in t's language, or None."""
    if not leads:
        return None
    # TRANSLATORS: one open lead in a list: the date of the reported release and the row's id.
    items = [t.phrase("{date} ({id})", date=t.date_value(lead["date"]), id=lead["id"]) for lead in leads]
    return t.nphrase("{n} unconfirmed report of a release is not counted until it is checked: {list}.",
                     "{n} unconfirmed reports of releases are not counted until they are checked: {list}.",
                     len(leads), list=t.list_of(items))
