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
from helpers.text import HEADLINE, TEXT, period_phrase

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
    ("ru", ["865", "1234", f"12{NBSP}345", f"1{NBSP}234{NBSP}567", "1,5"]),   # 4 digits whole (Milchin): review A6
    ("uk", ["865", "1234", f"12{NBSP}345", f"1{NBSP}234{NBSP}567", "1,5"]),
    ("pl", ["865", "1234", f"12{NBSP}345", f"1{NBSP}234{NBSP}567", "1,5"]),   # minimumGroupingDigits 2
    ("lt", ["865", f"1{NBSP}234", f"12{NBSP}345", f"1{NBSP}234{NBSP}567", "1,5"]),
])
def test_numbers_use_the_cldr_separators(code, expected):
    t = translator(code)
    assert [t.number(865), t.number(1234), t.number(12345), t.number(1234567), t.number(1.5, decimals=1)] == expected


def test_negative_and_fixed_decimal_numbers():
    assert translator("pl").number(-1234) == "-1234"
    assert translator("ru").number(-1234) == "-1234"
    assert translator("ru").number(-12345) == f"-12{NBSP}345"
    assert translator("en").number(2, decimals=2) == "2.00"


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize("code, day, month_alone, month_in_phrase, short", [
    ("en", "19 March 2026", "March 2026", "March 2026", "Mar 2026"),
    ("be", f"19 сакавіка 2026{NNBSP}г.", f"сакавік 2026{NNBSP}г.", f"сакавіка 2026{NNBSP}г.", "сак 2026"),   # A5
    ("ru", f"19 марта 2026{NNBSP}г.", f"март 2026{NNBSP}г.", f"марта 2026{NNBSP}г.", f"март 2026{NNBSP}г."),
    ("uk", f"19 березня 2026{NNBSP}р.", f"березень 2026{NNBSP}р.", f"березня 2026{NNBSP}р.", f"бер. 2026{NNBSP}р."),
    ("pl", f"19 marca 2026{NBSP}r.", f"marzec 2026{NBSP}r.", f"marca 2026{NBSP}r.", "mar 2026"),   # E-D2
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
    assert translator("ru").list_of(["AP", "Reuters", "BelTA"]) == f"AP, Reuters и{NBSP}BelTA"   # "и" ends no line
    assert translator("lt").list_of(["AP", "Reuters"]) == "AP ir Reuters"
    assert translator("en").list_of([]) == ""


def test_ukrainian_alternates_across_quotes_and_keeps_names_and_dashes_on_their_line():
    # D-G2: "й" after a vowel, also behind a closing quote; "і" after a consonant. D-T3: no-break spaces.
    t = translator("uk")
    assert shown(t.list_of(["«Українська правда»", "ще 14"])) == "«Українська правда» й~ще~14"
    assert shown(t.list_of(["AP (через KEYT)", "ще 14"])) == "AP (через KEYT) і~ще~14"
    assert shown(t.list_of(["США", "ЄС", "Канада", "Литва"])) == "США, ЄС, Канада й~Литва"
    assert shown(t.language.typography.text("«Вясна» у Мінську і у Вільні")) == "«Вясна» в~Мінську і~у~Вільні"
    assert shown(t._("Graphic: Belarus Releases Desk · Data: CC BY 4.0 · Code: MIT")) == \
        "Графіка: Belarus~Releases~Desk · Дані: CC~BY~4.0 · Код: MIT"
    assert shown(t._("Grey points are other groups' counts.")) == "Сірі точки~— підрахунки інших організацій."


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


def shown(text: str) -> str:
    """No-break spaces made visible: "~" for U+00A0, "^" for U+202F."""
    return text.replace(NBSP, "~").replace(NNBSP, "^")


@pytest.mark.parametrize("code, expected", [
    ("en", ["Belarus: 1 person freed P", "Belarus: 2 people freed P", "Belarus: 5 people freed P",
            "Belarus: 21 people freed P", "Belarus: 22 people freed P", "Belarus: 25 people freed P",
            "Belarus: 111 people freed P"]),
    ("be", ["P у~Беларусі вызвалілі~1~чалавека", "P у~Беларусі вызвалілі~2~чалавекі", "P у~Беларусі вызвалілі~5~чалавек",
            "P у~Беларусі вызвалілі~21~чалавека", "P у~Беларусі вызвалілі~22~чалавекі",
            "P у~Беларусі вызвалілі~25~чалавек", "P у~Беларусі вызвалілі~111~чалавек"]),
    ("ru", ["P в~Беларуси освободили~1~человека", "P в~Беларуси освободили~2~человека",
            "P в~Беларуси освободили~5~человек", "P в~Беларуси освободили~21~человека",
            "P в~Беларуси освободили~22~человека", "P в~Беларуси освободили~25~человек",
            "P в~Беларуси освободили~111~человек"]),
    # uk: the period opens the title (D-U1: "З липня 2024 року Білорусь звільнила 865 людей")
    ("uk", ["P Білорусь звільнила~1~людину", "P Білорусь звільнила~2~людини", "P Білорусь звільнила~5~людей",
            "P Білорусь звільнила~21~людину", "P Білорусь звільнила~22~людини", "P Білорусь звільнила~25~людей",
            "P Білорусь звільнила~111~людей"]),
    ("pl", ["Białoruś: P uwolniono~1~osobę", "Białoruś: P uwolniono~2~osoby", "Białoruś: P uwolniono~5~osób",
            "Białoruś: P uwolniono~21~osób", "Białoruś: P uwolniono~22~osoby", "Białoruś: P uwolniono~25~osób",
            "Białoruś: P uwolniono~111~osób"]),
    ("lt", ["Baltarusija: P paleistas~1~žmogus", "Baltarusija: P paleisti~2~žmonės", "Baltarusija: P paleisti~5~žmonės",
            "Baltarusija: P paleistas~21~žmogus", "Baltarusija: P paleisti~22~žmonės", "Baltarusija: P paleisti~25~žmonės",
            "Baltarusija: P paleista~111~žmonių"]),
])
def test_the_headline_takes_the_right_plural_form(code, expected):
    t = translator(code)
    got = [shown(t.nphrase("Belarus: {n} person freed {period}", "Belarus: {n} people freed {period}", n, period="P"))
           for n in COUNTS]
    assert got == expected


def test_a_headline_with_a_large_number_has_the_localized_number():
    t = translator("ru")
    title = t.nphrase("Belarus: {n} person freed {period}", "Belarus: {n} people freed {period}", 12345, period="P")
    assert shown(title) == "P в~Беларуси освободили~12~345~человек"
    assert shown(t.nphrase("Belarus: {n} person freed {period}", "Belarus: {n} people freed {period}", 1234,
                           period="P")) == "P в~Беларуси освободили~1234~человека"


# ---------------------------------------------------------------- phrases: the translation picks the month's form

PERIODS = [("2026-03-01", "2026-03-31", True), ("2024-07-03", "2026-03-31", True), ("2025-01-01", "2025-12-31", False),
           ("2025-06-01", "2025-06-30", False), ("2025-01-01", "2025-06-30", False), ("2025-01-01", "2026-03-31", False),
           ("2024-07-03", "2026-03-19", False)]


@pytest.mark.parametrize("code, in_headlines, in_text", [
    ("en", ["since March 2026", "since 3 July 2024", "in 2025", "in June 2025", "from January to June 2025",
            "from January 2025 to March 2026", "from 3 July 2024 to 19 March 2026"], ["since March 2026"]),
    # be: "са" before "студзеня" (A2), locative "чэрвені", "года" in a headline, "г." in text (A5)
    ("be", ["з~сакавіка~2026~года", "з~3~ліпеня~2024~года", "у~2025~годзе", "у~чэрвені~2025~года",
            "са студзеня па чэрвень~2025~года", "са студзеня~2025~года па сакавік~2026~года",
            "з~3~ліпеня~2024~года па~19~сакавіка~2026~года"], ["з~сакавіка~2026^г."]),
    ("ru", ["с~марта~2026~года", "с~3~июля~2024~года", "в~2025~году", "в~июне~2025~года", "с~января по июнь~2025~года",
            "с~января~2025~года по март~2026~года", "с~3~июля~2024~года по~19~марта~2026~года"], ["с~марта~2026^г."]),
    # uk: "з … до …" (D-G1), "року" in a headline
    ("uk", ["з~березня~2026~року", "з~3~липня~2024~року", "у~2025~році", "у~червні~2025~року",
            "з~січня до червня~2025~року", "з~січня~2025~року до березня~2026~року",
            "з~3~липня~2024~року до~19~березня~2026~року"], ["з~березня~2026^р."]),
    # pl: locative months, "r." after years, no line break after "w" (A5, A6)
    ("pl", ["od marca~2026~r.", "od~3~lipca~2024~r.", "w~2025~r.", "w~czerwcu~2025~r.", "od stycznia do czerwca~2025~r.",
            "od stycznia~2025~r. do marca~2026~r.", "od~3~lipca~2024~r. do~19~marca~2026~r."], ["od marca~2026~r."]),
    # lt: the year first in a range of months (A5), "2025 m." kept together (A6)
    ("lt", ["nuo~2026~m. kovo", "nuo~2024~m. liepos~3~d.", "2025~m.", "2025~m. birželio mėn.",
            "2025~m. sausio–birželio mėn.", "nuo~2025~m. sausio iki~2026~m. kovo",
            "nuo~2024~m. liepos~3~d. iki~2026~m. kovo~19~d."], ["nuo~2026~m. kovo"]),
])
def test_periods_read_as_each_language_writes_them_in_headlines_and_text(code, in_headlines, in_text):
    t = translator(code)
    assert [shown(t.headline(period_phrase(start, end, open_ended, t, HEADLINE)))
            for start, end, open_ended in PERIODS] == in_headlines
    assert shown(period_phrase(*PERIODS[0], t, TEXT)) == in_text[0]


def test_a_title_makes_the_alternation_after_the_year_word_it_writes_out():
    """be: "2024 г." ends in a full stop, "2024 года" in a vowel, so the "у" after it becomes "ў"
    (review B-U1: "З ліпеня 2024 года ў Беларусі вызвалілі 865 чалавек"); running text keeps "г. у"."""
    t = translator("be")
    since_july = period_phrase("2024-07-03", "2026-03-31", True, t, HEADLINE)
    since = t.pphrase("headline", "since {start}", start=t.date_value("2024-07-01", "month"))
    title = t.headline(t.nphrase("Belarus: {n} person freed {period}", "Belarus: {n} people freed {period}", 865,
                                 period=since))
    assert shown(title) == "З~ліпеня~2024~года ў~Беларусі вызвалілі~865~чалавек"
    assert shown(t.headline(since_july + " у Беларусі")) == "з~3~ліпеня~2024~года ў~Беларусі"
    assert shown(t.language.typography.text("з ліпеня 2024 г. у Беларусі")) == "з~ліпеня~2024~г. у~Беларусі"


def test_nphrase_formats_the_number_for_the_language():
    assert shown(translator("uk").nphrase("Belarus: {n} person freed {period}", "Belarus: {n} people freed {period}",
                                          1234, period="з липня 2024 року")) == \
        "З~липня~2024~року Білорусь звільнила~1234~людини"      # the period moved to the start opens the title
    assert shown(translator("pl").npphrase("list of publishers", "{n} other", "{n} others", 5)) == "jeszcze~5"
    assert translator("en").npphrase("list of publishers", "{n} other", "{n} others", 1) == "1 other"
    assert str(translator("ru").date_value("2026-03-19", "month")) == f"март 2026{NNBSP}г."
    assert translator("en").pphrase("text", "in {year}", year=2025) == "in 2025"          # not "2,025"
    assert shown(translator("ru").pphrase("text", "in {year}", year=2025)) == "в~2025~году"
    assert format(translator("pl").date_value("2025-09-01", "month"), "locative") == f"wrześniu 2025{NBSP}r."
    with pytest.raises(ValueError, match="precision must be one of"):
        translator("ru").date_value("2026-03-19", "week")
    with pytest.raises(ValueError, match="unknown date form 'locative' for lt"):
        format(translator("lt").date_value("2026-03-19", "month"), "locative")
