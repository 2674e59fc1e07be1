"""Who published a source, as a translated edition says it: names as published, the words
around them in the language.

A `source_publisher` value is a name with, often, how the page reached the desk: "AP via
KYMA", "Babel (citing Viasna)", "Osler (law firm)". In a translated edition:
- a name stays as published, or takes the language's own form where
  data/label_translations.csv has an `outlet:` row (Viasna -> «Вясна», „Wiasna”; Ukrainska
  Pravda -> «Українська правда»);
- "via" and "citing" come from the catalog (msgctxt "publisher"), so "AP via KYMA" and
  "Babel (citing Viasna)" need no row of their own;
- any other words ("law firm", "Federal Register mirror", "English Section") need a
  `publisher:` row giving the whole value in the language; `make validate` and the checks
  before a render list the values still without one.
English shows every value unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that are part of a name, not a description, though written in lower case.
NAME_WORDS = {"of", "for", "and", "the"}
ENGLISH_WORDS = {"English", "Section", "Government", "Embassy", "Ukrainian", "Lithuanian", "MFA", "Court", "Journal",
                 "Official", "Federal", "Register", "Council", "Notice", "Exporters", "Arabic", "Kenya"}


@dataclass(frozen=True)
class Credit:
    """A publisher value taken apart: "AP via KYMA" -> Credit("AP", "via", "KYMA")."""

    name: str
    relation: str = ""     # "", "via" or "citing"
    other: str = ""


def parse(value: str) -> Credit:
    value = value.strip()
    bracketed = re.fullmatch(r"(.+?) \((via|citing) ([^()]+)\)", value)
    if bracketed:
        return Credit(*bracketed.groups())
    plain = re.fullmatch(r"([^()]+?|[^()]+\([^()]+\)) via ([^()]+(?: \([^()]+\))?)", value)
    if plain:
        return Credit(plain.group(1), "via", plain.group(2))
    return Credit(value)


def _is_name(text: str) -> bool:
    """A name as published: no lower-case word (web addresses aside) and no English descriptor."""
    for word in re.findall(r"[^\s/(),;&]+", text):
        if "." in word.strip(".") or any(c.isdigit() for c in word):
            continue                       # a web address (nn.by, Babel.ua) or a number
        if word in NAME_WORDS:
            continue
        if word[0].islower() or word in ENGLISH_WORDS:
            return False
    return True


def needs_row(value: str) -> bool:
    """Does a translated edition need a `publisher:` row for this value (words beyond names,
    "via" and "citing")?"""
    credit = parse(value)
    return not (_is_name(credit.name) and (not credit.other or _is_name(credit.other)))


def names(value: str) -> list[str]:
    """The names in a publisher value an `outlet:` row may give a form for ("Nasha Niva (nn.by)"
    -> "Nasha Niva (nn.by)", "Nasha Niva")."""
    credit = parse(value)
    found = []
    for part in (credit.name, credit.other):
        if part:
            found += [part, part.split(" (")[0]]
    return list(dict.fromkeys(found))
