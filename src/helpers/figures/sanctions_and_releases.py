"""Sanctions against releases: every sanctions action by the chosen jurisdictions on one
time axis, a lane each, with Belarus's releases in a bottom lane; and the table of US
relief steps with the release each followed.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers import data, frame, kit, measures, theme
from helpers.i18n import Translator
from helpers.stories import story
from helpers.text import TEXT, period_phrase, publishers

SLUG = story("sanctions_and_releases").slug     # the story's one name (helpers.stories)
# English msgids below: the chart shows t._() of each.
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


def _steps(sanctions: pd.DataFrame, jurisdictions, sectors, period: measures.Period, t: Translator) -> pd.DataFrame:
    steps = kit.in_period(sanctions[sanctions["jurisdiction"].isin(jurisdictions) & sanctions["sector"].isin(sectors)],
                          period.start, period.end).copy()
    steps["pressure"] = steps["direction"].map(lambda d: PRESSURE_ADDED if d in measures.PRESSURE else RELIEF_GIVEN)
    steps["potash"] = (steps["sector"] == "potash").map({True: POTASH, False: OTHER_SECTORS})
    english_kind = (steps["pressure"].map({PRESSURE_ADDED: "Pressure added", RELIEF_GIVEN: "Relief"}) + ": "
                    + steps["potash"].map({POTASH: "potash", OTHER_SECTORS: "other sectors"}))
    steps["kind"] = english_kind.map(lambda kind: t._(kind)) if len(steps) else english_kind
    steps["lane"] = [t.label("jurisdiction", j, j) for j in steps["jurisdiction"].astype(str)]
    steps["publisher_shown"] = [t.publisher(p) for p in steps["source_publisher"]]
    return kit.with_dates(steps, t)


def _marks(steps: pd.DataFrame, events: pd.DataFrame, lanes: list[str], period, layout: theme.Layout,
           t: Translator) -> list:
    y = alt.Y("lane:N", sort=lanes, scale=alt.Scale(domain=lanes), title=None,
              axis=alt.Axis(labelFontSize=layout.text_size + 1, labelColor=theme.INK, labelFontWeight="bold"))
    sized = layout.text_size / 11      # marks grow with the layout's text
    kinds = [t._(kind) for kind in MARK_KINDS]
    legend = frame.legend(None, layout, columns=2, entries=kinds)

    def by_kind(channel, position: int):
        return channel("kind:N", sort=kinds, legend=legend,
                       scale=alt.Scale(domain=kinds, range=[v[position] for v in MARK_KINDS.values()]))

    def by_sector(channel, values: list):   # size and opacity repeat the legend's potash/other split
        return channel("potash:N", sort=SECTORS, legend=None, scale=alt.Scale(domain=SECTORS, range=values))

    tooltip = [kit.date_tooltip(t), alt.Tooltip("lane:N", title=t._("Jurisdiction")),
               alt.Tooltip("kind:N", title=t._("Step"))]
    if t.language.is_source:   # instrument and target are English data text, not translated
        tooltip += ["direction:N", "instrument:N", "target:N", "sector:N"]
    step_marks = alt.Chart(steps[["date", kit.DATE_TEXT, "action_id", "lane", "jurisdiction", "direction",
                                  "instrument", "target", "sector", "kind", "potash", "publisher_shown"]]).mark_point(
        filled=True, strokeWidth=1.2).encode(
        x=kit.date_axis(period.start, period.end, layout, t, "y", "year"), y=y,
        color=by_kind(alt.Color, 0), shape=by_kind(alt.Shape, 1),
        size=by_sector(alt.Size, [140 * sized ** 2, 45 * sized ** 2]), opacity=by_sector(alt.Opacity, [1, 0.45]),
        tooltip=tooltip + [alt.Tooltip("publisher_shown:N", title=t._("Source"))])
    points = kit.with_dates(events[["date", "release_id", "released_count", "source_publisher"]], t).assign(
        lane=lanes[-1])
    points["released_count"] = points["released_count"].astype("int64")
    points["source_publisher"] = [t.publisher(p) for p in points["source_publisher"]]
    largest = int(points["released_count"].max()) if len(points) else 0
    release_marks = alt.Chart(points).mark_circle(color=theme.FREED, opacity=0.7).encode(
        x=alt.X("date:T"), y=alt.Y("lane:N", sort=lanes, scale=alt.Scale(domain=lanes)),
        size=alt.Size("released_count:Q", scale=alt.Scale(range=[15 * sized ** 2, 500 * sized ** 2]), legend=None),
        tooltip=[kit.date_tooltip(t), alt.Tooltip("released_count:Q", title=t._("Freed"),
                                                  format=t.count_format(largest)),
                 alt.Tooltip("source_publisher:N", title=t._("Source"))])
    return [step_marks, release_marks]


def _lane_labels_width(lanes: list[str], layout: theme.Layout) -> float:
    """px the lane names take left of the plot (bold, a size up), where the footer cannot start."""
    from helpers.placement import text_width

    return max(text_width(lane, layout.text_size + 1, bold=True) for lane in lanes) + 12


def _within(days: int, t: Translator) -> str:
    """"{n} days" after "within" (its own slot: the case differs after "more than")."""
    return t.npphrase("within {n} days", "{n} day", "{n} days", days)


def _title(relief: pd.DataFrame, near: int, relief_window_days: int, t: Translator) -> str:
    """The title (the period is in the subtitle). Its plural follows {n}, the number of steps."""
    if len(relief):
        return t.headline(t.nphrase("US relief came with releases: {near} of {n} step within {days}",
                                    "US relief came with releases: {near} of {n} steps within {days}", len(relief),
                                    near=near, days=_within(relief_window_days, t)))
    return t.headline(t._("Sanctions on Belarus and the releases of prisoners"))


def sanctions_and_releases_figure(sanctions: pd.DataFrame, releases: pd.DataFrame, *, period: measures.Period,
                              layout: theme.Layout, t: Translator, jurisdictions: list[str], sectors: list[str],
                              relief_window_days: int = 7) -> kit.Figure:
    """Sanctions actions by jurisdiction against releases, with the US relief count in the title, in t's language."""
    theme.use_house_style()
    steps = _steps(sanctions, jurisdictions, sectors, period, t)
    events = measures.counted_releases(releases, period.start, period.end)
    lanes = ([t.label("jurisdiction", j, j) for j in data.enum("sanctions", "jurisdiction") if j in jurisdictions]
             + [t._(RELEASES_LANE)])
    relief = measures.relief_steps(sanctions, releases, "US", relief_window_days, period.start, period.end)
    near = int(relief["within_window"].sum())
    names = t.list_of([t.label("jurisdiction", j, j) for j in jurisdictions])
    title = _title(relief, near, relief_window_days, t)
    subtitle = t.phrase("Sanctions actions ({list}) {period}; potash steps as diamonds; people freed by Belarus "
                        "in the bottom row", list=names,
                        period=period_phrase(period.start, period.end, period.open_ended, t, TEXT))
    newest = kit.newest_date(steps["date"], events["date"])
    sources = ([t.phrase("Sources of the sanctions actions: {list}.", list=publishers(steps, t))] if len(steps) else [])
    sources += [t.phrase("Sources of the release counts: {list}.", list=publishers(events, t))] if len(events) else []
    sources = " ".join(sources + [t._("Every row's source is in the data file.")])
    footer = frame.footer(layout, [], sources, newest, t, indent=_lane_labels_width(lanes, layout))
    marks = _marks(steps, events, lanes, period, layout, t)
    chart = frame.fitted(lambda plot_height: frame.framed(marks, layout, plot_height, title, subtitle, footer), layout)
    table, localized = _table(steps, events, t)
    return kit.Figure(SLUG, layout, chart, table, title, subtitle,
                      _alt_text(steps, events, relief, near, relief_window_days, names, period, newest, t), newest,
                      (period.start, period.end),
                      {"sanctions actions": len(steps), "US relief steps": len(relief),
                       "US relief steps near a release": near},
                      t=t, method_note=t._("Dates are the dates an action took effect or was announced."),
                      headers=kit.table_headers(t), localized=localized)


def _alt_text(steps, events, relief, near, relief_window_days, names, period, newest, t) -> str:
    counts = steps["pressure"].value_counts()
    text = (t.nphrase("Timeline of {n} sanctions action on Belarus ({list}) from {start} to {end}.",
                      "Timeline of {n} sanctions actions on Belarus ({list}) from {start} to {end}.", len(steps),
                      list=names, start=t.date_value(period.start), end=t.date_value(period.end)) + " "
            + t.phrase("Added pressure: {pressure}; gave relief: {relief}; on potash: {potash}.",
                       pressure=int(counts.get(PRESSURE_ADDED, 0)), relief=int(counts.get(RELIEF_GIVEN, 0)),
                       potash=int((steps["sector"] == "potash").sum())) + " "
            + t.nphrase("A bottom row shows {n} release of prisoners.", "A bottom row shows {n} releases of prisoners.",
                        len(events)) + " ")
    if len(relief):
        text += t.phrase("US relief steps in this period: {n}.", n=len(relief)) + " "
        text += t.nphrase("{n} of them came within {days} of a release; the first was on {first} and the last on "
                          "{last}.",
                          "{n} of them came within {days} of a release; the first was on {first} and the last on "
                          "{last}.", near, days=_within(relief_window_days, t),
                          first=t.date_value(relief["date"].iloc[0]), last=t.date_value(relief["date"].iloc[-1])) + " "
    if newest is not None:
        text += t.phrase("Data to {date}", date=t.date_value(newest)) + "."
    return kit.one_full_stop(text)


def _table(steps: pd.DataFrame, events: pd.DataFrame, t: Translator) -> tuple[pd.DataFrame, pd.DataFrame]:
    sanctions = pd.DataFrame({
        "layer": "sanctions", "date": steps["date"], "id": steps["action_id"], "lane": steps["jurisdiction"],
        "lane@": steps["lane"],
        "description": steps["direction"].astype(str) + " (" + steps["instrument"].astype(str) + "): "
        + steps["target"].astype(str), "description@": steps["kind"],
        "sector": steps["sector"].astype(str), "value": pd.NA,
        "source_publisher": steps["source_publisher"], "source_publisher@": steps["publisher_shown"],
        "source_url": steps["source_url"]})
    releases = pd.DataFrame({
        "layer": "release", "date": events["date"], "id": events["release_id"], "lane": RELEASES_LANE,
        "lane@": t._(RELEASES_LANE),
        "description": [n if isinstance(n, str) else "" for n in events["notable_people"]],
        "description@": [t.people(n if isinstance(n, str) else "") for n in events["notable_people"]],
        "sector": "", "value": events["released_count"],
        "source_publisher": events["source_publisher"],
        "source_publisher@": [t.publisher(p) for p in events["source_publisher"]], "source_url": events["source_url"]})
    return kit.tables([sanctions, releases], ["date", "layer", "id"], t)


def relief_table(relief: pd.DataFrame) -> pd.DataFrame:
    """The US relief table as published (dates as text)."""
    table = relief.copy()
    for column in ("date", "release_date"):
        table[column] = pd.to_datetime(table[column]).dt.strftime("%Y-%m-%d")
    return table
