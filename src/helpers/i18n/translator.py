"""The object a figure builder takes to speak a language: `translator("be")`.

It bundles the chrome catalog (`_`, `ngettext`), the translated data labels, CLDR
number and date formats, and Vega's locale objects, so a builder needs no other
import and knows nothing of files. Built once per notebook run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from helpers.i18n import formats, publishers, vega_locale
from helpers.i18n.catalogs import Messages, MissingTranslation, messages
from helpers.i18n.labels import LabelTable, label_table
from helpers.i18n.languages import Language, language


@dataclass(frozen=True)
class Translator:
    language: Language
    messages: Messages
    labels: LabelTable
    # Every message and data label looked up, as (context, msgid) and ("label", label_id): the
    # figure's metadata lists them, so the reviewer's sheet shows each message in its figures.
    used: set = field(default_factory=set, compare=False, hash=False, repr=False)

    # ------------------------------------------------------------ chrome (catalogs)
    # Every message comes out set as the language sets text (Typography.text: no-break spaces,
    # sound alternations at joins), after its values are filled in: one place for all of it.

    def gettext(self, msgid: str) -> str:
        """The translation of an English chrome string; MissingTranslation if there is none."""
        return self.pgettext(None, msgid)

    _ = gettext

    def pgettext(self, context: str | None, msgid: str) -> str:
        """Like gettext, for an English string that needs a translation per grammatical slot."""
        return self.language.typography.text(self._raw(context, msgid))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form for n by the language's CLDR plural rule, still to be .format()-ed:
        t.ngettext("{n} person freed", "{n} people freed", n).format(n=t.number(n))."""
        self.used.add(("", singular))
        return self.messages.ngettext(singular, plural, n)

    def phrase(self, msgid: str, **values) -> str:
        """Translate and fill in: t.phrase("Data to {date}", date=t.date_value(newest)).

        Numbers are formatted for the language; dates should be `date_value`s, so that the
        translation can pick the month's form ("{month:format}"). A translation whose
        placeholders do not match is a MissingTranslation naming the catalog.
        """
        return self.pphrase(None, msgid, **values)

    def pphrase(self, context: str | None, msgid: str, **values) -> str:
        """phrase() for a message with a context (msgctxt): one msgid per grammatical slot."""
        return self._fill(self._raw(context, msgid), msgid, values)

    def nphrase(self, singular: str, plural: str, n: int, **values) -> str:
        """The plural form for n, filled in: t.nphrase("Belarus: {n} person freed", "… people freed", 865).
        n is the number the words agree with; other numbers go where no word agrees with them."""
        return self.npphrase(None, singular, plural, n, **values)

    def npphrase(self, context: str | None, singular: str, plural: str, n: int, **values) -> str:
        """nphrase() for a message with a context (msgctxt)."""
        self.used.add((context or "", singular))
        return self._fill(self.messages.ngettext(singular, plural, n, context), singular, {"n": n, **values})

    def headline(self, text: str) -> str:
        """A title as the language's headlines write it ("2024 года", "2024 року")."""
        return self.language.typography.title(text)

    def _raw(self, context: str | None, msgid: str) -> str:
        self.used.add((context or "", msgid))
        return self.messages.gettext(msgid, context)

    def _fill(self, text: str, msgid: str, values: dict) -> str:
        shown = {key: self._shown(key, value) for key, value in values.items()}
        try:
            filled = text.format(**shown)
        except (KeyError, IndexError, ValueError) as err:
            where = self.messages.path or "the code calling it (the English msgid)"
            raise MissingTranslation(
                f'the {self.language.english_name} ({self.language.code}) translation of "{msgid}" does not fit '
                f"its placeholders ({err}); correct it in {where}") from None
        if _moved_to_the_start(text, msgid) and filled[:1].islower():
            filled = filled[0].upper() + filled[1:]   # a value the translation moved to the start opens the sentence
        return self.language.typography.text(filled)

    def _shown(self, key: str, value):
        """Counts get the language's digit grouping; a year never does ("2025", not "2 025")."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return value
        return str(value) if key == "year" else self.number(value)

    # ------------------------------------------------------------ data labels

    def label(self, kind: str, key: str, english: str) -> str:
        """A data label in the language: kind "milestone" (milestone_id), "short" (a milestone's
        short form), "person" (person_id), "jurisdiction" (the sanctions.csv value), "publisher",
        "counted_by". English returns `english` unchanged."""
        self.used.add(("label", f"{kind}:{key}"))
        return self.language.typography.text(self.labels.text(kind, key, english))

    def optional_label(self, kind: str, key: str, english: str) -> str | None:
        """Like label(), but None for a label no published source gives (see LabelTable.optional_text)."""
        self.used.add(("label", f"{kind}:{key}"))
        text = self.labels.optional_text(kind, key, english)
        return None if text is None else self.language.typography.text(text)

    def people(self, names: str | None) -> str:
        """A releases.csv notable_people cell ("A; B") as a reader sees it: the names the language
        can spell, the others counted ("…, Владимир Лабкович и ещё 5", or "1 person" when none
        can be spelled); "" for an empty cell. English gives the names, comma-separated."""
        spelled, left_out = self.labels.spelled_people(names)
        self.used.update(("label", f"person:{person_id}") for person_id, _ in spelled)
        shown = ", ".join(self.language.typography.text(text) for _, text in spelled)
        if not left_out:
            return shown
        if not shown:
            return self.npphrase("notable people, none spelled", "{n} person", "{n} people", left_out)
        return self.npphrase("notable people", "{names} and {n} more", "{names} and {n} more", left_out,
                             names=shown)

    def publisher(self, value: str) -> str:
        """A source_publisher value in the language (helpers.i18n.publishers): a `publisher:` row
        for the whole value, else its names (an `outlet:` row's form, or as published) with "via"
        and "citing" from the catalog. MissingLabel when the value needs a row it lacks."""
        if self.language.is_source or not isinstance(value, str):
            return value
        row = self.labels.value_text("publisher", value)
        if row is not None:
            self.used.add(("label", f"publisher:{value}"))
            return self.language.typography.text(row)
        if publishers.needs_row(value):
            self.labels.text("publisher", value, value)        # raises MissingLabel, naming the row to add
        credit = publishers.parse(value)
        name = self._outlet(credit.name)
        if not credit.relation:
            return self.language.typography.text(name)
        if credit.relation == "via":
            return self.pphrase("publisher", "{publisher} via {outlet}", publisher=name,
                                outlet=self._outlet(credit.other))
        return self.pphrase("publisher", "{publisher}, citing {source}", publisher=name,
                            source=self._outlet(credit.other))

    def _outlet(self, name: str) -> str:
        """A name in a publisher value, in the language's own form where an `outlet:` row gives one."""
        for key in (name, name.split(" (")[0]):
            text = self.labels.value_text("outlet", key)
            if text is not None and text != key:
                self.used.add(("label", f"outlet:{key}"))
                return name.replace(key, text, 1)
        return name

    def counted_by(self, value: str) -> str:
        """Who counted (prisoner_counts.csv counted_by, reported_totals.csv who_said), in the language."""
        if self.language.is_source or not isinstance(value, str) or not value:
            return value
        return self.label("counted_by", value, value)

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
        return self.language.typography.text(formats.list_of(self.language, items))

    def axis_month_year(self, value) -> str:
        return formats.axis_month_year(self.language, value)

    # ------------------------------------------------------------ Vega

    @property
    def format_locale(self) -> dict:
        return vega_locale.format_locale(self.language)

    @property
    def time_format_locale(self) -> dict:
        return vega_locale.time_format_locale(self.language)

    def axis_format(self, skeleton: str = "yMMM") -> str:
        return vega_locale.axis_format(self.language, skeleton)

    def count_format(self, largest: int | float) -> str:
        """The d3 format for whole numbers up to `largest` on an axis or in a tooltip, grouped as
        `number()` groups them in text ("1374", not "1 374", in be, ru, uk, pl)."""
        return vega_locale.count_format(self.language, largest)

    def embed_options(self) -> dict:
        """The locale part of vega-embed's options for the offline HTML page (same objects)."""
        return {"formatLocale": self.format_locale, "timeFormatLocale": self.time_format_locale}


def _moved_to_the_start(text: str, msgid: str) -> bool:
    """Does the translation open with a value the English does not open with ("{period} вызвалілі…"
    for "{n} people freed {period}…")? Then that value starts the sentence, with a capital."""
    opening = re.match(r"\{(\w+)", text)
    return bool(opening) and not re.match(r"\{" + opening.group(1) + r"\b", msgid)


def translator(code: str, *, locale_root: Path | None = None, data_dir: Path | None = None) -> Translator:
    """The translator for a language code ("en", "be", …); ParameterError for an unknown code.

    Reading happens here, once: a broken catalog or label table stops before any figure.
    """
    lang = language(code)
    return Translator(lang, messages(lang, locale_root), label_table(lang, data_dir))
