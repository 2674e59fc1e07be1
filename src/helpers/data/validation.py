"""Checking every data file against the contract, a column at a time (pandas).

Each problem names the file, the line as an editor shows it, the column, the value and
what was expected. Problems come in the order a reader meets them: file by file; within a
file, line by line and column by column (a cell with stray spaces can also be bad after
stripping them: both are said); then repeated ids, then links between files, then the
rules across a file's columns that a Table Schema cannot state (helpers.data.rules).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.data.cells import check_values
from helpers.data.contract import CONTRACT, Problem, descriptor_problems, display_name, expected, package, resource
from helpers.data.rules import RULES
from helpers.data.table import Column, Lines, read_table


@dataclass
class Checked:
    """One file after its checks."""

    names: list[str] = field(default_factory=list)
    values: dict = field(default_factory=dict)    # column -> parsed value per record (None: empty or bad)
    ok: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))  # records with no problem
    lines: Lines | None = None     # editor line of each record (worked out only if a problem needs it)
    problems: list[Problem] = field(default_factory=list)
    readable: bool = False     # False: no link to this file is checked (its own problem says why)
    whole: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))  # records with every cell
    counts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    sources: dict = field(default_factory=dict)   # column -> (its cells, parsed value per distinct cell, position)

    def rows(self) -> list[dict]:
        """The records with no problem, as plain Python values."""
        chosen = np.flatnonzero(self.ok)
        return [dict(zip(self.names, cells)) for cells in zip(*(self.values[n][chosen] for n in self.names))]

    def known(self, name: str) -> set:
        """Every value the column holds in any record, bad records too: a row with one bad cell
        still names an id that exists, so links to it are not blamed."""
        if name not in self.sources:
            return set()
        cells, parsed, position = self.sources[name]
        values = set(parsed[np.unique(cells.codes[self.whole])])
        partial = np.flatnonzero(~self.whole & (self.counts > position))
        return values | set(cells.stripped[np.unique(cells.codes[partial])])


class _Found:
    """Problems collected column by column, then put in reading order."""

    def __init__(self, shown: str, lines: Lines):
        self.shown, self.lines, self.found = shown, lines, []

    def add(self, rows: np.ndarray, column: str | None, messages, order: int, kinds=None) -> None:
        for row, message, kind in zip(rows, messages, kinds if kinds is not None else [CONTRACT] * len(rows)):
            self.found.append((int(row), order, Problem(self.shown, int(self.lines[row]), column, message, kind)))

    def sorted(self) -> list[Problem]:
        return [p for _, _, p in sorted(self.found, key=lambda item: item[:2])]


def check_file(res: dict, data_dir: Path, today: dt.date) -> Checked:
    shown = display_name(data_dir, res["path"])
    fields = res["schema"]["fields"]
    names = [f["name"] for f in fields]
    path = data_dir / res["path"]
    if not path.is_file():
        return Checked(problems=[Problem(shown, None, None, "file is missing")])
    table, problems = read_table(path, shown)
    if table is None:           # not UTF-8
        return Checked(problems=problems)
    if not table.header:
        problems.append(Problem(shown, None, None, f"file is empty (expected a header row: {','.join(names)})"))
        return Checked(problems=problems)
    problems += _header_problems(table, names, shown)
    if any(name not in table.header for name in names):
        return Checked(problems=problems)

    found = _Found(shown, table.lines)
    whole = table.counts == len(table.header)
    short = np.flatnonzero(~whole)
    found.add(short, None, [f"has {table.counts[r]} cells (expected {len(table.header)}, one per column; "
                            "check for an unquoted comma)" for r in short], -1)
    checked = Checked(names, None, whole.copy(), table.lines, problems, True, whole, table.counts)
    checked.values = _Values(checked.sources)
    for order, spec in enumerate(fields):
        position = table.header.index(spec["name"])
        _check_column(spec, table.columns[position], position, today, found, 2 * order, checked)
    problems += found.sorted()
    problems += _repeated_keys(res, checked, shown)
    return checked


def _header_problems(table, names: list[str], shown: str) -> list[Problem]:
    problems, header = [], table.header
    missing = [n for n in names if n not in header]
    extra = [h for h in header if h not in names]
    for name in missing:
        renamed = difflib.get_close_matches(name, extra, n=1)
        hint = f" (is {renamed[0]!r} a renamed copy of it?)" if renamed else ""
        problems.append(Problem(shown, table.header_line, name, f"column is missing from the header{hint}"))
    for name in extra:
        if not difflib.get_close_matches(name, missing, n=1):
            problems.append(Problem(shown, table.header_line, name,
                                    f"unexpected column (expected only: {', '.join(names)})"))
    return problems


def _check_column(spec: dict, cells: Column, position: int, today: dt.date, found: _Found, order: int,
                  checked: Checked) -> None:
    name, whole = spec["name"], checked.whole
    plain = spec["type"] == "string" and "format" not in spec and set(spec.get("constraints", {})) <= {"required"}
    cells = cells.as_is() if plain else cells.distinct()     # each distinct value checked once
    spaced = cells.raw != cells.stripped
    empty = cells.stripped == ""
    messages = np.full(len(cells.raw), None, dtype=object)
    kinds = np.full(len(cells.raw), CONTRACT, dtype=object)
    if plain:       # text with no rule but "required": the stripped cell is the value
        parsed = cells.stripped.copy()
        parsed[empty] = None
    else:
        parsed = np.full(len(cells.raw), None, dtype=object)
        filled = np.flatnonzero(~empty)
        messages[filled], parsed[filled], found_kinds = check_values(cells.stripped[filled], spec, today)
        kinds[filled] = np.where(np.equal(found_kinds, None), CONTRACT, found_kinds)
    if spec.get("constraints", {}).get("required"):
        messages[empty] = f"is empty (expected {expected(spec)})"
        kinds[empty] = CONTRACT
    bad = ~np.equal(messages, None)
    checked.sources[name] = (cells, parsed, position)
    if not (spaced.any() or bad.any()):
        return

    rows = np.flatnonzero(whole & spaced[cells.codes])
    found.add(rows, name, [f"{json.dumps(cells.raw[c], ensure_ascii=False)} has spaces at the start or end"
                           for c in cells.codes[rows]], order)
    rows = np.flatnonzero(whole & bad[cells.codes])
    found.add(rows, name, messages[cells.codes[rows]], order + 1, kinds[cells.codes[rows]])
    checked.ok &= ~(spaced | bad)[cells.codes]


class _Values(dict):
    """Each column's parsed value per record, built when first asked for (most are never needed)."""

    def __init__(self, sources: dict):
        super().__init__()
        self.sources = sources

    def __missing__(self, name: str) -> np.ndarray:
        cells, parsed, _ = self.sources[name]
        self[name] = parsed[cells.codes]
        return self[name]


def _repeated_keys(res: dict, checked: Checked, shown: str) -> list[Problem]:
    key = res["schema"].get("primaryKey")
    if not key:
        return []
    key = key if isinstance(key, str) else key[0]
    rows = np.flatnonzero(checked.ok)
    values = pd.Series(checked.values[key][rows], dtype=object)
    repeated = values.duplicated().to_numpy()
    if not repeated.any():
        return []
    involved = values.isin(set(values[repeated])).to_numpy()      # the repeated values' first uses too
    first_line = {}
    for row, value in zip(rows[involved], values[involved]):
        first_line.setdefault(value, int(checked.lines[row]))
    return [Problem(shown, int(checked.lines[row]), key,
                    f"{json.dumps(value)} is used twice (first on line {first_line[value]}); expected a unique id")
            for row, value in zip(rows[repeated], values[repeated])]


def _broken_links(res: dict, checked: dict[str, Checked], data_dir: Path) -> list[Problem]:
    problems = []
    shown = display_name(data_dir, res["path"])
    own = checked[res["name"]]
    for fk in res["schema"].get("foreignKeys", []):
        column = fk["fields"] if isinstance(fk["fields"], str) else fk["fields"][0]
        target = fk["reference"]["resource"]
        target_column = fk["reference"]["fields"]
        target_column = target_column if isinstance(target_column, str) else target_column[0]
        if target not in checked or not checked[target].readable:
            continue  # the target file's own problem is reported; don't blame every reference to it
        if not own.readable:
            continue
        known = checked[target].known(target_column)
        target_file = display_name(data_dir, resource(target, data_dir)["path"])
        cells, parsed, _ = own.sources[column]          # each distinct value looked up once
        linked = (pd.Series(parsed, dtype=object).isin(known) | np.equal(parsed, None)).to_numpy(dtype=bool)
        rows = np.flatnonzero(own.ok & ~linked[cells.codes])
        for row, value in zip(rows, parsed[cells.codes[rows]]):
            problems.append(Problem(shown, int(own.lines[row]), column,
                                    f"{json.dumps(value)} does not exist in {target_file} "
                                    f"(expected one of its {target_column} values)"))
    return problems


def check_all(data_dir: Path, today: dt.date | None = None) -> tuple[dict[str, Checked], list[Problem]]:
    """Every file checked, and every problem found, in reading order."""
    today = today or dt.date.today()
    shown = display_name(data_dir, "datapackage.json")
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
    problems = descriptor_problems(pkg, shown)
    if problems:            # the contract itself is wrong: the data cannot be checked against it
        return {}, problems
    checked = {res["name"]: check_file(res, data_dir, today) for res in pkg["resources"]}
    problems = [p for item in checked.values() for p in item.problems]
    for res in pkg["resources"]:
        problems += _broken_links(res, checked, data_dir)
    for name, rule in RULES.items():        # rules across a file's columns (helpers.data.rules)
        if name in checked and checked[name].readable:
            res = resource(name, data_dir)
            problems += rule(checked[name], display_name(data_dir, res["path"]), res)
    return checked, problems
