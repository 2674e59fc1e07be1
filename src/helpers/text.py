"""Plain-language formatting shared by the figures, the alt text and the claims ledger.

Dates, periods and counts are written here once, so every title, footer and alt text
states a period and agrees a number with its noun the same way. The words come from
the figure's Translator (`t`, helpers.i18n): catalog phrases, CLDR dates and numbers.
`day`, `month` and `count` without a translator are the English forms, kept for the
claims ledger, whose claims are English copy.
"""

from __future__ import annotations

import pandas as pd

from helpers.i18n.chrome import pN_


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


HEADLINE, TEXT = "headline", "text"    # the grammatical slots a period is said in (msgctxt)
# Each way of saying a period, once per slot (pN_ marks them for `make translations`).
SAY = {"since": "since {start}", "year": "in {year}", "month": "in {month}", "months": "from {start} to {end} {year}",
       "range": "from {start} to {end}"}
_MARKED = (
    # TRANSLATORS: a period in a title (headline style: "с июля 2024 года", "od lipca 2024 r."); the
    # title's own msgid says where it goes. {start} is a month and year ("July 2024") or a full date.
    # {start:format} is CLDR's form inside a phrase (genitive in be, ru, uk, pl, lt), {start} the
    # nominative, {start:locative} the locative where the language has it ("июне", "czerwcu").
    # Alternations at the join (be у/ў, з/са; uk і/й, у/в; pl w/we) are made after translation
    # (helpers/i18n/languages.py), as are "года"/"року" in titles: write "з {start:format}".
    pN_("headline", "since {start}"),
    # TRANSLATORS: {year} is a year, e.g. 2025 (no "г."/"r."/"m." added: write it if needed).
    pN_("headline", "in {year}"),
    # TRANSLATORS: {month} is a month and year; {month:locative} where the language has it.
    pN_("headline", "in {month}"),
    # TRANSLATORS: {start} and {end} are month names without a year ("January", "June"),
    # {year} the year: "from January to June 2025" (lt year first: "{year} m. {start:format}–…").
    pN_("headline", "from {start} to {end} {year}"),
    # TRANSLATORS: {start} and {end} are months with a year, or full dates.
    pN_("headline", "from {start} to {end}"),
    # TRANSLATORS: the same periods in running text (a subtitle, a label on the chart).
    pN_("text", "since {start}"),
    pN_("text", "in {year}"),
    pN_("text", "in {month}"),
    pN_("text", "from {start} to {end} {year}"),
    pN_("text", "from {start} to {end}"),
)


def period_phrase(start, end, open_ended: bool, t=None, slot: str = TEXT) -> str:
    """How a figure says the period it covers, in t's language (English without t).

    open_ended: the figure runs to the newest data ("since July 2024"); otherwise the
    end is stated too ("in 2025", "in June 2025", "from January to June 2025",
    "from January 2025 to March 2026"), so a reader never takes a closed period for "until now".
    `slot` is the message's context (msgctxt): "headline" in a title, "text" in a subtitle or a
    label; each whole sentence that takes the period has the period in one of these slots.
    """
    t = t or _english()
    say = SAY
    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    whole_months = _starts_a_month(start) and _ends_a_month(end)
    if open_ended:
        return t.pphrase(slot, say["since"], start=t.date_value(start, "month" if _starts_a_month(start) else "day"))
    if not whole_months:
        return t.pphrase(slot, say["range"], start=t.date_value(start), end=t.date_value(end))
    if start.year == end.year:
        if start.month == 1 and end.month == 12:
            return t.pphrase(slot, say["year"], year=start.year)
        if start.month == end.month:
            return t.pphrase(slot, say["month"], month=t.date_value(start, "month"))
        return t.pphrase(slot, say["months"], start=t.date_value(start, "month_name"),
                         end=t.date_value(end, "month_name"), year=start.year)
    return t.pphrase(slot, say["range"], start=t.date_value(start, "month"), end=t.date_value(end, "month"))


def data_to(date, t=None) -> str:
    """The freshness line every figure carries: the newest dated row it used."""
    t = t or _english()
    return t.phrase("Data to {date}", date=t.date_value(date))


def wrap(text: str, width_px: float, font_size: float = 11, bold: bool = False) -> list[str]:
    """Lines that fit a width in pixels, for text Vega-Lite will not wrap by itself: words
    measured in the house font (helpers.placement.text_width), broken at plain spaces only, so a
    no-break space (after "w", between "2025" and "m.") keeps its words on one line."""
    from helpers.placement import text_width

    lines, current = [], ""
    for word in text.split(" "):
        if not word:
            continue
        trial = f"{current} {word}" if current else word
        if current and text_width(trial, font_size, bold) > width_px:
            lines.append(current)
            current = word
        else:
            current = trial
    return lines + [current] if current else lines or [""]


def publishers(frame: pd.DataFrame, t=None, limit: int = 4) -> str:
    """The most cited publishers of a frame's rows, for a source line ("A, B and 2 others"):
    names as published, the words around them in the language (Translator.publisher)."""
    t = t or _english()
    counts = frame["source_publisher"].value_counts()
    names = [t.publisher(str(name)) for name in counts.index[:limit]]
    more = len(counts) - len(names)
    if more > 0:
        names.append(t.npphrase("list of publishers", "{n} other", "{n} others", more))
    return t.list_of(names)
