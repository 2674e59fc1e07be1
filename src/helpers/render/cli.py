"""The command line: `python -m helpers.render [options]` (also `make render RENDER_ARGS=...`)."""

from __future__ import annotations

import argparse
import errno
import os
import shutil
import signal
import sys
from pathlib import Path

from helpers import paths
from helpers.errors import DeskError
from helpers.plan import DEFAULT_STALE_AFTER_DAYS
from helpers.render import EXIT_BUSY, EXIT_FAILED, EXIT_INVALID, STAGING
from helpers.render.lock import RenderBusy, render_lock
from helpers.render.report import Reporter


class Interrupted(Exception):
    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def usable_cores() -> int:
    """The cores this process may run on (Linux: its CPU affinity; macOS has no such call)."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else (os.cpu_count() or 1)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m helpers.render",
        description="Render the editions in renders.yml into output/. Unchanged editions are skipped; "
                    "the editions that rendered completely are published together at the end. If the claims "
                    "edition finds a claim our copy relies on contradicted by the data, nothing is published "
                    "(exit 2, naming the claim and the editions held back).",
        epilog="Exit status: 0 success, 1 a render failed (or stale data with --fail-when-stale), "
               "2 invalid data, plan or parameters, a published claim contradicted, or published editions "
               "that would be unpublished without --allow-unpublish, 3 another render is running. "
               "Examples: `make render`, `make render RENDER_ARGS='--only cumulative-releases-mobile-en --force'`.")
    p.add_argument("--list", action="store_true", help="list the editions and whether each is up to date, then stop")
    p.add_argument("--only", action="append", metavar="NAME", help="render only this edition (repeatable)")
    p.add_argument("--force", action="store_true", help="render even editions whose inputs have not changed")
    p.add_argument("--jobs", type=int, default=usable_cores(), metavar="N",
                   help="editions rendered at once (default: the number of cores, %(default)s)")
    p.add_argument("--dry-run", action="store_true",
                   help="check everything and say what would render or be unpublished, render nothing")
    p.add_argument("--allow-unpublish", action="store_true",
                   help="take down published editions that are no longer in renders.yml (without it, a render "
                        "that would unpublish any refuses with exit 2, naming them)")
    p.add_argument("--wait", action="store_true", help="if another render is running, wait for it instead of exiting 3")
    p.add_argument("--output", type=Path, default=None, help="output folder (default: output/ in the project)")
    p.add_argument("--quiet", action="store_true", help="print only errors")
    p.add_argument("--fail-when-stale", action="store_true",
                   help="exit 1 (still publishing) when a figure's newest data is older than stale_after_days "
                        f"(renders.yml defaults, {DEFAULT_STALE_AFTER_DAYS} unless set)")
    p.add_argument("--fresh-kernels", action="store_true",
                   help="start a new kernel for every edition (default: one warm kernel per job, reset between "
                        "editions; the published files are the same either way)")
    p.add_argument("--shard", metavar="K/N",
                   help="render only share K of N of the plan (a fixed, balanced share: editions in name order, "
                        "dealt round-robin) into its own folder, output-shard-K/ unless --output is given; "
                        "for a CI matrix, one job per shard")
    p.add_argument("--merge", nargs="+", metavar="DIR",
                   help="publish the editions of all N shard folders into output/ at once, with the same checks "
                        "as a render: a missing, failed or held-back shard, or one rendered from other inputs, "
                        "fails the merge (exit 1) and nothing is published")
    p.add_argument("--previous", nargs="?", const="", metavar="PATH_OR_URL",
                   help="take this publication (a built site folder, or the deployed site's address; without a "
                        "value, the site at site_url in renders.yml) as what is published now: editions whose "
                        "inputs are unchanged are taken from it instead of rendered, CHANGES.md compares with it "
                        "and its changes history goes on; if it is missing or damaged the render says so and "
                        "renders every edition")
    p.add_argument("--run-edition", help=argparse.SUPPRESS)
    p.add_argument("--kernel-worker", metavar="PID_FILE", help=argparse.SUPPRESS)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.run_edition:
        from helpers.render.workers import run_edition

        return run_edition(args.run_edition)
    if args.kernel_worker:
        from helpers.render.pool import serve

        return serve(args.kernel_worker)
    if args.jobs < 1:
        print("--jobs must be 1 or more", file=sys.stderr)
        return EXIT_INVALID
    from helpers.render.run import Run, run

    root = paths.project_root()
    if args.shard and args.merge:
        print("--shard and --merge go to different jobs: render each shard, then merge them", file=sys.stderr)
        return EXIT_INVALID
    default = f"output-shard-{args.shard.split('/')[0]}" if args.shard else "output"
    output = Path(args.output or root / default).resolve()
    state = Run(root, output, Reporter(quiet=args.quiet), {"editions": {}})
    previous_handler = signal.signal(signal.SIGTERM, _raise_interrupted)
    try:
        output.mkdir(parents=True, exist_ok=True)
        if args.list or args.dry_run:      # read-only: no need to wait for a running render
            return run(args, state)
        with render_lock(output, args.wait, state.reporter):
            if args.merge:
                from helpers.render.shards import merge

                return merge(args, state)
            return run(args, state)
    except RenderBusy as busy:
        print(f"render not started: {busy}", file=sys.stderr)
        return EXIT_BUSY
    except DeskError as err:
        print(err, file=sys.stderr)
        from helpers.render.shards import MergeFailed

        return EXIT_FAILED if isinstance(err, MergeFailed) else EXIT_INVALID
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


def _kept_as_it_was(state) -> str:
    if not state.published:
        return "the published output and manifest are unchanged"
    return (f"already published in this run: {', '.join(state.published)}; "
            "every other edition's output and manifest entry are unchanged")
