"""The layouts a figure is drawn in, one record each (`Layout` in `LAYOUTS`).

The notebooks' `layout` parameter, the figure builders and the export all read a layout from
here, so adding a layout means adding one record here (and its tests), never an
`if layout == ...` elsewhere. Plain data, without Altair: the runner checks every edition's
`layout` against these names before any kernel has started.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType


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
