"""Sanctions against releases: every sanctions action by the chosen jurisdictions on one
time axis, a lane each, with Belarus's releases in a bottom lane; and the table of US
relief steps with the release each followed.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers import data, kit, measures, theme
from helpers.text import count, day, publishers

SLUG = "sanctions-and-releases"
RELEASES_LANE = "Releases"
PRESSURE_ADDED = "Pressure added (impose, tighten)"
RELIEF_GIVEN = "Relief (ease, lift)"
POTASH, OTHER_SECTORS = "Potash", "Other sectors"
# One legend: each kind of mark with its colour (pressure or relief), shape, size and opacity.
SECTORS = [POTASH, OTHER_SECTORS]
MARK_KINDS = {   # kind: (colour, shape); potash marks are also larger and opaque
    "Pressure added: potash": (theme.PRESSURE, "diamond"),
    "Pressure added: other sectors": (theme.PRESSURE, "circle"),
    "Relief: potash": (theme.RELIEF, "diamond"),
    "Relief: other sectors": (theme.RELIEF, "circle"),
}


def _steps(sanctions: pd.DataFrame, jurisdictions, sectors, period: measures.Period) -> pd.DataFrame:
    steps = kit.in_period(sanctions[sanctions["jurisdiction"].isin(jurisdictions) & sanctions["sector"].isin(sectors)],
                          period.start, period.end).copy()
    steps["pressure"] = steps["direction"].map(lambda d: PRESSURE_ADDED if d in measures.PRESSURE else RELIEF_GIVEN)
    steps["potash"] = (steps["sector"] == "potash").map({True: POTASH, False: OTHER_SECTORS})
    steps["kind"] = (steps["pressure"].map({PRESSURE_ADDED: "Pressure added", RELIEF_GIVEN: "Relief"}) + ": "
                     + steps["potash"].map({POTASH: "potash", OTHER_SECTORS: "other sectors"}))
    steps["lane"] = steps["jurisdiction"].astype(str)
    return steps


def _marks(steps: pd.DataFrame, events: pd.DataFrame, lanes: list[str], period, layout: theme.Layout) -> list:
    y = alt.Y("lane:N", sort=lanes, scale=alt.Scale(domain=lanes), title=None,
              axis=alt.Axis(labelFontSize=layout.text_size + 1, labelColor=theme.INK, labelFontWeight="bold"))
    sized = layout.text_size / 11      # marks grow with the layout's text
    kinds, legend = list(MARK_KINDS), kit.legend(None, layout, columns=2)

    def by_kind(channel, position: int):
        return channel("kind:N", sort=kinds, legend=legend,
                       scale=alt.Scale(domain=kinds, range=[v[position] for v in MARK_KINDS.values()]))

    def by_sector(channel, values: list):   # size and opacity repeat the legend's potash/other split
        return channel("potash:N", sort=SECTORS, legend=None, scale=alt.Scale(domain=SECTORS, range=values))

    step_marks = alt.Chart(steps[["date", "action_id", "lane", "jurisdiction", "direction", "instrument", "target",
                                  "sector", "kind", "potash", "source_publisher"]]).mark_point(
        filled=True, strokeWidth=1.2).encode(
        x=kit.date_axis(period.start, period.end, layout, "%Y", "year"), y=y,
        color=by_kind(alt.Color, 0), shape=by_kind(alt.Shape, 1),
        size=by_sector(alt.Size, [140 * sized ** 2, 45 * sized ** 2]), opacity=by_sector(alt.Opacity, [1, 0.45]),
        tooltip=[kit.date_tooltip(), "jurisdiction:N", "direction:N", "instrument:N", "target:N", "sector:N",
                 alt.Tooltip("source_publisher:N", title="Source")])
    points = events[["date", "release_id", "released_count", "source_publisher"]].assign(lane=RELEASES_LANE)
    points["released_count"] = points["released_count"].astype("int64")
    release_marks = alt.Chart(points).mark_circle(color=theme.FREED, opacity=0.7).encode(
        x="date:T", y=alt.Y("lane:N", sort=lanes, scale=alt.Scale(domain=lanes)),
        size=alt.Size("released_count:Q", scale=alt.Scale(range=[15 * sized ** 2, 500 * sized ** 2]), legend=None),
        tooltip=[kit.date_tooltip(), alt.Tooltip("released_count:Q", title="Freed"),
                 alt.Tooltip("source_publisher:N", title="Source")])
    return [step_marks, release_marks]


def sanctions_timeline_figure(sanctions: pd.DataFrame, releases: pd.DataFrame, *, period: measures.Period,
                              layout: theme.Layout, jurisdictions: list[str], sectors: list[str],
                              relief_window_days: int = 7) -> kit.Figure:
    """Sanctions actions by jurisdiction against releases, with the US relief count in the title."""
    theme.use_house_style()
    steps = _steps(sanctions, jurisdictions, sectors, period)
    events = measures.counted_releases(releases, period.start, period.end)
    lanes = [j for j in data.enum("sanctions", "jurisdiction") if j in jurisdictions] + [RELEASES_LANE]
    relief = measures.relief_steps(sanctions, releases, "US", relief_window_days, period.start, period.end)
    near = int(relief["within_window"].sum())
    title = (f"US relief came with releases: {near} of {count(len(relief), 'step')} within "
             f"{count(relief_window_days, 'day')}" if len(relief)
             else "Sanctions on Belarus and the releases of prisoners")
    if not period.open_ended:
        title += f", {period.phrase}"
    subtitle = (f"Sanctions actions by {', '.join(jurisdictions)} {period.phrase}; potash steps as diamonds; "
                "people freed by Belarus in the bottom row")
    newest = kit.newest_date(steps["date"], events["date"])
    sources = (f"Sources: sanctions from {publishers(steps) if len(steps) else 'none shown'}; releases from "
               f"{publishers(events) if len(events) else 'none shown'}. Every row's source is in the data file.")
    footer = kit.footer(layout, [], sources, newest)
    marks = _marks(steps, events, lanes, period, layout)
    chart = kit.fitted(lambda plot_height: kit.framed(marks, layout, plot_height, title, subtitle, footer), layout)

    counts = steps["pressure"].value_counts()
    alt_text = (f"Timeline of {count(len(steps), 'sanctions action')} on Belarus by {', '.join(jurisdictions)} "
                f"{period.phrase} ({day(period.start)} to {day(period.end)}): "
                f"{counts.get(PRESSURE_ADDED, 0)} added pressure and {counts.get(RELIEF_GIVEN, 0)} gave relief, "
                f"with {int((steps['sector'] == 'potash').sum())} on potash. "
                f"A bottom row shows {count(len(events), 'release')} of prisoners. ")
    if len(relief):
        alt_text += (f"Of {count(len(relief), 'US relief step')}, {near} came within "
                     f"{count(relief_window_days, 'day')} of a release; the first was on "
                     f"{day(relief['date'].iloc[0])} and the last on {day(relief['date'].iloc[-1])}. ")
    if newest is not None:
        alt_text += f"Data to {day(newest)}."
    return kit.Figure(SLUG, layout, chart, _table(steps, events), title, subtitle, alt_text.strip(), newest,
                      (period.start, period.end),
                      {"sanctions actions": len(steps), "US relief steps": len(relief),
                       "US relief steps near a release": near})


def _table(steps: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    sanctions = pd.DataFrame({
        "layer": "sanctions", "date": steps["date"], "id": steps["action_id"], "lane": steps["lane"],
        "description": steps["direction"].astype(str) + " (" + steps["instrument"].astype(str) + "): "
        + steps["target"].astype(str), "sector": steps["sector"].astype(str), "value": pd.NA,
        "source_publisher": steps["source_publisher"], "source_url": steps["source_url"]})
    releases = pd.DataFrame({
        "layer": "release", "date": events["date"], "id": events["release_id"], "lane": RELEASES_LANE,
        "description": events["notable_people"].fillna(""), "sector": "", "value": events["released_count"],
        "source_publisher": events["source_publisher"], "source_url": events["source_url"]})
    return kit.download_table([sanctions, releases], ["date", "layer", "id"])


def relief_table(relief: pd.DataFrame) -> pd.DataFrame:
    """The US relief table as published (dates as text)."""
    table = relief.copy()
    for column in ("date", "release_date"):
        table[column] = pd.to_datetime(table[column]).dt.strftime("%Y-%m-%d")
    return table
