"""`make translations`: extract the chrome strings, update every catalog, list what is missing.

1. Extract: every `_()`, `gettext()`, `ngettext()`, `pgettext()`, `phrase()`, `nphrase()`,
   `N_()` and `Nn_()` call
   under src/helpers (mapping in babel.cfg) becomes an entry of locale/desk.pot.
2. Update: each language's locale/<code>/LC_MESSAGES/desk.po gains the new strings
   (empty, or fuzzy when Babel finds a similar old one) and keeps the old ones as
   obsolete `#~` entries; its header gets the CLDR plural rule and the review status
   from helpers/i18n/languages.py. A missing catalog is created.
3. Report, per language: strings untranslated or fuzzy, and data labels missing from
   data/label_translations.csv. Exit status 0: missing translations stop a render in
   that language (exit 2), not this command.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import write_po

from helpers import paths
from helpers.i18n import catalogs, labels
from helpers.i18n.languages import LANGUAGES, TRANSLATED, Language

KEYWORDS = {**DEFAULT_KEYWORDS, "Nn_": (1, 2), "pN_": ((1, "c"), 2), "phrase": None, "nphrase": (1, 2),
            "pphrase": ((1, "c"), 2), "npphrase": ((1, "c"), 2, 3)}
COMMENT_TAG = "TRANSLATORS:"
PROJECT = "belarus-releases-desk"
# Fixed so that re-running `make translations` without new strings changes no file.
EPOCH = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)


def header_comment(lang: Language) -> str:
    review = (f"Reviewed by {lang.reviewer} on {lang.reviewed_on}." if lang.status == "reviewed" else
              "DRAFT translations, written by the desk and pending review by a native speaker:\n"
              "# do not treat them as checked. Names of people follow NAMES_GLOSSARY.md.")
    order = ", ".join(f"msgstr[{i}] = {tag}" for i, tag in enumerate(catalogs.plural_categories(lang)))
    reviews = "".join(f"# Read, not signed off: {text}.\n" for text in lang.reviews)
    return (f"# {lang.english_name} ({lang.native_name}) translations of the desk's chart chrome.\n"
            f"# The English text (msgid) is the source. Review status: {lang.status}.\n"
            f"# {review}\n" + reviews +
            f"# Plural forms follow CLDR: {order}.\n"
            "# Edit msgstr lines only, then run `make translations` and `make test`.\n#")


def extract(root: Path | None = None) -> Catalog:
    """The template: every translatable string in src/helpers, with translator comments."""
    root = Path(root or paths.project_root())
    with (root / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    template = Catalog(project=PROJECT, fuzzy=False, creation_date=EPOCH)
    for filename, lineno, message, comments, context in extract_from_dir(
            str(root), method_map, options_map, keywords=KEYWORDS,
            comment_tags=(COMMENT_TAG,), strip_comment_tags=True):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def _set_headers(catalog: Catalog, lang: Language) -> None:
    """Plural rule (CLDR via Babel) and review status, both from the language registry."""
    catalog.header_comment = header_comment(lang)
    headers = [(k, v) for k, v in catalog.mime_headers if k.lower() != "plural-forms"]
    headers.append(("Plural-Forms", catalogs.plural_forms_header(lang)))
    catalog.mime_headers = headers
    # Babel writes only the standard headers, so the review status goes in these two.
    catalog.last_translator = (f"reviewed by {lang.reviewer}" if lang.status == "reviewed"
                               else "DRAFT by the desk, not yet reviewed by a native speaker")
    catalog.language_team = f"{lang.english_name}, review status: {lang.status}"
    catalog.version = "1"
    catalog.creation_date = catalog.revision_date = EPOCH
    catalog.fuzzy = False


def render_po(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True, include_lineno=False)
    return out.getvalue()


def updated_catalog(lang: Language, template: Catalog, root: Path | None = None) -> Catalog:
    path = catalogs.po_path(lang, root)
    if path.is_file():
        catalog = catalogs.read_catalog(lang, root)
    else:
        catalog = Catalog(locale=lang.babel_locale, domain=catalogs.DOMAIN, project=PROJECT, fuzzy=False)
    catalog.locale = lang.babel_locale
    catalog.update(template, update_creation_date=False)
    _set_headers(catalog, lang)
    return catalog


def untranslated(catalog: Catalog) -> list[str]:
    """Entries a render in this language would stop on: empty msgstr (any form) or fuzzy."""
    missing = []
    for message in catalog:
        if not message.id:
            continue
        forms = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        if message.fuzzy or not all(forms):
            key = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
            missing.append(f'"{key}"' + (" (fuzzy: check it, then delete the '#, fuzzy' line)" if message.fuzzy else ""))
    return missing


def main(argv: list[str] | None = None) -> int:
    root = paths.project_root()
    template = extract(root)
    (root / "locale").mkdir(exist_ok=True)
    (root / "locale" / f"{catalogs.DOMAIN}.pot").write_bytes(render_po(template))
    print(f"Extracted {len(template)} strings from src/helpers into locale/{catalogs.DOMAIN}.pot.")
    for code in TRANSLATED:
        lang = LANGUAGES[code]
        catalog = updated_catalog(lang, template, root / "locale")
        path = catalogs.po_path(lang, root / "locale")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render_po(catalog))
        missing = untranslated(catalog)
        print(f"\n{lang.english_name} ({code}, {lang.status}): {catalogs.shown(path)}: "
              + (f"{len(missing)} of {len(template)} strings need a translation:" if missing else
                 f"all {len(template)} strings translated."))
        for item in missing:
            print(f"  {item}")
    print()
    print(labels.report())
    return 0

