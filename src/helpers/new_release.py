"""Add one release to data/releases.csv: `make new-release` (asks) or `python -m helpers.new_release --date ...`.

The row gets the next id (E28, E29, ...) and is written in the file's own format. The
whole data folder is then checked (helpers.data.validate) on a copy first: if anything
is wrong, data/releases.csv is left exactly as it was, the problems are printed with
their line and column, and the exit status is 2.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import re
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

from helpers import data, paths
from helpers.errors import DataError

RESOURCE = "releases"
DEFAULTS = {"confidence": "medium", "counts_toward_total": "true", "status": "confirmed"}
# A confirmed release needs these too (data/rules.py); a lead (status unconfirmed) has neither.
CONFIRMED_NEEDS = ("released_count", "second_source_url")
EXAMPLE = """\
examples:
  make new-release                  asks for each value in turn

  .venv/bin/python -m helpers.new_release --date 2026-04-02 --released-count 12 \\
      --destination in_belarus --political-prisoners-count 10 \\
      --source-url https://example.org/news/pardon --source-publisher "Reuters" \\
      --second-source-url https://example.org/other/pardon \\
      --notable-people "Ales Bialiatski; Maria Kalesnikava" --confidence high --dry-run

Run it with --dry-run first to see the row; run it again without --dry-run to add it.
Nothing is written unless all of data/ passes `make validate` with the new row in it.
A confirmed release (the default status) needs its count and two sources (--source-url and
--second-source-url). A report no primary page confirms yet is a lead: --status unconfirmed,
no count (the reported figure goes in --notes) and --confirm-url, the page that would settle it.
To settle a lead later, edit its row (README.md, "Settling a lead"); record every search for
news, even one that finds nothing, as a row of data/checks.csv.
"""


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def _first_sentence(text: str) -> str:
    """A column's help is the first sentence of its description in data/datapackage.json."""
    return text.split(". ")[0].rstrip(".")


def _rules(field: dict) -> str:
    cons = field.get("constraints", {})
    parts = ["required" if cons.get("required") else "optional"]
    if "enum" in cons:
        parts.append("one of: " + ", ".join(cons["enum"]))
    elif field["type"] == "date":
        parts.append("YYYY-MM-DD")
    elif field["type"] == "integer":
        parts.append("a whole number")
    elif field["type"] == "boolean":
        parts.append("true or false")
    elif field.get("format") == "uri":
        parts.append("starting with http:// or https://")
    if field["name"] in DEFAULTS:
        parts.append(f"default {DEFAULTS[field['name']]}")
    return "; ".join(parts)


def _parser(fields: list[dict]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.new_release",
        description="Add one release event to data/releases.csv, with the next release_id.\n"
                    "Values you leave out stay blank. In a terminal it asks for the required values\n"
                    "you did not give (and for every value when you give none).",
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    for field in fields:
        name = field["name"]
        if name in ("release_id", "counts_toward_total"):
            continue
        parser.add_argument(_flag(name), dest=name, metavar="VALUE",
                            help=f"{_first_sentence(field.get('description', ''))} ({_rules(field)})")
    parser.add_argument("--context-only", action="store_true",
                        help="left out of every total (counts_toward_total = false), e.g. a person already "
                             "counted or a foreign national who is not a political prisoner")
    parser.add_argument("--dry-run", action="store_true", help="show the row and check it, but write nothing")
    return parser


def _ask(field: dict, required: bool) -> str:
    """Ask for one value until it is acceptable (empty is fine for an optional one)."""
    name = field["name"]
    default = DEFAULTS.get(name, "")
    question = f"{name} ({_rules(field)})" + (f" [{default}]" if default else "") + ": "
    while True:
        answer = input(question).strip() or default
        if not answer:
            if not required:
                return ""
            print("  This value is required.")
            continue
        _, problem = data.check_cell(answer, field, dt.date.today())
        if problem is None:
            return answer
        print(f"  {problem}")


def _next_id(text: str) -> str:
    numbers = [int(m.group(1)) for row in csv.DictReader(io.StringIO(text, newline=""))
               if (m := re.fullmatch(r"E(\d+)", (row.get("release_id") or "").strip()))]
    return f"E{max(numbers, default=0) + 1:02d}"


def _csv_line(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    return out.getvalue()


def _fail(problems: list, new_line: int | None = None, missing: list[str] = (), retry: str = "") -> int:
    print(f"Nothing was added: the data would have {len(problems)} problem(s):", file=sys.stderr)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    if new_line and all(p.line != new_line for p in problems):
        print("These problems are in the existing data, not in the new row: fix them first "
              "(make validate lists them).", file=sys.stderr)
    else:
        if missing:
            print(f"Required values not given: {', '.join(missing)}.", file=sys.stderr)
        print("Fix the values and run it again (python -m helpers.new_release --help).", file=sys.stderr)
        if retry:
            print(f"Your answers as one command, to edit and re-run:\n  {retry}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    data_dir = paths.data_dir()
    try:
        res = data.resource(RESOURCE, data_dir)
        fields = res["schema"]["fields"]
        csv_path = data_dir / res["path"]
        original = csv_path.read_bytes()
        text = original.decode("utf-8")
    except (OSError, ValueError, KeyError, TypeError, DataError):
        problems = data.validate(data_dir)
        problems = problems or [data.Problem(f"{data_dir.name}/{RESOURCE}.csv", None, None, "could not be read")]
        return _fail(problems, new_line=-1)  # the existing data is at fault
    args = _parser(fields).parse_args(argv)

    values = {f["name"]: (getattr(args, f["name"], None) or "").strip() for f in fields}
    values["counts_toward_total"] = "false" if args.context_only else "true"
    values["release_id"] = _next_id(text)
    asked = False
    if sys.stdin.isatty():
        everything = not argv
        try:
            for field in fields:
                name, required = field["name"], field.get("constraints", {}).get("required", False)
                required = required or (name in CONFIRMED_NEEDS and (values["status"] or DEFAULTS["status"]) == "confirmed")
                if name == "release_id" or (name == "counts_toward_total" and not everything):
                    continue
                if everything or (required and not values[name]):
                    values[name] = _ask(field, required)
                    asked = True
        except (EOFError, KeyboardInterrupt):
            print("\nCancelled: nothing was added.", file=sys.stderr)
            return 1
    for name, default in DEFAULTS.items():
        values[name] = values.get(name) or default

    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    order = header if sorted(header) == sorted(f["name"] for f in fields) else [f["name"] for f in fields]
    row = _csv_line([values[name] for name in order])
    new_text = text + ("\n" if text and not text.endswith("\n") else "") + row
    line = new_text[:-len(row)].count("\n") + 1

    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp) / data_dir.name
        shutil.copytree(data_dir, trial)
        (trial / res["path"]).write_bytes(new_text.encode("utf-8"))
        problems = data.validate(trial)
    if problems:
        missing = [_flag(f["name"]) for f in fields
                   if f.get("constraints", {}).get("required") and not values[f["name"]]]
        retry = ""
        if asked:
            given = [(_flag(n), v) for n, v in values.items() if v and n not in ("release_id", "counts_toward_total")]
            retry = shlex.join([".venv/bin/python", "-m", "helpers.new_release", *(x for pair in given for x in pair)]
                               + (["--context-only"] if values["counts_toward_total"] == "false" else []))
        return _fail(problems, line, missing, retry)

    shown = f"{data_dir.name}/{res['path']}"
    if args.dry_run:
        print(f"Dry run: nothing was written. This row would be line {line} of {shown} (its header first):")
        print(_csv_line(order) + row, end="")
        return 0
    if csv_path.read_bytes() != original:
        print(f"Nothing was added: {shown} changed while this ran. Run it again.", file=sys.stderr)
        return 2
    with open(csv_path, "ab") as handle:
        handle.write(new_text[len(text):].encode("utf-8"))
    print(f"Added {values['release_id']} as line {line} of {shown}; the data is clean:")
    print(row, end="")
    print(f"Next: read it back in {shown} (add a second source or notes there if you have them), "
          "then `make render`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
