"""Measure 1: notebooks/01_cumulative_releases.ipynb run by papermill vs the same papermill call on
an empty notebook (the floor), through papermill's API and its command; then where the notebook's
time goes: per cell inside the kernel (papermill's cell metadata), and step by step in a fresh
process (bench/notebook_steps.py)."""

from __future__ import annotations

import json
import time
from pathlib import Path

from tools import KERNEL, NOTEBOOK, PAPERMILL, ROOT, VENV_PY, Table, median, quiet_stderr, run, say, verdict

EMPTY_PARAMETERS = 'layout: str = "desktop"\noutput_dir: str = "out"'
STEPS_SCRIPT = ROOT / "bench" / "notebook_steps.py"


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
                                parameters={"layout": "desktop", "output_dir": str(out_dir)},
                                progress_bar=False, request_save_on_cell_execute=False)
        return time.perf_counter() - start, executed

    def papermill_cli(source: Path, tag: str) -> float:
        out_dir = tmp / "nb-runs" / tag
        out_dir.mkdir(parents=True, exist_ok=True)
        seconds, _ = run([PAPERMILL, "--log-level", "WARNING", "--no-progress-bar", "--no-request-save-on-cell-execute",
                          "-k", KERNEL, "--cwd", copy, source, out_dir / "executed.ipynb",
                          "-p", "layout", "desktop", "-p", "output_dir", out_dir], env=ctx.env, cwd=copy)
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
    stages: dict[str, list[float]] = {}
    for i in range(ctx.reps_breakdown):
        out_dir = tmp / "breakdown-out" / str(i)
        _, done = run([VENV_PY, STEPS_SCRIPT, out_dir, notebook], env=ctx.env, cwd=copy)
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
