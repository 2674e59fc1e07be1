"""Every translated edition says what English says (issue 19, item 1): the same milestones
placed, the same numbers, and every person English names in a tooltip, either by name or
counted in "and N more" in the language, never a dash. Compared with English for every
story, layout and language, on the figures as the notebooks build them."""

from __future__ import annotations

import re

import pytest

import figure_cases
from helpers import data
from helpers.i18n import TRANSLATED

STORIES = ("cumulative-releases", "sanctions-and-releases", "prisoners-held")
LAYOUTS = ("desktop", "mobile", "social")
# Every story and layout with milestones or people to compare (the other cards carry neither:
# their numbers are compared with the rest of their story).
CASES = [(story, layout) for story in STORIES for layout in LAYOUTS
         if layout != "social" or story == "cumulative-releases"]
# How each language ends a list of names with the ones it cannot spell: "…, Владимир Лабкович и ещё 5".
# (\s: the space may be a no-break space, as after "и" and before a number.)
AND_MORE = {"be": r"і\sяшчэ\s(\d+)$", "ru": r"и\sещё\s(\d+)$", "uk": r"та\sще\s(\d+)$",
            "pl": r"i\s(\d+)\sinn\w+(\sosob\w+)?$", "lt": r"ir\sdar\s(\d+)$"}
# A cell whose people all lack a spelling says only how many: "1 чалавек", "1 osoba".
ONLY_COUNT = r"^(\d+)\s\w+"


@pytest.fixture(scope="module")
def frames():
    return data.load_all()


@pytest.fixture(scope="module")
def english(frames):
    return {(story, layout): figure_cases.build(frames, story, layout, "en") for story, layout in CASES}


def placed_milestones(figure) -> list[str]:
    table = figure.table
    return sorted(table.loc[table["layer"] == "milestone", "id"]) if "layer" in table else []


def tooltip_people(figure) -> dict[str, str]:
    """release_id -> the notable-people text its tooltip shows (from the spec's data)."""
    found = {}
    for rows in figure.chart.to_dict().get("datasets", {}).values():
        for row in rows:
            if "notable_people" in row and "release_id" in row:
                found[row["release_id"]] = row["notable_people"] or ""
    return found


def people_counted(text: str, code: str) -> int:
    """How many people a tooltip cell accounts for: names shown plus "and N more"."""
    text = text.strip()
    if text in ("", "—"):
        return 0
    more = re.search(AND_MORE.get(code, r"$^"), text)
    if more:
        names = text[:more.start()].strip().rstrip(",")
        return int(more.group(1)) + (len(names.split(", ")) if names else 0)
    alone = re.match(ONLY_COUNT, text)
    if alone and code != "en":
        return int(alone.group(1))
    return len(text.split(", "))


@pytest.mark.parametrize("story, layout", CASES)
@pytest.mark.parametrize("code", TRANSLATED)
def test_a_translated_edition_places_names_and_counts_what_english_does(frames, english, story, layout, code):
    source = english[(story, layout)]
    built = figure_cases.build(frames, story, layout, code)
    assert placed_milestones(built) == placed_milestones(source), f"{code} {story} {layout}: milestones differ"
    assert built.key_numbers == source.key_numbers
    theirs, ours = tooltip_people(built), tooltip_people(source)
    assert theirs.keys() == ours.keys()
    for release, names in ours.items():
        assert people_counted(theirs[release], code) == people_counted(names, "en"), \
            f"{code} {story} {layout} {release}: {theirs[release]!r} for {names!r}"
        if names not in ("", "—"):
            assert theirs[release] != "—"


def test_the_headline_places_the_eight_milestones_english_places_in_every_language(frames):
    """The review's check (A1): the eight milestones English labels on the desktop headline (the
    six key visits and the call, the election, Lukashenko's pledge) are labelled in each
    language, with short forms where the full label does not fit."""
    eight = ["M002", "M005", "M008", "M011", "M013", "M015", "M028", "M037"]
    # since the headline runs to September 2026 (issue 20: "latest" ends with the newest US step),
    # English also has room for M038, Coale's "Trump contact soon" of 19 March 2026, beside M037
    placed = eight + ["M038"]
    assert placed_milestones(figure_cases.build(frames, "cumulative-releases", "desktop", "en")) == placed
    for code in TRANSLATED:
        assert placed_milestones(figure_cases.build(frames, "cumulative-releases", "desktop", code)) == placed, code


def test_the_people_count_reads_names_and_and_more():
    assert people_counted("Алесь Бяляцкі, Марыя Калеснікава і яшчэ 5", "be") == 7
    assert people_counted("Aleś Bialacki i 5 innych", "pl") == 6
    assert people_counted("—", "ru") == 0
    assert people_counted("Ales Bialiatski, Maria Kalesnikava", "en") == 2
