"""Render the plan (renders.yml) into output/: `make render`, `python -m helpers.render`.

What a render does, in order:
1. takes the render lock (a second render exits with status 3, or waits with --wait);
2. skips every edition whose inputs hash the same as in output/manifest.json;
3. validates the data and every edition's parameters before any kernel starts (status 2);
4. executes the editions' notebooks with papermill, in parallel, each in its own
   process group with a timeout, into a staging folder;
5. publishes each edition that succeeded completely by swapping one symlink, then
   records it in the manifest (written atomically). A failed, killed or interrupted
   render leaves the published output and the manifest as they were.

Exit status: 0 success, 1 a render failed, 2 invalid data, plan or parameters,
3 another render is running.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import errno
import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from helpers import manifest, paths
from helpers.errors import DeskError
from helpers.plan import PLAN_FILE, Edition, PlanError, check_parameters, load_plan

KERNEL = "belarus-releases"
EXIT_OK, EXIT_FAILED, EXIT_INVALID, EXIT_BUSY = 0, 1, 2, 3
STAGING, VERSIONS, LOGS, LOCK = ".staging", ".versions", ".logs", ".render.lock"


class RenderBusy(Exception):
    pass


class Interrupted(Exception):
    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


# ------------------------------------------------------------------ reporting

class Reporter:
    """A progress bar on a terminal; plain timestamped lines for cron and CI."""

    def __init__(self, quiet: bool = False):
        self.bar = None
        self.quiet = quiet

    def begin(self, total: int) -> None:
        if sys.stderr.isatty() and total and not self.quiet:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="edition", desc="rendering", file=sys.stderr,
                            bar_format="{desc}: {n}/{total} editions |{bar:20}| {elapsed}")

    def line(self, message: str) -> None:
        if self.quiet:
            return
        stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
        text = f"{stamp} {message}" if self.bar is None else message
        if self.bar is not None:
            self.bar.write(text, file=sys.stderr)
        else:
            print(text, file=sys.stderr, flush=True)

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# ------------------------------------------------------------------ locking

@contextmanager
def render_lock(output: Path, wait: bool, reporter: Reporter):
    """One render at a time. flock is released by the OS when a process dies,
    so a lock left by a killed render never blocks the next one."""
    path = output / LOCK
    handle = open(path, "a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            if not wait:
                raise RenderBusy(f"another render is running ({holder}); try again when it has finished, "
                                 "or use --wait") from None
            reporter.line(f"waiting for the other render to finish ({holder})")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, started {dt.datetime.now().isoformat(timespec='seconds')}\n")
        handle.flush()
        yield
    finally:
        handle.close()


# ------------------------------------------------------------------ deciding what to render

@dataclass
class Job:
    edition: Edition
    reason: str
    parameters: dict = field(default_factory=dict)
    process: subprocess.Popen | None = None
    started: float = 0.0
    staging: Path | None = None


def plan_entry(edition: Edition) -> dict:
    return {"notebook": edition.notebook, "parameters": edition.parameters,
            "timeout_minutes": edition.timeout_minutes}


def published_intact(output: Path, name: str, entry: dict) -> bool:
    folder = output / name
    return folder.is_dir() and manifest.output_hashes(folder) == entry.get("outputs")


def decide(editions: list[Edition], output: Path, previous: dict, snapshot: dict,
           force: bool) -> tuple[list[Job], list]:
    """Split editions into jobs to render and editions that are up to date."""
    jobs, skipped = [], []
    for edition in editions:
        entry = previous["editions"].get(edition.name)
        reads = entry.get("reads", [manifest.ALL_DATA]) if entry else [manifest.ALL_DATA]
        inputs = manifest.edition_inputs(snapshot, edition.notebook, plan_entry(edition), reads)
        if force:
            jobs.append(Job(edition, "forced"))
        elif not entry or entry.get("status") != "ok":
            jobs.append(Job(edition, "never rendered"))
        elif entry.get("inputs_hash") != manifest.combined(inputs):
            changed = sorted(k for k in inputs if entry.get("inputs", {}).get(k) != inputs[k])
            jobs.append(Job(edition, "changed: " + ", ".join(changed)))
        elif not published_intact(output, edition.name, entry):
            jobs.append(Job(edition, "published files missing or altered"))
        else:
            skipped.append(edition)
    return jobs, skipped


# ------------------------------------------------------------------ checks before running

def check_data(root: Path) -> dict[str, list[dict]]:
    """Every data file against its contract (fast: no pandas), on every run; the rows."""
    from helpers import data

    rows, problems = data.validated_rows(root / "data")
    if problems:
        raise DeskError(f"The data has {len(problems)} problem(s); nothing was rendered.",
                        [str(p) for p in problems])
    return rows


def check_before_running(jobs: list[Job], root: Path, releases: list[dict]) -> None:
    """Parameters and date ranges, checked before any kernel starts."""
    errors = []
    for job in jobs:
        try:
            job.parameters = check_parameters(job.edition, root)
        except DeskError as err:
            errors.append(str(err))
    if errors:
        raise PlanError(f"{len(errors)} edition(s) have bad parameters; nothing was rendered.", errors)
    _check_periods(jobs, releases)


def _check_periods(jobs: list[Job], releases: list[dict]) -> None:
    """A chart of a period with no release (with a known count on its basis) is a plan error."""
    from helpers.data import BASIS_COLUMN

    newest = max(row["date"] for row in releases)
    latest = dt.date(newest.year, newest.month, calendar.monthrange(newest.year, newest.month)[1])
    errors = []
    for job in jobs:
        if "start_date" not in job.parameters or "end_date" not in job.parameters:
            continue
        start = dt.date.fromisoformat(job.parameters["start_date"])
        end = latest if job.parameters["end_date"] == "latest" else dt.date.fromisoformat(job.parameters["end_date"])
        column = BASIS_COLUMN[job.parameters.get("basis", "official")]
        if not any(row["counts_toward_total"] and start <= row["date"] <= end and row[column] is not None
                   for row in releases):
            errors.append(f"{PLAN_FILE}, edition {job.edition.name}: parameters start_date/end_date "
                          f"({start} to {end}) select no release events with a known count on basis "
                          f"{job.parameters.get('basis', 'official')} (expected a period with at least one)")
    if errors:
        raise PlanError(f"{len(errors)} edition(s) chart an empty period; nothing was rendered.", errors)


# ------------------------------------------------------------------ running

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


# ------------------------------------------------------------------ publishing

@contextmanager
def signals_held():
    """SIGTERM and Ctrl-C wait until the block ends, so a publish step is never cut in half."""
    held = {signal.SIGTERM, signal.SIGINT}
    signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def publish(job: Job, snapshot: dict, output: Path, run_id: str, document: dict, duration: float) -> None:
    """Swap the edition's published folder for the new one, and record it in the manifest.

    Everything is prepared first (the new version folder, a temporary symlink, the new
    manifest in a temporary file); then two renames, with signals held, publish both.
    """
    versions = output / VERSIONS
    versions.mkdir(exist_ok=True)
    name = job.edition.name
    reads_file = job.staging.parent / f"{name}.reads.json"
    reads = json.loads(reads_file.read_text()) if reads_file.is_file() else [manifest.ALL_DATA]
    inputs = manifest.edition_inputs(snapshot, job.edition.notebook, plan_entry(job.edition), reads)
    new_version = versions / f"{name}-{run_id}"
    os.rename(job.staging, new_version)          # not yet published: the symlink decides
    rendered_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    entry = {
        "notebook": job.edition.notebook, "parameters": job.parameters, "reads": reads,
        "inputs": inputs, "inputs_hash": manifest.combined(inputs), "packages": manifest.package_versions(),
        "outputs": manifest.output_hashes(new_version), "rendered_at": rendered_at,
        "duration_seconds": round(duration, 2), "status": "ok",
    }
    updated = {**document, "editions": {**document["editions"], name: entry}, "updated_at": rendered_at}
    new_manifest = manifest.write_temporary(output, updated)
    new_link = output / f".{name}.{run_id}.link"
    os.symlink(os.path.relpath(new_version, output), new_link)

    link = output / name
    old_target = output / os.readlink(link) if link.is_symlink() else None
    with signals_held():
        if link.exists() and not link.is_symlink():   # a plain folder, e.g. copied by hand: set it aside
            old_target = versions / f"{name}-replaced-{run_id}"
            os.rename(link, old_target)
        os.replace(new_link, link)
        os.replace(new_manifest, output / manifest.MANIFEST)
    document.update(updated)
    if old_target is not None and old_target.exists() and _inside(old_target, versions):
        shutil.rmtree(old_target, ignore_errors=True)


def unpublish_removed(editions: list[Edition], output: Path, document: dict, reporter: Reporter) -> None:
    """Editions no longer in the plan stop being published (their figures would go stale)."""
    planned = {e.name for e in editions}
    for name in sorted(set(document["editions"]) - planned):
        link = output / name
        updated = {**document, "editions": {k: v for k, v in document["editions"].items() if k != name}}
        new_manifest = manifest.write_temporary(output, updated)
        with signals_held():
            if link.is_symlink() and _inside(link, output / VERSIONS):
                link.unlink()
            os.replace(new_manifest, output / manifest.MANIFEST)
        document.update(updated)
        reporter.line(f"unpublished {name}: it is no longer in {PLAN_FILE}")


def tidy(output: Path) -> None:
    """Remove what killed renders left: staging folders and unreferenced versions."""
    shutil.rmtree(output / STAGING, ignore_errors=True)
    versions = output / VERSIONS
    if not versions.is_dir():
        return
    referenced = {(output / os.readlink(p)).resolve() for p in output.iterdir() if p.is_symlink()}
    for folder in versions.iterdir():
        if folder.resolve() not in referenced:
            shutil.rmtree(folder, ignore_errors=True)
    for leftover in output.glob(".*.link"):
        leftover.unlink(missing_ok=True)


# ------------------------------------------------------------------ the run

@dataclass
class Run:
    """One render: where it reads and writes, and what it has published so far."""

    root: Path
    output: Path
    reporter: Reporter
    document: dict                      # the manifest, updated as editions are published
    snapshot: dict                      # input hashes taken before anything ran
    run_id: str = ""
    staging_root: Path | None = None
    published: list[str] = field(default_factory=list)


def run(args, state: Run) -> int:
    root, output, reporter = state.root, state.output, state.reporter
    editions = load_plan(root)
    if args.only:
        known = {e.name for e in editions}
        for name in args.only:
            if name not in known:
                raise PlanError(f"--only {name}: no such edition in {PLAN_FILE} (expected one of: "
                                f"{', '.join(sorted(known))})")
    rows = check_data(root)
    state.document = manifest.read(output)
    state.snapshot = manifest.snapshot_inputs(root, {e.notebook for e in editions})
    chosen = [e for e in editions if not args.only or e.name in args.only]
    jobs, skipped = decide(chosen, output, state.document, state.snapshot, args.force)

    if args.list:
        print_list(chosen, jobs)
        return EXIT_OK
    if not args.only and not args.dry_run:
        unpublish_removed(editions, output, state.document, reporter)
    for edition in skipped:
        reporter.line(f"skip {edition.name}: up to date (inputs unchanged since the last render)")
    if not jobs:
        reporter.line(f"nothing to render: all {len(skipped)} edition(s) up to date")
        return EXIT_OK

    check_before_running(jobs, root, rows["releases"])
    if args.dry_run:
        for job in jobs:
            reporter.line(f"would render {job.edition.name} ({job.reason}) with {job.parameters}")
        return EXIT_OK

    tidy(output)
    state.run_id = dt.datetime.now().strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}"
    state.staging_root = output / STAGING / state.run_id
    state.staging_root.mkdir(parents=True)
    reporter.begin(len(jobs))
    failures = execute(jobs, state, args.jobs)
    shutil.rmtree(output / STAGING, ignore_errors=True)
    reporter.line(f"done: {len(state.published)} rendered, {len(skipped)} skipped, {len(failures)} failed")
    for name, text in failures:
        print(f"render failed: edition {name} {text}", file=sys.stderr)
    return EXIT_FAILED if failures else EXIT_OK


def execute(jobs: list[Job], state: Run, max_jobs: int) -> list[tuple[str, str]]:
    """Run the jobs, at most max_jobs at once; publish each that succeeds; return the failures."""
    pending, running, failures = deque(jobs), [], []
    reporter = state.reporter

    def failed(job: Job, text: str) -> None:
        failures.append((job.edition.name, text))
        reporter.line(f"FAILED {job.edition.name}: {text}")

    try:
        while pending or running:
            while pending and len(running) < max_jobs:
                job = pending.popleft()
                reporter.line(f"start {job.edition.name} ({job.reason})")
                start(job, state.root, state.staging_root)
                running.append(job)
            for job in list(running):
                elapsed = time.monotonic() - job.started
                if job.process.poll() is None:
                    if elapsed > job.edition.timeout_minutes * 60:
                        stop(job)
                        running.remove(job)
                        failed(job, f"timed out after {job.edition.timeout_minutes:g} minutes "
                                    f"(timeout_minutes in {PLAN_FILE})")
                        reporter.advance()
                    continue
                running.remove(job)
                stop(job)
                result = outcome(job, state.staging_root)
                if result["status"] == "ok" and job.process.returncode == 0:
                    publish(job, state.snapshot, state.output, state.run_id, state.document, elapsed)
                    state.published.append(job.edition.name)
                    reporter.line(f"published {job.edition.name} in {elapsed:.1f} s")
                else:
                    kept = keep_failed_notebook(job, state.output)
                    failed(job, failure_text(result) + (f" (executed notebook: {kept})" if kept else ""))
                reporter.advance()
            time.sleep(0.05)
    finally:
        for job in running:
            stop(job)
    return failures


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


def print_list(editions: list[Edition], jobs: list[Job]) -> None:
    due = {job.edition.name: job.reason for job in jobs}
    width = max(len(e.name) for e in editions)
    for edition in editions:
        state = f"to render ({due[edition.name]})" if edition.name in due else "up to date"
        params = ", ".join(f"{k}={v}" for k, v in edition.parameters.items()) or "defaults"
        about = f"  ({edition.description})" if edition.description else ""
        print(f"{edition.name:<{width}}  {edition.notebook}  [{params}]  {state}{about}")


# ------------------------------------------------------------------ the worker

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


# ------------------------------------------------------------------ command line

def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m helpers.render",
        description="Render the editions in renders.yml into output/. Unchanged editions are skipped; "
                    "each edition is published only when it rendered completely.",
        epilog="Exit status: 0 success, 1 a render failed, 2 invalid data, plan or parameters, "
               "3 another render is running. Examples: `make render`, "
               "`make render RENDER_ARGS='--only cumulative-mobile --force'`.")
    p.add_argument("--list", action="store_true", help="list the editions and whether each is up to date, then stop")
    p.add_argument("--only", action="append", metavar="NAME", help="render only this edition (repeatable)")
    p.add_argument("--force", action="store_true", help="render even editions whose inputs have not changed")
    p.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)), metavar="N",
                   help="editions rendered at once (default: the number of cores, %(default)s)")
    p.add_argument("--dry-run", action="store_true", help="check everything and say what would render, render nothing")
    p.add_argument("--wait", action="store_true", help="if another render is running, wait for it instead of exiting 3")
    p.add_argument("--output", type=Path, default=None, help="output folder (default: output/ in the project)")
    p.add_argument("--quiet", action="store_true", help="print only errors")
    p.add_argument("--run-edition", help=argparse.SUPPRESS)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.run_edition:
        return run_edition(args.run_edition)
    if args.jobs < 1:
        print("--jobs must be 1 or more", file=sys.stderr)
        return EXIT_INVALID
    root = paths.project_root()
    output = Path(args.output or root / "output").resolve()
    state = Run(root, output, Reporter(quiet=args.quiet), {"editions": {}}, {})
    previous_handler = signal.signal(signal.SIGTERM, _raise_interrupted)
    try:
        output.mkdir(parents=True, exist_ok=True)
        if args.list or args.dry_run:      # read-only: no need to wait for a running render
            return run(args, state)
        with render_lock(output, args.wait, state.reporter):
            return run(args, state)
    except RenderBusy as busy:
        print(f"render not started: {busy}", file=sys.stderr)
        return EXIT_BUSY
    except DeskError as err:
        print(err, file=sys.stderr)
        return EXIT_INVALID
    except (Interrupted, KeyboardInterrupt) as stop_signal:
        signum = stop_signal.signum if isinstance(stop_signal, Interrupted) else signal.SIGINT
        shutil.rmtree(output / STAGING, ignore_errors=True)
        print(f"render interrupted ({signal.Signals(signum).name}): {_kept_as_it_was(state)}", file=sys.stderr)
        return 128 + signum
    except OSError as err:
        if err.errno in (errno.EACCES, errno.EROFS, errno.ENOSPC, errno.EPERM, errno.EDQUOT):
            shutil.rmtree(output / STAGING, ignore_errors=True)
            print(f"render failed: cannot write to {err.filename or output} ({err.strerror}); "
                  f"{_kept_as_it_was(state)}", file=sys.stderr)
            return EXIT_FAILED
        raise
    finally:
        state.reporter.close()
        signal.signal(signal.SIGTERM, previous_handler)


def _raise_interrupted(signum, _frame):
    raise Interrupted(signum)


def _kept_as_it_was(state: Run) -> str:
    if not state.published:
        return "the published output and manifest are unchanged"
    return (f"already published in this run: {', '.join(state.published)}; "
            "every other edition's output and manifest entry are unchanged")


if __name__ == "__main__":
    sys.exit(main())
