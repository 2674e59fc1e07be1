"""The render runner: plan, checks before running, incremental skips, atomic publishing, locking."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from conftest import holds_lock, release_rows, render, snapshot, start_render, started, wait_for

pytestmark = pytest.mark.slow


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def manifest(root: Path) -> dict:
    return json.loads((root / "output" / "manifest.json").read_text())


def set_plan(root: Path, text: str) -> None:
    (root / "renders.yml").write_text(text)


def go_ahead(root: Path, plan_option: str) -> Path:
    """probe-a of the plan waits, once under way, for a file the test creates when it is ready."""
    go = root / "go-ahead"
    set_plan(root, (root / "renders.yml").read_text().replace(
        "      layout: desktop\n", f"      layout: desktop\n      {plan_option}: {go}\n"))
    return go


def test_render_publishes_every_edition_with_a_truthful_manifest(probe_published):
    probe_project = probe_published              # rendered once by the session (conftest.probe_rendered)
    output = probe_project / "output"
    assert (output / "probe-a" / "probe" / "desktop" / "rows.txt").read_text() == f"releases: {release_rows()} rows\n"
    assert (output / "probe-counts" / "probe" / "mobile" / "rows.txt").read_text().startswith("prisoner_counts:")
    assert (output / "probe-a" / "notebook.ipynb").is_file()           # the executed notebook, as audit log
    entry = manifest(probe_project)["editions"]["probe-a"]
    assert entry["status"] == "ok" and entry["duration_seconds"] > 0
    assert entry["parameters"]["layout"] == "desktop" and entry["parameters"]["fail"] is False
    for relative, digest in entry["outputs"].items():
        assert sha256(output / "probe-a" / relative) == digest
    assert entry["inputs"]["data/releases.csv"] == sha256(probe_project / "data" / "releases.csv")
    assert entry["inputs"]["notebooks/99_probe.ipynb"] == sha256(probe_project / "notebooks" / "99_probe.ipynb")
    assert entry["inputs"]["src/helpers/params.py"] == sha256(probe_project / "src" / "helpers" / "params.py")
    assert "requirements/render.txt" in entry["inputs"] and "renders.yml entry" in entry["inputs"]
    # declared, not discovered: the probe story's datasets, and no code the probe does not import
    assert sorted(k for k in entry["inputs"] if k.startswith("data/")) == [
        "data/datapackage.json", "data/prisoner_counts.csv", "data/releases.csv"]
    assert not any(k.startswith(("src/helpers/site", "src/helpers/figures", "locale/")) for k in entry["inputs"])
    assert entry["packages"]["papermill"] and entry["packages"]["altair"]


def test_second_run_skips_and_leaves_files_untouched(probe_published):
    probe_project = probe_published
    before = snapshot(probe_project / "output")
    stamps = {p: p.stat().st_mtime_ns for p in (probe_project / "output").rglob("*")
              if p.is_file() and p.name != ".render.lock"}
    again = render(probe_project)
    assert again.returncode == 0
    assert "skip probe-a: up to date" in again.stderr and "nothing to render" in again.stderr
    assert snapshot(probe_project / "output") == before
    assert stamps == {p: p.stat().st_mtime_ns for p in stamps}


def test_a_changed_data_file_rerenders_the_editions_of_the_stories_that_declare_it(probe_published):
    """tests/test_inputs.py checks every kind of input on the real plan without kernels; here a render."""
    probe_project = probe_published
    milestones = probe_project / "data" / "milestones.csv"          # not a dataset of the probe story
    milestones.write_text(milestones.read_text().replace("Poland border buffer zone,", "Polish buffer zone,", 1))
    assert render(probe_project, "--list").stdout.count("up to date") == 2
    counts = probe_project / "data" / "prisoner_counts.csv"
    counts.write_text(counts.read_text().replace("C002,2024-07-02,day,1410", "C002,2024-07-02,day,1411"))
    result = render(probe_project)
    assert result.returncode == 0, result.stderr
    assert "start probe-counts (changed: data/prisoner_counts.csv)" in result.stderr
    assert "start probe-a (changed: data/prisoner_counts.csv)" in result.stderr


def test_force_renders_anyway(probe_published):
    result = render(probe_published, "--force", "--only", "probe-a")
    assert result.returncode == 0
    assert "start probe-a (forced)" in result.stderr and "probe-counts" not in result.stderr
    assert "rendered probe-a in " in result.stderr and "done: 1 rendered, 0 skipped, 0 failed" in result.stderr


def test_a_notebook_that_raises_exits_1_naming_the_cell_and_changes_nothing(probe_published):
    probe_project = probe_published
    before = snapshot(probe_project / "output")
    set_plan(probe_project, (probe_project / "renders.yml").read_text().replace(
        "      layout: desktop\n", "      layout: desktop\n      fail: true\n"))
    result = render(probe_project)
    assert result.returncode == 1
    # cell 4 as numbered in the executed notebook (papermill inserts the injected-parameters cell)
    assert "edition probe-a failed in cell 4: RuntimeError: probe failure requested" in result.stderr
    assert "output/.logs/probe-a.failed.ipynb" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(probe_project / "output") == before
    assert (probe_project / "output" / ".logs" / "probe-a.failed.ipynb").is_file()


def test_an_unknown_parameter_in_the_plan_exits_2_before_any_notebook_starts(probe_published):
    probe_project = probe_published
    before = snapshot(probe_project / "output")
    set_plan(probe_project, (probe_project / "renders.yml").read_text().replace("layout: mobile", "editon: mobile"))
    result = render(probe_project, "--force")
    assert result.returncode == 2
    assert "edition probe-counts: parameter editon is not a parameter of 99_probe" in result.stderr
    assert "start " not in result.stderr and "Traceback" not in result.stderr
    assert snapshot(probe_project / "output") == before


def test_sigkill_mid_render_leaves_published_output_intact_and_next_run_succeeds(probe_published):
    probe_project = probe_published
    before = snapshot(probe_project / "output")
    plan = (probe_project / "renders.yml").read_text()
    go_ahead(probe_project, "wait_for")            # never given: probe-a waits until the runner is killed
    runner = start_render(probe_project)
    wait_for(lambda: started(probe_project, "probe-a") or runner.poll() is not None, "probe-a's cell starting")
    assert runner.poll() is None, runner.communicate()[1]       # killed mid-edition, not after
    runner.kill()
    runner.wait(timeout=30)
    assert snapshot(probe_project / "output") == before
    set_plan(probe_project, plan.replace("desktop", "mobile").replace("probe-counts", "probe-b"))
    result = render(probe_project, "--allow-unpublish")
    assert result.returncode == 0, result.stderr
    # the next run really renders (probe-a's parameters changed, probe-b is new): not "nothing to render"
    assert "rendered probe-a in " in result.stderr and "rendered probe-b in " in result.stderr
    assert (probe_project / "output" / "probe-a" / "probe" / "mobile" / "rows.txt").read_text() == f"releases: {release_rows()} rows\n"
    assert not (probe_project / "output" / ".staging").exists()


def test_two_renders_at_once_give_one_success_and_one_status_3(probe_project):
    go = go_ahead(probe_project, "wait_for")
    first = start_render(probe_project)
    wait_for(lambda: holds_lock(probe_project, first) or first.poll() is not None, "the first render taking the lock")
    second = render(probe_project)
    go.touch()
    assert first.wait(timeout=300) == 0, first.communicate()[1]
    assert second.returncode == 3, second.stderr
    assert f"another render is running (pid {first.pid}, started " in second.stderr


def test_wait_lets_a_second_render_queue_behind_the_first(probe_project, tmp_path):
    go = go_ahead(probe_project, "wait_for")
    first = start_render(probe_project)
    wait_for(lambda: holds_lock(probe_project, first) or first.poll() is not None, "the first render taking the lock")
    log = tmp_path / "second.log"
    with log.open("w") as handle:
        second = start_render(probe_project, "--wait", stderr=handle)
    wait_for(lambda: "waiting for the other render" in log.read_text() or second.poll() is not None,
             "the second render waiting")
    assert second.poll() is None, log.read_text()           # still queued while the first one runs
    go.touch()
    assert first.wait(timeout=300) == 0, first.communicate()[1]
    assert second.wait(timeout=300) == 0, log.read_text()
    assert f"waiting for the other render to finish (pid {first.pid}, started " in log.read_text()
    assert "nothing to render: all 2 edition(s) up to date" in log.read_text()   # it found the first's work


def test_list_dry_run_and_help_change_nothing(probe_project):
    listed = render(probe_project, "--list")
    assert listed.returncode == 0
    assert re.search(r"probe-a +notebooks/99_probe.ipynb  \[layout=desktop\]  to render \(never rendered\)",
                     listed.stdout)
    dry = render(probe_project, "--dry-run")
    assert dry.returncode == 0 and "would render probe-a" in dry.stderr
    assert not (probe_project / "output" / "manifest.json").exists()
    helped = render(probe_project, "--help")
    for option in ("--list", "--only", "--force", "--jobs", "--dry-run", "--wait", "Exit status", "--fresh-kernels",
                   "--shard K/N", "--merge DIR", "output-shard-K", "--fail-when-stale", "held back"):
        assert option in " ".join(helped.stdout.split())


def test_only_names_an_unknown_edition(probe_project):
    result = render(probe_project, "--only", "probe-z")
    assert result.returncode == 2
    assert "--only probe-z: no such edition in renders.yml; did you mean probe-a?" in result.stderr
    far = render(probe_project, "--only", "headline")
    assert "--only headline: no such edition in renders.yml (expected one of: probe-a, probe-counts)" in far.stderr


CLAIMS_PLAN = """editions:
  claims-check-mobile:
    notebook: notebooks/04_claims_check.ipynb
    parameters:
      layout: mobile
"""


def test_a_contradicted_published_claim_fails_the_render_and_keeps_the_last_good_output(project):
    set_plan(project, CLAIMS_PLAN)
    assert render(project).returncode == 0
    published = project / "output" / "claims-check-mobile"
    svg = next(published.rglob("*.svg")).read_text()
    assert "CONTRADICTED" in svg and "SUPPORTED" in svg and "NOT CHECKABLE" in svg
    assert json.loads((published / "gate.json").read_text()) == {"holds": True, "contradicted": []}
    before = snapshot(project / "output")
    releases = project / "data" / "releases.csv"
    releases.write_text(releases.read_text().replace("E22,2025-12-13,123,", "E22,2025-12-13,120,"))
    result = render(project)
    assert result.returncode == 2
    assert "FAILED claims-check-mobile: failed in cell" in result.stderr
    assert "render held back: published claim(s) K01, K07 contradicted" in result.stderr
    assert 'K01 "Lukashenko pardoned 123 prisoners on 13 December 2025": claimed exactly 123, data says 120' \
        in result.stderr
    assert snapshot(project / "output") == before


def test_removing_an_edition_is_refused_unless_asked_and_the_output_stays_byte_identical(probe_published):
    probe_project = probe_published
    before = snapshot(probe_project / "output")
    set_plan(probe_project, (probe_project / "renders.yml").read_text().split("  probe-counts:")[0])
    dry = render(probe_project, "--dry-run")
    assert dry.returncode == 2 and "would unpublish probe-counts: it is no longer in renders.yml" in dry.stderr
    refused = render(probe_project)
    assert refused.returncode == 2
    assert "render refused: it would unpublish 1 published edition(s) that are no longer in renders.yml: " \
           "probe-counts." in refused.stderr
    assert "Traceback" not in refused.stderr and " start " not in refused.stderr
    assert snapshot(probe_project / "output") == before
    result = render(probe_project, "--allow-unpublish")
    assert result.returncode == 0, result.stderr
    assert "unpublished probe-counts: it is no longer in renders.yml (--allow-unpublish)" in result.stderr
    assert not (probe_project / "output" / "probe-counts").exists()
    assert list(manifest(probe_project)["editions"]) == ["probe-a"]
    assert (probe_project / "output" / "probe-a" / "probe" / "desktop" / "rows.txt").is_file()
