"""tests/mutations.py changes one exact line of src/ per mutation; a rename or a rewrite that moves
that line would make the script stop with an error long after the change. Each mutation's line is
still in its file exactly once, and its change is a real change."""

from __future__ import annotations

import pytest

from conftest import ROOT
from mutations import MUTATIONS


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.name)
def test_each_mutation_still_finds_its_line_once(mutation):
    assert (ROOT / mutation.file).read_text(encoding="utf-8").count(mutation.before) == 1, \
        f"{mutation.file} no longer holds the line of mutation {mutation.name!r}: update tests/mutations.py"
    assert mutation.after != mutation.before
    assert all((ROOT / "tests" / name).is_file() for name in mutation.tests)
