"""The render runner's figures (issue 11): `.venv/bin/python bench/runner.py`, also run by `make bench`.

  R1  forced render of today's plan vs a sequential `papermill` loop over the same editions  <= 0.35x
  R2  forced render of a plan of >= 40 editions vs the loop                                    <= 0.15x
  R3  one edition cold (the papermill command) vs the same command on an empty notebook      <= 2.0x
  R4  `make render` with nothing changed                                                       <= 0.3 s
  V   helpers.data validation of 1M rows vs pandas.read_csv (bench/validation.py)              <= 2x

Everything runs in throw-away copies of the project (tests/conftest.py's copy), pointed at by
DESK_ROOT; comparisons are measured side by side, interleaved, medians of --reps.
R1 renders "today's 7-edition plan" as the issue measured it: renders.yml in English only (the 7
story editions and the claims ledger). R2 renders the real plan, every edition in all six languages
(43 editions); should a plan have fewer than 40, its editions are repeated under other names
until it does. R2's loop time is R1's loop time per edition times R2's edition count (the loop
pays the same start, imports and export per edition in any language), unless --full measures it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))
from conftest import copy_project, set_plan_languages  # noqa: E402
from helpers.render import KERNEL  # noqa: E402
from helpers.render.cli import usable_cores  # noqa: E402

VENV_PY = ROOT / ".venv" / "bin" / "python"
PAPERMILL = ROOT / ".venv" / "bin" / "papermill"
NOTEBOOK = "notebooks/01_cumulative_releases.ipynb"


def say(text: str) -> None:
    print(f"  .. {text}", file=sys.stderr, flush=True)


def timed(cmd, env, cwd=None) -> float:
    start = time.perf_counter()
    done = subprocess.run([str(c) for c in cmd], env=env, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return seconds


def loop_script(root: Path, out_root: Path, tmp: Path) -> Path:
    """The newsroom's plain loop: one papermill command per edition, one after another."""
    sys.path.insert(0, str(root / "src"))
    from helpers.plan import load_plan

    lines = ["#!/bin/bash", "set -e"]
    for edition in load_plan(root):
        folder = out_root / edition.name
        args = " ".join(f"-p {k} {v}" for k, v in {**edition.parameters, "output_dir": str(folder)}.items())
        lines.append(f"mkdir -p {folder}")
        lines.append(f"{PAPERMILL} --log-level WARNING --no-progress-bar -k {KERNEL} --cwd {root} "
                     f"{root / edition.notebook} {folder / 'notebook.ipynb'} {args}")
    path = tmp / "loop.sh"
    path.write_text("\n".join(lines) + "\n")
    return path


def empty_notebook(path: Path) -> Path:
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": KERNEL, "display_name": KERNEL, "language": "python"}
    cell = nbformat.v4.new_code_cell("output_dir = 'x'")
    cell.metadata["tags"] = ["parameters"]
    notebook.cells = [cell]
    nbformat.write(notebook, path)
    return path


def plan_size(root: Path) -> int:
    sys.path.insert(0, str(root / "src"))
    from helpers.plan import load_plan

    return len(load_plan(root))


def repeated_plan(root: Path, times: int) -> int:
    """renders.yml with every edition repeated under other names: a plan the size of the languages'."""
    import yaml

    plan = yaml.safe_load((root / "renders.yml").read_text())
    editions = dict(plan["editions"])
    for i in range(2, times + 1):
        for name, body in plan["editions"].items():
            editions[f"{name}-r{i}"] = body
    plan["editions"] = editions
    (root / "renders.yml").write_text(yaml.safe_dump(plan, sort_keys=False))
    return len(editions)


def verdict(value: float, goal: float, unit: str, obstacle: str) -> str:
    shown = f"{value:.2f}{unit} (goal <= {goal:g}{unit})"
    return f"{shown}: met" if value <= goal else f"{shown}: NOT met - {obstacle}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="bench/runner.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=2, help="repetitions of each side (default 2)")
    parser.add_argument("--full", action="store_true", help="R2: run the 40-edition loop too (minutes)")
    parser.add_argument("--skip-validation", action="store_true", help="leave out V (bench/validation.py)")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="desk-runner-bench-"))
    lines, results = [], {}
    try:
        root = set_plan_languages(copy_project(tmp / "project"), ("en",))
        env = {**os.environ, "DESK_ROOT": str(root)}
        jobs = usable_cores()
        render = [VENV_PY, "-m", "helpers.render", "--quiet"]
        timed(render, env, root)          # caches (validation, bytecode) as a newsroom machine has them

        # R1
        loops, warm, fresh = [], [], []
        for i in range(args.reps):
            out = tmp / f"loop-{i}"
            script = loop_script(root, out, tmp)
            for kind in (("render", "loop") if i % 2 == 0 else ("loop", "render")):
                if kind == "loop":
                    loops.append(timed(["bash", script], env, root))
                else:
                    warm.append(timed([*render, "--force"], env, root))
                    fresh.append(timed([*render, "--force", "--fresh-kernels"], env, root))
            shutil.rmtree(out, ignore_errors=True)
            say(f"R1 repetition {i + 1}: loop {loops[-1]:.1f} s, render {warm[-1]:.1f} s, "
                f"--fresh-kernels {fresh[-1]:.1f} s")
        n_plan = len(json.loads((root / "output" / "manifest.json").read_text())["editions"])
        loop, r1 = statistics.median(loops), statistics.median(warm)
        results["R1"] = {"loop": loops, "render": warm, "fresh": fresh}
        lines.append(f"R1 forced render, {n_plan} editions, {jobs} jobs, warm kernels: {r1:.1f} s vs papermill loop "
                     f"{loop:.1f} s = " + verdict(r1 / loop, 0.35, "x",
                     "each edition still costs its drawing and export (about 1.5 s warm) and the render "
                     "its start-up, kernel warm-up and validation check; two cores split the rest"))
        lines.append(f"   (with --fresh-kernels: {statistics.median(fresh):.1f} s = "
                     f"{statistics.median(fresh) / loop:.2f}x the loop)")

        # R2
        big = copy_project(tmp / "big")
        big_env = {**env, "DESK_ROOT": str(big)}
        count = plan_size(big)
        repeated = count < 40
        if repeated:
            count = repeated_plan(big, -(-40 // count))
        timed(render, big_env, big)
        r2_runs = [timed([*render, "--force"], big_env, big) for _ in range(args.reps)]
        r2 = statistics.median(r2_runs)
        if args.full:
            big_loop = timed(["bash", loop_script(big, tmp / "big-loop", tmp)], big_env, big)
            how = "measured"
        else:
            big_loop = loop / n_plan * count
            how = f"R1's loop per edition x {count}"
        results["R2"] = {"render": r2_runs, "loop": big_loop, "editions": count}
        kind = "synthetic: the plan repeated" if repeated else "the plan in six languages"
        lines.append(f"R2 forced render, {count} editions ({kind}): {r2:.1f} s vs loop "
                     f"{big_loop:.1f} s ({how}) = " + verdict(r2 / big_loop, 0.15, "x",
                     "each edition still costs about 0.9 core-seconds in its kernel, about half of it system "
                     "time in vl-convert, which opens and maps the font file afresh for each glyph it looks up "
                     "(docs/performance.md)"))
        say(f"R2: {r2_runs}")

        # R3
        nb_dir = tmp / "r3"
        nb_dir.mkdir()
        empty = empty_notebook(nb_dir / "empty.ipynb")
        cold, floor = [], []
        for i in range(args.reps + 1):
            base = [PAPERMILL, "--log-level", "WARNING", "--no-progress-bar", "-k", KERNEL, "--cwd", root]
            floor.append(timed([*base, empty, nb_dir / f"e{i}.ipynb", "-p", "output_dir", "x"], env, root))
            cold.append(timed([*base, root / NOTEBOOK, nb_dir / f"n{i}.ipynb", "-p", "output_dir",
                               str(nb_dir / f"out{i}")], env, root))
        c, f = statistics.median(cold), statistics.median(floor)
        results["R3"] = {"notebook": cold, "empty": floor}
        lines.append(f"R3 one edition cold: {c:.1f} s vs empty notebook {f:.1f} s = " + verdict(
            c / f, 2.0, "x", "in a cold kernel the notebook imports pandas and Altair and starts the Vega "
            "engine (vl-convert) before drawing; the runner's warm kernels avoid this, a single papermill "
            "command cannot"))

        # R4
        make_ok = subprocess.run(["make", "-q", "-C", str(ROOT), ".venv/.render-ok"],
                                 capture_output=True).returncode == 0
        skips = []
        timed(render, env, root)
        for _ in range(5):
            cmd = ["make", "-s", "-C", ROOT, "render", "RENDER_ARGS=--quiet"] if make_ok else render
            skips.append(timed(cmd, env, root))
        s = statistics.median(skips)
        results["R4"] = {"make" if make_ok else "python": skips}
        lines.append(f"R4 {'make render' if make_ok else 'python -m helpers.render'} with nothing changed: " + verdict(
            s, 0.3, " s", "Python's start, the plan, hashing every input and reading the validation cache"))

        # V
        if not args.skip_validation:
            done = subprocess.run([VENV_PY, ROOT / "bench" / "validation.py", "--reps", "3"], capture_output=True,
                                  text=True)
            ratio = re.search(r"ratio ([\d.]+)x CPU, ([\d.]+)x wall \(goal <= 2x\): (.*)", done.stdout)
            lines.append("V  validation, 1M rows vs read_csv: " + (
                f"{ratio.group(1)}x CPU, {ratio.group(2)}x wall (goal <= 2x): {ratio.group(3)}" if ratio
                else f"not measured: {done.stderr[-500:]}"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nRender runner figures ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"{usable_cores()} cores, medians of {args.reps}):")
    for line in lines:
        print("  " + line)
    print(json.dumps(results), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
