"""Vega's own formatting in each language: the d3 locale objects, checked by vl-convert drawing.

vl-convert renders a tiny time-series chart with the objects from helpers.i18n; the SVG's
axis ticks must show the language's month names (nominative on their own: "март", not
"марта") and its number separators.
"""

from __future__ import annotations

import html
import re

import pytest
import vl_convert as vlc

from helpers.i18n import LANGUAGES, translator
from helpers.i18n.vega_locale import d3_time_pattern

NBSP = "\u00a0"
D3_FORMAT_KEYS = {"decimal", "thousands", "grouping", "currency", "minus"}
D3_TIME_KEYS = {"dateTime", "date", "time", "periods", "days", "shortDays", "months", "shortMonths"}


def tiny_chart(time_format: str) -> dict:
    """Three monthly points, one tick per month, and a y axis reaching thousands."""
    values = [{"date": f"2026-0{m}-01", "freed": v} for m, v in ((1, 900), (2, 1500), (3, 12345))]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": values}, "width": 360, "height": 120,
        "mark": "line",
        "encoding": {
            "x": {"field": "date", "type": "temporal",
                  "axis": {"format": time_format, "values": [v["date"] for v in values], "labelFont": "Lato"}},
            "y": {"field": "freed", "type": "quantitative",
                  "axis": {"format": ",d", "values": [0, 5000, 10000]}},
        },
    }


def svg_texts(svg: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


@pytest.mark.parametrize("code", LANGUAGES)
def test_locale_objects_have_every_field_d3_reads(code):
    t = translator(code)
    assert set(t.format_locale) == D3_FORMAT_KEYS
    assert set(t.time_format_locale) == D3_TIME_KEYS
    assert len(t.time_format_locale["months"]) == len(t.time_format_locale["shortMonths"]) == 12
    assert len(t.time_format_locale["days"]) == len(t.time_format_locale["shortDays"]) == 7
    assert t.embed_options() == {"formatLocale": t.format_locale, "timeFormatLocale": t.time_format_locale}


def test_the_objects_follow_cldr_not_d3s_genitive_russian():
    ru = translator("ru").time_format_locale
    assert ru["months"][2] == "март" and vlc.get_time_format_locale("ru-RU")["months"][2] == "марта"
    assert translator("be").time_format_locale["days"][0] == "нядзеля"     # d3 lists days from Sunday
    assert translator("lt").time_format_locale["months"][2] == "kovas"
    assert translator("pl").format_locale == {"decimal": ",", "thousands": NBSP, "grouping": [3],
                                              "currency": ["", f"{NBSP}zł"], "minus": "-"}


@pytest.mark.parametrize("code, ticks, numbers", [
    ("en", ["January 2026", "February 2026", "March 2026"], ["0", "5,000", "10,000"]),
    ("be", ["студзень 2026", "люты 2026", "сакавік 2026"], ["0", f"5{NBSP}000", f"10{NBSP}000"]),
    ("ru", ["январь 2026", "февраль 2026", "март 2026"], ["0", f"5{NBSP}000", f"10{NBSP}000"]),
    ("uk", ["січень 2026", "лютий 2026", "березень 2026"], ["0", f"5{NBSP}000", f"10{NBSP}000"]),
    ("pl", ["styczeń 2026", "luty 2026", "marzec 2026"], ["0", f"5{NBSP}000", f"10{NBSP}000"]),
    ("lt", ["sausis 2026", "vasaris 2026", "kovas 2026"], ["0", f"5{NBSP}000", f"10{NBSP}000"]),
])
def test_vl_convert_draws_localized_month_ticks_and_numbers(code, ticks, numbers):
    t = translator(code)
    svg = vlc.vegalite_to_svg(tiny_chart("%B %Y"), format_locale=t.format_locale,
                              time_format_locale=t.time_format_locale)
    texts = svg_texts(svg)
    for tick in ticks + numbers:
        assert tick in texts, (tick, texts)
    if code != "en":
        assert not {"January 2026", "March 2026"} & set(texts)


def test_the_cldr_axis_format_draws_as_cldr_writes_month_and_year():
    for code in ("ru", "lt"):
        t = translator(code)
        svg = vlc.vegalite_to_svg(tiny_chart(t.axis_format("yMMMM")), format_locale=t.format_locale,
                                  time_format_locale=t.time_format_locale)
        assert t.month_year("2026-03-01") in svg_texts(svg)    # "март 2026 г.", "2026 m. kovas"


def test_cldr_patterns_become_d3_formats():
    assert d3_time_pattern("d MMMM y 'г'.") == "%-d %B %Y г."
    assert d3_time_pattern("y 'm'. LLLL") == "%Y m. %B"
    assert d3_time_pattern("dd.MM.y HH:mm") == "%d.%m.%Y %H:%M"
    assert d3_time_pattern("'100%' y") == "100%% %Y"
    with pytest.raises(ValueError, match="no d3 equivalent for the CLDR field 'G'"):
        d3_time_pattern("G y")
