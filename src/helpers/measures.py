"""The numbers the story uses, computed from the typed frames (never typed in by hand).

Two bases for counting people freed:
- "official": the number each decree or announcement gave (released_count);
- "political_prisoners": the rights group's count of political prisoners among them
  (political_prisoners_count), which is unknown for many events.
Rows with counts_toward_total = false (context-only, or people already counted) are
left out of every sum.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from helpers.data import BASIS_COLUMN
from helpers.params import LATEST, latest_end
from helpers.text import period_phrase

BASES = tuple(BASIS_COLUMN)
US_ACTOR = re.compile(r"\bUS\b|United States")


def resolve_end(end, releases: pd.DataFrame):
    """end_date "latest": the last day of the month of the newest release in the data (params.latest_end)."""
    if isinstance(end, str) and end == LATEST:
        return pd.Timestamp(latest_end(releases["date"].max().date()))
    return pd.Timestamp(end)


@dataclass(frozen=True)
class Period:
    """The dates a figure covers, and whether it runs on to the newest data."""

    start: pd.Timestamp
    end: pd.Timestamp
    open_ended: bool = False    # end_date "latest": titles say "since ...", not "from ... to ..."

    @property
    def phrase(self) -> str:
        return period_phrase(self.start, self.end, self.open_ended)


def period(start_date, end_date, releases: pd.DataFrame) -> Period:
    """The Period a notebook's start_date and end_date parameters describe."""
    open_ended = isinstance(end_date, str) and end_date == LATEST
    return Period(pd.Timestamp(start_date), resolve_end(end_date, releases), open_ended)


def _in_range(frame: pd.DataFrame, start, end) -> pd.Series:
    keep = pd.Series(True, index=frame.index)
    if start is not None:
        keep &= frame["date"] >= pd.Timestamp(start)
    if end is not None:
        keep &= frame["date"] <= pd.Timestamp(end)
    return keep


def counted_releases(releases: pd.DataFrame, start=None, end=None) -> pd.DataFrame:
    """Release events that count toward totals, within [start, end], in date order."""
    keep = releases["counts_toward_total"].fillna(False).astype(bool) & _in_range(releases, start, end)
    return releases[keep].sort_values(["date", "release_id"]).reset_index(drop=True)


@dataclass(frozen=True)
class CumulativeSeries:
    """People freed, event by event, on one basis."""

    basis: str
    events: pd.DataFrame        # one row per counted event, with `freed` and `cumulative`
    total: int                  # people freed in the period on this basis
    unknown_events: int         # events whose count is unknown on this basis (left out)
    unknown_people_official: int  # their official count (the figure's translated footnote says it)


def cumulative(releases: pd.DataFrame, basis: str = "official", start=None, end=None) -> CumulativeSeries:
    if basis not in BASES:
        raise ValueError(f"basis must be one of {BASES}, not {basis!r}")
    events = counted_releases(releases, start, end)
    counts = events[BASIS_COLUMN[basis]]
    unknown = counts.isna()
    unknown_people = int(events.loc[unknown, "released_count"].sum())
    events = events[~unknown].copy()
    events["freed"] = counts[~unknown].astype("Int64")
    events["cumulative"] = events["freed"].cumsum().astype("Int64")
    total = int(events["freed"].sum()) if len(events) else 0
    return CumulativeSeries(basis, events.reset_index(drop=True), total, int(unknown.sum()), unknown_people)


def official_total(releases: pd.DataFrame, start=None, end=None) -> int:
    return int(counted_releases(releases, start, end)["released_count"].sum())


def largest_release(releases: pd.DataFrame, start=None, end=None) -> pd.Series:
    events = counted_releases(releases, start, end)
    return events.loc[events["released_count"].astype("int64").idxmax()]


def us_visit_ids(milestones: pd.DataFrame) -> set[str]:
    """Milestones that are visits by US officials."""
    visits = milestones[(milestones["kind"] == "visit") & milestones["actors"].str.contains(US_ACTOR)]
    return set(visits["milestone_id"])


def releases_with_us_visit(releases: pd.DataFrame, milestones: pd.DataFrame, start=None, end=None) -> pd.DataFrame:
    events = counted_releases(releases, start, end)
    return events[events["milestone_id"].isin(us_visit_ids(milestones))].reset_index(drop=True)


def key_numbers(releases: pd.DataFrame, milestones: pd.DataFrame, basis: str = "official",
                start=None, end=None) -> pd.DataFrame:
    """The story's headline numbers for a period, each with how it was computed."""
    from helpers.errors import ParameterError

    end = resolve_end(end, releases)
    series = cumulative(releases, basis, start, end)
    if series.events.empty:
        raise ParameterError(f"parameters start_date/end_date: {pd.Timestamp(start).date()} to "
                             f"{pd.Timestamp(end).date()} selects no release events with a known count "
                             "(expected a period containing at least one release)")
    largest = series.events.loc[series.events["freed"].astype("int64").idxmax()]
    visits = releases_with_us_visit(releases, milestones, start, end)
    visits = visits[visits[BASIS_COLUMN[basis]].notna()]        # as on the chart: known counts only
    visit_people = visits[BASIS_COLUMN[basis]]
    rows = [
        ("People freed (" + basis.replace("_", " ") + ")", series.total,
         f"sum of {BASIS_COLUMN[basis]} over {len(series.events)} counted releases"),
        ("Largest single release", int(largest["freed"]), f"{largest['release_id']} on {largest['date']:%d %B %Y}"),
        ("Releases that came with a US visit", len(visits), ", ".join(visits["release_id"])),
        ("People freed in those releases", int(visit_people.sum()),
         "releases linked to a milestone of kind 'visit' by US officials"),
    ]
    if series.unknown_events:
        rows.append(("Releases with no count on this basis", series.unknown_events,
                     f"{series.unknown_people_official:,} people by official count, left out"))
    return pd.DataFrame(rows, columns=["measure", "value", "how"])


# What each sanctions direction (data/sanctions.csv) means for Belarus, declared once.
PRESSURE = ("impose", "tighten")
RELIEF = ("ease", "lift")       # "ease": a licence, the target stays listed; "lift": a delisting


def relief_steps(sanctions: pd.DataFrame, releases: pd.DataFrame, jurisdiction: str = "US",
                 window_days: int = 7, start=None, end=None) -> pd.DataFrame:
    """Each easing or lifting step with the release it followed or accompanied.

    The release is the latest counted release on or before the step's date; the gap is
    the number of days between them. Announcements are kept: they are the public step.
    """
    steps = sanctions[(sanctions["jurisdiction"] == jurisdiction) & sanctions["direction"].isin(RELIEF)
                      & _in_range(sanctions, start, end)].sort_values(["date", "action_id"])
    events = counted_releases(releases)
    rows = []
    for step in steps.itertuples():
        before = events[events["date"] <= step.date]
        release = before.iloc[-1] if len(before) else None
        gap = (step.date - release["date"]).days if release is not None else None
        rows.append({
            "action_id": step.action_id, "date": step.date, "direction": step.direction,
            "instrument": step.instrument, "target": step.target, "sector": step.sector,
            "release_id": release["release_id"] if release is not None else None,
            "release_date": release["date"] if release is not None else pd.NaT,
            "released_count": int(release["released_count"]) if release is not None else None,
            "gap_days": gap,
            "within_window": gap is not None and gap <= window_days,
            "source_url": step.source_url,
        })
    return pd.DataFrame(rows, columns=["action_id", "date", "direction", "instrument", "target", "sector",
                                       "release_id", "release_date", "released_count", "gap_days",
                                       "within_window", "source_url"])


def held_series(counts: pd.DataFrame, max_gap_days: int, start=None, end=None,
                viasna_only: bool = True) -> pd.DataFrame:
    """Political prisoners held, with a new segment wherever the series has a gap.

    A gap longer than max_gap_days breaks the line instead of bridging it silently.
    """
    series = counts[_in_range(counts, start, end)]
    if viasna_only:
        series = series[series["is_viasna"].fillna(False).astype(bool)]
    series = series.sort_values(["date", "count_id"]).reset_index(drop=True)
    gaps = series["date"].diff().dt.days.fillna(0) > max_gap_days
    series["segment"] = gaps.cumsum().astype(int)
    return series
