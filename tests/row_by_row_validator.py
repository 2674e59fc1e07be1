"""The row-by-row validator helpers.data used before it checked a column at a time: an oracle.

Kept verbatim (only the loading, command and contract parts removed) so that the tests can compare
the messages of `helpers.data.validate()` with it on a corpus of bad files
(test_validation_oracle.py). Not used by the desk itself.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from helpers import paths
# The contract (the datapackage, how a problem reads) is shared with helpers.data: only the checks differ.
from helpers.data.contract import Problem, display_name, package, resource

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
INTEGER_RE = re.compile(r"^-?\d+$")
NUMBER_RE = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)$")


# ---------------------------------------------------------------- reading a file

_display_name = display_name


def _decode(raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text without BOM or Windows line endings, or the problems found."""
    problems: list[Problem] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(Problem(shown, 1, None,
                                "starts with a byte-order mark (BOM); save it as UTF-8 without BOM"))
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        byte = raw[err.start:err.start + 1].hex()
        problems.append(Problem(shown, line, None,
                                f"is not UTF-8 text (byte 0x{byte}); save the file as UTF-8"))
        return None, problems
    if "\r\n" in text:
        line = text.count("\n", 0, text.index("\r\n")) + 1
        problems.append(Problem(shown, line, None,
                                "has Windows line endings (CRLF); save it with Unix line endings (LF)"))
        text = text.replace("\r\n", "\n")
    return text, problems


def _records(text: str) -> list[tuple[int, list[str]]]:
    """CSV records with the editor line number each starts on."""
    reader = csv.reader(io.StringIO(text, newline=""))
    records, next_line = [], 1
    for row in reader:
        records.append((next_line, row))
        next_line = reader.line_num + 1
    return records


# ---------------------------------------------------------------- checking cells

def _expected(field: dict) -> str:
    kind = field["type"]
    if kind == "date":
        return "YYYY-MM-DD"
    if kind == "integer":
        return "a whole number" + (" of 0 or more" if field.get("constraints", {}).get("minimum") == 0 else "")
    if kind == "number":
        return "a number"
    if kind == "boolean":
        return "true or false"
    if field.get("format") == "uri":
        return "a web address starting with http:// or https://"
    return "text"


def _check_cell(value: str, field: dict, today: dt.date) -> tuple[object, str | None]:
    """Parse one non-empty cell; return (parsed value, problem message or None)."""
    kind, cons = field["type"], field.get("constraints", {})
    shown = json.dumps(value, ensure_ascii=False)
    if kind == "date":
        if not DATE_RE.match(value):
            return None, f"{shown} is not a date (expected YYYY-MM-DD)"
        month, day = int(value[5:7]), int(value[8:10])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None, f"{shown} is not a date (expected YYYY-MM-DD)"
        try:
            parsed = dt.date.fromisoformat(value)
        except ValueError:
            return None, f"{shown} is not a real calendar date (expected YYYY-MM-DD)"
        if parsed > today:
            return None, f"{shown} is in the future (expected a date on or before {today.isoformat()})"
        return parsed, None
    if kind == "integer":
        if NUMBER_RE.match(value) and not INTEGER_RE.match(value):
            return None, f"{shown} is not a whole number (expected {_expected(field)})"
        if not INTEGER_RE.match(value):
            return None, f"{shown} is not a number (expected {_expected(field)})"
        parsed = int(value)
    elif kind == "number":
        if not NUMBER_RE.match(value):
            return None, f"{shown} is not a number (expected a number such as 42 or 4.5)"
        parsed = float(value)
    elif kind == "boolean":
        if value not in field.get("trueValues", ["true"]) + field.get("falseValues", ["false"]):
            return None, f"{shown} is not true or false (expected true or false)"
        return value in field.get("trueValues", ["true"]), None
    else:
        parsed = value
        if field.get("format") == "uri" and not re.match(r"^https?://\S+$", value):
            return None, f"{shown} is not a web address (expected one starting with http:// or https://)"
        if "enum" in cons and value not in cons["enum"]:
            hint = difflib.get_close_matches(value, cons["enum"], n=1)
            suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
            return None, f"{shown} is not one of the allowed values ({', '.join(cons['enum'])}){suggestion}"
        if "pattern" in cons and not re.fullmatch(cons["pattern"], value):
            return None, f"{shown} does not match the expected pattern {cons['pattern']}"
        if "maxLength" in cons and len(value) > cons["maxLength"]:
            return None, f"{shown} is {len(value)} characters long (expected at most {cons['maxLength']})"
        return parsed, None
    if "minimum" in cons and parsed < cons["minimum"]:
        word = "negative" if cons["minimum"] == 0 else f"below {cons['minimum']}"
        return None, f"{shown} is {word} (expected {_expected(field)})"
    if "maximum" in cons and parsed > cons["maximum"]:
        return None, f"{shown} is above {cons['maximum']} (expected at most {cons['maximum']})"
    return parsed, None


# ---------------------------------------------------------------- one file

@dataclass
class _Parsed:
    rows: list[dict]          # parsed values by column name
    lines: list[int]          # editor line of each row
    problems: list[Problem]
    # every row read, including rows with a bad cell (their other values still count as existing
    # keys); None when the file itself could not be read, so no key can be checked against it
    all_rows: list[dict] | None = None


def _parse_resource(res: dict, data_dir: Path, today: dt.date) -> _Parsed:
    filename = res["path"]
    shown = _display_name(data_dir, filename)
    fields = res["schema"]["fields"]
    names = [f["name"] for f in fields]
    path = data_dir / filename
    if not path.is_file():
        return _Parsed([], [], [Problem(shown, None, None, "file is missing")])
    text, problems = _decode(path.read_bytes(), shown)
    if text is None:
        return _Parsed([], [], problems)
    records = [(n, r) for n, r in _records(text) if any(cell.strip() for cell in r)]
    if not records:
        problems.append(Problem(shown, None, None,
                                f"file is empty (expected a header row: {','.join(names)})"))
        return _Parsed([], [], problems)

    header_line, header = records[0]
    header = [h.strip() for h in header]
    missing = [n for n in names if n not in header]
    extra = [h for h in header if h not in names]
    for name in missing:
        renamed = difflib.get_close_matches(name, extra, n=1)
        hint = f" (is {renamed[0]!r} a renamed copy of it?)" if renamed else ""
        problems.append(Problem(shown, header_line, name, f"column is missing from the header{hint}"))
    for name in extra:
        if not difflib.get_close_matches(name, missing, n=1):
            problems.append(Problem(shown, header_line, name,
                                    f"unexpected column (expected only: {', '.join(names)})"))
    if missing:
        return _Parsed([], [], problems)

    position = {name: header.index(name) for name in names}
    rows, lines, all_rows = [], [], []
    for line, record in records[1:]:
        if len(record) != len(header):
            problems.append(Problem(shown, line, None,
                                    f"has {len(record)} cells (expected {len(header)}, one per column; "
                                    "check for an unquoted comma)"))
            all_rows.append({name: record[i].strip() for name, i in position.items() if i < len(record)})
            continue
        row, ok = {}, True
        for field in fields:
            name = field["name"]
            raw = record[position[name]]
            if raw != raw.strip():
                problems.append(Problem(shown, line, name,
                                        f"{json.dumps(raw, ensure_ascii=False)} has spaces at the start or end"))
                ok = False
                raw = raw.strip()
            if raw == "":
                if field.get("constraints", {}).get("required"):
                    problems.append(Problem(shown, line, name, f"is empty (expected {_expected(field)})"))
                    ok = False
                row[name] = None
                continue
            value, message = _check_cell(raw, field, today)
            if message:
                problems.append(Problem(shown, line, name, message))
                ok = False
            row[name] = value
        all_rows.append(row)
        if ok:
            rows.append(row)
            lines.append(line)
    problems.extend(_check_primary_key(res, rows, lines, shown))
    return _Parsed(rows, lines, problems, all_rows)


def _check_primary_key(res: dict, rows: list[dict], lines: list[int], shown: str) -> list[Problem]:
    key = res["schema"].get("primaryKey")
    if not key:
        return []
    key = key if isinstance(key, str) else key[0]
    first_seen: dict[object, int] = {}
    problems = []
    for row, line in zip(rows, lines):
        value = row[key]
        if value in first_seen:
            problems.append(Problem(shown, line, key,
                                    f"{json.dumps(value)} is used twice (first on line {first_seen[value]}); "
                                    "expected a unique id"))
        else:
            first_seen[value] = line
    return problems


def _check_foreign_keys(res: dict, parsed: dict[str, _Parsed], data_dir: Path) -> list[Problem]:
    problems = []
    shown = _display_name(data_dir, res["path"])
    for fk in res["schema"].get("foreignKeys", []):
        column = fk["fields"] if isinstance(fk["fields"], str) else fk["fields"][0]
        target = fk["reference"]["resource"]
        target_column = fk["reference"]["fields"]
        target_column = target_column if isinstance(target_column, str) else target_column[0]
        if target not in parsed or parsed[target].all_rows is None:
            continue  # the target file's own problem is reported; don't blame every reference to it
        known = {row.get(target_column) for row in parsed[target].all_rows}
        target_file = _display_name(data_dir, resource(target, data_dir)["path"])
        own = parsed[res["name"]]
        for row, line in zip(own.rows, own.lines):
            value = row[column]
            if value is not None and value not in known:
                problems.append(Problem(shown, line, column,
                                        f"{json.dumps(value)} does not exist in {target_file} "
                                        f"(expected one of its {target_column} values)"))
    return problems


# ---------------------------------------------------------------- public API

def _parse_all(data_dir: Path, today: dt.date | None = None) -> tuple[dict[str, _Parsed], list[Problem]]:
    today = today or dt.date.today()
    shown = _display_name(data_dir, "datapackage.json")
    try:
        pkg = package(data_dir)
    except FileNotFoundError:
        return {}, [Problem(shown, None, None, "file is missing (it describes every data file)")]
    except UnicodeDecodeError as err:
        line = err.object.count(b"\n", 0, err.start) + 1
        byte = err.object[err.start:err.start + 1].hex()
        return {}, [Problem(shown, line, None, f"is not UTF-8 text (byte 0x{byte}); save the file as UTF-8")]
    except json.JSONDecodeError as err:
        return {}, [Problem(shown, err.lineno, None, f"is not valid JSON ({err.msg})")]
    if not isinstance(pkg, dict) or not isinstance(pkg.get("resources"), list):
        return {}, [Problem(shown, None, None, 'has no "resources" list (expected one entry per data file)')]
    parsed = {res["name"]: _parse_resource(res, data_dir, today) for res in pkg["resources"]}
    problems = [p for item in parsed.values() for p in item.problems]
    for res in pkg["resources"]:
        problems.extend(_check_foreign_keys(res, parsed, data_dir))
    if "claims" in parsed:
        problems.extend(_check_claim_rows(parsed["claims"], _display_name(data_dir, "claims.csv")))
    if "releases" in parsed:
        problems.extend(_check_release_rows(parsed["releases"], resource("releases", data_dir),
                                            _display_name(data_dir, "releases.csv")))
    return parsed, problems


def _check_release_rows(releases: _Parsed, res: dict, shown: str) -> list[Problem]:
    """A confirmed release needs its count and a second source; an unconfirmed report has no count,
    only the page that would confirm it (added with the `status` column, issue 20)."""
    status = next((f for f in res["schema"]["fields"] if f["name"] == "status"), {})
    counted = status.get("countedValues")
    if counted is None:
        return []
    problems = []
    for row, line in zip(releases.rows, releases.lines):
        if row.get("status") in counted:
            if row.get("released_count") is None:
                problems.append(Problem(shown, line, "released_count",
                                        "is empty (expected a whole number of 0 or more); a confirmed release needs "
                                        "its count (a report without one has status unconfirmed)"))
            if row.get("second_source_url") is None:
                problems.append(Problem(shown, line, "second_source_url",
                                        "is empty (expected a web address starting with http:// or https://); a "
                                        "confirmed release needs a second, independent source (a report without "
                                        "one has status unconfirmed)"))
            continue
        for column in ("released_count", "political_prisoners_count"):
            if row.get(column) is not None:
                problems.append(Problem(shown, line, column,
                                        f"\"{row[column]}\" is given for an unconfirmed report (expected empty: the "
                                        "reported figure goes in notes until the report is confirmed)"))
        if row.get("confirm_url") is None:
            problems.append(Problem(shown, line, "confirm_url",
                                    "is empty (expected a web address starting with http:// or https://); an "
                                    "unconfirmed report needs the primary page that would confirm it"))
    return problems


def _check_claim_rows(claims: _Parsed, shown: str) -> list[Problem]:
    """Rules across columns, which a Table Schema cannot state: a numeric comparison needs
    a number, and "between" needs an upper bound."""
    problems = []
    for row, line in zip(claims.rows, claims.lines):
        comparison = row.get("comparison")
        if comparison not in (None, "is") and not NUMBER_RE.match(str(row.get("claimed_value") or "")):
            problems.append(Problem(shown, line, "claimed_value",
                                    f"{json.dumps(row.get('claimed_value'))} is not a number "
                                    f"(expected a number when comparison is {comparison!r}; use 'is' for text)"))
        if comparison == "between" and row.get("claimed_high") is None:
            problems.append(Problem(shown, line, "claimed_high",
                                    "is empty (expected the upper bound when comparison is 'between')"))
    return problems


def validate(data_dir: Path | None = None, today: dt.date | None = None) -> list[Problem]:
    """Every problem in every data file (an empty list when the data is clean)."""
    return _parse_all(Path(data_dir or paths.data_dir()), today)[1]


def validated_rows(data_dir: Path, today: dt.date | None = None) -> dict[str, list[dict]]:
    """Every file's rows with no problem, as plain Python values."""
    return {name: item.rows for name, item in _parse_all(data_dir, today)[0].items()}
