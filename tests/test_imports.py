"""No import circles among the helpers modules.

The graph is read from the source with Python's parser (nothing is imported): an edge a -> b
for every `import b`, `from b import name` or `from package import b` in module a, at its top
or inside a function (a lazy import still ties the two modules together). `from package import
name` where `name` is not a submodule is an edge to the package's __init__; the parent packages
Python runs first when it imports a submodule are not edges, so an __init__ that imports its
own submodules is fine as long as none of them imports the __init__ back.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def modules(src: Path = SRC) -> dict[str, Path]:
    """helpers.a.b -> its file, for every module and package of src/helpers."""
    found = {}
    for path in sorted((src / "helpers").rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> dict[str, int]:
    """The helpers modules `name` imports, each with the line of its first import."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        for target in targets:
            if target in known and target != name:
                found.setdefault(target, node.lineno)
    return found


def graph(src: Path = SRC) -> dict[str, dict[str, int]]:
    known = modules(src)
    return {name: imports(name, path, known) for name, path in known.items()}


def cycles(edges: dict[str, dict[str, int]]) -> list[list[str]]:
    """Every group of modules that import one another, round and round (Tarjan's strongly connected
    components), each written as one circle through all of them: a imports b imports ... imports a."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in edges[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while not group or group[-1] != node:
                group.append(stack.pop())
            if len(group) > 1:
                groups.append(set(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return [circle(edges, group) for group in groups]


def circle(edges: dict[str, dict[str, int]], group: set[str]) -> list[str]:
    """A shortest path from the group's first module back to itself, inside the group."""
    start = min(group)
    paths = {start: [start]}
    pending = [start]
    while pending:
        node = pending.pop(0)
        for other in sorted(edges[node]):
            if other == start:
                return paths[node] + [start]
            if other in group and other not in paths:
                paths[other] = paths[node] + [other]
                pending.append(other)
    raise AssertionError(f"no circle in {sorted(group)}")


def describe(edges: dict[str, dict[str, int]], path: list[str]) -> str:
    return " -> ".join(f"{a} (line {edges[a][b]})" for a, b in zip(path, path[1:])) + f" -> {path[-1]}"


def test_no_import_circles_in_helpers():
    edges = graph()
    found = [describe(edges, path) for path in cycles(edges)]
    assert not found, "import circles (break each: move what both need into a small module of its own):\n" + \
        "\n".join(found)


def test_a_circle_is_found_and_named(tmp_path):
    """The finder itself: a package whose __init__ imports a submodule that imports it back."""
    package = tmp_path / "helpers" / "pkg"
    package.mkdir(parents=True)
    (tmp_path / "helpers" / "__init__.py").write_text("", encoding="utf-8")
    (package / "__init__.py").write_text("X = 1\n\ndef main():\n    from helpers.pkg.cli import run\n", encoding="utf-8")
    (package / "cli.py").write_text("from helpers.pkg import X\n\ndef run():\n    return X\n", encoding="utf-8")
    (package / "leaf.py").write_text("from helpers.pkg import cli\n", encoding="utf-8")
    edges = graph(tmp_path)
    assert edges["helpers.pkg.leaf"] == {"helpers.pkg.cli": 1}          # a submodule, not the __init__
    assert [describe(edges, path) for path in cycles(edges)] == [
        "helpers.pkg (line 4) -> helpers.pkg.cli (line 1) -> helpers.pkg"]
    (package / "cli.py").write_text("def run():\n    return 1\n", encoding="utf-8")
    assert cycles(graph(tmp_path)) == []
