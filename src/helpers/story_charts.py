"""The story's other figures: sanctions against releases, prisoners held, and the claims ledger.

Built like the headline chart (helpers.charts): each returns a Figure with the chart,
the table of what it plots (with sources) and alt text written from the data.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers import data, measures, theme
from helpers.charts import CREDIT, Figure, edition_size, footer_layer
from helpers.text import day, month, publishers, wrap

RELEASES_LANE = "Releases"


def _framed(layers: list, width: int, height: int, title: str, subtitle: str, footer: list[str],
            offset: int = 28) -> alt.LayerChart:
    """Title on top, footer lines below the x axis, a fixed overall width."""
    return alt.layer(*layers, footer_layer(footer, height, offset)).properties(
        width=width, height=height,
        title=alt.TitleParams(wrap(title, width - 30, 11.5), subtitle=wrap(subtitle, width - 30, 6.4)),
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    )


# ------------------------------------------------------------------ 02 sanctions and releases

def sanctions_timeline_figure(sanctions: pd.DataFrame, releases: pd.DataFrame, *, start_date, end_date,
                              jurisdictions: list[str], sectors: list[str], edition: str = "desktop",
                              relief_window_days: int = 7) -> Figure:
    theme.use_house_style()
    width, height = edition_size(edition)
    start, end = pd.Timestamp(start_date), measures.resolve_end(end_date, releases)
    steps = sanctions[sanctions["jurisdiction"].isin(jurisdictions) & sanctions["sector"].isin(sectors)
                      & (sanctions["date"] >= start) & (sanctions["date"] <= end)].copy()
    steps["pressure"] = steps["direction"].map(
        {"impose": "Pressure added (impose, tighten)", "tighten": "Pressure added (impose, tighten)",
         "ease": "Relief (ease, lift)", "lift": "Relief (ease, lift)"})
    steps["potash"] = (steps["sector"] == "potash").map({True: "Potash", False: "Other sectors"})
    steps["lane"] = steps["jurisdiction"].astype(str)
    events = measures.counted_releases(releases, start, end)
    lanes = [j for j in data.enum("sanctions", "jurisdiction") if j in jurisdictions] + [RELEASES_LANE]
    y = alt.Y("lane:N", sort=lanes, scale=alt.Scale(domain=lanes), title=None,
              axis=alt.Axis(labelFontSize=12, labelColor=theme.INK, labelFontWeight="bold"))
    x = alt.X("date:T", title=None, scale=alt.Scale(domain=[start.isoformat(), end.isoformat()]),
              axis=alt.Axis(format="%Y", tickCount="year"))
    step_marks = alt.Chart(steps[["date", "action_id", "lane", "jurisdiction", "direction", "instrument", "target",
                                  "sector", "pressure", "potash", "source_publisher"]]).mark_point(
        filled=True, strokeWidth=1.2).encode(
        x=x, y=y,
        color=alt.Color("pressure:N", title=None, scale=alt.Scale(
            domain=["Pressure added (impose, tighten)", "Relief (ease, lift)"], range=[theme.TIGHTEN, theme.EASE])),
        shape=alt.Shape("potash:N", title=None, scale=alt.Scale(domain=["Potash", "Other sectors"],
                                                                 range=["diamond", "circle"])),
        size=alt.Size("potash:N", scale=alt.Scale(domain=["Potash", "Other sectors"], range=[140, 45]), legend=None),
        opacity=alt.Opacity("potash:N", scale=alt.Scale(domain=["Potash", "Other sectors"], range=[1, 0.45]),
                            legend=None),
        tooltip=[alt.Tooltip("date:T", format="%-d %b %Y", title="Date"), "jurisdiction:N", "direction:N",
                 "instrument:N", "target:N", "sector:N", alt.Tooltip("source_publisher:N", title="Source")])
    release_points = events[["date", "release_id", "released_count", "source_publisher"]].assign(lane=RELEASES_LANE)
    release_points["released_count"] = release_points["released_count"].astype("int64")
    release_marks = alt.Chart(release_points).mark_circle(color=theme.FREED, opacity=0.7).encode(
        x="date:T", y=alt.Y("lane:N", sort=lanes, scale=alt.Scale(domain=lanes)),
        size=alt.Size("released_count:Q", scale=alt.Scale(range=[15, 500]), legend=None),
        tooltip=[alt.Tooltip("date:T", format="%-d %b %Y", title="Date"),
                 alt.Tooltip("released_count:Q", title="Freed"), alt.Tooltip("source_publisher:N", title="Source")])

    relief = measures.relief_steps(sanctions, releases, "US", relief_window_days, start, end)
    near = int(relief["within_window"].sum())
    title = (f"US relief came with releases: {near} of {len(relief)} steps within {relief_window_days} days"
             if len(relief) else "Sanctions on Belarus and the releases of prisoners")
    subtitle = (f"Sanctions actions by {', '.join(jurisdictions)}, {start.year}–{end.year}; "
                "potash steps as diamonds; people freed by Belarus in the bottom row")
    footer = wrap(f"Sources: sanctions from {publishers(steps) if len(steps) else 'none shown'}; releases from "
                  f"{publishers(events) if len(events) else 'none shown'}. Every row's source is in the data file.",
                  width - 28) + [CREDIT]
    chart = _framed([step_marks, release_marks], width, height, title, subtitle, footer)

    table = pd.concat([
        pd.DataFrame({"layer": "sanctions", "date": steps["date"], "id": steps["action_id"],
                      "lane": steps["lane"], "description": steps["direction"].astype(str) + " ("
                      + steps["instrument"].astype(str) + "): " + steps["target"].astype(str),
                      "sector": steps["sector"].astype(str), "value": pd.NA,
                      "source_publisher": steps["source_publisher"], "source_url": steps["source_url"]}),
        pd.DataFrame({"layer": "release", "date": events["date"], "id": events["release_id"], "lane": RELEASES_LANE,
                      "description": events["notable_people"].fillna(""), "sector": "",
                      "value": events["released_count"], "source_publisher": events["source_publisher"],
                      "source_url": events["source_url"]}),
    ], ignore_index=True)
    table["date"] = pd.to_datetime(table["date"]).dt.strftime("%Y-%m-%d")
    table = table.sort_values(["date", "layer", "id"], kind="stable").reset_index(drop=True)

    counts = steps["pressure"].value_counts()
    alt_text = (f"Timeline of {len(steps)} sanctions actions on Belarus by {', '.join(jurisdictions)} from "
                f"{day(start)} to {day(end)}: {counts.get('Pressure added (impose, tighten)', 0)} added pressure "
                f"and {counts.get('Relief (ease, lift)', 0)} gave relief, with {int((steps['sector'] == 'potash').sum())} "
                f"on potash. A bottom row shows {len(events)} releases of prisoners. ")
    if len(relief):
        alt_text += (f"Of {len(relief)} US relief steps, {near} came within {relief_window_days} days of a release; "
                     f"the first was on {day(relief['date'].iloc[0])} and the last on {day(relief['date'].iloc[-1])}.")
    return Figure("sanctions-and-releases", edition, chart, table, title, alt_text.strip())


def relief_table(relief: pd.DataFrame) -> pd.DataFrame:
    """The US relief table as published (dates as text, readable column names)."""
    table = relief.copy()
    for column in ("date", "release_date"):
        table[column] = pd.to_datetime(table[column]).dt.strftime("%Y-%m-%d")
    return table


# ------------------------------------------------------------------ 03 prisoners held

def prisoners_held_figure(counts: pd.DataFrame, releases: pd.DataFrame, reported: pd.DataFrame, *,
                          start_date, end_date, max_gap_days: int = 120, show_other_counts: bool = True,
                          edition: str = "desktop") -> Figure:
    theme.use_house_style()
    width, height = edition_size(edition)
    start, end = pd.Timestamp(start_date), measures.resolve_end(end_date, releases)
    held = measures.held_series(counts, max_gap_days, start, end)
    others = counts[~counts["is_viasna"].fillna(False).astype(bool)
                    & (counts["date"] >= start) & (counts["date"] <= end)]
    freed = measures.cumulative(releases, "official", start, end)
    recognised = reported[(reported["measure"] == "newly_recognised") & reported["period_start"].notna()
                          & reported["period_end"].notna() & (reported["period_end"] >= start)
                          & (reported["period_start"] <= end)]

    top = max([int(held["held"].max()) if len(held) else 0, freed.total, 1])
    y_scale = alt.Scale(domain=[0, top * 1.08], nice=False)
    x = alt.X("date:T", title=None, scale=alt.Scale(domain=[start.isoformat(), end.isoformat()]),
              axis=alt.Axis(format="%b %Y", tickCount=6 if edition == "desktop" else 3))
    held_data = held[["date", "count_id", "held", "qualifier", "counted_by", "segment", "source_publisher",
                      "date_precision"]].copy()
    held_data["held"] = held_data["held"].astype("int64")
    tooltip = [alt.Tooltip("date:T", format="%-d %b %Y", title="Date"), alt.Tooltip("held:Q", format=",", title="Held"),
               alt.Tooltip("qualifier:N", title="Figure is"), alt.Tooltip("counted_by:N", title="Counted by"),
               alt.Tooltip("source_publisher:N", title="Source")]
    held_line = alt.Chart(held_data).mark_line(color=theme.INK, strokeWidth=2).encode(
        x=x, y=alt.Y("held:Q", scale=y_scale, title="People", axis=alt.Axis(format=",d")), detail="segment:N")
    held_points = alt.Chart(held_data).mark_circle(color=theme.INK, size=36, opacity=1).encode(
        x="date:T", y=alt.Y("held:Q", scale=y_scale), tooltip=tooltip)
    freed_line_data = pd.concat([pd.DataFrame({"date": [start], "cumulative": [0]}),
                                 freed.events[["date", "cumulative"]],
                                 pd.DataFrame({"date": [end], "cumulative": [freed.total]})], ignore_index=True)
    freed_line_data["cumulative"] = freed_line_data["cumulative"].astype("int64")
    freed_line = alt.Chart(freed_line_data).mark_line(interpolate="step-after", color=theme.FREED).encode(
        x="date:T", y=alt.Y("cumulative:Q", scale=y_scale))
    layers = [held_line, held_points, freed_line]
    if show_other_counts and len(others):
        other_data = others[["date", "count_id", "held", "qualifier", "counted_by", "source_publisher"]].copy()
        other_data["held"] = other_data["held"].astype("int64")
        layers.append(alt.Chart(other_data).mark_point(color=theme.MUTED, size=30, opacity=0.8).encode(
            x="date:T", y=alt.Y("held:Q", scale=y_scale), tooltip=tooltip[:2] + tooltip[3:]))
    if len(recognised):
        bars = recognised[["total_id", "period_start", "period_end", "value", "claim", "source_publisher"]].copy()
        bars["value"] = bars["value"].astype(float)
        bars["label"] = bars["value"].map(lambda v: f"{v:,.0f} newly recognised")
        layers.append(alt.Chart(bars).mark_rule(color=theme.TIGHTEN, strokeWidth=3, opacity=0.8).encode(
            x="period_start:T", x2="period_end:T", y=alt.Y("value:Q", scale=y_scale),
            tooltip=[alt.Tooltip("claim:N", title="What"), alt.Tooltip("value:Q", format=",", title="People"),
                     alt.Tooltip("source_publisher:N", title="Source")]))
        layers.append(alt.Chart(bars).mark_text(align="left", baseline="bottom", dy=-4, color=theme.TIGHTEN,
                                                fontSize=11).encode(
            x="period_start:T", y=alt.Y("value:Q", scale=y_scale), text="label:N"))
    # Direct labels on the lines, instead of a legend. The freed label ends at the middle of the period, just above the step line there,
    # where the line to its left is lower: clear of every step.
    middle = start + (end - start) / 2
    before = freed.events[freed.events["date"] <= middle]
    level = int(before["cumulative"].iloc[-1]) if len(before) else 0
    starts = [{"date": middle, "value": level, "text": f"People freed, cumulative: {freed.total:,}",
               "colour": "freed", "align": "right"}]
    if len(held_data):
        starts.append({"date": held_data["date"].iloc[0], "value": int(held_data["held"].iloc[0]),
                       "text": "Political prisoners held (Viasna)", "colour": "held", "align": "left"})
    for side in ("left", "right"):
        rows = [row for row in starts if row["align"] == side]
        if not rows:
            continue
        layers.append(alt.Chart(pd.DataFrame(rows)).mark_text(align=side, baseline="bottom", dy=-8,
                                                              fontWeight="bold", fontSize=12).encode(
            x="date:T", y=alt.Y("value:Q", scale=y_scale), text="text:N",
            color=alt.Color("colour:N", scale=alt.Scale(domain=["held", "freed"], range=[theme.INK, theme.FREED]),
                            legend=None)))

    first, last = (held_data.iloc[0], held_data.iloc[-1]) if len(held_data) else (None, None)
    fell = int(first["held"]) - int(last["held"]) if first is not None else 0
    if first is None:
        title = "Political prisoners held in Belarus"
    elif fell > 0:
        title = f"{freed.total:,} freed, but the number of political prisoners held fell by {fell:,}"
    else:
        title = f"{freed.total:,} freed, yet the number of political prisoners held rose by {-fell:,}"
    subtitle = (f"Political prisoners held, by Viasna's count (black), and people freed since {month(start)} (red).")
    if first is not None and fell < freed.total:
        subtitle += " The count fell by less than the number freed: new political prisoners kept being recognised."
    gaps = int(held_data["segment"].max()) if len(held_data) else 0
    note = (f"Note: the black line breaks where Viasna's count has no figure for more than {max_gap_days} days "
            f"({gaps} gap{'s' if gaps != 1 else ''}); it is not interpolated. Grey points are other groups' counts.")
    footer = wrap(note, width - 28) + wrap(
        f"Sources: counts from {publishers(held)}; releases from {publishers(freed.events)}.", width - 28) + [CREDIT]
    chart = _framed(layers, width, height, title, subtitle, footer)

    table = pd.concat([
        pd.DataFrame({"series": "held (Viasna)", "date": held["date"], "id": held["count_id"], "value": held["held"],
                      "qualifier": held["qualifier"], "segment": held["segment"], "counted_by": held["counted_by"],
                      "source_publisher": held["source_publisher"], "source_url": held["source_url"]}),
        pd.DataFrame({"series": "held (other counts)", "date": others["date"], "id": others["count_id"],
                      "value": others["held"], "qualifier": others["qualifier"], "counted_by": others["counted_by"],
                      "source_publisher": others["source_publisher"], "source_url": others["source_url"]})
        if show_other_counts else None,
        pd.DataFrame({"series": "freed, cumulative (official)", "date": freed.events["date"],
                      "id": freed.events["release_id"], "value": freed.events["cumulative"],
                      "source_publisher": freed.events["source_publisher"], "source_url": freed.events["source_url"]}),
        pd.DataFrame({"series": "newly recognised in period", "date": recognised["period_end"],
                      "id": recognised["total_id"], "value": recognised["value"],
                      "counted_by": recognised["who_said"], "source_publisher": recognised["source_publisher"],
                      "source_url": recognised["source_url"]}),
    ], ignore_index=True)
    table["date"] = pd.to_datetime(table["date"]).dt.strftime("%Y-%m-%d")
    table["value"] = pd.to_numeric(table["value"]).round().astype("Int64")
    table["segment"] = table["segment"].astype("Int64")
    table = table.sort_values(["date", "series", "id"], kind="stable").reset_index(drop=True)

    alt_text = f"Line chart comparing political prisoners held in Belarus with people freed, {day(start)} to {day(end)}. "
    if first is not None:
        alt_text += (f"Viasna's count went from {int(first['held']):,} on {day(first['date'])} to "
                     f"{int(last['held']):,} on {day(last['date'])}, a fall of {fell:,}, "
                     f"while {freed.total:,} people were freed by official count. ")
    if len(recognised):
        alt_text += " ".join(f"{row.value:,.0f} people were newly recognised as political prisoners between "
                             f"{day(row.period_start)} and {day(row.period_end)}." for row in recognised.itertuples())
    return Figure("prisoners-held", edition, chart, table, title, alt_text.strip())


# ------------------------------------------------------------------ 04 claims ledger

VERDICT_COLOURS = {"supported": theme.EASE, "contradicted": theme.FREED, "not checkable": theme.MUTED}


def claims_table_figure(ledger: pd.DataFrame, edition: str = "desktop") -> Figure:
    """The ledger as a table graphic: verdict, claim, claimed value against the data's."""
    theme.use_house_style()
    width, _ = edition_size(edition)
    text_px = width - 150 if edition == "desktop" else width - 40
    rows, y = [], 0
    for item in ledger.itertuples():
        claim_lines = wrap(item.claim, text_px)
        detail = wrap(f"Claimed: {item.claimed}; data: {item.data_value or 'n/a'}", text_px, 5.8)
        rows.append({"y": y, "verdict": item.verdict, "lines": claim_lines, "detail": detail,
                     "claim_id": item.claim_id, "explanation": item.explanation})
        y += (len(claim_lines) + len(detail)) * 15 + 14
    height = max(y, 40)
    frame = pd.DataFrame([{"y": r["y"], "verdict": r["verdict"].upper(), "verdict_key": r["verdict"],
                           "claim": r["lines"], "detail": r["detail"], "claim_id": r["claim_id"],
                           "explanation": r["explanation"], "detail_y": r["y"] + 15 * len(r["lines"])}
                          for r in rows])
    colour = alt.Color("verdict_key:N", scale=alt.Scale(domain=list(VERDICT_COLOURS),
                                                        range=list(VERDICT_COLOURS.values())), legend=None)
    if edition == "desktop":
        verdict_x, text_x, verdict_y = 0, 130, "y"
    else:
        verdict_x, text_x, verdict_y = 0, 0, "y"
        frame["y"] = frame["y"] + 16 * frame.index
        frame["detail_y"] = frame["detail_y"] + 16 * frame.index + 16
        height += 16 * len(frame)
    claim_y = "y:Q" if edition == "desktop" else "claim_y:Q"
    frame["claim_y"] = frame["y"] + (16 if edition == "mobile" else 0)
    verdicts = alt.Chart(frame).mark_text(align="left", baseline="top", fontWeight="bold", fontSize=11).encode(
        x=alt.value(verdict_x), y=alt.Y(f"{verdict_y}:Q", scale=None), text="verdict:N", color=colour,
        tooltip=["claim_id:N", "explanation:N"])
    claims = alt.Chart(frame).mark_text(align="left", baseline="top", fontSize=12, lineHeight=15).encode(
        x=alt.value(text_x), y=alt.Y(claim_y, scale=None), text="claim:N", tooltip=["claim_id:N", "explanation:N"])
    details = alt.Chart(frame).mark_text(align="left", baseline="top", fontSize=11, lineHeight=15,
                                         color=theme.MUTED).encode(
        x=alt.value(text_x), y=alt.Y("detail_y:Q", scale=None), text="detail:N")
    counts = ledger["verdict"].value_counts()
    title = "Checking the claims against the data"
    subtitle = ", ".join(f"{counts.get(v, 0)} {v}" for v in VERDICT_COLOURS)
    footer = wrap("Each verdict is computed from the desk's data by a named check (data/claims.csv); "
                  "the explanation of each is in the exported CSV.", width - 28) + [CREDIT]
    chart = alt.layer(verdicts, claims, details, footer_layer(footer, height, 12)).properties(
        width=width, height=height, title=alt.TitleParams(title, subtitle=subtitle),
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    alt_text = (f"Table of {len(ledger)} claims checked against the data: "
                + "; ".join(f"{row.claim} — {row.verdict}" for row in ledger.itertuples()) + ".")
    return Figure("claims-check", edition, chart, ledger.copy(), title, alt_text)

