"""A publication that remembers: `--previous` takes a built site (a folder, or an address served
here on 127.0.0.1) as what is published now. Unchanged editions come from it, changed ones are
compared with it, its history goes on; a missing or damaged one is said in one sentence and every
edition is rendered."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import (PROBE_PLAN, copy_project, release_rows, render, run_module, serve, set_plan_languages,
                      snapshot, write_probe_notebook)
from helpers import history

EDITIONS = ("probe-a", "probe-counts")
ONE_KERNEL = ("--jobs", "1")        # two tiny editions: one warm kernel starts faster than two


def manifest(root: Path) -> dict:
    return json.loads((root / "output" / "manifest.json").read_text())


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The probe plan rendered once: its output/site/ is the previous publication of these tests."""
    root = copy_project(tmp_path_factory.mktemp("previous") / "project")
    write_probe_notebook(root)
    (root / "renders.yml").write_text(PROBE_PLAN)
    result = render(root, *ONE_KERNEL)
    assert result.returncode == 0, result.stderr
    return root


def next_run(published: Path, tmp_path: Path) -> Path:
    """The same project in a fresh checkout (an empty output/), as a CI job starts."""
    root = copy_project(tmp_path / "next")
    for probe in ("notebooks/99_probe.ipynb", "src/helpers/stories.py"):    # the probe and its story record
        shutil.copy2(published / probe, root / probe)
    (root / "renders.yml").write_text(PROBE_PLAN)
    return root


def site_copy(published: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(published / "output" / "site", tmp_path / "site"))


@pytest.mark.slow
def test_unchanged_inputs_take_every_edition_from_the_previous_site_and_render_nothing(published, tmp_path):
    root = next_run(published, tmp_path)

    result = render(root, "--previous", str(published / "output" / "site"))

    assert result.returncode == 0, result.stderr
    assert "start " not in result.stderr
    assert "skip probe-a: up to date" in result.stderr and "nothing to render: all 2 edition(s) up to date" in result.stderr
    assert "change review: no changes" in result.stderr
    for name in EDITIONS:                     # the previous publication's files, byte for byte
        assert snapshot(root / "output" / name) == snapshot(published / "output" / name), name
    assert manifest(root)["editions"] == manifest(published)["editions"]
    text = (root / "output" / "CHANGES.md").read_text(encoding="utf-8")
    assert "No changes: no edition was re-rendered (every one is as the previous publication has it)." in text
    # The history goes on (a render that changed nothing adds no entry), and the new site carries it all again.
    kept = history.read(published / "output")
    assert history.read(root / "output") == kept and [p["summary"] for p in kept["publications"]] == \
        ["2 new edition(s)"]
    site = root / "output" / "site"
    assert json.loads((site / "manifest.json").read_text())["editions"] == manifest(published)["editions"]
    assert (site / "files" / "probe-a" / "probe" / "desktop" / "rows.txt").read_text() == \
        f"releases: {release_rows()} rows\n"


@pytest.mark.slow
def test_one_new_release_is_rendered_and_reviewed_against_the_deployed_site(tmp_path):
    only = ("--only", "cumulative-releases-desktop-en")
    first = set_plan_languages(copy_project(tmp_path / "first"), ("en",))
    assert render(first, *only).returncode == 0
    second = set_plan_languages(copy_project(tmp_path / "second"), ("en",))
    added = run_module("helpers.new_release", "--date", "2026-04-02", "--released-count", "40", "--destination",
                       "in_belarus", "--source-url", "https://example.org/news/pardon", "--second-source-url", "https://example.org/other/pardon", "--source-publisher",
                       "Example", "--confidence", "high", root=second, timeout=120, stdin=subprocess.DEVNULL)
    assert added.returncode == 0, added.stderr

    with serve(first / "output" / "site") as address:
        result = render(second, *only, "--previous", address)

    assert result.returncode == 0, result.stderr
    assert f"previous publication: 1 edition(s) from {address}" in result.stderr
    assert "start cumulative-releases-desktop-en (changed: data/releases.csv)" in result.stderr
    assert "changes cumulative-releases-desktop-en: people freed: 865 → 905" in result.stderr
    text = (second / "output" / "CHANGES.md").read_text(encoding="utf-8")
    assert "## cumulative-releases-desktop-en" in text and "- people freed: 865 → 905" in text.splitlines()
    entries = history.read(second / "output")["publications"]
    assert [e["summary"] for e in entries] == ["1 of 1 edition(s) changed", "1 new edition(s)"]
    assert entries[1] == history.read(first / "output")["publications"][0]
    feed = (second / "output" / "site" / "changes.atom").read_text(encoding="utf-8")
    assert feed.count("<entry>") == 2 and "people freed: 865 → 905" in feed


def assert_renders_everything(result, reason: str) -> None:
    assert result.returncode == 0, result.stderr
    lines = [line.split(" ", 2)[2] for line in result.stderr.splitlines() if "previous publication not used" in line]
    assert lines == [f"previous publication not used: {reason}; every edition is rendered."]
    assert "start probe-a (never rendered)" in result.stderr and "start probe-counts (never rendered)" in result.stderr
    assert "done: 2 rendered, 0 skipped, 0 failed" in result.stderr


@pytest.mark.slow
def test_a_missing_previous_publication_is_said_and_everything_renders(published, tmp_path):
    root = next_run(published, tmp_path)
    (tmp_path / "empty").mkdir()
    with serve(tmp_path / "empty") as address:
        result = render(root, "--previous", address, *ONE_KERNEL)
    assert_renders_everything(result, f"{address}manifest.json does not exist")
    assert (root / "output" / "CHANGES.md").read_text(encoding="utf-8").count("- new edition (nothing to compare with)") == 2
    assert history.read(root / "output")["publications"][0]["summary"] == "2 new edition(s)"


@pytest.mark.slow
def test_a_corrupted_previous_manifest_is_said_and_everything_renders(published, tmp_path):
    site = site_copy(published, tmp_path)
    (site / "manifest.json").write_text('{"editions": {"probe-a": ', encoding="utf-8")
    root = next_run(published, tmp_path)
    result = render(root, "--previous", str(site), *ONE_KERNEL)
    assert_renders_everything(result, f"{site / 'manifest.json'} is not valid JSON "
                                      "(Expecting value: line 1 column 26 (char 25))")
    # The editions could not be taken, but the changes history goes on.
    kept, now = history.read(site), history.read(root / "output")
    assert now["id"] == kept["id"] and now["publications"][1:] == kept["publications"]
    assert now["publications"][0]["summary"] == "2 new edition(s)"


@pytest.mark.slow
def test_a_file_that_does_not_match_its_hash_is_said_and_everything_renders(published, tmp_path):
    site = site_copy(published, tmp_path)
    altered = site / "files" / "probe-counts" / "probe" / "mobile" / "rows.txt"
    altered.write_text("prisoner_counts: 1 rows\n")
    root = next_run(published, tmp_path)
    with serve(site) as address:
        result = render(root, "--previous", address, *ONE_KERNEL)
    assert_renders_everything(result, f"{address}files/probe-counts/probe/mobile/rows.txt does not match its "
                                      "SHA-256 in the manifest")


def test_a_damaged_history_is_said_and_the_editions_are_still_taken(published, tmp_path):
    site = site_copy(published, tmp_path)
    (site / history.HISTORY).write_text("[]", encoding="utf-8")
    root = next_run(published, tmp_path)
    result = render(root, "--previous", str(site), *ONE_KERNEL)
    assert result.returncode == 0, result.stderr
    assert "nothing to render: all 2 edition(s) up to date" in result.stderr
    assert f"warning: the previous publication's changes history ({site / history.HISTORY}) could not be read " \
           "(it is not a changes history" in result.stderr
    assert not (root / "output" / history.HISTORY).exists()


def test_without_a_value_previous_reads_site_url_and_says_when_there_is_none(published, tmp_path):
    root = next_run(published, tmp_path)
    result = render(root, "--dry-run", "--previous")
    assert result.returncode == 0, result.stderr
    assert "previous publication not used: renders.yml sets no site_url under defaults:, so there is no deployed " \
           "site to read; every edition is rendered." in result.stderr
    assert "would render probe-a (never rendered)" in result.stderr
    plan = root / "renders.yml"
    with serve(published / "output" / "site") as address:
        plan.write_text(f"defaults:\n  site_url: {address}\n" + plan.read_text())
        listed = render(root, "--list", "--previous")
    assert listed.returncode == 0, listed.stderr
    lines = [line for line in listed.stdout.splitlines() if not line.startswith("site:")]
    assert len(lines) == 2 and all(line.endswith("up to date") for line in lines), listed.stdout
    assert not (root / "output" / "manifest.json").exists()          # --list reads, never publishes


def test_an_address_that_cannot_be_reached_is_said_in_one_sentence(published, tmp_path):
    root = next_run(published, tmp_path)
    with serve(tmp_path) as address:
        pass                                  # the server is gone: nothing listens at the address
    result = render(root, "--dry-run", "--previous", address)
    assert result.returncode == 0, result.stderr
    assert f"previous publication not used: {address}manifest.json could not be read ([Errno 111] Connection " \
           "refused); every edition is rendered." in result.stderr
