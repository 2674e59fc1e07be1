"""The desk's languages: one record each, in one registry.

Adding a language is one `Language` record here, its catalog
(locale/<code>/LC_MESSAGES/desk.po, created by `make translations`), its rows in
data/label_translations.csv, and its expected formats in tests/test_i18n_formats.py.
Everything else (numbers, dates, plural rules, Vega's locale objects) comes from CLDR
through Babel, keyed by `babel_locale`.
"""

from __future__ import annotations

from dataclasses import dataclass

from helpers.errors import ParameterError

DRAFT = "draft"
REVIEWED = "reviewed"


@dataclass(frozen=True)
class Language:
    """One language the desk publishes in."""

    code: str               # the `language` parameter value and edition suffix, e.g. "be"
    english_name: str
    native_name: str
    babel_locale: str       # CLDR locale for numbers, dates and plural rules, e.g. "be_BY"
    status: str             # DRAFT until a native speaker has reviewed catalog and labels
    reviewer: str = ""      # who reviewed it (required when status is REVIEWED)
    direction: str = "ltr"  # text direction, for <html dir="…"> ("rtl" for Arabic, Hebrew…)
    # CLDR's minimumGroupingDigits (cldr-json numbers.json), which Babel 2.19 does not ship:
    # 2 means a 4-digit number is not grouped ("1234" but "12 345").
    min_grouping_digits: int = 1

    @property
    def is_source(self) -> bool:
        """English is the source language: its text is the msgid itself."""
        return self.code == SOURCE_LANGUAGE

    @property
    def html_lang(self) -> str:
        """The BCP 47 tag for <html lang> and xml:lang (the language only: "be", "pl")."""
        return self.code

    @property
    def status_line(self) -> str:
        """For the render log and the manifest, e.g. "be: draft" or "pl: reviewed by A. Nowak"."""
        if self.status == REVIEWED:
            return f"{self.code}: reviewed by {self.reviewer}"
        return f"{self.code}: {self.status} (translations not yet reviewed by a native speaker)"


SOURCE_LANGUAGE = "en"

# Order: the order editions and reports list them in.
LANGUAGES: dict[str, Language] = {lang.code: lang for lang in (
    Language("en", "English", "English", "en_GB", REVIEWED, reviewer="source text (the desk)"),
    Language("be", "Belarusian", "беларуская", "be_BY", DRAFT, min_grouping_digits=2),
    Language("ru", "Russian", "русский", "ru_RU", DRAFT),
    Language("uk", "Ukrainian", "українська", "uk_UA", DRAFT),
    Language("pl", "Polish", "polski", "pl_PL", DRAFT, min_grouping_digits=2),
    Language("lt", "Lithuanian", "lietuvių", "lt_LT", DRAFT),
)}

TRANSLATED = tuple(code for code in LANGUAGES if code != SOURCE_LANGUAGE)


def language(code: str) -> Language:
    """The record for a language code; a ParameterError naming the allowed codes otherwise."""
    if code not in LANGUAGES:
        raise ParameterError(f"language {code!r} is not one of the desk's languages: "
                             f"{', '.join(LANGUAGES)} (add a record to helpers/i18n/languages.py)")
    return LANGUAGES[code]


def status_lines(codes) -> list[str]:
    """One line per language among `codes` (in registry order, each once), for the render log and
    the manifest's "languages": ["en: reviewed by source text (the desk)", "be: draft (...)", ...].
    Unknown codes raise the ParameterError of `language()`."""
    wanted = {language(code).code for code in codes}
    return [lang.status_line for code, lang in LANGUAGES.items() if code in wanted]


def draft_warning(codes) -> str | None:
    """The render log's line when any of `codes` is a draft language, else None:
    "Draft translations (not yet reviewed by a native speaker): be, ru, uk, pl, lt"."""
    wanted = set(codes)
    drafts = [code for code in LANGUAGES if code in wanted and LANGUAGES[code].status == DRAFT]
    if not drafts:
        return None
    return f"Draft translations (not yet reviewed by a native speaker): {', '.join(drafts)}"
