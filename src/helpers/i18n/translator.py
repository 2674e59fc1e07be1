"""The object a figure builder takes to speak a language: `translator("be")`.

It bundles the chrome catalog (`_`, `ngettext`), the translated data labels, CLDR
number and date formats, and Vega's locale objects, so a builder needs no other
import and knows nothing of files. Built once per notebook run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from helpers.i18n import formats, vega_locale
from helpers.i18n.catalogs import Messages, MissingTranslation, messages
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

    def phrase(self, msgid: str, **values) -> str:
        """Translate and fill in: t.phrase("since {month}", month=t.date_value(start, "month")).

        Numbers are formatted for the language; dates should be `date_value`s, so that the
        translation can pick the month's form ("{month:format}"). A translation whose
        placeholders do not match is a MissingTranslation naming the catalog.
        """
        return self._fill(self.gettext(msgid), msgid, values)

    def nphrase(self, singular: str, plural: str, n: int, **values) -> str:
        """The plural form for n, filled in: t.nphrase("Belarus: {n} person freed", "… people freed", 865)."""
        return self._fill(self.ngettext(singular, plural, n), singular, {"n": n, **values})

    def _fill(self, text: str, msgid: str, values: dict) -> str:
        shown = {key: self._shown(key, value) for key, value in values.items()}
        try:
            return text.format(**shown)
        except (KeyError, IndexError, ValueError) as err:
            where = self.messages.path or "the code calling it (the English msgid)"
            raise MissingTranslation(
                f'the {self.language.english_name} ({self.language.code}) translation of "{msgid}" does not fit '
                f"its placeholders ({err}); correct it in {where}") from None

    def _shown(self, key: str, value):
        """Counts get the language's digit grouping; a year never does ("2025", not "2 025")."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return value
        return str(value) if key == "year" else self.number(value)

    # ------------------------------------------------------------ data labels

    def label(self, kind: str, key: str, english: str) -> str:
        """A data label in the language: kind "milestone" (milestone_id), "person" (person_id) or
        "jurisdiction" (the sanctions.csv value). English returns `english` unchanged."""
        return self.labels.text(kind, key, english)

    def optional_label(self, kind: str, key: str, english: str) -> str | None:
        """Like label(), but None for a label no published source gives (see LabelTable.optional_text)."""
        return self.labels.optional_text(kind, key, english)

    def shown_people(self, names: str, separator: str = "; ") -> tuple[str, int]:
        """A notable_people cell with the names the language can spell, and how many it left out."""
        return self.labels.shown_people(names, separator)

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

    def date_value(self, value, precision: str = "day") -> formats.DateValue:
        """A date for `phrase()`: its translation chooses the month's CLDR form (see DateValue)."""
        return formats.date_value(self.language, value, precision)

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
