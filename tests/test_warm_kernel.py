"""A warm kernel, driven directly as the runner's worker drives it: edition after edition in one
kernel, through one kernel client (helpers.render.kernel_client)."""

from __future__ import annotations

import gc
import os
import threading

import pytest

from conftest import wait_for
from helpers.render.pool import WarmKernel
from helpers.render.workers import execute_notebook


def open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.fixture
def kernel(probe_project, monkeypatch):
    monkeypatch.setenv("DESK_ROOT", str(probe_project))
    kept = WarmKernel(str(probe_project))
    yield kept
    kept.close()


def probe_spec(root, index: int, parameters: dict) -> dict:
    return {"root": str(root), "notebook": str(root / "notebooks" / "99_probe.ipynb"),
            "executed": str(root / f"run-{index}.ipynb"), "published_as": f"output/probe-{index}",
            "parameters": {**parameters, "output_dir": str(root / f"out-{index}")}}


def run_probe(kernel: WarmKernel, root, index: int, dataset: str) -> dict:
    assert kernel.prepare() == []     # nothing leaked from the edition before
    return execute_notebook(probe_spec(root, index, {"dataset": dataset}), km=kernel.km)


def test_editions_in_one_kernel_share_one_client_leave_no_sockets_or_threads_and_a_leak_is_named(kernel, probe_project):
    assert run_probe(kernel, probe_project, 1, "releases") == {"status": "ok"}
    gc.collect()                                 # what the first edition let go is gone before counting
    threads, descriptors = threading.active_count(), open_descriptors()
    for index, dataset in enumerate(["prisoner_counts", "milestones", "releases"], start=2):
        assert run_probe(kernel, probe_project, index, dataset) == {"status": "ok"}
        written = (probe_project / f"out-{index}" / "probe" / "desktop" / "rows.txt").read_text()
        assert written.startswith(f"{dataset}: ") and written.strip().endswith(" rows")
    # nbclient asks the manager for a client per notebook and leaves it open: the manager hands out
    # the kernel's own client each time, so three more editions open nothing that stays open.
    assert kernel.km.client() is kernel.client
    # Counted after garbage collection, waiting (not sleeping) for sockets zmq closes in the background;
    # an xdist worker's own threads are there before and after alike. A leak never comes back down.
    def settled():
        gc.collect()
        return threading.active_count() <= threads and open_descriptors() <= descriptors
    wait_for(settled, f"threads back to {threads} and descriptors to {descriptors}", timeout=10)
    # What a namespace reset cannot undo is named as a leak (kernel.fingerprint), so the worker replaces
    # the kernel: here an edition that changed the environment and sys.path (checked last: it spoils the kernel).
    leak = "import os, sys; os.environ['DESK_TEST_LEAK'] = '1'; sys.path.append('/leaked-by-an-edition')"
    reply = kernel.run_sync(kernel.client.execute_interactive)(leak, silent=True, timeout=60, store_history=False)
    assert reply["content"]["status"] == "ok"
    assert sorted(kernel.prepare()) == ["environment", "sys.path"]


def test_a_kernel_that_died_is_noticed(kernel, probe_project):
    os.kill(kernel.pid, 9)
    result = execute_notebook(probe_spec(probe_project, 0, {}), km=kernel.km)
    assert result["status"] == "failed" and not kernel.alive()
