"""Checking cells against their column's contract, a column at a time.

`check_values` gets the distinct non-empty cells of a column (stripped) and returns, for
each, the first problem found (or None), the parsed value and the problem's kind
(helpers.data.contract: a date after today is a FUTURE_DATE). A file's column is checked
through its distinct values, so a column of a million cells with a few hundred distinct
values costs a few hundred checks. Each check runs over a whole array of values at once
(numpy masks, pandas `isin`, and regular expressions mapped over the array in C, which is
what pandas' `.str` methods do too, minus their per-value Python call).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re

import numpy as np
import pandas as pd

from helpers.data.contract import CONTRACT, FUTURE_DATE, expected

DATE = r"\d{4}-\d{2}-\d{2}"
INTEGER = r"-?\d+"
NUMBER = r"-?(\d+(\.\d*)?|\.\d+)"
URI = r"https?://\S+"


def check_values(values: np.ndarray, field: dict, today: dt.date) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(first problem or None, parsed value or None, the problem's kind or None) for each non-empty,
    stripped cell value."""
    cells = np.asarray(values, dtype=object)
    messages = np.full(len(cells), None, dtype=object)
    parsed = np.full(len(cells), None, dtype=object)
    kinds = np.full(len(cells), None, dtype=object)
    if not len(cells):
        return messages, parsed, kinds
    kind = field["type"]
    if kind == "date":
        _dates(cells, field, today, messages, parsed, kinds)
    else:
        check = {"integer": _integers, "number": _numbers, "boolean": _booleans}.get(kind, _texts)
        check(cells, field, today, messages, parsed)
    if kind in ("integer", "number"):
        _bounds(cells, field, messages, parsed)
    kinds[~np.equal(messages, None) & np.equal(kinds, None)] = CONTRACT
    return messages, parsed, kinds


def matches(values: np.ndarray, pattern: str) -> np.ndarray:
    """Which values match the whole pattern (as `re.fullmatch`)."""
    return np.fromiter(map(bool, map(re.compile(pattern).fullmatch, values)), dtype=bool, count=len(values))


def _fail(messages: np.ndarray, cells: np.ndarray, where, says: str) -> None:
    """The cells at `where` that have no problem yet get one: their value in quotes, then `says`."""
    where = np.asarray(where, dtype=bool) & np.equal(messages, None)
    for i in np.flatnonzero(where):
        messages[i] = f"{json.dumps(cells[i], ensure_ascii=False)} {says}"


def _dates(cells, field, today, messages, parsed, kinds) -> None:
    shaped = matches(cells, DATE)
    _fail(messages, cells, ~shaped, "is not a date (expected YYYY-MM-DD)")
    for i in np.flatnonzero(shaped):        # each distinct date once
        value = cells[i]
        shown = json.dumps(value, ensure_ascii=False)
        month, day = int(value[5:7]), int(value[8:10])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            messages[i] = f"{shown} is not a date (expected YYYY-MM-DD)"
            continue
        try:
            date = dt.date.fromisoformat(value)
        except ValueError:
            messages[i] = f"{shown} is not a real calendar date (expected YYYY-MM-DD)"
            continue
        if date > today:
            messages[i] = f"{shown} is in the future (expected a date on or before {today.isoformat()})"
            kinds[i] = FUTURE_DATE
            continue
        parsed[i] = date


def _integers(cells, field, today, messages, parsed) -> None:
    whole = matches(cells, INTEGER)
    number = matches(cells, NUMBER)
    _fail(messages, cells, number & ~whole, f"is not a whole number (expected {expected(field)})")
    _fail(messages, cells, ~whole, f"is not a number (expected {expected(field)})")
    parsed[whole] = list(map(int, cells[whole]))


def _numbers(cells, field, today, messages, parsed) -> None:
    number = matches(cells, NUMBER)
    _fail(messages, cells, ~number, "is not a number (expected a number such as 42 or 4.5)")
    parsed[number] = list(map(float, cells[number]))


def _booleans(cells, field, today, messages, parsed) -> None:
    true, false = field.get("trueValues", ["true"]), field.get("falseValues", ["false"])
    _fail(messages, cells, ~pd.Series(cells).isin(true + false).to_numpy(dtype=bool),
          "is not true or false (expected true or false)")
    ok = np.equal(messages, None)
    parsed[ok] = list(pd.Series(cells[ok]).isin(true))


def _texts(cells, field, today, messages, parsed) -> None:
    cons = field.get("constraints", {})
    if field.get("format") == "uri":
        _fail(messages, cells, ~matches(cells, URI),
              "is not a web address (expected one starting with http:// or https://)")
    if "enum" in cons:
        allowed = cons["enum"]
        outside = ~pd.Series(cells).isin(allowed).to_numpy(dtype=bool) & np.equal(messages, None)
        for i in np.flatnonzero(outside):
            hint = difflib.get_close_matches(cells[i], allowed, n=1)
            suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
            messages[i] = (f"{json.dumps(cells[i], ensure_ascii=False)} is not one of the allowed values "
                           f"({', '.join(allowed)}){suggestion}")
    if "pattern" in cons:
        _fail(messages, cells, ~matches(cells, cons["pattern"]),
              f"does not match the expected pattern {cons['pattern']}")
    if "maxLength" in cons:
        lengths = np.fromiter(map(len, cells), dtype=np.int64, count=len(cells))
        too_long = (lengths > cons["maxLength"]) & np.equal(messages, None)
        for i in np.flatnonzero(too_long):
            messages[i] = (f"{json.dumps(cells[i], ensure_ascii=False)} is {lengths[i]} characters long "
                           f"(expected at most {cons['maxLength']})")
    ok = np.equal(messages, None)
    parsed[ok] = cells[ok]


def _bounds(cells, field, messages, parsed) -> None:
    cons = field.get("constraints", {})
    ok = np.flatnonzero(np.equal(messages, None))
    values = np.array([parsed[i] for i in ok], dtype=object)
    if "minimum" in cons:
        word = "negative" if cons["minimum"] == 0 else f"below {cons['minimum']}"
        low = np.zeros(len(cells), dtype=bool)
        low[ok] = values < cons["minimum"]
        _fail(messages, cells, low, f"is {word} (expected {expected(field)})")
    if "maximum" in cons:
        high = np.zeros(len(cells), dtype=bool)
        high[ok] = values > cons["maximum"]
        _fail(messages, cells, high, f"is above {cons['maximum']} (expected at most {cons['maximum']})")
    parsed[~np.equal(messages, None)] = None
