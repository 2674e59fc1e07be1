"""A notebook's parameters cell, read with Python's parser: the one declaration of its parameters.

Each line of the cell is `name: type = default  # help`. papermill reads the same lines
(`papermill --help-notebook`, its inspect_notebook); this module reads them without importing
papermill, which costs the render runner a fifth of a second, and a test compares the two views.
helpers.params checks values against what this module reads.
"""

from __future__ import annotations

import ast
import functools
import json
from pathlib import Path
from types import MappingProxyType

from helpers import paths
from helpers.errors import ParameterError


def notebook_path(notebook: str) -> Path:
    name = notebook if notebook.endswith(".ipynb") else notebook + ".ipynb"
    path = Path(name)
    return path if path.is_absolute() else paths.notebooks_dir() / path.name


@functools.lru_cache(maxsize=32)
def _inspect(path: Path, mtime: float) -> MappingProxyType:
    """Read the parameters cell with Python's parser: what papermill's inspect_notebook gives
    for our simple `name: type = default  # help` lines (a test compares the two), without
    importing papermill, which costs the render runner a fifth of a second."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    source = next(("".join(c["source"]) for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])), "")
    lines = source.splitlines()
    declared = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            comment = lines[node.lineno - 1].partition("#")[2].strip()
            declared[node.target.id] = {"name": node.target.id, "inferred_type_name": ast.unparse(node.annotation),
                                        "default": ast.get_source_segment(source, node.value), "help": comment}
    return MappingProxyType(declared)


def declared_parameters(notebook: str | Path) -> MappingProxyType:
    """name -> {inferred_type_name, default, help}, as papermill --help-notebook shows them."""
    path = notebook_path(str(notebook)) if not isinstance(notebook, Path) else notebook
    if not path.is_file():
        raise ParameterError(f"notebook {path.name} does not exist (expected it in notebooks/)")
    return _inspect(path.resolve(), path.stat().st_mtime)


def assigned_names(parameters_source: str) -> list[str]:
    """Names a cell assigns (the parameters cell, or the one papermill injects), read with Python's parser."""
    names = []
    for node in ast.parse(parameters_source).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.append(node.target.id)
        elif isinstance(node, ast.Assign):
            names.extend(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def injected_names(namespace: dict) -> list[str]:
    """Names papermill injected (its cell starts "# Parameters"), read from IPython's history.

    Only these can be misspelt parameters; a notebook's own variables never are, so the
    check cell can be re-run in JupyterLab after "Run All".
    """
    names = []
    for source in namespace.get("In") or []:
        if isinstance(source, str) and source.lstrip().startswith("# Parameters"):
            names.extend(assigned_names(source))
    return names
