"""The runner's small rules, tested directly: shards, the gate's claim ids, freshness settings."""

from __future__ import annotations

import pytest

from helpers.errors import DeskError
from helpers.plan import Edition, parse_shard, shard
from helpers.render.review import contradicted_claims, gate_message, stale_failure


def editions(count: int) -> list[Edition]:
    return [Edition(f"e{i:02d}", "notebooks/x.ipynb") for i in range(count)]


def test_shards_are_balanced_disjoint_complete_and_deterministic():
    plan = editions(41)
    shares = [shard(plan, k, 3) for k in (1, 2, 3)]
    assert sorted(len(s) for s in shares) == [13, 14, 14]
    names = [e.name for s in shares for e in s]
    assert sorted(names) == sorted(e.name for e in plan) and len(set(names)) == 41
    assert shard(list(reversed(plan)), 2, 3) == shares[1]           # the plan's order does not matter
    assert [e.name for e in shares[0][:3]] == ["e00", "e03", "e06"]


@pytest.mark.parametrize("text, expected", [("0/3", "between 1 and N"), ("4/3", "between 1 and N"),
                                            ("a/3", "expected K/N"), ("3", "expected K/N")])
def test_a_bad_shard_is_named(text, expected):
    with pytest.raises(DeskError, match=expected):
        parse_shard(text)
    assert parse_shard("2/3") == (2, 3)


def test_the_gate_reads_the_contradicted_claims_from_the_claims_error():
    evalue = ('2 published claim(s) are contradicted by the data; the render stops:\n'
              '  K01 "Lukashenko pardoned 123 prisoners": claimed exactly 123, data says 23.\n'
              '  K07 "Belarus has freed 865 people": claimed exactly 865, data says 765.')
    assert contradicted_claims({"status": "failed", "ename": "ClaimContradicted", "evalue": evalue}) == ["K01", "K07"]
    assert contradicted_claims({"status": "failed", "ename": "RuntimeError", "evalue": evalue}) is None
    assert contradicted_claims({"status": "ok"}) is None
    message = gate_message(["K01"], ["a-desktop", "b-mobile"], "detail")
    assert "K01" in message and "Editions held back (2): a-desktop, b-mobile." in message


def test_stale_data_fails_only_when_the_review_names_some():
    assert stale_failure({}) is None and stale_failure({"stale": []}) is None
    text = stale_failure({"stale": [{"figure": "cumulative-releases", "data_to": "2026-03-31"}, "prisoners-held"]})
    assert "2 figure(s) is stale: cumulative-releases, prisoners-held" in text
