"""The desk's stories, each declared once: one record per story in STORIES.

A story has one short name (Our World in Data's `short_name`); every other name is made from it:

    short name       sanctions_and_releases
    notebook         notebooks/02_sanctions_and_releases.ipynb   (its number, then the short name)
    figure module    helpers.figures.sanctions_and_releases
    figure slug      sanctions-and-releases    (its published files: sanctions-and-releases.svg, ...)
    editions         sanctions-and-releases-<layout>[-<language>] in renders.yml (the slug first)

The record says what the rest of the desk needs to know of a story: the datasets its notebook
loads (an edition's data inputs, helpers.inputs), the layouts it is drawn in, the id column of
each table it publishes (the change review matches rows by it), whether its table is the claims
ledger (the site shows it as such), its own check of an edition's parameters before any
kernel starts (`empty_period`: which periods it cannot chart), and which rows it draws (`draws`,
helpers.drawn: `end_date: latest` ends at the month of the newest of them, for the runner's check
and the figure alike). Its place in STORIES is its
place on the site and in the change review. The runner, the change review and the site read
these records and nothing else about stories: a new story is one record here, its notebook
and its figure module (and its editions in renders.yml).

Plain data and the standard library: the runner reads it before pandas is imported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Callable

from helpers import drawn
from helpers.drawn import RELEASES, counted
from helpers.errors import DeskError
from helpers.layouts import LAYOUTS

ALL_LAYOUTS = tuple(LAYOUTS)


@dataclass(frozen=True)
class Story:
    number: int                        # its notebook's number: notebooks/<NN>_<short name>.ipynb
    short_name: str
    datasets: tuple[str, ...]          # the data/datapackage.json resources its notebook loads
    layouts: tuple[str, ...]           # the helpers.layouts names it can be drawn in
    id_column: str                     # the id column of its figure's table, <slug>.csv
    other_tables: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))  # stem -> id column
    ledger: bool = False               # its table is the claims ledger (claim_id, claim, verdict, publish)
    # Its own check of an edition's parameters against the data's rows (plain values, before any
    # kernel): a sentence saying why the period cannot be charted, or None.
    empty_period: Callable[[dict, dict], str | None] | None = None
    # The dates of the rows its figure draws with these parameters (plain values): "latest" ends at
    # the month of the newest (helpers.drawn.period). None: a story with no time axis.
    draws: Callable[[dict, dict], list[dt.date]] | None = None

    @property
    def slug(self) -> str:
        return self.short_name.replace("_", "-")

    @property
    def notebook(self) -> str:
        return f"notebooks/{self.number:02d}_{self.short_name}.ipynb"

    @property
    def figure_module(self) -> str:
        return f"helpers.figures.{self.short_name}"

    @property
    def tables(self) -> dict[str, str]:
        """Every CSV the story publishes (file name) with its id column."""
        return {f"{self.slug}.csv": self.id_column, **{f"{stem}.csv": key for stem, key in self.other_tables.items()}}

    def names_edition(self, name: str) -> bool:
        """An edition of this story is named after it: the slug, or the slug then '-...'."""
        return name == self.slug or name.startswith(self.slug + "-")


# ------------------------------------------------------------------ the stories' own checks

def _period(parameters: dict, rows: dict, item: Story) -> tuple[dt.date, dt.date] | None:
    return drawn.period(item, parameters, rows)


def _within(row: dict, start: dt.date, end: dt.date) -> bool:
    return start <= drawn.day(row["date"]) <= end


def no_counted_release(parameters: dict, rows: dict) -> str | None:
    """The headline charts people freed: a period without a release counted on its basis is empty."""
    from helpers.data import BASIS_COLUMN

    period = _period(parameters, rows, story("cumulative_releases"))
    basis = parameters.get("basis", "official")
    if period is None or any(counted(row) and _within(row, *period) and row[BASIS_COLUMN[basis]]
                             is not None for row in rows[RELEASES]):
        return None
    return (f"parameters start_date/end_date ({period[0]} to {period[1]}) select no release events with a known "
            f"count on basis {basis} (expected a period with at least one)")


def no_action_or_release(parameters: dict, rows: dict) -> str | None:
    """The sanctions timeline draws actions and releases: a period with either can be charted."""
    period = _period(parameters, rows, story("sanctions_and_releases"))
    if period is None:
        return None
    jurisdictions, sectors = parameters.get("jurisdictions", ()), parameters.get("sectors", ())
    if any(_within(row, *period) and row["jurisdiction"] in jurisdictions and row["sector"] in sectors
           for row in rows["sanctions"]) or any(counted(row) and _within(row, *period)
                                               for row in rows[RELEASES]):
        return None
    return (f"parameters start_date/end_date ({period[0]} to {period[1]}) select no sanctions action of "
            f"{', '.join(jurisdictions)} in {', '.join(sectors)} and no release (expected a period with "
            "at least one)")


def no_count_held(parameters: dict, rows: dict) -> str | None:
    """The revolving door draws counts of political prisoners held: a period without one is empty."""
    period = _period(parameters, rows, story("prisoners_held"))
    if period is None or any(_within(row, *period) for row in rows["prisoner_counts"]):
        return None
    return (f"parameters start_date/end_date ({period[0]} to {period[1]}) select no count of political "
            "prisoners held (expected a period with at least one)")


# ------------------------------------------------------------------ the registry

STORIES: tuple[Story, ...] = (
    # The first dataset is the story's main one: its last check (data/checks.csv) is the figure's.
    Story(1, "cumulative_releases", datasets=("releases", "milestones", "sanctions", "checks"), layouts=ALL_LAYOUTS,
          id_column="id", empty_period=no_counted_release, draws=drawn.headline),
    Story(2, "sanctions_and_releases", datasets=("sanctions", "releases", "checks"), layouts=ALL_LAYOUTS,
          id_column="id", other_tables=MappingProxyType({"us-relief-steps": "action_id"}),
          empty_period=no_action_or_release, draws=drawn.sanctions),
    Story(3, "prisoners_held", datasets=("prisoner_counts", "releases", "reported_totals", "checks"),
          layouts=ALL_LAYOUTS, id_column="id", empty_period=no_count_held, draws=drawn.held),
    # A table of claims does not read at thumbnail size: no social card.
    Story(4, "claims_check", datasets=("claims", "releases", "milestones", "sanctions", "reported_totals", "people"),
          layouts=("desktop", "mobile"), id_column="claim_id", ledger=True),
)


def story(short_name: str) -> Story:
    for item in STORIES:
        if item.short_name == short_name:
            return item
    raise DeskError(f"there is no story called {short_name!r} in src/helpers/stories.py "
                    f"(expected one of: {', '.join(s.short_name for s in STORIES)})")


def by_notebook(notebook: str) -> Story | None:
    """The story whose notebook this is (a path relative to the project), or None."""
    return next((item for item in STORIES if item.notebook == notebook), None)


def by_slug(slug: str | None) -> Story | None:
    return next((item for item in STORIES if item.slug == slug), None)


def place(slug: str | None) -> tuple[int, str]:
    """Where a figure comes on the site and in the change review: in the order of STORIES; a figure of
    no story (an older bundle) after them, by name."""
    found = by_slug(slug)
    return (STORIES.index(found) if found else len(STORIES), str(slug or ""))


def parameter_problems(item: Story, parameters: dict, rows: dict) -> list[str]:
    """What the story says of an edition's checked parameters, before any kernel starts."""
    problems = []
    layout = parameters.get("layout")
    if layout is not None and layout not in item.layouts:
        problems.append(f"parameter layout: {layout} is not available for {item.slug} (expected one of: "
                        f"{', '.join(item.layouts)})")
    empty = item.empty_period(parameters, rows) if item.empty_period else None
    if empty:
        problems.append(empty)
    return problems
