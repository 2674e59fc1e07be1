"""The headline chart: people freed over time, step by step, with the diplomatic
milestones labelled above and the sanctions steps marked along the bottom.

In the `social` layout (a card) it is reduced to what reads at thumbnail size: the step
line, the total in large type, and the source line.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers import checks, frame, kit, measures, placement, theme
from helpers.figures import lead_marks, sanctions_lane
from helpers.i18n import Translator
from helpers.i18n.chrome import N_, pN_
from helpers.stories import story
from helpers.text import HEADLINE, period_phrase, publishers

SLUG = story("cumulative_releases").slug     # the story's one name (helpers.stories)
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


def _milestone_layers(shown: pd.DataFrame, layout: theme.Layout, plot_height: int, t: Translator) -> list:
    """One dashed rule per date (two milestones on one day share it), and the labels."""
    rules = kit.with_dates(shown.sort_values("rule_top").drop_duplicates("date")[["date", "rule_top", "label"]], t)
    rule_layer = alt.Chart(rules).mark_rule(strokeDash=[3, 3], strokeWidth=1).encode(
        x=alt.X("date:T"), y=alt.Y("rule_top:Q", scale=None), y2=alt.Y2Value(plot_height - sanctions_lane.HEIGHT),
        tooltip=[kit.date_tooltip(t), alt.Tooltip("label:N", title=t._("What"))])
    texts = [alt.Chart(shown[shown["align"] == side][["date", "label", "label_y"]]).mark_text(
        align=side, baseline="top", dx=3 if side == "left" else -3, fontSize=layout.text_size, color=theme.INK).encode(
        x=alt.X("date:T"), y=alt.Y("label_y:Q", scale=None), text=alt.Text("label:N")) for side in ("left", "right")]
    return [rule_layer, *texts]


def _key_number_layer(total: int, caption: str, layout: theme.Layout, t: Translator) -> list:
    """The card's headline number, large, in the empty top-left of the plot."""
    number = alt.Chart(pd.DataFrame({"text": [t.number(total)]})).mark_text(
        align="left", baseline="top", fontSize=layout.key_number_size, fontWeight="bold", color=theme.FREED).encode(
        x=alt.XValue(0), y=alt.YValue(0), text=alt.Text("text:N"))
    words = alt.Chart(pd.DataFrame({"text": [caption]})).mark_text(
        align="left", baseline="top", fontSize=layout.subtitle_size, color=theme.INK).encode(
        x=alt.XValue(4), y=alt.YValue(layout.key_number_size + 4), text=alt.Text("text:N"))
    return [number, words]


SUBTITLES = {   # (basis, milestones drawn) -> the whole subtitle; without milestones it is also the method note
    ("official", True): N_("Cumulative releases and pardons, by official count; dashed lines mark diplomatic "
                           "milestones"),
    ("official", False): N_("Cumulative releases and pardons, by official count"),
    ("political_prisoners", True): N_("Cumulative releases, counting only people the rights group Viasna lists as "
                                      "political prisoners; dashed lines mark diplomatic milestones"),
    ("political_prisoners", False): N_("Cumulative releases, counting only people the rights group Viasna lists as "
                                       "political prisoners"),
}


def _words(series, shown, steps, events, leads, layout: theme.Layout, t: Translator, basis: str, period):
    """Title, subtitle, method note, footer notes and sources line."""
    period_words = period_phrase(period.start, period.end, period.open_ended, t, HEADLINE)
    if basis == "official":
        title = t.nphrase("Belarus: {n} person freed {period}", "Belarus: {n} people freed {period}",
                          series.total, period=period_words)
    else:
        title = t.nphrase("Belarus: {n} political prisoner freed {period}",
                          "Belarus: {n} political prisoners freed {period}", series.total, period=period_words)
    subtitle = t._(SUBTITLES[(basis, bool(len(shown)))])
    notes = []
    if not layout.summary_only and series.unknown_events:
        notes.append(_unknown_note(series, t))
    if not layout.summary_only:
        notes += kit.left_out_notes(shown.attrs.get("unspelled", 0), shown.attrs.get("no_room", 0), t)
    notes += lead_marks.note(leads, t)      # every layout: a hollow mark is never left unexplained
    sources = [t.phrase("Sources of the release counts: {list}.", list=publishers(events, t))]
    if len(steps):
        sources.append(t.phrase("Sources of the sanctions steps: {list}.", list=publishers(steps, t)))
    sources.append(t._("Every row's source is in the data file."))
    method = " ".join([t._(SUBTITLES[(basis, False)]) + ".", *notes])
    return t.headline(title), subtitle, method, notes, " ".join(sources)


def cumulative_releases_figure(releases: pd.DataFrame, milestones: pd.DataFrame, sanctions: pd.DataFrame, *,
                               period: measures.Period, layout: theme.Layout, t: Translator, basis: str = "official",
                               min_priority: int = 2, sanctions_jurisdictions: list[str] | None = None) -> kit.Figure:
    """People freed over the period, with milestones and the chosen jurisdictions' sanctions steps, in t's language."""
    theme.use_house_style()
    series = measures.cumulative(releases, basis, period.start, period.end)
    events = series.events
    jurisdictions = sanctions_jurisdictions if sanctions_jurisdictions is not None else ["US"]
    steps = kit.in_period(sanctions[sanctions["jurisdiction"].isin(jurisdictions)], period.start, period.end)
    checked_to = steps["date"]      # the card draws no steps, but its data runs as far (helpers.drawn.headline)
    if layout.summary_only:
        steps = steps.iloc[0:0]
    shown = placement.placed_milestones(milestones, releases, period.start, period.end, plot_width(layout), layout,
                                        min_priority, t)
    leads = lead_marks.leads_in(releases, events, period)
    title, subtitle, method, notes, sources = _words(series, shown, steps, events, leads, layout, t, basis, period)
    newest = kit.newest_date(events["date"], shown["date"], checked_to)
    footer = frame.footer(layout, notes, sources, newest, t)
    points_data = _points(events, t)
    counts = t.count_format(series.total)

    def draw(plot_height: int) -> alt.LayerChart:
        top_px = (layout.label_rows * layout.line_height + 8) if len(shown) else 0
        if layout.key_number_size:
            top_px = layout.key_number_size + layout.subtitle_size + 16
        bottom_px = sanctions_lane.HEIGHT if len(steps) or len(shown) else 4
        y_scale = alt.Scale(domain=_y_domain(series.total, plot_height, top_px, bottom_px), nice=False, zero=False)
        line = alt.Chart(kit.step_line(events, period.start, period.end, series.total)).mark_line(
            interpolate="step-after").encode(
            x=kit.date_axis(period.start, period.end, layout, t),
            y=alt.Y("cumulative:Q", scale=y_scale, title=None, axis=alt.Axis(
                values=_nice_ticks(series.total), format=counts, labelFontSize=layout.text_size)))
        points = alt.Chart(points_data).mark_circle(opacity=0.75, stroke="white", strokeWidth=0.8).encode(
            x=alt.X("date:T"), y=alt.Y("cumulative:Q", scale=y_scale),
            size=alt.Size("freed:Q", scale=alt.Scale(range=[20, 600]), legend=None),
            tooltip=[kit.date_tooltip(t), alt.Tooltip("freed:Q", title=t._("Freed"), format=counts),
                     alt.Tooltip("cumulative:Q", title=t._("Total so far"), format=counts),
                     alt.Tooltip("notable_people:N", title=t._("Notable people")),
                     alt.Tooltip("source_publisher:N", title=t._("Source"))])
        layers = [*(_milestone_layers(shown, layout, plot_height, t) if len(shown) else []), line, points]
        if len(leads):
            layers.append(lead_marks.layer(leads, y_scale, layout, t))
        if len(steps):
            layers.append(sanctions_lane.layer(steps, jurisdictions, layout, plot_height, t))
        if layout.key_number_size:
            layers += _key_number_layer(series.total, _caption(series.total, basis, period, t), layout, t)
        return frame.framed(layers, layout, plot_height, title, subtitle, footer)

    table, localized = _table(events, shown, steps, leads, basis, t)
    return kit.Figure(
        SLUG, layout, frame.fitted(draw, layout), table, title, subtitle,
        _alt_text(series, milestones, steps, leads, period, jurisdictions, newest, t), newest,
        (period.start, period.end), {"people freed": series.total, "releases": len(events)},
        t=t, method_note=method.strip(), headers=kit.table_headers(t), localized=localized,
        leads=checks.lead_records(leads))


def _caption(total: int, basis: str, period, t: Translator) -> str:
    """The words under the card's large number, agreeing with it."""
    period_words = period_phrase(period.start, period.end, period.open_ended, t, HEADLINE)
    caption = (t.nphrase("person freed {period}", "people freed {period}", total, period=period_words)
               if basis == "official" else
               t.nphrase("political prisoner freed {period}", "political prisoners freed {period}", total,
                         period=period_words))
    return t.headline(caption)


def _unknown_note(series, t: Translator) -> str:
    return t.nphrase("Note: the rights group's count is not known for {n} release (people freed by official count: "
                     "{people}); it is left out of this line.",
                     "Note: the rights group's count is not known for {n} releases (people freed by official count: "
                     "{people}); they are left out of this line.", series.unknown_events,
                     people=series.unknown_people_official)


def _points(events: pd.DataFrame, t: Translator) -> pd.DataFrame:
    points = kit.with_dates(events[["date", "release_id", "freed", "cumulative", "notable_people",
                                    "source_publisher"]], t)
    points["freed"] = points["freed"].astype("int64")
    points["cumulative"] = points["cumulative"].astype("int64")
    points["notable_people"] = [t.people(names if isinstance(names, str) else "") or "—"
                                for names in points["notable_people"]]
    points["source_publisher"] = [t.publisher(value) for value in points["source_publisher"]]
    return points


def _table(events, shown, steps, leads, basis, t: Translator) -> tuple[pd.DataFrame, pd.DataFrame]:
    kinds = {direction: t._(mark[0]) for direction, mark in sanctions_lane.MARKS.items()}
    releases = pd.DataFrame({
        "layer": "release", "date": events["date"], "id": events["release_id"],
        "description": [n if isinstance(n, str) else "" for n in events["notable_people"]],
        "description@": [t.people(n if isinstance(n, str) else "") for n in events["notable_people"]],
        "value": events["freed"], "cumulative": events["cumulative"], "basis": basis,
        "source_publisher": events["source_publisher"],
        "source_publisher@": [t.publisher(p) for p in events["source_publisher"]],
        "source_url": events["source_url"], "second_source_url": events["second_source_url"], "status": "confirmed"})
    milestones = pd.DataFrame({
        "layer": "milestone", "date": shown["date"], "id": shown["milestone_id"],
        "description": shown["english_label"], "description@": shown["label"],
        "source_publisher": shown["source_publisher"],
        "source_publisher@": [t.publisher(p) for p in shown["source_publisher"]], "source_url": shown["source_url"]})
    sanctions = pd.DataFrame({
        "layer": "sanctions", "date": steps["date"], "id": steps["action_id"],
        "description": steps["jurisdiction"].astype(str) + " " + steps["direction"].astype(str) + " ("
        + steps["instrument"].astype(str) + "): " + steps["target"].astype(str),
        "description@": [t.phrase("{jurisdiction}: {step}", jurisdiction=t.label("jurisdiction", j, j), step=kinds[d])
                         for j, d in zip(steps["jurisdiction"], steps["direction"])],
        "source_publisher": steps["source_publisher"],
        "source_publisher@": [t.publisher(p) for p in steps["source_publisher"]], "source_url": steps["source_url"],
        "second_source_url": steps["second_source_url"]})
    return kit.tables([releases, lead_marks.table_rows(leads, t), milestones, sanctions], ["date", "layer", "id"], t)


def _alt_text(series, milestones, steps, leads, period, jurisdictions, newest, t: Translator) -> str:
    events = series.events
    official = series.basis == "official"
    dates = {"start": t.date_value(period.start), "end": t.date_value(period.end)}
    if events.empty:
        return (t.phrase("Line chart of people freed by Belarus from {start} to {end}.", **dates) + " "
                + t._("No release in this period has a known count on this basis."))
    largest = events.loc[events["freed"].astype("int64").idxmax()]
    with_visit = events[events["milestone_id"].isin(measures.us_visit_ids(milestones))]
    parts = [
        t.phrase("Step chart of the cumulative number of people freed by Belarus from {start} to {end}.", **dates)
        if official else
        t.phrase("Step chart of the cumulative number of recognised political prisoners freed by Belarus "
                 "from {start} to {end}.", **dates),
        t.nphrase("The total rose from {first} on {first_date} to {total} by {last_date}, over {n} release.",
                  "The total rose from {first} on {first_date} to {total} by {last_date}, over {n} releases.",
                  len(events), first=int(events["freed"].iloc[0]), first_date=t.date_value(events["date"].iloc[0]),
                  total=series.total, last_date=t.date_value(events["date"].iloc[-1])),
        t.nphrase("The largest single release freed {n} person, on {date}.",
                  "The largest single release freed {n} people, on {date}.", int(largest["freed"]),
                  date=t.date_value(largest["date"])),
    ]
    if len(with_visit):
        parts.append(t.nphrase("{n} release came with a visit by US officials; people freed in it: {people}.",
                               "{n} releases came with visits by US officials; people freed in them: {people}.",
                               len(with_visit), people=int(with_visit["freed"].sum())))
    if len(steps):
        parts.append(t.nphrase("Markers along the bottom show {n} sanctions step ({list}): {kinds}.",
                               "Markers along the bottom show {n} sanctions steps ({list}): {kinds}.",
                               len(steps), list=t.list_of([t.label("jurisdiction", j, j) for j in jurisdictions]),
                               kinds=_breakdown(steps, t)))
    if series.unknown_events:
        parts.append(_unknown_note(series, t))
    parts += lead_marks.note(leads, t)
    parts.append(t.phrase("Data to {date}", date=t.date_value(newest)) + ".")
    return kit.one_full_stop(" ".join(parts))


# How the alt text counts each kind of sanctions step (its own words: the legend's have colons).
BREAKDOWN = {"impose": pN_("alt text: kind of sanctions step", "imposed or tightened"),
             "tighten": pN_("alt text: kind of sanctions step", "imposed or tightened"),
             "ease": pN_("alt text: kind of sanctions step", "eased by a licence, the firm still listed"),
             "lift": pN_("alt text: kind of sanctions step", "lifted by delisting")}


def _breakdown(steps: pd.DataFrame, t: Translator) -> str:
    """"imposed or tightened: 4; eased by a licence, the firm still listed: 2; …": a count after each kind."""
    kinds = steps["direction"].map(BREAKDOWN).value_counts(sort=False)
    order = list(dict.fromkeys(BREAKDOWN.values()))
    return "; ".join(t.phrase("{kind}: {n}", kind=t.pgettext("alt text: kind of sanctions step", kind), n=int(kinds[kind]))
                     for kind in order if kinds.get(kind, 0))
