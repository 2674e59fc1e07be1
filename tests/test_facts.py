"""The real data says what the research dossier and its fact-check (AUDIT.md) say.

These tests read the real data/ folder (read-only) and fail when a number, a date or a
coding decision drifts from the dossier: /work/shared/research/RELEASES_REPORT.md,
SANCTIONS_REPORT.md and AUDIT.md (the corrections it recommends are applied here).
Rows are found by what they contain (date, count, measure), not by position.
"""

from __future__ import annotations

import csv
import re

import pandas as pd
import pytest

from conftest import ROOT
from helpers import data, measures

RESEARCH = ROOT.parent / "shared" / "research"


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return data.load_all(ROOT / "data")


@pytest.fixture(scope="module")
def releases(frames) -> pd.DataFrame:
    return frames["releases"]


@pytest.fixture(scope="module")
def milestones(frames) -> pd.DataFrame:
    return frames["milestones"]


@pytest.fixture(scope="module")
def sanctions(frames) -> pd.DataFrame:
    return frames["sanctions"].set_index("action_id")


def one(frame: pd.DataFrame, what: str) -> pd.Series:
    assert len(frame) == 1, f"expected exactly one row for {what}, found {len(frame)}:\n{frame}"
    return frame.iloc[0]


def in_month(frame: pd.DataFrame, year: int, month: int) -> pd.DataFrame:
    return frame[(frame["date"].dt.year == year) & (frame["date"].dt.month == month)]


# ---------------------------------------------------------------- the release table

def test_release_ids_run_e01_to_e27_in_date_order(releases):
    assert list(releases["release_id"]) == [f"E{n:02d}" for n in range(1, 28)]
    assert releases["date"].is_monotonic_increasing
    assert releases["date"].min() == pd.Timestamp("2024-07-03")
    assert releases["date"].max() == pd.Timestamp("2026-03-19")


def test_sub_counts_never_exceed_the_official_count(releases):
    for column in ("political_prisoners_count", "foreign_nationals", "refused_to_leave"):
        known = releases[releases[column].notna()]
        too_many = known[known[column] > known["released_count"]]
        assert too_many.empty, f"{column} larger than released_count in {list(too_many['release_id'])}"


# ---------------------------------------------------------------- 2024: 227, and Viasna's 569 - 342

def test_official_pardons_of_2024_add_up_to_227(releases):
    """RFE/RL's series 18, 30, 30, 37, 31, 32 (= 178 by 20 Nov), then 29 and 20 (AUDIT section 3)."""
    counted_2024 = measures.counted_releases(releases, "2024-01-01", "2024-12-31")
    assert list(counted_2024["released_count"]) == [18, 30, 30, 37, 31, 32, 29, 20]
    assert measures.official_total(releases, "2024-01-01", "2024-11-20") == 178
    assert measures.official_total(releases, "2024-01-01", "2024-12-31") == 227


def viasna(totals: pd.DataFrame) -> pd.DataFrame:
    return totals[totals["who_said"].str.contains("Viasna") & (totals["qualifier"] == "exact")]


def test_viasna_569_since_july_2024_minus_342_in_2025_equals_official_2024(frames, releases):
    """Both figures come from Viasna's year-end report (23 Dec 2025)."""
    totals = viasna(frames["reported_totals"])
    in_2025 = one(totals[(totals["measure"] == "freed_in_period")
                         & (totals["period_start"] == pd.Timestamp("2025-01-01"))
                         & (totals["period_end"] == pd.Timestamp("2025-12-31"))], "Viasna's pardons in 2025")
    since_july = one(totals[(totals["measure"] == "freed_since_july_2024") & (totals["date"] == in_2025["date"])],
                     "Viasna's year-end total since July 2024")
    assert in_2025["date"] == pd.Timestamp("2025-12-23")
    assert (since_july["value"], in_2025["value"]) == (569, 342)
    assert since_july["value"] == totals.loc[totals["measure"] == "freed_since_july_2024", "value"].max()
    official_2024 = measures.official_total(releases, "2024-01-01", "2024-12-31")
    assert since_july["value"] - in_2025["value"] == 227 == official_2024


def test_the_227_match_is_described_as_arithmetic_only(frames):
    """AUDIT item 3: 569 - 342 = 227 agrees arithmetically; it does not confirm Viasna counted 227."""
    totals = frames["reported_totals"]
    in_2025 = one(viasna(totals)[viasna(totals)["value"] == 342], "the 342 row")
    assert "agrees arithmetically" in in_2025["notes"]
    assert "207" in in_2025["notes"] and "175" in in_2025["notes"]


def test_16_august_2024_decree_is_counted_once(releases):
    """The '13 freed around 21-22 Aug' were freed under the 16 Aug decree: not a separate row."""
    august = in_month(releases, 2024, 8)
    decree = one(august, "August 2024")
    assert decree["date"] == pd.Timestamp("2024-08-16")
    assert decree["released_count"] == 30
    assert (releases["released_count"] == 13).sum() == 0
    assert "do not add it again" in decree["notes"]


def test_pardon_of_29_is_dated_monday_9_december_2024(releases):
    pardon = one(releases[releases["released_count"] == 29], "the pardon of 29")
    assert pardon["date"] == pd.Timestamp("2024-12-09")
    assert pardon["date"].day_name() == "Monday"
    assert sorted(in_month(releases, 2024, 11)["released_count"]) == [31, 32], "November 2024 had 31 and 32"


# ---------------------------------------------------------------- 2025 and 2026

def test_13_december_2025_freed_123_114_to_ukraine_and_9_to_lithuania(releases):
    row = one(releases[releases["date"] == pd.Timestamp("2025-12-13")], "13 Dec 2025")
    assert row["released_count"] == 123
    assert row["destination"] == "mixed"
    assert re.search(r"\b114 sent to Ukraine\b", row["notes"]), row["notes"]
    assert re.search(r"\b9 to Lithuania\b", row["notes"]), row["notes"]
    assert 114 + 9 == row["released_count"]


@pytest.mark.parametrize("year,total", [(2024, 227), (2025, 369), (2026, 269)])
def test_official_sum_by_year(releases, year, total):
    assert measures.official_total(releases, f"{year}-01-01", f"{year}-12-31") == total


def test_official_total_since_july_2024_is_865(releases):
    assert measures.official_total(releases) == 865 == 227 + 369 + 269


def test_dossier_866_is_865_plus_nuhfer_who_is_not_counted(releases):
    """The dossier left out only E02 and E25 (866, with 370 in 2025); E12 Nuhfer is context-only too."""
    nuhfer = one(releases[releases["notable_people"].str.contains("Nuhfer", na=False)], "Nuhfer")
    assert nuhfer["release_id"] == "E12"
    assert not nuhfer["counts_toward_total"]
    assert nuhfer["released_count"] == 1
    assert nuhfer["political_prisoners_count"] == 0, "not on Viasna's list"
    dossier_sum = releases.loc[~releases["release_id"].isin(["E02", "E25"]), "released_count"].sum()
    assert dossier_sum == 866 == measures.official_total(releases) + nuhfer["released_count"]
    assert measures.official_total(releases, "2025-01-01", "2025-12-31") + 1 == 370


def test_context_only_rows_are_exactly_krieger_nuhfer_and_statkevich(releases):
    left_out = releases[~releases["counts_toward_total"]].set_index("release_id")["notable_people"]
    assert left_out.to_dict() == {"E02": "Rico Krieger", "E12": "Anastassia Nuhfer", "E25": "Mikola Statkevich"}


def test_statkevich_is_counted_once_in_the_52_of_11_september_2025(releases):
    september = one(releases[releases["date"] == pd.Timestamp("2025-09-11")], "11 Sept 2025")
    assert september["released_count"] == 52
    assert september["refused_to_leave"] == 1
    assert "Mikola Statkevich" in september["notable_people"]
    assert september["counts_toward_total"]


def test_e27_is_250_freed_on_19_march_2026(releases):
    e27 = one(releases[releases["release_id"] == "E27"], "E27")
    assert e27["date"] == pd.Timestamp("2026-03-19")
    assert e27["released_count"] == 250
    assert measures.largest_release(releases)["release_id"] == "E27"


# ---------------------------------------------------------------- milestones

def test_every_linked_release_falls_within_3_days_of_its_milestone(releases, milestones):
    linked = releases[releases["milestone_id"].notna()].merge(
        milestones[["milestone_id", "date"]], on="milestone_id", suffixes=("", "_milestone"), how="left")
    assert linked["date_milestone"].notna().all()
    gap = (linked["date"] - linked["date_milestone"]).abs().dt.days
    assert (gap <= 3).all(), linked.loc[gap > 3, ["release_id", "date", "milestone_id", "date_milestone"]]
    assert len(linked) >= 10


def test_milestone_labels_fit_in_28_characters(milestones):
    too_long = milestones[milestones["label"].str.len() > 28]
    assert too_long.empty, too_long[["milestone_id", "label"]]


def test_priority_1_milestones_include_the_us_visits_and_the_trump_call(milestones, releases):
    """README: priority 1 = the US visits tied to the big releases, plus the Trump-Lukashenko call."""
    priority_1 = set(milestones.loc[milestones["priority"] == 1, "milestone_id"])
    visits = measures.us_visit_ids(milestones)
    visit_dates = set(milestones.loc[milestones["milestone_id"].isin(visits), "date"].dt.strftime("%Y-%m-%d"))
    assert {"2025-02-12", "2025-06-21", "2025-09-11", "2025-12-12", "2026-03-19"} <= visit_dates
    assert visits <= priority_1
    call = one(milestones[(milestones["kind"] == "call") & milestones["actors"].str.contains("Trump")], "Trump call")
    assert call["date"] == pd.Timestamp("2025-08-15") and call["priority"] == 1
    visit_releases = measures.releases_with_us_visit(releases, milestones)
    assert list(visit_releases["released_count"]) == [3, 14, 52, 123, 250]


# ---------------------------------------------------------------- sanctions: AUDIT corrections and coding

def test_audit_date_corrections_are_applied(sanctions):
    assert sanctions.loc["S036", "date"] == pd.Timestamp("2025-03-27"), "Council decision, not article date"
    assert sanctions.loc["S039", "date"] == pd.Timestamp("2025-09-12"), "BIS authorisation took effect"
    assert sanctions.loc["S039", "date_basis"] == "effective"


def test_a_licence_that_leaves_firms_listed_is_ease_and_delisting_is_lift(sanctions):
    for action in ("S038", "S042"):  # GL 11 (Belavia), GL 13 (potash firms)
        assert (sanctions.loc[action, "direction"], sanctions.loc[action, "instrument"]) == ("ease", "general_licence")
    assert (sanctions.loc["S040", "direction"], sanctions.loc["S040", "instrument"]) == ("lift", "delisting")
    assert sanctions.loc["S041", "direction"] == "ease", "Coale's 'lifting' announcement was followed by GL 13"
    licences = sanctions[sanctions["instrument"] == "general_licence"]
    assert not (licences["direction"] == "lift").any()


# ---------------------------------------------------------------- political prisoners held

def test_counts_of_political_prisoners_held_are_positive(frames):
    assert (frames["prisoner_counts"]["held"] > 0).all()


def test_viasna_first_and_last_counts_bracket_a_fall(frames):
    series = frames["prisoner_counts"]
    series = series[series["is_viasna"]].sort_values(["date", "count_id"])
    first, last = series.iloc[0], series.iloc[-1]
    assert first["held"] > last["held"]
    assert last["held"] == series["held"].min() == 897
    assert first["held"] > 1300


# ---------------------------------------------------------------- sources

FACT_FILES = ["releases", "sanctions", "milestones", "prisoner_counts", "reported_totals", "people"]


def test_the_fact_files_are_all_the_files_but_the_claims_ledger_and_the_translations():
    """claims.csv lists claims stories make (some from our own copy); label_translations.csv holds the
    desk's translations (only names carry a source page there): a source page is optional in both."""
    assert sorted(data.resource_names(ROOT / "data")) == sorted(FACT_FILES + ["claims", "label_translations"])


@pytest.mark.parametrize("name", FACT_FILES)
def test_every_row_has_a_source_url(frames, name):
    urls = frames[name]["source_url"]
    assert urls.notna().all(), f"{name}: rows without source_url"
    assert urls.str.match(r"https?://").all()


URL = re.compile(r"https?://[^\s\"'<>]+")


def urls_in_data() -> list[tuple[str, str]]:
    """(file, url) for every web address in every CSV: URL columns and addresses inside text."""
    found = []
    for path in sorted((ROOT / "data").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                found += [(path.name, url) for cell in row for url in URL.findall(cell)]
    return found


def test_every_url_in_the_data_appears_in_the_research_dossier():
    if not RESEARCH.is_dir():
        pytest.skip(f"the research dossier is not here ({RESEARCH}); it sits next to the repo as ../shared")
    dossier = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(RESEARCH.rglob("*"))
                        if p.is_file())
    found = urls_in_data()
    assert len(found) > 300
    # an address at the end of a sentence or inside brackets in notes keeps the punctuation after it
    missing = [(file, url) for file, url in found
               if url not in dossier and url.rstrip(".,;:)") not in dossier]
    assert not missing, "addresses not in the dossier:\n" + "\n".join(f"{f}: {u}" for f, u in missing)
