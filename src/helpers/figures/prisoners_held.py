"""The revolving door: political prisoners held (Viasna's count) against people freed.

Viasna's count is one black line that breaks at long gaps; other groups' counts are grey
points; people freed are the red cumulative step line; a period in which Viasna counted
people newly recognised as political prisoners is shaded, with its number written in it
(a span of dates, not a level on the people axis).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers import frame, kit, measures, placement, theme
from helpers.i18n import Translator
from helpers.i18n.chrome import pN_
from helpers.stories import story
from helpers.text import HEADLINE, TEXT, period_phrase, publishers

SLUG = story("prisoners_held").slug     # the story's one name (helpers.stories)
HELD_LABEL = "Political prisoners held (Viasna)"   # English msgid: t._(HELD_LABEL)
LABEL_LIFT = 8          # px between a direct label's baseline and the line under it
PLOT_MARGINS = 80       # px of a layout's width taken by the y axis and the padding


def _frames(counts, releases, reported, period, max_gap_days):
    held = measures.held_series(counts, max_gap_days, period.start, period.end)
    held["held"] = held["held"].astype("int64")
    others = kit.in_period(counts[~counts["is_viasna"].fillna(False).astype(bool)], period.start, period.end)
    freed = measures.cumulative(releases, "official", period.start, period.end)
    # Only counts whose whole period is charted: a year's count shaded over half a year would mislead.
    recognised = reported[(reported["measure"] == "newly_recognised") & reported["period_start"].notna()
                          & reported["period_end"].notna() & (reported["period_start"] >= period.start)
                          & (reported["period_end"] <= period.end)]
    return held, others, freed, recognised


def _label_span(text: str, period, layout: theme.Layout) -> pd.Timedelta:
    """How much of the time axis a bold direct label covers (generously: bold is wider)."""
    width_px = placement.text_width(text, layout.text_size + 1, bold=True)
    return (period.end - period.start) * (width_px / (layout.width - PLOT_MARGINS))


def _held_label_row(held: pd.DataFrame, period, layout: theme.Layout, t: Translator) -> dict | None:
    """The held line's label, above the highest point of the line under the label's span."""
    if held.empty:
        return None
    label = t._(HELD_LABEL)
    span = _label_span(label, period, layout)
    start = held["date"].iloc[0]
    under = held[held["date"] <= start + span]
    after = held[held["date"] > start + span].head(1)       # the segment leaving the span rises or falls to it
    level = int(pd.concat([under, after])["held"].max())
    return {"date": start, "value": level, "text": label, "colour": "held", "align": "left"}


def _direct_labels(held, freed, period, y_scale, layout, t: Translator) -> list:
    """Labels on the lines instead of a legend; each clear of its own line.

    The freed label ends at the middle of the period (or further right if it would not fit),
    just above the step line there: the line only rises, so to its left it is lower."""
    text = t.phrase("People freed, cumulative: {n}", n=freed.total)
    anchor = max(period.start + (period.end - period.start) / 2, period.start + _label_span(text, period, layout))
    before = freed.events[freed.events["date"] <= anchor]
    level = int(before["cumulative"].iloc[-1]) if len(before) else 0
    rows = [{"date": anchor, "value": level, "text": text, "colour": "freed", "align": "right"}]
    held_row = _held_label_row(held, period, layout, t)
    if held_row:
        rows.append(held_row)
    layers = []
    for side in ("left", "right"):
        chosen = [row for row in rows if row["align"] == side]
        if chosen:
            layers.append(alt.Chart(pd.DataFrame(chosen)).mark_text(
                align=side, baseline="bottom", dy=-LABEL_LIFT, fontWeight="bold", fontSize=layout.text_size + 1).encode(
                x=alt.X("date:T"), y=alt.Y("value:Q", scale=y_scale), text=alt.Text("text:N"),
                color=alt.Color("colour:N", scale=alt.Scale(domain=["held", "freed"], range=[theme.INK, theme.FREED]),
                                legend=None)))
    return layers


def _wrapped(text: str, width_px: float, layout: theme.Layout) -> list[str]:
    """The shaded period's label, wrapped where it would run past the plot's right edge (a
    translation can be longer than the English), in lines of about 35 characters."""
    return kit.wrap(text, min(max(width_px, 60), placement.text_width("n" * 29, layout.text_size)), layout.text_size)


def _recognised_layers(recognised: pd.DataFrame, held: pd.DataFrame, freed, y_scale, layout: theme.Layout,
                       t: Translator, period) -> list:
    """Each period with a count of people newly recognised: shaded, with the count written in
    the gap between the held line above and the freed line below, clear of both."""
    bands = recognised[["total_id", "period_start", "period_end", "value", "claim", "source_publisher"]].copy()
    bands["value"] = bands["value"].astype(float)
    plot_px = layout.width - PLOT_MARGINS
    bands["label"] = [_wrapped(t.nphrase("{n} person newly recognised as a political prisoner {period}",
                                         "{n} people newly recognised as political prisoners {period}", int(row.value),
                                         period=period_phrase(row.period_start, row.period_end, False, t, TEXT)),
                               (period.end - row.period_start) / (period.end - period.start) * plot_px - 12, layout)
                      for row in bands.itertuples()]
    bands["source_publisher"] = [t.publisher(p) for p in bands["source_publisher"]]
    bands["label_at"] = [_gap_middle(held, freed, row.period_start, row.period_end) for row in bands.itertuples()]
    shade = alt.Chart(bands).mark_rect(color=theme.CONTEXT_FILL).encode(
        x=alt.X("period_start:T"), x2=alt.X2("period_end:T"), y=alt.YValue(0), y2=alt.Y2Value("height"),
        tooltip=([alt.Tooltip("claim:N", title="What")] if t.language.is_source else [])   # English data text
        + [alt.Tooltip("value:Q", format=t.count_format(bands["value"].max()), title=t._("People")),
           alt.Tooltip("source_publisher:N", title=t._("Source"))])
    text = alt.Chart(bands).mark_text(align="left", baseline="top", dx=4, dy=-layout.line_height, color=theme.MUTED,
                                      fontSize=layout.text_size, lineHeight=layout.line_height).encode(
        x=alt.X("period_start:T"), y=alt.Y("label_at:Q", scale=y_scale), text=alt.Text("label:N"))
    return [shade, text]


def _gap_middle(held: pd.DataFrame, freed, start, end) -> float:
    """Halfway between the lowest held count and the highest freed total in a span of dates."""
    inside = held[(held["date"] >= start) & (held["date"] <= end)]
    low_held = int(inside["held"].min()) if len(inside) else int(held["held"].min()) if len(held) else freed.total
    before_end = freed.events[freed.events["date"] <= end]
    high_freed = int(before_end["cumulative"].iloc[-1]) if len(before_end) else 0
    return (low_held + high_freed) / 2


def prisoners_held_figure(counts: pd.DataFrame, releases: pd.DataFrame, reported: pd.DataFrame, *,
                          period: measures.Period, layout: theme.Layout, t: Translator, max_gap_days: int = 120,
                          show_other_counts: bool = True) -> kit.Figure:
    """Viasna's count of political prisoners held beside the cumulative number freed, in t's language."""
    theme.use_house_style()
    held, others, freed, recognised = _frames(counts, releases, reported, period, max_gap_days)
    held = kit.with_dates(held, t)
    if layout.summary_only:
        recognised = recognised.iloc[0:0]
    top = max([int(held["held"].max()) if len(held) else 0, freed.total, 1])
    y_scale = alt.Scale(domain=[0, top * 1.12], nice=False)
    counts_format = t.count_format(top)
    held_data = _tooltip_words(held[["date", kit.DATE_TEXT, "count_id", "held", "qualifier", "counted_by", "segment",
                                     "source_publisher"]], t)
    tooltip = [kit.date_tooltip(t), alt.Tooltip("held_text:N", title=t._("Held")),
               alt.Tooltip("counted_by_text:N", title=t._("Counted by")),
               alt.Tooltip("publisher_text:N", title=t._("Source"))]
    layers = [*(_recognised_layers(recognised, held, freed, y_scale, layout, t, period) if len(recognised) else []),
              alt.Chart(held_data).mark_line(color=theme.INK, strokeWidth=2).encode(
                  x=kit.date_axis(period.start, period.end, layout, t),
                  y=alt.Y("held:Q", scale=y_scale, title=t._("People"),
                          axis=alt.Axis(format=counts_format, labelFontSize=layout.text_size,
                                        titleFontSize=layout.text_size)),
                  detail=alt.Detail("segment:N")),
              alt.Chart(held_data).mark_circle(color=theme.INK, size=36, opacity=1).encode(
                  x=alt.X("date:T"), y=alt.Y("held:Q", scale=y_scale), tooltip=tooltip),
              alt.Chart(kit.step_line(freed.events, period.start, period.end, freed.total)).mark_line(
                  interpolate="step-after", color=theme.FREED).encode(x=alt.X("date:T"), y=alt.Y("cumulative:Q",
                                                                                         scale=y_scale))]
    shown_others = others if show_other_counts and not layout.summary_only else others.iloc[0:0]
    if len(shown_others):
        other_data = _tooltip_words(kit.with_dates(shown_others[["date", "count_id", "held", "qualifier", "counted_by",
                                                                 "source_publisher"]], t), t)
        other_data["held"] = other_data["held"].astype("int64")
        layers.append(alt.Chart(other_data).mark_point(color=theme.MUTED, size=30, opacity=0.8).encode(
            x=alt.X("date:T"), y=alt.Y("held:Q", scale=y_scale), tooltip=tooltip))
    layers += _direct_labels(held, freed, period, y_scale, layout, t)

    title, subtitle = _words(held, freed, period, t)
    gaps = int(held["segment"].max()) if len(held) else 0
    gap_note = t.nphrase("Note: the black line breaks where Viasna's count has no figure for more than {days} "
                         "({n} gap); it is not interpolated.",
                         "Note: the black line breaks where Viasna's count has no figure for more than {days} "
                         "({n} gaps); it is not interpolated.", gaps,
                         days=t.npphrase("more than {n} days", "{n} day", "{n} days", max_gap_days))
    notes = [] if layout.summary_only else [
        gap_note + (" " + t._("Grey points are other groups' counts.") if len(shown_others) else "")]
    newest = kit.newest_date(held["date"], shown_others["date"], freed.events["date"], recognised["date"])
    sources = " ".join([t.phrase("Sources of the prisoner counts: {list}.", list=publishers(held, t)),
                        t.phrase("Sources of the release counts: {list}.", list=publishers(freed.events, t))])
    footer = frame.footer(layout, notes, sources, newest, t)
    chart = frame.fitted(lambda plot_height: frame.framed(layers, layout, plot_height, title, subtitle, footer), layout)
    first, last = (held.iloc[0], held.iloc[-1]) if len(held) else (None, None)
    table, localized = _table(held, shown_others, freed, recognised, t)
    return kit.Figure(SLUG, layout, chart, table, title, subtitle,
                      _alt_text(first, last, freed, recognised, period, newest, t), newest,
                      (period.start, period.end),
                      {"people freed": freed.total, "political prisoners held, last count": int(last["held"])
                       if last is not None else 0},
                      t=t, method_note=gap_note, headers=kit.table_headers(t), localized=localized)


# How a count is qualified (prisoner_counts.csv `qualifier`), around the number, in the tooltip.
QUALIFIED = {"exact": "{n}", "about": pN_("count of political prisoners", "about {n}"),
             "more_than": pN_("count of political prisoners", "more than {n}"),
             "at_least": pN_("count of political prisoners", "at least {n}")}


def _tooltip_words(frame: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """The tooltip's words: each count with its qualifier ("more than 1300"), who counted and
    who published, in the language."""
    out = frame.copy()
    out["held_text"] = [t.number(int(n)) if QUALIFIED.get(q, "{n}") == "{n}" else
                        t.pphrase("count of political prisoners", QUALIFIED[q], n=int(n))
                        for n, q in zip(out["held"], out["qualifier"])]
    out["counted_by_text"] = [t.counted_by(value) for value in out["counted_by"]]
    out["publisher_text"] = [t.publisher(value) for value in out["source_publisher"]]
    return out


def _freed_from(freed, period) -> pd.Timestamp:
    """Where "people freed since …" starts: the period's start, or, when the period runs to the
    newest data, the month of its first release (the red line is flat before it: a chart from
    May 2024 still says "freed since July 2024", as the headline does for the same people)."""
    if period.open_ended and len(freed.events):
        first = pd.Timestamp(freed.events["date"].iloc[0])
        return max(pd.Timestamp(period.start), first.replace(day=1))
    return pd.Timestamp(period.start)


def _words(held, freed, period, t: Translator) -> tuple[str, str]:
    since = _freed_from(freed, period)
    headline = period_phrase(since, period.end, period.open_ended, t, HEADLINE)
    if held.empty:
        return t.headline(t.nphrase("Political prisoners in Belarus: {n} person freed {period}",
                                    "Political prisoners in Belarus: {n} people freed {period}", freed.total,
                                    period=headline)), ""
    fell = int(held["held"].iloc[0]) - int(held["held"].iloc[-1])
    title = (t.nphrase("{n} person freed {period}, but the number of political prisoners held fell by {change}",
                       "{n} people freed {period}, but the number of political prisoners held fell by {change}",
                       freed.total, period=headline, change=fell)
             if fell > 0 else
             t.nphrase("{n} person freed {period}, yet the number of political prisoners held rose by {change}",
                       "{n} people freed {period}, yet the number of political prisoners held rose by {change}",
                       freed.total, period=headline, change=-fell))
    subtitle = t.phrase("Political prisoners held, by Viasna's count (black), and people freed {period} (red).",
                        period=period_phrase(since, period.end, period.open_ended, t, TEXT))
    if fell < freed.total:
        subtitle += " " + t._("The count fell by less than the number freed: new political prisoners kept being "
                              "recognised.")
    return t.headline(title), subtitle


def _table(held, others, freed, recognised, t: Translator) -> tuple[pd.DataFrame, pd.DataFrame]:
    def words(values, how):
        return [how(value) if isinstance(value, str) else value for value in values]

    machine, localized = kit.tables([
        pd.DataFrame({"series": "held (Viasna)", "date": held["date"], "id": held["count_id"], "value": held["held"],
                      "qualifier": held["qualifier"], "segment": held["segment"], "counted_by": held["counted_by"],
                      "counted_by@": words(held["counted_by"], t.counted_by),
                      "source_publisher": held["source_publisher"],
                      "source_publisher@": words(held["source_publisher"], t.publisher),
                      "source_url": held["source_url"]}),
        pd.DataFrame({"series": "held (other counts)", "date": others["date"], "id": others["count_id"],
                      "value": others["held"], "qualifier": others["qualifier"], "counted_by": others["counted_by"],
                      "counted_by@": words(others["counted_by"], t.counted_by),
                      "source_publisher": others["source_publisher"],
                      "source_publisher@": words(others["source_publisher"], t.publisher),
                      "source_url": others["source_url"]}),
        pd.DataFrame({"series": "freed, cumulative (official)", "date": freed.events["date"],
                      "id": freed.events["release_id"], "value": freed.events["cumulative"],
                      "source_publisher": freed.events["source_publisher"],
                      "source_publisher@": words(freed.events["source_publisher"], t.publisher),
                      "source_url": freed.events["source_url"]}),
        pd.DataFrame({"series": "newly recognised in period", "date": recognised["period_end"],
                      "id": recognised["total_id"], "value": recognised["value"],
                      "counted_by": recognised["who_said"], "counted_by@": words(recognised["who_said"], t.counted_by),
                      "source_publisher": recognised["source_publisher"],
                      "source_publisher@": words(recognised["source_publisher"], t.publisher),
                      "source_url": recognised["source_url"]}),
    ], ["date", "series", "id"], t)
    for table in (machine, localized):
        table["value"] = pd.to_numeric(table["value"]).round().astype("Int64")
        table["segment"] = table["segment"].astype("Int64")
    return machine, localized


def _alt_text(first, last, freed, recognised, period, newest, t: Translator) -> str:
    text = t.phrase("Line chart comparing political prisoners held in Belarus with people freed from {start} to "
                    "{end}.", start=t.date_value(period.start), end=t.date_value(period.end)) + " "
    if first is not None:
        fell = int(first["held"]) - int(last["held"])
        values = dict(first=int(first["held"]), first_date=t.date_value(first["date"]), last=int(last["held"]),
                      last_date=t.date_value(last["date"]), change=abs(fell))
        if fell >= 0:
            text += t.nphrase("By Viasna's count, political prisoners held went from {first} on {first_date} to "
                              "{last} on {last_date}, a fall of {change}, while {n} person was freed by official "
                              "count.",
                              "By Viasna's count, political prisoners held went from {first} on {first_date} to "
                              "{last} on {last_date}, a fall of {change}, while {n} people were freed by official "
                              "count.", freed.total, **values) + " "
        else:
            text += t.nphrase("By Viasna's count, political prisoners held went from {first} on {first_date} to "
                              "{last} on {last_date}, a rise of {change}, while {n} person was freed by official "
                              "count.",
                              "By Viasna's count, political prisoners held went from {first} on {first_date} to "
                              "{last} on {last_date}, a rise of {change}, while {n} people were freed by official "
                              "count.", freed.total, **values) + " "
    for row in recognised.itertuples():
        text += t.nphrase("{n} person was newly recognised as a political prisoner between {start} and {end}.",
                          "{n} people were newly recognised as political prisoners between {start} and {end}.",
                          int(row.value), start=t.date_value(row.period_start),
                          end=t.date_value(row.period_end)) + " "
    if newest is not None:
        text += t.phrase("Data to {date}", date=t.date_value(newest)) + "."
    return kit.one_full_stop(text)
