"""Unconfirmed reports of releases (leads) on the headline chart: visible, never counted.

A lead (a release row whose status the data contract does not count, helpers.measures.leads) is
drawn as a hollow circle on the step line at its date: the line does not rise, since nothing
confirmed happened. The footnote counts and names them, the tooltip says "unconfirmed report" with
its source, the alt text says it, and the get-the-data table carries each row's status. The
figure's metadata lists them (helpers.checks.lead_records) for the stale warning, the change
review, the site's notice and `make leads`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers import kit, measures, theme
from helpers.i18n import Translator
from helpers.i18n.chrome import N_

WHAT = N_("Unconfirmed report, not counted")      # the tooltip's "What" of a hollow mark


def leads_in(releases: pd.DataFrame, events: pd.DataFrame, period) -> pd.DataFrame:
    """The period's leads, each at the step line's level on its date (the total of the counted
    releases up to then): a hollow mark sits on the line, it never lifts it."""
    found = measures.leads(releases, period.start, period.end)
    level = [int(events.loc[events["date"] <= day, "cumulative"].iloc[-1]) if (events["date"] <= day).any() else 0
             for day in found["date"]]
    return found.assign(cumulative=pd.Series(level, index=found.index, dtype="int64"))


def layer(leads: pd.DataFrame, y_scale: alt.Scale, layout: theme.Layout, t: Translator) -> alt.Chart:
    """Hollow circles in the colour of people freed, larger than a small release's dot."""
    marks = kit.with_dates(leads[["date", "release_id", "cumulative", "source_publisher"]], t).assign(
        what=t._(WHAT), source_publisher=[t.publisher(p) for p in leads["source_publisher"]])
    size = 14 * layout.text_size
    return alt.Chart(marks).mark_point(shape="circle", filled=False, size=size, strokeWidth=2.2, strokeDash=[4, 2],
                                       color=theme.FREED, opacity=1).encode(
        x=alt.X("date:T"), y=alt.Y("cumulative:Q", scale=y_scale),
        tooltip=[kit.date_tooltip(t), alt.Tooltip("what:N", title=t._("What")),
                 alt.Tooltip("source_publisher:N", title=t._("Source"))])


def note(leads: pd.DataFrame, t: Translator) -> list[str]:
    """The sentence that counts and names the hollow marks (none when there is no lead): the
    footnote, the method note and the alt text say it alike."""
    if leads.empty:
        return []
    # TRANSLATORS: {list}: the leads' dates, e.g. "8 July 2026 and 15 September 2026".
    return [t.nphrase("Hollow circle on the line: {n} unconfirmed report of a release ({list}), not counted in any "
                      "total.",
                      "Hollow circles on the line: {n} unconfirmed reports of releases ({list}), not counted in any "
                      "total.", len(leads), list=_dates(leads, t))]


def _dates(leads: pd.DataFrame, t: Translator) -> str:
    return t.list_of([format(t.date_value(day)) for day in leads["date"]])


def table_rows(leads: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """The leads' rows of the get-the-data table: status unconfirmed, no value, no total."""
    return pd.DataFrame({
        "layer": "release", "status": "unconfirmed", "date": leads["date"], "id": leads["release_id"],
        "description": "", "description@": "", "value": pd.Series(pd.NA, index=leads.index, dtype="Int64"),
        "basis": None, "source_publisher": leads["source_publisher"],
        "source_publisher@": [t.publisher(p) for p in leads["source_publisher"]],
        "source_url": leads["source_url"], "second_source_url": leads["second_source_url"]})
