"""The data contract: data/datapackage.json, and the problems found against it.

Standard library only: the render runner imports this without pandas.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from helpers import paths


# What a problem says about a date after today: such a result can change as days pass.
FUTURE = "is in the future"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in a data file."""

    file: str
    line: int | None
    column: str | None
    message: str

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
    raise KeyError(f"no dataset called {name!r} in datapackage.json")


def enum(resource_name: str, field_name: str, data_dir: Path | None = None) -> tuple[str, ...]:
    """The allowed values of a column, in the order the contract lists them."""
    fields = resource(resource_name, data_dir)["schema"]["fields"]
    return tuple(next(f for f in fields if f["name"] == field_name)["constraints"]["enum"])


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
