"""One builder per figure. Each returns a Figure: the Altair chart, the table of exactly
what it plots (with sources), and alt text written from the data.

Titles, subtitles, source lines and alt text are built here from the data, so a
notebook never types a number into a chart.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from helpers import labels as label_layout
from helpers import measures, theme
from helpers.text import day, month, publishers, wrap

CREDIT = "Graphic: Belarus Releases Desk · Data: CC BY 4.0 · Code: MIT"
LABEL_ROW_HEIGHT = 15
SANCTIONS_LANE = 22     # px at the bottom of the plot for sanctions markers
Y_AXIS_ALLOWANCE = 44   # px taken by the y-axis labels, for label layout
FOOTER_LINE = 14

SANCTION_STYLE = {
    # direction: (legend text, shape, colour, filled)
    "impose": ("Sanctions imposed or tightened", "triangle-up", theme.TIGHTEN, True),
    "tighten": ("Sanctions imposed or tightened", "triangle-up", theme.TIGHTEN, True),
    "ease": ("Eased: licence, firm stays listed", "circle", theme.EASE, False),
    "lift": ("Lifted: delisting", "diamond", theme.LIFT, True),
}


@dataclass
class Figure:
    """A chart ready for export, with the data behind it and a description of it."""

    slug: str
    edition: str
    chart: alt.TopLevelMixin
    table: pd.DataFrame                 # exactly what is plotted, with source URLs
    title: str
    alt_text: str


def edition_size(edition: str) -> tuple[int, int]:
    return theme.EDITION_WIDTHS[edition], theme.EDITION_HEIGHTS[edition]


def footer_layer(lines: list[str], height: int, offset: int) -> alt.Chart:
    """Source lines and credit, drawn below the x axis (Vega-Lite has no footer)."""
    frame = pd.DataFrame({"line": lines, "y": [height + offset + i * FOOTER_LINE for i in range(len(lines))]})
    return alt.Chart(frame).mark_text(align="left", baseline="top", fontSize=10, color=theme.MUTED).encode(
        x=alt.value(0), y=alt.Y("y:Q", scale=None, axis=None), text="line:N")


def _y_domain(total: float, height: int, band_px: int) -> list[float]:
    """Domain putting 0 just above the sanctions lane and the total just below the label band."""
    usable = height - band_px - SANCTIONS_LANE
    span = max(total, 1) * height / usable
    low = -SANCTIONS_LANE / height * span
    return [low, low + span]


def _nice_ticks(total: int) -> list[int]:
    for step in (10, 20, 50, 100, 200, 250, 500, 1000):
        if total / step <= 5:
            return list(range(0, total + 1, step))
    return [0, total]


def cumulative_releases_figure(releases: pd.DataFrame, milestones: pd.DataFrame, sanctions: pd.DataFrame, *,
                               start_date, end_date, basis: str = "official", min_priority: int = 2,
                               sanctions_jurisdictions: list[str] | None = None,
                               edition: str = "desktop") -> Figure:
    """The headline chart: people freed over time, with milestones and sanctions steps."""
    theme.use_house_style()
    width, height = edition_size(edition)
    plot_width = width - Y_AXIS_ALLOWANCE - 28
    start, end = pd.Timestamp(start_date), measures.resolve_end(end_date, releases)
    series = measures.cumulative(releases, basis, start, end)
    events = series.events

    # Milestones: priority 3 is for tables only; the mobile edition labels priority 1 only.
    max_priority = min(min_priority, 2 if edition == "desktop" else 1)
    shown = milestones[(milestones["priority"] <= max_priority)
                       & (milestones["date"] >= start) & (milestones["date"] <= end)].copy()
    linked = releases.groupby("milestone_id")["released_count"].sum()
    shown["importance"] = shown["milestone_id"].map(linked).fillna(0).astype(float)
    max_rows = 4 if edition == "desktop" else 3
    placed = label_layout.place_labels(shown, start, end, plot_width, max_rows)
    placement = {p.milestone_id: p for p in placed}
    shown["row"] = shown["milestone_id"].map(lambda m: placement[m].row if m in placement else None)
    shown = shown[shown["row"].notna()].copy()
    shown["row"] = shown["row"].astype(int)
    shown["align"] = shown["milestone_id"].map(lambda m: placement[m].align)
    shown["label_y"] = shown["row"] * LABEL_ROW_HEIGHT + 2
    shown["rule_top"] = shown["label_y"] + LABEL_ROW_HEIGHT - 2
    band_px = max_rows * LABEL_ROW_HEIGHT + 8

    jurisdictions = sanctions_jurisdictions if sanctions_jurisdictions is not None else ["US"]
    steps = sanctions[sanctions["jurisdiction"].isin(jurisdictions)
                      & (sanctions["date"] >= start) & (sanctions["date"] <= end)].copy()
    steps["style"] = steps["direction"].map(lambda d: SANCTION_STYLE[d][0])

    # The step line starts at zero on the start date and runs on to the end date.
    line = pd.concat([
        pd.DataFrame({"date": [start], "cumulative": [0]}),
        events[["date", "cumulative"]],
        pd.DataFrame({"date": [end], "cumulative": [series.total]}),
    ], ignore_index=True)
    line["cumulative"] = line["cumulative"].astype("int64")

    domain = _y_domain(series.total, height, band_px)
    x = alt.X("date:T", title=None, scale=alt.Scale(domain=[start.isoformat(), end.isoformat()]),
              axis=alt.Axis(format="%b %Y", tickCount=6 if edition == "desktop" else 3))
    y_scale = alt.Scale(domain=domain, nice=False, zero=False)

    step_line = alt.Chart(line).mark_line(interpolate="step-after").encode(
        x=x, y=alt.Y("cumulative:Q", scale=y_scale, title=None,
                     axis=alt.Axis(values=_nice_ticks(series.total), format=",d")))
    points_data = events[["date", "release_id", "freed", "cumulative", "notable_people", "source_publisher"]].copy()
    points_data["freed"] = points_data["freed"].astype("int64")
    points_data["cumulative"] = points_data["cumulative"].astype("int64")
    points_data["notable_people"] = points_data["notable_people"].fillna("—")
    points = alt.Chart(points_data).mark_circle(opacity=0.75, stroke="white", strokeWidth=0.8).encode(
        x="date:T", y=alt.Y("cumulative:Q", scale=y_scale),
        size=alt.Size("freed:Q", scale=alt.Scale(range=[20, 600]), legend=None),
        tooltip=[alt.Tooltip("date:T", title="Date", format="%-d %b %Y"),
                 alt.Tooltip("freed:Q", title="Freed"),
                 alt.Tooltip("cumulative:Q", title="Total so far", format=","),
                 alt.Tooltip("notable_people:N", title="Notable people"),
                 alt.Tooltip("source_publisher:N", title="Source")])

    rule_data = shown[["date", "milestone_id", "label", "label_y", "rule_top", "align", "summary"]]
    rules = alt.Chart(rule_data).mark_rule(strokeDash=[3, 3], strokeWidth=1).encode(
        x="date:T", y=alt.Y("rule_top:Q", scale=None), y2=alt.value(height - SANCTIONS_LANE),
        tooltip=[alt.Tooltip("date:T", format="%-d %b %Y", title="Date"), alt.Tooltip("summary:N", title="What")])
    texts = [alt.Chart(rule_data[rule_data["align"] == side]).mark_text(
        align=side, baseline="top", dx=3 if side == "left" else -3, fontSize=11, color=theme.INK).encode(
        x="date:T", y=alt.Y("label_y:Q", scale=None), text="label:N") for side in ("left", "right")]

    layers = [rules, *texts, step_line, points]
    if len(steps):
        marks = steps[["date", "action_id", "jurisdiction", "direction", "instrument", "target", "style",
                       "source_publisher"]]
        styles = {label: (shape, colour, filled) for label, shape, colour, filled in SANCTION_STYLE.values()}
        order = list(dict.fromkeys(s[0] for s in SANCTION_STYLE.values()))
        layers.append(alt.Chart(marks).mark_point(size=70, strokeWidth=1.6).encode(
            x="date:T", y=alt.value(height - SANCTIONS_LANE / 2),
            shape=alt.Shape("style:N", scale=alt.Scale(domain=order, range=[styles[o][0] for o in order]),
                            legend=alt.Legend(title=f"Sanctions steps ({', '.join(jurisdictions)})",
                                              orient="top", direction="horizontal" if edition == "desktop"
                                              else "vertical", columns=0 if edition == "desktop" else 1)),
            color=alt.Color("style:N", scale=alt.Scale(domain=order, range=[styles[o][1] for o in order])),
            fill=alt.Fill("style:N", scale=alt.Scale(domain=order,
                                                     range=[styles[o][1] if styles[o][2] else "white" for o in order])),
            tooltip=[alt.Tooltip("date:T", format="%-d %b %Y", title="Date"), "jurisdiction:N",
                     alt.Tooltip("instrument:N", title="Instrument"), alt.Tooltip("target:N", title="Target"),
                     alt.Tooltip("source_publisher:N", title="Source")]))

    basis_phrase = "people freed" if basis == "official" else "political prisoners freed"
    title = f"Belarus: {series.total:,} {basis_phrase} since {month(start)}"
    subtitle = ("Cumulative releases and pardons, by official count" if basis == "official"
                else "Cumulative releases, counting only people the rights group Viasna lists as political prisoners")
    subtitle += "; dashed lines mark diplomatic milestones"
    footer = []
    if series.footnote:
        footer += wrap("Note: " + series.footnote, plot_width + Y_AXIS_ALLOWANCE)
    footer += wrap(f"Sources: release counts from {publishers(events)}; "
                   f"sanctions from {publishers(steps) if len(steps) else 'none shown'}. "
                   "Every row's source is in the data file.", plot_width + Y_AXIS_ALLOWANCE)
    footer.append(CREDIT)
    layers.append(footer_layer(footer, height, offset=28))

    chart = alt.layer(*layers).properties(
        width=width, height=height,
        title=alt.TitleParams(wrap(title, width - 30, 11.5), subtitle=wrap(subtitle, width - 30, 6.4)),
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    )

    table = _cumulative_table(events, shown, steps, basis)
    alt_text = _cumulative_alt_text(series, releases, milestones, steps, start, end, jurisdictions)
    slug = "cumulative-releases"
    return Figure(slug, edition, chart, table, title, alt_text)


def _cumulative_table(events, shown, steps, basis) -> pd.DataFrame:
    release_rows = pd.DataFrame({
        "layer": "release", "date": events["date"], "id": events["release_id"],
        "description": events["notable_people"].fillna(""), "value": events["freed"],
        "cumulative": events["cumulative"], "basis": basis,
        "source_publisher": events["source_publisher"], "source_url": events["source_url"],
        "second_source_url": events["second_source_url"]})
    milestone_rows = pd.DataFrame({
        "layer": "milestone", "date": shown["date"], "id": shown["milestone_id"],
        "description": shown["label"], "source_publisher": shown["source_publisher"],
        "source_url": shown["source_url"]})
    sanction_rows = pd.DataFrame({
        "layer": "sanctions", "date": steps["date"], "id": steps["action_id"],
        "description": steps["jurisdiction"].astype(str) + " " + steps["direction"].astype(str) + " ("
        + steps["instrument"].astype(str) + "): " + steps["target"].astype(str),
        "source_publisher": steps["source_publisher"], "source_url": steps["source_url"],
        "second_source_url": steps["second_source_url"]})
    table = pd.concat([release_rows, milestone_rows, sanction_rows], ignore_index=True)
    table["date"] = pd.to_datetime(table["date"]).dt.strftime("%Y-%m-%d")
    return table.sort_values(["date", "layer", "id"], kind="stable").reset_index(drop=True)


def _cumulative_alt_text(series, releases, milestones, steps, start, end, jurisdictions) -> str:
    events = series.events
    who = "people" if series.basis == "official" else "recognised political prisoners"
    if events.empty:
        return (f"Line chart of people freed by Belarus from {day(start)} to {day(end)}. "
                "No release in this period has a known count on this basis.")
    largest = events.loc[events["freed"].astype("int64").idxmax()]
    with_visit = events[events["milestone_id"].isin(measures.us_visit_ids(milestones))]
    parts = [
        f"Step chart of the cumulative number of {who} freed by Belarus from {day(start)} to {day(end)}.",
        f"The total rose from {int(events['freed'].iloc[0]):,} on {day(events['date'].iloc[0])} "
        f"to {series.total:,} by {day(events['date'].iloc[-1])}, over {len(events)} releases.",
        f"The largest single release was {int(largest['freed']):,} on {day(largest['date'])}.",
    ]
    if len(with_visit):
        parts.append(f"{len(with_visit)} releases, totalling {int(with_visit['freed'].sum()):,} {who}, "
                     "came with visits by US officials.")
    if len(steps):
        kinds = steps["direction"].value_counts()
        described = ", ".join(f"{n} {d}" for d, n in kinds.items() if n)
        parts.append(f"Markers along the bottom show {len(steps)} sanctions steps by "
                     f"{', '.join(jurisdictions)} ({described}).")
    if series.footnote:
        parts.append(series.footnote)
    return " ".join(parts)
