"""One render: read the plan, decide, check, run the editions, publish what succeeded."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import shutil
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from helpers import gate, manifest
from helpers.i18n.languages import draft_warning
from helpers.inputs import Inputs
from helpers.plan import PLAN_FILE, Edition, PlanError, load_plan, site_url, stale_after_days
from helpers.render import EXIT_FAILED, EXIT_INVALID, EXIT_OK, STAGING
from helpers.render.checks import Job, check_before_running, check_data, decide, site_changes, site_record
from helpers.render.pool import Slot, kill_all
from helpers.render.previous import take as take_previous
from helpers.render.publish import edition_entry, record, removed_editions, tidy, unpublish_refused
from helpers.render.report import Reporter
from helpers.render.review import gate_message, publish_and_review
from helpers.render.shards import parse_shard, shard, shard_info
from helpers.render.workers import failure_text, keep_failed_notebook, write_spec


@dataclass
class Run:
    """One render: where it reads and writes, and what it has published so far."""

    root: Path
    output: Path
    reporter: Reporter
    document: dict                      # the manifest, updated when the batch is published
    inputs: Inputs | None = None        # every input hashed before anything ran
    run_id: str = ""
    staging_root: Path | None = None
    published: list[str] = field(default_factory=list)
    previous: str | None = None         # where the previous publication taken in (--previous) came from
    site_url: str | None = None         # renders.yml defaults: site_url (absolute links on the site)


def run(args, state: Run) -> int:
    root, output, reporter = state.root, state.output, state.reporter
    editions = load_plan(root)
    if args.only:
        known = sorted(e.name for e in editions)
        for name in args.only:
            if name not in known:
                hint = difflib.get_close_matches(name, known, n=1)
                raise PlanError(f"--only {name}: no such edition in {PLAN_FILE}" + (
                    f"; did you mean {hint[0]}?" if hint else f" (expected one of: {', '.join(known)})"))
    rows = check_data(root)
    state.document = manifest.read(output)
    state.inputs = Inputs(root, editions)
    chosen = [e for e in editions if not args.only or e.name in args.only]
    if args.shard:
        k, n = parse_shard(args.shard)
        chosen = [e for e in shard(editions, k, n) if e in chosen]
        if state.document.get("shard") != shard_info(k, n) and not (args.list or args.dry_run):
            state.document["shard"] = shard_info(k, n)
            manifest.write(output, state.document)
    published = output
    if args.previous is not None:       # the previous publication, taken as what is published now
        published = take_previous(args.previous, state, {e.name for e in chosen} if args.shard else None,
                                  read_only=args.list or args.dry_run)
    jobs, skipped = decide(chosen, published, state.document, state.inputs, args.force)
    site = None if args.only or args.shard else site_changes(state.document, state.inputs)

    if args.list:
        print_list(chosen, jobs, site)
        return EXIT_OK
    removed = [] if args.only or args.shard else removed_editions(editions, state.document)
    for edition in skipped:
        reporter.line(f"skip {edition.name}: up to date (inputs unchanged since the last render)")
    if args.dry_run:
        return dry_run(state, jobs, len(skipped), removed, site, args, rows)
    if removed and not args.allow_unpublish:
        raise unpublish_refused(removed)
    if not jobs:
        if removed or state.previous:
            state.site_url = site_url(root)
            finish(state, [], removed, args, stale_after_days(root))
        elif site and state.document["editions"]:
            rebuild_site(state, site)
        reporter.line(f"nothing to render: all {len(skipped)} edition(s) up to date")
        return EXIT_OK

    tidy(output)
    state.run_id = dt.datetime.now().strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}"
    state.staging_root = output / STAGING / state.run_id
    state.staging_root.mkdir(parents=True)
    # The warm kernels start (and warm up) while the parameters are checked.
    slots = [Slot(i, root, state.staging_root, warm=not args.fresh_kernels) for i in range(min(args.jobs, len(jobs)))]
    try:
        for slot in slots:
            slot.start()
        check_before_running(jobs, root, rows)
        stale_days = stale_after_days(root)
        state.site_url = site_url(root)
    except BaseException:
        kill_all(slots)
        shutil.rmtree(output / STAGING, ignore_errors=True)
        raise
    reporter.begin(len(jobs))
    drafts = draft_warning(job.edition.language for job in jobs)
    if drafts:
        reporter.line(drafts)
    ready, failures, held = execute(jobs, state, slots)
    if held is not None:
        shutil.rmtree(output / STAGING, ignore_errors=True)
        contradicted, detail = held
        names = sorted(job.edition.name for job, _ in ready)
        reporter.line(f"done: 0 published, {len(skipped)} skipped, {len(failures)} failed, held back by the gate")
        print(gate_message(contradicted, names, detail), file=sys.stderr)
        return EXIT_INVALID
    status = finish(state, ready, removed, args, stale_days)
    shutil.rmtree(output / STAGING, ignore_errors=True)
    reporter.line(f"done: {len(state.published)} rendered, {len(skipped)} skipped, {len(failures)} failed")
    for name, text in failures:
        print(f"render failed: edition {name} {text}", file=sys.stderr)
    return EXIT_FAILED if failures else status


def dry_run(state: Run, jobs: list[Job], skipped: int, removed: list[str], site: str | None, args,
            rows: dict) -> int:
    """--dry-run: every check a render makes, and what it would do; nothing is written."""
    reporter = state.reporter
    if jobs:
        check_before_running(jobs, state.root, rows)
    for job in jobs:
        reporter.line(f"would render {job.edition.name} ({job.reason}) with {job.parameters}")
    for name in removed:
        reporter.line(f"would unpublish {name}: it is no longer in {PLAN_FILE}")
    if site and (jobs or state.document["editions"]):
        reporter.line(f"would rebuild the site ({site})")
    if not jobs:
        reporter.line(f"nothing to render: all {skipped} edition(s) up to date")
    if removed and not args.allow_unpublish:
        raise unpublish_refused(removed)
    return EXIT_OK


def rebuild_site(state: Run, reason: str) -> None:
    """No edition to render, but the site's own code changed: rebuild output/site/ alone."""
    from helpers import site

    state.reporter.line(f"site: rebuilding ({reason})")
    if site.rebuild(state.output, state.reporter, stale_after_days(state.root), site_url=site_url(state.root)):
        record(state.output, state.document, {"site": site_record(state.inputs)})


def finish(state: Run, ready: list[tuple[Job, float]], removed: list[str], args, stale_days: int = 0) -> int:
    """Publish the batch and review it (review.publish_and_review)."""
    if not ready and not removed and not state.previous:
        return EXIT_OK                  # nothing to publish: output/ and the manifest are left as they are
    rendered_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    batch = [(job.edition.name, job.staging, edition_entry(job, state.inputs, job.staging, duration, rendered_at))
             for job, duration in ready]
    return publish_and_review(state, batch, removed, args, stale_days)


def execute(jobs: list[Job], state: Run, slots: list[Slot]) -> tuple[list[tuple[Job, float]], list[tuple[str, str]], tuple | None]:
    """Run the jobs in the slots (warm kernels unless --fresh-kernels). Returns the editions
    ready to publish (with their durations), the failures, and the gate's verdict (the contradicted
    claims its gate file names, and the edition's failure) or None. A dead worker or kernel, or a
    timeout, is retried once in a new kernel."""
    pending, failures, ready = deque(jobs), [], []
    held = None
    reporter = state.reporter

    def failed(job: Job, text: str, retry: bool) -> None:
        if retry and job.attempts < 2:
            reporter.line(f"retrying {job.edition.name} in a new kernel: {text}")
            pending.appendleft(job)
            return
        failures.append((job.edition.name, text))
        reporter.line(f"FAILED {job.edition.name}: {text}")
        reporter.advance()

    try:
        while pending or any(slot.job for slot in slots):
            for slot in slots:
                if slot.job is None and pending:
                    job = pending.popleft()
                    job.attempts += 1
                    if job.attempts == 1:
                        reporter.line(f"start {job.edition.name} ({job.reason})")
                    slot.assign(job, write_spec(job, state.root, state.staging_root, slot.index))
            for slot in slots:
                job = slot.job
                if job is None:
                    continue
                elapsed = time.monotonic() - slot.started
                result = slot.result()
                if result is None:
                    if elapsed > job.edition.timeout_minutes * 60:
                        slot.kill()
                        slot.release()
                        failed(job, f"timed out after {job.edition.timeout_minutes:g} minutes "
                                    f"(timeout_minutes in {PLAN_FILE})", retry=True)
                    continue
                slot.release()
                contradicted = gate.read(job.staging)
                if result["status"] == "ok" and not contradicted:
                    ready.append((job, elapsed))
                    reporter.line(f"rendered {job.edition.name} in {elapsed:.1f} s")
                    reporter.advance()
                    continue
                if result.get("retry"):
                    slot.kill()                 # its kernel may be the problem: a new worker starts next time
                kept = keep_failed_notebook(job, state.output)
                text = failure_text(result) + (f" (executed notebook: {kept})" if kept else "")
                if contradicted:
                    held = (contradicted, f"The gate is edition {job.edition.name}'s"
                                          + (f" (executed notebook: {kept})." if kept else "."))
                failed(job, text, retry=bool(result.get("retry")) and not contradicted)
            time.sleep(0.05)
    finally:
        kill_all(slots)
    return ready, failures, held


def print_list(editions: list[Edition], jobs: list[Job], site: str | None) -> None:
    due = {job.edition.name: job.reason for job in jobs}
    width = max(len(e.name) for e in editions)
    for edition in editions:
        state = f"to render ({due[edition.name]})" if edition.name in due else "up to date"
        params = ", ".join(f"{k}={v}" for k, v in edition.parameters.items()) or "defaults"
        about = f"  ({edition.description})" if edition.description else ""
        print(f"{edition.name:<{width}}  {edition.notebook}  [{params}]  {state}{about}")
    if site:
        print(f"site: to rebuild ({site})")
