"""The house font draws every character the six languages put on a chart, and PDFs embed it.

Lato 2.0 (src/helpers/fonts/, Regular and Bold) covers Cyrillic, including Belarusian ў і
and Ukrainian ї є ґ ʼ, and the Polish and Lithuanian diacritics. The helper
`glyphs.missing_glyphs` is what the figure tests use on every output's text.
"""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
import vl_convert as vlc
from pypdf import PdfReader

from conftest import ROOT
from glyphs import font_faces, missing_glyphs
from helpers import data, export, theme
from helpers.i18n import LANGUAGES, TRANSLATED, translator
from helpers.i18n import catalogs

ALPHABETS = {
    "be": "абвгдеёжзійклмнопрстуўфхцчшыьэюя'АБВГДЕЁЖЗІЙКЛМНОПРСТУЎФХЦЧШЫЬЭЮЯ",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя’ʼАБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ",
    "pl": "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ„”",
    "lt": "ąčęėįšųūžĄČĘĖĮŠŲŪŽ„“",
}
PUNCTUATION = "«»–—·…\u00a0\u202f\u2212№"


def test_both_faces_are_lato_2_with_their_licence():
    assert set(font_faces()) == {"Lato-Regular.ttf", "Lato-Bold.ttf"}
    assert (ROOT / "src" / "helpers" / "fonts" / "LICENSE-Lato.txt").read_text().count("License: OFL-1.1") == 1


@pytest.mark.parametrize("code", ALPHABETS)
def test_the_font_covers_the_alphabet(code):
    assert missing_glyphs(ALPHABETS[code]) == set()


def test_the_font_covers_the_punctuation_the_formats_use():
    assert missing_glyphs(PUNCTUATION) == set()


def test_missing_glyphs_reports_what_lato_cannot_draw():
    assert missing_glyphs("Беларусь 你好 ⼀ ₽") == {"你", "好", "⼀", "₽"}
    assert missing_glyphs("line\nbreak\ttab") == set()


def language_texts(code: str) -> str:
    """Every string the language can put on a chart: catalog, labels, CLDR names and formats."""
    lang, t = LANGUAGES[code], translator(code)
    parts = []
    for message in catalogs.read_catalog(lang):
        parts += list(message.string) if isinstance(message.string, tuple) else [message.string]
    rows, _ = data.validated_rows()   # the session copy (DESK_ROOT): nothing written into the checkout
    parts += [row["text"] or "" for row in rows["label_translations"] if row["translation_id"].endswith(f"/{code}")]
    locale = t.time_format_locale
    parts += locale["months"] + locale["shortMonths"] + locale["days"] + locale["shortDays"] + locale["periods"]
    # the currency symbol is left out: no chart formats money, and Lato has no ₽ (U+20BD)
    parts += [str(v) for key, v in t.format_locale.items() if key != "currency"]
    for month in range(1, 13):
        date = f"2026-{month:02d}-19"
        parts += [t.day(date), t.month_year(date), t.month_year(date, form="format"), t.short_month_year(date)]
    parts += [t.number(-1234567.5, decimals=1), t.list_of(["A", "B", "C"])]
    return "".join(parts)


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_character_a_language_can_draw_is_in_the_font(code):
    text = language_texts(code)
    assert len(text) > 500
    assert missing_glyphs(text) == set()


def test_a_pdf_with_every_languages_text_embeds_lato_only():
    """vl-convert, with the house font registered, embeds Lato in the PDF and the text survives."""
    theme.use_house_style()
    lines = [translator(code)._("Political prisoners held (Viasna)") for code in TRANSLATED]
    spec = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": 400, "height": 200,
            "config": theme.house_config()["config"],
            "data": {"values": [{"y": i, "text": line} for i, line in enumerate(lines)]},
            "mark": {"type": "text", "align": "left", "font": theme.FONT},
            "encoding": {"y": {"field": "y", "type": "ordinal", "axis": None}, "text": {"field": "text"}}}
    pdf = vlc.svg_to_pdf(vlc.vegalite_to_svg(spec))
    export.check_font_embedded(pdf, SimpleNamespace(slug="i18n-fonts", edition="test"))
    reader = PdfReader(io.BytesIO(pdf))
    fonts = {str(font["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert fonts and all("Lato" in name for name in fonts), fonts
    extracted = reader.pages[0].extract_text()
    for word in ("Палітвязні", "политзаключённых", "Політв’язні", "Więźniowie", "Viasnos"):
        assert word in extracted, extracted
