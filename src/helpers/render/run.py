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
from helpers.i18n.languages import draft_warning
from helpers.plan import PLAN_FILE, Edition, PlanError, language_of, load_plan, parse_shard, shard, site_url, stale_after_days
from helpers.render import EXIT_FAILED, EXIT_INVALID, EXIT_OK, STAGING
from helpers.render.checks import Job, check_before_running, check_data, decide
from helpers.render.publish import delete_replaced, edition_entry, publish_batch, record_review, removed_editions, tidy
from helpers.render.review import contradicted_claims, gate_message, review_published, stale_failure
from helpers.render.report import Reporter
from helpers.render.pool import Slot, kill_all
from helpers.render.previous import take as take_previous
from helpers.render.shards import shard_info
from helpers.render.workers import failure_text, keep_failed_notebook, write_spec


@dataclass
class Run:
    """One render: where it reads and writes, and what it has published so far."""

    root: Path
    output: Path
    reporter: Reporter
    document: dict                      # the manifest, updated when the batch is published
    snapshot: dict                      # input hashes taken before anything ran
    run_id: str = ""
    staging_root: Path | None = None
    published: list[str] = field(default_factory=list)
    previous: str | None = None         # where the previous publication taken in (--previous) came from
    site_url: str | None = None


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
    jobs, skipped = decide(chosen, published, state.document, state.snapshot, args.force)

    if args.list:
        print_list(chosen, jobs)
        return EXIT_OK
    removed = [] if args.only or args.shard else removed_editions(editions, state.document)
    for edition in skipped:
        reporter.line(f"skip {edition.name}: up to date (inputs unchanged since the last render)")
    if not jobs:
        if (removed or state.previous) and not args.dry_run:
            state.site_url = site_url(root)
            finish(state, [], removed, args, stale_after_days(root))
        reporter.line(f"nothing to render: all {len(skipped)} edition(s) up to date")
        return EXIT_OK

    if args.dry_run:
        check_before_running(jobs, root, rows["releases"])
        for job in jobs:
            reporter.line(f"would render {job.edition.name} ({job.reason}) with {job.parameters}")
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
        check_before_running(jobs, root, rows["releases"])
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
    ready, failures, gate = execute(jobs, state, slots)
    if gate is not None:
        shutil.rmtree(output / STAGING, ignore_errors=True)
        claims, detail = gate
        held = sorted(job.edition.name for job, _ in ready)
        reporter.line(f"done: 0 published, {len(skipped)} skipped, {len(failures)} failed, held back by the gate")
        print(gate_message(claims, held, detail), file=sys.stderr)
        return EXIT_INVALID
    status = finish(state, ready, removed, args, stale_days)
    shutil.rmtree(output / STAGING, ignore_errors=True)
    reporter.line(f"done: {len(state.published)} rendered, {len(skipped)} skipped, {len(failures)} failed")
    for name, text in failures:
        print(f"render failed: edition {name} {text}", file=sys.stderr)
    return EXIT_FAILED if failures else status


def finish(state: Run, ready: list[tuple[Job, float]], removed: list[str], args, stale_days: int = 0) -> int:
    """Publish the batch; then the review hook, its record in the manifest; then delete what was replaced.

    Order: links and manifest change together (one atomic step, signals held), so the hook sees a
    consistent output/ and manifest; its review is then added to the manifest (a second atomic
    write changing only "review"); the replaced versions are deleted last, so the hook can compare.
    """
    output, reporter = state.output, state.reporter
    if not ready and not removed and not state.previous:
        return EXIT_OK                  # nothing to publish: output/ and the manifest are left as they are
    rendered_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    batch = [(job.edition.name, job.staging, edition_entry(job, state.snapshot, job.staging, duration, rendered_at))
             for job, duration in ready]
    return publish_and_review(state, batch, removed, args, stale_days)


def publish_and_review(state: Run, batch: list[tuple[str, Path, dict]], removed: list[str], args,
                       stale_days: int) -> int:
    output, reporter = state.output, state.reporter
    replaced, obsolete = publish_batch(batch, removed, output, state.run_id, state.document)
    for name in removed:
        reporter.line(f"unpublished {name}: it is no longer in {PLAN_FILE}")
    for name, _, entry in batch:
        state.published.append(name)
        reporter.line(f"published {name} (rendered in {entry['duration_seconds']:.1f} s)")
    ready = batch
    status = EXIT_OK
    if (ready or state.previous) and not args.shard:    # a shard's output is reviewed when the shards are merged
        languages = [language_of(entry["parameters"]) for _, _, entry in batch]
        try:
            review = review_published(output, replaced, reporter, stale_after_days=stale_days, languages=languages,
                                      site_url=state.site_url)
        except Exception as err:  # the editions are published; a failing review is reported, not fatal to them
            review = {"error": f"{type(err).__name__}: {err}"}
            print(f"render published, but the review after publishing failed: {review['error']}", file=sys.stderr)
            status = EXIT_FAILED
        record_review(output, state.document, review)
        stale = stale_failure(review)
        if stale and args.fail_when_stale:
            print(stale, file=sys.stderr)
            status = EXIT_FAILED
    delete_replaced(obsolete)
    return status


def execute(jobs: list[Job], state: Run, slots: list[Slot]) -> tuple[list[tuple[Job, float]], list[tuple[str, str]], tuple | None]:
    """Run the jobs in the slots (warm kernels unless --fresh-kernels). Returns the editions
    ready to publish (with their durations), the failures, and the gate's verdict (contradicted claim
    ids and detail) or None. A dead worker or kernel, or a timeout, is retried once in a new kernel."""
    pending, failures, ready = deque(jobs), [], []
    gate = None
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
                if result["status"] == "ok":
                    ready.append((job, elapsed))
                    reporter.line(f"rendered {job.edition.name} in {elapsed:.1f} s")
                    reporter.advance()
                    continue
                if result.get("retry"):
                    slot.kill()                 # its kernel may be the problem: a new worker starts next time
                kept = keep_failed_notebook(job, state.output)
                text = failure_text(result) + (f" (executed notebook: {kept})" if kept else "")
                claims = contradicted_claims(result)
                if claims:
                    gate = (claims, f"edition {job.edition.name} {text}")
                failed(job, text, retry=bool(result.get("retry")))
            time.sleep(0.05)
    finally:
        kill_all(slots)
    return ready, failures, gate


def print_list(editions: list[Edition], jobs: list[Job]) -> None:
    due = {job.edition.name: job.reason for job in jobs}
    width = max(len(e.name) for e in editions)
    for edition in editions:
        state = f"to render ({due[edition.name]})" if edition.name in due else "up to date"
        params = ", ".join(f"{k}={v}" for k, v in edition.parameters.items()) or "defaults"
        about = f"  ({edition.description})" if edition.description else ""
        print(f"{edition.name:<{width}}  {edition.notebook}  [{params}]  {state}{about}")
