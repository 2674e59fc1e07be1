"""The chart chrome's translations: gettext catalogs, read with Babel.

English is the source: every msgid is the English text. Each other language has
locale/<code>/LC_MESSAGES/desk.po, edited by people (or Poedit) and read here at run
time with babel.messages.pofile: no compiled .mo files to rebuild or forget, and a .po
that does not parse stops the render with its line number.

Plural forms follow CLDR through Babel: a catalog's msgstr[0..n] are the language's
CLDR categories in the order one, two, few, many, other (those it has), and the
catalog's Plural-Forms header is Babel's rendering of the same rule (a test checks).

A missing, empty or fuzzy translation is never replaced by the English text: it raises
MissingTranslation (a DeskError, so the render stops with exit 2) naming the string,
the language and the .po file to edit.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po
from babel.plural import to_gettext

from helpers import paths
from helpers.errors import DeskError
from helpers.i18n.formats import babel_locale
from helpers.i18n.languages import Language

DOMAIN = "desk"
PLURAL_ORDER = ("zero", "one", "two", "few", "many", "other")


class MissingTranslation(DeskError):
    """A string the figure needs has no reviewed-or-draft translation in the language."""


def locale_dir() -> Path:
    return paths.project_root() / "locale"


def po_path(lang: Language, root: Path | None = None) -> Path:
    return Path(root or locale_dir()) / lang.code / "LC_MESSAGES" / f"{DOMAIN}.po"


def shown(path: Path) -> str:
    """A path as a reporter would type it: relative to the project when it is inside."""
    try:
        return str(path.relative_to(paths.project_root()))
    except ValueError:
        return str(path)


def plural_categories(lang: Language) -> tuple[str, ...]:
    """The CLDR plural categories of a language, in msgstr[] order: be ("one", "few", "many", "other")."""
    tags = babel_locale(lang).plural_form.tags | {"other"}
    return tuple(tag for tag in PLURAL_ORDER if tag in tags)


def plural_forms_header(lang: Language) -> str:
    """The Plural-Forms header for the catalog, Babel's gettext rendering of the CLDR rule."""
    return to_gettext(babel_locale(lang).plural_form)


def plural_index(lang: Language, n: int | float) -> int:
    """Which msgstr[] holds the form for n, by the CLDR rule (1, 21 -> "one"; 2, 22 -> "few"…)."""
    return plural_categories(lang).index(babel_locale(lang).plural_form(n))


@functools.lru_cache(maxsize=32)
def _read(path: Path, mtime: float, code: str) -> Catalog:
    try:
        with path.open("rb") as handle:
            return read_po(handle, locale=None, domain=DOMAIN, abort_invalid=True)
    except PoFileError as err:
        raise DeskError(f"{shown(path)} is not a valid gettext catalog: {err} (fix the line named, "
                        "or restore it from git)") from None


def read_catalog(lang: Language, root: Path | None = None) -> Catalog:
    path = po_path(lang, root)
    if not path.is_file():
        raise MissingTranslation(f"there is no catalog for {lang.english_name} ({lang.code}): expected "
                                 f"{shown(path)} (run `make translations` to create it)")
    return _read(path, path.stat().st_mtime, lang.code)


@dataclass(frozen=True)
class Messages:
    """Look-ups in one language's catalog; English answers with the source text."""

    language: Language
    catalog: Catalog | None     # None for the source language
    path: Path | None

    def _missing(self, msgid: str, context: str | None, why: str) -> MissingTranslation:
        where = f' (context "{context}")' if context else ""
        return MissingTranslation(
            f'no {self.language.english_name} ({self.language.code}) translation of "{msgid}"{where}: '
            f"{why}; add it in {shown(self.path)} and run `make translations` to check")

    def _entry(self, msgid: str, context: str | None):
        message = self.catalog.get(msgid, context=context)
        if message is None:
            raise self._missing(msgid, context, "the string is not in the catalog")
        if message.fuzzy:
            raise self._missing(msgid, context, "the translation is marked fuzzy (needs checking)")
        return message

    def gettext(self, msgid: str, context: str | None = None) -> str:
        if self.catalog is None:
            return msgid
        message = self._entry(msgid, context)
        text = message.string[0] if isinstance(message.string, (tuple, list)) else message.string
        if not text:
            raise self._missing(msgid, context, "its msgstr is empty")
        return text

    def ngettext(self, singular: str, plural: str, n: int | float, context: str | None = None) -> str:
        if self.catalog is None:
            return singular if n == 1 else plural
        message = self._entry(singular, context)
        if not isinstance(message.string, (tuple, list)):
            raise self._missing(singular, context, "the catalog entry has no plural forms (msgid_plural)")
        index = plural_index(self.language, n)
        if index >= len(message.string) or not message.string[index]:
            raise self._missing(singular, context,
                                f"plural form msgstr[{index}] ({plural_categories(self.language)[index]}) is empty")
        return message.string[index]


def messages(lang: Language, root: Path | None = None) -> Messages:
    if lang.is_source:
        return Messages(lang, None, None)
    return Messages(lang, read_catalog(lang, root), po_path(lang, root))
