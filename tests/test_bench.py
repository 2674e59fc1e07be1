"""The benchmark's code stays readable and runnable (it is not run here: `make bench` takes
minutes): every module under bench/ is small, none imports another in a circle, every name of
src/helpers/ it uses is there, every module imports, and `bench/run.py --help` works."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
SRC = ROOT / "src"
MEASURE_MODULES = {"tools", "notebook_vs_floor", "notebook_steps", "rendering", "import_cost", "scale",
                   "fresh_setup"}


def bench_modules() -> dict[str, Path]:
    return {path.stem: path for path in sorted(BENCH.glob("*.py"))}


def local_imports(path: Path, local: set[str]) -> set[str]:
    """The bench/ modules `path` imports, at its top level or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in local)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module in local:
            found.add(node.module)
    return found


def module_file(dotted: str) -> Path | None:
    base = SRC.joinpath(*dotted.split("."))
    return next((path for path in (base.with_suffix(".py"), base / "__init__.py") if path.is_file()), None)


def top_level_names(path: Path) -> set[str]:
    """Names a module binds at its top level (definitions, assignments, imports, also under if/try)."""
    names, body = set(), list(ast.parse(path.read_text(encoding="utf-8")).body)
    while body:
        node = body.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(n.id for target in targets for n in ast.walk(target) if isinstance(n, ast.Name))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, (ast.If, ast.Try)):
            body.extend([*node.body, *node.orelse, *getattr(node, "finalbody", []),
                         *(n for handler in getattr(node, "handlers", []) for n in handler.body)])
    return names


def missing_helpers_name(dotted: str) -> str | None:
    """None when `dotted` (helpers.data.validate, helpers.figures) is a module of src/helpers/, or a
    name bound at the top level of one; else the part that is not there."""
    parts = dotted.split(".")
    module = parts[0]
    for part in parts[1:]:
        if module_file(f"{module}.{part}"):
            module = f"{module}.{part}"
            continue
        return None if part in top_level_names(module_file(module)) else f"{module}.{part}"
    return None


def test_the_measures_are_split_into_modules_of_at_most_300_lines():
    modules = bench_modules()
    assert MEASURE_MODULES | {"run", "runner", "validation"} <= set(modules)
    too_long = {name: n for name, path in modules.items()
                if (n := len(path.read_text(encoding="utf-8").splitlines())) > 300}
    assert too_long == {}


def test_no_bench_module_imports_another_in_a_circle():
    modules = bench_modules()
    graph = {name: local_imports(path, set(modules)) for name, path in modules.items()}
    assert graph["run"] >= {"tools", "notebook_vs_floor", "rendering", "import_cost", "scale", "fresh_setup"}

    def circle_from(name: str, trail: tuple[str, ...]) -> tuple[str, ...] | None:
        if name in trail:
            return (*trail, name)
        return next((c for imported in sorted(graph[name]) if (c := circle_from(imported, (*trail, name)))), None)

    assert [circle_from(name, ()) for name in graph] == [None] * len(graph)


def test_every_helpers_name_the_benchmark_uses_exists():
    """Imports (also those inside functions) and names in strings: the scripts and commands the
    benchmark starts (`-c "import helpers..."`, `-m helpers.render`) are strings."""
    used = set()
    for path in bench_modules().values():
        text = path.read_text(encoding="utf-8")
        used.update((path.name, name) for name in re.findall(r"\bhelpers(?:\.[A-Za-z_]\w*)+", text))
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("helpers"):
                used.update((path.name, f"{node.module}.{alias.name}") for alias in node.names)
    assert len(used) > 10
    missing = {(where, name, missing_helpers_name(name)) for where, name in used if missing_helpers_name(name)}
    assert missing == set()


def test_every_bench_module_imports_and_run_py_help_works():
    names = ", ".join(sorted(bench_modules()))
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}   # no __pycache__ in the checkout's bench/
    imported = subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(BENCH)!r}); import {names}"],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert imported.returncode == 0, imported.stderr
    helped = subprocess.run([sys.executable, "bench/run.py", "--help"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60)
    assert helped.returncode == 0, helped.stderr
    assert "usage: bench/run.py" in helped.stdout
    for option in ("--quick", "--only N,N", "--bytecode", "--cache", "--json", "--keep"):
        assert option in helped.stdout
