"""The headline chart: people freed over time, step by step, with the diplomatic
milestones labelled above and the sanctions steps marked along the bottom.

In the `social` layout (a card) it is reduced to what reads at thumbnail size: the step
line, the total in large type, and the source line.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers import kit, labels, measures, theme
from helpers.i18n import Translator
from helpers.stories import story
from helpers.text import period_phrase, publishers

SLUG = story("cumulative_releases").slug     # the story's one name (helpers.stories)
SANCTIONS_LANE = 22     # px at the bottom of the plot for sanctions markers
LABEL_GAP = 2           # px between a label row's top and its text

# How each sanctions direction is drawn (English msgids; t._ gives the legend entry);
# the meaning of the directions is measures.PRESSURE/RELIEF.
SANCTION_MARKS = {
    "impose": ("Sanctions imposed or tightened", "triangle-up", theme.PRESSURE, True),
    "tighten": ("Sanctions imposed or tightened", "triangle-up", theme.PRESSURE, True),
    "ease": ("Eased: licence, firm stays listed", "circle", theme.RELIEF, False),
    "lift": ("Lifted: delisting", "diamond", theme.LIFTED, True),
}


def y_axis_allowance(layout: theme.Layout) -> int:
    """px the y-axis labels take (four digits at the layout's text size)."""
    return layout.text_size * 4   # "1 234" with a no-break space is no wider than "1,234"


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
                      layout: theme.Layout, min_priority: int, t: Translator) -> pd.DataFrame:
    """The milestones that get a label, with the row and side of each (helpers.labels).

    `label` is the language's text; a milestone whose label has no published form in the
    language (unconfirmed) is left out (`left_out` in attrs counts them)."""
    if layout.summary_only:
        shown = milestones.iloc[0:0].assign(row=0, align="left", label_y=0, rule_top=0)
        shown.attrs["left_out"] = 0
        return shown
    max_priority = min(min_priority, layout.max_priority)
    shown = kit.in_period(milestones[milestones["priority"] <= max_priority], period.start, period.end).copy()
    shown["label"] = [t.optional_label("milestone", m, label) for m, label in zip(shown["milestone_id"], shown["label"])]
    left_out = int(shown["label"].isna().sum())
    shown = shown[shown["label"].notna()].copy()
    linked = releases.groupby("milestone_id")["released_count"].sum()
    shown["importance"] = shown["milestone_id"].map(linked).fillna(0).astype(float)
    placed = {p.milestone_id: p for p in labels.place_labels(
        shown, period.start, period.end, plot_width(layout), layout.label_rows, labels.char_width(layout.text_size))}
    shown = shown[shown["milestone_id"].isin(placed)].copy()
    shown["row"] = shown["milestone_id"].map(lambda m: placed[m].row).astype(int)
    shown["align"] = shown["milestone_id"].map(lambda m: placed[m].align)
    shown["label_y"] = shown["row"] * layout.line_height + LABEL_GAP
    shown["rule_top"] = shown["label_y"] + layout.line_height - LABEL_GAP
    shown.attrs["left_out"] = left_out
    return shown


def _milestone_layers(shown: pd.DataFrame, layout: theme.Layout, plot_height: int, t: Translator) -> list:
    """One dashed rule per date (two milestones on one day share it), and the labels."""
    rules = kit.with_dates(shown.sort_values("rule_top").drop_duplicates("date")[["date", "rule_top", "label"]], t)
    rule_layer = alt.Chart(rules).mark_rule(strokeDash=[3, 3], strokeWidth=1).encode(
        x=alt.X("date:T"), y=alt.Y("rule_top:Q", scale=None), y2=alt.Y2Value(plot_height - SANCTIONS_LANE),
        tooltip=[kit.date_tooltip(t), alt.Tooltip("label:N", title=t._("What"))])
    texts = [alt.Chart(shown[shown["align"] == side][["date", "label", "label_y"]]).mark_text(
        align=side, baseline="top", dx=3 if side == "left" else -3, fontSize=layout.text_size, color=theme.INK).encode(
        x=alt.X("date:T"), y=alt.Y("label_y:Q", scale=None), text=alt.Text("label:N")) for side in ("left", "right")]
    return [rule_layer, *texts]


def _sanctions_layer(steps: pd.DataFrame, jurisdictions: list[str], layout: theme.Layout, plot_height: int,
                     t: Translator):
    entries = {direction: t._(mark[0]) for direction, mark in SANCTION_MARKS.items()}
    order = list(dict.fromkeys(entries.values()))
    style = {entries[d]: (shape, colour, filled) for d, (_, shape, colour, filled) in SANCTION_MARKS.items()}
    marks = kit.with_dates(steps[["date", "action_id", "jurisdiction", "direction", "instrument", "target",
                                  "source_publisher"]], t).assign(
        style=steps["direction"].map(entries), lane=[t.label("jurisdiction", j, j) for j in steps["jurisdiction"]])
    scale = {"domain": order}
    names = t.list_of([t.label("jurisdiction", j, j) for j in jurisdictions])
    tooltip = [kit.date_tooltip(t), alt.Tooltip("lane:N", title=t._("Jurisdiction")),
               alt.Tooltip("style:N", title=t._("Step"))]
    if t.language.is_source:   # instrument and target are English data text, not translated
        tooltip += [alt.Tooltip("instrument:N", title="Instrument"), alt.Tooltip("target:N", title="Target")]
    return alt.Chart(marks).mark_point(size=70, strokeWidth=1.6).encode(
        x=alt.X("date:T"), y=alt.YValue(plot_height - SANCTIONS_LANE / 2),
        shape=alt.Shape("style:N", scale=alt.Scale(**scale, range=[style[o][0] for o in order]),
                        legend=kit.legend(t.phrase("Sanctions steps ({list})", list=names), layout, entries=order)),
        color=alt.Color("style:N", scale=alt.Scale(**scale, range=[style[o][1] for o in order])),
        fill=alt.Fill("style:N", scale=alt.Scale(**scale, range=[style[o][1] if style[o][2] else "white"
                                                                 for o in order])),
        tooltip=tooltip + [alt.Tooltip("source_publisher:N", title=t._("Source"))])


def _key_number_layer(total: int, caption: str, layout: theme.Layout, t: Translator) -> list:
    """The card's headline number, large, in the empty top-left of the plot."""
    number = alt.Chart(pd.DataFrame({"text": [t.number(total)]})).mark_text(
        align="left", baseline="top", fontSize=layout.key_number_size, fontWeight="bold", color=theme.FREED).encode(
        x=alt.XValue(0), y=alt.YValue(0), text=alt.Text("text:N"))
    words = alt.Chart(pd.DataFrame({"text": [caption]})).mark_text(
        align="left", baseline="top", fontSize=layout.subtitle_size, color=theme.INK).encode(
        x=alt.XValue(4), y=alt.YValue(layout.key_number_size + 4), text=alt.Text("text:N"))
    return [number, words]


def _words(series, shown, steps, events, period_words: str, layout: theme.Layout, t: Translator, basis: str):
    """Title, subtitle, footer notes and sources line."""
    if basis == "official":
        title = t.nphrase("Belarus: {n} person freed {period}", "Belarus: {n} people freed {period}",
                          series.total, period=period_words)
        subtitle = t._("Cumulative releases and pardons, by official count")
    else:
        title = t.nphrase("Belarus: {n} political prisoner freed {period}",
                          "Belarus: {n} political prisoners freed {period}", series.total, period=period_words)
        subtitle = t._("Cumulative releases, counting only people the rights group Viasna lists as political prisoners")
    if len(shown):
        subtitle += "; " + t._("dashed lines mark diplomatic milestones")
    notes = []
    if not layout.summary_only and series.unknown_events:
        notes.append(_unknown_note(series, t))
    left_out = shown.attrs.get("left_out", 0)
    if left_out and not layout.summary_only:
        notes.append(kit.left_out_note(left_out, t))
    sources = (t.phrase("Sources: release counts from {list}", list=publishers(events, t))
               + (t.phrase("; sanctions from {list}", list=publishers(steps, t)) if len(steps) else "")
               + ". " + t._("Every row's source is in the data file."))
    return title, subtitle, notes, sources


def cumulative_releases_figure(releases: pd.DataFrame, milestones: pd.DataFrame, sanctions: pd.DataFrame, *,
                               period: measures.Period, layout: theme.Layout, t: Translator, basis: str = "official",
                               min_priority: int = 2, sanctions_jurisdictions: list[str] | None = None) -> kit.Figure:
    """People freed over the period, with milestones and the chosen jurisdictions' sanctions steps, in t's language."""
    theme.use_house_style()
    series = measures.cumulative(releases, basis, period.start, period.end)
    events = series.events
    jurisdictions = sanctions_jurisdictions if sanctions_jurisdictions is not None else ["US"]
    steps = kit.in_period(sanctions[sanctions["jurisdiction"].isin(jurisdictions)], period.start, period.end)
    if layout.summary_only:
        steps = steps.iloc[0:0]
    shown = placed_milestones(milestones, releases, period, layout, min_priority, t)
    period_words = period_phrase(period.start, period.end, period.open_ended, t)
    title, subtitle, notes, sources = _words(series, shown, steps, events, period_words, layout, t, basis)
    newest = kit.newest_date(events["date"], shown["date"], steps["date"])
    footer = kit.footer(layout, notes, sources, newest, t)
    points_data, names_left_out = _points(events, t)

    def draw(plot_height: int) -> alt.LayerChart:
        top_px = (layout.label_rows * layout.line_height + 8) if len(shown) else 0
        if layout.key_number_size:
            top_px = layout.key_number_size + layout.subtitle_size + 16
        bottom_px = SANCTIONS_LANE if len(steps) or len(shown) else 4
        y_scale = alt.Scale(domain=_y_domain(series.total, plot_height, top_px, bottom_px), nice=False, zero=False)
        line = alt.Chart(kit.step_line(events, period.start, period.end, series.total)).mark_line(
            interpolate="step-after").encode(
            x=kit.date_axis(period.start, period.end, layout, t),
            y=alt.Y("cumulative:Q", scale=y_scale, title=None, axis=alt.Axis(
                values=_nice_ticks(series.total), format=",d", labelFontSize=layout.text_size)))
        points = alt.Chart(points_data).mark_circle(opacity=0.75, stroke="white", strokeWidth=0.8).encode(
            x=alt.X("date:T"), y=alt.Y("cumulative:Q", scale=y_scale),
            size=alt.Size("freed:Q", scale=alt.Scale(range=[20, 600]), legend=None),
            tooltip=[kit.date_tooltip(t), alt.Tooltip("freed:Q", title=t._("Freed"), format=",d"),
                     alt.Tooltip("cumulative:Q", title=t._("Total so far"), format=",d"),
                     alt.Tooltip("notable_people:N", title=t._("Notable people")),
                     alt.Tooltip("source_publisher:N", title=t._("Source"))])
        layers = [*(_milestone_layers(shown, layout, plot_height, t) if len(shown) else []), line, points]
        if len(steps):
            layers.append(_sanctions_layer(steps, jurisdictions, layout, plot_height, t))
        if layout.key_number_size:
            caption = (t.nphrase("person freed {period}", "people freed {period}", series.total, period=period_words)
                       if basis == "official" else
                       t.nphrase("political prisoner freed {period}", "political prisoners freed {period}",
                                 series.total, period=period_words))
            layers += _key_number_layer(series.total, caption, layout, t)
        return kit.framed(layers, layout, plot_height, title, subtitle, footer)

    method = subtitle.split("; ")[0] + ". " + " ".join(notes)
    return kit.Figure(
        SLUG, layout, kit.fitted(draw, layout), _table(events, shown, steps, basis, t), title, subtitle,
        _alt_text(series, milestones, steps, period_words, period, jurisdictions, newest, t), newest,
        (period.start, period.end), {"people freed": series.total, "releases": len(events)},
        t=t, method_note=method.strip(), headers=kit.table_headers(t))


def _unknown_note(series, t: Translator) -> str:
    return t.phrase("Note: the rights group's count is not known for {n} of the releases ({people} by official "
                    "count); they are left out of this line.", n=series.unknown_events,
                    people=t.nphrase("{n} person", "{n} people", series.unknown_people_official))


def _points(events: pd.DataFrame, t: Translator) -> tuple[pd.DataFrame, int]:
    points = kit.with_dates(events[["date", "release_id", "freed", "cumulative", "notable_people",
                                    "source_publisher"]], t)
    points["freed"] = points["freed"].astype("int64")
    points["cumulative"] = points["cumulative"].astype("int64")
    shown = [t.shown_people(names if isinstance(names, str) else "", ", ") for names in points["notable_people"]]
    points["notable_people"] = [names or "—" for names, _ in shown]
    return points, sum(left for _, left in shown)


def _table(events, shown, steps, basis, t: Translator) -> pd.DataFrame:
    releases = pd.DataFrame({
        "layer": "release", "date": events["date"], "id": events["release_id"],
        "description": [t.shown_people(n if isinstance(n, str) else "")[0] for n in events["notable_people"]],
        "value": events["freed"], "cumulative": events["cumulative"], "basis": basis,
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


def _alt_text(series, milestones, steps, period_words, period, jurisdictions, newest, t: Translator) -> str:
    events = series.events
    official = series.basis == "official"
    if events.empty:
        return (t.phrase("Line chart of people freed by Belarus {period}.", period=period_words) + " "
                + t._("No release in this period has a known count on this basis."))
    largest = events.loc[events["freed"].astype("int64").idxmax()]
    with_visit = events[events["milestone_id"].isin(measures.us_visit_ids(milestones))]
    span = t.phrase("from {start} to {end}", start=t.date_value(period.start), end=t.date_value(period.end))
    parts = [
        t.phrase("Step chart of the cumulative number of people freed by Belarus {period} ({span}).",
                 period=period_words, span=span) if official else
        t.phrase("Step chart of the cumulative number of recognised political prisoners freed by Belarus "
                 "{period} ({span}).", period=period_words, span=span),
        t.nphrase("The total rose from {first} on {first_date} to {total} by {last_date}, over {n} release.",
                  "The total rose from {first} on {first_date} to {total} by {last_date}, over {n} releases.",
                  len(events), first=int(events["freed"].iloc[0]), first_date=t.date_value(events["date"].iloc[0]),
                  total=series.total, last_date=t.date_value(events["date"].iloc[-1])),
        t.phrase("The largest single release was {n} on {date}.", n=int(largest["freed"]),
                 date=t.date_value(largest["date"])),
    ]
    if len(with_visit):
        parts.append(t.nphrase("{n} release, totalling {people}, came with visits by US officials.",
                               "{n} releases, totalling {people}, came with visits by US officials.",
                               len(with_visit), people=t.nphrase("{n} person", "{n} people",
                                                                 int(with_visit["freed"].sum()))))
    if len(steps):
        kinds = steps["direction"].map(lambda d: t._(SANCTION_MARKS[d][0])).value_counts()
        described = "; ".join(f"{label}: {t.number(n)}" for label, n in kinds.items() if n)
        names = t.list_of([t.label("jurisdiction", j, j) for j in jurisdictions])
        parts.append(t.nphrase("Markers along the bottom show {n} sanctions step by {list} ({kinds}).",
                               "Markers along the bottom show {n} sanctions steps by {list} ({kinds}).",
                               len(steps), list=names, kinds=described))
    if series.unknown_events:
        parts.append(_unknown_note(series, t))
    parts.append(t.phrase("Data to {date}", date=t.date_value(newest)) + ".")
    return kit.one_full_stop(" ".join(parts))
