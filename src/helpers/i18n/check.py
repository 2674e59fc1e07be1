"""Every translation a render will need, checked before any kernel starts (and by `make validate`).

A kernel that meets a missing translation fails its edition (MissingTranslation, MissingLabel),
while the other editions publish: the languages would drift apart. So the render asks first:
- every message of locale/desk.pot (the template `make translations` extracts from the
  code) has a translation in each language the render needs: no empty msgstr, no empty
  plural form, nothing fuzzy, the same placeholders as the English;
- every data label a chart shows has a row in data/label_translations.csv for each of those
  languages (a name may be `unconfirmed`: the figure counts it instead of naming it), and
  every name in releases.csv notable_people is a person of data/people.csv.
Each problem is one sentence naming the string or label, the language and the file to edit.
"""

from __future__ import annotations

import functools
import string
from pathlib import Path

from babel.messages.pofile import read_po

from helpers import data, paths
from helpers.i18n import catalogs, labels
from helpers.i18n.languages import LANGUAGES, SOURCE_LANGUAGE

TEMPLATE = Path("locale") / f"{catalogs.DOMAIN}.pot"


def _placeholders(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:
        return {"(a brace that does not close)"}


@functools.lru_cache(maxsize=8)
def _template(path: Path, mtime: float):
    with path.open("rb") as handle:
        return [message for message in read_po(handle) if message.id]


def catalog_problems(code: str, root: Path) -> list[str]:
    """What the language's catalog lacks of the template, one sentence each."""
    lang = LANGUAGES[code]
    template_path = root / TEMPLATE
    where = catalogs.shown(catalogs.po_path(lang, root / "locale"))
    try:
        catalog = catalogs.read_catalog(lang, root / "locale")
    except catalogs.MissingTranslation as err:
        return [str(err)]
    found = []
    for message in _template(template_path, template_path.stat().st_mtime):
        msgid = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
        context = f' (context "{message.context}")' if message.context else ""
        entry = catalog.get(message.id if isinstance(message.id, str) else message.id[0], context=message.context)
        forms = entry.string if entry is not None and isinstance(entry.string, (tuple, list)) else \
            ((entry.string,) if entry is not None else ())
        if entry is None:
            why = "the string is not in the catalog (run `make translations`)"
        elif entry.fuzzy:
            why = "the translation is marked fuzzy (check it, then delete the '#, fuzzy' line)"
        elif not forms or not all(forms):
            why = "its msgstr is empty" if len(forms) <= 1 else "a plural form (msgstr[…]) is empty"
        elif any(_placeholders(form) != _placeholders(msgid) for form in forms):
            why = f"its placeholders differ from the English ({', '.join(sorted(_placeholders(msgid))) or 'none'})"
        else:
            continue
        found.append(f'{lang.english_name} ({code}): "{msgid}"{context}: {why}; edit {where}')
    return found


def label_problems(codes: set[str], data_dir: Path) -> list[str]:
    """Data labels a chart would stop on in these languages, and names people.csv lacks."""
    rows, problems = data.validated_rows(data_dir)
    if problems:
        return []            # the data checks report those, before this one runs
    found = [str(problem) for problem in labels.check(rows)]
    if found:
        return found
    for code, missing in labels.missing_labels(data_dir).items():
        if code not in codes:
            continue
        lang = LANGUAGES[code]
        for item in missing:
            kind = item.label_id.split(":")[0]
            if item.shown_on_charts and kind not in ("person", *labels.OPTIONAL) and "unconfirmed" not in item.reason:
                found.append(f"{lang.english_name} ({code}): {item}")
    return found


def missing_translations(codes, root: Path | None = None) -> list[str]:
    """Every translation a render in these languages would miss, one sentence each ([] if none)."""
    root = Path(root or paths.project_root())
    wanted = {code for code in codes if code != SOURCE_LANGUAGE}
    found = [problem for code in sorted(wanted, key=list(LANGUAGES).index) for problem in catalog_problems(code, root)]
    return found + (label_problems(wanted, root / "data") if wanted else [])


def main() -> int:
    """`make validate` (python -m helpers.i18n labels): the data labels still missing per language,
    then every translation a render would stop on; exit 2 when there is one, else 0."""
    import sys

    from helpers.errors import DataError

    try:
        print(labels.report())
        stopping = missing_translations(LANGUAGES)
    except DataError as err:
        print(err, file=sys.stderr)
        return 2
    if stopping:
        print(f"\n{len(stopping)} translation(s) a render would stop on:", file=sys.stderr)
        print("\n".join(f"  {problem}" for problem in stopping), file=sys.stderr)
        return 2
    print("\nEvery message and chart label has a translation in every language.")
    return 0
