"""The runner's small rules, tested directly: shards, the gate's verdict, freshness settings."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from helpers import claims, gate
from helpers.errors import ClaimContradicted, DeskError
from helpers.plan import Edition
from helpers.render.shards import parse_shard, shard
from helpers.render.review import gate_message, stale_failure
from helpers.render.shards import GIVEN_TWICE, NOT_A_SHARD, OTHER_COUNT, SHARD, shard_state


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


def test_a_good_shard_is_read():
    assert parse_shard("2/3") == (2, 3) and parse_shard("1/1") == (1, 1)


LEDGER = pd.DataFrame([
    {"claim_id": "K01", "claim": "Lukashenko pardoned 123 prisoners", "claimed": "exactly 123", "data_value": "23",
     "explanation": "E22: 23 people.", "publish": True, "verdict": "contradicted"},
    {"claim_id": "K02", "claim": "A press claim", "claimed": "more than 3", "data_value": "2",
     "explanation": "Two.", "publish": False, "verdict": "contradicted"},
    {"claim_id": "K07", "claim": "Belarus has freed 865 people", "claimed": "exactly 865", "data_value": "865",
     "explanation": "All of them.", "publish": True, "verdict": "supported"}])


def test_the_gate_is_a_file_the_claims_edition_writes_and_the_runner_reads(tmp_path):
    assert gate.read(tmp_path) is None                          # no gate file: the edition has no say
    claims.require_published_claims_hold(LEDGER.assign(verdict="supported"), tmp_path)
    assert json.loads((tmp_path / gate.FILE).read_text()) == {"holds": True, "contradicted": []}
    assert gate.read(tmp_path) == []
    with pytest.raises(ClaimContradicted):
        claims.require_published_claims_hold(LEDGER, tmp_path)
    [contradicted] = gate.read(tmp_path)                        # K02 is not ours to publish: no gate
    assert contradicted == {"claim_id": "K01", "claim": "Lukashenko pardoned 123 prisoners",
                            "claimed": "exactly 123", "data_value": "23", "explanation": "E22: 23 people."}
    message = gate_message([contradicted], ["a-desktop", "b-mobile"], "detail")
    assert "published claim(s) K01 contradicted" in message and "Editions held back (2): a-desktop, b-mobile." in message
    assert '  K01 "Lukashenko pardoned 123 prisoners": claimed exactly 123, data says 23. E22: 23 people.' in message


def test_a_merge_reads_what_each_folder_is_as_data(tmp_path):
    def folder(name, info):
        path = tmp_path / name
        path.mkdir()
        document = {"editions": {}, **({"shard": info} if info else {})}
        (path / "manifest.json").write_text(json.dumps(document))
        return path, document

    found = {}
    assert shard_state(*folder("plain", None), 2, found) == NOT_A_SHARD
    assert shard_state(*folder("three", {"index": 1, "count": 3}), 2, found) == OTHER_COUNT
    assert shard_state(*folder("one", {"index": 1, "count": 2}), 2, found) == SHARD
    found[1] = ("one", {})
    assert shard_state(*folder("again", {"index": 1, "count": 2}), 2, found) == GIVEN_TWICE


def test_stale_data_fails_only_when_the_review_names_some():
    assert stale_failure({}) is None and stale_failure({"stale": []}) is None
    text = stale_failure({"stale": [{"figure": "cumulative-releases", "data_to": "2026-03-31"}, "prisoners-held"]})
    assert "2 figure(s) is stale: cumulative-releases, prisoners-held" in text


def test_the_kept_client_adapts_to_the_kernels_protocol_through_public_names():
    from helpers.render.kernel_client import KeptClient

    client = KeptClient()
    before = client.session.adapt_version
    client.adapt_protocol({"content": {"protocol_version": "5.3"}})
    assert client.session.adapt_version == before
    client.adapt_protocol({"content": {"protocol_version": "4.1"}})
    assert client.session.adapt_version == 4


def test_any_failure_to_start_a_kernel_is_a_kernel_start_failed(monkeypatch, tmp_path):
    from helpers.render import kernel_client

    async def broken(self, **kwargs):
        raise FileNotFoundError("no such kernel")

    monkeypatch.setattr(kernel_client.WarmKernelManager, "start_kernel", broken)
    with pytest.raises(kernel_client.KernelStartFailed, match="did not start .FileNotFoundError: no such kernel"):
        kernel_client.start_kernel(str(tmp_path))


def test_a_kernel_that_does_not_start_is_tried_once_more_then_reported(monkeypatch, tmp_path):
    from helpers.render import kernel_client, workers

    tries = []

    def refuse(cwd):
        tries.append(cwd)
        raise kernel_client.KernelStartFailed("the kernel did not answer within 120 seconds")

    monkeypatch.setattr(kernel_client, "start_kernel", refuse)
    spec = {"root": str(tmp_path), "executed": str(tmp_path / "notebook.ipynb"),
            "parameters": {"output_dir": str(tmp_path)}, "published_as": "output/x"}
    assert workers.execute_notebook(spec) == {"status": "failed", "retry": True,
                                              "message": "the kernel did not answer within 120 seconds"}
    assert len(tries) == 2


def test_quiet_says_nothing_and_plain_lines_are_timestamped(capsys):
    from helpers.render.report import Reporter

    quiet = Reporter(quiet=True)
    quiet.begin(3)
    quiet.line("start probe-a (forced)")
    quiet.advance()
    quiet.close()
    assert capsys.readouterr() == ("", "")
    plain = Reporter()                      # stderr is no terminal here: no bar, a dated line
    plain.begin(3)
    plain.line("start probe-a (forced)")
    plain.close()
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d start probe-a \(forced\)\n", capsys.readouterr().err)
