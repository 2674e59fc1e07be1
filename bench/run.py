"""Performance figures for the desk: `make bench`, or `.venv/bin/python bench/run.py [--quick]`.

Everything runs on a throw-away copy of the project (data/, notebooks/, renders.yml,
requirements/, src/ — as tests/conftest.py copies it) in a temporary folder, pointed at
by DESK_ROOT. Nothing is written into this checkout's output/ or data/.

Measures (targets from the performance issue; docs/performance.md has the analysis):
  1. notebooks/01_cumulative_releases.ipynb run by papermill vs the same papermill call on an
     empty notebook (the floor), plus where the notebook's time goes     target ratio <= 1.5
  2. a forced full render (python -m helpers.render --force) vs a sequential shell loop
     calling `papermill` once per edition of renders.yml                 target ratio <= 0.6
  3. `make render` with nothing changed (the skip path)                   target <= 1 s
  4. `import pandas, altair` in the render env vs an env that also has JupyterLab
                                                                         target <= 1 s (render env)
  5. scale: synthetic person-level releases at 10k, 100k, 1M rows: load, aggregate, chart
                                                                         linear; chart spec constant
  6. fresh set-up of the render environment: uv vs pip (warm cache), uv with a cold cache
  7. helpers.data.validate() vs pandas.read_csv on a 1M-row releases-like file (bench/validation.py,
     which also runs alone), and the per-data-version validation cache      target ratio <= 2

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
import contextlib
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from conftest import copy_project as copy_for_tests  # noqa: E402  (one definition of the copy)
from helpers.render import KERNEL  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
VENV_PY = ROOT / ".venv" / "bin" / "python"
PAPERMILL = ROOT / ".venv" / "bin" / "papermill"
UV = ROOT / ".tools" / "bin" / "uv"
NOTEBOOK = "notebooks/01_cumulative_releases.ipynb"
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "belarus-desk-bench-cache"
SIZES = (10_000, 100_000, 1_000_000)

ALL_MEASURES = (1, 2, 3, 4, 5, 6, 7)


# ---------------------------------------------------------------- small tools

def say(message: str) -> None:
    stamp = dt.datetime.now().strftime("%H:%M:%S")
    print(f"[bench {stamp}] {message}", file=sys.stderr, flush=True)


def median(values) -> float:
    return statistics.median(values)


def spread(values) -> str:
    """The repetitions, for the record: '7.1 s (6.9-9.4, n=3)'."""
    if len(values) == 1:
        return f"{values[0]:.2f} s (n=1)"
    return f"{median(values):.2f} s ({min(values):.2f}-{max(values):.2f}, n={len(values)})"


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


# ---------------------------------------------------------------- measure 1: one notebook vs the floor

EMPTY_PARAMETERS = 'edition: str = "desktop"\noutput_dir: str = "out"'

BREAKDOWN = r'''
import json, sys, time
from pathlib import Path
times = {}
clock = time.perf_counter
out_dir, notebook = sys.argv[1], sys.argv[2]

t = clock(); import pandas; times["import pandas"] = clock() - t
t = clock(); import altair; times["import altair"] = clock() - t
t = clock()
import vl_convert as vlc
from helpers import charts, data, export, measures
from helpers.params import check_parameters
times["import helpers + vl_convert"] = clock() - t

# the parameters cell as papermill would leave it (declarations, then injected values)
cells = json.loads(Path(notebook).read_text())["cells"]
source = next("".join(c["source"]) for c in cells if "parameters" in c.get("metadata", {}).get("tags", []))
namespace = {}
exec(source, namespace)
namespace.pop("__builtins__", None)
namespace.update(edition="desktop", output_dir=out_dir)
t = clock(); params = check_parameters(namespace, "01_cumulative_releases"); times["check_parameters"] = clock() - t

t = clock()
frames = data.load_all(names=["releases", "milestones", "sanctions"])
times["data.load_all (validates every file)"] = clock() - t
releases, milestones, sanctions = frames["releases"], frames["milestones"], frames["sanctions"]
t = clock(); measures.key_numbers(releases, milestones, params.basis, params.start_date, params.end_date)
times["measures.key_numbers"] = clock() - t
t = clock()
figure = charts.cumulative_releases_figure(
    releases, milestones, sanctions, start_date=params.start_date, end_date=params.end_date, basis=params.basis,
    min_priority=params.min_priority, sanctions_jurisdictions=params.sanctions_jurisdictions, edition=params.edition)
times["charts.cumulative_releases_figure"] = clock() - t
t = clock(); figure.chart._repr_mimebundle_(); times["show the chart in the notebook (to_dict+validate)"] = clock() - t

# export_bundle itself, with its expensive calls timed from inside
def timed(label, function):
    def wrapper(*args, **kwargs):
        t = clock()
        try:
            return function(*args, **kwargs)
        finally:
            times[label] = times.get(label, 0.0) + clock() - t
    return wrapper

t = clock()
vlc.vegalite_to_svg({"data": {"values": [{"a": 1}]}, "mark": "point", "encoding": {"x": {"field": "a", "type": "quantitative"}}})
times["export: vl-convert engine start (1st conversion)"] = clock() - t
export.vega_lite_spec = timed("export: Vega-Lite spec (to_dict+validate)", export.vega_lite_spec)
export.offline_html = timed("export: offline HTML page (with the Vega bundle)", export.offline_html)
for name in ("vegalite_to_svg", "vegalite_to_pdf", "vegalite_to_png", "svg_to_pdf", "svg_to_png"):
    if hasattr(vlc, name):
        setattr(vlc, name, timed(f"export: vl_convert.{name}", getattr(vlc, name)))
# nested inside the HTML page; not counted twice
vlc.javascript_bundle = timed("export:   of which vl_convert.javascript_bundle() (bundle not cached)",
                              vlc.javascript_bundle)
t = clock(); export.export_bundle(figure, params.output_dir); total = clock() - t
inside = sum(v for k, v in times.items()
             if k.startswith("export: ") and "engine start" not in k and "of which" not in k)
times["export: the rest (JSON, CSV, alt text, font check, writes)"] = total - inside
print(json.dumps(times))
'''


def make_empty_notebook(path: Path) -> Path:
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Belarus releases (project)",
                                       "language": "python"}
    parameters = nbformat.v4.new_code_cell(EMPTY_PARAMETERS)
    parameters.metadata["tags"] = ["parameters"]
    notebook.cells = [parameters, nbformat.v4.new_code_cell("")]
    nbformat.write(notebook, path)
    return path


def cell_durations(executed: Path) -> list[tuple[str, float]]:
    notebook = json.loads(executed.read_text())
    rows = []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        first = next((line for line in source.splitlines() if line.strip() and not line.startswith("#")),
                     source.splitlines()[0] if source else "")
        if "injected-parameters" in cell["metadata"].get("tags", []):
            first = "(injected parameters)"
        rows.append((first.strip()[:58], float(cell["metadata"].get("papermill", {}).get("duration") or 0.0)))
    return rows


def measure_notebook(ctx, table: Table, report: dict) -> None:
    import logging

    import papermill as pm

    logging.getLogger("papermill").setLevel(logging.WARNING)
    copy, tmp, reps = ctx.copy, ctx.tmp, ctx.reps_nb
    empty = make_empty_notebook(tmp / "empty.ipynb")
    notebook = copy / NOTEBOOK

    def papermill_run(source: Path, tag: str) -> tuple[float, Path]:
        out_dir = tmp / "nb-runs" / tag
        out_dir.mkdir(parents=True, exist_ok=True)
        executed = out_dir / "executed.ipynb"
        start = time.perf_counter()
        with quiet_stderr(tmp / "kernels.log"):
            pm.execute_notebook(str(source), str(executed), kernel_name=KERNEL, cwd=str(copy),
                                parameters={"edition": "desktop", "output_dir": str(out_dir)},
                                progress_bar=False, request_save_on_cell_execute=False)
        return time.perf_counter() - start, executed

    def papermill_cli(source: Path, tag: str) -> float:
        out_dir = tmp / "nb-runs" / tag
        out_dir.mkdir(parents=True, exist_ok=True)
        seconds, _ = run([PAPERMILL, "--log-level", "WARNING", "--no-progress-bar", "--no-request-save-on-cell-execute",
                          "-k", KERNEL, "--cwd", copy, source, out_dir / "executed.ipynb",
                          "-p", "edition", "desktop", "-p", "output_dir", out_dir], env=ctx.env, cwd=copy)
        return seconds

    say("1: warm-up (one untimed run of each notebook)")
    papermill_run(empty, "warm-empty")
    papermill_run(notebook, "warm-nb")
    times: dict[str, list[float]] = {"empty": [], "nb": [], "empty-cli": [], "nb-cli": []}
    cells = []
    for i in range(reps):
        order = ["empty", "nb", "empty-cli", "nb-cli"]
        for kind in (order if i % 2 == 0 else order[::-1]):
            source = empty if kind.startswith("empty") else notebook
            if kind.endswith("-cli"):
                times[kind].append(papermill_cli(source, f"{kind}-{i}"))
                continue
            seconds, executed = papermill_run(source, f"{kind}-{i}")
            times[kind].append(seconds)
            if kind == "nb":
                cells.append(cell_durations(executed))
        say(f"1: repetition {i + 1}/{reps}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in times.items()))
    floor, whole = median(times["empty"]), median(times["nb"])
    table.add("1", "papermill API: 01_cumulative_releases vs empty notebook (floor)",
              f"{whole:.2f} s vs {floor:.2f} s", "ratio <= 1.5", verdict(whole / floor, 1.5))
    cli_floor, cli_whole = median(times["empty-cli"]), median(times["nb-cli"])
    table.add("1", "  same with the papermill command (its own import in both)",
              f"{cli_whole:.2f} s vs {cli_floor:.2f} s", "ratio <= 1.5", verdict(cli_whole / cli_floor, 1.5))
    report["1"] = times

    per_cell = [(cells[0][j][0], median([c[j][1] for c in cells])) for j in range(len(cells[0]))]
    report["1_cells"] = per_cell

    say(f"1: breakdown in fresh render-venv processes ({ctx.reps_breakdown}x)")
    script = tmp / "breakdown.py"
    script.write_text(BREAKDOWN)
    stages: dict[str, list[float]] = {}
    for i in range(ctx.reps_breakdown):
        out_dir = tmp / "breakdown-out" / str(i)
        _, done = run([VENV_PY, script, out_dir, notebook], env=ctx.env, cwd=copy)
        for name, seconds in json.loads(done.stdout.strip().splitlines()[-1]).items():
            stages.setdefault(name, []).append(seconds)
    report["1_stages"] = {name: median(values) for name, values in stages.items()}
    report["1_summary"] = {"floor": floor, "notebook": whole}


def print_breakdown(report: dict) -> None:
    if "1_cells" not in report:
        return
    floor, whole = report["1_summary"]["floor"], report["1_summary"]["notebook"]
    print(f"\nBreakdown 1a - where 01_cumulative_releases spends its {whole:.2f} s "
          f"(floor {floor:.2f} s, excess {whole - floor:.2f} s); per-cell time inside the kernel, "
          "from papermill's cell metadata, median:")
    total = sum(seconds for _, seconds in report["1_cells"])
    for source, seconds in report["1_cells"]:
        print(f"  {seconds:6.2f} s  {source}")
    print(f"  {total:6.2f} s  sum of cells (the rest of the excess is papermill/kernel messaging)")
    stages = report["1_stages"]
    print("\nBreakdown 1b - the same work step by step in a fresh render-venv process "
          "(python, not a kernel), median:")
    for name, seconds in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {seconds:6.2f} s  {name}")
    print(f"  {sum(v for k, v in stages.items() if 'of which' not in k):6.2f} s  total")


# ---------------------------------------------------------------- measure 2: full render vs a shell loop

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


# ---------------------------------------------------------------- measure 3: nothing changed

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


# ---------------------------------------------------------------- measure 4: import cost per environment

IMPORT_SNIPPET = ("import time; t = time.perf_counter(); import pandas, altair; "
                  "print(time.perf_counter() - t)")


WHO_REQUIRES = r'''
import re, sys
from importlib import metadata
norm = lambda text: re.sub(r"[-_.]+", "-", text).lower()
head = lambda req: norm(re.split(r"[\s;<>=!\[~(]", req, maxsplit=1)[0])
dists = list(metadata.distributions())
found = []
for dist in dists:
    for req in dist.requires or []:
        if head(req) == norm(sys.argv[1]):
            extra = re.search(r"extra == .([\w.-]+).", req)
            if not extra:
                found.append(dist.metadata["Name"])
                continue
            users = sorted({d.metadata["Name"] for d in dists for r in d.requires or []
                            if head(r) == norm(dist.metadata["Name"]) and extra.group(1) in r.split(";")[0]})
            found.append(f"{dist.metadata['Name']}[{extra.group(1)}] <- {', '.join(users) or '?'}")
print("; ".join(found))
'''


def lab_venv(ctx) -> Path:
    """A render env plus JupyterLab (the set-up the project moved away from), cached."""
    lab_pin = re.search(r"^jupyterlab==(\S+)", (ROOT / "requirements/lab.txt").read_text(), re.M).group(1)
    folder = ctx.cache / "b-lab"
    stamp = folder / ".bench-ok"
    key = file_hash(ROOT / "requirements/render.txt") + "-" + lab_pin
    if stamp.is_file() and stamp.read_text() == key:
        return folder / "bin" / "python"
    say(f"4: building the JupyterLab comparison env in {folder} (once; cached)")
    shutil.rmtree(folder, ignore_errors=True)
    run([UV, "venv", "--quiet", "--python", "python3", folder])
    run([UV, "pip", "install", "--quiet", "--python", folder / "bin/python", "-r", ROOT / "requirements/render.txt",
         f"jupyterlab=={lab_pin}"])
    stamp.write_text(key)
    return folder / "bin" / "python"


def import_times(python: Path, env: dict, reps: int) -> list[float]:
    return [float(run([python, "-c", IMPORT_SNIPPET], env=env)[1].stdout.strip()) for _ in range(reps)]


def parse_importtime(text: str) -> list[tuple[str, int, int, int]]:
    """(module, self us, cumulative us, depth) in the order -X importtime prints them."""
    rows = []
    for line in text.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match:
            rows.append((match.group(4), int(match.group(1)), int(match.group(2)), len(match.group(3)) // 2))
    return rows


def importer_of(rows, index: int) -> str | None:
    depth = rows[index][3]
    for name, _, _, level in rows[index + 1:]:
        if level < depth:
            return name
    return None


def measure_imports(ctx, table: Table, report: dict) -> None:
    lab_python = lab_venv(ctx)
    cached = {**ctx.env_base, "PYTHONPYCACHEPREFIX": str(ctx.cache / "pycache")}
    cached.pop("PYTHONDONTWRITEBYTECODE", None)
    source_only = {**ctx.env_base, "PYTHONDONTWRITEBYTECODE": "1",
                   "PYTHONPYCACHEPREFIX": str(ctx.tmp / "no-pycache")}   # empty: nothing to reuse
    for python in (VENV_PY, lab_python):   # warm the bytecode cache
        run([python, "-c", "import pandas, altair"], env=cached)
    results = {}
    for i in range(ctx.reps_import):   # interleaved
        for label, python, env in (("render", VENV_PY, cached), ("lab", lab_python, cached),
                                   ("render-source", VENV_PY, source_only)):
            results.setdefault(label, []).extend(import_times(python, env, 1))
    render, lab, source = (median(results[k]) for k in ("render", "lab", "render-source"))
    table.add("4", "import pandas, altair: render env (.venv, bytecode cached)", f"{render:.2f} s", "<= 1 s",
              verdict(render, 1.0, unit="s"))
    table.add("4", "  same, render env + JupyterLab (throw-away venv)", f"{lab:.2f} s", "(info)",
              f"{lab / render:.1f}x the render env")
    table.add("4", "  same, render env compiling from source (no .pyc)", f"{source:.2f} s", "(info)",
              f"{source / render:.1f}x the cached figure")

    # who makes altair slow in the JupyterLab env
    _, done = run([lab_python, "-X", "importtime", "-c", "import altair"], env=cached)
    rows = parse_importtime(done.stderr)
    worst = max(range(len(rows)), key=lambda i: rows[i][1])
    name, self_us = rows[worst][0], rows[worst][1]
    chain, index = [name], worst
    while (parent := importer_of(rows, index)) is not None and len(chain) < 4:
        chain.append(parent)
        index = next(i for i in range(index + 1, len(rows)) if rows[i][0] == parent)
    altair_total = next(cum for mod, _, cum, depth in rows if mod == "altair" and depth == 0)
    render_rows = parse_importtime(run([VENV_PY, "-X", "importtime", "-c", "import altair"], env=cached)[1].stderr)
    render_altair = next(cum for mod, _, cum, depth in render_rows if mod == "altair" and depth == 0)
    top = name.split(".")[0]
    shown = run([lab_python, "-c", WHO_REQUIRES, top], env=cached)[1].stdout.strip()
    required_by = f"; {top} is installed by {shown}" if shown else ""
    table.add("4", "  slowest module under `import altair` in the JupyterLab env",
              f"{name} {self_us / 1e6:.2f} s", "(info)",
              f"via {' <- '.join(chain[1:])}{required_by}; import altair {altair_total / 1e6:.2f} s "
              f"vs {render_altair / 1e6:.2f} s in the render env")
    report["4"] = {**results, "slowest": [name, self_us, chain], "altair_lab_us": altair_total,
                   "altair_render_us": render_altair}


# ---------------------------------------------------------------- measure 5: scale

def synthetic_csv(ctx, rows: int, releases) -> "Path":
    import numpy as np
    import pandas as pd

    key = file_hash(ctx.copy / "data" / "releases.csv")
    path = ctx.cache / "synthetic" / f"people-{rows}-{key}.csv"
    if path.is_file():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(rows)
    weights = releases["released_count"].fillna(1).astype(float).to_numpy()
    which = rng.choice(len(releases), size=rows, p=weights / weights.sum())
    destination = releases["destination"].astype("object").fillna("other").to_numpy()
    frame = pd.DataFrame({
        "person_id": [f"S{i:07d}" for i in range(1, rows + 1)],
        "release_date": releases["date"].dt.strftime("%Y-%m-%d").to_numpy()[which],
        "released_with": releases["release_id"].astype("object").to_numpy()[which],
        "destination": destination[which],
    })
    frame.to_csv(path.with_suffix(".tmp"), index=False)
    path.with_suffix(".tmp").rename(path)
    return path


PEOPLE_RESOURCE = {
    "name": "bench_people", "path": "bench_people.csv",
    "schema": {"fields": [{"name": "person_id", "type": "string", "constraints": {"required": True}},
                          {"name": "release_date", "type": "date", "constraints": {"required": True}},
                          {"name": "released_with", "type": "string"},
                          {"name": "destination", "type": "string"}],
               "primaryKey": "person_id",
               "foreignKeys": [{"fields": "released_with",
                                "reference": {"resource": "releases", "fields": "release_id"}}]},
}


def validate_people(ctx, csv: Path) -> float:
    """helpers.data.validate() with the people file declared in (a copy of) the data package:
    what every data.load_all() call would pay if person-level data joined data/."""
    from helpers import data

    folder = ctx.tmp / "scale-data"
    if not folder.is_dir():
        shutil.copytree(ctx.copy / "data", folder)
        package = json.loads((folder / "datapackage.json").read_text())
        package["resources"].append(PEOPLE_RESOURCE)
        (folder / "datapackage.json").write_text(json.dumps(package))
    target = folder / PEOPLE_RESOURCE["path"]
    target.unlink(missing_ok=True)
    target.symlink_to(csv)
    start = time.perf_counter()
    problems = data.validate(folder)
    seconds = time.perf_counter() - start
    if problems:
        raise RuntimeError(f"5: the synthetic people file has problems: {problems[:3]}")
    return seconds


def measure_scale(ctx, table: Table, report: dict) -> None:
    import pandas as pd

    from helpers import charts, data, export

    frames = data.load_all(ctx.copy / "data", ["releases", "milestones", "sanctions"])
    releases, milestones, sanctions = frames["releases"], frames["milestones"], frames["sanctions"]
    results = {}
    charts.cumulative_releases_figure(releases, milestones, sanctions, start_date="2024-07-01",
                                      end_date="2026-03-31", edition="desktop")   # warm-up
    for rows in SIZES:
        path = synthetic_csv(ctx, rows, releases)
        timing = {"load": [], "aggregate": [], "chart": []}
        for _ in range(ctx.reps_scale):
            t = time.perf_counter()
            people = pd.read_csv(path, dtype={"person_id": "str", "released_with": "category",
                                              "destination": "category"},
                                 parse_dates=["release_date"], date_format="%Y-%m-%d")
            timing["load"].append(time.perf_counter() - t)

            t = time.perf_counter()
            per_date = people.groupby("release_date").size().sort_index()
            by_date = pd.DataFrame({"freed": per_date, "cumulative": per_date.cumsum()})
            per_release = people.groupby("released_with", observed=True).size()
            timing["aggregate"].append(time.perf_counter() - t)

            t = time.perf_counter()
            # the aggregate in the shape of data/releases.csv: one row per release, counts from the people
            counted = releases.copy()
            freed = counted["release_id"].astype("object").map(per_release).fillna(0).astype("int64")
            counted["released_count"] = pd.array(freed, dtype="Int64")
            counted["political_prisoners_count"] = pd.array(freed, dtype="Int64")
            counted["counts_toward_total"] = pd.array([True] * len(counted), dtype="boolean")
            figure = charts.cumulative_releases_figure(counted, milestones, sanctions, start_date="2024-07-01",
                                                       end_date="2026-03-31", edition="desktop")
            spec = json.dumps(export.vega_lite_spec(figure), sort_keys=True)
            timing["chart"].append(time.perf_counter() - t)
        assert int(by_date["cumulative"].iloc[-1]) == rows
        timing["validate"] = [validate_people(ctx, path)]
        results[rows] = {stage: median(v) for stage, v in timing.items()}
        results[rows]["spec_bytes"] = len(spec.encode())
        results[rows]["csv_mb"] = path.stat().st_size / 1e6
        results[rows]["aggregate_rows"] = len(by_date)
        say(f"5: {rows:,} rows: " + ", ".join(f"{k} {v:.3f} s" for k, v in results[rows].items()
                                               if k in timing))
    small, mid, big = SIZES
    for stage, label in (("load", "read_csv with dtypes"), ("aggregate", "group by date, count, cumsum"),
                         ("chart", "chart spec from the aggregate"),
                         ("validate", "helpers.data.validate, people file in the package")):
        g1 = results[mid][stage] / results[small][stage]
        g2 = results[big][stage] / results[mid][stage]
        if stage == "chart":
            target, ok = "constant (~1x)", g2 <= 2
        elif stage == "validate":
            target, ok = "(info)", g2 <= 13
        else:
            target, ok = "linear (<= ~10x per 10x)", g2 <= 13
        outcome = 'met' if ok else 'NOT met'
        if stage == "validate":
            outcome = f"{'linear' if ok else 'worse than linear'}, {results[big][stage] / results[big]['load']:.0f}x read_csv"
        table.add("5", f"scale: {label}, 1M rows", f"{results[big][stage]:.3f} s",
                  target, f"x{g1:.1f} (100k/10k), x{g2:.1f} (1M/100k) - {outcome}")
    sizes = [results[n]["spec_bytes"] for n in SIZES]
    constant = (max(sizes) - min(sizes)) / min(sizes) <= 0.01
    table.add("5", "scale: chart spec size at 10k / 100k / 1M rows", " / ".join(f"{s:,} B" for s in sizes),
              "constant (+-1%)", f"spread {max(sizes) - min(sizes)} B - {'met' if constant else 'NOT met'}")
    report["5"] = results


def print_scale(report: dict) -> None:
    if "5" not in report:
        return
    print("\nBreakdown 5 - scale, seconds per stage (median):")
    print(f"  {'rows':>9} {'CSV MB':>7} {'load':>8} {'aggregate':>10} {'chart':>8} {'rows out':>9} {'spec B':>8}"
          f" {'validate':>9}")
    for rows, r in report["5"].items():
        print(f"  {rows:>9,} {r['csv_mb']:7.1f} {r['load']:8.3f} {r['aggregate']:10.3f} {r['chart']:8.3f} "
              f"{r['aggregate_rows']:9,} {r['spec_bytes']:8,} {r['validate']:9.3f}")
    print("  load = pandas.read_csv with dtypes; validate = helpers.data.validate() (a column at a time, one run) "
          "with the file declared in a copy of data/datapackage.json - the render runner's validated_rows() stores "
          "the result per data version and every kernel's data.load_all() reuses it (measure 7)")


# ---------------------------------------------------------------- measure 6: fresh set-up

def setup_with_uv(ctx, folder: Path, env: dict, compile_bytecode: bool = False) -> float:
    start = time.perf_counter()
    run([UV, "venv", "--quiet", "--python", "python3", folder], env=env)
    python = folder / "bin" / "python"
    sync = [UV, "pip", "sync", "--quiet", "--python", python, ctx.copy / "requirements/render.txt"]
    run(sync + (["--compile-bytecode"] if compile_bytecode else []), env=env)
    run([UV, "pip", "install", "--quiet", "--python", python, "--no-deps", "-e", ctx.copy], env=env)
    run([python, "-m", "ipykernel", "install", "--sys-prefix", "--name", KERNEL], env=env)
    return time.perf_counter() - start


def setup_with_pip(ctx, folder: Path, env: dict, wheelhouse: Path) -> float:
    """pip from a local wheelhouse: pip's own HTTP cache stays empty on machines whose package
    mirror sends no cache headers (this one), so a warm pip is pip with every wheel on disk."""
    start = time.perf_counter()
    run(["python3", "-m", "venv", folder], env=env)
    pip = [folder / "bin" / "python", "-m", "pip", "--disable-pip-version-check", "--quiet", "install",
           "--no-index", "--find-links", wheelhouse]
    run(pip + ["-r", ctx.copy / "requirements/render.txt"], env=env)
    run(pip + ["--no-deps", "-e", ctx.copy], env=env)
    run([folder / "bin" / "python", "-m", "ipykernel", "install", "--sys-prefix", "--name", KERNEL], env=env)
    return time.perf_counter() - start


def pip_wheelhouse(ctx, env: dict) -> tuple[Path, float | None]:
    """Every wheel render.txt needs (and setuptools for the editable build), downloaded once."""
    folder = ctx.cache / "pip-wheelhouse"
    stamp = folder / ".bench-ok"
    key = file_hash(ROOT / "requirements/render.txt")
    if stamp.is_file() and stamp.read_text() == key:
        return folder, None
    say("6: downloading the wheels for pip once (first run only; cached)")
    shutil.rmtree(folder, ignore_errors=True)
    seconds, _ = run(["python3", "-m", "pip", "--disable-pip-version-check", "--quiet", "download", "-d", folder,
                      "-r", ROOT / "requirements/render.txt", "setuptools>=69", "wheel"], env=env)
    stamp.write_text(key)
    return folder, seconds


def makefile_compiles_bytecode() -> bool:
    """Does the Makefile's render-env recipe ask uv for .pyc files (uv writes none by default)?"""
    text = (ROOT / "Makefile").read_text()
    recipe = text[text.find("$(VENV)/.render-ok:"):]
    recipe = recipe[:recipe.find("\n\n")]
    return "--compile-bytecode" in recipe


def measure_setup(ctx, table: Table, report: dict) -> None:
    base = {k: v for k, v in ctx.env_base.items() if k not in ("PYTHONDONTWRITEBYTECODE",)}
    base["PYTHONPYCACHEPREFIX"] = str(ctx.tmp / "setup-pycache")   # a fresh venv starts with no bytecode
    as_makefile = makefile_compiles_bytecode()
    results: dict[str, list[float]] = {}
    downloaded = None
    if "pip" in ctx.setup_kinds:
        wheelhouse, downloaded = pip_wheelhouse(ctx, base)
    for i in range(ctx.reps_setup):
        for kind in ctx.setup_kinds:
            if i and kind in ("pip", "uv-cold"):   # the slow ones once; uv's variants again
                continue
            folder = ctx.tmp / f"venv-{kind}-{i}"
            if kind == "uv":
                seconds = setup_with_uv(ctx, folder, base, compile_bytecode=as_makefile)
            elif kind == "uv-other":
                seconds = setup_with_uv(ctx, folder, base, compile_bytecode=not as_makefile)
            elif kind == "pip":
                seconds = setup_with_pip(ctx, folder, base, wheelhouse)
            elif kind == "uv-cold":
                cold = ctx.tmp / "uv-cold-cache"
                seconds = setup_with_uv(ctx, folder, {**base, "UV_CACHE_DIR": str(cold)}, compile_bytecode=as_makefile)
                shutil.rmtree(cold, ignore_errors=True)
            results.setdefault(kind, []).append(seconds)
            shutil.rmtree(folder, ignore_errors=True)
            say(f"6: {kind}: {seconds:.1f} s")
    uv = median(results["uv"])
    flag = "pip sync --compile-bytecode" if as_makefile else "pip sync"
    table.add("6", f"fresh render env, uv as in the Makefile: venv + {flag} + -e . + kernel (warm uv cache)",
              f"{uv:.1f} s", "(info)", "writes .pyc like pip" if as_makefile else "writes no .pyc (uv default)")
    if "uv-other" in results:
        other = median(results["uv-other"])
        label = "without --compile-bytecode (uv's default: no .pyc)" if as_makefile else "with --compile-bytecode"
        table.add("6", f"  same {label}", f"{other:.1f} s", "(info)", f"{other / uv:.2f}x the Makefile recipe")
    if "pip" in results:
        pp = median(results["pip"])
        no_pyc = median(results["uv-other"]) if (as_makefile and "uv-other" in results) else (None if as_makefile else uv)
        table.add("6", "  python3 -m venv + pip install -r + -e . + kernel (all wheels on disk; pip writes .pyc)",
                  f"{pp:.1f} s", "claim: uv several x faster",
                  f"pip/uv {pp / uv:.1f}x for the same work" + (f"; {pp / no_pyc:.1f}x uv without .pyc" if no_pyc else ""))
    if downloaded is not None:
        table.add("6", "  pip download of those wheels (first run only)", f"{downloaded:.1f} s", "(info)", "network")
    if "uv-cold" in results:
        table.add("6", "  uv, Makefile recipe, cold cache (empty UV_CACHE_DIR, downloads from PyPI)",
                  f"{results['uv-cold'][0]:.1f} s", "(info)", f"{results['uv-cold'][0] / uv:.1f}x warm uv")
    report["6"] = {**results, "pip_download_first_run": downloaded, "makefile_compiles_bytecode": as_makefile}


# ---------------------------------------------------------------- main

# ---------------------------------------------------------------- measure 7: validation (bench/validation.py)

def measure_validation(ctx, table: Table, report: dict) -> None:
    import validation   # bench/validation.py, beside this file

    result = validation.measure(1_000_000, ctx.reps_render, say=lambda m: say("7:" + m))
    table.add("7", "helpers.data.validate vs pandas.read_csv, 1M-row releases-like file (CPU s; wall in breakdown)",
              f"{result['validate']['cpu']:.2f} s vs {result['read']['cpu']:.2f} s", "ratio <= 2",
              f"{result['ratio_cpu']:.2f}x CPU, {result['ratio_wall']:.2f}x wall - {validation.verdict(result)}")
    table.add("7", "  data.validated_rows cache hit, new process: real data/ (1M-row folder)",
              f"{result['real_hit_s']:.3f} s ({result['hit_s']:.2f} s)", "(info)",
              f"pandas imported: {result['real_hit_pandas']} ({result['hit_pandas']})")
    report["7"] = result


def print_validation(report: dict) -> None:
    if "7" in report:
        import validation

        print("\nBreakdown 7 - " + validation.report(report["7"]))


class Context:
    pass


def parse_args(argv):
    p = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true",
                   help="fewer repetitions; skips the pip and cold-cache set-ups (about 2 minutes)")
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
        run([VENV_PY, "-c", "import pandas, altair, papermill, ipykernel, nbclient, vl_convert, "
                            "helpers.charts, helpers.export, helpers.render, helpers.data"], env=env)
    table, report = Table(), {}
    steps = {1: measure_notebook, 2: measure_full_render, 3: measure_skip, 4: measure_imports,
             5: measure_scale, 6: measure_setup, 7: measure_validation}
    try:
        for number in measures:
            say(f"measure {number} ...")
            steps[number](ctx, table, report)
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
    print_breakdown(report)
    print_render_breakdown(report)
    print_scale(report)
    print_validation(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
