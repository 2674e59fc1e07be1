"""The fact-check ledger: each claim in data/claims.csv, checked against the data.

A claim names a check: one of the functions in CHECKS, each computing the claim's
quantity from the frames and explaining how. The ledger compares the data's value with
the claimed one and gives a verdict: supported, contradicted, or not checkable.
`require_published_claims_hold` stops a render when a claim marked `publish` (one our
own copy relies on) is contradicted: it writes the gate's verdict (helpers.gate) for the
runner, then raises.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pandas as pd

from helpers import gate, measures
from helpers.errors import ClaimContradicted
from helpers.text import day

SUPPORTED, CONTRADICTED, NOT_CHECKABLE = "supported", "contradicted", "not checkable"
JULY_2024 = pd.Timestamp("2024-07-01")


@dataclass(frozen=True)
class Finding:
    """What the data says about a claim's quantity."""

    value: object            # a number, a text, or None when the data cannot say
    explanation: str


# ------------------------------------------------------------------ the checks

def official_pardoned_on(frames: dict, claim: pd.Series) -> Finding:
    """People released on the claim's subject date, by official count (confirmed releases only)."""
    releases = measures.confirmed(frames["releases"])
    on_day = releases[releases["date"] == pd.Timestamp(claim["subject"])]
    if on_day.empty:
        return Finding(0, f"No release is recorded on {day(claim['subject'])}.")
    total = int(on_day["released_count"].sum())
    where = on_day["destination"].astype(str).iloc[0]
    return Finding(total, f"{' + '.join(on_day['release_id'])}: {total} people released on "
                          f"{day(claim['subject'])} by official count (destination: {where}).")


def official_freed_since_july_2024(frames: dict, claim: pd.Series) -> Finding:
    """Sum of official counts of counted releases from July 2024 to the claim's date."""
    releases = frames["releases"]
    counted = measures.counted_releases(releases, JULY_2024, claim["as_of"])
    total = int(counted["released_count"].sum())
    known = counted["political_prisoners_count"].dropna()
    return Finding(total, f"Official counts of {len(counted)} releases from July 2024 to {day(claim['as_of'])} "
                          f"add up to {total:,} people. That total includes people who are not political "
                          f"prisoners; the rights group's per-release count is known for only {len(known)} of them.")


def viasna_freed_since_july_2024(frames: dict, claim: pd.Series) -> Finding:
    """The rights group Viasna's own latest cumulative figure on or before the claim's date."""
    totals = frames["reported_totals"]
    viasna = totals[(totals["measure"] == "freed_since_july_2024")
                    & totals["who_said"].str.contains("Viasna", na=False)
                    & (totals["date"] <= pd.Timestamp(claim["as_of"]))]
    if viasna.empty:
        return Finding(None, "No Viasna cumulative figure is recorded near that date.")
    latest = viasna.sort_values("date").iloc[-1]
    return Finding(float(latest["value"]),
                   f"Viasna's figure of {day(latest['date'])} counts {int(latest['value']):,} political "
                   f"prisoners freed by pardon since July 2024 ({latest['source_publisher']}).")


def left_for_lithuania_after_september_talks(frames: dict, claim: pd.Series) -> Finding:
    """People who actually crossed to Lithuania in the release that came with the September 2025 visit."""
    releases, milestones = measures.confirmed(frames["releases"]), frames["milestones"]
    visit = milestones[(milestones["kind"] == "visit") & (milestones["date"].dt.year == 2025)
                       & (milestones["date"].dt.month == 9)]
    event = releases[releases["milestone_id"].isin(visit["milestone_id"])
                     & (releases["destination"] == "lithuania")]
    if event.empty:
        return Finding(None, "No release to Lithuania is linked to a September 2025 visit.")
    row = event.iloc[0]
    stayed = int(row["refused_to_leave"]) if pd.notna(row["refused_to_leave"]) else 0
    left = int(row["released_count"]) - stayed
    return Finding(left, f"{row['release_id']} on {day(row['date'])}: {int(row['released_count'])} pardoned, "
                         f"{stayed} refused to leave, so {left} were taken to Lithuania.")


def us_potash_relief(frames: dict, claim: pd.Series) -> Finding:
    """The strongest US relief on potash in force by the claim's date: 'ease' (licence) or 'lift' (delisting)."""
    sanctions = frames["sanctions"]
    relief = sanctions[(sanctions["jurisdiction"] == "US") & (sanctions["sector"] == "potash")
                       & sanctions["direction"].isin(["ease", "lift"])
                       & (sanctions["instrument"] != "announcement")
                       & (sanctions["date"] <= pd.Timestamp(claim["as_of"]))].sort_values("date")
    if relief.empty:
        return Finding("none", f"No US relief on potash is recorded by {day(claim['as_of'])}.")
    latest = relief.iloc[-1]
    later = sanctions[(sanctions["jurisdiction"] == "US") & (sanctions["sector"] == "potash")
                      & (sanctions["direction"] == "lift") & (sanctions["date"] > pd.Timestamp(claim["as_of"]))]
    text = (f"By {day(claim['as_of'])} the US step in force was {latest['action_id']} on {day(latest['date'])}: "
            f"{latest['instrument'].replace('_', ' ')} ({latest['direction']}).")
    if latest["direction"] == "ease":
        text += " A general licence allows dealings but leaves the companies on the sanctions list."
    if not later.empty:
        first = later.sort_values("date").iloc[0]
        text += f" A delisting was announced on {day(first['date'])} ({first['action_id']})."
    return Finding(str(latest["direction"]), text)


def spouse_of(frames: dict, claim: pd.Series) -> Finding:
    """The spouse recorded for the person named in the claim's subject."""
    people = frames["people"]
    person = people[people["name"] == claim["subject"]]
    if person.empty or pd.isna(person.iloc[0]["spouse"]):
        return Finding(None, f"The data records no spouse for {claim['subject']}.")
    row = person.iloc[0]
    return Finding(str(row["spouse"]), f"{row['name']} is married to {row['spouse']} ({row['source_publisher']}).")


CHECKS: dict[str, Callable[[dict, pd.Series], Finding]] = {
    fn.__name__: fn for fn in (official_pardoned_on, official_freed_since_july_2024, viasna_freed_since_july_2024,
                               left_for_lithuania_after_september_talks, us_potash_relief, spouse_of)
}


NEEDS_SUBJECT = {official_pardoned_on, spouse_of}


# ------------------------------------------------------------------ verdicts

def compare(value, comparison: str, claimed, claimed_high=None) -> bool:
    if comparison == "is":
        return str(value) == str(claimed)
    value, claimed = float(value), float(claimed)
    if comparison == "=":
        return value == claimed
    if comparison == ">=":
        return value >= claimed
    if comparison == ">":
        return value > claimed
    if comparison == "<=":
        return value <= claimed
    if comparison == "<":
        return value < claimed
    if comparison == "between":
        return claimed <= value <= float(claimed_high)
    raise ValueError(f"unknown comparison {comparison!r}")


def verdict(frames: dict, claim: pd.Series) -> dict:
    check = CHECKS.get(claim["check"]) if pd.notna(claim["check"]) else None
    if check is None:
        return {"verdict": NOT_CHECKABLE, "data_value": "",
                "explanation": "Our data has nothing that measures this claim."}
    if check in NEEDS_SUBJECT and pd.isna(claim["subject"]):
        return {"verdict": NOT_CHECKABLE, "data_value": "",
                "explanation": f"The check {claim['check']} needs a subject (a date or a name); it is empty."}
    finding = check(frames, claim)
    if finding.value is None:
        return {"verdict": NOT_CHECKABLE, "data_value": "", "explanation": finding.explanation}
    holds = compare(finding.value, claim["comparison"], claim["claimed_value"], claim.get("claimed_high"))
    value = f"{finding.value:,.0f}" if isinstance(finding.value, (int, float)) else str(finding.value)
    return {"verdict": SUPPORTED if holds else CONTRADICTED, "data_value": value,
            "explanation": finding.explanation}


IN_WORDS = {"=": "exactly", ">=": "at least", "<=": "at most", ">": "more than", "<": "fewer than",
            "between": "between", "is": ""}


def ledger(frames: dict) -> pd.DataFrame:
    """Every claim with the data's value beside the claimed one and a verdict."""
    claims = frames["claims"]
    rows = []
    for _, claim in claims.iterrows():
        high = claim.get("claimed_high")
        claimed = f"{IN_WORDS[claim['comparison']]} {claim['claimed_value']}".strip() \
            + (f" and {high:g}" if pd.notna(high) else "")
        rows.append({"claim_id": claim["claim_id"], "claim": claim["claim"], "published_in": claim["published_in"],
                     "claimed": claimed, "publish": bool(claim["publish"]), **verdict(frames, claim)})
    return pd.DataFrame(rows)


def require_published_claims_hold(table: pd.DataFrame, output_dir=None) -> None:
    """Stop the render if our own copy relies on a claim the data contradicts. With `output_dir`,
    the verdict is first written there as the gate file the render runner reads (helpers.gate)."""
    bad = table[table["publish"] & (table["verdict"] == CONTRADICTED)].to_dict("records")
    if output_dir is not None:
        gate.write(output_dir, bad)
    if bad:
        raise ClaimContradicted(
            f"{len(bad)} published claim(s) are contradicted by the data; the render stops so that no copy "
            "ships that the data contradicts:", [gate.describe(row) for row in bad])
