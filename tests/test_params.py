"""Parameters: one declaration (the notebook's parameters cell), checked before use."""

from __future__ import annotations

import json

import pytest

from helpers import parameters_cell, params, paths
from helpers.errors import ParameterError

NOTEBOOK = "01_cumulative_releases"


def test_declared_parameters_come_from_the_parameters_cell():
    declared = parameters_cell.declared_parameters(NOTEBOOK)
    assert list(declared) == ["start_date", "end_date", "basis", "min_priority", "sanctions_jurisdictions",
                              "layout", "language", "output_dir"]
    assert declared["min_priority"]["inferred_type_name"] == "int"
    assert declared["sanctions_jurisdictions"]["inferred_type_name"] == "list[str]"
    assert all(info["help"] for info in declared.values())


def test_defaults_fill_what_is_not_given_and_values_are_coerced():
    values = params.check_values({"min_priority": "1", "sanctions_jurisdictions": "US, EU"}, NOTEBOOK)
    assert values["min_priority"] == 1
    assert values["sanctions_jurisdictions"] == ["US", "EU"]
    assert values["basis"] == "official"
    assert values["start_date"] == "2024-07-01"


@pytest.mark.parametrize("given, words", [
    ({"basis": "politcal_prisoners"}, ["parameter basis", "political_prisoners", "did you mean"]),
    ({"layout": "tablet"}, ["parameter layout", "desktop, mobile, social"]),
    ({"layot": "mobile"}, ["parameter layot", "not a parameter", "did you mean layout"]),
    ({"start_date": "2025-13-01"}, ["parameter start_date", "not a date", "YYYY-MM-DD"]),
    ({"start_date": "2026-01-01", "end_date": "2025-01-01"}, ["parameter end_date", "before start_date"]),
    ({"min_priority": 7}, ["parameter min_priority", "out of range", "1 to 2"]),
    ({"min_priority": "two"}, ["parameter min_priority", "not a whole number"]),
    ({"sanctions_jurisdictions": ["US", "Russia"]}, ["parameter sanctions_jurisdictions", "Russia"]),
    ({"basis": 3}, ["parameter basis", "not text"]),
])
def test_bad_values_are_stopped_with_one_sentence_naming_the_parameter(given, words):
    with pytest.raises(ParameterError) as caught:
        params.check_values(given, NOTEBOOK)
    message = str(caught.value)
    assert "\n" not in message
    for word in words:
        assert word in message


def test_check_parameters_flags_a_misspelt_name_injected_by_papermill():
    namespace = {"start_date": "2024-07-01", "end_date": "2026-03-31", "basis": "official", "min_priority": 2,
                 "sanctions_jurisdictions": ["US"], "layout": "desktop", "output_dir": "out",
                 "layot": "mobile", "json": json, "_": None,
                 "In": ["", '# Parameters\nlayof = 3\nlayot = "mobile"\n']}
    with pytest.raises(ParameterError, match="parameter layof is not a parameter"):
        params.check_parameters(namespace, NOTEBOOK)


def test_the_notebooks_own_variables_are_not_mistaken_for_parameters():
    """After Run All in JupyterLab, the check cell can run again."""
    namespace = {"layout": "mobile", "kind": "png", "near": 6, "In": ["", "x = 1"],
                 "__annotations__": {"layout": str, "output_dir": str}, "output_dir": "out"}
    assert params.check_parameters(namespace, NOTEBOOK) == {"layout": "mobile", "output_dir": "out"}


def test_check_parameters_returns_attribute_access():
    namespace = {"layout": "mobile", "min_priority": 1.0}
    checked = params.check_parameters(namespace, NOTEBOOK)
    assert checked.layout == "mobile" and checked.min_priority == 1


def test_assigned_names_reads_what_a_cell_assigns():
    assert parameters_cell.assigned_names('a: int = 1  # x\nb = "y"\n') == ["a", "b"]


def test_a_notebook_that_does_not_exist_is_named():
    with pytest.raises(ParameterError, match="99_missing.ipynb does not exist"):
        parameters_cell.declared_parameters("99_missing")


@pytest.mark.parametrize("notebook", sorted(p.stem for p in paths.notebooks_dir().glob("*.ipynb")))
def test_our_reading_of_the_parameters_cell_equals_papermills(notebook):
    import papermill

    ours = parameters_cell.declared_parameters(notebook)
    theirs = papermill.inspect_notebook(str(parameters_cell.notebook_path(notebook)))
    assert {name: dict(info) for name, info in ours.items()} == {name: dict(info) for name, info in theirs.items()}


def test_in_a_notebook_a_desk_error_shows_as_its_message_not_a_traceback():
    """IPython asks the error how to show itself (DeskError._render_traceback_): the cell fails, briefly."""
    import subprocess
    import sys

    code = ("from IPython.core.interactiveshell import InteractiveShell\n"
            "InteractiveShell.instance().run_cell('from helpers.errors import ParameterError\\n"
            "raise ParameterError(\"parameter basis: oficial is not allowed\")')\n")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert shown.stdout.strip() == "ParameterError: parameter basis: oficial is not allowed"
    assert "Traceback" not in shown.stdout + shown.stderr
