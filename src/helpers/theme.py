"""The desk's house chart style: colours, the layouts a figure is drawn in, the Altair
theme, and the shipped font.

A layout is one record (`Layout`) in `LAYOUTS`: the notebooks' `layout` parameter, the
figure builders and the export all read it from there, so adding a layout means adding
one record here (and its tests), never an `if layout == ...` elsewhere.

The font (Lato, SIL Open Font License, in src/helpers/fonts/) is registered with
vl-convert so that PNG, SVG and PDF exports use it on any machine; without that,
vl-convert falls back silently to another font. `use_house_style()` is idempotent.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from types import MappingProxyType

import altair as alt

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


@dataclass(frozen=True)
class Layout:
    """What a layout means: its size and how much a figure says at that size."""

    name: str
    description: str
    width: int                  # px, the whole figure
    plot_height: int            # px, the plotting area (the figure grows by its title and footer)
    label_rows: int             # rows of milestone labels above the plot
    max_priority: int           # label milestones of this priority or more important (1 = key only)
    tick_count: int             # date ticks on a time axis
    legend_columns: int         # 0 = legend entries side by side; 1 = one per line
    title_size: int
    subtitle_size: int
    text_size: int              # labels, legends, axis labels
    footer_size: int
    png_scale: int              # the PNG is drawn at this multiple of the layout's pixels
    exact_height: int | None = None   # a card of fixed size (social): the figure is exactly this tall
    key_number_size: int = 0    # > 0: the headline number is drawn large beside the chart
    summary_only: bool = False  # draw only what reads at thumbnail size (no sanctions lane, no notes)

    @property
    def line_height(self) -> int:
        return self.text_size + 4


LAYOUTS = MappingProxyType({layout.name: layout for layout in (
    Layout("desktop", "720 px wide, for articles", width=720, plot_height=440, label_rows=5, max_priority=2,
           tick_count=6, legend_columns=0, title_size=20, subtitle_size=13, text_size=11, footer_size=10,
           png_scale=2),
    Layout("mobile", "360 px wide, key labels only", width=360, plot_height=360, label_rows=3, max_priority=1,
           tick_count=3, legend_columns=1, title_size=17, subtitle_size=12, text_size=11, footer_size=10,
           png_scale=2),
    Layout("social", "1200 x 675 card for social posts and link previews", width=1200, plot_height=380,
           label_rows=2, max_priority=1, tick_count=4, legend_columns=0, title_size=40, subtitle_size=24,
           text_size=20, footer_size=17, png_scale=1, exact_height=675, key_number_size=96,
           summary_only=True),
)})


def layout(name: str) -> Layout:
    """The Layout record called `name` (a KeyError names the allowed ones)."""
    try:
        return LAYOUTS[name]
    except KeyError:
        raise KeyError(f"no layout called {name!r} (expected one of: {', '.join(LAYOUTS)})") from None


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
def _register_font() -> None:
    import vl_convert as vlc

    vlc.register_font_directory(str(FONT_DIR))


def use_house_style() -> None:
    """Register and enable the house theme, and give vl-convert the house font."""
    _register_font()
    if THEME_NAME not in alt.theme.names():
        alt.theme.register(THEME_NAME, enable=False)(house_config)
    alt.theme.enable(THEME_NAME)
