"""Plain-language formatting shared by the figures, the alt text and the claims ledger.

Dates, periods and counts are written here once, so every title, footer and alt text
states a period and agrees a number with its noun the same way. The words come from
the figure's Translator (`t`, helpers.i18n): catalog phrases, CLDR dates and numbers.
`day`, `month` and `count` without a translator are the English forms, kept for the
claims ledger, whose claims are English copy.
"""

from __future__ import annotations

import textwrap

import pandas as pd


def _english():
    from helpers.i18n import translator

    return translator("en")


def day(date) -> str:
    """19 March 2026 (English; a figure uses t.day)."""
    stamp = pd.Timestamp(date)
    return f"{stamp.day} {stamp:%B %Y}"


def month(date) -> str:
    """March 2026 (English)."""
    return pd.Timestamp(date).strftime("%B %Y")


def count(number: int, singular: str, plural: str | None = None) -> str:
    """'1 release', '2 releases', '1,234 people' (English; a figure uses t.nphrase)."""
    noun = singular if number == 1 else (plural or singular + "s")
    return f"{number:,} {noun}"


def _starts_a_month(date: pd.Timestamp) -> bool:
    return date.day == 1


def _ends_a_month(date: pd.Timestamp) -> bool:
    return date == (date + pd.offsets.MonthEnd(0)).normalize()


def period_phrase(start, end, open_ended: bool, t=None) -> str:
    """How a title says the period a figure covers, in t's language (English without t).

    open_ended: the figure runs to the newest data ("since July 2024"); otherwise the
    end is stated too ("in 2025", "in June 2025", "from January to June 2025",
    "from January 2025 to March 2026"), so a reader never takes a closed period for "until now".
    """
    t = t or _english()
    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    whole_months = _starts_a_month(start) and _ends_a_month(end)
    if open_ended:
        return t.phrase("since {month}", month=t.date_value(start, "month" if _starts_a_month(start) else "day"))
    if not whole_months:
        return t.phrase("from {start} to {end}", start=t.date_value(start), end=t.date_value(end))
    if start.year == end.year:
        if start.month == 1 and end.month == 12:
            return t.phrase("in {year}", year=start.year)
        if start.month == end.month:
            return t.phrase("in {month}", month=t.date_value(start, "month"))
        return t.phrase("from {start} to {end}", start=t.date_value(start, "month_name"),
                        end=t.date_value(end, "month"))
    return t.phrase("from {start} to {end}", start=t.date_value(start, "month"), end=t.date_value(end, "month"))


def data_to(date, t=None) -> str:
    """The freshness line every figure carries: the newest dated row it used."""
    t = t or _english()
    return t.phrase("Data to {date}", date=t.date_value(date))


def wrap(text: str, width_px: float, char_px: float = 5.6) -> list[str]:
    """Lines that fit a width in pixels, for text Vega-Lite will not wrap by itself."""
    return textwrap.wrap(text, max(12, int(width_px / char_px))) or [""]


def publishers(frame: pd.DataFrame, t=None, limit: int = 4) -> str:
    """The most cited publishers of a frame's rows, for a source line ("A, B and 2 others").
    Publishers' names stay as published, in every language."""
    t = t or _english()
    counts = frame["source_publisher"].value_counts()
    names = [str(name) for name in counts.index[:limit]]
    more = len(counts) - len(names)
    if more > 0:
        names.append(t.nphrase("{n} other", "{n} others", more))
    return t.list_of(names)
