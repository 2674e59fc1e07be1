"""User-facing errors: a mistake in the data, a parameter or the render plan.

A DeskError is a reporter's mistake, not a bug: it is printed as its message alone,
never as a traceback. Inside a notebook, `show_desk_errors_briefly()` makes IPython
do the same while still failing the cell, so that papermill stops the run.
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


class DataError(DeskError):
    """The data files break their contract (data/datapackage.json)."""


class ParameterError(DeskError):
    """A notebook parameter is unknown, of the wrong type or out of range."""


class ClaimContradicted(DeskError):
    """A claim our copy relies on is contradicted by the data."""


def show_desk_errors_briefly() -> None:
    """In IPython, show a DeskError as its message only; the cell still fails."""
    try:
        ip = get_ipython()  # type: ignore[name-defined]  # noqa: F821
    except NameError:
        return

    def brief(shell, etype, value, tb, tb_offset=None):
        stb = [f"{etype.__name__}: {value}"]
        shell._showtraceback(etype, value, stb)
        return stb

    ip.set_custom_exc((DeskError,), brief)
