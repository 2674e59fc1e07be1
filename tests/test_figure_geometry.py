"""No label, legend entry or title collides with another, nor is crossed by a line:
checked from the geometry vl-convert renders, for every figure in every layout, on the
notebooks' default periods and on custom ones (tests/geometry.py says how)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

import figure_cases
import geometry
from helpers import data, export

CUSTOM_PERIODS = [("2025-01-01", "2025-12-31"), ("2025-01-01", "2025-06-30"), ("2024-09-01", "2026-03-31")]


@pytest.fixture(scope="module")
def frames():
    return data.load_all()


def assert_clean(built) -> None:
    """One Vega run per figure case: the three checks read the same scenegraph."""
    scene = geometry.scene(export.vega_lite_spec(built), **export.locale_options(built))
    assert geometry.collisions_in(scene) == []
    assert geometry.clipped_in(scene) == []
    assert scene["width"] == built.layout.width


@pytest.mark.parametrize("figure, layout, language", figure_cases.LANGUAGE_CASES)
def test_no_text_collides_or_is_cut_off_on_the_published_figure(frames, figure, layout, language):
    assert_clean(figure_cases.build(frames, figure, layout, language))


@pytest.mark.parametrize("start, end", CUSTOM_PERIODS)
@pytest.mark.parametrize("figure, layout", [case for case in figure_cases.CASES if case[0] != "claims-check"])
def test_no_text_collides_or_is_cut_off_for_a_custom_period(frames, figure, layout, start, end):
    assert_clean(figure_cases.build(frames, figure, layout, start_date=start, end_date=end))


def test_the_check_finds_overlapping_text_and_a_rule_through_text():
    words = pd.DataFrame({"x": [10, 14], "y": [20, 22], "text": ["Overlapping label", "Another label"]})
    rule = pd.DataFrame({"x": [60], "y": [0], "y2": [100]})
    chart = alt.layer(
        alt.Chart(words).mark_text(align="left", fontSize=11).encode(
            x=alt.X("x:Q", scale=None), y=alt.Y("y:Q", scale=None), text="text:N"),
        alt.Chart(rule).mark_rule().encode(x=alt.X("x:Q", scale=None), y=alt.Y("y:Q", scale=None),
                                           y2="y2:Q")).properties(width=200, height=100)
    found = geometry.collisions(chart.to_dict())
    assert any("overlaps" in f for f in found), found
    assert any("crossed by a line" in f for f in found), found
    wide = alt.Chart(pd.DataFrame({"text": ["far too long for this narrow figure"]})).mark_text(
        align="left").encode(x=alt.value(0), y=alt.value(10), text="text:N").properties(
        width=60, height=20, autosize=alt.AutoSizeParams(type="none"))
    assert geometry.clipped(wide.to_dict()), "text past the right edge was not found"


def test_text_width_comes_from_the_font():
    assert geometry.text_width("iiii", 11) < geometry.text_width("WWWW", 11)
    assert geometry.text_width("Label", 22) == pytest.approx(2 * geometry.text_width("Label", 11))


# ---------------------------------------------------------------- the social card, glyph by glyph (review A10)

def tick_to_footer(boxes: list) -> float:
    """px between the ink of the card's date ticks and the ink of its first footer line."""
    labels = [b for b in boxes if b.role == "axis-label"]
    ticks = [b for b in labels if b.y1 > max(t.y1 for t in labels) - 1]          # the x axis: the lowest labels
    below = [b for b in boxes if b.role == "mark" and b.y0 > min(t.y0 for t in ticks)]
    return min(b.y0 for b in below) - max(t.y1 for t in ticks)


def card_ink(built) -> list:
    return geometry.ink(export.vega_lite_spec(built), **export.locale_options(built))


@pytest.mark.parametrize("language", ["en", "be", "ru", "uk", "pl", "lt"])
@pytest.mark.parametrize("figure", ["cumulative-releases", "sanctions-and-releases", "prisoners-held"])
def test_the_social_cards_ticks_source_line_and_accents_keep_clear(frames, figure, language):
    """Measured on the glyphs (accents of "Ź", "Š" included): the date ticks stay 4 px clear
    of the source line, and no line of text touches another (a title's second line, a footer)."""
    boxes = card_ink(figure_cases.build(frames, figure, "social", language))
    assert tick_to_footer(boxes) >= 4
    assert geometry.ink_collisions_among(boxes, gap=0.5) == []


def test_the_glyph_check_finds_what_the_old_card_did(frames, monkeypatch):
    """The card as it was (source line 28 px under the plot): Polish "Źródła" ran into the
    date ticks above it."""
    from helpers import frame

    monkeypatch.setattr(frame, "footer_gap", lambda layout: 28)
    # to March 2026, as the card was: the source line is its first footer line (no leads' note above it)
    boxes = card_ink(figure_cases.build(frames, "cumulative-releases", "social", "pl", end_date="2026-03-31"))
    assert tick_to_footer(boxes) < 0
    assert any("Źródła" in found for found in geometry.ink_collisions_among(boxes, gap=0.5))
