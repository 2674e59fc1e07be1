"""Faults during a render: each leaves the last good output intact, releases the lock,
says what happened, exits non-zero; and the next run succeeds."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import PROBE_PLAN, render, snapshot, start_render

pytestmark = pytest.mark.slow


def set_probe_option(root: Path, option: str) -> None:
    (root / "renders.yml").write_text(PROBE_PLAN.replace("      layout: desktop\n",
                                                         f"      layout: desktop\n      {option}\n"))


def wait_for_staging(root: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not any((root / "output" / ".staging").glob("*/probe-a.spec.json")) and time.monotonic() < deadline:
        time.sleep(0.2)


def assert_recovers(root: Path) -> None:
    (root / "renders.yml").write_text(PROBE_PLAN)
    result = render(root)
    assert result.returncode == 0, result.stderr
    assert not (root / "output" / ".staging").exists()


def test_a_kernel_killed_mid_render(probe_project):
    assert render(probe_project).returncode == 0
    before = snapshot(probe_project / "output")
    set_probe_option(probe_project, "kill_kernel: true")
    result = render(probe_project)
    assert result.returncode == 1
    assert "edition probe-a" in result.stderr and "DeadKernelError" in result.stderr
    assert snapshot(probe_project / "output") == before
    assert_recovers(probe_project)


def test_a_cell_that_hangs_is_stopped_by_the_edition_timeout(probe_project):
    assert render(probe_project).returncode == 0
    before = snapshot(probe_project / "output")
    set_probe_option(probe_project, "sleep_seconds: 120\n    timeout_minutes: 0.1")
    started = time.monotonic()
    result = render(probe_project)
    assert result.returncode == 1
    assert time.monotonic() - started < 60
    assert "edition probe-a timed out after 0.1 minutes (timeout_minutes in renders.yml)" in result.stderr
    assert snapshot(probe_project / "output") == before
    assert_recovers(probe_project)


@pytest.mark.parametrize("stop_signal, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_sigterm_or_ctrl_c_to_the_runner(probe_project, stop_signal, status):
    assert render(probe_project).returncode == 0
    before = snapshot(probe_project / "output")
    set_probe_option(probe_project, "sleep_seconds: 60")
    runner = start_render(probe_project)
    wait_for_staging(probe_project)
    time.sleep(1)
    runner.send_signal(stop_signal)
    stderr = runner.communicate(timeout=60)[1]
    assert runner.returncode == status
    assert f"render interrupted ({stop_signal.name})" in stderr and "unchanged" in stderr
    assert snapshot(probe_project / "output") == before
    assert_recovers(probe_project)


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


def test_a_read_only_output_folder(probe_project):
    assert render(probe_project).returncode == 0
    output = probe_project / "output"
    before = snapshot(output)
    set_probe_option(probe_project, "sleep_seconds: 0.1")
    if not (_mount("--bind", str(output), str(output)) and _mount("-o", "remount,bind,ro", str(output))):
        subprocess.run(["umount", str(output)], capture_output=True)
        pytest.skip("cannot make a read-only bind mount here (needs root and mount permission)")
    try:
        result = render(probe_project)
    finally:
        subprocess.run(["umount", str(output)], check=True)
    assert result.returncode == 1
    assert "cannot write to" in result.stderr and "Read-only file system" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(output) == before
    assert_recovers(probe_project)


def test_a_full_output_folder(probe_project, tmp_path):
    assert render(probe_project).returncode == 0
    output = probe_project / "output"
    small = tmp_path / "small"
    small.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=2m", "tmpfs", str(small)):
        pytest.skip("cannot mount a small tmpfs here (needs root and mount permission)")
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
        assert "Traceback" not in result.stderr
        assert snapshot(small / "output") == before
        filler.unlink()
        (probe_project / "renders.yml").write_text(PROBE_PLAN)
        again = render(probe_project, "--output", str(small / "output"), "--force")
        assert again.returncode == 0, again.stderr
    finally:
        subprocess.run(["umount", str(small)], check=True)


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
    """The render runs inside a network namespace with only loopback (kernels talk over it)."""
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-n", "true"]).returncode != 0:
        pytest.skip("cannot create a network namespace here (needs unshare and root)")
    (project / "renders.yml").write_text(HEADLINE_PLAN)
    script = f"ip link set lo up && exec {sys.executable} -m helpers.render"
    env = {**os.environ, "DESK_ROOT": str(project)}
    result = subprocess.run(["unshare", "-n", "sh", "-c", script], cwd=project, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    svg = next((project / "output" / HEADLINE).rglob("*.svg")).read_text()
    assert "Coale visit; 250 freed" in svg
