"""Small tools every measure of bench/run.py shares: where things are, running a command and
timing it, the project copy, and the table the measures fill in."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from conftest import copy_project as copy_for_tests  # noqa: E402  (one definition of the copy)
from helpers.render import KERNEL  # noqa: E402,F401  (the kernel's one name)

VENV_PY = ROOT / ".venv" / "bin" / "python"
PAPERMILL = ROOT / ".venv" / "bin" / "papermill"
UV = ROOT / ".tools" / "bin" / "uv"
NOTEBOOK = "notebooks/01_cumulative_releases.ipynb"


def say(message: str) -> None:
    stamp = dt.datetime.now().strftime("%H:%M:%S")
    print(f"[bench {stamp}] {message}", file=sys.stderr, flush=True)


def median(values) -> float:
    return statistics.median(values)


def run(cmd, *, env=None, cwd=None, check=True, capture=True, timeout=1200) -> tuple[float, subprocess.CompletedProcess]:
    """Run a command; return (wall seconds, completed process)."""
    start = time.perf_counter()
    done = subprocess.run([str(c) for c in cmd], env=env, cwd=cwd, capture_output=capture, text=True,
                          timeout=timeout)
    elapsed = time.perf_counter() - start
    if check and done.returncode != 0:
        tail = (done.stderr or done.stdout or "").strip().splitlines()[-15:]
        raise RuntimeError(f"command failed ({done.returncode}): {' '.join(map(str, cmd))}\n" + "\n".join(tail))
    return elapsed, done


def machine_busy() -> float:
    """CPU seconds all processes on the machine have used so far (from /proc/stat)."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except OSError:
        return float("nan")
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def run_cpu(cmd, **kwargs) -> tuple[float, float, float]:
    """(wall s, CPU s of the command and everything it waited for, CPU s of every other process)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy = machine_busy()
    wall, _ = run(cmd, **kwargs)
    busy = machine_busy() - busy
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, own, max(0.0, busy - own)


@contextlib.contextmanager
def quiet_stderr(log: Path):
    """Send fd 2 to a file (kernels started in-process inherit it and warn about TCP)."""
    saved = os.dup(2)
    with open(log, "ab") as handle:
        os.dup2(handle.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def copy_project(destination: Path) -> Path:
    """The copy tests/conftest.py makes, plus pyproject.toml for the set-up measure."""
    copy_for_tests(destination)
    shutil.copy2(ROOT / "pyproject.toml", destination / "pyproject.toml")
    return destination


def file_hash(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


class Table:
    def __init__(self):
        self.rows: list[tuple[str, str, str, str, str]] = []

    def add(self, number: str, measure: str, value: str, target: str, verdict: str) -> None:
        self.rows.append((number, measure, value, target, verdict))
        say(f"row {number}: {measure} = {value} [{verdict}]")

    def render(self) -> str:
        head = ("#", "measure", "value", "target", "ratio / verdict")
        widths = [max(len(r[i]) for r in [head, *self.rows]) for i in range(5)]
        line = lambda r: " | ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
        rule = "-+-".join("-" * w for w in widths)
        return "\n".join([line(head), rule, *(line(r) for r in self.rows)])


def verdict(ratio: float, limit: float, *, below: bool = True, unit: str = "x") -> str:
    ok = ratio <= limit if below else ratio >= limit
    shown = f"{ratio:.2f}{unit}" if unit == "x" else f"{ratio:.2f} {unit}"
    return f"{shown} - {'met' if ok else 'NOT met'}"
