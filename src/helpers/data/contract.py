"""The data contract: data/datapackage.json, and the problems found against it.

The descriptor itself is checked first (`descriptor_problems`), against the parts of the
Frictionless Data Package and Table Schema specs the desk relies on: a resource needs a name, a
path and a schema with fields; a field a name and a type the validator checks; an enum a list;
keys name fields that exist. Each problem is one sentence naming the file and the resource.
Standard library only: the render runner imports this without pandas.
"""

from __future__ import annotations

import difflib
import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

from helpers import paths
from helpers.errors import DataError

# What kind of problem it is: the data breaks its contract; a date is after today (which can stop
# being a problem as days pass: the validation cache checks again on a later day only when it
# holds one); the descriptor, datapackage.json, is itself wrong.
CONTRACT, FUTURE_DATE, DESCRIPTOR = "contract", "future date", "descriptor"
# Table Schema's field types (specs.frictionlessdata.io/table-schema), and those this desk checks.
SPEC_TYPES = ("string", "number", "integer", "boolean", "object", "array", "list", "date", "time", "datetime",
              "year", "yearmonth", "duration", "geopoint", "geojson", "any")
CHECKED_TYPES = ("string", "integer", "number", "boolean", "date")
STATUS = "status"      # the column saying whether a row counts (its field lists the "countedValues")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in a data file."""

    file: str
    line: int | None
    column: str | None
    message: str
    kind: str = field(default=CONTRACT, compare=False)

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f" line {self.line}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


@functools.lru_cache(maxsize=8)
def _read_package(path: Path, mtime: float) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def package(data_dir: Path | None = None) -> dict:
    """The data package descriptor (cached until the file changes)."""
    path = Path(data_dir or paths.data_dir()) / "datapackage.json"
    return _read_package(path, path.stat().st_mtime)


def resource(name: str, data_dir: Path | None = None) -> dict:
    for res in package(data_dir)["resources"]:
        if res["name"] == name:
            return res
    raise DataError(f"data/datapackage.json has no resource called {name!r} (expected one of: "
                    f"{', '.join(resource_names(data_dir))})")


def enum(resource_name: str, field_name: str, data_dir: Path | None = None) -> tuple[str, ...]:
    """The allowed values of a column, in the order the contract lists them."""
    fields = resource(resource_name, data_dir)["schema"]["fields"]
    found = next((f for f in fields if f["name"] == field_name), {})
    allowed = found.get("constraints", {}).get("enum")
    if not allowed:
        raise DataError(f"data/datapackage.json, resource {resource_name}: has no field {field_name} with an enum "
                        "constraint (the desk reads that column's allowed values from it; was it renamed?)")
    return tuple(allowed)


def counted_values(res: dict) -> tuple[str, ...] | None:
    """The statuses that count, when a resource's rows carry one: its `status` field's "countedValues"
    (data/datapackage.json; releases: confirmed). A row with another status is a lead, never counted
    (helpers.measures.confirmed filters every measure through it). None: the resource has no status."""
    for spec in res["schema"]["fields"]:
        if spec["name"] == STATUS and isinstance(spec.get("countedValues"), list):
            return tuple(spec["countedValues"])
    return None


def resource_names(data_dir: Path | None = None) -> list[str]:
    return [res["name"] for res in package(data_dir)["resources"]]


def display_name(data_dir: Path, filename: str) -> str:
    """How problems name a file: `data/releases.csv`."""
    return f"{data_dir.name}/{filename}"


def expected(field: dict) -> str:
    """What a cell of this column should hold, in words."""
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


# ------------------------------------------------------------------ the descriptor itself

def descriptor_problems(pkg, shown: str) -> list[Problem]:
    """What is wrong with the data package descriptor itself, before any data is read."""
    if not isinstance(pkg, dict) or not isinstance(pkg.get("resources"), list) or not pkg["resources"]:
        return [Problem(shown, None, None, 'has no "resources" list (expected one entry per data file)', DESCRIPTOR)]
    problems = []
    columns_of = {res["name"]: _column_names(res) for res in pkg["resources"] if isinstance(res, dict)
                  and isinstance(res.get("name"), str)}
    for number, res in enumerate(pkg["resources"], start=1):
        problems += [Problem(shown, None, None, text, DESCRIPTOR)
                     for text in _resource_problems(res, number, columns_of)]
    return problems


def _column_names(res: dict) -> list[str]:
    schema = res.get("schema")
    fields = schema.get("fields") if isinstance(schema, dict) else None
    return [f["name"] for f in fields if isinstance(f, dict) and "name" in f] if isinstance(fields, list) else []


def _resource_problems(res, number: int, columns_of: dict[str, list[str]]) -> list[str]:
    if not isinstance(res, dict) or not isinstance(res.get("name"), str) or not res["name"]:
        return [f"resource {number} has no name (expected a name such as \"releases\")"]
    where = f"resource {res['name']}"
    if not isinstance(res.get("path"), str) or not res["path"]:
        return [f"{where} has no path (expected the CSV file's name, e.g. \"{res['name']}.csv\")"]
    schema = res.get("schema")
    fields = schema.get("fields") if isinstance(schema, dict) else None
    if not isinstance(fields, list) or not fields:
        return [f'{where} has no schema with "fields" (expected a list describing each column)']
    problems, columns = [], []
    for index, spec in enumerate(fields, start=1):
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str) or not spec["name"]:
            problems.append(f"{where}: field {index} has no name")
            continue
        columns.append(spec["name"])
        problems += _field_problems(spec, f"{where}, field {spec['name']}")
    key = schema.get("primaryKey")
    for column in [key] if isinstance(key, str) else key or []:
        if column not in columns:
            problems.append(f"{where}: primaryKey names {column!r}, which is not one of its fields")
    for fk in schema.get("foreignKeys") or []:
        problems += _link_problems(fk, where, columns, columns_of)
    return problems


def _field_problems(spec: dict, where: str) -> list[str]:
    kind = spec.get("type", "string")
    if kind not in SPEC_TYPES:
        hint = difflib.get_close_matches(str(kind), CHECKED_TYPES, n=1)
        return [f"{where}: type {kind!r} is not a Table Schema field type (expected one of: "
                f"{', '.join(CHECKED_TYPES)})" + (f"; did you mean {hint[0]!r}?" if hint else "")]
    if kind not in CHECKED_TYPES:
        return [f"{where}: type {kind!r} is a Table Schema type this desk does not check (expected one of: "
                f"{', '.join(CHECKED_TYPES)})"]
    constraints = spec.get("constraints", {})
    if not isinstance(constraints, dict):
        return [f"{where}: constraints must be a mapping (e.g. {{\"required\": true}})"]
    allowed = constraints.get("enum")
    if allowed is not None and (not isinstance(allowed, list) or not allowed):
        return [f"{where}: enum must be a list of the allowed values"]
    return []


def _link_problems(fk, where: str, columns: list[str], columns_of: dict[str, list[str]]) -> list[str]:
    own = fk.get("fields") if isinstance(fk, dict) else None
    reference = fk.get("reference") if isinstance(fk, dict) else None
    if not own or not isinstance(reference, dict) or not reference.get("resource") or not reference.get("fields"):
        return [f"{where}: a foreignKeys entry needs fields and a reference (resource, fields)"]
    problems = [f"{where}: foreignKeys names {column!r}, which is not one of its fields"
                for column in ([own] if isinstance(own, str) else own) if column not in columns]
    target, target_fields = reference["resource"], reference["fields"]
    if target not in columns_of:
        problems.append(f"{where}: foreignKeys refers to resource {target!r}, which the package does not have")
    else:
        problems += [f"{where}: foreignKeys refers to {target}.{column}, which is not one of its fields"
                     for column in ([target_fields] if isinstance(target_fields, str) else target_fields)
                     if column not in columns_of[target]]
    return problems
