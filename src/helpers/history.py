"""The changes history: the change review of every publication that changed something, newest first.

output/changes.json holds only the latest render's review; output/changes-history.json keeps every
review that changed an edition (a render that changed nothing adds no entry), so an editor can see
what readers saw change, day after day. The site carries it (and an Atom feed made from it), so
the next render, on any machine, continues it (helpers.render.previous).

The file: {"id": "urn:uuid:…", "publications": [entry, …]}; the id names the history itself (the
Atom feed's id) and each entry has its own: {"id": "urn:uuid:…", "date", "summary", "changed":
[edition names], "editions": {name: that edition's review}}. Ids are given once and never change.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

HISTORY = "changes-history.json"


class HistoryDamaged(ValueError):
    """The history file exists but is not a changes history."""


def new() -> dict:
    return {"id": f"urn:uuid:{uuid.uuid4()}", "publications": []}


def parse(text: str) -> dict:
    """A changes history file's text as {"id", "publications"}; HistoryDamaged when it is not one."""
    try:
        document = json.loads(text)
    except ValueError as err:
        raise HistoryDamaged(f"it is not valid JSON ({err})") from None
    entries = document.get("publications") if isinstance(document, dict) else None
    if not isinstance(document.get("id") if isinstance(document, dict) else None, str) \
            or not isinstance(entries, list) or not all(
            isinstance(e, dict) and isinstance(e.get("id"), str) and isinstance(e.get("date"), str)
            and isinstance(e.get("summary"), str) and isinstance(e.get("editions"), dict) for e in entries):
        raise HistoryDamaged('it is not a changes history (expected {"id", "publications": [{"id", "date", '
                             '"summary", "editions"}, …]})')
    return {"id": document["id"], "publications": entries}


def read(folder: Path) -> dict | None:
    """The history kept in a folder (output/ or a built site); None when there is none yet."""
    path = Path(folder) / HISTORY
    if not path.is_file():
        return None
    return parse(path.read_text(encoding="utf-8"))


def write(folder: Path, document: dict) -> None:
    """Replace the history atomically (readers see the old file or the new one)."""
    path = Path(folder) / HISTORY
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def record(output: Path, result: dict, reporter) -> dict | None:
    """Add a render's review (helpers.changes.review) to output/'s history when it changed an edition;
    returns the new entry, or None when nothing changed. A damaged history file (only a hand edit can
    damage it: a previous publication's is checked when it is taken in) is kept beside as
    changes-history.json.damaged, and the log says so."""
    if not result.get("changed"):
        return None
    try:
        document = read(output) or new()
    except HistoryDamaged as err:
        kept = Path(output) / f"{HISTORY}.damaged"
        os.replace(Path(output) / HISTORY, kept)
        reporter.line(f"warning: {Path(output) / HISTORY} could not be read ({err}), so the changes history "
                      f"starts again with this render; the damaged file is kept as {kept}")
        document = new()
    entry = {"id": f"urn:uuid:{uuid.uuid4()}", "date": result["date"], "summary": result["summary"],
             "changed": list(result["changed"]),
             "editions": {name: result["editions"][name] for name in result["changed"]}}
    write(output, {**document, "publications": [entry, *document["publications"]]})
    return entry
