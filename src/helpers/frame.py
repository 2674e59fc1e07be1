"""The frame of a figure: the title and subtitle on top, the footer below the plot (notes, sources,
the "Data to" date and the credit), wrapped to the layout's width in the house font; a legend whose
entries fit the layout; and fitting a fixed-size card (the social card) to its exact height.
A builder (helpers.figures) draws its marks and hands them to `framed()` with its words."""

from __future__ import annotations

from typing import Callable

import altair as alt
import pandas as pd

from helpers import theme
from helpers.i18n import Translator
from helpers.text import data_to, wrap

CREDIT = "Graphic: Belarus Releases Desk · Data: CC BY 4.0 · Code: MIT"   # English msgid; t._(CREDIT)
LINE_SPACING = 1.25      # a title's or subtitle's line step, in font sizes: room for "Ź", "Š" under "g", "y"


def text_lines(text: str, width_px: float, font_size: int, bold: bool = False) -> list[str]:
    return wrap(text, width_px, font_size, bold)


def footer_gap(layout: theme.Layout) -> int:
    """px between the plot's bottom edge and the first footer line: below the x axis's ticks
    (5 px), padding (2 px) and tick labels (their descenders), with air to spare."""
    return layout.text_size + 17


def footer(layout: theme.Layout, notes: list[str], sources: str, newest, t: Translator,
           indent: float | None = None) -> list[str]:
    """Notes, the sources line, the freshness line and the credit, wrapped to the layout (text
    measured in the house font). `indent`: px left of the plot taken by the y axis (the footer
    starts where the plot does); by default what four-digit tick labels and a title take."""
    indent = layout.text_size * 4 + 8 if indent is None else indent
    width = layout.width - 16 - indent
    lines = [line for note in notes for line in text_lines(note, width, layout.footer_size)]
    lines += text_lines(sources, width, layout.footer_size)
    stamp = [data_to(newest, t)] if newest is not None else []
    return lines + text_lines(" · ".join(stamp + [t._(CREDIT)]), width, layout.footer_size)


def footer_layer(lines: list[str], plot_height: int, layout: theme.Layout, offset: int | None = None) -> alt.Chart:
    """Footer lines drawn below the x axis (Vega-Lite has no footer)."""
    offset = footer_gap(layout) if offset is None else offset
    step = max(layout.footer_size + 4, round(layout.footer_size * 1.3))   # room for "Ź" under "g"
    frame = pd.DataFrame({"line": lines, "y": [plot_height + offset + i * step for i in range(len(lines))]})
    return alt.Chart(frame).mark_text(align="left", baseline="top", fontSize=layout.footer_size,
                                      color=theme.MUTED).encode(
        x=alt.XValue(0), y=alt.Y("y:Q", scale=None, axis=None), text=alt.Text("line:N"))


def framed(layers: list, layout: theme.Layout, plot_height: int, title: str, subtitle: str,
           footer_lines: list[str], footer_offset: int | None = None) -> alt.LayerChart:
    """The layers with the title on top and the footer below, at the layout's width."""
    width = layout.width - 30
    chart = alt.layer(*layers, footer_layer(footer_lines, plot_height, layout, footer_offset)).properties(
        width=layout.width, height=plot_height,
        title=alt.TitleParams(text_lines(title, width, layout.title_size, bold=True),
                              subtitle=text_lines(subtitle, width, layout.subtitle_size),
                              fontSize=layout.title_size, subtitleFontSize=layout.subtitle_size,
                              lineHeight=round(layout.title_size * LINE_SPACING),
                              subtitleLineHeight=round(layout.subtitle_size * LINE_SPACING)),
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    )
    return chart


def fitted(draw: Callable[[int], alt.TopLevelMixin], layout: theme.Layout) -> alt.TopLevelMixin:
    """Draw at the layout's plot height; a fixed-size card is redrawn with the plot height
    that makes the whole figure exactly as tall as the card (titles wrap, so it is measured)."""
    chart = draw(layout.plot_height)
    if layout.exact_height is None:
        return chart
    import vl_convert as vlc

    theme.use_house_style()
    plot_height = layout.plot_height
    for _ in range(3):
        measured = vlc.vegalite_to_scenegraph(chart.to_dict())["height"]
        if measured == layout.exact_height:
            break
        plot_height += layout.exact_height - measured
        chart = draw(plot_height)
    return chart


def legend(title: str | None, layout: theme.Layout, columns: int | None = None,
           entries: list[str] | None = None) -> alt.Legend:
    """A legend above the plot; `columns` sets a grid (e.g. 2 x 2 for four entries on a wide layout).
    With its `entries` (the labels, in the language) a row that would not fit the layout's width
    gets fewer columns: a translation longer than the English moves entries to a next row."""
    columns = layout.legend_columns if columns is None or layout.legend_columns == 1 else columns
    if entries and columns != 1:
        columns = _columns_that_fit(entries, columns or len(entries), layout)
    return alt.Legend(title=title, orient="top", direction="vertical" if columns == 1 else "horizontal",
                      columns=columns, labelFontSize=layout.text_size, titleFontSize=layout.text_size,
                      symbolSize=layout.text_size * 6, columnPadding=16, labelLimit=0,
                      rowPadding=max(2, layout.text_size // 3))     # room for "Š" under "p"


def _columns_that_fit(entries: list[str], columns: int, layout: theme.Layout) -> int:
    from helpers.placement import text_width

    def row_width(n: int) -> float:      # Vega aligns a grid's columns: each as wide as its widest entry
        widest = [max(text_width(e, layout.text_size) for e in entries[i::n]) for i in range(n)]
        return sum(w + layout.text_size * 2 + 16 for w in widest)

    while columns > 1 and row_width(columns) > layout.width - 40:
        columns -= 1
    return columns
