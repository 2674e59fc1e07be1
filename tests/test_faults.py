"""Faults during a render: each leaves the last good output intact, releases the lock,
says what happened, exits non-zero; and the next run renders again (forced: after a failed run
the manifest still holds the last good render, so an unforced run would have nothing to do).

The read-only, full-disk and no-network cases need the operating system's help (tests/privileged.py:
root here, `sudo -n` on GitHub's runner, a technique without privilege where there is one); where
nothing works they skip with the reason, and fail under CI=true."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROBE_PLAN, project_env, render, snapshot, start_render, started, wait_for
from privileged import as_root, fault_env, run_as_root, unavailable, without_network

pytestmark = pytest.mark.slow


def set_probe_option(root: Path, option: str) -> None:
    (root / "renders.yml").write_text(PROBE_PLAN.replace("      layout: desktop\n",
                                                         f"      layout: desktop\n      {option}\n"))


def wait_until_under_way(root: Path, runner: subprocess.Popen) -> None:
    """probe-a's cell has started (the probe's marker), and the runner is still running."""
    wait_for(lambda: started(root, "probe-a") or runner.poll() is not None, "probe-a's cell starting")
    assert runner.poll() is None, runner.communicate()[1]


def assert_recovers(root: Path, *args: str) -> None:
    (root / "renders.yml").write_text(PROBE_PLAN)
    result = render(root, "--force", *args)
    assert result.returncode == 0, result.stderr
    assert "rendered probe-a in " in result.stderr and "rendered probe-counts in " in result.stderr
    assert "done: 2 rendered, 0 skipped, 0 failed" in result.stderr
    assert not (root / "output" / ".staging").exists()


def test_a_kernel_killed_mid_render(probe_published):
    probe_project = probe_published
    before = snapshot(probe_project / "output")
    set_probe_option(probe_project, "kill_kernel: true")
    result = render(probe_project)
    assert result.returncode == 1
    assert "edition probe-a" in result.stderr and "DeadKernelError" in result.stderr
    assert "retrying probe-a in a new kernel: " in result.stderr          # tried twice, died twice
    assert snapshot(probe_project / "output") == before
    assert_recovers(probe_project)


def test_a_kernel_that_dies_once_is_retried_in_a_new_kernel_and_published(probe_published):
    """run.execute: a dead kernel is retried once in a new kernel; a transient death costs nothing."""
    set_probe_option(probe_published, f"kill_once: {probe_published / 'died-once'}")
    result = render(probe_published)
    assert result.returncode == 0, result.stderr
    assert "retrying probe-a in a new kernel: failed in a cell: DeadKernelError" in result.stderr, result.stderr
    assert "rendered probe-a in " in result.stderr and "FAILED" not in result.stderr
    assert (probe_published / "died-once").is_file()
    entry = json.loads((probe_published / "output" / "manifest.json").read_text())["editions"]["probe-a"]
    assert entry["status"] == "ok" and entry["parameters"]["kill_once"].endswith("died-once")


def test_a_cell_that_hangs_is_stopped_by_the_edition_timeout(probe_published):
    probe_project = probe_published
    before = snapshot(probe_project / "output")
    # An hour's sleep: only the edition's 3 s timeout (tried twice) ends it before render()'s own limit.
    set_probe_option(probe_project, "sleep_seconds: 3600\n    timeout_minutes: 0.05")
    result = render(probe_project, timeout=600)
    assert result.returncode == 1
    assert "retrying probe-a in a new kernel: timed out after 0.05 minutes" in result.stderr
    assert "edition probe-a timed out after 0.05 minutes (timeout_minutes in renders.yml)" in result.stderr
    assert snapshot(probe_project / "output") == before
    assert_recovers(probe_project)


@pytest.mark.parametrize("stop_signal, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_sigterm_or_ctrl_c_to_the_runner(probe_published, stop_signal, status):
    probe_project = probe_published
    before = snapshot(probe_project / "output")
    set_probe_option(probe_project, f"wait_for: {probe_project / 'never'}")
    runner = start_render(probe_project)
    wait_until_under_way(probe_project, runner)
    runner.send_signal(stop_signal)
    stderr = runner.communicate(timeout=60)[1]
    assert runner.returncode == status
    assert f"render interrupted ({stop_signal.name})" in stderr and "unchanged" in stderr
    assert snapshot(probe_project / "output") == before
    assert_recovers(probe_project)


def test_a_read_only_output_folder(probe_published):
    """A read-only bind mount (root, or `sudo -n`); without either, the folder made unwritable by
    its owner (chmod: the same refusal, as "Permission denied")."""
    probe_project = probe_published
    output = probe_project / "output"
    before = snapshot(output)
    set_probe_option(probe_project, "sleep_seconds: 0.1")
    if as_root(["true"]) is not None:
        if not (run_as_root("mount", "--bind", str(output), str(output))
                and run_as_root("mount", "-o", "remount,bind,ro", str(output))):
            run_as_root("umount", str(output))
            unavailable("cannot make a read-only bind mount here (mount refused)")
        said, undo = "Read-only file system", lambda: run_as_root("umount", str(output))
    elif os.geteuid() != 0:
        paths = [output, *output.rglob("*")]
        for path in paths:
            if not path.is_symlink():
                path.chmod(path.stat().st_mode & ~0o222)
        said = "Permission denied"

        def undo():
            for path in paths:
                if not path.is_symlink():
                    path.chmod(path.stat().st_mode | 0o200)
    else:
        unavailable("root cannot make a folder read-only without mount, and mount is not allowed here")
    try:
        result = render(probe_project)
    finally:
        undo()
    assert result.returncode == 1
    assert "render failed: cannot write to" in result.stderr and f"({said});" in result.stderr, result.stderr
    assert "the published output and manifest are unchanged" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(output) == before
    assert_recovers(probe_project)


def test_a_full_output_folder(probe_published, tmp_path):
    """A 2 MB tmpfs filled to the last byte (root, or `sudo -n`)."""
    probe_project = probe_published
    output = probe_project / "output"
    small = tmp_path / "small"
    small.mkdir()
    if not run_as_root("mount", "-t", "tmpfs", "-o", f"size=2m,mode=0755,uid={os.getuid()},gid={os.getgid()}",
                       "tmpfs", str(small)):
        unavailable("cannot mount a small tmpfs here (needs root or `sudo -n`, and mount permission)")
    try:
        shutil.copytree(output, small / "output", symlinks=True)
        before = snapshot(small / "output")
        filler = small / "filler"
        with open(filler, "wb") as handle:     # fill the disk to the last byte
            try:
                while True:
                    handle.write(b"\0" * 65536)
                    handle.flush()
            except OSError:
                pass
        set_probe_option(probe_project, "sleep_seconds: 0.1")
        result = render(probe_project, "--output", str(small / "output"))
        assert result.returncode == 1, result.stderr
        assert "No space left on device" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
        assert snapshot(small / "output") == before
        filler.unlink()
        (probe_project / "renders.yml").write_text(PROBE_PLAN)
        again = render(probe_project, "--output", str(small / "output"), "--force")
        assert again.returncode == 0, again.stderr
        assert "rendered probe-a in " in again.stderr
    finally:
        assert run_as_root("umount", str(small))


def test_a_full_output_folder_without_privilege(probe_published, tmp_path):
    """The same fault where no file system can be mounted (GitHub's runner without sudo, any user): every
    Python process of the render finds every write under output/ refused with ENOSPC (privileged.fault_env)."""
    probe_project = probe_published
    output = probe_project / "output"
    before = snapshot(output)
    set_probe_option(probe_project, "sleep_seconds: 0.1")          # parameters changed: probe-a must render
    # The disk fills while the editions render: the lock, the staging area and the logs were written before
    # it did, so the render gets as far as publishing (the new manifest, the version folders) and fails there.
    env = fault_env(tmp_path / "fault", project_env(probe_project)["PYTHONPATH"], full_disk=output,
                    spared=(".render.lock", ".staging", ".logs"))
    result = render(probe_project, env=env)
    assert result.returncode == 1, result.stderr
    assert "No space left on device" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(output) == before
    assert_recovers(probe_project)


HEADLINE = "cumulative-releases-headline"
HEADLINE_PLAN = f"""editions:
  {HEADLINE}:
    notebook: notebooks/01_cumulative_releases.ipynb
    parameters:
      layout: mobile
"""


def test_repeated_renders_are_byte_identical(project):
    (project / "renders.yml").write_text(HEADLINE_PLAN)
    assert render(project).returncode == 0
    first = json.loads((project / "output" / "manifest.json").read_text())["editions"][HEADLINE]["outputs"]
    assert render(project, "--force").returncode == 0
    second = json.loads((project / "output" / "manifest.json").read_text())["editions"][HEADLINE]["outputs"]
    assert first == second        # every file's hash: the PDF and the executed notebook too
    assert any(name.endswith(".pdf") for name in first) and "notebook.ipynb" in first


def test_a_render_needs_no_network(project):
    """The render runs inside a network namespace with only loopback (root, a user namespace, or
    `sudo -n` and back to this user: tests/privileged.py); where none can be made, with every connection
    beyond loopback refused in its Python processes."""
    (project / "renders.yml").write_text(HEADLINE_PLAN)
    env = " ".join(f"{key}={shlex.quote(value)}" for key, value in project_env(project).items()
                   if key in ("DESK_ROOT", "PYTHONPATH", "HOME", "PATH", "LANG", "CI"))
    command = without_network(f"cd {shlex.quote(str(project))} && exec env {env} {sys.executable} -m helpers.render")
    if command is None:         # no namespace to be had: every Python process's connections refused instead
        print("no network namespace here (needs unshare with root, user namespaces or `sudo -n`): "
              "connections and name lookups beyond loopback refused in every Python process (privileged.fault_env)")
        result = render(project, env=fault_env(project.parent / "fault", project_env(project)["PYTHONPATH"],
                                               no_network=True))
    else:
        result = subprocess.run(command, cwd=project, env=project_env(project), capture_output=True, text=True,
                                timeout=600)
    assert result.returncode == 0, result.stderr
    assert "rendered cumulative-releases-headline in " in result.stderr
    svg = next((project / "output" / HEADLINE).rglob("*.svg")).read_text()
    assert "Coale visit; 250 freed" in svg
