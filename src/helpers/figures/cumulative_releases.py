"""The headline chart: people freed over time, step by step, with the diplomatic
milestones labelled above and the sanctions steps marked along the bottom.

In the `social` layout (a card) it is reduced to what reads at thumbnail size: the step
line, the total in large type, and the source line.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers import kit, labels, measures, theme
from helpers.text import count, day, publishers

SLUG = "cumulative-releases"
SANCTIONS_LANE = 22     # px at the bottom of the plot for sanctions markers
LABEL_GAP = 2           # px between a label row's top and its text

# How each sanctions direction is drawn; the meaning of the directions is measures.PRESSURE/RELIEF.
SANCTION_MARKS = {
    "impose": ("Sanctions imposed or tightened", "triangle-up", theme.PRESSURE, True),
    "tighten": ("Sanctions imposed or tightened", "triangle-up", theme.PRESSURE, True),
    "ease": ("Eased: licence, firm stays listed", "circle", theme.RELIEF, False),
    "lift": ("Lifted: delisting", "diamond", theme.LIFTED, True),
}


def y_axis_allowance(layout: theme.Layout) -> int:
    """px the y-axis labels take (four digits at the layout's text size)."""
    return layout.text_size * 4


def plot_width(layout: theme.Layout) -> float:
    return layout.width - y_axis_allowance(layout) - 28


def _y_domain(total: float, height: int, top_px: int, bottom_px: int) -> list[float]:
    """A domain putting 0 just above the bottom lane and the total just below the top band."""
    span = max(total, 1) * height / (height - top_px - bottom_px)
    low = -bottom_px / height * span
    return [low, low + span]


def _nice_ticks(total: int) -> list[int]:
    for step in (10, 20, 50, 100, 200, 250, 500, 1000):
        if total / step <= 5:
            return list(range(0, total + 1, step))
    return [0, total]


def placed_milestones(milestones: pd.DataFrame, releases: pd.DataFrame, period: measures.Period,
                      layout: theme.Layout, min_priority: int) -> pd.DataFrame:
    """The milestones that get a label, with the row and side of each (helpers.labels)."""
    if layout.summary_only:
        return milestones.iloc[0:0].assign(row=0, align="left", label_y=0, rule_top=0)
    max_priority = min(min_priority, layout.max_priority)
    shown = kit.in_period(milestones[milestones["priority"] <= max_priority], period.start, period.end).copy()
    linked = releases.groupby("milestone_id")["released_count"].sum()
    shown["importance"] = shown["milestone_id"].map(linked).fillna(0).astype(float)
    placed = {p.milestone_id: p for p in labels.place_labels(
        shown, period.start, period.end, plot_width(layout), layout.label_rows, labels.char_width(layout.text_size))}
    shown = shown[shown["milestone_id"].isin(placed)].copy()
    shown["row"] = shown["milestone_id"].map(lambda m: placed[m].row).astype(int)
    shown["align"] = shown["milestone_id"].map(lambda m: placed[m].align)
    shown["label_y"] = shown["row"] * layout.line_height + LABEL_GAP
    shown["rule_top"] = shown["label_y"] + layout.line_height - LABEL_GAP
    return shown


def _milestone_layers(shown: pd.DataFrame, layout: theme.Layout, plot_height: int) -> list:
    """One dashed rule per date (two milestones on one day share it), and the labels."""
    rules = shown.sort_values("rule_top").drop_duplicates("date")[["date", "rule_top", "summary"]]
    rule_layer = alt.Chart(rules).mark_rule(strokeDash=[3, 3], strokeWidth=1).encode(
        x="date:T", y=alt.Y("rule_top:Q", scale=None), y2=alt.value(plot_height - SANCTIONS_LANE),
        tooltip=[kit.date_tooltip(), alt.Tooltip("summary:N", title="What")])
    texts = [alt.Chart(shown[shown["align"] == side][["date", "label", "label_y"]]).mark_text(
        align=side, baseline="top", dx=3 if side == "left" else -3, fontSize=layout.text_size, color=theme.INK).encode(
        x="date:T", y=alt.Y("label_y:Q", scale=None), text="label:N") for side in ("left", "right")]
    return [rule_layer, *texts]


def _sanctions_layer(steps: pd.DataFrame, jurisdictions: list[str], layout: theme.Layout, plot_height: int):
    order = list(dict.fromkeys(mark[0] for mark in SANCTION_MARKS.values()))
    style = {name: (shape, colour, filled) for name, shape, colour, filled in SANCTION_MARKS.values()}
    marks = steps[["date", "action_id", "jurisdiction", "direction", "instrument", "target", "source_publisher"]].assign(
        style=steps["direction"].map(lambda d: SANCTION_MARKS[d][0]))
    scale = {"domain": order}
    return alt.Chart(marks).mark_point(size=70, strokeWidth=1.6).encode(
        x="date:T", y=alt.value(plot_height - SANCTIONS_LANE / 2),
        shape=alt.Shape("style:N", scale=alt.Scale(**scale, range=[style[o][0] for o in order]),
                        legend=kit.legend(f"Sanctions steps ({', '.join(jurisdictions)})", layout)),
        color=alt.Color("style:N", scale=alt.Scale(**scale, range=[style[o][1] for o in order])),
        fill=alt.Fill("style:N", scale=alt.Scale(**scale, range=[style[o][1] if style[o][2] else "white"
                                                                 for o in order])),
        tooltip=[kit.date_tooltip(), "jurisdiction:N", alt.Tooltip("instrument:N", title="Instrument"),
                 alt.Tooltip("target:N", title="Target"), alt.Tooltip("source_publisher:N", title="Source")])


def _key_number_layer(total: int, caption: str, layout: theme.Layout) -> list:
    """The card's headline number, large, in the empty top-left of the plot."""
    number = alt.Chart(pd.DataFrame({"text": [f"{total:,}"]})).mark_text(
        align="left", baseline="top", fontSize=layout.key_number_size, fontWeight="bold", color=theme.FREED).encode(
        x=alt.value(0), y=alt.value(0), text="text:N")
    words = alt.Chart(pd.DataFrame({"text": [caption]})).mark_text(
        align="left", baseline="top", fontSize=layout.subtitle_size, color=theme.INK).encode(
        x=alt.value(4), y=alt.value(layout.key_number_size + 4), text="text:N")
    return [number, words]


def cumulative_releases_figure(releases: pd.DataFrame, milestones: pd.DataFrame, sanctions: pd.DataFrame, *,
                               period: measures.Period, layout: theme.Layout, basis: str = "official",
                               min_priority: int = 2, sanctions_jurisdictions: list[str] | None = None) -> kit.Figure:
    """People freed over the period, with milestones and the chosen jurisdictions' sanctions steps."""
    theme.use_house_style()
    series = measures.cumulative(releases, basis, period.start, period.end)
    events = series.events
    jurisdictions = sanctions_jurisdictions if sanctions_jurisdictions is not None else ["US"]
    steps = kit.in_period(sanctions[sanctions["jurisdiction"].isin(jurisdictions)], period.start, period.end)
    if layout.summary_only:
        steps = steps.iloc[0:0]
    shown = placed_milestones(milestones, releases, period, layout, min_priority)
    people = count(series.total, "person", "people") if basis == "official" \
        else count(series.total, "political prisoner")
    title = f"Belarus: {people} freed {period.phrase}"
    subtitle = ("Cumulative releases and pardons, by official count" if basis == "official"
                else "Cumulative releases, counting only people the rights group Viasna lists as political prisoners")
    if len(shown):
        subtitle += "; dashed lines mark diplomatic milestones"
    newest = kit.newest_date(events["date"], shown["date"], steps["date"])
    notes = [] if layout.summary_only or not series.footnote else ["Note: " + series.footnote]
    sources = (f"Sources: release counts from {publishers(events)}" + (
        f"; sanctions from {publishers(steps)}" if len(steps) else "") + ". Every row's source is in the data file.")
    footer = kit.footer(layout, notes, sources, newest)

    def draw(plot_height: int) -> alt.LayerChart:
        top_px = (layout.label_rows * layout.line_height + 8) if len(shown) else 0
        if layout.key_number_size:
            top_px = layout.key_number_size + layout.subtitle_size + 16
        bottom_px = SANCTIONS_LANE if len(steps) or len(shown) else 4
        y_scale = alt.Scale(domain=_y_domain(series.total, plot_height, top_px, bottom_px), nice=False, zero=False)
        line = alt.Chart(kit.step_line(events, period.start, period.end, series.total)).mark_line(
            interpolate="step-after").encode(
            x=kit.date_axis(period.start, period.end, layout),
            y=alt.Y("cumulative:Q", scale=y_scale, title=None, axis=alt.Axis(
                values=_nice_ticks(series.total), format=",d", labelFontSize=layout.text_size)))
        points = alt.Chart(_points(events)).mark_circle(opacity=0.75, stroke="white", strokeWidth=0.8).encode(
            x="date:T", y=alt.Y("cumulative:Q", scale=y_scale),
            size=alt.Size("freed:Q", scale=alt.Scale(range=[20, 600]), legend=None),
            tooltip=[kit.date_tooltip(), alt.Tooltip("freed:Q", title="Freed"),
                     alt.Tooltip("cumulative:Q", title="Total so far", format=","),
                     alt.Tooltip("notable_people:N", title="Notable people"),
                     alt.Tooltip("source_publisher:N", title="Source")])
        layers = [*(_milestone_layers(shown, layout, plot_height) if len(shown) else []), line, points]
        if len(steps):
            layers.append(_sanctions_layer(steps, jurisdictions, layout, plot_height))
        if layout.key_number_size:
            layers += _key_number_layer(series.total, f"{'people' if basis == 'official' else 'political prisoners'}"
                                                      f" freed {period.phrase}", layout)
        return kit.framed(layers, layout, plot_height, title, subtitle, footer)

    return kit.Figure(
        SLUG, layout, kit.fitted(draw, layout), _table(events, shown, steps, basis), title, subtitle,
        _alt_text(series, milestones, steps, period, jurisdictions, newest), newest, (period.start, period.end),
        {"people freed": series.total, "releases": len(events)})


def _points(events: pd.DataFrame) -> pd.DataFrame:
    points = events[["date", "release_id", "freed", "cumulative", "notable_people", "source_publisher"]].copy()
    points["freed"] = points["freed"].astype("int64")
    points["cumulative"] = points["cumulative"].astype("int64")
    points["notable_people"] = points["notable_people"].fillna("—")
    return points


def _table(events, shown, steps, basis) -> pd.DataFrame:
    releases = pd.DataFrame({
        "layer": "release", "date": events["date"], "id": events["release_id"],
        "description": events["notable_people"].fillna(""), "value": events["freed"],
        "cumulative": events["cumulative"], "basis": basis,
        "source_publisher": events["source_publisher"], "source_url": events["source_url"],
        "second_source_url": events["second_source_url"]})
    milestones = pd.DataFrame({
        "layer": "milestone", "date": shown["date"], "id": shown["milestone_id"], "description": shown["label"],
        "source_publisher": shown["source_publisher"], "source_url": shown["source_url"]})
    sanctions = pd.DataFrame({
        "layer": "sanctions", "date": steps["date"], "id": steps["action_id"],
        "description": steps["jurisdiction"].astype(str) + " " + steps["direction"].astype(str) + " ("
        + steps["instrument"].astype(str) + "): " + steps["target"].astype(str),
        "source_publisher": steps["source_publisher"], "source_url": steps["source_url"],
        "second_source_url": steps["second_source_url"]})
    return kit.download_table([releases, milestones, sanctions], ["date", "layer", "id"])


def _alt_text(series, milestones, steps, period, jurisdictions, newest) -> str:
    events = series.events
    who = "people" if series.basis == "official" else "recognised political prisoners"
    if events.empty:
        return (f"Line chart of people freed by Belarus {period.phrase}. "
                "No release in this period has a known count on this basis.")
    largest = events.loc[events["freed"].astype("int64").idxmax()]
    with_visit = events[events["milestone_id"].isin(measures.us_visit_ids(milestones))]
    parts = [
        f"Step chart of the cumulative number of {who} freed by Belarus {period.phrase} "
        f"({day(period.start)} to {day(period.end)}).",
        f"The total rose from {int(events['freed'].iloc[0]):,} on {day(events['date'].iloc[0])} "
        f"to {series.total:,} by {day(events['date'].iloc[-1])}, over {count(len(events), 'release')}.",
        f"The largest single release was {int(largest['freed']):,} on {day(largest['date'])}.",
    ]
    if len(with_visit):
        parts.append(f"{count(len(with_visit), 'release')}, totalling {int(with_visit['freed'].sum()):,} {who}, "
                     f"came with visits by US officials.")
    if len(steps):
        kinds = steps["direction"].value_counts()
        described = ", ".join(f"{n} {d}" for d, n in kinds.items() if n)
        parts.append(f"Markers along the bottom show {count(len(steps), 'sanctions step')} by "
                     f"{', '.join(jurisdictions)} ({described}).")
    if series.footnote:
        parts.append(series.footnote)
    parts.append(f"Data to {day(newest)}.")
    return " ".join(parts)
