"""Translated data labels: milestone labels and their short forms, jurisdiction lanes,
people's names, publishers and who counted.

One validated place: data/label_translations.csv, a resource of data/datapackage.json
(so `make validate`, frictionless and the codebook cover it). One row per label and
language; the English text stays where it is and the row points at it by its
`translation_id`, label and language:
- `milestone:M011/be` (milestones.csv `label`) and `short:M011/be` (its `short_label`, the
  form placed where the full label does not fit, or where the full one names someone with no
  attested spelling: "JAV delegacija: +3");
- `person:P040/pl` (people.csv `name`); `jurisdiction:EU/lt` (a sanctions.csv value);
- by the English value itself: `publisher:Osler (law firm)/ru` (a source_publisher with words
  beyond names, "via" and "citing": helpers.i18n.publishers), `outlet:Viasna/be` (a name's
  own form in the language, optional) and `counted_by:Viasna (via Charter 97)/uk`
  (prisoner_counts.csv `counted_by`, reported_totals.csv `who_said` of the counts charted).

`status` says how far to trust a row: `attested` (a name spelled as the cited page
spells it, from NAMES_GLOSSARY), `draft` (the desk's translation, pending native
review), `reviewed` (a draft the language's reviewer has checked) or `unconfirmed` (no
published spelling found: `text` stays empty and the label cannot be shown; never guess a
person's name). A label with no usable row stops a render in that language (MissingLabel,
a DeskError: exit 2); `python -m helpers.i18n labels` (part of `make validate`) lists
every such label per language and where to add it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from helpers import data, paths
from helpers.data import Problem
from helpers.errors import DataError
from helpers.i18n import publishers
from helpers.i18n.catalogs import MissingTranslation
from helpers.i18n.languages import LANGUAGES, TRANSLATED, Language

RESOURCE = "label_translations"
FILE = "data/label_translations.csv"
ATTESTED, DRAFT, REVIEWED, UNCONFIRMED = "attested", "draft", "reviewed", "unconfirmed"
KINDS = ("milestone", "short", "person", "jurisdiction", "publisher", "outlet", "counted_by")
PEOPLE = "people"        # the dataset of people's names (data/people.csv), which person labels translate
OPTIONAL = ("outlet",)   # kinds whose rows only add a language's own form of a name


class MissingLabel(MissingTranslation):
    """A data label a figure shows has no usable translation in the language."""


@dataclass(frozen=True)
class Missing:
    label_id: str
    english: str
    language: str
    reason: str
    shown_on_charts: bool

    def __str__(self) -> str:
        where = "" if self.shown_on_charts else " [tables only]"
        return f'{self.label_id} "{self.english}"{where}: {self.reason}'


def notable_names(cell: str | None) -> list[str]:
    """The names of a releases.csv notable_people cell ("A; B")."""
    return [name for name in (cell or "").split("; ") if name]


def counted_by_values(rows: dict[str, list[dict]]) -> set[str]:
    """Who counted: prisoner_counts.csv `counted_by`, and `who_said` of the newly-recognised totals."""
    return ({row["counted_by"] for row in rows["prisoner_counts"] if row["counted_by"]}
            | {row["who_said"] for row in rows["reported_totals"]
               if row["measure"] == "newly_recognised" and row["who_said"]})


def english_labels(rows: dict[str, list[dict]]) -> dict[str, tuple[str, bool]]:
    """label_id -> (English text, shown on charts) for every label a language must translate."""
    found: dict[str, tuple[str, bool]] = {}
    for row in rows["milestones"]:
        # priority 3 milestones appear in tables only (see helpers.figures.cumulative_releases)
        found[f"milestone:{row['milestone_id']}"] = (row["label"], row["priority"] <= 2)
        if row.get("short_label"):
            found[f"short:{row['milestone_id']}"] = (row["short_label"], row["priority"] <= 2)
    for value in data.enum("sanctions", "jurisdiction"):
        found[f"jurisdiction:{value}"] = (value, True)
    named = {name for row in rows["releases"] for name in notable_names(row["notable_people"])}
    for row in rows[PEOPLE]:
        found[f"person:{row['person_id']}"] = (row["name"], row["name"] in named)
    for value in sorted({row["source_publisher"] for name, table in rows.items() if name != RESOURCE
                         for row in table if row.get("source_publisher")}):
        if publishers.needs_row(value):
            found[f"publisher:{value}"] = (value, True)
    for value in sorted(counted_by_values(rows)):
        found[f"counted_by:{value}"] = (value, True)
    return found


def unknown_people(rows: dict[str, list[dict]]) -> list[Problem]:
    """Names in releases.csv notable_people that people.csv does not list (a translated edition
    could not show them): one problem per cell and name."""
    known = {row["name"] for row in rows[PEOPLE]}
    problems = []
    for line, row in enumerate(rows["releases"], start=2):
        for name in notable_names(row["notable_people"]):
            if name not in known and name.split(" (")[0] not in known:
                problems.append(Problem("data/releases.csv", line, "notable_people",
                                        f'"{name}" is not a name in data/people.csv: add a row for the person '
                                        "there (and their spellings to data/label_translations.csv), or correct "
                                        "the name"))
    return problems


def split_id(translation_id: str) -> tuple[str, str]:
    """"milestone:M011/be" -> ("milestone:M011", "be")."""
    label_id, _, code = translation_id.rpartition("/")
    return label_id, code


def check(rows: dict[str, list[dict]]) -> list[Problem]:
    """Rules the data package cannot express: known ids and languages, and status vs text."""
    known = english_labels(rows)
    optional_values = {f"outlet:{name}" for resource, table in rows.items() if resource != RESOURCE for row in table
                       for name in publishers.names(row.get("source_publisher") or "")}
    problems = unknown_people(rows)
    for line, row in enumerate(rows[RESOURCE], start=2):
        def problem(column, message):
            problems.append(Problem(FILE, line, column, message))
        label_id, code = split_id(row["translation_id"])
        if label_id not in known and not (label_id.startswith("outlet:") and label_id in optional_values):
            problem("translation_id", f"{label_id!r} names no label of data/ (expected e.g. milestone:M011/be, "
                                      "short:M011/be, person:P040/pl, jurisdiction:EU/lt, publisher:<a "
                                      "source_publisher value>/ru, outlet:<a publisher's name>/uk, "
                                      "counted_by:<a counted_by value>/pl)")
        if code not in TRANSLATED:
            problem("translation_id", f"{code!r} is not a translated language ({', '.join(TRANSLATED)}; "
                                      "a new language needs its record in helpers/i18n/languages.py first)")
        text = row["text"] or ""
        if row["status"] == UNCONFIRMED and text:
            problem("text", "must be empty when status is unconfirmed (an unconfirmed name is never shown)")
        if row["status"] in (ATTESTED, DRAFT, REVIEWED) and not text:
            problem("text", f"is empty but status is {row['status']} (use unconfirmed when no source gives it)")
        if row["status"] == ATTESTED and not row["source_url"]:
            problem("source_url", "is required when status is attested (the page the spelling comes from)")
    return problems


@dataclass(frozen=True)
class LabelTable:
    """The translated labels of one language, with the English they translate."""

    language: Language
    rows: dict[str, dict]                   # label_id -> row of label_translations.csv
    english: dict[str, tuple[str, bool]]     # label_id -> (English, shown on charts)
    people_ids: dict[str, str]               # English name -> person_id

    def missing(self, label_id: str) -> str | None:
        """Why a label cannot be shown in this language, or None when it can."""
        row = self.rows.get(label_id)
        code = self.language.code
        if row is None:
            if label_id.startswith("person:"):
                return (f"no {code} row: add `{label_id}/{code},<name>,attested,<source_url>,...` to {FILE} "
                        "with the page that spells the name (never guess a name)")
            return f"no {code} row: add `{label_id}/{code},<text>,draft,...` to {FILE}"
        if row["status"] == UNCONFIRMED:
            return (f"marked unconfirmed in {FILE} ({row['notes'] or 'no source found'}): "
                    "find a published source, then fill text, status and source_url")
        return None

    def text(self, kind: str, key: str, english: str) -> str:
        if self.language.code not in TRANSLATED:
            return english
        label_id = f"{kind}:{key}"
        why = self.missing(label_id)
        if why:
            raise MissingLabel(f'no {self.language.english_name} ({self.language.code}) text for {label_id} '
                               f'"{english}": {why}')
        return self.rows[label_id]["text"]

    def optional_text(self, kind: str, key: str, english: str) -> str | None:
        """The label, or None when no published source gives it in the language (a row marked
        unconfirmed, or a person with no row: a name is never guessed). The figure then leaves the
        label out and says how many it left out. A milestone or lane with no row still raises
        MissingLabel: the desk can draft those."""
        if self.language.code not in TRANSLATED:
            return english
        label_id = f"{kind}:{key}"
        row = self.rows.get(label_id)
        if (row is None and kind == "person") or (row is not None and row["status"] == UNCONFIRMED):
            return None
        return self.text(kind, key, english)

    def spelled_people(self, names: str | None) -> tuple[list[tuple[str, str]], int]:
        """A notable_people cell's names the language can spell, as (person_id, name in the
        language), and how many it cannot (no attested spelling: a name is never guessed).
        A name people.csv does not list is a DataError in a translated language (the checks before
        a render catch it); English shows the cell's names as they are."""
        if self.language.code not in TRANSLATED:
            return [(self.people_ids.get(name, ""), name) for name in notable_names(names)], 0
        shown, left_out = [], 0
        for name in notable_names(names):
            # a cell may add another spelling in brackets: "Maria Kalesnikava (Kolesnikova)"
            key = name if name in self.people_ids else name.split(" (")[0]
            if key not in self.people_ids:
                raise DataError(f'"{name}" in releases.csv notable_people is not a name in data/people.csv')
            text = self.optional_text("person", self.people_ids[key], key)
            if text is None:
                left_out += 1
            else:
                shown.append((self.people_ids[key], text))
        return shown, left_out

    def value_text(self, kind: str, value: str) -> str | None:
        """The row of a label keyed by its English value (publisher, outlet, counted_by), or None."""
        if self.language.code not in TRANSLATED:
            return value
        row = self.rows.get(f"{kind}:{value}")
        return row["text"] if row and row["status"] != UNCONFIRMED and row["text"] else None


@functools.lru_cache(maxsize=8)
def _tables(data_dir: Path, mtime: float) -> dict[str, LabelTable]:
    rows, problems = data.validated_rows(data_dir)
    problems = problems or check(rows)
    if problems:
        raise DataError(f"The data has {len(problems)} problem(s); nothing was rendered.", [str(p) for p in problems])
    english = english_labels(rows)
    people_ids = {row["name"]: row["person_id"] for row in rows[PEOPLE]}
    tables = {}
    for code, lang in LANGUAGES.items():
        mine = {split_id(row["translation_id"])[0]: row for row in rows[RESOURCE]
                if split_id(row["translation_id"])[1] == code}
        tables[code] = LabelTable(lang, mine, english, people_ids)
    return tables


def label_table(lang: Language, data_dir: Path | None = None) -> LabelTable:
    """The language's labels; DataError when any data file breaks its contract."""
    data_dir = Path(data_dir or paths.data_dir())
    path = data_dir / "label_translations.csv"
    return _tables(data_dir, path.stat().st_mtime if path.exists() else 0.0)[lang.code]


def missing_labels(data_dir: Path | None = None) -> dict[str, list[Missing]]:
    """Per translated language, every label it cannot show yet, with the reason and the fix."""
    report: dict[str, list[Missing]] = {}
    for code in TRANSLATED:
        table = label_table(LANGUAGES[code], data_dir)
        report[code] = [Missing(label_id, english, code, why, shown)
                        for label_id, (english, shown) in table.english.items()
                        if (why := table.missing(label_id))]
    return report


def report(data_dir: Path | None = None) -> str:
    lines = [f"Data labels ({FILE}):"]
    for code, missing in missing_labels(data_dir).items():
        lang = LANGUAGES[code]
        on_charts = sum(m.shown_on_charts for m in missing)
        if not missing:
            lines.append(f"  {lang.english_name} ({code}): every label translated.")
            continue
        lines.append(f"  {lang.english_name} ({code}): {len(missing)} label(s) missing, "
                     f"{on_charts} of them shown on charts:")
        lines += [f"    {m}" for m in sorted(missing, key=lambda m: (not m.shown_on_charts, m.label_id))]
    return "\n".join(lines)
