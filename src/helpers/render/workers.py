"""Running one edition: a worker process per edition executing its notebook with papermill,
in its own process group, with the runner enforcing the edition's timeout."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from helpers.render import KERNEL, LOGS
from helpers.render.checks import Job


def _worker_preexec() -> None:
    """In the worker: own process group (so a timeout kills its kernel too), and die with the runner."""
    os.setsid()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def start(job: Job, root: Path, staging_root: Path) -> None:
    job.staging = staging_root / job.edition.name
    job.staging.mkdir(parents=True)
    spec = {
        "root": str(root),
        "notebook": str(root / job.edition.notebook),
        "executed": str(job.staging / "notebook.ipynb"),
        "parameters": {**job.parameters, "output_dir": str(job.staging)},
        "result": str(staging_root / f"{job.edition.name}.result.json"),
    }
    spec_path = staging_root / f"{job.edition.name}.spec.json"
    spec_path.write_text(json.dumps(spec))
    env = {**os.environ, "DESK_ROOT": str(root),
           "DESK_READS_FILE": str(staging_root / f"{job.edition.name}.reads.json")}
    # The kernel writes to the worker's stderr: a file, not a pipe nobody reads, which could fill and block.
    with open(staging_root / f"{job.edition.name}.stderr.txt", "wb") as stderr:
        job.process = subprocess.Popen([sys.executable, "-m", "helpers.render", "--run-edition", str(spec_path)],
                                       cwd=root, env=env, preexec_fn=_worker_preexec,
                                       stdout=subprocess.DEVNULL, stderr=stderr)
    job.started = time.monotonic()


def stop(job: Job) -> None:
    """End a worker and everything it started (its kernel)."""
    if job.process and job.process.poll() is None:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(job.process.pid, sig)
            except ProcessLookupError:
                break
            try:
                job.process.wait(timeout=3)
                break
            except subprocess.TimeoutExpired:
                continue
    if job.process:
        try:
            os.killpg(job.process.pid, signal.SIGKILL)   # a kernel may outlive its worker
        except (ProcessLookupError, PermissionError):
            pass


def outcome(job: Job, staging_root: Path) -> dict:
    result_path = staging_root / f"{job.edition.name}.result.json"
    if result_path.is_file():
        return json.loads(result_path.read_text())
    log = staging_root / f"{job.edition.name}.stderr.txt"
    stderr = log.read_text(errors="replace").strip() if log.is_file() else ""
    code = job.process.returncode
    how = f"signal {signal.Signals(-code).name}" if code and code < 0 else f"exit status {code}"
    return {"status": "failed", "message": f"the worker process ended unexpectedly ({how})"
                                           + (f": {stderr.splitlines()[-1]}" if stderr else "")}


def failure_text(result: dict) -> str:
    if result.get("message"):
        return result["message"]
    cell = f"cell {result['cell']}" if result.get("cell") is not None else "a cell"
    return f"failed in {cell}: {result.get('ename')}: {result.get('evalue')}"


def keep_failed_notebook(job: Job, output: Path) -> Path | None:
    """The executed notebook of a failed edition is kept for reading, outside the published folders."""
    executed = job.staging / "notebook.ipynb" if job.staging else None
    if not (executed and executed.is_file()):
        return None
    logs = output / LOGS
    logs.mkdir(exist_ok=True)
    kept = logs / f"{job.edition.name}.failed.ipynb"
    shutil.copyfile(executed, kept)
    return kept.relative_to(output.parent) if kept.is_relative_to(output.parent) else kept


def run_edition(spec_path: str) -> int:
    """Inside a worker process: execute one notebook with papermill; write the result."""
    import logging

    spec = json.loads(Path(spec_path).read_text())
    signal.signal(signal.SIGTERM, lambda *_: os.killpg(0, signal.SIGKILL))
    logging.getLogger("papermill").setLevel(logging.WARNING)
    import papermill as pm

    try:
        for attempt in (1, 2):
            try:
                pm.execute_notebook(spec["notebook"], spec["executed"], parameters=spec["parameters"],
                                    kernel_name=KERNEL, cwd=spec["root"], progress_bar=False,
                                    request_save_on_cell_execute=False)
                break
            except RuntimeError as err:
                # Two kernels starting at once can pick the same free port; the loser dies
                # before it answers. That is worth one more try, nothing else is.
                if attempt == 2 or "before replying to kernel_info" not in str(err):
                    raise
        result = {"status": "ok"}
    except pm.PapermillExecutionError as err:
        result = {"status": "failed", "cell": err.exec_count, "cell_index": err.cell_index,
                  "ename": err.ename, "evalue": err.evalue}
    except Exception as err:  # a dead kernel, a missing kernel: reported, not raised
        result = {"status": "failed", "ename": type(err).__name__, "evalue": str(err).strip().splitlines()[0]
                  if str(err).strip() else ""}
    Path(spec["result"]).write_text(json.dumps(result))
    return 0 if result["status"] == "ok" else 1
