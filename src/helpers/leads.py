"""`make leads`: every open lead in the data, and what would settle it.

A lead is a row whose `status` the data contract does not count (data/datapackage.json: the
status field's "countedValues"; today releases.csv has one, and E28, E29 are leads): a report
that only secondary or unverified sources make. It is drawn as a hollow mark and never counted
(helpers.measures.confirmed). For each lead this prints its date, who reported it, the page to
open to confirm or refute it (`confirm_url`), and the row's "TO CONFIRM" note; then how to settle
one and the last search recorded for each dataset (data/checks.csv).

    python -m helpers.leads          (exit 0, also when there is no lead)
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from helpers import paths
from helpers.data.contract import STATUS, counted_values, package, resource
from helpers.errors import DataError

TO_CONFIRM = "TO CONFIRM:"
SETTLING = """\
To settle a lead, open its page with a browser, then edit its row in the data file:
  confirmed: status confirmed, the count in released_count, the confirming pages in source_url and
             second_source_url (keep the report's history in notes); `make validate` checks the edit.
  refuted:   delete the row, or keep it unconfirmed with what you found in notes.
Either way, add a row to data/checks.csv (what you searched, the day, your name, the result).
"""


def open_leads(data_dir: Path) -> list[dict]:
    """Every row of every dataset with a status the contract does not count, in date order."""
    from helpers import data

    found = []
    for res in package(data_dir)["resources"]:
        counted = counted_values(res)
        if counted is None:
            continue
        key = res["schema"]["primaryKey"]
        frame = data.load_all(data_dir, names=[res["name"]])[res["name"]]
        for row in frame[~frame[STATUS].isin(counted)].to_dict("records"):
            found.append({"dataset": res["name"], "id": row[key], "date": row["date"].date().isoformat(),
                          "status": row[STATUS], "confidence": row.get("confidence"),
                          "source_publisher": row.get("source_publisher"), "source_url": row.get("source_url"),
                          "confirm_url": row.get("confirm_url"), "notes": row.get("notes") or ""})
    return sorted(found, key=lambda lead: (lead["date"], lead["dataset"], str(lead["id"])))


def last_checks(data_dir: Path) -> list[str]:
    """"releases: 2026-12-03, nothing_new (by …)" for each dataset data/checks.csv records."""
    from helpers import data

    if "checks" not in [res["name"] for res in package(data_dir)["resources"]]:
        return []
    checks = data.load_all(data_dir, names=["checks"])["checks"].sort_values(["checked_on", "check_id"])
    newest = checks.groupby("dataset").tail(1)
    return [f"{row.dataset}: {row.checked_on.date().isoformat()}, {row.result} (by {row.checked_by})"
            for row in newest.itertuples()]


def _wrapped(label: str, text: str) -> list[str]:
    return textwrap.wrap(text, width=100, initial_indent=f"  {label}", subsequent_indent="      ",
                         break_long_words=False, break_on_hyphens=False)     # a web address stays whole


def report(data_dir: Path) -> str:
    leads = open_leads(data_dir)
    lines = [f"{len(leads)} open lead(s) in {data_dir.name}/: unconfirmed reports, drawn as hollow marks and "
             "never counted.", ""]
    for lead in leads:
        shown = resource(lead["dataset"], data_dir)["path"]
        lines.append(f"{lead['id']} ({data_dir.name}/{shown}), {lead['date']}, {lead['status']}, "
                     f"confidence {lead['confidence']}")
        lines += _wrapped("Reported by: ", f"{lead['source_publisher']} <{lead['source_url']}>")
        lines += _wrapped("Open to confirm it: ", str(lead["confirm_url"] or lead["source_url"]))
        notes = lead["notes"]
        if TO_CONFIRM in notes:
            lines += _wrapped("Then: ", notes.split(TO_CONFIRM, 1)[1].strip())
        lines.append("")
    lines.append(SETTLING)
    checks = last_checks(data_dir)
    if checks:
        lines.append("Last search recorded for each dataset (data/checks.csv):")
        lines += [f"  {line}" for line in checks]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    data_dir = paths.data_dir()
    try:
        print(report(data_dir), end="")
    except DataError as error:
        print(str(error), file=sys.stderr)
        for problem in getattr(error, "problems", None) or []:
            print(f"  {problem}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
