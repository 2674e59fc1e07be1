"""Mutations that a reviewer might make by mistake, each of which some test must catch (issue 22 item 2).

    python tests/mutations.py            # every mutation (about 5 minutes on a quiet machine)
    python tests/mutations.py verdict    # the ones whose name contains a word

For each mutation: copy the project to a temporary folder (the code, data, catalogs, notebooks and
tests: no .git, no virtual environments, no output), change one line of src/ there, run a small
targeted set of fast tests on the copy (its own src/ first on PYTHONPATH, DESK_ROOT the copy), and
report which tests failed. The same tests are first run on an unchanged copy, where all must pass.
The copy has no research dossier beside it, so the fact checks read tests/fixtures/research/, as on
GitHub's runner. Exit status 1 when a mutation survives (no test failed) or the unchanged copy fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COPIED = ("data", "locale", "babel.cfg", "notebooks", "renders.yml", "requirements", "src", "tests",
          "pyproject.toml", "README.md", "Makefile", "docs", "bench", "lab", "environment.yml")
# fast tests only: no notebook executions, no browser
SELECT = ["-m", "not slow and not browser"]


@dataclass(frozen=True)
class Mutation:
    name: str
    file: str                 # under the copy
    before: str               # exact text, found once
    after: str
    tests: tuple[str, ...]    # the targeted tests (files under tests/)


MUTATIONS = [
    Mutation("official_total off by one", "src/helpers/measures.py",
             '    return int(counted_releases(releases, start, end)["released_count"].sum())\n',
             '    return int(counted_releases(releases, start, end)["released_count"].sum()) + 1\n',
             ("test_facts.py", "test_cumulative_figure.py", "test_figure_copy.py")),
    Mutation("the label placer drops the last label", "src/helpers/placement.py",
             "    return sorted(best, key=lambda p: (p.row, p.x))\n",
             "    return sorted(best, key=lambda p: (p.row, p.x))[:-1]\n",
             ("test_cumulative_figure.py", "test_story_figures.py")),
    Mutation("the data-to date a day early", "src/helpers/kit.py",
             "    return max(dates) if dates else None\n",
             "    return max(dates) - pd.Timedelta(days=1) if dates else None\n",
             ("test_figure_copy.py", "test_cumulative_figure.py")),
    Mutation("claim K03's verdict flipped", "src/helpers/claims.py",
             '    return {"verdict": SUPPORTED if holds else CONTRADICTED, "data_value": value,\n',
             '    holds = holds != (claim["claim_id"] == "K03")\n'
             '    return {"verdict": SUPPORTED if holds else CONTRADICTED, "data_value": value,\n',
             ("test_claims.py", "test_story_figures.py")),
]


def copy_project(destination: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "*.egg-info", ".pytest_cache")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, destination / name)
    return destination


def mutate(root: Path, mutation: Mutation) -> None:
    path = root / mutation.file
    text = path.read_text(encoding="utf-8")
    found = text.count(mutation.before)
    if found != 1:
        raise SystemExit(f"mutation {mutation.name!r}: {mutation.file} holds its line {found} times, not once; "
                         "update tests/mutations.py")
    path.write_text(text.replace(mutation.before, mutation.after), encoding="utf-8")


def run_tests(root: Path, tests: tuple[str, ...]) -> tuple[int, list[str], str]:
    """pytest on the copy: (exit status, the failed tests' ids, its last line)."""
    report = root / "report.xml"
    env = {**os.environ, "DESK_ROOT": str(root),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(root / "src"), os.environ.get("PYTHONPATH")]))}
    env.pop("CI", None)
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2", *SELECT,
               f"--junitxml={report}", *(f"tests/{name}" for name in tests)]
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=1800)
    failed = []
    if report.is_file():
        for case in ElementTree.parse(report).iter("testcase"):
            if case.find("failure") is not None or case.find("error") is not None:
                failed.append(f"{case.get('classname', '').split('.')[-1]}.py::{case.get('name')}")
    last = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
    return result.returncode, failed, last


def check_copy_imports_its_own_code(root: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    found = subprocess.run([sys.executable, "-c", "import helpers; print(helpers.__file__)"], env=env,
                           capture_output=True, text=True).stdout.strip()
    if not found.startswith(str(root)):
        raise SystemExit(f"the copy imports helpers from {found}, not from its own src/")


def main(words: list[str]) -> int:
    chosen = [m for m in MUTATIONS if not words or any(w.lower() in m.name.lower() for w in words)]
    survived = 0
    with tempfile.TemporaryDirectory(prefix="desk-mutations-") as tmp:
        base = copy_project(Path(tmp) / "unchanged")
        check_copy_imports_its_own_code(base)
        all_tests = tuple(sorted({name for m in chosen for name in m.tests}))
        started = time.monotonic()
        status, failed, last = run_tests(base, all_tests)
        print(f"unchanged copy: {', '.join(all_tests)}: {last} ({time.monotonic() - started:.0f} s)")
        if status != 0:
            print("  the unchanged copy fails already: " + "; ".join(failed))
            return 1
        for index, mutation in enumerate(chosen, start=1):
            root = copy_project(Path(tmp) / f"mutation-{index}")
            mutate(root, mutation)
            started = time.monotonic()
            status, failed, last = run_tests(root, mutation.tests)
            verdict = "CAUGHT" if failed else "SURVIVED"
            survived += not failed
            print(f"\n{verdict}: {mutation.name} ({mutation.file}; {time.monotonic() - started:.0f} s; {last})")
            print(f"  tests run: {', '.join(mutation.tests)}")
            for test in failed:
                print(f"  failed: {test}")
            shutil.rmtree(root, ignore_errors=True)
    print(f"\n{len(chosen) - survived} of {len(chosen)} mutation(s) caught")
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
