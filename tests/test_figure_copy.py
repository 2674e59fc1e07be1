"""The words on every figure: the period each states, plural agreement, freshness."""

from __future__ import annotations

import pandas as pd
import pytest

import figure_cases
from helpers import data, text

PERIOD_CASES = [
    # start, end, what the title says
    ("2025-01-01", "2025-12-31", "in 2025"),
    ("2025-01-01", "2025-06-30", "from January to June 2025"),
    ("2025-03-01", "2025-03-31", "in March 2025"),
    ("2025-01-01", "2026-03-31", "from January 2025 to March 2026"),
    ("2025-01-15", "2025-06-30", "from 15 January 2025 to 30 June 2025"),
]


@pytest.fixture(scope="module")
def frames():
    return data.load_all()


@pytest.mark.parametrize("start, end, words", PERIOD_CASES)
def test_a_closed_period_is_stated_not_since(start, end, words):
    assert text.period_phrase(start, end, open_ended=False) == words


def test_an_open_period_runs_since_its_start():
    assert text.period_phrase("2024-07-01", "2026-03-31", open_ended=True) == "since July 2024"
    assert text.period_phrase("2024-07-15", "2026-03-31", open_ended=True) == "since 15 July 2024"


# The alt text states the exact dates of a custom period (whole sentences, no period piece).
EXACT = {"2025-12-31": "from 1 January 2025 to 31 December 2025", "2025-06-30": "from 1 January 2025 to 30 June 2025",
         "2026-03-31": "from 1 January 2025 to 31 March 2026"}


@pytest.mark.parametrize("figure", ["cumulative-releases", "sanctions-and-releases", "prisoners-held"])
@pytest.mark.parametrize("start, end, words", [PERIOD_CASES[0], PERIOD_CASES[1], PERIOD_CASES[3]])
def test_every_figure_states_a_custom_period_in_title_or_subtitle_and_alt_text(frames, figure, start, end, words):
    """The sanctions chart's title counts relief steps; its subtitle says the period."""
    built = figure_cases.build(frames, figure, "desktop", start_date=start, end_date=end)
    assert words in built.title or (figure == "sanctions-and-releases" and words in built.subtitle), built.title
    assert EXACT[end] in built.alt_text
    assert "since" not in built.title and "since" not in built.subtitle


def test_the_headline_title_counts_the_period_it_states(frames):
    built = figure_cases.build(frames, "cumulative-releases", "desktop", start_date="2025-01-01", end_date="2025-12-31")
    assert built.title == "Belarus: 369 people freed in 2025"     # the data's fact (tests/test_facts.py)


@pytest.mark.parametrize("number, words", [(0, "0 releases"), (1, "1 release"), (2, "2 releases"),
                                           (1234, "1,234 releases")])
def test_numbers_agree_with_their_nouns(number, words):
    assert text.count(number, "release") == words
    assert text.count(1, "person", "people") == "1 person" and text.count(5, "person", "people") == "5 people"


def test_a_source_line_says_one_other_not_one_others():
    frame = pd.DataFrame({"source_publisher": ["A", "A", "B", "C", "D", "E"]})
    assert text.publishers(frame) == "A, B, C, D and 1 other"
    frame = pd.DataFrame({"source_publisher": list("AABCDEF")})
    assert text.publishers(frame).endswith("and 2 others")


@pytest.mark.parametrize("figure, layout", figure_cases.CASES)
def test_every_figure_says_how_fresh_it_is(frames, figure, layout):
    built = figure_cases.build(frames, figure, layout)
    if figure == "claims-check":     # the ledger checks every table: its newest row is its freshness,
        newest = pd.Timestamp("2026-10-04")      # M044, "Coale named hostage envoy" (data/milestones.csv)
    else:                            # a chart: the newest confirmed row it draws ("latest", issue 20)
        newest = pd.to_datetime(built.table["date"]).max()
        # the US removals of 30 September 2026 (S051) for the charts that draw sanctions; the release
        # and Viasna's count of 19 March 2026 for the revolving door
        if figure == "cumulative-releases" and layout == "social":
            # the card draws no sanctions marks but runs as far as the full chart (helpers.drawn.headline):
            # its newest drawn row is the lead of 15 September (a hollow mark), its data runs to 30 September
            assert newest == pd.Timestamp("2026-09-15")
            newest = pd.Timestamp("2026-09-30")
        assert newest == pd.Timestamp("2026-03-19" if figure == "prisoners-held" else "2026-09-30")
    assert built.data_to == newest
    words = text.data_to(newest)
    assert words in built.alt_text
    footer = [row["line"] for rows in built.chart.to_dict()["datasets"].values() for row in rows if "line" in row]
    assert any(line.startswith(words) for line in footer), footer


def test_the_freshness_date_is_the_newest_row_drawn_not_the_newest_in_the_file(frames):
    built = figure_cases.build(frames, "cumulative-releases", "desktop", start_date="2025-01-01", end_date="2025-06-30")
    drawn = pd.to_datetime(built.table["date"]).max()
    assert built.data_to == drawn < pd.Timestamp("2025-07-01")


def test_the_same_865_are_freed_since_july_2024_in_every_story(frames):
    """Review A11: the red line of prisoners-held starts with the first release, 3 July 2024 (E01),
    although its chart starts in May 2024 with Viasna's count: it says "since July 2024", as the
    headline does for the same 865 people."""
    headline = figure_cases.build(frames, "cumulative-releases", "desktop")
    held = figure_cases.build(frames, "prisoners-held", "desktop")
    assert headline.title == "Belarus: 865 people freed since July 2024"
    assert held.title.startswith("865 people freed since July 2024, ")
    assert "people freed since July 2024 (red)" in held.subtitle
    assert "May 2024" not in held.title + held.subtitle


def test_grey_points_keep_the_more_than_of_their_counts(frames):
    """Review A11: a count reported as "more than 1,300" is not shown as a bare 1,300."""
    rows = {}
    for code in ("en", "ru", "pl"):
        spec = figure_cases.build(frames, "prisoners-held", "desktop", code).chart.to_dict()
        rows[code] = {row["count_id"]: row for data in spec["datasets"].values() for row in data if "held_text" in row}
    assert rows["en"]["C004"]["held_text"] == "more than 1,300"
    assert rows["en"]["C005"]["held_text"] == "about 1,400" and rows["en"]["C020"]["held_text"] == "at least 1,184"
    assert rows["ru"]["C004"]["held_text"] == "более\u00a01300"         # four digits whole in Russian text
    assert rows["pl"]["C019"]["held_text"] == "ponad\u00a01000"
    assert rows["ru"]["C019"]["counted_by_text"] == "президент Литвы"   # no attested spelling: named by office
