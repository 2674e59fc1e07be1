"""The data is validated once per data version; kernels reuse the result, and a stale one is never used.

The render runner calls `data.validated_rows(data_dir)` before any kernel starts; each
notebook's `data.load_all()` then finds the stored result under `.cache/validation/`.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from types import SimpleNamespace

import pytest

from conftest import release_rows, run_module
from helpers import data
from helpers.data import cache, validation
from helpers.errors import DataError

CHECK_IN_A_NEW_PROCESS = (
    "import sys; from helpers import data; rows, problems = data.validated_rows(); "
    "print(len(rows['releases']), len(problems), 'pandas' in sys.modules)")


def stored(project) -> list:
    return sorted((project / ".cache" / "validation").glob("*.pickle"))


def test_a_stored_result_is_read_without_pandas(project):
    first = run_module("helpers.data", root=project)   # `make validate` checks now and stores nothing
    assert first.returncode == 0 and stored(project) == []
    env = {**os.environ, "DESK_ROOT": str(project)}
    command = [sys.executable, "-c", CHECK_IN_A_NEW_PROCESS]
    runs = [subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=120)
            for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr
    assert runs[0].stdout.split() == [str(release_rows()), "0", "True"]     # validated: pandas needed
    assert runs[1].stdout.split() == [str(release_rows()), "0", "False"]    # the stored result: no pandas
    assert len(stored(project)) == 1


def test_load_all_reuses_the_runners_result(data_dir, monkeypatch):
    rows, problems = data.validated_rows(data_dir)
    assert problems == [] and len(rows["releases"]) == release_rows()

    def no_second_validation(*args, **kwargs):
        raise AssertionError("validated again although this data version was validated")

    monkeypatch.setattr(validation, "check_all", no_second_validation)
    frames = data.load_all(data_dir, ["releases", "milestones"])
    assert len(frames["releases"]) == release_rows()
    assert frames["releases"]["released_count"].sum() == sum(r["released_count"] or 0 for r in rows["releases"])  # a lead has no count


def test_a_changed_file_is_validated_again(data_dir):
    assert data.validated_rows(data_dir)[1] == []
    path = data_dir / "releases.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("E22,2025-12-13,", "E22,2025-13-12,", 1),
                    encoding="utf-8")
    rows, problems = data.validated_rows(data_dir)
    assert [str(p) for p in problems] == [
        'data/releases.csv line 23, column date: "2025-13-12" is not a date (expected YYYY-MM-DD)']
    assert len(rows["releases"]) == release_rows() - 1
    with pytest.raises(DataError) as caught:
        data.load_all(data_dir)
    assert caught.value.problems == [str(p) for p in problems]
    assert len(stored(data_dir.parent)) == 2


def test_the_version_covers_data_code_and_folder_name(data_dir, tmp_path, monkeypatch):
    base = cache.version(data_dir)
    assert cache.version(data_dir) == base
    (data_dir / "README.md").write_text("edited\n", encoding="utf-8")
    edited = cache.version(data_dir)
    assert edited != base
    code = tmp_path / "code"
    shutil.copytree(cache.CODE_DIR, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "CODE_DIR", code)
    assert cache.version(data_dir) == edited
    (code / "cells.py").write_text((code / "cells.py").read_text() + "\n# changed\n")
    assert cache.version(data_dir) != edited
    renamed = data_dir.parent / "other"
    shutil.copytree(data_dir, renamed)     # problems name the folder: "other/releases.csv"
    assert cache.version(renamed) != cache.version(data_dir)


class Tomorrow(dt.date):
    @classmethod
    def today(cls):
        return dt.date.fromordinal(dt.date.today().toordinal() + 1)


def test_a_result_holds_on_later_days_unless_it_named_a_future_date(data_dir, monkeypatch):
    data.validated_rows(data_dir)
    monkeypatch.setattr(data, "dt", SimpleNamespace(date=Tomorrow))
    monkeypatch.setattr(validation, "check_all", lambda *a: pytest.fail("validated again"))
    assert data.validated_rows(data_dir)[1] == []      # nothing about days in it: still true
    monkeypatch.undo()

    tomorrow = Tomorrow.today().isoformat()
    path = data_dir / "releases.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("E22,2025-12-13,", f"E22,{tomorrow},", 1),
                    encoding="utf-8")
    assert "in the future" in str(data.validated_rows(data_dir)[1][0])
    monkeypatch.setattr(data, "dt", SimpleNamespace(date=Tomorrow))
    assert data.validated_rows(data_dir)[1] == []      # tomorrow has come: checked again, and fine


def test_a_damaged_stored_result_is_ignored(data_dir):
    data.validated_rows(data_dir)
    [entry] = stored(data_dir.parent)
    entry.write_bytes(b"not a pickle")
    rows, problems = data.validated_rows(data_dir)
    assert problems == [] and len(rows["people"]) == 60


def test_the_cache_is_kept_out_of_output(data_dir):
    data.validated_rows(data_dir)
    assert stored(data_dir.parent)
    assert not (data_dir.parent / "output").exists()
