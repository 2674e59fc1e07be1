"""The notebooks as committed: paired, clean, declared, rendered.

Each check is a function taking a folder and returning its problems as sentences naming
the notebook, so the same checks run on notebooks/ and on a deliberately bad folder (to
prove they can fail). `make hooks` installs the git hooks that fix most of these at commit
time (jupytext --sync, nbstripout).
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import jupytext
import nbformat
import papermill
import pytest
import yaml

from helpers.parameters_cell import assigned_names

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
PLAN = ROOT / "renders.yml"
KERNEL = "belarus-releases"
ANNOTATIONS = {"str", "int", "float", "bool", "list[str]"}


def notebooks(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.ipynb"))


def _shown(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _cells(notebook) -> list[tuple[str, str, list[str]]]:
    return [(cell.cell_type, cell.source, list(cell.metadata.get("tags", []))) for cell in notebook.cells]


def pairing_problems(folder: Path) -> list[str]:
    """Every .ipynb has its .py twin (and the reverse), holding the same cells."""
    problems = []
    for script in sorted(folder.glob("*.py")):
        if not script.with_suffix(".ipynb").exists():
            problems.append(f"{_shown(script)} has no paired {script.stem}.ipynb")
    for path in notebooks(folder):
        script = path.with_suffix(".py")
        if not script.exists():
            problems.append(f"{_shown(path)} has no paired {script.name} "
                            f"(run: .venv/bin/jupytext --sync {_shown(path)})")
            continue
        ours, theirs = _cells(jupytext.read(path)), _cells(jupytext.read(script))
        if ours == theirs:
            continue
        differ = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
        problems.append(f"{_shown(path)} and {script.name} are out of step ({len(ours)} and {len(theirs)} cells; "
                        f"first difference at cell {differ + 1}). Open the one you edited last in JupyterLab "
                        f"and save it, or run: .venv/bin/jupytext --sync {_shown(path)}")
    return problems


def output_problems(folder: Path) -> list[str]:
    """No outputs and no execution counts in a committed notebook."""
    problems = []
    for path in notebooks(folder):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        code = [(i, c) for i, c in enumerate(notebook["cells"], 1) if c["cell_type"] == "code"]
        with_outputs = [i for i, c in code if c.get("outputs")]
        with_counts = [i for i, c in code if c.get("execution_count") is not None]
        for cells, what in ((with_outputs, "outputs"), (with_counts, "execution counts")):
            if cells:
                problems.append(f"{_shown(path)} has {what} in cell(s) {', '.join(map(str, cells))} "
                                f"(run: .venv/bin/nbstripout --keep-id {_shown(path)}; `make hooks` does it at commit)")
    return problems


def parameter_problems(folder: Path) -> list[str]:
    """One `parameters` cell of `name: type = default  # help` lines that papermill reads in full."""
    problems = []
    for path in notebooks(folder):
        shown = _shown(path)
        notebook = nbformat.read(path, as_version=4)
        tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
        if len(tagged) != 1:
            problems.append(f"{shown} has {len(tagged)} cells tagged parameters (expected exactly 1)")
            continue
        source = tagged[0].source
        try:
            body = ast.parse(source).body
        except SyntaxError as err:
            problems.append(f"{shown}: the parameters cell is not valid Python (line {err.lineno}: {err.msg})")
            continue
        annotations = {}
        for node in body:
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                annotations[node.target.id] = ast.unparse(node.annotation)
            elif isinstance(node, ast.Assign):
                names = ", ".join(ast.unparse(t) for t in node.targets)
                problems.append(f"{shown}: parameter {names} on line {node.lineno} has no type annotation "
                                f"(expected `name: type = default  # help`)")
            else:
                problems.append(f"{shown}: line {node.lineno} of the parameters cell is not a parameter "
                                f"(expected only `name: type = default  # help` lines)")
        for name, annotation in annotations.items():
            if annotation not in ANNOTATIONS:
                problems.append(f"{shown}: parameter {name} is annotated {annotation!r} "
                                f"(expected one of: {', '.join(sorted(ANNOTATIONS))})")
        declared = papermill.inspect_notebook(str(path))
        assigned = assigned_names(source)
        if list(declared) != assigned:
            unread = [n for n in assigned if n not in declared] or "their order"
            problems.append(f"{shown}: papermill reads parameters {list(declared)} but the cell assigns {assigned} "
                            f"(papermill cannot parse the line of: {unread}; e.g. an '=' inside the value "
                            f"or two statements on one line)")
        for name, info in declared.items():
            if not info["help"]:
                problems.append(f"{shown}: parameter {name} has no comment (expected `# what it does` "
                                "after the value; papermill --help-notebook shows it)")
            typed = info["inferred_type_name"].replace(" ", "")
            if name in annotations and typed != annotations[name].replace(" ", ""):
                problems.append(f"{shown}: papermill reads parameter {name} as {typed!r}, "
                                f"not as its annotation {annotations[name]!r}")
    return problems


def kernel_problems(folder: Path) -> list[str]:
    problems = []
    for path in notebooks(folder):
        kernel = nbformat.read(path, as_version=4).metadata.get("kernelspec", {}).get("name")
        if kernel != KERNEL:
            problems.append(f"{_shown(path)} uses kernel {kernel!r} (expected {KERNEL!r}; "
                            "choose 'Belarus releases (project)' in JupyterLab's kernel menu)")
    return problems


def plan_problems(folder: Path, plan: Path) -> list[str]:
    """Every notebook is rendered by at least one edition of the render plan."""
    editions = (yaml.safe_load(plan.read_text(encoding="utf-8")) or {}).get("editions") or {}
    used = {Path(str(edition.get("notebook", ""))).name for edition in editions.values()}
    return [f"{_shown(path)} is not used by any edition in {plan.name} (add one, or delete the notebook)"
            for path in notebooks(folder) if path.name not in used]


def all_problems(folder: Path, plan: Path) -> list[str]:
    return (pairing_problems(folder) + output_problems(folder) + parameter_problems(folder)
            + kernel_problems(folder) + plan_problems(folder, plan))


# ------------------------------------------------------------------ the real notebooks

def test_there_are_notebooks_to_check():
    assert notebooks(NOTEBOOKS)


@pytest.mark.parametrize("check", [pairing_problems, output_problems, parameter_problems, kernel_problems])
def test_the_committed_notebooks(check):
    problems = check(NOTEBOOKS)
    assert not problems, "\n".join(problems)


def test_every_notebook_is_rendered_by_an_edition():
    problems = plan_problems(NOTEBOOKS, PLAN)
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------ the checks can fail

PARAMETERS = 'layout: str = "desktop"  # desktop or mobile\n'


def write_pair(folder: Path, name: str, parameters: str = PARAMETERS, kernel: str = KERNEL) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": kernel, "display_name": "Belarus releases (project)",
                                       "language": "python"}
    notebook.cells = [nbformat.v4.new_markdown_cell("# A chart"),
                      nbformat.v4.new_code_cell(parameters.strip(), metadata={"tags": ["parameters"]}),
                      nbformat.v4.new_code_cell("print(layout)")]
    path = folder / f"{name}.ipynb"
    nbformat.write(notebook, path)
    jupytext.write(notebook, path.with_suffix(".py"), fmt="py:percent")
    return path


def test_the_checks_report_outputs_and_a_stale_pair(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    path = write_pair(folder, "05_bad")
    assert all_problems(folder, PLAN) == ["notebooks/05_bad.ipynb is not used by any edition in renders.yml "
                                          "(add one, or delete the notebook)"]
    # run it (an output and an execution count), then edit only the .py
    notebook = nbformat.read(path, as_version=4)
    notebook.cells[2].outputs = [nbformat.v4.new_output("stream", name="stdout", text="desktop\n")]
    notebook.cells[2].execution_count = 1
    nbformat.write(notebook, path)
    script = path.with_suffix(".py")
    script.write_text(script.read_text(encoding="utf-8").replace("print(layout)", "print(layout.upper())"),
                      encoding="utf-8")

    stale, dirty = pairing_problems(folder), output_problems(folder)

    assert len(stale) == 1 and stale[0].startswith("notebooks/05_bad.ipynb and 05_bad.py are out of step")
    assert "first difference at cell 3" in stale[0]
    assert [p.split(" (")[0] for p in dirty] == ["notebooks/05_bad.ipynb has outputs in cell(s) 3",
                                                 "notebooks/05_bad.ipynb has execution counts in cell(s) 3"]


def test_the_checks_report_bad_parameters_a_missing_pair_and_the_wrong_kernel(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    write_pair(folder, "06_params", parameters=(
        'edition: str = "desktop"\n'                      # no comment
        'min_priority = 2  # untyped\n'                   # no annotation
        'when: dict = {}  # not a simple type\n'          # annotation not allowed
        'query: str = "a=b"  # an equals sign inside\n'   # papermill drops this line
    ), kernel="python3")
    write_pair(folder, "07_lonely").with_suffix(".py").unlink()

    problems = "\n".join(all_problems(folder, PLAN))

    assert "notebooks/06_params.ipynb: parameter edition has no comment" in problems
    assert "parameter min_priority on line 2 has no type annotation" in problems
    assert "parameter when is annotated 'dict'" in problems
    assert "papermill cannot parse the line of: ['query']" in problems
    assert "notebooks/06_params.ipynb uses kernel 'python3'" in problems
    assert "notebooks/07_lonely.ipynb has no paired 07_lonely.py" in problems
