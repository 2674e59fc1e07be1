"""Running one edition: its spec, papermill's execution of its notebook, its result, the
failure message, the executed notebook kept when it failed. Worker processes run in their
own process group (so a timeout ends the kernel too); see pool for warm and fresh kernels."""

from __future__ import annotations

import json
import os
import shutil
import signal
from pathlib import Path

from helpers.render import KERNEL, LOGS
from helpers.render.checks import Job

START_ATTEMPTS = 2          # a kernel that did not start is tried once more, nothing else is


def worker_preexec() -> None:
    """In the worker: own process group (so a timeout kills its kernel too), and die with the runner."""
    os.setsid()
    die_with_parent()


def die_with_parent() -> None:
    """Linux: the worker gets SIGTERM when the runner dies (PR_SET_PDEATHSIG). Elsewhere (macOS has no
    prctl) nothing: the runner's own SIGTERM handler and kill_all end its workers."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def write_spec(job: Job, root: Path, staging_root: Path, slot: int) -> Path:
    """What a worker needs to run one edition, in a file beside its staging folder."""
    job.staging = staging_root / job.edition.name
    if job.staging.exists():                     # a retry starts from an empty folder
        shutil.rmtree(job.staging)
    (staging_root / f"{job.edition.name}.result.json").unlink(missing_ok=True)
    job.staging.mkdir(parents=True)
    spec = {
        "root": str(root),
        "notebook": str(root / job.edition.notebook),
        "executed": str(job.staging / "notebook.ipynb"),
        "parameters": {**job.parameters, "output_dir": str(job.staging)},
        "result": str(staging_root / f"{job.edition.name}.result.json"),
        "published_as": f"output/{job.edition.name}",   # what the executed notebook says (executed.py)
        "slot": slot,
    }
    spec_path = staging_root / f"{job.edition.name}.spec.json"
    spec_path.write_text(json.dumps(spec))
    return spec_path


def write_result(spec: dict, result: dict) -> None:
    """Atomically: the runner reads a result file as soon as it exists."""
    temporary = Path(spec["result"] + ".tmp")
    temporary.write_text(json.dumps(result))
    os.replace(temporary, spec["result"])


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


def execute_notebook(spec: dict, km=None) -> dict:
    """Execute one edition's notebook with papermill in the given kernel, or in a kernel started for
    it and stopped after; the result. The executed notebook is left as it is published
    (finish_notebook), also when it failed."""
    if km is not None:
        result = _execute(spec, km)
    else:
        result = _in_a_kernel_of_its_own(spec)
    finish_notebook(spec)
    return result


def _in_a_kernel_of_its_own(spec: dict) -> dict:
    from helpers.render.kernel_client import KernelStartFailed, shut_down, start_kernel

    for attempt in range(1, START_ATTEMPTS + 1):
        try:
            km = start_kernel(spec["root"])
        except KernelStartFailed as err:
            if attempt == START_ATTEMPTS:
                return {"status": "failed", "retry": True, "message": str(err)}
            continue
        try:
            return _execute(spec, km)
        finally:
            shut_down(km)


def _execute(spec: dict, km) -> dict:
    import papermill as pm
    from nbclient.exceptions import DeadKernelError

    from helpers.render.executed import EXECUTION_OPTIONS

    try:
        pm.execute_notebook(spec["notebook"], spec["executed"], parameters=spec["parameters"], kernel_name=KERNEL,
                            progress_bar=False, request_save_on_cell_execute=False, km=km, **EXECUTION_OPTIONS)
        return {"status": "ok"}
    except pm.PapermillExecutionError as err:
        return {"status": "failed", "cell": err.exec_count, "cell_index": err.cell_index,
                "ename": err.ename, "evalue": err.evalue}
    except Exception as err:  # a dead kernel, a missing kernel: reported, not raised
        return {"status": "failed", "ename": type(err).__name__, "retry": isinstance(err, DeadKernelError),
                "evalue": str(err).strip().splitlines()[0] if str(err).strip() else ""}


def finish_notebook(spec: dict) -> None:
    """The executed notebook without what depends on the run (helpers.render.executed)."""
    from helpers.render.executed import publishable

    executed = Path(spec["executed"])
    if executed.is_file():
        publishable(executed, spec["root"], spec["parameters"]["output_dir"], spec["published_as"])


def run_edition(spec_path: str) -> int:
    """Inside a --fresh-kernels worker process: execute one notebook in a new kernel; write the result."""
    import logging

    spec = json.loads(Path(spec_path).read_text())
    signal.signal(signal.SIGTERM, lambda *_: os.killpg(0, signal.SIGKILL))
    logging.getLogger("papermill").setLevel(logging.WARNING)
    result = execute_notebook(spec)
    write_result(spec, result)
    return 0 if result["status"] == "ok" else 1
