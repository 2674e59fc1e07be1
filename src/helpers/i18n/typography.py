"""How a language sets its text: a record of data beside each Language, applied in one place.

The Translator passes every message it returns through `Typography.text()` after the
translation is filled in, and every title through `Typography.headline()` as well, so no
figure builder branches on a language. What a record holds (each field empty for English):

- `nbsp_after`: one-letter words that must not end a line (pl "w", "z"; ru "в", "с"…): the
  space after them becomes a no-break space (U+00A0).
- `nbsp_numbers`: a number stays on the line of the word after it ("865 žmonės", "2025 m.")
  and of the word before it ("з мая 2024", "і яшчэ 4").
- `euphony`: sound alternations at the joins of a message and its values, which a catalog
  cannot know (be у/ў after a vowel, з/са before "ст", "сн"…; uk і/й, у/в; pl w/we):
  (regular expression, replacement) pairs, applied in order.
- `nbsp_before`: marks that must not start a line (uk "—": "Сірі точки — …"): the space
  before them becomes a no-break space.
- `keep_together`: names set on one line ("Belarus Releases Desk", "CC BY 4.0"): their
  inner spaces become no-break spaces.
- `headline`: replacements for titles only: "2024 г." -> "2024 года", "2024 р." -> "2024 року".
- `patterns`: CLDR date patterns where the language's newspapers differ from CLDR, by
  skeleton ("yMMMM": be adds "г."; pl adds "r.").
- `axis_pattern`, `axis_months`: how a month tick on a time axis reads ("студз. 2025",
  "2025 saus.", "июль 2024"), where CLDR's short pattern or abbreviations are not what the
  press prints.
- `month_cases`: month names in a case CLDR lacks, for "{month:locative}" in a catalog
  ("в июне", "w czerwcu").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NBSP = "\u00a0"
SPACES = " \u00a0\u202f"
_LETTER = r"[^\W\d_]"


@dataclass(frozen=True)
class Typography:
    nbsp_after: tuple[str, ...] = ()
    nbsp_numbers: bool = False
    euphony: tuple[tuple[str, str], ...] = ()
    nbsp_before: tuple[str, ...] = ()
    keep_together: tuple[str, ...] = ()
    headline: tuple[tuple[str, str], ...] = ()
    patterns: tuple[tuple[str, str], ...] = ()
    axis_pattern: str = ""
    axis_months: tuple[str, ...] = ()
    month_cases: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def text(self, value: str) -> str:
        """A translated message as the language sets it: alternations, then no-break spaces."""
        for pattern, replacement in self.euphony:
            value = re.sub(pattern, replacement, value)
        for name in self.keep_together:
            value = value.replace(name, name.replace(" ", NBSP))
        if self.nbsp_before:
            marks = "|".join(re.escape(m) for m in self.nbsp_before)
            value = re.sub(rf" (?=(?:{marks})(?:\s|$))", NBSP, value)
        if self.nbsp_after:
            words = "|".join(re.escape(w) for w in self.nbsp_after)
            value = re.sub(rf"(?<![\w])((?i:{words})) ", rf"\1{NBSP}", value)
        if self.nbsp_numbers:
            value = re.sub(rf"(?<=\d) (?={_LETTER})", NBSP, value)
            value = re.sub(rf"(?<={_LETTER}) (?=[+\-−]?\d)", NBSP, value)
        return value

    def title(self, value: str) -> str:
        """A title: the text rules, then the headline forms ("года", "року"), then the text rules
        again, since a written-out year word ends in a vowel the abbreviation did not: "2024 г. у
        Беларусі" becomes "2024 года ў Беларусі" (be), "2024 р. у Києві" "2024 року в Києві" (uk)."""
        value = self.text(value)
        for pattern, replacement in self.headline:
            value = re.sub(pattern, replacement, value)
        return self.text(value)

    def pattern(self, skeleton: str) -> str | None:
        return dict(self.patterns).get(skeleton)

    def month_case(self, case: str) -> tuple[str, ...] | None:
        return dict(self.month_cases).get(case)


def year_word(abbreviation: str, word: str) -> tuple[str, str]:
    """A headline rule: the abbreviation after a year ("2024 г.") written out ("2024 года")."""
    return (rf"(\d{{4}})[{SPACES}]{re.escape(abbreviation)}", rf"\1{NBSP}{word}")


SPACE = "[ \u00a0]"      # a join may already carry a no-break space (after "у", before "2025")


def vowel_then(word: str, replacement: str, vowels: str, following: str = r"\S",
               closing: str = "") -> tuple[str, str]:
    """An alternation rule: the one-word `word` after a word ending in one of `vowels` (no pause
    between them) becomes `replacement`, when the next word starts with `following`. `closing`:
    quotation marks that may stand between the vowel and the space («…правда» й ще 14)."""
    between = f"[{re.escape(closing)}]?" if closing else ""
    return (rf"(?<=[{vowels}])({between}{SPACE}){word}(?={SPACE}{following})", rf"\g<1>{replacement}")


def consonant_then(word: str, replacement: str, vowels: str, following: str = r"\S") -> tuple[str, str]:
    """The reverse rule: after a word ending in a consonant (a letter that is not in `vowels`)."""
    return (rf"(?<=[^\W\d_{vowels}])({SPACE}){word}(?={SPACE}{following})", rf"\g<1>{replacement}")
