"""The scheduled workflow (.github/workflows/render.yml) as GitHub would run it: linted by
actionlint (with shellcheck on every `run:` script) and zizmor, every action pinned to a release's
commit, no credentials kept, least permissions; and its own `run:` steps walked for render → merge →
site → deploy in temporary folders (artifacts as folders, the deployed site served on 127.0.0.1),
on three days: the first renders everything, the second (nothing changed) renders nothing and reports
no changes, the third (one new release) renders the editions whose story reads it, and the review
names only the two whose figures changed."""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project, release_rows, run_module, serve, write_probe_notebook
from helpers import history

WORKFLOW = ROOT / ".github" / "workflows" / "render.yml"
TOOLS = Path(sys.executable).parent            # actionlint, zizmor and shellcheck come with the test tools
# Each action at the commit of its release tag (checked against the tag in public records when pinned).
PINS = {
    "actions/checkout": ("3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1"),
    "actions/setup-python": ("5fda3b95a4ea91299a34e894583c3862153e4b97", "v7.0.0"),
    "actions/upload-artifact": ("043fb46d1a93c77aae656e7c1c64a875d1fc6a0a", "v7.0.1"),
    "actions/download-artifact": ("3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c", "v8.0.1"),
    "actions/upload-pages-artifact": ("fc324d3547104276b827a68afc52ff2a11cc49c9", "v5.0.0"),
    "actions/deploy-pages": ("368f82528645a54fb793d4d04e342629a3f51346", "v5.0.1"),
}
USES = re.compile(r"^\s*(?:- )?uses: ([\w.-]+/[\w.-]+)@(\S+)(?: # (\S+))?\s*$")
EXPRESSION = re.compile(r"\$\{\{\s*(.+?)\s*\}\}")


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def tool(name: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{TOOLS}{os.pathsep}{os.environ.get('PATH', '')}", "NO_COLOR": "1"}
    return subprocess.run([str(TOOLS / name), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_actionlint_and_shellcheck_report_nothing():
    result = tool("actionlint", "-verbose", "-no-color", str(WORKFLOW.relative_to(ROOT)))
    assert result.returncode == 0 and not result.stdout, result.stdout + result.stderr
    assert 'Rule "shellcheck" was disabled' not in result.stderr      # the run: scripts were checked


def test_zizmor_reports_nothing_even_pedantic():
    result = tool("zizmor", "--offline", "--persona=pedantic", "--no-progress", str(WORKFLOW.relative_to(ROOT)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_every_action_is_pinned_to_its_release_commit_with_the_version_beside_it():
    uses = [USES.match(line) for line in WORKFLOW.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert uses and all(uses), [line for line in WORKFLOW.read_text().splitlines() if "uses:" in line]
    found = {(m.group(1), m.group(2), m.group(3)) for m in uses}
    assert found == {(action, sha, version) for action, (sha, version) in PINS.items()}


def test_checkouts_keep_no_credentials_and_each_job_has_only_the_permissions_it_uses():
    document = workflow()
    assert document["permissions"] == {}
    jobs = document["jobs"]
    assert {name: job["permissions"] for name, job in jobs.items()} == {
        "test": {"contents": "read"}, "render": {"contents": "read"}, "merge": {"contents": "read"},
        "deploy": {"pages": "write", "id-token": "write"}}
    checkouts = [step for job in jobs.values() for step in job["steps"]
                 if step.get("uses", "").startswith("actions/checkout@")]
    assert len(checkouts) == 3 and all(step["with"]["persist-credentials"] is False for step in checkouts)
    assert not any("run" in step for step in jobs["deploy"]["steps"])    # the site is built once, by the merge


# ---------------------------------------------------------------- walking the workflow's own steps

PLAN = """defaults:
  site_url: {address}
editions:
  probe-a:
    notebook: notebooks/99_probe.ipynb
    parameters:
      layout: desktop
  probe-b:
    notebook: notebooks/99_probe.ipynb
    parameters:
      layout: mobile
  probe-counts:
    notebook: notebooks/99_probe.ipynb
    parameters:
      layout: mobile
      dataset: prisoner_counts
"""


class Walk:
    """Runs the workflow's jobs step by step: `run:` scripts in bash as GitHub runs them (the
    expressions substituted, `make` pointed at this test environment), the actions emulated with
    folders: a checkout is a fresh copy of `repository`, artifacts are folders, Pages is `deployed`."""

    def __init__(self, tmp_path: Path, repository: Path, deployed: Path):
        self.tmp, self.repository, self.deployed = tmp_path, repository, deployed
        self.document = workflow()
        self.day = 0
        shim = tmp_path / "bin"
        shim.mkdir()
        make = shutil.which("make")
        assert make, "make is needed to run the workflow's steps"
        (shim / "make").write_text(f'#!/bin/sh\nexec {make} -o .venv/.render-ok BIN="{TOOLS}" "$@"\n')
        (shim / "make").chmod(0o755)
        self.path = f"{shim}{os.pathsep}{TOOLS}{os.pathsep}{os.environ.get('PATH', '')}"

    def run_day(self) -> dict[str, str]:
        """The render, merge and deploy jobs of one scheduled run; each job's log (stderr)."""
        self.day += 1
        self.artifacts = self.tmp / f"artifacts-{self.day}"
        logs = {}
        for shard in self.document["jobs"]["render"]["strategy"]["matrix"]["shard"]:
            logs[f"render-{shard}"] = self.job("render", {"matrix.shard": shard})
        logs["merge"] = self.job("merge", {})
        logs["deploy"] = self.job("deploy", {})
        return logs

    def job(self, name: str, context: dict) -> str:
        job = self.document["jobs"][name]
        shards = self.document["jobs"]["render"]["strategy"]["matrix"]["shard"]
        context = {**context, **{f"env.{k}": v for k, v in self.document.get("env", {}).items()},
                   "github.run_number": self.day, "strategy.job-total": len(shards) if name == "render" else 1,
                   "inputs.allow_unpublish": ""}          # a scheduled run has no inputs
        checkout = self.tmp / f"day{self.day}-{name}-{context.get('matrix.shard', 0)}"
        # The checkout's own code runs (its src/ first on PYTHONPATH, kernels included), as in conftest.
        env = {**os.environ, **{k: str(v) for k, v in self.document.get("env", {}).items()}, "PATH": self.path,
               "DESK_ROOT": str(checkout),
               "PYTHONPATH": os.pathsep.join(filter(None, [str(checkout / "src"), os.environ.get("PYTHONPATH")]))}
        log = []
        for step in job["steps"]:
            action = step.get("uses", "").split("@")[0]
            given = {key: self.expand(value, context) for key, value in (step.get("with") or {}).items()}
            if "run" in step:
                step_env = {key: self.expand(value, context) for key, value in (step.get("env") or {}).items()}
                result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                                         self.expand(step["run"], context)], cwd=checkout, env={**env, **step_env},
                                        capture_output=True, text=True, timeout=600)
                assert result.returncode == 0, f"{name}: {step.get('name')}\n{result.stdout}\n{result.stderr}"
                log.append(result.stderr)
            elif action == "actions/checkout":
                shutil.copytree(self.repository, checkout, symlinks=True)
            elif action == "actions/setup-python":
                pass                                   # this test's Python is the job's Python
            elif action in ("actions/upload-artifact", "actions/upload-pages-artifact"):
                source = checkout / given["path"]
                assert source.is_dir() and any(source.iterdir()), f"{name}: nothing to upload at {given['path']}"
                shutil.copytree(source, self.artifacts / given.get("name", "github-pages"), symlinks=False,
                                ignore=lambda _, names: [n for n in names if n.startswith(".")])  # no hidden files
            elif action == "actions/download-artifact":
                for artifact in sorted(self.artifacts.iterdir()):
                    if fnmatch.fnmatch(artifact.name, given["pattern"]):
                        shutil.copytree(artifact, checkout / given["path"] / artifact.name)
            elif action == "actions/deploy-pages":
                shutil.rmtree(self.deployed)
                shutil.copytree(self.artifacts / "github-pages", self.deployed)
            else:
                pytest.fail(f"the walk does not know the action {action} (job {name})")
        return "".join(log)

    @staticmethod
    def expand(value, context: dict) -> str:
        def one(match):
            assert match.group(1) in context, f"the walk does not know the expression {match.group(0)}"
            return str(context[match.group(1)])

        return EXPRESSION.sub(one, str(value))


@pytest.mark.parametrize("given, passed", [("", False), ("false", False), ("true", True)])
def test_only_a_run_by_hand_that_asks_may_unpublish(tmp_path, given, passed):
    """The merge step's own script, with `make` replaced by a probe that writes its arguments down:
    the schedule (no inputs) and an unticked box never pass --allow-unpublish; a ticked box does."""
    step = next(s for s in workflow()["jobs"]["merge"]["steps"] if s.get("name", "").startswith("Merge the shards"))
    assert step["env"]["ALLOW_UNPUBLISH"] == "${{ inputs.allow_unpublish }}"
    assert workflow()[True]["workflow_dispatch"]["inputs"]["allow_unpublish"] == \
        {"description": "Take down published editions that renders.yml no longer lists (after a rename)",
         "type": "boolean", "default": False}
    (tmp_path / "bin").mkdir()
    probe = tmp_path / "bin" / "make"
    probe.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$MAKE_ARGS"\n')
    probe.chmod(0o755)
    for shard in (1, 2):
        (tmp_path / "shards" / f"shard-{shard}").mkdir(parents=True)
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=tmp_path,
                            env={**os.environ, "PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}",
                                 "ALLOW_UNPUBLISH": given, "MAKE_ARGS": str(tmp_path / "args")},
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    args = (tmp_path / "args").read_text().split("\n")
    assert args[0] == "render" and args[1].startswith("RENDER_ARGS=--merge shards/shard-1 shards/shard-2 --previous")
    assert ("--allow-unpublish" in args[1]) is passed


@pytest.mark.slow
def test_the_workflow_steps_render_merge_and_deploy_and_the_next_day_renders_only_what_changed(tmp_path):
    repository = copy_project(tmp_path / "repository")
    shutil.copy2(ROOT / "Makefile", repository / "Makefile")
    write_probe_notebook(repository)
    deployed = tmp_path / "deployed"
    deployed.mkdir()                              # Pages before the first deployment: nothing there
    with serve(deployed) as address:
        (repository / "renders.yml").write_text(PLAN.format(address=address))
        walk = Walk(tmp_path, repository, deployed)

        first = walk.run_day()
        assert all(f"previous publication not used: {address}manifest.json does not exist; every edition is "
                   "rendered." in first[job] for job in ("render-1", "render-2", "render-3", "merge"))
        assert "merged 3 edition(s) from 3 shard(s)" in first["merge"]
        assert "change review: 3 new edition(s)" in first["merge"]
        assert (deployed / "index.html").is_file() and (deployed / "manifest.json").is_file()
        assert (deployed / "files" / "probe-b" / "probe" / "mobile" / "rows.txt").read_text() == f"releases: {release_rows()} rows\n"

        second = walk.run_day()                   # the same inputs the next morning
        for shard in (1, 2, 3):
            assert "nothing to render: all 1 edition(s) up to date" in second[f"render-{shard}"]
            assert "start " not in second[f"render-{shard}"]
        assert "change review: no changes" in second["merge"]
        assert json.loads((deployed / "changes.json").read_text())["summary"] == "no changes"
        assert [p["summary"] for p in history.read(deployed)["publications"]] == ["3 new edition(s)"]

        added = run_module("helpers.new_release", "--date", "2026-04-02", "--released-count", "40", "--destination",
                           "in_belarus", "--source-url", "https://example.org/news/pardon", "--second-source-url", "https://example.org/other/pardon", "--source-publisher",
                           "Example", "--confidence", "high", root=repository, timeout=120, stdin=subprocess.DEVNULL)
        assert added.returncode == 0, added.stderr
        third = walk.run_day()                    # one new release
        assert "start probe-a (changed: data/releases.csv)" in third["render-1"]
        assert "start probe-b (changed: data/releases.csv)" in third["render-2"]
        # probe-counts draws prisoner_counts, but its story declares releases.csv as an input too
        # (helpers.inputs): it renders again, the same bytes, and the review counts it unchanged.
        assert "start probe-counts (changed: data/releases.csv)" in third["render-3"]
        assert "change review: 2 of 3 edition(s) changed" in third["merge"]
        assert (deployed / "files" / "probe-b" / "probe" / "mobile" / "rows.txt").read_text() == f"releases: {release_rows() + 1} rows\n"
        feed = (deployed / "changes.atom").read_text(encoding="utf-8")
        assert feed.count("<entry>") == 2 and f"<link rel=\"self\" type=\"application/atom+xml\" href=\"{address}" \
                                              "changes.atom\" />" in feed
