"""Warm kernels: one long-lived worker process per job slot, each keeping one kernel.

Runner side, `Slot`: starts a worker (`python -m helpers.render --kernel-worker`), hands it
editions one at a time (a spec file's path on its stdin), reads each result file, and kills
worker and kernel when an edition runs past its timeout or the worker dies.
Worker side, `serve`: starts a kernel (helpers.render.kernel_client.start_kernel), warms it up
(imports, the Vega engine: helpers.render.kernel.warm_up), and for each edition resets it
(kernel.prepare) and runs papermill with that kernel manager: papermill passes `km` through
to nbclient, which then uses that kernel and leaves it running (it owns only kernels it
started); the manager hands nbclient the kernel's one client (helpers.render.kernel_client).
The executed notebook is written as usual, the edition's audit log. A kernel that died, or
whose state leaked, is replaced before the next edition.
With --fresh-kernels a slot instead starts one `--run-edition` worker per edition
(helpers.render.workers), which starts a kernel of its own for it and stops it after.
"""

from __future__ import annotations

import ast
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from helpers.render.checks import Job
from helpers.render.workers import worker_preexec, write_result

WARM_UP_SECONDS = 120
PREPARE_SECONDS = 60


class Slot:
    """One job slot of the runner: at most one edition at a time."""

    def __init__(self, index: int, root: Path, staging_root: Path, warm: bool):
        self.index, self.root, self.staging_root, self.warm = index, root, staging_root, warm
        self.process: subprocess.Popen | None = None
        self.job: Job | None = None
        self.started = 0.0

    def _spawn(self, argv: list[str], env: dict, stderr_name: str, stdin=None) -> subprocess.Popen:
        with open(self.staging_root / stderr_name, "ab") as stderr:
            return subprocess.Popen([sys.executable, "-m", "helpers.render", *argv], cwd=self.root, env=env,
                                    preexec_fn=worker_preexec, stdin=stdin, stdout=subprocess.DEVNULL,
                                    stderr=stderr)

    def start(self) -> None:
        """A warm slot's worker starts its kernel at once, before it is given an edition."""
        if self.warm and (self.process is None or self.process.poll() is not None):
            env = {**os.environ, "DESK_ROOT": str(self.root)}
            self.process = self._spawn(["--kernel-worker", str(self.staging_root / f"kernel-{self.index}.pid")],
                                       env, self.stderr_name, stdin=subprocess.PIPE)

    def assign(self, job: Job, spec_path: Path) -> None:
        self.job, job.worker = job, self
        env = {**os.environ, "DESK_ROOT": str(self.root)}
        if not self.warm:
            self.process = self._spawn(["--run-edition", str(spec_path)], env, f"{job.edition.name}.stderr.txt")
        else:
            self.start()
            self.process.stdin.write(f"{spec_path}\n".encode())
            self.process.stdin.flush()
        self.started = time.monotonic()

    @property
    def stderr_name(self) -> str:
        return f"kernel-{self.index}.stderr.txt"

    def result(self) -> dict | None:
        """The running edition's result when it has one (or the worker ended without one), else None."""
        path = self.staging_root / f"{self.job.edition.name}.result.json"
        if path.is_file():
            if not self.warm:
                self.process.wait()
            return json.loads(path.read_text())
        if self.process.poll() is None:
            return None
        if path.is_file():
            return json.loads(path.read_text())
        name = f"{self.job.edition.name}.stderr.txt" if not self.warm else self.stderr_name
        log = self.staging_root / name
        stderr = log.read_text(errors="replace").strip() if log.is_file() else ""
        code = self.process.returncode
        how = f"signal {signal.Signals(-code).name}" if code and code < 0 else f"exit status {code}"
        return {"status": "failed", "retry": True,
                "message": f"the worker process ended unexpectedly ({how})"
                           + (f": {stderr.splitlines()[-1]}" if stderr else "")}

    def release(self) -> None:
        self.job = None
        if not self.warm:
            self.kill()

    def kill(self) -> None:
        """End the worker and its kernel (a timeout, a dead worker, the end of the render)."""
        process, self.process = self.process, None
        if process is None:
            return
        if process.stdin:
            try:
                process.stdin.close()
            except OSError:
                pass
        for sig in (signal.SIGTERM, signal.SIGKILL):
            if process.poll() is not None:
                break
            try:
                os.killpg(process.pid, sig)
                process.wait(timeout=5)
            except ProcessLookupError:
                break
            except subprocess.TimeoutExpired:
                continue
        for group in (process.pid, _kernel_group(self.staging_root, self.index)):
            if group:
                try:
                    os.killpg(group, signal.SIGKILL)    # a kernel may outlive its worker
                except (ProcessLookupError, PermissionError):
                    pass


def kill_all(slots: list[Slot]) -> None:
    """End every slot's worker (the end of a render): all are told at once, so that their
    kernels shut down side by side, then each is waited for and made sure of."""
    for slot in slots:
        if slot.process is not None and slot.process.poll() is None:
            try:
                os.killpg(slot.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    for slot in slots:
        slot.kill()


def _kernel_group(staging_root: Path, index: int) -> int | None:
    path = staging_root / f"kernel-{index}.pid"
    try:
        return int(path.read_text())
    except (OSError, ValueError):
        return None


# ------------------------------------------------------------------ inside the worker process

class WarmKernel:
    """A kernel kept for edition after edition: a WarmKernelManager (nbclient's own kind of manager,
    whose client does not block nbclient's event loop, so a dead kernel is noticed) and the one
    client it hands out, which nbclient, the warm-up and the resets all use (kernel_client)."""

    def __init__(self, root: str):
        from jupyter_core.utils import run_sync

        from helpers.render.kernel_client import start_kernel

        self.root, self.run_sync = root, run_sync
        self.km = start_kernel(root)
        self.client = self.km.client()
        self.call("warm_up()", WARM_UP_SECONDS)

    @property
    def pid(self) -> int | None:
        return getattr(self.km.provisioner, "pid", None)

    def call(self, expression: str, timeout: float) -> dict:
        """Run helpers.render.kernel.<expression> silently (no output, no execution count)."""
        code = f"__import__('helpers.render.kernel', fromlist=['kernel']).{expression}"
        reply = self.run_sync(self.client.execute_interactive)(
            code, silent=True, timeout=timeout, store_history=False, allow_stdin=False,
            user_expressions={"last": "__import__('json').dumps(__import__('helpers.render.kernel', "
                                      "fromlist=['kernel']).last)"})
        content = reply["content"]
        if content["status"] != "ok":
            raise RuntimeError(f"{content.get('ename')}: {content.get('evalue')}")
        return content

    def prepare(self) -> list[str]:
        content = self.call(f"prepare({self.root!r})", PREPARE_SECONDS)
        shown = content["user_expressions"]["last"]["data"]["text/plain"]   # the repr of a JSON text
        return json.loads(ast.literal_eval(shown))

    def alive(self) -> bool:
        return self.run_sync(self.km.is_alive)()

    def close(self) -> None:
        from helpers.render.kernel_client import shut_down

        shut_down(self.km)


def serve(pid_file: str) -> int:
    """The --kernel-worker loop: start a kernel, then one edition per line read on stdin, until stdin closes."""
    import logging

    from helpers.render.workers import execute_notebook

    logging.getLogger("papermill").setLevel(logging.WARNING)
    kernel: WarmKernel | None = None

    def shut(*_):
        if kernel is not None:
            kernel.close()
        os._exit(143)

    signal.signal(signal.SIGTERM, shut)
    try:
        kernel = WarmKernel(os.getcwd())
        Path(pid_file).write_text(str(kernel.pid or ""))
    except Exception as err:   # tried again, and reported, when the first edition comes
        print(f"the kernel did not start: {err}", file=sys.stderr, flush=True)
        kernel = None
    for line in sys.stdin:
        spec = json.loads(Path(line.strip()).read_text())
        try:
            leaked = kernel.prepare() if kernel is not None else []
        except Exception as err:
            leaked = [f"the kernel did not answer the reset ({err})"]
        if kernel is not None and leaked:
            print(f"kernel replaced before {Path(spec['executed']).parent.name}: state leaked "
                  f"({', '.join(leaked)})", file=sys.stderr, flush=True)
            kernel.close()
            kernel = None
        if kernel is None:
            try:
                kernel = WarmKernel(spec["root"])
                Path(pid_file).write_text(str(kernel.pid or ""))
                kernel.prepare()
            except Exception as err:
                # No warm kernel now: this edition runs in a kernel of its own (as with
                # --fresh-kernels); the next edition tries a warm kernel again.
                print(f"no warm kernel for {Path(spec['executed']).parent.name} ({type(err).__name__}: {err}); "
                      "running it in a fresh kernel", file=sys.stderr, flush=True)
                if kernel is not None:
                    kernel.close()
                kernel = None
                write_result(spec, execute_notebook(spec))
                continue
        result = execute_notebook(spec, km=kernel.km)
        if not kernel.alive():
            kernel.close()
            kernel = None
            result.setdefault("retry", True)
        write_result(spec, result)
    if kernel is not None:
        kernel.close()
    return 0
