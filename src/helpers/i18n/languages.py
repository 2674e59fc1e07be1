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
from helpers.i18n.typography import SPACE, Typography, consonant_then, vowel_then, year_word

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
    reviewer: str = ""      # who signed the language off (required when status is REVIEWED)
    reviewed_on: str = ""   # when, YYYY-MM-DD (required when status is REVIEWED)
    direction: str = "ltr"  # text direction, for <html dir="…"> ("rtl" for Arabic, Hebrew…)
    # CLDR's minimumGroupingDigits (cldr-json numbers.json), which Babel 2.19 does not ship:
    # 2 means a 4-digit number is not grouped ("1234" but "12 345").
    min_grouping_digits: int = 1
    typography: Typography = Typography()   # how the language sets text (helpers.i18n.typography)
    # Native reviews read so far that did not sign the language off: what was read, when, the verdict.
    reviews: tuple[str, ...] = ()

    def __post_init__(self):
        if self.status == REVIEWED and self.code != SOURCE_LANGUAGE and not (self.reviewer and self.reviewed_on):
            raise ValueError(f"the {self.english_name} ({self.code}) record says reviewed: it needs the reviewer's "
                             "name (reviewer=) and the date of the sign-off (reviewed_on=YYYY-MM-DD)")

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
            return f"{self.code}: reviewed by {self.reviewer}" + (f" on {self.reviewed_on}" if self.reviewed_on else "")
        return f"{self.code}: {self.status} (translations not yet reviewed by a native speaker)"


SOURCE_LANGUAGE = "en"

# The native review of December 2026 (../shared/research/TRANSLATION_REVIEW_2026-12.md): read, not signed off.
REVIEW_2026_12 = ("2026-12: native news editor's review (TRANSLATION_REVIEW_2026-12.md) of the catalog, "
                  "data/label_translations.csv and every edition of every story (PNG, alt text, localized CSV, "
                  "embed page), each compared with English; {verdict}; its machinery items (A1-A11) are applied, "
                  "its per-language items are being applied; not a sign-off")

# Letters that end a word in a vowel, for the sound alternations at joins.
BE_VOWELS, UK_VOWELS = "аеёіоуыэюяАЕЁІОУЫЭЮЯ", "аеєиіїоуюяАЕЄИІЇОУЮЯ"
UK_CONSONANT = "[бвгґджзклмнпрстфхцчшщБВГҐДЖЗКЛМНПРСТФХЦЧШЩ0-9]"
UK_NOT_V_F = "[бгґджзклмнпрстхцчшщБГҐДЖЗКЛМНПРСТХЦЧШЩ0-9]"   # "в" before a consonant but not before в, ф
CLUSTER = "[бвгджзйклмнпрстфхцчшўь]"        # a consonant after с, з, ш, ж: "са студзеня", "са снежня"
PL_CONSONANT = "[^\\W\\daeiouyąęóAEIOUYĄĘÓ]"

TYPOGRAPHY = {
    "be": Typography(
        nbsp_after=("а", "і", "й", "у", "ў", "з", "о"), nbsp_numbers=True,
        euphony=(vowel_then("у", "ў", BE_VOWELS), consonant_then("ў", "у", BE_VOWELS),
                 (f"(?<![\\w])з(?={SPACE}[сзшжСЗШЖ]{CLUSTER})", "са"),
                 (f"(?<![\\w])З(?={SPACE}[сзшжСЗШЖ]{CLUSTER})", "Са")),
        headline=(year_word("г.", "года"),),
        patterns=(("yMMMM", "LLLL y\u202f'г'."),),      # as CLDR's own full date: "19 сакавіка 2026 г."
        axis_pattern="LLL y",
        axis_months=("студз.", "лют.", "сак.", "крас.", "май", "чэрв.", "ліп.", "жн.", "вер.", "кастр.", "ліст.",
                     "снеж."),
        month_cases=(("locative", ("студзені", "лютым", "сакавіку", "красавіку", "маі", "чэрвені", "ліпені",
                                   "жніўні", "верасні", "кастрычніку", "лістападзе", "снежні")),)),
    "ru": Typography(
        nbsp_after=("а", "в", "и", "к", "о", "с", "у", "я"), nbsp_numbers=True,
        headline=(year_word("г.", "года"),),
        axis_pattern="LLL y",
        month_cases=(("locative", ("январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе",
                                   "сентябре", "октябре", "ноябре", "декабре")),)),
    "uk": Typography(
        nbsp_after=("а", "в", "і", "й", "з", "к", "о", "у", "я"), nbsp_numbers=True,
        euphony=(vowel_then("і", "й", UK_VOWELS, UK_CONSONANT, closing="»”"),
                 vowel_then("у", "в", UK_VOWELS, UK_NOT_V_F, closing="»”"),
                 consonant_then("в", "у", UK_VOWELS, UK_CONSONANT)),
        # a dash never opens a line, the desk's and the licence's names never break (D-T3)
        nbsp_before=("—",), keep_together=("Belarus Releases Desk", "CC BY 4.0"),
        headline=(year_word("р.", "року"),),
        axis_pattern="LLL y",
        month_cases=(("locative", ("січні", "лютому", "березні", "квітні", "травні", "червні", "липні", "серпні",
                                   "вересні", "жовтні", "листопаді", "грудні")),)),
    "pl": Typography(
        nbsp_after=("a", "i", "o", "u", "w", "z"), nbsp_numbers=True,
        euphony=((f"(?<![\\w])([wW])(?={SPACE}[wWfF]{PL_CONSONANT})", "\\1e"),
                 (f"(?<![\\w])([zZ])(?={SPACE}[zZsSśŚżŻźŹ]{PL_CONSONANT})", "\\1e")),
        patterns=(("yMMMMd", "d MMMM y\u00a0'r'."), ("yMMMM", "LLLL y\u00a0'r'.")),
        axis_pattern="LLL y",
        month_cases=(("locative", ("styczniu", "lutym", "marcu", "kwietniu", "maju", "czerwcu", "lipcu", "sierpniu",
                                   "wrześniu", "październiku", "listopadzie", "grudniu")),)),
    "lt": Typography(nbsp_after=("į", "o"), nbsp_numbers=True, axis_pattern="y LLL"),
}

# Order: the order editions and reports list them in.
LANGUAGES: dict[str, Language] = {lang.code: lang for lang in (
    Language("en", "English", "English", "en_GB", REVIEWED, reviewer="source text (the desk)"),
    Language("be", "Belarusian", "беларуская", "be_BY", DRAFT, min_grouping_digits=2, typography=TYPOGRAPHY["be"],
             reviews=(REVIEW_2026_12.format(verdict="publishable after the listed fixes"),)),
    Language("ru", "Russian", "русский", "ru_RU", DRAFT, min_grouping_digits=2, typography=TYPOGRAPHY["ru"],
             reviews=(REVIEW_2026_12.format(verdict="publishable after the listed fixes"),)),
    Language("uk", "Ukrainian", "українська", "uk_UA", DRAFT, min_grouping_digits=2, typography=TYPOGRAPHY["uk"],
             reviews=(REVIEW_2026_12.format(verdict="publishable after the listed fixes"),)),
    Language("pl", "Polish", "polski", "pl_PL", DRAFT, min_grouping_digits=2, typography=TYPOGRAPHY["pl"],
             reviews=(REVIEW_2026_12.format(verdict="publishable after the listed fixes"),)),
    Language("lt", "Lithuanian", "lietuvių", "lt_LT", DRAFT, typography=TYPOGRAPHY["lt"],
             reviews=(REVIEW_2026_12.format(verdict="NOT publishable as it was (wrong terms, missing milestones)"),)),
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
