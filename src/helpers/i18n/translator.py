"""The object a figure builder takes to speak a language: `translator("be")`.

It bundles the chrome catalog (`_`, `ngettext`), the translated data labels, CLDR
number and date formats, and Vega's locale objects, so a builder needs no other
import and knows nothing of files. Built once per notebook run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from helpers.i18n import formats, vega_locale
from helpers.i18n.catalogs import Messages, messages
from helpers.i18n.labels import LabelTable, label_table
from helpers.i18n.languages import Language, language


@dataclass(frozen=True)
class Translator:
    language: Language
    messages: Messages
    labels: LabelTable

    # ------------------------------------------------------------ chrome (catalogs)

    def gettext(self, msgid: str) -> str:
        """The translation of an English chrome string; MissingTranslation if there is none."""
        return self.messages.gettext(msgid)

    _ = gettext

    def pgettext(self, context: str, msgid: str) -> str:
        """Like gettext, for an English string that needs different translations by context."""
        return self.messages.gettext(msgid, context)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form for n by the language's CLDR plural rule, still to be .format()-ed:
        t.ngettext("{n} person freed", "{n} people freed", n).format(n=t.number(n))."""
        return self.messages.ngettext(singular, plural, n)

    # ------------------------------------------------------------ data labels

    def label(self, kind: str, key: str, english: str) -> str:
        """A data label in the language: kind "milestone" (milestone_id), "person" (person_id) or
        "jurisdiction" (the sanctions.csv value). English returns `english` unchanged."""
        return self.labels.text(kind, key, english)

    def people(self, names: str, separator: str = "; ") -> str:
        """A releases.csv notable_people cell ("A; B") with each name in the language."""
        return self.labels.people(names, separator)

    # ------------------------------------------------------------ numbers and dates (CLDR)

    def number(self, value: int | float, decimals: int | None = None) -> str:
        return formats.number(self.language, value, decimals)

    def day(self, value) -> str:
        return formats.day(self.language, value)

    def month_year(self, value, form: str = "standalone") -> str:
        return formats.month_year(self.language, value, form)

    def short_month_year(self, value, form: str = "standalone") -> str:
        return formats.short_month_year(self.language, value, form)

    def year(self, value) -> str:
        return formats.year(self.language, value)

    def list_of(self, items: list[str]) -> str:
        return formats.list_of(self.language, items)

    # ------------------------------------------------------------ Vega

    @property
    def format_locale(self) -> dict:
        return vega_locale.format_locale(self.language)

    @property
    def time_format_locale(self) -> dict:
        return vega_locale.time_format_locale(self.language)

    def axis_format(self, skeleton: str = "yMMM") -> str:
        return vega_locale.axis_format(self.language, skeleton)

    def embed_options(self) -> dict:
        """The locale part of vega-embed's options for the offline HTML page (same objects)."""
        return {"formatLocale": self.format_locale, "timeFormatLocale": self.time_format_locale}


def translator(code: str, *, locale_root: Path | None = None, data_dir: Path | None = None) -> Translator:
    """The translator for a language code ("en", "be", …); ParameterError for an unknown code.

    Reading happens here, once: a broken catalog or label table stops before any figure.
    """
    lang = language(code)
    return Translator(lang, messages(lang, locale_root), label_table(lang, data_dir))
