"""The desk's house chart style, registered as an Altair theme, and its shipped font.

The font (Lato, SIL Open Font License, in src/helpers/fonts/) is registered with
vl-convert so that PNG, SVG and PDF exports use it on any machine; without that,
vl-convert falls back silently to another font. `use_house_style()` is idempotent.
"""

from __future__ import annotations

import functools

import altair as alt

from helpers.paths import FONT_DIR

THEME_NAME = "desk"
FONT = "Lato"

# Colours: one accent for people freed, muted greys for context, and a diverging
# pair for sanctions (red = pressure added, teal = pressure removed).
INK = "#1a1a1a"
MUTED = "#6b6b6b"
GRID = "#e3e3e3"
FREED = "#b8322a"
TIGHTEN = "#c44e1b"
EASE = "#2a8c82"
LIFT = "#12544e"

EDITION_WIDTHS = {"desktop": 720, "mobile": 360}
EDITION_HEIGHTS = {"desktop": 420, "mobile": 360}


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
                "gridColor": GRID, "domainColor": "#9a9a9a", "tickColor": "#9a9a9a",
            },
            "axisX": {"grid": False, "labelFlush": True},
            "axisY": {"domain": False, "ticks": False, "titleAngle": 0, "titleAlign": "left",
                      "titleY": -8, "titleX": 0},
            "legend": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 11,
                       "titleFontSize": 11, "orient": "top", "titleColor": MUTED, "labelColor": INK},
            "text": {"font": FONT, "fontSize": 11, "color": INK},
            "line": {"color": FREED, "strokeWidth": 2.5},
            "circle": {"color": FREED},
            "rule": {"color": "#9a9a9a"},
        }
    }


@functools.cache
def _register_font() -> None:
    import vl_convert as vlc

    vlc.register_font_directory(str(FONT_DIR))


def use_house_style() -> None:
    """Register and enable the house theme, and give vl-convert the house font."""
    _register_font()
    if THEME_NAME not in alt.theme.names():
        alt.theme.register(THEME_NAME, enable=False)(house_config)
    alt.theme.enable(THEME_NAME)
