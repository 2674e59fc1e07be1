"""Plain-language formatting shared by the figures, the alt text and the claims ledger.

Dates, periods and counts are written here once, so every title, footer and alt text
states a period and agrees a number with its noun the same way.
"""

from __future__ import annotations

import textwrap

import pandas as pd


def day(date) -> str:
    """19 March 2026"""
    stamp = pd.Timestamp(date)
    return f"{stamp.day} {stamp:%B %Y}"


def month(date) -> str:
    """March 2026"""
    return pd.Timestamp(date).strftime("%B %Y")


def count(number: int, singular: str, plural: str | None = None) -> str:
    """'1 release', '2 releases', '1,234 people': the noun agrees with the number."""
    noun = singular if number == 1 else (plural or singular + "s")
    return f"{number:,} {noun}"


def _starts_a_month(date: pd.Timestamp) -> bool:
    return date.day == 1


def _ends_a_month(date: pd.Timestamp) -> bool:
    return date == (date + pd.offsets.MonthEnd(0)).normalize()


def period_phrase(start, end, open_ended: bool) -> str:
    """How a title says the period a figure covers.

    open_ended: the figure runs to the newest data ("since July 2024"); otherwise the
    end is stated too ("in 2025", "in June 2025", "from January to June 2025",
    "from January 2025 to March 2026"), so a reader never takes a closed period for "until now".
    """
    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    whole_months = _starts_a_month(start) and _ends_a_month(end)
    if open_ended:
        return f"since {month(start) if _starts_a_month(start) else day(start)}"
    if not whole_months:
        return f"from {day(start)} to {day(end)}"
    if start.year == end.year:
        if start.month == 1 and end.month == 12:
            return f"in {start.year}"
        if start.month == end.month:
            return f"in {month(start)}"
        return f"from {start:%B} to {month(end)}"
    return f"from {month(start)} to {month(end)}"


def data_to(date) -> str:
    """The freshness line every figure carries: the newest dated row it used."""
    return f"Data to {day(date)}"


def wrap(text: str, width_px: float, char_px: float = 5.6) -> list[str]:
    """Lines that fit a width in pixels, for text Vega-Lite will not wrap by itself."""
    return textwrap.wrap(text, max(12, int(width_px / char_px))) or [""]


def publishers(frame: pd.DataFrame, limit: int = 4) -> str:
    """The most cited publishers of a frame's rows, for a source line."""
    counts = frame["source_publisher"].value_counts()
    names = list(counts.index[:limit])
    more = len(counts) - len(names)
    return ", ".join(names) + (f" and {count(more, 'other')}" if more > 0 else "")
