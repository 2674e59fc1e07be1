"""Place milestone labels on a time axis so that they never overlap.

Vega-Lite has no label dodging, so labels are laid out here, in Python, before the
chart is built: most important first, each in the first row where it fits, left of
its rule if it would run off the right edge, dropped if no row has room. A label's
rule runs down from its row, so a label in a lower row never spans the rule of a label
above it. The result depends only on the inputs, so a re-render gives the same picture.

`placed_milestones` decides which milestones a layout labels (by priority, English first) and
places them in every language as English does (parity), with short forms where a label does not fit.

Widths are measured with the shipped font (Lato, through Pillow: the advance widths Vega's
renderer also uses), so a label placed here is as wide as the label drawn: a translation
longer than the English is measured, not guessed from its number of characters.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd

from helpers.paths import FONT_DIR

TEXT_SIZE = 11     # px, the labels' font size unless told otherwise
GAP = 8            # px kept clear between two labels in a row
RULE_GAP = 3       # px kept clear between a label and another label's rule
SLACK = 1.02       # measured widths are widened by 2 %, for the renderer's rounding
LABEL_GAP = 2      # px between a label row's top and its text


@dataclass(frozen=True)
class PlacedLabel:
    milestone_id: str
    row: int          # 0 = top row
    x: float          # px from the left of the plot
    align: str        # "left": text starts at the rule; "right": text ends at it


@functools.cache
def _font(bold: bool):
    from PIL import ImageFont

    # Basic layout: the glyphs' advance widths, the same on every machine (no shaping library).
    return ImageFont.truetype(str(FONT_DIR / ("Lato-Bold.ttf" if bold else "Lato-Regular.ttf")), size=100,
                              layout_engine=ImageFont.Layout.BASIC)


@functools.lru_cache(maxsize=4096)
def text_width(text: str, font_size: float = TEXT_SIZE, bold: bool = False) -> float:
    """px the text takes in the house font at a size: its glyphs' advance widths (measured at
    100 px and scaled), widened a little for the renderer's rounding."""
    return _font(bold).getlength(text) * font_size / 100 * SLACK


def label_width(text: str, font_size: float = TEXT_SIZE) -> float:
    return text_width(text, font_size)


def x_position(date, start, end, plot_width: float) -> float:
    span = (pd.Timestamp(end) - pd.Timestamp(start)).total_seconds()
    return (pd.Timestamp(date) - pd.Timestamp(start)).total_seconds() / span * plot_width


def place_labels(milestones: pd.DataFrame, start, end, plot_width: float, max_rows: int,
                 font_size: float = TEXT_SIZE) -> list[PlacedLabel]:
    """Assign a row to each label (most important first); drop those that fit nowhere.

    Order: priority, then `importance` (if given: e.g. people freed with the milestone,
    so that on a narrow chart the biggest releases keep their labels), then date.
    In each row, from the top, a label is tried to the right of its rule, then to the left.
    """
    ranked = milestones.assign(_importance=-milestones["importance"] if "importance" in milestones else 0)
    orders = [ranked.sort_values(keys, ascending=ascending) for keys, ascending in (
        (["priority", "_importance", "date", "milestone_id"], True),
        (["priority", "date", "milestone_id"], [True, True, True]),
        (["priority", "date", "milestone_id"], [True, False, True]))]
    # The greedy pass can box itself in; of the orders tried, keep the one that labels more
    # of the most important milestones, then more people freed, then more labels (the first on a tie).
    tries = [_place_in_order(order, start, end, plot_width, max_rows, font_size) for order in orders]
    by_id = ranked.set_index("milestone_id")
    top = ranked["priority"].min() if len(ranked) else 0

    def score(placed: list[PlacedLabel]) -> tuple:
        rows = by_id.loc[[p.milestone_id for p in placed]]
        return (int((rows["priority"] == top).sum()), -float(rows["_importance"].sum()), len(placed))

    best = max(tries, key=score)
    return sorted(best, key=lambda p: (p.row, p.x))


def _place_in_order(order: pd.DataFrame, start, end, plot_width: float, max_rows: int,
                    font_size: float) -> list[PlacedLabel]:
    boxes: list[tuple[int, float, float, float]] = []     # (row, left, right, rule x) of each placed label
    placed: list[PlacedLabel] = []

    def fits(row: int, left: float, right: float, x: float) -> bool:
        for other_row, a, b, other_x in boxes:
            if other_row == row and not (right + GAP <= a or left >= b + GAP):
                return False                   # two labels in one row
            if other_x == x:
                continue                       # same date: they share the rule along their edge
            if other_row < row and left - RULE_GAP < other_x < right + RULE_GAP:
                return False                   # the rule of a label above runs through this one
            if other_row > row and a - RULE_GAP < x < b + RULE_GAP:
                return False                   # this label's rule would run through one below
        return True

    for item in order.itertuples():
        x = x_position(item.date, start, end, plot_width)
        width = label_width(item.label, font_size)
        sides = [(align, left) for align, left in (("left", x), ("right", x - width))
                 if left >= 0 and left + width <= plot_width]
        spot = next(((row, align, left) for row in range(max_rows) for align, left in sides
                     if fits(row, left, left + width, x)), None)
        if spot is None:
            continue
        row, align, left = spot
        boxes.append((row, left, left + width, x))
        placed.append(PlacedLabel(item.milestone_id, row, x, align))
    return placed


def place_as(milestones: pd.DataFrame, wanted: list[str], short: dict[str, str], start, end, plot_width: float,
             max_rows: int, font_size: float = TEXT_SIZE) -> tuple[dict[str, PlacedLabel], dict[str, str]]:
    """Place exactly the `wanted` milestones (those the source language placed), each with its
    `label`, taking its short form (`short`, by milestone_id) where the full one does not fit:
    first for the labels left out, then, one at a time, for the longest full labels left, until
    every one is placed. Returns the placed labels and the text each is placed with; a wanted
    milestone missing from the result could not be placed even with every short form."""
    chosen = milestones[milestones["milestone_id"].isin(wanted)].copy()
    texts = dict(zip(chosen["milestone_id"], chosen["label"]))

    def attempt() -> dict[str, PlacedLabel]:
        return {p.milestone_id: p for p in place_labels(chosen.assign(label=chosen["milestone_id"].map(texts)),
                                                         start, end, plot_width, max_rows, font_size)}

    placed = attempt()
    if len(placed) < len(chosen):
        texts.update({m: short[m] for m in texts if m in short and m not in placed})
        placed = attempt()
    while len(placed) < len(chosen):
        longer = [m for m in texts if m in short and texts[m] != short[m]]
        if not longer:
            break
        swap = max(longer, key=lambda m: (label_width(texts[m], font_size), m))
        texts[swap] = short[swap]
        placed = attempt()
    return placed, {m: texts[m] for m in placed}


def placed_milestones(milestones: pd.DataFrame, releases: pd.DataFrame, start, end, width: float, layout,
                      min_priority: int, t) -> pd.DataFrame:
    """The milestones of the period that get a label on a plot `width` px wide in `layout` (a
    helpers.layouts record), with the row and side of each, in the language of `t` (a Translator).

    The English labels decide which milestones a layout labels; every language labels the same
    ones (parity), in its own words, taking a milestone's short form (data/label_translations.csv
    `short:`) where its full label does not fit or names someone with no attested spelling.
    `label` is the text placed. attrs: `unspelled` and `no_room` count the milestones English
    labels and this language cannot (no text for them at all; no room even for the short form)."""
    if layout.summary_only:
        shown = milestones.iloc[0:0].assign(row=0, align="left", label_y=0, rule_top=0, english_label="")
        shown.attrs.update(unspelled=0, no_room=0)
        return shown
    max_priority = min(min_priority, layout.max_priority)
    candidates = milestones[(milestones["priority"] <= max_priority)
                            & milestones["date"].between(pd.Timestamp(start), pd.Timestamp(end))].copy()
    linked = releases.groupby("milestone_id")["released_count"].sum()
    candidates["importance"] = candidates["milestone_id"].map(linked).fillna(0).astype(float)
    english = {p.milestone_id: p for p in place_labels(
        candidates, start, end, width, layout.label_rows, layout.text_size)}
    unspelled = 0
    if t.language.is_source:
        placed, texts = english, dict(zip(candidates["milestone_id"], candidates["label"]))
    else:
        short_forms = candidates.get("short_label", pd.Series(None, index=candidates.index)).fillna("")
        full = {m: t.optional_label("milestone", m, label) for m, label in zip(candidates["milestone_id"],
                                                                               candidates["label"]) if m in english}
        short = {m: t.optional_label("short", m, text) for m, text in zip(candidates["milestone_id"], short_forms)
                 if m in english and text}
        short = {m: text for m, text in short.items() if text}
        wanted = [m for m in english if full.get(m) or short.get(m)]
        unspelled = len(english) - len(wanted)
        labelled = candidates.assign(label=candidates["milestone_id"].map(lambda m: full.get(m) or short.get(m)))
        placed, texts = place_as(labelled, wanted, short, start, end, width, layout.label_rows,
                                 layout.text_size)
    shown = candidates[candidates["milestone_id"].isin(placed)].copy()
    shown["english_label"] = shown["label"]
    shown["label"] = shown["milestone_id"].map(texts)
    shown["row"] = shown["milestone_id"].map(lambda m: placed[m].row).astype(int)
    shown["align"] = shown["milestone_id"].map(lambda m: placed[m].align)
    shown["label_y"] = shown["row"] * layout.line_height + LABEL_GAP
    shown["rule_top"] = shown["label_y"] + layout.line_height - LABEL_GAP
    shown.attrs.update(unspelled=unspelled, no_room=len(english) - len(placed) - unspelled)
    return shown


def overlaps(placed: list[PlacedLabel], labels: dict[str, str], font_size: float = TEXT_SIZE) -> list[tuple[str, str]]:
    """Pairs of placed labels whose boxes overlap (used by tests; should be empty)."""
    boxes = []
    for p in placed:
        width = label_width(labels[p.milestone_id], font_size)
        left = p.x if p.align == "left" else p.x - width
        boxes.append((p.row, left, left + width, p.milestone_id))
    clashes = []
    for i, (row_a, a0, a1, id_a) in enumerate(boxes):
        for row_b, b0, b1, id_b in boxes[i + 1:]:
            if row_a == row_b and a0 < b1 and b0 < a1:
                clashes.append((id_a, id_b))
    return clashes
