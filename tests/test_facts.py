"""The real data says what the research dossier and its fact-check (AUDIT.md) say.

These tests read the data/ folder (read-only; DESK_ROOT names another project's, as
tests/test_data_update.py does with a copy that has a new release) and fail when a number,
a date or a coding decision drifts from the dossier: /work/shared/research/RELEASES_REPORT.md,
SANCTIONS_REPORT.md and AUDIT.md (the corrections it recommends are applied here).

Every fact is dated, so that a reporter's valid data update never breaks them: a sum over a
closed period, a row found by its id or its date, never the number of rows, the newest date
or an open-ended total. The dossier covers releases E01-E27, up to 19 March 2026 (THROUGH).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT
from helpers import data, measures
from research import dossier_text, research_path
DATA = Path(os.environ.get("DESK_ROOT") or ROOT) / "data"
THROUGH = "2026-03-19"                                   # the dossier's last release, E27
DOSSIER_RELEASES = [f"E{n:02d}" for n in range(1, 28)]   # E01-E27


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return data.load_all(DATA)


@pytest.fixture(scope="module")
def releases(frames) -> pd.DataFrame:
    return frames["releases"]


@pytest.fixture(scope="module")
def dossier_releases(releases) -> pd.DataFrame:
    """E01-E27, the releases the dossier covers (a later release is not its business)."""
    return releases[releases["release_id"].isin(DOSSIER_RELEASES)]


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


def release(releases: pd.DataFrame, release_id: str) -> pd.Series:
    return one(releases[releases["release_id"] == release_id], release_id)


# ---------------------------------------------------------------- the release table

def test_the_dossiers_releases_e01_to_e27_are_dated_in_order(dossier_releases):
    assert sorted(dossier_releases["release_id"]) == DOSSIER_RELEASES
    ordered = dossier_releases.sort_values("release_id")
    assert ordered["date"].is_monotonic_increasing
    assert release(dossier_releases, "E01")["date"] == pd.Timestamp("2024-07-03")
    assert release(dossier_releases, "E27")["date"] == pd.Timestamp(THROUGH)


def test_sub_counts_never_exceed_the_official_count(dossier_releases):
    for column in ("political_prisoners_count", "foreign_nationals", "refused_to_leave"):
        known = dossier_releases[dossier_releases[column].notna()]
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
    until_then = totals[(totals["measure"] == "freed_since_july_2024") & (totals["date"] <= in_2025["date"])]
    assert since_july["value"] == until_then["value"].max()
    official_2024 = measures.official_total(releases, "2024-01-01", "2024-12-31")
    assert since_july["value"] - in_2025["value"] == 227 == official_2024


def test_the_227_match_is_described_as_arithmetic_only(frames):
    """AUDIT item 3: 569 - 342 = 227 agrees arithmetically; it does not confirm Viasna counted 227."""
    totals = viasna(frames["reported_totals"])
    in_2025 = one(totals[(totals["value"] == 342) & (totals["date"] == pd.Timestamp("2025-12-23"))], "the 342 row")
    assert "agrees arithmetically" in in_2025["notes"]
    assert "207" in in_2025["notes"] and "175" in in_2025["notes"]


def test_16_august_2024_decree_is_counted_once(releases):
    """The '13 freed around 21-22 Aug' were freed under the 16 Aug decree: not a separate row."""
    decree = one(in_month(releases, 2024, 8), "August 2024")
    assert decree["date"] == pd.Timestamp("2024-08-16")
    assert decree["released_count"] == 30
    in_2024 = releases[releases["date"].dt.year == 2024]
    assert (in_2024["released_count"] == 13).sum() == 0
    assert "do not add it again" in decree["notes"]


def test_pardon_of_29_is_dated_monday_9_december_2024(releases):
    in_2024 = releases[releases["date"].dt.year == 2024]
    pardon = one(in_2024[in_2024["released_count"] == 29], "the pardon of 29")
    assert pardon["date"] == pd.Timestamp("2024-12-09")
    assert pardon["date"].day_name() == "Monday"
    assert sorted(in_month(releases, 2024, 11)["released_count"]) == [31, 32], "November 2024 had 31 and 32"


# ---------------------------------------------------------------- 2025 and 2026

def test_e22_freed_123_on_13_december_2025_114_to_ukraine_and_9_to_lithuania(releases):
    row = release(releases, "E22")
    assert row["date"] == pd.Timestamp("2025-12-13")
    assert row["released_count"] == 123
    assert row["destination"] == "mixed"
    assert re.search(r"\b114 sent to Ukraine\b", row["notes"]), row["notes"]
    assert re.search(r"\b9 to Lithuania\b", row["notes"]), row["notes"]
    assert 114 + 9 == row["released_count"]


@pytest.mark.parametrize("start, end, total", [("2024-01-01", "2024-12-31", 227), ("2025-01-01", "2025-12-31", 369),
                                               ("2026-01-01", THROUGH, 269)])
def test_official_sum_over_a_closed_period(releases, start, end, total):
    assert measures.official_total(releases, start, end) == total


def test_865_freed_from_1_july_2024_to_19_march_2026_on_the_official_basis(releases):
    assert measures.official_total(releases, "2024-07-01", THROUGH) == 865 == 227 + 369 + 269


def test_dossier_866_is_865_plus_nuhfer_who_is_not_counted(dossier_releases):
    """The dossier left out only E02 and E25 (866, with 370 in 2025); E12 Nuhfer is context-only too."""
    nuhfer = one(dossier_releases[dossier_releases["notable_people"].str.contains("Nuhfer", na=False)], "Nuhfer")
    assert nuhfer["release_id"] == "E12"
    assert not nuhfer["counts_toward_total"]
    assert nuhfer["released_count"] == 1
    assert nuhfer["political_prisoners_count"] == 0, "not on Viasna's list"
    dossier_sum = dossier_releases.loc[~dossier_releases["release_id"].isin(["E02", "E25"]), "released_count"].sum()
    assert dossier_sum == 866 == measures.official_total(dossier_releases, "2024-07-01", THROUGH) + 1
    assert measures.official_total(dossier_releases, "2025-01-01", "2025-12-31") + 1 == 370


def test_context_only_rows_of_the_dossier_are_exactly_krieger_nuhfer_and_statkevich(dossier_releases):
    left_out = dossier_releases[~dossier_releases["counts_toward_total"]].set_index("release_id")["notable_people"]
    assert left_out.to_dict() == {"E02": "Rico Krieger", "E12": "Anastassia Nuhfer", "E25": "Mikola Statkevich"}


def test_statkevich_is_counted_once_in_the_52_of_11_september_2025(releases):
    september = one(releases[releases["date"] == pd.Timestamp("2025-09-11")], "11 Sept 2025")
    assert september["released_count"] == 52
    assert september["refused_to_leave"] == 1
    assert "Mikola Statkevich" in september["notable_people"]
    assert september["counts_toward_total"]


def test_e27_is_250_freed_on_19_march_2026_the_largest_release_to_then(releases):
    e27 = release(releases, "E27")
    assert e27["date"] == pd.Timestamp(THROUGH)
    assert e27["released_count"] == 250
    assert measures.largest_release(releases, "2024-07-01", THROUGH)["release_id"] == "E27"


# ---------------------------------------------------------------- milestones

def test_every_linked_release_of_the_dossier_falls_within_3_days_of_its_milestone(dossier_releases, milestones):
    linked = dossier_releases[dossier_releases["milestone_id"].notna()].merge(
        milestones[["milestone_id", "date"]], on="milestone_id", suffixes=("", "_milestone"), how="left")
    assert linked["date_milestone"].notna().all()
    gap = (linked["date"] - linked["date_milestone"]).abs().dt.days
    assert (gap <= 3).all(), linked.loc[gap > 3, ["release_id", "date", "milestone_id", "date_milestone"]]
    assert len(linked) >= 10


def test_milestone_labels_fit_in_28_characters(milestones):
    """Also the contract's maxLength (data/datapackage.json), so valid data always passes."""
    too_long = milestones[milestones["label"].str.len() > 28]
    assert too_long.empty, too_long[["milestone_id", "label"]]


US_VISITS = ["2025-02-12", "2025-06-21", "2025-09-11", "2025-12-12", "2026-03-19"]


def test_priority_1_milestones_include_the_us_visits_and_the_trump_call(milestones, releases):
    """data/README.md: priority 1 = the US visits tied to the big releases, plus the Trump-Lukashenko call."""
    visits = milestones[milestones["milestone_id"].isin(measures.us_visit_ids(milestones))]
    dossier_visits = visits[visits["date"] <= pd.Timestamp(THROUGH)]
    assert set(US_VISITS) <= set(dossier_visits["date"].dt.strftime("%Y-%m-%d"))
    assert (dossier_visits["priority"] == 1).all()
    call = one(milestones[(milestones["kind"] == "call") & milestones["actors"].str.contains("Trump")
                          & (milestones["date"] == pd.Timestamp("2025-08-15"))], "Trump call")
    assert call["priority"] == 1
    visit_releases = measures.releases_with_us_visit(releases, milestones, "2024-07-01", THROUGH)
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
    dossier = sanctions[sanctions["date"] <= pd.Timestamp(THROUGH)]
    licences = dossier[dossier["instrument"] == "general_licence"]
    assert not (licences["direction"] == "lift").any()


# ---------------------------------------------------------------- political prisoners held

def count(frames, count_id: str) -> pd.Series:
    counts = frames["prisoner_counts"]
    return one(counts[counts["count_id"] == count_id], count_id)


def test_counts_of_political_prisoners_held_to_19_march_2026_are_positive(frames):
    counts = frames["prisoner_counts"]
    assert (counts.loc[counts["date"] <= pd.Timestamp(THROUGH), "held"] > 0).all()


def test_viasnas_counts_fell_from_1374_on_21_may_2024_to_897_on_19_march_2026(frames):
    first, last = count(frames, "C001"), count(frames, "C026")
    assert (first["date"], first["held"], first["is_viasna"]) == (pd.Timestamp("2024-05-21"), 1374, True)
    assert (last["date"], last["held"], last["is_viasna"]) == (pd.Timestamp(THROUGH), 897, True)
    counts = frames["prisoner_counts"]
    to_then = counts[counts["is_viasna"] & (counts["date"] <= pd.Timestamp(THROUGH))]
    assert to_then["held"].min() == 897 and to_then["held"].max() > 1300


# ---------------------------------------------------------------- sources

FACT_FILES = ["releases", "sanctions", "milestones", "prisoner_counts", "reported_totals", "people"]


def test_the_fact_files_are_all_the_files_but_the_claims_ledger_the_translations_and_the_checks():
    """claims.csv lists claims stories make (some from our own copy); label_translations.csv holds the
    desk's translations (only names carry a source page there); checks.csv logs the desk's searches
    for news (a search has no source page): a source page is optional in the three."""
    assert sorted(data.resource_names(DATA)) == sorted(FACT_FILES + ["claims", "label_translations", "checks"])


@pytest.mark.parametrize("name", FACT_FILES)
def test_every_row_has_a_source_url(frames, name):
    urls = frames[name]["source_url"]
    assert urls.notna().all(), f"{name}: rows without source_url"
    assert urls.str.match(r"https?://").all()


URL = re.compile(r"https?://[^\s\"'<>]+")
DOSSIER_DATE = dt.date(2026, 5, 20)       # the newest date in the data the dossier gave (milestone M040)


def urls_in_data() -> list[tuple[str, str]]:
    """(file, url) for every web address in the data as the dossier gave it: URL columns and addresses
    inside text, in every row dated on or before DOSSIER_DATE (its `date`, or a claim's `as_of`) and in
    every row of the files without dates. A row added later cites its own pages."""
    found = []
    for path in sorted(DATA.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                dated = row.get("date") or row.get("as_of")
                if dated and dt.date.fromisoformat(dated) > DOSSIER_DATE:
                    continue
                found += [(path.name, url) for cell in row.values() if isinstance(cell, str) for url in URL.findall(cell)]
    return found


def test_every_url_in_the_data_appears_in_the_research_dossier():
    """Against the dossier where it is here, else its committed list of addresses (tests/research.py)."""
    dossier = dossier_text()
    found = urls_in_data()
    assert len(found) > 300
    # an address at the end of a sentence or inside brackets in notes keeps the punctuation after it
    missing = [(file, url) for file, url in found
               if url not in dossier and url.rstrip(".,;:)") not in dossier]
    assert not missing, "addresses not in the dossier:\n" + "\n".join(f"{f}: {u}" for f, u in missing)


# ---------------------------------------------------------------- the December 2026 passes (issue 20)
# FRESHNESS_2026-12.md, "Update, 3 December 2026": F1-F9 and the Viasna counts, as the desk coded them.

def test_s046_and_s047_keep_the_19_march_announcement_and_record_the_26_march_action(sanctions):
    for action in ("S046", "S047"):
        row = sanctions.loc[action]
        assert (row["date"], row["date_basis"], row["direction"]) == (pd.Timestamp("2026-03-19"), "announced", "lift")
        assert "26 March 2026" in row["notes"] and "Rescission of Belarus Directive 1" in row["notes"]
    assert sanctions.loc["S046", "instrument"] == "delisting"
    assert (sanctions.loc["S047", "instrument"], sanctions.loc["S047", "sector"]) == ("rescission", "finance")
    assert "Directive 1" in sanctions.loc["S047", "target"]


def test_general_licence_14_eases_belinvestbank_on_26_march_2026(sanctions):
    row = sanctions.loc["S048"]
    assert (row["date"], row["jurisdiction"], row["direction"], row["instrument"]) == (
        pd.Timestamp("2026-03-26"), "US", "ease", "general_licence")
    assert "Belinvestbank" in row["target"] and "General License 14" in row["legal_reference"]
    assert row["source_url"] == "https://ofac.treasury.gov/media/935366/download?inline"


@pytest.mark.parametrize("action, date, page", [
    ("S049", "2026-07-23", "https://ofac.treasury.gov/recent-actions/20260723"),
    ("S050", "2026-09-17", "https://ofac.treasury.gov/recent-actions/20260917"),
    ("S051", "2026-09-30", "https://ofac.treasury.gov/recent-actions/20260930")])
def test_the_later_us_removals_are_lifts_with_unnamed_targets(sanctions, action, date, page):
    row = sanctions.loc[action]
    assert (row["date"], row["jurisdiction"], row["direction"], row["instrument"], row["sector"]) == (
        pd.Timestamp(date), "US", "lift", "delisting", "unknown")
    assert row["source_url"] == page and "not named" in row["target"]
    assert row["confidence"] == "medium"       # F3, F4 medium-high and F5 medium, rounded down


def test_eu_regulation_2026_1846_is_a_note_not_a_row(sanctions):
    """F10: seen second-hand, direction unknown."""
    assert not sanctions["legal_reference"].fillna("").str.contains("2026/1846").any()


@pytest.mark.parametrize("release_id, date, page", [
    ("E28", "2026-07-08",
     "https://www.eeas.europa.eu/delegations/council-europe/eu-statement-recent-release-political-prisoners-belarus_en"),
    ("E29", "2026-09-15", "https://www.jpost.com/international/article-908758")])
def test_the_two_reported_releases_are_leads_without_a_count(releases, release_id, date, page):
    row = release(releases, release_id)
    assert (row["date"], row["status"], row["confirm_url"]) == (pd.Timestamp(date), "unconfirmed", page)
    assert pd.isna(row["released_count"]) and pd.isna(row["political_prisoners_count"])


def test_the_dossiers_releases_are_all_confirmed(dossier_releases):
    assert (dossier_releases["status"] == "confirmed").all()


def test_the_two_milestones_of_autumn_2026_are_priority_3(milestones):
    by_id = milestones.set_index("milestone_id")
    assert (by_id.loc["M043", "date"], by_id.loc["M043", "priority"]) == (pd.Timestamp("2026-09-29"), 3)
    assert (by_id.loc["M044", "date"], by_id.loc["M044", "priority"]) == (pd.Timestamp("2026-10-04"), 3)
    assert "Newest dated item found in the corpus" not in by_id.loc["M040", "notes"]


def test_viasnas_1168_of_16_september_2025(frames):
    row = count(frames, "C027")
    assert (row["date"], row["held"], row["is_viasna"]) == (pd.Timestamp("2025-09-16"), 1168, True)


def test_the_december_rows_cite_pages_of_the_freshness_report():
    """The rows dated after the November dossier (which the test above skips) cite FRESHNESS_2026-12."""
    report = research_path("FRESHNESS_2026-12.md").read_text(encoding="utf-8")
    found = []
    for path in sorted(DATA.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                dated = row.get("date")
                if dated and dt.date.fromisoformat(dated) > DOSSIER_DATE:
                    found += [url for cell in row.values() if cell for url in URL.findall(cell)]
    assert len(found) >= 10
    assert [url for url in found if url.rstrip(".,;:)") not in report] == []


def test_the_checks_name_no_invented_person(frames):
    """The report names no person: each check says the research pass made it."""
    checks = frames["checks"]
    assert set(checks["checked_on"]) == {pd.Timestamp("2026-12-01"), pd.Timestamp("2026-12-03")}
    assert checks["checked_by"].str.contains("FRESHNESS_2026-12.md").all()
