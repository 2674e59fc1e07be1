"""Numbers and dates in a language's own conventions, from CLDR through Babel.

Nothing here is a hand-written table: separators, month names (in both CLDR contexts)
and the order of day, month and year all come from Babel's CLDR data. The one CLDR
value Babel lacks, minimumGroupingDigits, is carried by the language record.

Month names come in two CLDR contexts, and Slavic and Baltic languages need both:
- "standalone" (CLDR `LLLL`): the nominative, for a month on its own: a heading, an
  axis tick ("март 2026 г.", "сакавік 2026", "marzec 2026", "2026 m. kovas").
- "format" (CLDR `MMMM`): the form inside a phrase or with a day; in be, ru, uk, pl
  and lt it is the genitive: "19 марта 2026 г.", "с марта 2026 г.", "od marca 2026".
English is the same in both.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from babel import Locale, dates, numbers

from helpers.i18n.languages import Language


@functools.cache
def babel_locale(lang: Language) -> Locale:
    return Locale.parse(lang.babel_locale)


def _as_date(value) -> dt.date:
    """A date from a datetime.date, a pandas Timestamp or an ISO string."""
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "to_pydatetime"):   # pandas Timestamp, without importing pandas here
        return value.to_pydatetime().date()
    raise TypeError(f"expected a date, got {value!r}")


def number(lang: Language, value: int | float, decimals: int | None = None) -> str:
    """A number with the language's separators: "1 234" (no-break space) in be, ru, uk, pl, lt.

    In be and pl a 4-digit number is not grouped (CLDR minimumGroupingDigits=2): "1234".
    """
    locale = babel_locale(lang)
    pattern = None
    if decimals is not None:
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = numbers.format_decimal(value, format=pattern, locale=locale)
    if lang.min_grouping_digits > 1 and abs(value) < 10 ** (3 + lang.min_grouping_digits - 1):
        text = text.replace(numbers.get_group_symbol(locale), "", 1)
    return text


def _skeleton(lang: Language, skeleton: str, form: str) -> str:
    """A CLDR date pattern for a skeleton, with month names in the chosen context; the language's
    typography record can replace CLDR's pattern where its press writes dates otherwise (be, pl)."""
    pattern = lang.typography.pattern(skeleton) or babel_locale(lang).datetime_skeletons[skeleton].pattern
    if form == "standalone":
        return pattern.replace("MMMM", "LLLL").replace("MMM", "LLL")
    if form == "format":
        return pattern.replace("LLLL", "MMMM").replace("LLL", "MMM")
    raise ValueError(f"form must be 'standalone' or 'format', not {form!r}")


def day(lang: Language, value) -> str:
    """A full date: "19 March 2026", "19 сакавіка 2026 г.", "19 marca 2026", "2026 m. kovo 19 d."."""
    return dates.format_date(_as_date(value), _skeleton(lang, "yMMMMd", "format"), locale=babel_locale(lang))


def month_year(lang: Language, value, form: str = "standalone") -> str:
    """A month and year: standalone "сакавік 2026" (a heading), format "сакавіка 2026" (in a phrase)."""
    return dates.format_date(_as_date(value), _skeleton(lang, "yMMMM", form), locale=babel_locale(lang))


def short_month_year(lang: Language, value, form: str = "standalone") -> str:
    """An abbreviated month and year as CLDR writes it: "Mar 2026", "март 2026 г.", "2026-03"."""
    return dates.format_date(_as_date(value), _skeleton(lang, "yMMM", form), locale=babel_locale(lang))


def axis_month_year(lang: Language, value) -> str:
    """A month tick as the language's press prints it (the axis of every chart draws the same):
    "Mar 2026", "сак. 2026", "март 2026", "2026 kov."; see Typography.axis_pattern."""
    date = _as_date(value)
    months = lang.typography.axis_months
    if months:
        return lang.typography.axis_pattern.replace("LLL", months[date.month - 1]).replace("y", str(date.year))
    pattern = lang.typography.axis_pattern or _skeleton(lang, "yMMM", "standalone")
    return dates.format_date(date, pattern, locale=babel_locale(lang))


def year(lang: Language, value) -> str:
    return dates.format_date(_as_date(value), _skeleton(lang, "y", "format"), locale=babel_locale(lang))


def list_of(lang: Language, items: list[str]) -> str:
    """"A, B and C" in the language ("A, B и C", "A, B ir C"), CLDR's list pattern."""
    from babel.lists import format_list

    return format_list(list(items), locale=babel_locale(lang)) if items else ""


PRECISIONS = ("day", "month", "month_name", "year")
FORMS = ("standalone", "format")


def _in_case(lang: Language, date: dt.date, case: str, with_year: bool) -> str:
    """The month (and year) with the month name in a case CLDR lacks (Typography.month_cases)."""
    names = lang.typography.month_case(case)
    if names is None:
        raise ValueError(f"unknown date form {case!r} for {lang.code} (expected one of: "
                         f"{', '.join(FORMS + tuple(name for name, _ in lang.typography.month_cases))})")
    standalone = dates.format_date(date, "LLLL", locale=babel_locale(lang))
    if not with_year:
        return names[date.month - 1]
    return month_year(lang, date, "standalone").replace(standalone, names[date.month - 1], 1)


@dataclass(frozen=True)
class DateValue:
    """A date to put into a translated phrase, whose translation picks the CLDR form.

    In a catalog, "{month:format}" gives the form used inside a phrase (genitive in be, ru,
    uk, pl, lt: "с {start:format}" -> "с марта 2026 г.") and "{month}" or
    "{month:standalone}" the nominative ("за {month}" -> "за март 2026 г."); a case the
    language's typography record adds, e.g. "{month:locative}" ("в июне 2025 г.", "w czerwcu
    2025 r."). A full day always takes its own pattern ("19 марта 2026 г."), whatever the spec.
    precision: "day", "month" (month and year), "month_name" (no year), "year".
    """

    language: Language
    date: dt.date
    precision: str

    def __format__(self, spec: str) -> str:
        form = spec or "standalone"
        if self.precision == "day":
            return day(self.language, self.date)
        if self.precision == "year":
            return year(self.language, self.date)
        if form not in FORMS:
            return _in_case(self.language, self.date, form, self.precision == "month")
        if self.precision == "month_name":   # the CLDR month name alone: LLLL standalone, MMMM format
            pattern = "LLLL" if form == "standalone" else "MMMM"
            return dates.format_date(self.date, pattern, locale=babel_locale(self.language))
        return month_year(self.language, self.date, form)

    def __str__(self) -> str:
        return format(self, "")


def date_value(lang: Language, value, precision: str = "day") -> DateValue:
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, not {precision!r}")
    return DateValue(lang, _as_date(value), precision)
