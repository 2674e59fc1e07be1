"""User-facing errors: a mistake in the data, a parameter or the render plan.

A DeskError is a reporter's mistake, not a bug: it is printed as its message alone,
never as a traceback. Inside a notebook (IPython) too: the cell still fails, so papermill
stops the run, but shows only the error's name and message.
"""

from __future__ import annotations


class DeskError(Exception):
    """A problem with the project's inputs, explained in plain words."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or []

    def __str__(self) -> str:
        head = super().__str__()
        if not self.problems:
            return head
        return "\n".join([head, *("  " + p for p in self.problems)])

    def _render_traceback_(self) -> list[str]:
        """What IPython shows for this error instead of a traceback (IPython asks an exception
        for this method by name, as it documents for custom exceptions)."""
        return [f"{type(self).__name__}: {self}"]


class DataError(DeskError):
    """The data files break their contract (data/datapackage.json)."""


class ParameterError(DeskError):
    """A notebook parameter is unknown, of the wrong type or out of range."""


class ClaimContradicted(DeskError):
    """A claim our copy relies on is contradicted by the data."""
