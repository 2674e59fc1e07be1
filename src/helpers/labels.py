"""Place milestone labels on a time axis so that they never overlap.

Vega-Lite has no label dodging, so labels are laid out here, in Python, before the
chart is built: most important first, each in the first row where it fits, left of
its rule if it would run off the right edge, dropped if no row has room. The result
depends only on the inputs, so a re-render gives the same picture.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

CHAR_WIDTH = 5.4   # px per character of 11 px Lato (measured ~4.6 in SVGs): errs towards more space
GAP = 8            # px kept clear between two labels in a row


@dataclass(frozen=True)
class PlacedLabel:
    milestone_id: str
    row: int          # 0 = top row
    x: float          # px from the left of the plot
    align: str        # "left": text starts at the rule; "right": text ends at it


def label_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


def x_position(date, start, end, plot_width: float) -> float:
    span = (pd.Timestamp(end) - pd.Timestamp(start)).total_seconds()
    return (pd.Timestamp(date) - pd.Timestamp(start)).total_seconds() / span * plot_width


def place_labels(milestones: pd.DataFrame, start, end, plot_width: float, max_rows: int) -> list[PlacedLabel]:
    """Assign a row to each label (most important first); drop those that fit nowhere.

    Order: priority, then `importance` (if given: e.g. people freed with the milestone,
    so that on a narrow chart the biggest releases keep their labels), then date.
    In each row, from the top, a label is tried to the right of its rule, then to the left.
    """
    ranked = milestones.assign(_importance=-milestones["importance"] if "importance" in milestones else 0)
    order = ranked.sort_values(["priority", "_importance", "date", "milestone_id"])
    rows: list[list[tuple[float, float]]] = [[] for _ in range(max_rows)]
    placed = []
    for item in order.itertuples():
        x = x_position(item.date, start, end, plot_width)
        width = label_width(item.label)
        sides = [(align, left) for align, left in (("left", x), ("right", x - width))
                 if left >= 0 and left + width <= plot_width]
        spot = next(((number, align, left) for number, taken in enumerate(rows) for align, left in sides
                     if all(left + width + GAP <= a or left >= b + GAP for a, b in taken)), None)
        if spot is None:
            continue
        number, align, left = spot
        rows[number].append((left, left + width))
        placed.append(PlacedLabel(item.milestone_id, number, x, align))
    return sorted(placed, key=lambda p: (p.row, p.x))


def overlaps(placed: list[PlacedLabel], labels: dict[str, str]) -> list[tuple[str, str]]:
    """Pairs of placed labels whose boxes overlap (used by tests; should be empty)."""
    boxes = []
    for p in placed:
        width = label_width(labels[p.milestone_id])
        left = p.x if p.align == "left" else p.x - width
        boxes.append((p.row, left, left + width, p.milestone_id))
    clashes = []
    for i, (row_a, a0, a1, id_a) in enumerate(boxes):
        for row_b, b0, b1, id_b in boxes[i + 1:]:
            if row_a == row_b and a0 < b1 and b0 < a1:
                clashes.append((id_a, id_b))
    return clashes
