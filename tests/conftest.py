"""Shared fixtures: a throw-away copy of the project, and ways to run its commands.

Tests never write into the checkout: they work on a copy in a temporary folder, pointed at by
DESK_ROOT (helpers.paths.project_root honours it). The session itself runs on one (DESK, set in
pytest_configure: what a test reads or validates in-process, with the cache that validation
writes, lands there), and a run that left anything new or changed in the checkout's .cache/,
output/ or data/ fails (pytest_sessionfinish). Commands run in a copy run the copy's own code
(its src/ first on PYTHONPATH, kernels included), so a test can add a story to the copy's
registry (helpers.stories) or edit its code.
"""

from __future__ import annotations

import csv
import contextlib
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
COPIED = ("data", "locale", "babel.cfg", "notebooks", "renders.yml", "requirements", "src")


def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            # __pycache__ is copied: the .pyc files (valid while their source is unchanged, copy2 keeps
            # its time) spare each render process and kernel compiling the copy's code.
            shutil.copytree(source, destination / name,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.egg-info"))
        else:
            shutil.copy2(source, destination / name)
    return destination


# ---------------------------------------------------------------- the session's project, and the checkout kept clean

DESK: Path = ROOT        # the session's copy of the project (pytest_configure); tests read and validate there
GUARDED = (".cache", "output", "data")      # what no test may change in the checkout


def checkout_state() -> dict[str, tuple[int, int]]:
    """Every file under the guarded folders of the checkout, with its size and modification time."""
    found = {}
    for name in GUARDED:
        for path in sorted((ROOT / name).rglob("*")) if (ROOT / name).is_dir() else []:
            if path.is_file() or path.is_symlink():
                stat = path.lstat()
                found[path.relative_to(ROOT).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return found


def pytest_configure(config) -> None:
    global DESK
    given = os.environ.get("DESK_ROOT")
    if given and Path(given).resolve() != ROOT:          # a copy chosen by the caller (tests/test_data_update.py)
        DESK = Path(given).resolve()
    else:
        DESK = copy_project(Path(tempfile.mkdtemp(prefix="desk-tests-")) / "project")
        os.environ["DESK_ROOT"] = str(DESK)
        config.desk_copy = DESK.parent
    if not hasattr(config, "workerinput"):               # the process that reports: xdist's controller, or the only one
        config.checkout_before = checkout_state()


def pytest_unconfigure(config) -> None:
    if getattr(config, "desk_copy", None):
        shutil.rmtree(config.desk_copy, ignore_errors=True)


def pytest_sessionfinish(session, exitstatus) -> None:
    """The checkout's .cache/, output/ and data/ are as they were before the run, or the run fails."""
    before = getattr(session.config, "checkout_before", None)
    if before is None:
        return
    after = checkout_state()
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    if changed:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = (f"the test run wrote into the checkout ({ROOT}): " + ", ".join(changed[:10])
                   + (f" and {len(changed) - 10} more" if len(changed) > 10 else ""))
        if reporter:
            reporter.write_sep("=", "checkout changed", red=True)
            reporter.write_line(message)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def release_rows(root: Path = ROOT) -> int:
    """The rows of data/releases.csv, counted with the csv module (not the desk's loader): a test that
    reads the real data checks against this, so that a reporter's new release breaks no test."""
    with (root / "data" / "releases.csv").open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def set_plan_languages(root: Path, codes: tuple[str, ...]) -> Path:
    """Narrow a project copy's plan to some languages (renders.yml `defaults: languages: [...]`)."""
    plan = root / "renders.yml"
    text, count = re.subn(r"(?m)^(  languages: )\[[^\]]*\]", r"\g<1>[" + ", ".join(codes) + "]", plan.read_text())
    assert count == 1, "renders.yml has no `defaults: languages: [...]` line"
    plan.write_text(text)
    return root


@pytest.fixture
def project(tmp_path) -> Path:
    """A fresh copy of the project's data, notebooks, plan and helper code."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def data_dir(project) -> Path:
    return project / "data"


def project_env(root: Path) -> dict:
    """The environment of a command run in a project copy: its root, and its own code first."""
    env = {**os.environ, "DESK_ROOT": str(root)}
    if (root / "src" / "helpers").is_dir():
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root / "src"), os.environ.get("PYTHONPATH")]))
    return env


def run_module(module: str, *args: str, root: Path, timeout: float = 600, env: dict | None = None,
               **kwargs) -> subprocess.CompletedProcess:
    """Run `python -m <module> args` as a reporter would, inside the copied project."""
    full_env = {**project_env(root), **(env or {})}
    return subprocess.run([sys.executable, "-m", module, *args], cwd=root, env=full_env, capture_output=True,
                          text=True, timeout=timeout, **kwargs)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder (following the published symlinks) with its bytes."""
    if not folder.exists():
        return {}
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and ".staging" not in path.parts and ".logs" not in path.parts \
                and path.name != ".render.lock":
            files[path.relative_to(folder).as_posix()] = path.read_bytes()
    for link in sorted(p for p in folder.iterdir() if p.is_symlink()):
        for path in sorted(link.rglob("*")):
            if path.is_file():
                files[f"{link.name}/{path.relative_to(link).as_posix()}"] = path.read_bytes()
    return files


# ---------------------------------------------------------------- a fast probe notebook for the runner

PROBE_PARAMETERS = '''layout: str = "desktop"  # desktop or mobile
output_dir: str = "out"  # folder the probe writes to
dataset: str = "releases"  # which data file the probe reads
fail: bool = False  # raise an error in the third cell
sleep_seconds: float = 0.0  # wait this long before writing
wait_for: str = ""  # wait until this file exists before writing (a test's go-ahead)
kill_kernel: bool = False  # kill its own kernel mid-render
kill_once: str = ""  # kill its own kernel unless this file exists, creating it (a transient death)'''

PROBE_BODY = '''import os, signal, time, pathlib
from helpers import data
frame = data.load_all(names=[params.dataset])[params.dataset]
if params.sleep_seconds or params.wait_for:     # under way: a test waits for this file (started_marker)
    pathlib.Path(params.output_dir).mkdir(parents=True, exist_ok=True)
    (pathlib.Path(params.output_dir) / "started.txt").write_text("started\\n")
time.sleep(params.sleep_seconds)
while params.wait_for and not pathlib.Path(params.wait_for).exists():
    time.sleep(0.05)
if params.kill_kernel or (params.kill_once and not os.path.exists(params.kill_once)):
    if params.kill_once:
        open(params.kill_once, "w").close()
    os.kill(os.getpid(), signal.SIGKILL)
if params.fail:
    raise RuntimeError("probe failure requested")
folder = pathlib.Path(params.output_dir) / "probe" / params.layout
folder.mkdir(parents=True, exist_ok=True)
(folder / "rows.txt").write_text(f"{params.dataset}: {len(frame)} rows\\n")'''


# The probe is a story of its own in the copy's registry (its notebook is 99_probe.ipynb).
PROBE_STORY = '''
# A throw-away story for the runner's tests (tests/conftest.py).
STORIES += (Story(99, "probe", datasets=("releases", "prisoner_counts"), layouts=("desktop", "mobile"),
                  id_column="id"),)
'''


def add_story(project: Path, record: str) -> None:
    """Append a story record (Python source) to the copy's registry, src/helpers/stories.py."""
    registry = project / "src" / "helpers" / "stories.py"
    registry.write_text(registry.read_text(encoding="utf-8") + record, encoding="utf-8")


def write_probe_notebook(project: Path) -> Path:
    import nbformat

    from helpers.render import KERNEL, KERNEL_DISPLAY_NAME

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": KERNEL, "display_name": KERNEL_DISPLAY_NAME, "language": "python"}
    parameters = nbformat.v4.new_code_cell(PROBE_PARAMETERS)
    parameters.metadata["tags"] = ["parameters"]
    check = nbformat.v4.new_code_cell('from helpers.params import check_parameters\n'
                                      'params = check_parameters(globals(), "99_probe")')
    notebook.cells = [parameters, check, nbformat.v4.new_code_cell(PROBE_BODY)]
    path = project / "notebooks" / "99_probe.ipynb"
    nbformat.write(notebook, path)
    if 'Story(99, "probe"' not in (project / "src" / "helpers" / "stories.py").read_text(encoding="utf-8"):
        add_story(project, PROBE_STORY)
    return path


PROBE_PLAN = '''editions:
  probe-a:
    notebook: notebooks/99_probe.ipynb
    parameters:
      layout: desktop
  probe-counts:
    notebook: notebooks/99_probe.ipynb
    parameters:
      layout: mobile
      dataset: prisoner_counts
'''


@pytest.fixture
def probe_project(project) -> Path:
    """The project copy with a plan of two fast probe editions."""
    write_probe_notebook(project)
    (project / "renders.yml").write_text(PROBE_PLAN)
    return project


@pytest.fixture(scope="session")
def probe_rendered(tmp_path_factory) -> Path:
    """The probe plan rendered once (per xdist worker): the last good render the runner's tests start
    from. Never changed: tests take a copy (probe_published)."""
    root = copy_project(tmp_path_factory.mktemp("probe-rendered") / "project")
    write_probe_notebook(root)
    (root / "renders.yml").write_text(PROBE_PLAN)
    result = render(root)
    assert result.returncode == 0, result.stderr
    return root


def copy_rendered(rendered: Path, destination: Path) -> Path:
    """A rendered project copied with its published output (the edition symlinks are relative)."""
    shutil.copytree(rendered, destination, symlinks=True, ignore=shutil.ignore_patterns(".render.lock"))
    return destination


@pytest.fixture
def probe_published(probe_rendered, tmp_path) -> Path:
    """A copy of the probe project after one good render (probe_rendered)."""
    return copy_rendered(probe_rendered, tmp_path / "project")


def wait_for(condition, what: str, timeout: float = 120, every: float = 0.1):
    """Poll until condition() is true (its value is returned); fail naming what did not happen."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {timeout:.0f} s")
        time.sleep(every)


def render(root: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return run_module("helpers.render", *args, root=root, **kwargs)


def start_render(root: Path, *args: str, stderr=subprocess.PIPE) -> subprocess.Popen:
    """A render in the background, as a second terminal or a cron job would start it."""
    return subprocess.Popen([sys.executable, "-m", "helpers.render", *args], cwd=root, env=project_env(root),
                            stderr=stderr, text=True)


def started(root: Path, edition: str, output: str = "output") -> Path | None:
    """The marker a sleeping or waiting probe edition writes once its cell is under way, or None."""
    return next((root / output / ".staging").glob(f"*/{edition}/started.txt"), None)


def holds_lock(root: Path, runner: subprocess.Popen, output: str = "output") -> bool:
    """Does this render process hold the output folder's lock (helpers.render.lock writes its pid there)?"""
    lock = root / output / ".render.lock"
    return lock.is_file() and lock.read_text().startswith(f"pid {runner.pid},")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """A folder served over http on 127.0.0.1 (a free port) while the block runs: its address, ending in '/'."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# ---------------------------------------------------------------- the order files are handed to xdist's workers

FIRST = "test_render_plan.py"       # the longest file: its tests share two whole-plan renders


def _weight(item) -> int:
    if item.path.name == FIRST:
        return 0
    if item.get_closest_marker("slow"):
        return 1                     # executes notebooks
    return 2 if item.get_closest_marker("browser") else 3


def pytest_collection_modifyitems(config, items) -> None:
    """Longest first, so that no long file starts last while the other worker idles: each file
    (one unit of work under --dist loadfile, in make test) weighs what its heaviest test does:
    test_render_plan.py, then files that execute notebooks (`slow`), then those that drive
    Chromium, then the rest, each in the files' own order."""
    weight: dict = {}
    for item in items:
        weight[item.path] = min(weight.get(item.path, 3), _weight(item))
    order = {item: index for index, item in enumerate(items)}
    items.sort(key=lambda item: (weight[item.path], order[item]))
