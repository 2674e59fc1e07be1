"""Measure 4: `import pandas, altair` in the render env (.venv) vs an env that also has JupyterLab
(a throw-away venv, cached), and the render env compiling from source (no .pyc); then the slowest
module under `import altair` in the JupyterLab env, and which package installs it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tools import ROOT, UV, VENV_PY, Table, file_hash, median, run, say, verdict

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
