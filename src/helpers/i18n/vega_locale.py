"""Vega's own formatting (axis ticks, tooltips) in a language: d3 locale objects from CLDR.

vl-convert and vega-embed take a d3-format locale (`format_locale`) and a
d3-time-format locale (`time_format_locale`). d3 ships named ones for some languages
(ru-RU, uk-UA, pl-PL) but not be-BY or lt-LT, and its ru-RU uses genitive month names
("марта"), which is wrong on an axis tick without a day. So every language's objects
are built here, the same way, from Babel's CLDR data.

Month names: d3 has one set for %B and one for %b, with no case. We give it the CLDR
*standalone* (nominative) names, right for what Vega draws: axis ticks such as
"%b %Y" ("март 2026", "сакавік 2026"). A date with a day ("19 марта") needs the
genitive, which d3 cannot choose: format such dates in Python with
`Translator.day()` into a column and show that column (tooltips, tables).

Currency follows CLDR too, but no chart formats money, and Lato has no ₽ (U+20BD): use a
"$" d3 format only after checking the font (tests/glyphs.py).

Known d3 limit: d3-format always groups thousands, so where the text writes "1234" (be, ru, uk,
pl: minimumGroupingDigits 2) `count_format` gives the figures an ungrouped "d" for axes and
tooltips whose numbers stay below 10 000.
"""

from __future__ import annotations

import functools
import re

from babel import numbers

from helpers.i18n.formats import babel_locale
from helpers.i18n.languages import Language

# CLDR date-pattern letters -> d3-time-format directives.
_CLDR_TO_D3 = {
    "yyyy": "%Y", "y": "%Y", "yy": "%y",
    "MMMM": "%B", "LLLL": "%B", "MMM": "%b", "LLL": "%b", "MM": "%m", "LL": "%m", "M": "%-m", "L": "%-m",
    "dd": "%d", "d": "%-d",
    "EEEE": "%A", "cccc": "%A", "E": "%a", "EEE": "%a", "ccc": "%a",
    "HH": "%H", "H": "%-H", "hh": "%I", "h": "%-I", "mm": "%M", "m": "%-M", "ss": "%S", "s": "%-S",
    "a": "%p",
}
_TOKEN = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*|[^A-Za-z']+")


def d3_time_pattern(cldr_pattern: str) -> str:
    """A CLDR date/time pattern ("d MMMM y 'г'.") as a d3-time-format string ("%-d %B %Y г.")."""
    out = []
    for match in _TOKEN.finditer(cldr_pattern):
        token = match.group(0)
        if token.startswith("'"):
            out.append((token[1:-1].replace("''", "'") or "'").replace("%", "%%"))
        elif match.group(1):
            if token not in _CLDR_TO_D3:
                raise ValueError(f"no d3 equivalent for the CLDR field {token!r} in {cldr_pattern!r}")
            out.append(_CLDR_TO_D3[token])
        else:
            out.append(token.replace("%", "%%"))
    return "".join(out)


def _currency_affixes(lang: Language) -> list[str]:
    """d3's [prefix, suffix] around a number, from the CLDR currency pattern and local currency."""
    locale = babel_locale(lang)
    currency = numbers.get_territory_currencies(locale.territory)[0]
    symbol = numbers.get_currency_symbol(currency, locale=locale)
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    before, _, rest = pattern.partition("#")
    after = rest.lstrip("#,0.")
    return [before.replace("¤", symbol), after.replace("¤", symbol)]


@functools.cache
def _format_locale(lang: Language) -> tuple:
    locale = babel_locale(lang)
    primary, secondary = numbers.parse_pattern(locale.decimal_formats[None].pattern).grouping
    return (("decimal", numbers.get_decimal_symbol(locale)),
            ("thousands", numbers.get_group_symbol(locale)),
            ("grouping", [primary] if primary == secondary else [primary, secondary]),
            ("currency", _currency_affixes(lang)),
            ("minus", numbers.get_minus_sign_symbol(locale)))


def format_locale(lang: Language) -> dict:
    """The d3-format locale (decimal, thousands, grouping, currency, minus) for vl-convert."""
    return {key: (list(value) if isinstance(value, list) else value) for key, value in _format_locale(lang)}


def _sunday_first(names) -> list[str]:
    """Babel numbers weekdays from Monday (0); d3 lists them from Sunday."""
    return [names[6]] + [names[i] for i in range(6)]


def _periods(lang: Language) -> list[str]:
    """AM and PM as CLDR abbreviates them (the 24-hour languages still define them)."""
    periods = babel_locale(lang).day_periods["format"]["abbreviated"]
    return [periods["am"], periods["pm"]]


def time_format_locale(lang: Language) -> dict:
    """The d3-time-format locale: dateTime, date, time, periods, days and months (standalone)."""
    locale = babel_locale(lang)
    date = d3_time_pattern(locale.date_formats["short"].pattern)
    time = d3_time_pattern(locale.time_formats["medium"].pattern)
    combined = locale.datetime_formats["medium"].replace("{1}", "%x").replace("{0}", "%X")
    months = locale.months["stand-alone"]
    days = locale.days["stand-alone"]
    return {
        "dateTime": combined, "date": date, "time": time,
        "periods": _periods(lang),
        "days": _sunday_first(days["wide"]),
        "shortDays": _sunday_first(days["abbreviated"]),
        "months": [months["wide"][m] for m in range(1, 13)],
        "shortMonths": list(lang.typography.axis_months) or [months["abbreviated"][m] for m in range(1, 13)],
    }


def axis_format(lang: Language, skeleton: str = "yMMM") -> str:
    """A d3 time format for axis ticks: "yMMM" is a month tick as the language's press prints it
    (Typography.axis_pattern: "%b %Y" en, be, ru, uk, pl; "%Y %b" lt; shortMonths above holds
    be's "студз."), else CLDR's pattern; "yMMMM" the full month; "y" the year."""
    pattern = babel_locale(lang).datetime_skeletons[skeleton].pattern
    if skeleton == "yMMM" and lang.typography.axis_pattern:
        pattern = lang.typography.axis_pattern
    return d3_time_pattern(pattern.replace("MMMM", "LLLL").replace("MMM", "LLL"))


def count_format(lang: Language, largest: int | float) -> str:
    """The d3 format of whole numbers up to `largest`, grouped as the text groups them: d3 always
    groups thousands, so where a 4-digit number stays whole in text ("1374": be, ru, uk, pl) an
    axis or tooltip whose numbers stay below 10 000 is not grouped either."""
    return "d" if lang.min_grouping_digits > 1 and abs(largest) < 10 ** (3 + lang.min_grouping_digits - 1) else ",d"
