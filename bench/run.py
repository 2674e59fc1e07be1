"""Performance figures for the desk: `make bench`, or `.venv/bin/python bench/run.py [--quick]`.

Everything runs on a throw-away copy of the project (data/, notebooks/, renders.yml,
requirements/, src/ — as tests/conftest.py copies it) in a temporary folder, pointed at
by DESK_ROOT. Nothing is written into this checkout's output/ or data/.

Measures (targets from the performance issue; docs/performance.md has the analysis), each in
its own module beside this file (shared tools: bench/tools.py):
  1. notebooks/01_cumulative_releases.ipynb run by papermill vs the same papermill call on an
     empty notebook (the floor), plus where the notebook's time goes     target ratio <= 1.5
     (notebook_vs_floor.py; the step-by-step breakdown runs notebook_steps.py)
  2. a forced full render (python -m helpers.render --force) vs a sequential shell loop
     calling `papermill` once per edition of renders.yml                 target ratio <= 0.6
  3. `make render` with nothing changed (the skip path)                   target <= 1 s
     (2 and 3: rendering.py)
  4. `import pandas, altair` in the render env vs an env that also has JupyterLab
                                                                         target <= 1 s (render env)
     (import_cost.py)
  5. scale: synthetic person-level releases at 10k, 100k, 1M rows: load, aggregate, chart
                                                                         linear; chart spec constant
  6. fresh set-up of the render environment: uv vs pip (warm cache), uv with a cold cache
     (fresh_setup.py)
  7. helpers.data.validate() vs pandas.read_csv on a 1M-row releases-like file (bench/validation.py,
     which also runs alone), and the per-data-version validation cache      target ratio <= 2
     (5 and 7: scale.py)

The machine is usually shared: every comparison is measured side by side in one run,
interleaved, and each figure is the median of several repetitions.

Bytecode: by default every Python started here may cache compiled bytecode under
<cache>/pycache (PYTHONPYCACHEPREFIX), as Python does in __pycache__ on an ordinary machine
and as a venv built with `uv pip sync --compile-bytecode` provides. `--bytecode none` runs
everything compiling from source, as happens when PYTHONDONTWRITEBYTECODE=1 is set and the
venv holds no .pyc files (uv writes none unless asked); `--bytecode as-is` leaves the shell's
settings alone. Row 4 always shows both cached and uncached imports.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

from fresh_setup import measure_setup
from import_cost import measure_imports
from notebook_vs_floor import measure_notebook, print_breakdown
from rendering import measure_full_render, measure_skip, print_render_breakdown
from scale import measure_scale, measure_validation, print_scale, print_validation
from tools import VENV_PY, Table, copy_project, machine_busy, run, say

DEFAULT_CACHE = Path(tempfile.gettempdir()) / "belarus-desk-bench-cache"

# the measures in the order they run (and are numbered)
MEASURES = {1: measure_notebook, 2: measure_full_render, 3: measure_skip, 4: measure_imports,
            5: measure_scale, 6: measure_setup, 7: measure_validation}
ALL_MEASURES = tuple(MEASURES)
# the breakdowns printed under the table, for the measures that have one
BREAKDOWNS = (print_breakdown, print_render_breakdown, print_scale, print_validation)


class Context:
    """What every measure reads: copy (the project copy, DESK_ROOT), tmp (its temporary folder),
    cache (kept between runs), env (the environment everything started here gets), env_base (the
    same before the --bytecode choice), reps_* (repetitions per measure), setup_kinds (measure 6)."""


def parse_args(argv):
    p = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true",
                   help="fewer repetitions; skips the pip and cold-cache set-ups (about 16 minutes on a busy "
                        "2-core machine, 10 of them measure 2's 43 editions)")
    p.add_argument("--only", default="", metavar="N,N",
                   help="run only these measures, e.g. --only 1,4 (default: all)")
    p.add_argument("--bytecode", choices=("cached", "none", "as-is"), default="cached",
                   help="cached: Pythons started here keep bytecode under <cache>/pycache (default); "
                        "none: compile from source every time, as with PYTHONDONTWRITEBYTECODE=1 and no .pyc; "
                        "as-is: leave PYTHONDONTWRITEBYTECODE/PYTHONPYCACHEPREFIX as this shell has them")
    p.add_argument("--cache", type=Path, default=DEFAULT_CACHE,
                   help="folder kept between runs: bytecode, the JupyterLab venv, pip cache, synthetic CSVs "
                        "(default: %(default)s)")
    p.add_argument("--json", type=Path, help="also write every repetition's figure to this JSON file")
    p.add_argument("--keep", action="store_true", help="keep the temporary project copy (its path is printed)")
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        import papermill  # noqa: F401
    except ImportError:
        if Path(sys.executable).resolve() != VENV_PY.resolve() and VENV_PY.exists():
            os.execv(str(VENV_PY), [str(VENV_PY), __file__, *sys.argv[1:]])
        raise SystemExit("bench/run.py needs the render environment: run `make bench`")
    measures = tuple(int(n) for n in args.only.split(",") if n.strip()) or ALL_MEASURES

    ctx = Context()
    ctx.cache = args.cache.resolve()
    ctx.cache.mkdir(parents=True, exist_ok=True)
    ctx.tmp = Path(tempfile.mkdtemp(prefix="desk-bench-"))
    ctx.copy = copy_project(ctx.tmp / "project")
    quick = args.quick
    ctx.reps_nb = 2 if quick else 5
    ctx.reps_breakdown = 1 if quick else 3
    ctx.reps_render = 1 if quick else 3
    ctx.reps_skip = 5
    ctx.reps_import = 3 if quick else 5
    ctx.reps_scale = 3
    ctx.reps_setup = 1 if quick else 2
    ctx.setup_kinds = ("uv",) if quick else ("uv", "uv-other", "pip", "uv-cold")

    # one environment for everything started from here (kernels inherit it too)
    env = dict(os.environ)
    env["DESK_ROOT"] = str(ctx.copy)
    # helpers from the copy's snapshot of src/ (kernels inherit this too): one consistent version of
    # the code for the whole run, even while src/ is being edited
    env["PYTHONPATH"] = os.pathsep.join([str(ctx.copy / "src"), *filter(None, [env.get("PYTHONPATH")])])
    sys.path.insert(0, str(ctx.copy / "src"))
    ctx.env_base = dict(env)
    if args.bytecode == "cached":
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(ctx.cache / "pycache")
    elif args.bytecode == "none":
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["PYTHONPYCACHEPREFIX"] = str(ctx.tmp / "no-pycache")
    os.environ.clear()
    os.environ.update(env)
    ctx.env = env

    import resource

    def own_cpu() -> float:
        return sum(getattr(resource.getrusage(who), field) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
                   for field in ("ru_utime", "ru_stime"))

    started = time.perf_counter()
    load_before = os.getloadavg()
    busy_before, own_before = machine_busy(), own_cpu()
    say(f"project copy in {ctx.copy}; cache {ctx.cache}; bytecode {args.bytecode}; "
        f"{'quick' if quick else 'full'} run of measures {','.join(map(str, measures))}")
    if args.bytecode == "cached":
        run([VENV_PY, "-c", "import pandas, altair, papermill, ipykernel, nbclient, vl_convert, helpers.data, "
                            "helpers.figures.cumulative_releases, helpers.export, helpers.render"], env=env)
    table, report = Table(), {}
    try:
        for number in measures:
            say(f"measure {number} ...")
            MEASURES[number](ctx, table, report)
    finally:
        if not args.keep:
            shutil.rmtree(ctx.tmp, ignore_errors=True)
        else:
            say(f"kept {ctx.tmp}")

    elapsed = time.perf_counter() - started
    load_after = os.getloadavg()
    others = max(0.0, (machine_busy() - busy_before) - (own_cpu() - own_before)) / elapsed
    print(f"Belarus releases desk - performance ({dt.datetime.now().isoformat(timespec='minutes')})")
    print(f"machine: {os.cpu_count()} cores (nproc), Python {platform.python_version()}, {platform.platform()}; "
          f"load average {load_before[0]:.2f} at start, {load_after[0]:.2f} at end; other processes kept "
          f"{others:.2f} of the {os.cpu_count()} cores busy on average during the run")
    print(f"run: {'--quick' if quick else 'full'}, bytecode {args.bytecode}, medians of "
          f"{ctx.reps_nb} (1), {ctx.reps_render} (2), {ctx.reps_skip} (3), {ctx.reps_import} (4), "
          f"{ctx.reps_scale} (5), {ctx.reps_setup} (6; pip and cold uv once) repetitions; took {elapsed / 60:.1f} min\n")
    print(table.render())
    for print_breakdown_of in BREAKDOWNS:
        print_breakdown_of(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
