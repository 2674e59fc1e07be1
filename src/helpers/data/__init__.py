"""Load the desk's datasets as typed frames, and check them against their contract.

The contract is data/datapackage.json (a Frictionless Data Package): each file's columns,
types, constraints, keys. This package reads it from there, so the loader, the validator
and the codebook can never disagree. `validate()` returns every problem it finds, each
naming the file, the line as an editor shows it, the column, the value and what was
expected. `python -m helpers.data` (make validate) prints them and exits 2.

The package, by name: `contract` (the datapackage, `Problem`), `table` (reading a CSV file
with editor lines), `cells` and `validation` (the checks, a column at a time, with pandas),
`cache` (one validation per data version: the render runner's `validated_rows` stores the
result and each notebook's `load_all` reads it). Importing this module does not import
pandas; a cached result is read without it.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from helpers import paths
from helpers.data import cache
from helpers.data.contract import FUTURE_DATE, Problem, enum, package, resource, resource_names
from helpers.errors import DataError

if TYPE_CHECKING:  # pandas is imported only when frames are built or the data is checked
    import pandas as pd

__all__ = ["BASIS_COLUMN", "Problem", "check_cell", "enum", "load_all", "main", "package", "resource",
           "resource_names", "validate", "validated_rows"]

# Which column counts the people freed, on each basis (see helpers.measures).
BASIS_COLUMN = {"official": "released_count", "political_prisoners": "political_prisoners_count"}


def check_cell(value: str, field: dict, today: dt.date) -> tuple[object, str | None]:
    """Parse one non-empty, stripped cell: (parsed value, problem message or None)."""
    import numpy as np

    from helpers.data.cells import check_values

    messages, parsed, _ = check_values(np.array([value], dtype=object), field, today)
    return parsed[0], messages[0]


def validate(data_dir: Path | None = None, today: dt.date | None = None) -> list[Problem]:
    """Every problem in every data file (an empty list when the data is clean); checked now, not cached."""
    from helpers.data.validation import check_all

    return check_all(Path(data_dir or paths.data_dir()), today)[1]


def _validated(data_dir: Path) -> dict:
    """{"rows": every file's rows with no problem, "problems": [...]}, from the cache when this
    version of the data was validated already, else checked now and stored."""
    today = dt.date.today()
    key = cache.version(data_dir)
    result = cache.read(data_dir, key)
    if result is None or not _still_true(result, today):
        from helpers.data.validation import check_all

        checked, problems = check_all(data_dir, today)
        result = {"rows": {name: item.rows() for name, item in checked.items()}, "problems": problems,
                  "day": today, "dated": any(p.kind == FUTURE_DATE for p in problems)}
        cache.write(data_dir, key, result)
    return result


def _still_true(result: dict, today: dt.date) -> bool:
    """A result holds on a later day unless it called a date "in the future" (that day may have come)."""
    return result["day"] == today or (result["day"] < today and not result["dated"])


def validated_rows(data_dir: Path | None = None) -> tuple[dict[str, list[dict]], list[Problem]]:
    """Every file's rows as plain Python values (no pandas when cached), and every problem found."""
    result = _validated(Path(data_dir or paths.data_dir()))
    return result["rows"], result["problems"]


def _frame(res: dict, rows: list[dict]) -> pd.DataFrame:
    import pandas as pd

    columns = {}
    for field in res["schema"]["fields"]:
        values = [row[field["name"]] for row in rows]
        kind, cons = field["type"], field.get("constraints", {})
        if kind == "date":
            columns[field["name"]] = pd.to_datetime(pd.Series(values, dtype="object"))
        elif kind == "integer":
            columns[field["name"]] = pd.array(values, dtype="Int64")
        elif kind == "number":
            columns[field["name"]] = pd.array(values, dtype="Float64")
        elif kind == "boolean":
            columns[field["name"]] = pd.array(values, dtype="boolean")
        elif "enum" in cons:
            columns[field["name"]] = pd.Categorical(values, categories=cons["enum"])
        else:
            columns[field["name"]] = pd.array(values, dtype="string")
    return pd.DataFrame(columns)


def load_all(data_dir: Path | None = None, names: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """The named datasets (default: all) as typed frames.

    Every file is validated, since keys link them (once per data version: see helpers.data.cache);
    raises DataError listing all problems.
    """
    data_dir = Path(data_dir or paths.data_dir())
    result = _validated(data_dir)
    if result["problems"]:
        raise DataError(f"The data has {len(result['problems'])} problem(s); nothing was rendered.",
                        [str(p) for p in result["problems"]])
    names = names or resource_names(data_dir)
    return {name: _frame(resource(name, data_dir), result["rows"][name]) for name in names}


def main(argv: list[str] | None = None) -> int:
    """`make validate`: print the data's problems (exit 2) or a one-line all-clear (exit 0)."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m helpers.data",
        description="Check every file in data/ against data/datapackage.json. "
                    "Exit status 0 when the data is clean, 2 when it is not.")
    parser.add_argument("--data-dir", type=Path, default=None, help="folder holding datapackage.json (default: data/)")
    args = parser.parse_args(argv)
    data_dir = Path(args.data_dir or paths.data_dir())
    from helpers.data.validation import check_all

    checked, problems = check_all(data_dir)
    if problems:
        print(f"The data has {len(problems)} problem(s):", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        print("Fix them and run `make validate` again.", file=sys.stderr)
        return 2
    counts = ", ".join(f"{name} {int(item.ok.sum())}" for name, item in checked.items())
    print(f"Data is clean: {len(checked)} files checked against datapackage.json ({counts} rows).")
    return 0

