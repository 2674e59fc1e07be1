"""The claims ledger: each check on small frames and on the real data; the publish gate."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import claims, data
from helpers.errors import ClaimContradicted


@pytest.fixture(scope="module")
def frames():
    return data.load_all()


@pytest.fixture(scope="module")
def ledger(frames):
    return claims.ledger(frames).set_index("claim_id")


def claim(**fields) -> pd.Series:
    base = {"claim_id": "K99", "claim": "test", "published_in": "test", "as_of": pd.Timestamp("2025-12-31"),
            "subject": None, "check": None, "comparison": "=", "claimed_value": "0", "claimed_high": None,
            "publish": False}
    return pd.Series({**base, **fields})


def releases_frame(rows):
    frame = pd.DataFrame(rows)
    frame["date"] = pd.to_datetime(frame["date"])
    frame["counts_toward_total"] = frame.get("counts_toward_total", True)
    for column in ("political_prisoners_count", "refused_to_leave", "milestone_id"):
        if column not in frame:
            frame[column] = pd.NA
    return frame


def test_official_pardoned_on_sums_that_day():
    frames = {"releases": releases_frame([
        {"release_id": "E01", "date": "2025-12-13", "released_count": 100, "destination": "mixed"},
        {"release_id": "E02", "date": "2025-12-14", "released_count": 7, "destination": "mixed"}])}
    finding = claims.official_pardoned_on(frames, claim(subject="2025-12-13"))
    assert finding.value == 100 and "E01" in finding.explanation


def test_official_freed_since_july_2024_leaves_out_context_rows():
    frames = {"releases": releases_frame([
        {"release_id": "E01", "date": "2024-07-03", "released_count": 18},
        {"release_id": "E02", "date": "2024-07-30", "released_count": 1, "counts_toward_total": False},
        {"release_id": "E03", "date": "2026-01-01", "released_count": 5}])}
    frames["releases"]["counts_toward_total"] = [True, False, True]
    assert claims.official_freed_since_july_2024(frames, claim(as_of=pd.Timestamp("2025-12-31"))).value == 18


def test_us_potash_relief_tells_a_licence_from_a_delisting():
    sanctions = pd.DataFrame({
        "action_id": ["S1", "S2", "S3"], "date": pd.to_datetime(["2025-12-13", "2025-12-15", "2026-03-19"]),
        "jurisdiction": "US", "sector": "potash", "direction": ["ease", "ease", "lift"],
        "instrument": ["announcement", "general_licence", "delisting"]})
    frames = {"sanctions": sanctions}
    assert claims.us_potash_relief(frames, claim(as_of=pd.Timestamp("2025-12-20"))).value == "ease"
    assert claims.us_potash_relief(frames, claim(as_of=pd.Timestamp("2026-03-20"))).value == "lift"
    assert claims.us_potash_relief(frames, claim(as_of=pd.Timestamp("2025-12-14"))).value == "none"


def test_compare_handles_every_comparison():
    assert claims.compare(574, ">", "430") and not claims.compare(400, ">", "430")
    assert claims.compare(5, "between", "1", 10) and not claims.compare(11, "between", "1", 10)
    assert claims.compare("ease", "is", "ease") and not claims.compare("ease", "is", "lift")
    assert claims.compare(123, "=", "123") and claims.compare(3, "<=", "3") and claims.compare(2, "<", "3")


@pytest.mark.parametrize("claim_id, verdict, value", [
    ("K01", "supported", "123"),                   # 123 pardoned on 13 December 2025
    ("K02", "supported", "574"),                   # more than 430: the official sum
    ("K03", "supported", "569"),                   # more than 430: Viasna's own count by 23 December 2025
    ("K04", "supported", "51"),                    # over 50 to Lithuania: 52 pardoned, one refused
    ("K05", "contradicted", "ease"),               # "lifted" potash: a licence eased it in December 2025
    ("K06", "contradicted", "Siarhei Tsikhanouski"),  # Tsikhanouskaya is not married to Bialiatski
    ("K07", "supported", "865"),                   # our headline: 865 freed from July 2024 to 19 March 2026
    ("K08", "supported", "ease"),                  # our caption: General Licence 13 of 15 December 2025
    ("K09", "supported", "lift"),                  # delisting announced 19 March 2026 (not published: no OFAC text)
    ("K10", "not checkable", ""),
])
def test_the_article_claims_get_honest_verdicts(ledger, claim_id, verdict, value):
    assert ledger.loc[claim_id, "verdict"] == verdict
    assert ledger.loc[claim_id, "data_value"] == value


def test_the_potash_verdict_explains_licence_then_delisting(ledger):
    text = ledger.loc["K05", "explanation"]
    assert "general licence" in text and "19 March 2026" in text


def test_published_claims_hold_on_the_real_data(ledger):
    """The verdicts are written out above (K07-K09 too); here, the gate lets the real data through."""
    assert claims.require_published_claims_hold(ledger.reset_index()) is None


def test_a_contradicted_published_claim_stops_with_its_name(frames):
    edited = dict(frames)
    releases = frames["releases"].copy()
    releases.loc[releases["release_id"] == "E22", "released_count"] = 120
    edited["releases"] = releases
    table = claims.ledger(edited)
    with pytest.raises(ClaimContradicted) as caught:
        claims.require_published_claims_hold(table)
    assert "K01" in str(caught.value) and "Lukashenko pardoned 123" in str(caught.value)


def test_every_check_named_in_the_data_exists(frames):
    named = set(frames["claims"]["check"].dropna())
    assert named <= set(claims.CHECKS)
    enum = next(f for r in data.package()["resources"] if r["name"] == "claims"
                for f in r["schema"]["fields"] if f["name"] == "check")["constraints"]["enum"]
    assert set(enum) == set(claims.CHECKS)


@pytest.mark.parametrize("old, new, column, words", [
    ("K02,More than 430", None, "claimed_value", ['"lots" is not a number', "when comparison is '>'"]),
    ("K07,", None, "claimed_high", ["is empty", "'between'"]),
])
def test_claim_rows_that_cannot_be_compared_are_data_problems(data_dir, old, new, column, words):
    path = data_dir / "claims.csv"
    lines = path.read_text().splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if line.startswith(old))
    if column == "claimed_value":
        lines[number] = lines[number].replace(",>,430,", ",>,lots,")
    else:
        lines[number] = lines[number].replace(",=,865,", ",between,865,")
    path.write_text("".join(lines))
    problems = [str(p) for p in data.validate(data_dir)]
    assert len(problems) == 1
    assert problems[0].startswith(f"data/claims.csv line {number + 1}, column {column}:")
    for word in words:
        assert word in problems[0]


def test_a_check_that_needs_a_subject_says_so(frames):
    row = claim(check="spouse_of", comparison="is", claimed_value="x", subject=pd.NA)
    assert claims.verdict(frames, row)["verdict"] == "not checkable"


# ---------------------------------------------------------------- the Viasna and Lithuania checks on made-up rows

def test_the_viasna_check_takes_viasnas_latest_figure_on_or_before_the_claims_date():
    totals = pd.DataFrame({
        "measure": ["freed_since_july_2024"] * 4 + ["held"],
        "who_said": ["Viasna", "Viasna (via RFE/RL)", "Belarusian officials", "Viasna", "Viasna"],
        "date": pd.to_datetime(["2025-06-01", "2025-09-01", "2025-10-01", "2025-12-24", "2025-11-01"]),
        "value": [300, 400, 999, 600, 1100], "source_publisher": ["A", "B", "C", "D", "E"]})
    claim = pd.Series({"as_of": "2025-12-23"})
    found = claims.viasna_freed_since_july_2024({"reported_totals": totals}, claim)
    assert found.value == 400                           # not the officials' 999, not Viasna's figure of 24 December
    assert "Viasna's figure of 1 September 2025 counts 400 political prisoners" in found.explanation
    early = claims.viasna_freed_since_july_2024({"reported_totals": totals}, pd.Series({"as_of": "2025-05-31"}))
    assert early.value is None and "No Viasna cumulative figure" in early.explanation


def lithuania_frames(refused, month: int = 9) -> dict:
    milestones = pd.DataFrame({"milestone_id": ["M900", "M901"], "kind": ["visit", "statement"],
                               "date": pd.to_datetime([f"2025-{month:02d}-11", "2025-09-11"])})
    releases = pd.DataFrame({"release_id": ["E90", "E91"], "milestone_id": ["M900", "M900"],
                             "destination": ["lithuania", "in_belarus"], "released_count": [52, 7],
                             "refused_to_leave": [refused, None], "date": pd.to_datetime(["2025-09-11"] * 2)})
    return {"releases": releases, "milestones": milestones}


def test_the_lithuania_check_counts_who_crossed_after_the_september_2025_visit():
    found = claims.left_for_lithuania_after_september_talks(lithuania_frames(1), pd.Series(dtype=object))
    assert found.value == 51 and "52 pardoned, 1 refused to leave, so 51 were taken to Lithuania" in found.explanation
    nobody_refused = claims.left_for_lithuania_after_september_talks(lithuania_frames(None), pd.Series(dtype=object))
    assert nobody_refused.value == 52
    no_visit = claims.left_for_lithuania_after_september_talks(lithuania_frames(1, month=10), pd.Series(dtype=object))
    assert no_visit.value is None and "No release to Lithuania is linked" in no_visit.explanation
