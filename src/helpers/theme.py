"""The desk's house chart style: colours, the layouts a figure is drawn in, the Altair
theme, and the shipped font.

The layouts a figure is drawn in are records in helpers.layouts (re-exported here as
theme.Layout, theme.LAYOUTS, theme.layout()): a module of plain data that the runner can
read to check a `layout` parameter without importing Altair.

The font (Lato, SIL Open Font License, in src/helpers/fonts/) is registered with
vl-convert so that PNG, SVG and PDF exports use it on any machine; without that,
vl-convert falls back silently to another font. `use_house_style()` is idempotent.
"""

from __future__ import annotations

import functools

import altair as alt

from helpers.layouts import LAYOUTS, Layout, layout  # noqa: F401 (theme.Layout, theme.layout for builders)
from helpers.paths import FONT_DIR

THEME_NAME = "desk"
FONT = "Lato"

# Colours, named for what they mean. No figure uses a colour that is not here.
INK = "#1a1a1a"          # text, and the series a figure is about when it is not people freed
MUTED = "#6b6b6b"        # secondary text, context series (other groups' counts)
GRID = "#e3e3e3"
RULE = "#9a9a9a"         # milestone rules, axis lines
CONTEXT_FILL = "#f1ece4"  # a period shaded for context (e.g. people newly recognised)
FREED = "#b8322a"        # people freed
PRESSURE = "#c44e1b"     # sanctions imposed or tightened
RELIEF = "#2a8c82"       # sanctions eased (a licence; the target stays listed)
LIFTED = "#12544e"       # sanctions lifted (a delisting)
SUPPORTED = RELIEF       # a claim the data supports
CONTRADICTED = FREED     # a claim the data contradicts
UNCHECKABLE = MUTED      # a claim the data cannot check


def house_config() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "background": "white",
            "padding": {"left": 12, "right": 16, "top": 12, "bottom": 12},
            "view": {"stroke": None},
            "title": {
                "font": FONT, "fontSize": 20, "fontWeight": "bold", "color": INK,
                "anchor": "start", "offset": 10,
                "subtitleFont": FONT, "subtitleFontSize": 13, "subtitleColor": MUTED,
                "subtitlePadding": 6,
            },
            "axis": {
                "labelFont": FONT, "titleFont": FONT, "labelFontSize": 11, "titleFontSize": 11,
                "labelColor": MUTED, "titleColor": MUTED, "titleFontWeight": "normal",
                "gridColor": GRID, "domainColor": RULE, "tickColor": RULE,
                "labelOverlap": "greedy",      # a crowded axis drops labels rather than overlap them
            },
            "axisX": {"grid": False, "labelFlush": True},
            "axisY": {"domain": False, "ticks": False, "titleAngle": 0, "titleAlign": "left",
                      "titleY": -8, "titleX": 0},
            "legend": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 11,
                       "titleFontSize": 11, "orient": "top", "titleColor": MUTED, "labelColor": INK},
            "text": {"font": FONT, "fontSize": 11, "color": INK},
            "line": {"color": FREED, "strokeWidth": 2.5},
            "circle": {"color": FREED},
            "rule": {"color": RULE},
        }
    }


@functools.cache
def register_font() -> None:
    """Give vl-convert the house font (once per process)."""
    import vl_convert as vlc

    vlc.register_font_directory(str(FONT_DIR))


def use_house_style() -> None:
    """Register and enable the house theme, and give vl-convert the house font."""
    register_font()
    if THEME_NAME not in alt.theme.names():
        alt.theme.register(THEME_NAME, enable=False)(house_config)
    alt.theme.enable(THEME_NAME)
