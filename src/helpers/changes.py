"""What a render changed: each re-rendered edition compared with the version it replaced.

Only published files are read (nothing is re-computed): the figure metadata (<slug>.json:
title, alt text, key numbers), the get-the-data CSVs (rows added, removed, changed, keyed
by the id column its story declares, helpers.stories), the claims ledger's verdicts (the
table of the story that is the ledger), and every file's bytes. Editions come in the order
of their stories. The result is written for editors as output/CHANGES.md
and for machines as output/changes.json, and each changed edition gets one log line.

Every published file is compared byte for byte (a render of the same inputs publishes the same
bytes: helpers.render.executed, export.deterministic_pdf), except the executed notebook
(notebook.ipynb), the record of how the figure was made rather than something readers see.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from pathlib import Path

from helpers import stories
from helpers.wording import compact, sentence_changes

CHANGES_MD = "CHANGES.md"
CHANGES_JSON = "changes.json"
RUN_RECORD = {"notebook.ipynb"}      # the executed notebook: a record of the run, not published content
EXAMPLE_ROWS = 5                     # changed rows spelled out per CSV; the rest are counted
LOCALIZED = ".localized.csv"         # the same rows with headers in the figure's language: compared as a file only


# ------------------------------------------------------------------ reading a published folder

def read_metadata(folder: Path) -> list[dict]:
    """Every figure metadata file (<slug>.json with a "figure" key) in an edition folder."""
    found = []
    for path in sorted(folder.glob("*.json")):
        if path.name.endswith(".vl.json"):
            continue
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(document, dict) and "figure" in document:
            found.append(document)
    return found


def read_csv(path: Path) -> tuple[list[str], list[dict]]:
    if not path.is_file():
        return [], []
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    return list(reader.fieldnames or []), list(reader)


def data_tables(folder: Path) -> list[Path]:
    """The get-the-data CSVs of an edition folder (English keys; the localized copies left out)."""
    return sorted(p for p in folder.glob("*.csv") if not p.name.endswith(LOCALIZED))


def story_of(folder: Path) -> stories.Story | None:
    """The story an edition folder's figure belongs to (by its metadata's slug), or None."""
    return next((found for meta in read_metadata(folder) if (found := stories.by_slug(meta.get("figure")))), None)


def claim_rows(folder: Path) -> list[dict]:
    """The claims ledger's rows (claim_id, claim, verdict, publish), if the folder holds the ledger story's table."""
    story = story_of(folder)
    if story is None or not story.ledger:
        return []
    return read_csv(folder / f"{story.slug}.csv")[1]


def files_changed(old: Path | None, new: Path) -> list[str]:
    """Published files added, removed or altered, each as 'name (added|removed|changed)'."""
    def names(folder):
        if folder is None or not folder.is_dir():
            return set()
        return {p.relative_to(folder).as_posix() for p in folder.rglob("*")
                if p.is_file() and p.name not in RUN_RECORD}

    before, after = names(old), names(new)
    lines = [f"{name} (added)" for name in sorted(after - before)]
    lines += [f"{name} (removed)" for name in sorted(before - after)]
    lines += [f"{name} (changed)" for name in sorted(before & after) if (old / name).read_bytes() != (new / name).read_bytes()]
    return sorted(lines)


# ------------------------------------------------------------------ comparing pieces

def _number(value) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def headline_changes(old: dict, new: dict) -> list[str]:
    """Key numbers, title and alt text: 'people freed: 865 → 905'."""
    lines = []
    old_numbers, new_numbers = old.get("key_numbers") or {}, new.get("key_numbers") or {}
    for name in list(new_numbers) + [n for n in old_numbers if n not in new_numbers]:
        before, after = old_numbers.get(name), new_numbers.get(name)
        if before != after:
            lines.append(f"{name}: {_number(before) if before is not None else '(none)'} → "
                         f"{_number(after) if after is not None else '(none)'}")
    for key, label in (("title", "title"), ("subtitle", "subtitle"), ("data_to", "data to")):
        if old.get(key) != new.get(key):
            lines.append(f"{label}: {old.get(key) or '(none)'} → {new.get(key) or '(none)'}")
    lines += [f"alt text: {line}" for line in sentence_changes(old.get("alt_text") or "", new.get("alt_text") or "")]
    return lines


def _row_label(row: dict, key: str | None) -> str:
    label = row.get(key, "") if key else ""
    when = row.get("date")
    return f"{label} ({when})" if label and when else (label or when or "row")


def row_changes(old_path: Path | None, new_path: Path, key: str | None = None) -> dict | None:
    """Rows added, removed and changed in one CSV, keyed by its id column `key` (else whole rows)."""
    old_columns, old_rows = read_csv(old_path) if old_path else ([], [])
    new_columns, new_rows = read_csv(new_path)
    key = key if key in new_columns and key in old_columns else None
    added, removed, changed = [], [], []
    if key:
        before = {row[key]: row for row in old_rows}
        after = {row[key]: row for row in new_rows}
        added = [_row_label(after[k], key) for k in after if k not in before]
        removed = [_row_label(before[k], key) for k in before if k not in after]
        for k in after:
            if k in before and before[k] != after[k]:
                fields = [f"{c} {compact(before[k].get(c) or '', after[k].get(c) or '')}"
                          for c in new_columns if before[k].get(c) != after[k].get(c)]
                changed.append(f"{_row_label(after[k], key)}: {'; '.join(fields)}")
    else:
        as_text = lambda rows: [json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rows]  # noqa: E731
        before, after = as_text(old_rows), as_text(new_rows)
        added = [_row_label(r, None) for r, t in zip(new_rows, after) if t not in before]
        removed = [_row_label(r, None) for r, t in zip(old_rows, before) if t not in after]
    if not (added or removed or changed or old_columns != new_columns):
        return None
    result = {"file": new_path.name, "added": len(added), "removed": len(removed), "changed": len(changed),
              "examples": (changed + [f"added {a}" for a in added] + [f"removed {r}" for r in removed])[:EXAMPLE_ROWS]}
    if old_columns != new_columns:
        result["columns"] = {"before": old_columns, "after": new_columns}
    return result


def claim_verdicts(folder: Path | None) -> dict[str, dict]:
    """{claim_id: {"claim", "verdict"}} from the claims ledger, if the folder holds it."""
    if folder is None:
        return {}
    return {row["claim_id"]: {"claim": row.get("claim", ""), "verdict": row["verdict"]} for row in claim_rows(folder)}


def verdict_changes(old: Path | None, new: Path) -> list[str]:
    before, after = claim_verdicts(old), claim_verdicts(new)
    lines = []
    for claim_id, now in after.items():
        was = before.get(claim_id, {}).get("verdict")
        if was != now["verdict"]:
            lines.append(f"{claim_id} ({now['claim']}): {was or '(new claim)'} → {now['verdict']}")
    lines += [f"{claim_id} ({was['claim']}): {was['verdict']} → (removed)"
              for claim_id, was in before.items() if claim_id not in after]
    return lines


# ------------------------------------------------------------------ one edition, one render

def compare_edition(name: str, old: Path | None, new: Path) -> dict:
    """Everything that changed in one edition; "status" is new, changed or unchanged."""
    new_meta = read_metadata(new)
    first = new_meta[0] if new_meta else {}
    review = {"edition": name, "figure": first.get("figure"), "language": first.get("language"),
              "layout": first.get("layout"), "status": "new" if old is None else "unchanged",
              "headline": [], "rows": [], "claims": [], "files": []}
    if old is None or not old.is_dir():
        review["status"] = "new"
        return review
    old_meta = {m.get("figure"): m for m in read_metadata(old)}
    for meta in new_meta:
        review["headline"] += headline_changes(old_meta.get(meta.get("figure"), {}), meta)
    story = stories.by_slug(first.get("figure"))
    keys = story.tables if story else {}
    for path in data_tables(new):
        rows = row_changes(old / path.name if (old / path.name).is_file() else None, path, keys.get(path.name))
        if rows:
            review["rows"].append(rows)
    review["claims"] = verdict_changes(old, new)
    review["files"] = files_changed(old, new)
    if review["files"] or review["headline"] or review["rows"] or review["claims"]:
        review["status"] = "changed"
    return review


def log_line(review: dict) -> str:
    """The render log's one line about an edition."""
    name = review["edition"]
    if review["status"] == "new":
        return f"changes {name}: new edition"
    if review["status"] == "unchanged":
        return f"changes {name}: no changes"
    parts = list(review["headline"][:3])
    for rows in review["rows"]:
        parts.append(f"{rows['file']}: {rows['added']} added, {rows['removed']} removed, {rows['changed']} changed")
    parts += review["claims"]
    if not parts:
        parts.append(f"{len(review['files'])} file(s) changed")
    return f"changes {name}: " + "; ".join(parts)


def review(replaced: dict[str, Path | None], output: Path) -> dict:
    """Compare every edition published in this render with the folder it replaced."""
    compared = [compare_edition(name, Path(old) if old else None, output / name) for name, old in replaced.items()]
    editions = {r["edition"]: r for r in sorted(compared, key=lambda r: (stories.place(r["figure"]), r["edition"]))}
    changed = [n for n, r in editions.items() if r["status"] != "unchanged"]
    new = sum(1 for r in editions.values() if r["status"] == "new")
    parts = [f"{len(changed) - new} of {len(editions)} edition(s) changed" if len(changed) > new else "",
             f"{new} new edition(s)" if new else ""]
    return {"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "editions": editions, "changed": changed,
            "summary": ", ".join(p for p in parts if p) or "no changes"}


# ------------------------------------------------------------------ writing it down

def markdown(result: dict, stale: list[dict] | None = None, leads: list[dict] | None = None) -> str:
    lines = [f"# What changed in the render of {result['date']}", ""]
    editions = result["editions"]
    if not editions:
        lines += ["No changes: no edition was re-rendered (every one is as the previous publication has it).", ""]
    elif not result["changed"]:
        lines += ["No changes: every re-rendered edition is identical to the version it replaced.", ""]
    for name in result["changed"]:
        entry = editions[name]
        lines += [f"## {name}", ""]
        if entry["status"] == "new":
            lines += ["- new edition (nothing to compare with)", ""]
            continue
        lines += [f"- {line}" for line in entry["headline"]]
        for rows in entry["rows"]:
            lines.append(f"- {rows['file']}: {rows['added']} row(s) added, {rows['removed']} removed, "
                         f"{rows['changed']} changed")
            lines += [f"  - {example}" for example in rows["examples"]]
            hidden = rows["added"] + rows["removed"] + rows["changed"] - len(rows["examples"])
            if hidden > 0:
                lines.append(f"  - … and {hidden} more")
        lines += [f"- claim {line}" for line in entry["claims"]]
        lines.append(f"- files changed: {', '.join(entry['files']) if entry['files'] else 'none'}")
        lines.append("")
    unchanged = sorted(set(editions) - set(result["changed"]))
    if unchanged and result["changed"]:
        lines += [f"Unchanged: {', '.join(unchanged)}", ""]
    if stale:
        lines += ["## Stale data", ""]
        lines += [f"- {item['figure']} ({item['edition']}): data last updated {item['data_to']}"
                  + (f", last checked {item['checked_on']}" if item.get("checked_on") else "")
                  + f", {item.get('days_old', '?')} days before this render" for item in stale]
        lines.append("")
    if leads:
        lines += ["## Open leads (unconfirmed reports, never counted)", ""]
        lines += [f"- {lead.get('dataset')} {lead['id']} ({lead.get('date')}): to confirm it, open "
                  f"{lead.get('confirm_url') or lead.get('source_url')}" for lead in leads]
        lines += ["", "`make leads` lists them with what would confirm each.", ""]
    return "\n".join(lines)


def _write(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def write(output: Path, result: dict, stale: list[dict] | None = None, leads: list[dict] | None = None) -> None:
    """output/CHANGES.md for editors and output/changes.json for machines (with the stale list and the
    open leads the figures draw)."""
    _write(output / CHANGES_MD, markdown(result, stale, leads))
    _write(output / CHANGES_JSON, json.dumps({**result, "stale": stale or [], "leads": leads or []}, indent=2,
                                             ensure_ascii=False, sort_keys=True) + "\n")


def read_latest(output: Path) -> dict | None:
    """The last render's changes.json, or None."""
    try:
        return json.loads((output / CHANGES_JSON).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
