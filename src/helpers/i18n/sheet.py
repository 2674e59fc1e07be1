"""The reviewer's sheet: `make review-sheet` writes output/review/<code>.html, one page per
translated language, for a native editor to review the language in one sitting.

Each catalog message and each data label is a row: its English source, the translation (every
plural form, named by its CLDR category), its status, the translator's notes, and a thumbnail
of every published figure it appears in (the figures' metadata list the messages and labels
their words came from: kit.Figure.messages). The page says how to record a sign-off: the
reviewer's name and date go in the language's record (helpers/i18n/languages.py); until then
the render log, the manifest and the site say "draft". The pages are self-contained (the
thumbnails are inlined), so the site copies them as they are (output/site/review/).
"""

from __future__ import annotations

import base64
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path

from helpers import paths
from helpers.i18n import catalogs
from helpers.i18n.labels import label_table
from helpers.i18n.languages import LANGUAGES, REVIEWED, TRANSLATED, Language

FOLDER = "review"
THUMB_WIDTH = 180       # px, the thumbnails' width


@dataclass
class Row:
    key: str                   # "context|msgid" or "label|<label id>": what figures' metadata list
    context: str
    english: list[str]         # the msgid (and msgid_plural)
    translation: list[tuple[str, str]]   # (CLDR category or "", text)
    status: str
    notes: str = ""
    figures: list[str] = field(default_factory=list)   # edition names


def _message_rows(lang: Language, root: Path) -> list[Row]:
    catalog = catalogs.read_catalog(lang, root / "locale")
    categories = catalogs.plural_categories(lang)
    rows = []
    for message in catalog:
        if not message.id:
            continue
        ids = list(message.id) if isinstance(message.id, (tuple, list)) else [message.id]
        forms = list(message.string) if isinstance(message.string, (tuple, list)) else [message.string]
        named = list(zip(categories, forms)) if len(ids) > 1 else [("", forms[0])]
        status = ("fuzzy: check it" if message.fuzzy else "missing" if not all(forms) else
                  f"reviewed by {lang.reviewer}" if lang.status == REVIEWED else "draft")
        rows.append(Row(f"{message.context or ''}|{ids[0]}", message.context or "", ids, named, status,
                        " ".join(message.auto_comments)))
    return rows


def _label_rows(lang: Language, root: Path) -> list[Row]:
    table = label_table(lang, root / "data")
    rows = []
    for label_id, (english, shown) in sorted(table.english.items()):
        row = table.rows.get(label_id)
        status = row["status"] if row else "missing: no row"
        rows.append(Row(f"label|{label_id}", label_id, [english], [("", row["text"] if row else "")],
                        status + ("" if shown else " (tables only)"), row["notes"] if row else ""))
    for label_id, row in sorted(table.rows.items()):
        if label_id.startswith("outlet:"):
            rows.append(Row(f"label|{label_id}", label_id, [label_id.split(":", 1)[1]], [("", row["text"])],
                            row["status"], row["notes"]))
    return rows


def _thumbnail(png: Path) -> str:
    """The published PNG, shrunk, as a data: URI (the page stays one file)."""
    from PIL import Image

    with Image.open(png) as image:
        image.thumbnail((THUMB_WIDTH, THUMB_WIDTH * 4))
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _figures(output: Path, code: str) -> dict[str, dict]:
    """Published editions in the language: edition -> {title, layout, messages, thumbnail}."""
    from helpers.changes import read_metadata
    from helpers.site.collect import published_editions

    found = {}
    for edition in published_editions(output):
        for meta in read_metadata(output / edition):
            if meta.get("language") != code:
                continue
            png = output / edition / f"{meta['figure']}.png"
            found[edition] = {"title": meta.get("title") or edition, "layout": meta.get("layout", ""),
                              "messages": set(meta.get("messages") or []), "number": len(found) + 1,
                              "thumbnail": _thumbnail(png) if png.is_file() else ""}
    return found


def sheet(code: str, root: Path | None = None, output: Path | None = None) -> str:
    """The reviewer's sheet of one language, as HTML."""
    from helpers.site.build import environment

    root = Path(root or paths.project_root())
    output = Path(output or root / "output")
    lang = LANGUAGES[code]
    figures = _figures(output, code)
    messages, data_labels = _message_rows(lang, root), _label_rows(lang, root)
    for row in messages + data_labels:
        row.figures = [edition for edition, meta in figures.items() if row.key in meta["messages"]]
    return environment("en").get_template("review.html").render(
        language=lang, messages=messages, labels=data_labels, figures=figures,
        po=catalogs.shown(catalogs.po_path(lang, root / "locale")))


def write(root: Path | None = None, output: Path | None = None) -> list[Path]:
    """output/review/<code>.html for every translated language."""
    root = Path(root or paths.project_root())
    output = Path(output or root / "output")
    folder = output / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for code in TRANSLATED:
        path = folder / f"{code}.html"
        path.write_text(sheet(code, root, output), encoding="utf-8")
        written.append(path)
    return written


def main() -> int:
    """`make review-sheet`."""
    from helpers.errors import DeskError

    try:
        written = write()
    except DeskError as err:
        print(err, file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {catalogs.shown(path)}")
    print("The site links them after its next build (make site).")
    return 0
