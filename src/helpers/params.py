"""Check notebook parameters against the notebook's own `parameters` cell.

The parameters cell is the one declaration: each line `name: type = default  # help`, read by
papermill (`papermill --help-notebook`) and by helpers.parameters_cell, with Python's parser.
Allowed values and ranges, which a type annotation cannot say, live here in ALLOWED and RANGES,
keyed by parameter name.

papermill injects whatever it is given; this module is where a misspelt name, a string
where a number belongs, an unknown layout or an end date before the start date is
stopped, with one sentence naming the parameter.
"""

from __future__ import annotations

import ast
import calendar
import datetime as dt
import difflib
import re
from pathlib import Path

from helpers.errors import ParameterError
from helpers.parameters_cell import declared_parameters, injected_names


def _layouts() -> tuple[str, ...]:
    from helpers.layouts import LAYOUTS

    return tuple(LAYOUTS)


def _bases() -> tuple[str, ...]:
    from helpers.data import BASIS_COLUMN

    return tuple(BASIS_COLUMN)


def _languages() -> tuple[str, ...]:
    from helpers.i18n.languages import LANGUAGES

    return tuple(LANGUAGES)


# Allowed values that a type annotation cannot say, each read from the one place that declares it.
ALLOWED = {
    "basis": _bases,       # helpers.data.BASIS_COLUMN: which column counts people freed on each basis
    "layout": _layouts,    # helpers.layouts.LAYOUTS: one record per layout
    "language": _languages,  # helpers.i18n.languages.LANGUAGES: one record per language
}
# Values that are the data's own categories come from the data contract, not from here.
ALLOWED_FROM_DATA = {
    "sanctions_jurisdictions": ("sanctions", "jurisdiction"),
    "jurisdictions": ("sanctions", "jurisdiction"),
    "sectors": ("sanctions", "sector"),
}
RANGES = {"min_priority": (1, 2), "relief_window_days": (0, 365)}
EARLIEST_DATE = dt.date(2020, 1, 1)


# ------------------------------------------------------------------ coercion

def _say(value) -> str:
    return repr(value) if not isinstance(value, str) else f'"{value}"'


LATEST = "latest"


def latest_end(newest: dt.date) -> dt.date:
    """end_date "latest": the last day of the month of the newest release in the data."""
    return newest.replace(day=calendar.monthrange(newest.year, newest.month)[1])


def end_date(value: str, newest: dt.date) -> dt.date:
    """A checked end_date parameter as a date (`newest`: the newest release's date, for "latest")."""
    return latest_end(newest) if value == LATEST else dt.date.fromisoformat(value)


def _to_date(name: str, value) -> str:
    if name == "end_date" and isinstance(value, str) and value.strip().lower() == LATEST:
        return LATEST
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        parsed = value
    else:
        try:
            parsed = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise ParameterError(f"parameter {name}: {_say(value)} is not a date (expected YYYY-MM-DD)") from None
    if parsed < EARLIEST_DATE:
        raise ParameterError(f"parameter {name}: {parsed} is before {EARLIEST_DATE} (the data starts in 2020)")
    return parsed.isoformat()


def _to_int(name: str, value) -> int:
    if isinstance(value, bool):
        raise ParameterError(f"parameter {name}: {_say(value)} is not a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]+", value.strip()):
        return int(value.strip())
    raise ParameterError(f"parameter {name}: {_say(value)} is not a whole number")


def _to_bool(name: str, value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false", "yes", "no"):
        return value.strip().lower() in ("true", "yes")
    raise ParameterError(f"parameter {name}: {_say(value)} is not true or false")


def _to_str_list(name: str, value) -> list[str]:
    if isinstance(value, str):
        items = [part.strip() for part in value.split(",") if part.strip()]
    elif isinstance(value, (list, tuple)):
        items = value
    else:
        raise ParameterError(f"parameter {name}: {_say(value)} is not a list (expected e.g. [\"US\", \"EU\"])")
    for item in items:
        if not isinstance(item, str):
            raise ParameterError(f"parameter {name}: {_say(item)} is not text (expected a list of names)")
    return list(items)


def coerce(name: str, value, type_name: str):
    """Convert `value` to the declared type, or raise a ParameterError naming `name`."""
    if name.endswith("_date"):
        result = _to_date(name, value)
    elif type_name == "int":
        result = _to_int(name, value)
    elif type_name == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise ParameterError(f"parameter {name}: {_say(value)} is not a number")
        try:
            result = float(value)
        except ValueError:
            raise ParameterError(f"parameter {name}: {_say(value)} is not a number") from None
    elif type_name == "bool":
        result = _to_bool(name, value)
    elif type_name in ("list[str]", "List[str]"):
        result = _to_str_list(name, value)
    elif type_name == "str":
        if not isinstance(value, str):
            raise ParameterError(f"parameter {name}: {_say(value)} is not text (expected a quoted string)")
        result = value
    else:
        raise ParameterError(f"parameter {name} is declared as {type_name!r}, which this desk cannot check "
                             "(use str, int, float, bool or list[str])")
    _check_allowed(name, result)
    return result


def suggest(given: str, choices) -> str | None:
    """The allowed value a typo most likely meant: a shared start first, then similar spelling."""
    given = str(given).lower()
    by_prefix = [c for c in choices if len(given) >= 3 and c.lower()[:4] == given[:4]]
    if by_prefix:
        return by_prefix[0]
    close = difflib.get_close_matches(given, list(choices), n=1)
    return close[0] if close else None


def allowed_values(name: str) -> tuple[str, ...] | None:
    if name in ALLOWED_FROM_DATA:
        from helpers import data

        return data.enum(*ALLOWED_FROM_DATA[name])
    return ALLOWED[name]() if name in ALLOWED else None


def _check_allowed(name: str, value) -> None:
    allowed = allowed_values(name)
    if allowed:
        for item in value if isinstance(value, list) else [value]:
            if item not in allowed:
                hint = suggest(item, allowed)
                suggestion = f"; did you mean \"{hint}\"?" if hint else ""
                raise ParameterError(f"parameter {name}: {_say(item)} is not allowed "
                                     f"(expected one of: {', '.join(allowed)}){suggestion}")
    if name in RANGES:
        low, high = RANGES[name]
        if not low <= value <= high:
            raise ParameterError(f"parameter {name}: {value} is out of range (expected {low} to {high})")


def _check(values: dict, types: dict[str, str], notebook_name: str) -> dict:
    """Coerce every value to its declared type; reject unknown names and bad date ranges."""
    for name in values:
        if name not in types:
            hint = suggest(name, types)
            suggestion = f"; did you mean {hint}?" if hint else ""
            raise ParameterError(f"parameter {name} is not a parameter of {notebook_name} "
                                 f"(expected one of: {', '.join(types)}){suggestion}")
    result = {name: coerce(name, values[name], types[name]) for name in types if name in values}
    if "start_date" in result and result.get("end_date", LATEST) != LATEST \
            and result["end_date"] < result["start_date"]:
        raise ParameterError(f"parameter end_date: {result['end_date']} is before start_date "
                             f"{result['start_date']} (expected an end date on or after the start date)")
    return result


def check_values(values: dict, notebook: str | Path) -> dict:
    """For the render runner: coerce a plan's values against the notebook's declaration
    (as papermill reads it); defaults fill the rest.

    Raises ParameterError for an unknown name, a wrong type, a value not allowed,
    or an end date before the start date.
    """
    declared = declared_parameters(notebook)
    types = {name: info["inferred_type_name"] for name, info in declared.items()}
    defaults = {name: ast.literal_eval(info["default"]) for name, info in declared.items()}
    return _check({**defaults, **values}, types, Path(str(notebook)).stem)


def _type_name(annotation) -> str:
    return annotation.__name__ if isinstance(annotation, type) else str(annotation).replace("typing.", "")


class Parameters(dict):
    """Checked parameter values, readable as attributes (params.layout)."""

    __getattr__ = dict.__getitem__


def check_parameters(namespace: dict, notebook: str) -> Parameters:
    """For a notebook's second cell: check the parameters as they stand after injection.

    `namespace` is the notebook's globals(). The declaration is the parameters cell's own
    annotations (`__annotations__`, the same lines papermill reads; a consistency test
    keeps the two views equal), so the kernel need not import papermill. A name papermill
    injected that the cell does not declare is a misspelt or unknown parameter.
    """
    annotations = namespace.get("__annotations__") or {}
    if annotations:
        types = {name: _type_name(kind) for name, kind in annotations.items()}
    else:   # called outside a notebook: read the declaration from the notebook file
        types = {name: info["inferred_type_name"] for name, info in declared_parameters(notebook).items()}
    values = {name: namespace[name] for name in types if name in namespace}
    for name in injected_names(namespace):
        values[name] = namespace.get(name)
    return Parameters(_check(values, types, Path(notebook).stem))
