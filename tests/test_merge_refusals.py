"""`--merge` refuses, before it changes anything, every set of folders that is not all N shards of one
`--shard K/N` run rendered from this checkout's inputs with their files intact (helpers.render.shards).

No kernel runs: two shard folders are made to look rendered (their manifests as a shard's render leaves
them, each edition's folder holding one file), as tests/test_inputs.py does for output/. The whole
merge of really rendered shards is in tests/test_render_plan.py."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import copy_project
from helpers import manifest
from helpers.inputs import Inputs
from helpers.plan import load_plan
from helpers.render.shards import shard
from helpers.render import cli
from helpers.render.shards import MergeFailed, check_shards, shard_info


def rendered_shard(root: Path, k: int, n: int, folder: Path) -> Path:
    """A shard's output folder as `--shard k/n` leaves it (one small file per edition)."""
    editions = load_plan(root)
    inputs = Inputs(root, editions)
    document = {"editions": {}, "shard": shard_info(k, n)}
    for edition in shard(editions, k, n):
        (folder / edition.name).mkdir(parents=True)
        (folder / edition.name / "figure.txt").write_text(f"{edition.name}\n", encoding="utf-8")
        made_from = inputs.of(edition.name)
        document["editions"][edition.name] = {"status": "ok", "parameters": edition.parameters,
                                              "outputs": manifest.output_hashes(folder / edition.name),
                                              "inputs": made_from, "inputs_hash": manifest.combined(made_from)}
    manifest.write(folder, document)
    return folder


@pytest.fixture(scope="module")
def shards(tmp_path_factory) -> tuple[Path, Path, Path]:
    root = copy_project(tmp_path_factory.mktemp("merge") / "project")
    return root, rendered_shard(root, 1, 2, root / "output-shard-1"), rendered_shard(root, 2, 2, root / "output-shard-2")


@pytest.fixture
def copied(shards, tmp_path) -> tuple[Path, Path, Path]:
    """The shards' project copied, for a test that damages something."""
    root = shutil.copytree(shards[0], tmp_path / "project")
    return root, root / "output-shard-1", root / "output-shard-2"


def refusal(root: Path, *folders: Path) -> list[str]:
    editions = load_plan(root)
    with pytest.raises(MergeFailed) as caught:
        check_shards(list(folders), editions, Inputs(root, editions))
    assert str(caught.value).startswith("merge failed: ")
    assert "nothing was published, output/ is unchanged." in str(caught.value)
    return caught.value.problems


def said(problems: list[str], text: str) -> bool:
    return any(text in line for line in problems)


def test_both_shards_of_this_checkout_are_accepted(shards):
    root, one, two = shards
    editions = load_plan(root)
    chosen = check_shards([one, two], editions, Inputs(root, editions))
    assert len(chosen) == 43 == len(editions)                       # every planned edition, once
    assert {folder for _, folder, _ in chosen} == {one, two}


def test_a_folder_that_is_not_a_shard_is_refused(shards, tmp_path):
    root, one, _ = shards
    plain = tmp_path / "output"
    plain.mkdir()
    manifest.write(plain, {"editions": {}})                          # a render's output/, not a shard's
    problems = refusal(root, one, plain)
    assert said(problems, f"{plain}: not a shard's output (expected a folder written by --shard K/N")


def test_a_shard_given_twice_is_refused_and_the_missing_one_named(shards):
    root, one, _ = shards
    problems = refusal(root, one, one)
    assert said(problems, f"{one}: shard 1/2 given twice (also {one})")
    assert said(problems, "shard 2/2 is missing")


def test_shards_of_another_count_are_refused(shards):
    root, one, two = shards
    problems = refusal(root, one, two, two)
    assert said(problems, f"{one}: holds shard 1/2, but 3 folder(s) were given")


def test_a_shard_rendered_from_other_inputs_is_refused(copied):
    root, one, two = copied
    releases = root / "data" / "releases.csv"
    releases.write_text(releases.read_text(encoding="utf-8").replace("final 18;", "final 18 ;", 1), encoding="utf-8")
    problems = refusal(root, one, two)
    assert said(problems, "rendered from other inputs than this checkout's (render the shard again)")


@pytest.mark.parametrize("damage", ["altered", "missing"])
def test_a_shard_whose_files_are_altered_or_missing_is_refused(copied, damage):
    root, one, two = copied
    name = json.loads((two / "manifest.json").read_text())["editions"].popitem()[0]
    kept = two / name / "figure.txt"
    if damage == "altered":
        kept.write_text("edited by hand\n", encoding="utf-8")
    else:
        kept.unlink()
    problems = refusal(root, one, two)
    assert said(problems, f"shard 2/2 ({two}), edition {name}: its files are missing or altered")


def test_shard_and_merge_together_are_refused(shards, monkeypatch, capsys):
    root, one, two = shards
    monkeypatch.setenv("DESK_ROOT", str(root))
    assert cli.main(["--shard", "1/2", "--merge", str(one), str(two)]) == 2
    assert "--shard and --merge go to different jobs: render each shard, then merge them" in capsys.readouterr().err
