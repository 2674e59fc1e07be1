"""The numbers the story uses, computed from the typed frames (never typed in by hand).

Two bases for counting people freed:
- "official": the number each decree or announcement gave (released_count);
- "political_prisoners": the rights group's count of political prisoners among them
  (political_prisoners_count), which is unknown for many events.
Rows with counts_toward_total = false (context-only, or people already counted) are
left out of every sum. So is every unconfirmed report (a lead: `status` unconfirmed): every
measure takes its releases through `confirmed`, the one function that says which rows may
count, as the data contract declares it (the status field's countedValues).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from helpers import drawn, stories
from helpers.data import BASIS_COLUMN
from helpers.data.contract import STATUS
from helpers.errors import ParameterError
from helpers.params import LATEST
from helpers.text import period_phrase

BASES = tuple(BASIS_COLUMN)
US_ACTOR = re.compile(r"\bUS\b|United States")


@dataclass(frozen=True)
class Period:
    """The dates a figure covers, and whether it runs on to the newest data."""

    start: pd.Timestamp
    end: pd.Timestamp
    open_ended: bool = False    # end_date "latest": titles say "since ...", not "from ... to ..."

    @property
    def phrase(self) -> str:
        return period_phrase(self.start, self.end, self.open_ended)


def plain_rows(frames: dict[str, pd.DataFrame], names) -> dict[str, list[dict]]:
    """The frames' rows as plain values (dates as dates, missing as None), as the runner reads them."""
    found = {}
    for name in names:
        if name not in frames:
            continue
        frame = frames[name]
        values = frame.astype(object).where(frame.notna(), None)
        for column in frame.columns:
            if pd.api.types.is_datetime64_any_dtype(frame[column]):
                values[column] = [v.date() if v is not None else None for v in values[column]]
        found[name] = values.to_dict("records")
    return found


def period(start_date, end_date, frames: dict[str, pd.DataFrame] | None = None, story: str | None = None,
           parameters: dict | None = None) -> Period:
    """The Period a notebook's start_date and end_date parameters describe. end_date "latest" ends with
    the month of the newest dated row the story's figure draws with these `parameters` (the same
    function the runner's check calls: helpers.drawn.period), so it needs the story and its frames."""
    open_ended = isinstance(end_date, str) and end_date == LATEST
    if not open_ended:
        return Period(pd.Timestamp(start_date), pd.Timestamp(end_date), False)
    if story is None or frames is None:
        raise ParameterError('parameter end_date: "latest" needs the story and its data to find the newest row '
                             "the figure draws (measures.period(start, end, frames, story, parameters))")
    item = stories.story(story)
    values = {**(parameters or {}), "start_date": str(pd.Timestamp(start_date).date()), "end_date": LATEST}
    found = drawn.period(item, values, plain_rows(frames, item.datasets))
    if found is None:
        raise ParameterError(f"parameter end_date: latest, but {item.slug} draws no dated row with these "
                             "parameters (expected data to chart, or an end date)")
    return Period(pd.Timestamp(found[0]), pd.Timestamp(found[1]), True)


def confirmed(releases: pd.DataFrame) -> pd.DataFrame:
    """The releases that may be counted: those whose status the contract counts (a frame without a
    status column has no unconfirmed row). Every measure of releases filters through this one function,
    so an unconfirmed report never reaches a total, a key number, a claim check or a change review."""
    frame = releases
    if STATUS not in frame:
        return frame
    counted = drawn.counted_statuses()
    return frame if counted is None else frame[frame[STATUS].isin(counted)]


def leads(frame: pd.DataFrame, start=None, end=None) -> pd.DataFrame:
    """The unconfirmed reports (rows `confirmed` leaves out) within [start, end], in date order."""
    keep = ~frame.index.isin(confirmed(frame).index) & _in_range(frame, start, end)
    return frame[keep].sort_values(["date", frame.columns[0]]).reset_index(drop=True)


def _in_range(frame: pd.DataFrame, start, end) -> pd.Series:
    keep = pd.Series(True, index=frame.index)
    if start is not None:
        keep &= frame["date"] >= pd.Timestamp(start)
    if end is not None:
        keep &= frame["date"] <= pd.Timestamp(end)
    return keep


def counted_releases(releases: pd.DataFrame, start=None, end=None) -> pd.DataFrame:
    """Confirmed release events that count toward totals, within [start, end], in date order."""
    releases = confirmed(releases)
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
