"""The whole plan, rendered twice and shared by these tests (they are slow): once in one render
with warm kernels (`warm`), once in three shards with --fresh-kernels while every core is kept busy
(`sharded`), then merged. One comparison, every file byte for byte, proves both that warm kernels
publish what fresh kernels publish and that three shards merged publish what one render publishes;
a failed shard (the same shards, one edition struck from a manifest) fails the merge; the publish
gate holds everything back.

The tests share the two renders, so they run on one xdist worker (`--dist loadfile` in
`make test`; tests/conftest.py hands this file out first).

"The whole plan" here is every edition of renders.yml (every notebook and layout) in two of the
six languages, English and Belarusian: the runner treats every language alike, and the six-language
plan (43 editions) rendered three times over would take most of CI's ten minutes. bench/runner.py
renders the full plan.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import copy_project, render, set_plan_languages, snapshot

pytestmark = pytest.mark.slow


def published(root: Path, output: str = "output") -> dict[str, bytes]:
    """Every published file (through the edition symlinks) and the manifest, as bytes."""
    folder = root / output
    files = {name: data for name, data in snapshot(folder).items() if not name.startswith(".versions/")}
    return files


RENDER_TIME = re.compile(rb"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:\d{2}|Z)?")
HISTORY_ID = re.compile(rb"urn:uuid:[0-9a-f-]{36}")     # the changes history's own ids (given once, kept)
DATED = ("CHANGES.md", "changes.json", "changes-history.json")   # also in the site, with its pages and feed


def comparable_dated(data: bytes) -> bytes:
    """The change review, its history and the site say when the render ran (and the history names
    each publication once): those aside, the same bytes."""
    return HISTORY_ID.sub(b"<id>", RENDER_TIME.sub(b"<render time>", data))


def comparable_manifest(data: bytes) -> dict:
    """The manifest says when each edition rendered and how long it took: those aside, the same.
    Every output's hash stays, the executed notebook's and the PDF's included."""
    document = json.loads(comparable_dated(data))
    document.pop("updated_at", None)
    for entry in document["editions"].values():
        entry.pop("rendered_at", None)
        entry.pop("duration_seconds", None)
    return document


def assert_same_publication(first: Path, second: Path, second_output: str = "output") -> None:
    """Byte for byte, every file: the executed notebooks and PDFs too. Only the render's time
    (the manifest's, the change review's, the site's) and durations are set aside."""
    one, two = published(first), published(second, second_output)
    assert sorted(one) == sorted(two)
    for name in one:
        if name in ("manifest.json", "site/manifest.json"):
            assert comparable_manifest(one[name]) == comparable_manifest(two[name])
        elif name.removeprefix("site/") in DATED or (name.startswith("site/") and name.endswith((".html", ".atom"))):
            assert comparable_dated(one[name]) == comparable_dated(two[name]), name
        else:
            assert one[name] == two[name], name


@contextmanager
def cpu_load():
    """Every core kept busy while the block runs: a loaded machine flushes streams in pieces and
    schedules kernels late, which must not change a published byte."""
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(os.cpu_count() or 2)]
    try:
        yield
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()


LANGUAGES = ("en", "be")


def two_language_project(destination: Path) -> Path:
    """A project copy whose plan names two languages (see the module's docstring)."""
    return set_plan_languages(copy_project(destination), LANGUAGES)


@pytest.fixture(scope="session")
def warm(tmp_path_factory) -> Path:
    """The plan in one render, warm kernels (the default)."""
    root = two_language_project(tmp_path_factory.mktemp("warm") / "project")
    result = render(root, timeout=1800)
    assert result.returncode == 0, result.stderr
    return root


@dataclass
class Sharded:
    root: Path          # the project with output-shard-1/ .. output-shard-3/, nothing merged
    merged: Path        # a copy of it after `--merge` of the three: the fresh-kernel publication
    merge_log: str      # that merge's stderr


@pytest.fixture(scope="session")
def sharded(tmp_path_factory) -> Sharded:
    """The plan rendered as CI renders it: three shards, each with a fresh kernel per edition
    (--fresh-kernels), every core kept busy meanwhile; then merged, in a copy."""
    root = two_language_project(tmp_path_factory.mktemp("sharded") / "project")
    merged = tmp_path_factory.mktemp("merged") / "project"
    with cpu_load():
        for k in (1, 2, 3):
            result = render(root, "--shard", f"{k}/3", "--fresh-kernels", timeout=1800)
            assert result.returncode == 0, result.stderr
        shutil.copytree(root, merged, symlinks=True)
        result = render(merged, "--merge", "output-shard-1", "output-shard-2", "output-shard-3")
    assert result.returncode == 0, result.stderr
    return Sharded(root, merged, result.stderr)


@pytest.fixture(scope="session")
def fresh(sharded) -> Path:
    return sharded.merged


def test_warm_kernels_publish_what_fresh_kernels_publish(warm, fresh):
    """`fresh` is the sharded render merged (fresh kernels, under load): see the module's docstring."""
    names = json.loads((warm / "output" / "manifest.json").read_text())["editions"]
    assert len(names) == 15 and "claims-check-desktop" in names and "sanctions-and-releases-mobile-be" in names
    svgs = [name for name in published(warm) if name.endswith(".svg")]
    assert len(svgs) >= 15 and any(name.startswith("site/") for name in published(warm))
    assert_same_publication(warm, fresh)


GATED = ("claims-check-desktop", "cumulative-releases-desktop-en", "prisoners-held-mobile-be",
         "sanctions-and-releases-mobile-en")


def test_a_contradicted_publish_claim_holds_back_every_edition(warm, tmp_path):
    """A render of four editions (the claims edition, whose gate it is, and one of each other story,
    both languages) rather than all 15: the gate treats every edition of a render alike, and the
    whole plan again would cost as much as `warm` itself."""
    root = tmp_path / "project"
    shutil.copytree(warm, root, symlinks=True)
    before = {p.relative_to(root / "output").as_posix(): p.read_bytes()
              for p in sorted((root / "output").rglob("*")) if p.is_file() and p.name != ".render.lock"}
    before_links = {p.name: p.readlink() for p in (root / "output").iterdir() if p.is_symlink()}
    releases = root / "data" / "releases.csv"
    assert "E22,2025-12-13,123," in releases.read_text()
    releases.write_text(releases.read_text().replace("E22,2025-12-13,123,", "E22,2025-12-13,23,"))

    result = render(root, *(arg for name in GATED for arg in ("--only", name)), timeout=1800)

    assert result.returncode == 2, result.stderr
    assert "render held back: published claim(s) K01" in result.stderr
    held = re.search(r"Editions held back \((\d+)\): ([^.]+)\.", result.stderr)
    assert held, result.stderr
    names = held.group(2).split(", ")
    assert int(held.group(1)) == len(names) == 3
    assert sorted(names) == ["cumulative-releases-desktop-en", "prisoners-held-mobile-be",
                             "sanctions-and-releases-mobile-en"]
    assert 'K01 "Lukashenko pardoned 123 prisoners on 13 December 2025": claimed exactly 123, data says 23' in result.stderr
    after = {p.relative_to(root / "output").as_posix(): p.read_bytes()
             for p in sorted((root / "output").rglob("*")) if p.is_file() and p.name != ".render.lock"
             and ".logs" not in p.parts}
    assert after == before
    assert {p.name: p.readlink() for p in (root / "output").iterdir() if p.is_symlink()} == before_links


def test_three_shards_merged_publish_what_one_render_publishes(warm, sharded, tmp_path):
    assert not (sharded.root / "output").exists()          # a shard renders into its own folder only
    shares = [set(json.loads((sharded.root / f"output-shard-{k}" / "manifest.json").read_text())["editions"])
              for k in (1, 2, 3)]
    assert sorted(len(share) for share in shares) == [5, 5, 5] and not (shares[0] & shares[1])

    root = Path(shutil.copytree(sharded.root, tmp_path / "project", symlinks=True))
    missing = render(root, "--merge", "output-shard-1", "output-shard-3")
    assert missing.returncode == 1
    assert "shard 2/2" in missing.stderr or "holds shard 3/3, but 2 folder(s) were given" in missing.stderr
    assert "nothing was published" in missing.stderr and not (root / "output" / "manifest.json").exists()

    assert "merged 15 edition(s) from 3 shard(s)" in sharded.merge_log
    assert_same_publication(warm, sharded.merged)


def test_a_failed_shard_fails_the_merge_and_nothing_is_published(warm, sharded, tmp_path):
    """The shards of `sharded`, merged into a copy of `warm` (the same inputs, a publication to keep
    untouched), with one edition struck from shard 1's manifest as a failed shard lacks it."""
    root = tmp_path / "project"
    shutil.copytree(warm, root, symlinks=True)
    for k in (1, 2, 3):
        shutil.copytree(sharded.root / f"output-shard-{k}", root / f"output-shard-{k}", symlinks=True)
    before = snapshot(root / "output")
    first = json.loads((root / "output-shard-1" / "manifest.json").read_text())
    lost = sorted(first["editions"])[0]
    del first["editions"][lost]
    (root / "output-shard-1" / "manifest.json").write_text(json.dumps(first))
    result = render(root, "--merge", "output-shard-1", "output-shard-2", "output-shard-3")
    assert result.returncode == 1
    assert f"shard 1/3 ({root / 'output-shard-1'}), edition {lost}: not rendered" in result.stderr
    assert snapshot(root / "output") == before


def test_every_published_table_is_declared_by_its_story_with_a_unique_id_column(warm):
    """The change review keys each table's rows by the id column its story declares (helpers.stories)."""
    from helpers import changes

    output = warm / "output"
    editions = json.loads((output / "manifest.json").read_text())["editions"]
    for name in editions:
        story = changes.story_of(output / name)
        assert story is not None and name.startswith(story.slug + "-"), name
        tables = changes.data_tables(output / name)
        assert sorted(path.name for path in tables) == sorted(story.tables), name
        for path in tables:
            columns, rows = changes.read_csv(path)
            key = story.tables[path.name]
            assert key in columns and len({row[key] for row in rows}) == len(rows), (name, path.name)
