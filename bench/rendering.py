"""Measures 2 and 3: the render runner (python -m helpers.render) on the whole plan in renders.yml.

  2. a forced full render (--force) vs a sequential shell loop calling `papermill` once per
     edition, with each edition's time in both (the breakdown)
  3. `make render` with nothing changed (the skip path), and the runner's skip path alone
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tools import KERNEL, PAPERMILL, ROOT, VENV_PY, Table, median, run, run_cpu, say, verdict


def loop_script(ctx, out_root: Path) -> Path:
    from helpers.plan import load_plan

    lines = ["#!/bin/bash", "set -e"]
    for edition in load_plan(ctx.copy):
        folder = out_root / edition.name
        parameters = {**edition.parameters, "output_dir": str(folder)}
        args = " ".join(f"-p {name} {json.dumps(value) if not isinstance(value, str) else value!s}"
                        for name, value in parameters.items() if not isinstance(value, (list, dict)))
        args += "".join(f" -y '{json.dumps({name: value})}'"
                        for name, value in parameters.items() if isinstance(value, (list, dict)))
        lines.append(f"mkdir -p {folder}; s=$(date +%s.%N)")
        lines.append(f"{PAPERMILL} --log-level WARNING --no-progress-bar -k {KERNEL} --cwd {ctx.copy} "
                     f"{ctx.copy / edition.notebook} {folder / 'notebook.ipynb'} {args}")
        lines.append(f'echo "{edition.name} $s $(date +%s.%N)" >> {out_root / "times.txt"}')
    path = ctx.tmp / "loop.sh"
    path.write_text("\n".join(lines) + "\n")
    return path


def measure_full_render(ctx, table: Table, report: dict) -> None:
    from helpers.plan import load_plan

    plan = [edition.name for edition in load_plan(ctx.copy)]
    editions = len(plan)
    renders, loops = [], []
    cpu: dict[str, list[tuple[float, float]]] = {"render": [], "loop": []}
    per_loop: dict[str, list[float]] = {name: [] for name in plan}
    per_render: dict[str, list[float]] = {name: [] for name in plan}
    for i in range(ctx.reps_render):
        out_root = ctx.tmp / f"loop-out-{i}"
        script = loop_script(ctx, out_root)
        order = ["render", "loop"] if i % 2 == 0 else ["loop", "render"]
        for kind in order:
            if kind == "render":
                seconds, own, others = run_cpu([VENV_PY, "-m", "helpers.render", "--force", "--quiet"],
                                               env=ctx.env, cwd=ctx.copy)
                renders.append(seconds)
                cpu["render"].append((own, others))
                document = json.loads((ctx.copy / "output" / "manifest.json").read_text())
                for name in plan:
                    per_render[name].append(document["editions"][name]["duration_seconds"])
            else:
                seconds, own, others = run_cpu(["bash", script], env=ctx.env, cwd=ctx.copy)
                loops.append(seconds)
                cpu["loop"].append((own, others))
                for line in (out_root / "times.txt").read_text().splitlines():
                    name, begin, end = line.split()
                    per_loop[name].append(float(end) - float(begin))
        say(f"2: repetition {i + 1}/{ctx.reps_render}: render --force {renders[-1]:.1f} s, "
            f"papermill loop {loops[-1]:.1f} s")
    r, l = median(renders), median(loops)
    table.add("2", f"render --force ({editions} editions, --jobs {os.cpu_count()}) vs sequential papermill loop",
              f"{r:.1f} s vs {l:.1f} s", "ratio <= 0.6", verdict(r / l, 0.6))
    # the best a 2-job runner could do with the loop's own edition times, started in plan order
    jobs = os.cpu_count() or 1
    lanes = [0.0] * jobs
    for name in plan:
        lanes[lanes.index(min(lanes))] += median(per_loop[name])
    report["2"] = {"render": renders, "loop": loops, "cpu": cpu, "per_loop": per_loop, "per_render": per_render,
                   "ideal_makespan": max(lanes), "jobs": jobs}


def print_render_breakdown(report: dict) -> None:
    if "2" not in report:
        return
    r = report["2"]
    loop_sum = sum(median(v) for v in r["per_loop"].values())
    print(f"\nBreakdown 2 - seconds per edition (median): alone in the papermill loop, and inside the forced "
          f"render with {r['jobs']} at once (worker start to finish, from the manifest):")
    for name in r["per_loop"]:
        print(f"  {name:<24} loop {median(r['per_loop'][name]):6.2f} s   render {median(r['per_render'][name]):6.2f} s")
    print(f"  {'sum':<24} loop {loop_sum:6.2f} s   render {sum(median(v) for v in r['per_render'].values()):6.2f} s")
    print(f"  ideal {r['jobs']}-job schedule of the loop's times in plan order: {r['ideal_makespan']:.2f} s "
          f"= {r['ideal_makespan'] / loop_sum:.2f}x the loop's editions; measured render "
          f"{median(r['render']):.2f} s, loop {median(r['loop']):.2f} s")
    for kind in ("render", "loop"):
        walls = r[kind]
        own = [c[0] for c in r["cpu"][kind]]
        others = [c[1] for c in r["cpu"][kind]]
        print(f"  {kind:<6} CPU time {median(own):6.1f} s (x{median(own) / median(walls):.2f} of its wall time); "
              f"other processes on the machine meanwhile: {median(others):6.1f} CPU s "
              f"= {median([o / w for o, w in zip(others, walls)]):.2f} of the {r['jobs']} cores busy on average")


def measure_skip(ctx, table: Table, report: dict) -> None:
    output = ctx.copy / "output"
    if not (output / "manifest.json").is_file():
        say("3: rendering the copy once first")
        run([VENV_PY, "-m", "helpers.render", "--quiet"], env=ctx.env, cwd=ctx.copy)
    _, done = run([VENV_PY, "-m", "helpers.render"], env=ctx.env, cwd=ctx.copy)
    if "nothing to render" not in done.stderr:
        raise RuntimeError("3: the skip path rendered something:\n" + done.stderr)
    pythons, makes, bare = [], [], []

    def stamps_ok() -> bool:   # else make would rebuild .venv: never let a benchmark do that
        return subprocess.run(["make", "-q", "-C", str(ROOT), ".venv/.render-ok"],
                              capture_output=True).returncode == 0

    for _ in range(ctx.reps_skip):
        bare.append(run([VENV_PY, "-c", "pass"], env=ctx.env)[0])
        pythons.append(run([VENV_PY, "-m", "helpers.render", "--quiet"], env=ctx.env, cwd=ctx.copy)[0])
        if stamps_ok():
            makes.append(run(["make", "-s", "-C", ROOT, "render", "RENDER_ARGS=--quiet"], env=ctx.env)[0])
        else:
            say("3: .venv/.render-ok is out of date: `make render` not timed (it would rebuild .venv)")
    if makes:
        table.add("3", "make render, nothing changed (DESK_ROOT=copy make -C . render)",
                  f"{median(makes):.2f} s", "<= 1 s", verdict(median(makes), 1.0, unit="s"))
    table.add("3", "  python -m helpers.render skip path alone (interpreter start alone)",
              f"{median(pythons):.2f} s ({median(bare):.2f} s)", "<= 1 s", verdict(median(pythons), 1.0, unit="s"))
    report["3"] = {"make": makes, "python": pythons, "bare_python": bare}
