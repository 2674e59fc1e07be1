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


def pN_(context: str, message: str) -> str:
    """Marks a string with its context (msgctxt) for translation (translate with Translator.pgettext)."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a plural pair for translation (translate with Translator.ngettext)."""
    return singular, plural


CHROME = (
    N_("Cumulative releases and pardons, by official count"),
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
    # TRANSLATORS: table and tooltip headings.
    N_("Date"),
    N_("Freed"),
    N_("Total so far"),
    N_("Notable people"),
    N_("Source"),
    # TRANSLATORS: the header row of the localized get-the-data table (<figure>.localized.csv);
    # helpers.kit.TABLE_HEADERS lists which column each names.
    N_("Layer"), N_("Series"), N_("ID"), N_("Lane"), N_("Description"), N_("Sector"), N_("Value"),
    N_("Basis"), N_("Figure is"), N_("Line segment"), N_("Counted by"), N_("Source URL"),
    N_("Second source URL"), N_("Status"),
    # TRANSLATORS: legend of the sanctions chart: colour says pressure or relief, shape the sector.
    N_("Pressure added: potash"), N_("Pressure added: other sectors"),
    N_("Relief: potash"), N_("Relief: other sectors"),
)
