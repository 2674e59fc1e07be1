"""The headline's sanctions lane: one mark per sanctions step along the bottom of the plot, its
shape and colour saying the step's direction (imposed or tightened, eased by a licence, lifted by
delisting; measures.PRESSURE/RELIEF say what each means), with its legend and tooltip."""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers import frame, kit, theme
from helpers.i18n import Translator

HEIGHT = 22             # px at the bottom of the plot for sanctions markers

# How each sanctions direction is drawn (English msgids; t._ gives the legend entry);
# the meaning of the directions is measures.PRESSURE/RELIEF.
MARKS = {
    "impose": ("Sanctions imposed or tightened", "triangle-up", theme.PRESSURE, True),
    "tighten": ("Sanctions imposed or tightened", "triangle-up", theme.PRESSURE, True),
    "ease": ("Eased: licence, firm stays listed", "circle", theme.RELIEF, False),
    "lift": ("Lifted: delisting", "diamond", theme.LIFTED, True),
}


def layer(steps: pd.DataFrame, jurisdictions: list[str], layout: theme.Layout, plot_height: int,
          t: Translator) -> alt.Chart:
    """One mark per sanctions step in the lane along the plot's bottom, shaped and coloured by its
    direction, with a legend whose entries fit the layout and a tooltip in the language."""
    entries = {direction: t._(mark[0]) for direction, mark in MARKS.items()}
    order = list(dict.fromkeys(entries.values()))
    style = {entries[d]: (shape, colour, filled) for d, (_, shape, colour, filled) in MARKS.items()}
    marks = kit.with_dates(steps[["date", "action_id", "jurisdiction", "direction", "instrument", "target",
                                  "source_publisher"]], t).assign(
        style=steps["direction"].map(entries), lane=[t.label("jurisdiction", j, j) for j in steps["jurisdiction"]],
        source_publisher=[t.publisher(p) for p in steps["source_publisher"]])
    scale = {"domain": order}
    names = t.list_of([t.label("jurisdiction", j, j) for j in jurisdictions])
    tooltip = [kit.date_tooltip(t), alt.Tooltip("lane:N", title=t._("Jurisdiction")),
               alt.Tooltip("style:N", title=t._("Step"))]
    if t.language.is_source:   # instrument and target are English data text, not translated
        tooltip += [alt.Tooltip("instrument:N", title="Instrument"), alt.Tooltip("target:N", title="Target")]
    return alt.Chart(marks).mark_point(size=70, strokeWidth=1.6).encode(
        x=alt.X("date:T"), y=alt.YValue(plot_height - HEIGHT / 2),
        shape=alt.Shape("style:N", scale=alt.Scale(**scale, range=[style[o][0] for o in order]),
                        legend=frame.legend(t.phrase("Sanctions steps ({list})", list=names), layout, entries=order)),
        color=alt.Color("style:N", scale=alt.Scale(**scale, range=[style[o][1] for o in order])),
        fill=alt.Fill("style:N", scale=alt.Scale(**scale, range=[style[o][1] if style[o][2] else "white"
                                                                 for o in order])),
        tooltip=tooltip + [alt.Tooltip("source_publisher:N", title=t._("Source"))])
