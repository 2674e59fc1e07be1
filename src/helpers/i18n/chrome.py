"""Chart chrome the figures need in every language, marked for extraction.

`make translations` extracts every string passed to `_()`, `gettext()`, `ngettext()`,
`pgettext()` (for instance `t._("Date")` in a figure builder) and the markers below
into the catalogs. The markers do nothing at run time: they list strings the figures
use so that their translations exist before the builders call them. A string a builder
calls directly need not be listed here too.

A comment starting `TRANSLATORS:` right above a string is shown to translators.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Marks a string for translation; returns it unchanged (translate with Translator._)."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a plural pair for translation (translate with Translator.ngettext)."""
    return singular, plural


CHROME = (
    # TRANSLATORS: headline; {n} is a number already formatted for the language (1 234).
    Nn_("Belarus: {n} person freed", "Belarus: {n} people freed"),
    # TRANSLATORS: {month} is a month and year ("March 2026") or a full date ("3 July 2024").
    # Write {month:format} for CLDR's form inside a phrase (the genitive in be, ru, uk, pl,
    # lt: "с {month:format}" -> "с марта 2026 г.") or {month} for the nominative. A full
    # date always comes out as CLDR writes it ("с 3 июля 2024 г.").
    N_("since {month}"),
    # TRANSLATORS: {year} is a year, e.g. 2026.
    N_("in {year}"),
    # TRANSLATORS: {month} is a month and year ("June 2025"); :format and plain as above.
    N_("in {month}"),
    # TRANSLATORS: {start} and {end} are full dates, months with a year ("January 2025"),
    # or a month name alone for {start} ("from January to June 2025"). :format and plain
    # as above: "с {start:format} по {end}" -> "с января по июнь 2025 г.".
    N_("from {start} to {end}"),
    N_("Cumulative releases and pardons, by official count"),
    # TRANSLATORS: {list} is a list of publishers' names, which stay as published.
    N_("Sources: {list}"),
    # TRANSLATORS: ends a list of sources: "AP, Reuters and 3 others".
    Nn_("and {n} other", "and {n} others"),
    # TRANSLATORS: {date} is a full date, e.g. "19 марта 2026 г.".
    N_("Data to {date}"),
    # TRANSLATORS: credit line. "Belarus Releases Desk" is the desk's name and stays in
    # English unless the desk picks a name in the language; CC BY 4.0 and MIT are licence names.
    N_("Graphic: Belarus Releases Desk · Data: CC BY 4.0 · Code: MIT"),
    # TRANSLATORS: legend entries for sanctions steps.
    N_("Sanctions imposed or tightened"),
    N_("Eased: licence, firm stays listed"),
    N_("Lifted: delisting"),
    # TRANSLATORS: the bottom lane of the sanctions chart: the dates people were freed.
    N_("Releases"),
    N_("People"),
    # TRANSLATORS: chart title; Viasna is the Belarusian human rights centre.
    N_("Political prisoners held (Viasna)"),
    N_("People freed, cumulative"),
    # TRANSLATORS: political prisoners newly recognised as such by Viasna.
    N_("newly recognised"),
    # TRANSLATORS: table and tooltip headings.
    N_("Date"),
    N_("Freed"),
    N_("Total so far"),
    N_("Notable people"),
    N_("Source"),
    N_("Note"),
    # TRANSLATORS: the header row of the localized get-the-data table (<figure>.localized.csv);
    # helpers.kit.TABLE_HEADERS lists which column each names.
    N_("Layer"), N_("Series"), N_("ID"), N_("Lane"), N_("Description"), N_("Sector"), N_("Value"),
    N_("Basis"), N_("Figure is"), N_("Line segment"), N_("Counted by"), N_("Source URL"),
    N_("Second source URL"),
    # TRANSLATORS: legend of the sanctions chart: colour says pressure or relief, shape the sector.
    N_("Pressure added: potash"), N_("Pressure added: other sectors"),
    N_("Relief: potash"), N_("Relief: other sectors"),
)
