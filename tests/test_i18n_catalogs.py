"""The chrome catalogs: complete, up to date with the code, honest about review, and strict.

A missing, empty or fuzzy translation must stop a render (MissingTranslation, a DeskError:
exit 2) with the string, the language and the .po file named; English is never shown in
its place.
"""

from __future__ import annotations

import shutil
import string

import pytest
from babel.messages.pofile import read_po

from conftest import ROOT, run_module
from helpers.errors import DeskError
from helpers.i18n import LANGUAGES, TRANSLATED, MissingTranslation, translator
from helpers.i18n import catalogs, maintain
from helpers.i18n.chrome import CHROME

HEADLINE = ("Belarus: {n} person freed {period}", "Belarus: {n} people freed {period}")


def entries(code: str, root=None):
    return [m for m in catalogs.read_catalog(LANGUAGES[code], root) if m.id]


def msgid(message) -> str:
    return message.id[0] if isinstance(message.id, tuple) else message.id


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_entry_is_translated_and_none_is_fuzzy(code):
    found = entries(code)
    assert found, f"{code}: empty catalog"
    for message in found:
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(forms), f"{code}: empty msgstr for {msgid(message)!r}"
        assert not message.fuzzy, f"{code}: fuzzy entry {msgid(message)!r}"
        assert "{" not in msgid(message) or all(f for f in forms), msgid(message)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_keep_the_placeholders_and_drop_the_english(code):
    for message in entries(code):
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for form in forms:
            assert placeholders(form) == placeholders(ids[0]), (code, ids[0], form)
            specs = {spec for _, name, spec, _ in string.Formatter().parse(form) if name}
            cases = {case for case, _ in LANGUAGES[code].typography.month_cases}   # e.g. "locative"
            assert specs <= {"", "format", "standalone"} | cases, (code, ids[0], form)
            words = "".join(literal for literal, *_ in string.Formatter().parse(ids[0]))
            if len(ids[0]) > 6 and any(c.isalpha() for c in words):   # "Date"/"Data"; "{kind}: {n}" has no words
                assert form != ids[0], f"{code}: {ids[0]!r} left in English"


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_header_carries_the_cldr_plural_rule_and_the_review_status(code):
    lang = LANGUAGES[code]
    catalog = catalogs.read_catalog(lang)
    assert catalog.num_plurals == len(catalogs.plural_categories(lang)) == 4
    assert catalog.plural_forms == catalogs.plural_forms_header(lang)
    assert f"Review status: {lang.status}." in catalog.header_comment
    assert "pending review by a native speaker" in catalog.header_comment
    assert "not yet reviewed" in catalog.last_translator
    assert all("DRAFT translation" in " ".join(m.user_comments) for m in entries(code))


def test_every_chrome_string_is_in_every_catalog_and_the_catalogs_are_up_to_date():
    """`make translations` would change nothing: no string in the code is missing from a catalog."""
    template = maintain.extract(ROOT)
    wanted = {msgid(m) for m in template if m.id}
    assert {(s if isinstance(s, str) else s[0]) for s in CHROME} <= wanted
    for code in TRANSLATED:
        lang = LANGUAGES[code]
        assert wanted == {msgid(m) for m in entries(code)}, code
        path = catalogs.po_path(lang)
        assert maintain.render_po(maintain.updated_catalog(lang, template)) == path.read_bytes(), \
            f"{path} is out of date: run `make translations`"


# ---------------------------------------------------------------- missing translations stop the render

@pytest.fixture
def locale_copy(tmp_path):
    shutil.copytree(ROOT / "locale", tmp_path / "locale")
    return tmp_path / "locale"


def edit_po(locale_root, code, old, new):
    path = locale_root / code / "LC_MESSAGES" / "desk.po"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_string_missing_from_the_catalog_names_string_language_and_file(locale_copy):
    t = translator("be", locale_root=locale_copy)
    with pytest.raises(MissingTranslation) as caught:
        t._("A string nobody translated")
    message = str(caught.value)
    assert 'Belarusian (be) translation of "A string nobody translated"' in message
    assert str(locale_copy / "be" / "LC_MESSAGES" / "desk.po") in message
    assert isinstance(caught.value, DeskError)


def test_an_empty_or_fuzzy_translation_is_missing_not_english(locale_copy):
    edit_po(locale_copy, "ru", 'msgstr "Дата"', 'msgstr ""')
    edit_po(locale_copy, "ru", '#: src/helpers/i18n/chrome.py\nmsgid "Freed"',
            '#: src/helpers/i18n/chrome.py\n#, fuzzy\nmsgid "Freed"')
    t = translator("ru", locale_root=locale_copy)
    with pytest.raises(MissingTranslation, match=r'"Date": its msgstr is empty'):
        t._("Date")
    with pytest.raises(MissingTranslation, match=r'"Freed": the translation is marked fuzzy'):
        t._("Freed")
    assert t._("Source") == "Источник"


def test_an_empty_plural_form_is_missing_only_for_the_counts_that_need_it(locale_copy):
    edit_po(locale_copy, "uk", 'msgstr[2] "{period} Білорусь звільнила {n} людей"', 'msgstr[2] ""')
    t = translator("uk", locale_root=locale_copy)
    assert t.ngettext(*HEADLINE, 22) == "{period} Білорусь звільнила {n} людини"
    with pytest.raises(MissingTranslation, match=r"msgstr\[2\] \(many\) is empty"):
        t.ngettext(*HEADLINE, 25)


def test_a_broken_or_absent_catalog_is_a_clear_error(locale_copy):
    edit_po(locale_copy, "pl", 'msgid "Date"', 'Data\nmsgid "Date"')   # a translation typed outside msgstr
    with pytest.raises(DeskError, match=r"pl/LC_MESSAGES/desk.po is not a valid gettext catalog: .* on \d+"):
        translator("pl", locale_root=locale_copy)
    shutil.rmtree(locale_copy / "lt")
    with pytest.raises(MissingTranslation, match=r"no catalog for Lithuanian \(lt\).*make translations"):
        translator("lt", locale_root=locale_copy)


def test_english_is_the_source_and_needs_no_catalog(tmp_path):
    t = translator("en", locale_root=tmp_path)
    assert t._("Date") == "Date"
    assert [t.ngettext(*HEADLINE, n) for n in (1, 2)] == list(HEADLINE)


def test_make_translations_adds_a_new_string_untranslated_and_lists_it(project):
    """A builder's new t._("…") call lands in every catalog, and the command says what to translate."""
    (project / "babel.cfg").write_text((ROOT / "babel.cfg").read_text())
    module = project / "src" / "helpers" / "i18n" / "chrome.py"
    module.write_text(module.read_text().replace('    N_("Source"),', '    N_("Source"),\n    N_("Brand new line"),'))
    result = run_module("helpers.i18n", "translations", root=project, env={"PYTHONPATH": str(project / "src")})
    assert result.returncode == 0, result.stderr
    total = len(maintain.extract(ROOT)) + 1
    assert f'Belarusian (be, draft): locale/be/LC_MESSAGES/desk.po: 1 of {total} strings need a translation:\n' \
           '  "Brand new line"' in result.stdout
    with (project / "locale" / "lt" / "LC_MESSAGES" / "desk.po").open("rb") as handle:
        catalog = read_po(handle)
    assert catalog.get("Brand new line").string == "" and catalog.get("Date").string == "Data"
    assert "Data labels (data/label_translations.csv):" in result.stdout


def test_a_translation_that_breaks_its_placeholders_names_the_catalog(locale_copy):
    edit_po(locale_copy, "ru", 'msgctxt "headline"\nmsgid "since {start}"\nmsgstr "с {start:format}"',
            'msgctxt "headline"\nmsgid "since {start}"\nmsgstr "с {start:genitive}"')
    edit_po(locale_copy, "ru", 'msgstr "Данные на {date}"', 'msgstr "Данные на {data}"')
    t = translator("ru", locale_root=locale_copy)
    with pytest.raises(MissingTranslation, match=r'translation of "since \{start\}" does not fit its placeholders '
                                                 r"\(unknown date form 'genitive'.*ru/LC_MESSAGES/desk.po"):
        t.pphrase("headline", "since {start}", start=t.date_value("2026-03-01", "month"))
    with pytest.raises(MissingTranslation, match=r'"Data to \{date\}" does not fit its placeholders'):
        t.phrase("Data to {date}", date=t.date_value("2026-03-19"))
