"""Every figure in every language: localized titles, no English chrome left, the exported
bundle's language marks (xml:lang, <html lang>, vega locale, localized CSV header), every
character in the font. Figures are built in-process (tests/figure_cases.py), no papermill."""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import string

import pytest
import vl_convert as vlc

import figure_cases
from glyphs import missing_glyphs
from helpers import data, export, kit, measures, theme
from helpers.i18n import LANGUAGES, TRANSLATED, translator
from helpers.i18n import maintain
from helpers.i18n.languages import status_lines, draft_warning

STORIES = ("cumulative-releases", "sanctions-and-releases", "prisoners-held")
# The headline's default period starts in July 2024: the title says so in the phrase's month form.
JULY = {"en": "July 2024", "be": "ліпеня 2024", "ru": "июля 2024", "uk": "липня 2024", "pl": "lipca 2024",
        "lt": "2024 m. liepos"}
ENGLISH_MONTH_ON_AXIS = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec) 20\d\d\b")
COUNTS = (1, 2, 5, 21, 22, 25, 111)


@pytest.fixture(scope="module")
def frames():
    return data.load_all()


@functools.cache
def _svg(figure: str, layout: str, code: str) -> tuple[kit.Figure, str]:
    built = figure_cases.build(data.load_all(), figure, layout, code)
    theme.use_house_style()
    return built, vlc.vegalite_to_svg(export.vega_lite_spec(built), **export.locale_options(built))


def svg_texts(svg: str) -> list[str]:
    import html

    return [html.unescape(text) for text in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_headline_title_has_the_localized_number_and_month(frames, code):
    built = figure_cases.build(frames, "cumulative-releases", "desktop", code)
    t = translator(code)
    total = measures.official_total(frames["releases"], "2024-07-01", "2026-03-31")
    words = plain(built.title)
    assert t.number(total) in words and JULY[code] in words, built.title
    assert built.title == t.headline(t.nphrase(
        "Belarus: {n} person freed {period}", "Belarus: {n} people freed {period}", total,
        period=t.pphrase("headline", "since {start}", start=t.date_value("2024-07-01", "month"))))


@pytest.mark.parametrize("code, expected", [
    ("be", ["у Беларусі вызвалілі 1 чалавека", "у Беларусі вызвалілі 2 чалавекі", "у Беларусі вызвалілі 5 чалавек",
            "у Беларусі вызвалілі 21 чалавека", "у Беларусі вызвалілі 22 чалавекі",
            "у Беларусі вызвалілі 25 чалавек", "у Беларусі вызвалілі 111 чалавек"]),
    ("ru", ["в Беларуси освободили 1 человека", "в Беларуси освободили 2 человека", "в Беларуси освободили 5 человек",
            "в Беларуси освободили 21 человека", "в Беларуси освободили 22 человека",
            "в Беларуси освободили 25 человек", "в Беларуси освободили 111 человек"]),
    ("uk", ["Білорусь звільнила 1 людину", "Білорусь звільнила 2 людини", "Білорусь звільнила 5 людей",
            "Білорусь звільнила 21 людину", "Білорусь звільнила 22 людини", "Білорусь звільнила 25 людей",
            "Білорусь звільнила 111 людей"]),
    ("pl", ["uwolniono 1 osobę", "uwolniono 2 osoby", "uwolniono 5 osób", "uwolniono 21 osób",
            "uwolniono 22 osoby", "uwolniono 25 osób", "uwolniono 111 osób"]),
    ("lt", ["paleistas 1 žmogus", "paleisti 2 žmonės", "paleisti 5 žmonės", "paleistas 21 žmogus",
            "paleisti 22 žmonės", "paleisti 25 žmonės", "paleista 111 žmonių"]),
])
def test_the_figure_title_agrees_with_its_count(code, expected):
    t = translator(code)
    titles = [plain(t.nphrase("Belarus: {n} person freed {period}", "Belarus: {n} people freed {period}", n,
                              period="P")) for n in COUNTS]
    assert [title.split("P ", 1)[1] for title in titles] == expected


def plain(text: str) -> str:
    """The words with every no-break space as a plain one (these tests are about words)."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def english_fragments() -> list[str]:
    """The literal English pieces of every catalog string (between placeholders), long enough to
    be words a reader would notice, plus the English chrome words of the frame."""
    pieces = set()
    for message in maintain.extract():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for msgid in ids:
            for literal, *_ in string.Formatter().parse(msgid):
                pieces.update(part.strip(" ;:,.()") for part in re.split(r"[·;]", literal or ""))
    return sorted(p for p in pieces if len(p) >= 8 and p not in ("Belarus Releases Desk", "CC BY 4.0"))


@pytest.mark.parametrize("figure", STORIES)
@pytest.mark.parametrize("code", TRANSLATED)
def test_no_english_chrome_is_left_in_another_language(figure, code):
    built, svg = _svg(figure, "desktop", code)
    drawn = "\n".join(svg_texts(svg))
    words = "\n".join([drawn, built.title, built.subtitle, built.alt_text, built.method_note,
                       *kit.table_headers(translator(code)).values()])
    words = re.sub(r"Belarus\sReleases\sDesk", "", words)   # the desk's name stays English (chrome.py), no-break in uk
    left = [piece for piece in english_fragments() if piece in words]
    assert left == [], f"English chrome in the {code} {figure}: {left}"
    for english in ("Sources:", "Data to", "Graphic:", "Note:", " freed", " since "):
        assert english not in words, english
    assert not ENGLISH_MONTH_ON_AXIS.search(drawn), ENGLISH_MONTH_ON_AXIS.search(drawn)


def test_the_check_finds_english_left_in_a_figure():
    built, svg = _svg("cumulative-releases", "desktop", "en")
    assert [piece for piece in english_fragments() if piece in "\n".join(svg_texts(svg))]
    assert ENGLISH_MONTH_ON_AXIS.search("\n".join(svg_texts(svg)))


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_character_of_every_output_text_is_in_the_font(code):
    texts = []
    for figure, layout in figure_cases.CASES:
        if figure == "claims-check" and code != "en":
            continue
        built, svg = _svg(figure, layout, code)
        texts += svg_texts(svg) + [built.title, built.subtitle, built.alt_text, built.method_note]
        texts += list(built.headers.values()) + [v for column in built.table.columns for v in built.table[column] if isinstance(v, str)]
    assert len("".join(texts)) > 2000
    assert missing_glyphs("".join(texts)) == set()


@pytest.mark.parametrize("code", ["be", "lt", "en"])
def test_the_bundle_says_its_language_everywhere(tmp_path, code):
    built = figure_cases.build(data.load_all(), "cumulative-releases", "desktop", code)
    written = export.export_bundle(built, tmp_path)
    t = translator(code)
    svg = written["svg"].read_text(encoding="utf-8")
    assert re.search(rf'<svg\b[^>]*\bxml:lang="{code}"', svg)
    page = written["html"].read_text(encoding="utf-8")
    assert f'<html lang="{code}">' in page
    assert json.dumps(t.time_format_locale["shortMonths"][0], ensure_ascii=False).strip('"') in page
    assert t.embed_options()["formatLocale"]["thousands"] in page
    meta = json.loads(written["json"].read_text(encoding="utf-8"))
    assert (meta["language"], meta["html_lang"], meta["language_status"]) == (code, code, LANGUAGES[code].status)
    assert meta["sources"] and all(s["url"].startswith("http") and s["publisher"] for s in meta["sources"])
    assert meta["method_note"] and meta["files"][-1].endswith(".json")
    assert written["txt"].read_text(encoding="utf-8").strip() == built.alt_text
    machine = next(csv.reader(io.StringIO(written["csv"].read_text(encoding="utf-8"))))
    localized_text = written["localized.csv"].read_text(encoding="utf-8-sig")
    localized = next(csv.reader(io.StringIO(localized_text)))
    assert machine == list(built.table.columns) and machine[:3] == ["layer", "date", "id"]
    assert localized == [t._(kit.TABLE_HEADERS[column]) for column in machine]
    assert written["localized.csv"].read_bytes().startswith("\ufeff".encode())
    assert len(localized_text.splitlines()) == len(written["csv"].read_text(encoding="utf-8").splitlines())
    if code != "en":
        assert localized != machine and t._("Date") in localized


def test_a_column_without_a_header_in_the_language_stops_the_export(tmp_path):
    built = figure_cases.build(data.load_all(), "cumulative-releases", "mobile", "ru")
    built.table["new_column"] = 1
    with pytest.raises(Exception, match=r"no Russian \(ru\) header for the column 'new_column'.*TABLE_HEADERS"):
        export.export_bundle(built, tmp_path)


def test_the_runner_gets_one_status_line_per_language_and_a_draft_warning():
    lines = status_lines(["be", "en", "be", "lt"])
    assert lines[0].startswith("en: reviewed") and lines[1].startswith("be: draft") and lines[2].startswith("lt: ")
    assert len(lines) == 3
    assert draft_warning(["en"]) is None
    assert draft_warning(["lt", "en", "be"]).endswith(": be, lt")


@pytest.mark.parametrize("figure", STORIES)
@pytest.mark.parametrize("code", LANGUAGES)
def test_alt_text_has_no_doubled_full_stop_after_a_date(figure, code):
    built, _ = _svg(figure, "desktop", code)
    assert ".." not in built.alt_text, built.alt_text
    assert built.alt_text.endswith(".")
