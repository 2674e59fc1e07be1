"""Each language's numbers, dates and plural forms, as CLDR (through Babel) writes them.

The expected strings are written out in full, so a change of Babel or CLDR data that
alters what readers see fails here. NBSP is U+00A0, NNBSP U+202F.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from helpers.errors import DeskError, ParameterError
from helpers.i18n import LANGUAGES, REVIEWED, TRANSLATED, language, translator
from helpers.i18n.catalogs import plural_categories, plural_index

NBSP, NNBSP = "\u00a0", "\u202f"
MARCH_19 = dt.date(2026, 3, 19)


# ---------------------------------------------------------------- the registry

def test_the_six_languages_with_their_cldr_locales_and_review_status():
    assert list(LANGUAGES) == ["en", "be", "ru", "uk", "pl", "lt"]
    assert {c: LANGUAGES[c].babel_locale for c in LANGUAGES} == {
        "en": "en_GB", "be": "be_BY", "ru": "ru_RU", "uk": "uk_UA", "pl": "pl_PL", "lt": "lt_LT"}
    for code in TRANSLATED:   # written by the desk: drafts until a native speaker reviews them
        assert LANGUAGES[code].status == "draft" and "not yet reviewed" in LANGUAGES[code].status_line
    assert all(lang.status != REVIEWED or lang.reviewer for lang in LANGUAGES.values())
    assert {lang.direction for lang in LANGUAGES.values()} == {"ltr"}
    assert language("be").native_name == "беларуская"


def test_an_unknown_language_is_a_parameter_error_naming_the_choices():
    with pytest.raises(ParameterError, match=r"'xx' is not one of the desk's languages: en, be, ru, uk, pl, lt"):
        translator("xx")
    assert issubclass(ParameterError, DeskError)


# ---------------------------------------------------------------- numbers

@pytest.mark.parametrize("code, expected", [
    ("en", ["865", "1,234", "12,345", "1,234,567", "1.5"]),
    ("be", ["865", "1234", f"12{NBSP}345", f"1{NBSP}234{NBSP}567", "1,5"]),   # minimumGroupingDigits 2
    ("ru", ["865", f"1{NBSP}234", f"12{NBSP}345", f"1{NBSP}234{NBSP}567", "1,5"]),
    ("uk", ["865", f"1{NBSP}234", f"12{NBSP}345", f"1{NBSP}234{NBSP}567", "1,5"]),
    ("pl", ["865", "1234", f"12{NBSP}345", f"1{NBSP}234{NBSP}567", "1,5"]),   # minimumGroupingDigits 2
    ("lt", ["865", f"1{NBSP}234", f"12{NBSP}345", f"1{NBSP}234{NBSP}567", "1,5"]),
])
def test_numbers_use_the_cldr_separators(code, expected):
    t = translator(code)
    assert [t.number(865), t.number(1234), t.number(12345), t.number(1234567), t.number(1.5, decimals=1)] == expected


def test_negative_and_fixed_decimal_numbers():
    assert translator("pl").number(-1234) == "-1234"
    assert translator("ru").number(-1234) == f"-1{NBSP}234"
    assert translator("en").number(2, decimals=2) == "2.00"


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize("code, day, month_alone, month_in_phrase, short", [
    ("en", "19 March 2026", "March 2026", "March 2026", "Mar 2026"),
    ("be", f"19 сакавіка 2026{NNBSP}г.", "сакавік 2026", "сакавіка 2026", "сак 2026"),
    ("ru", f"19 марта 2026{NNBSP}г.", f"март 2026{NNBSP}г.", f"марта 2026{NNBSP}г.", f"март 2026{NNBSP}г."),
    ("uk", f"19 березня 2026{NNBSP}р.", f"березень 2026{NNBSP}р.", f"березня 2026{NNBSP}р.", f"бер. 2026{NNBSP}р."),
    ("pl", "19 marca 2026", "marzec 2026", "marca 2026", "mar 2026"),
    ("lt", "2026 m. kovo 19 d.", "2026 m. kovas", "2026 m. kovo", "2026-03"),
])
def test_dates_follow_cldr_with_nominative_and_genitive_months(code, day, month_alone, month_in_phrase, short):
    t = translator(code)
    assert t.day(MARCH_19) == day
    assert t.month_year(MARCH_19) == month_alone
    assert t.month_year(MARCH_19, form="format") == month_in_phrase
    assert t.short_month_year(MARCH_19) == short
    assert t.year(MARCH_19) == "2026"


def test_dates_accept_timestamps_and_iso_strings():
    t = translator("be")
    assert t.day(pd.Timestamp("2026-03-19 15:00")) == t.day("2026-03-19") == t.day(MARCH_19)
    with pytest.raises(ValueError, match="form must be"):
        t.month_year(MARCH_19, form="genitive")


def test_lists_use_the_language_conjunction():
    assert translator("ru").list_of(["AP", "Reuters", "BelTA"]) == "AP, Reuters и BelTA"
    assert translator("lt").list_of(["AP", "Reuters"]) == "AP ir Reuters"
    assert translator("en").list_of([]) == ""


# ---------------------------------------------------------------- plural rules (CLDR)

COUNTS = (1, 2, 5, 21, 22, 25, 111)


@pytest.mark.parametrize("code, categories", [
    ("be", ["one", "few", "many", "one", "few", "many", "many"]),
    ("ru", ["one", "few", "many", "one", "few", "many", "many"]),
    ("uk", ["one", "few", "many", "one", "few", "many", "many"]),
    ("pl", ["one", "few", "many", "many", "few", "many", "many"]),    # 21 osób: only 1 is "one"
    ("lt", ["one", "few", "few", "one", "few", "few", "other"]),      # 111 žmonių: 11-19 are "other"
])
def test_plural_categories_for_the_issue_counts(code, categories):
    lang = LANGUAGES[code]
    assert [plural_categories(lang)[plural_index(lang, n)] for n in COUNTS] == categories


@pytest.mark.parametrize("code, expected", [
    ("en", ["Belarus: 1 person freed", "Belarus: 2 people freed", "Belarus: 5 people freed",
            "Belarus: 21 people freed", "Belarus: 22 people freed", "Belarus: 25 people freed",
            "Belarus: 111 people freed"]),
    ("be", ["Беларусь: вызвалены 1 чалавек", "Беларусь: вызвалена 2 чалавекі", "Беларусь: вызвалена 5 чалавек",
            "Беларусь: вызвалены 21 чалавек", "Беларусь: вызвалена 22 чалавекі", "Беларусь: вызвалена 25 чалавек",
            "Беларусь: вызвалена 111 чалавек"]),
    ("ru", ["Беларусь: освобождён 1 человек", "Беларусь: освобождены 2 человека", "Беларусь: освобождены 5 человек",
            "Беларусь: освобождён 21 человек", "Беларусь: освобождены 22 человека",
            "Беларусь: освобождены 25 человек", "Беларусь: освобождены 111 человек"]),
    ("uk", ["Білорусь: звільнено 1 людину", "Білорусь: звільнено 2 людини", "Білорусь: звільнено 5 людей",
            "Білорусь: звільнено 21 людину", "Білорусь: звільнено 22 людини", "Білорусь: звільнено 25 людей",
            "Білорусь: звільнено 111 людей"]),
    ("pl", ["Białoruś: uwolniono 1 osobę", "Białoruś: uwolniono 2 osoby", "Białoruś: uwolniono 5 osób",
            "Białoruś: uwolniono 21 osób", "Białoruś: uwolniono 22 osoby", "Białoruś: uwolniono 25 osób",
            "Białoruś: uwolniono 111 osób"]),
    ("lt", ["Baltarusija: paleistas 1 žmogus", "Baltarusija: paleisti 2 žmonės", "Baltarusija: paleisti 5 žmonės",
            "Baltarusija: paleistas 21 žmogus", "Baltarusija: paleisti 22 žmonės", "Baltarusija: paleisti 25 žmonės",
            "Baltarusija: paleista 111 žmonių"]),
])
def test_the_headline_takes_the_right_plural_form(code, expected):
    t = translator(code)
    got = [t.ngettext("Belarus: {n} person freed", "Belarus: {n} people freed", n).format(n=t.number(n))
           for n in COUNTS]
    assert got == expected


def test_a_headline_with_a_large_number_has_the_localized_number():
    t = translator("ru")
    n = 1234
    title = t.ngettext("Belarus: {n} person freed", "Belarus: {n} people freed", n).format(n=t.number(n))
    assert title == f"Беларусь: освобождены 1{NBSP}234 человека"
    assert t.phrase("since {month}", month=t.date_value(MARCH_19, "month")) == f"с марта 2026{NNBSP}г."


# ---------------------------------------------------------------- phrases: the translation picks the month's form

@pytest.mark.parametrize("code, since_month, since_day, in_month, month_range, day_range", [
    ("en", "since March 2026", "since 3 July 2024", "in June 2025", "from January to June 2025",
     "from 3 July 2024 to 19 March 2026"),
    ("be", "з сакавіка 2026", f"з 3 ліпеня 2024{NNBSP}г.", "за чэрвень 2025", "з студзеня па чэрвень 2025",
     f"з 3 ліпеня 2024{NNBSP}г. па 19 сакавіка 2026{NNBSP}г."),
    ("ru", f"с марта 2026{NNBSP}г.", f"с 3 июля 2024{NNBSP}г.", f"за июнь 2025{NNBSP}г.",
     f"с января по июнь 2025{NNBSP}г.", f"с 3 июля 2024{NNBSP}г. по 19 марта 2026{NNBSP}г."),
    ("uk", f"з березня 2026{NNBSP}р.", f"з 3 липня 2024{NNBSP}р.", f"за червень 2025{NNBSP}р.",
     f"з січня по червень 2025{NNBSP}р.", f"з 3 липня 2024{NNBSP}р. по 19 березня 2026{NNBSP}р."),
    ("pl", "od marca 2026", "od 3 lipca 2024", "za czerwiec 2025", "od stycznia do czerwca 2025",
     "od 3 lipca 2024 do 19 marca 2026"),
    ("lt", "nuo 2026 m. kovo", "nuo 2024 m. liepos 3 d.", "2025 m. birželio mėn.", "nuo sausio iki 2025 m. birželio",
     "nuo 2024 m. liepos 3 d. iki 2026 m. kovo 19 d."),
])
def test_period_phrases_decline_the_month_as_the_language_needs(code, since_month, since_day, in_month,
                                                                month_range, day_range):
    t = translator(code)
    assert t.phrase("since {month}", month=t.date_value("2026-03-01", "month")) == since_month
    assert t.phrase("since {month}", month=t.date_value("2024-07-03")) == since_day
    assert t.phrase("in {month}", month=t.date_value("2025-06-01", "month")) == in_month
    assert t.phrase("from {start} to {end}", start=t.date_value("2025-01-01", "month_name"),
                    end=t.date_value("2025-06-30", "month")) == month_range
    assert t.phrase("from {start} to {end}", start=t.date_value("2024-07-03"),
                    end=t.date_value("2026-03-19")) == day_range
    assert t.phrase("in {year}", year=t.year("2025-01-01")).count("2025") == 1


def test_nphrase_formats_the_number_for_the_language():
    assert translator("uk").nphrase("Belarus: {n} person freed", "Belarus: {n} people freed", 1234) == \
        f"Білорусь: звільнено 1{NBSP}234 людини"
    assert translator("pl").nphrase("and {n} other", "and {n} others", 5) == "i jeszcze 5"
    assert translator("en").nphrase("and {n} other", "and {n} others", 1) == "and 1 other"
    assert str(translator("ru").date_value("2026-03-19", "month")) == f"март 2026{NNBSP}г."
    assert translator("en").phrase("in {year}", year=2025) == "in 2025"          # not "2,025"
    assert translator("ru").phrase("in {year}", year=2025) == "в 2025 году"
    with pytest.raises(ValueError, match="precision must be one of"):
        translator("ru").date_value("2026-03-19", "week")
