"""One render: read the plan, decide, check, run the editions, publish what succeeded."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from helpers import manifest
from helpers.plan import PLAN_FILE, Edition, PlanError, load_plan
from helpers.render import EXIT_FAILED, EXIT_OK, STAGING
from helpers.render.checks import Job, check_before_running, check_data, decide
from helpers.render.publish import publish, tidy, unpublish_removed
from helpers.render.report import Reporter
from helpers.render.workers import failure_text, keep_failed_notebook, outcome, start, stop


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


def print_list(editions: list[Edition], jobs: list[Job]) -> None:
    due = {job.edition.name: job.reason for job in jobs}
    width = max(len(e.name) for e in editions)
    for edition in editions:
        state = f"to render ({due[edition.name]})" if edition.name in due else "up to date"
        params = ", ".join(f"{k}={v}" for k, v in edition.parameters.items()) or "defaults"
        about = f"  ({edition.description})" if edition.description else ""
        print(f"{edition.name:<{width}}  {edition.notebook}  [{params}]  {state}{about}")
