"""`make lab` works: JupyterLab from .venv-lab opens the first notebook in a real browser,
with the project's kernel (found through JUPYTER_PATH, as the Makefile sets it), no dialog or
news prompt in the way, and the notebooks' .py twins hidden from the file browser (lab/README.md).

The server runs on 127.0.0.1 with a random token, in its own process group, with a
throw-away HOME and Jupyter config/data/runtime folders, so the user's settings are
never read or written. It is always stopped, with its kernel, even when the test fails.
Needs headless Chromium (see tests/browser.py): skipped visibly without it, failed under CI=true.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from browser import browser_page, require_chromium

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
LAB = ROOT / ".venv-lab" / "bin" / "jupyter"
KERNELS = ROOT / ".venv" / "share" / "jupyter"          # what `make lab` puts on JUPYTER_PATH
KERNEL_NAME, KERNEL_DISPLAY = "belarus-releases", "Belarus releases (project)"
NOTEBOOK = "notebooks/01_cumulative_releases.ipynb"

# User settings for the throw-away Lab: never autosave into the repo. Everything else is what a
# reporter gets from `make lab` (the news prompt is off through lab/overrides.json, not here).
LAB_SETTINGS = {"@jupyterlab/docmanager-extension/plugin": {"autosave": False}}
NEWS_PROMPT = "official Jupyter news"     # JupyterLab's question when news fetching is not configured


def alive(pid: int) -> bool:
    """True while the process exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def descendants(pid: int) -> set[int]:
    """Every process started, directly or not, by pid (kernels run in sessions of their own)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def stop(pids: set[int], sig: int) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, sig)


def wait_gone(pids: set[int], seconds: float) -> set[int]:
    deadline = time.monotonic() + seconds
    while (left := {pid for pid in pids if alive(pid)}) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


class Lab:
    """A running JupyterLab server; `leftovers` lists what outlived stopping it."""

    def __init__(self, process: subprocess.Popen, runtime: Path, token: str, log: Path):
        self.process, self.runtime, self.token, self.log = process, runtime, token, log
        self.base = ""
        self.leftovers: set[int] = set()

    def api(self, path: str):
        request = urllib.request.Request(f"{self.base}{path}", headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.load(response)

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def wait_ready(self, seconds: float) -> None:
        """The server picks its own free port (--port=0) and writes it to jpserver-<pid>.json."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"JupyterLab exited with {self.process.returncode}:\n{self.log_tail()}")
            with contextlib.suppress(OSError, urllib.error.URLError, ValueError, KeyError):
                if not self.base:
                    info = json.loads((self.runtime / f"jpserver-{self.process.pid}.json").read_text())
                    self.base = f"http://127.0.0.1:{info['port']}"
                if "started" in self.api("/api/status"):
                    return
            time.sleep(0.3)
        pytest.fail(f"JupyterLab did not answer /api/status within {seconds:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        """SIGTERM the process group (the server shuts its kernels down), then SIGKILL what is left."""
        group = self.process.pid
        family = descendants(group)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGKILL)
            self.process.wait(timeout=10)
        family |= descendants(group)
        stop(wait_gone(family, 10), signal.SIGKILL)
        self.leftovers = wait_gone(family | {group}, 5)


@contextlib.contextmanager
def running_lab(home: Path):
    """Start JupyterLab as `make lab` does, but headless, private and on a free port."""
    if not LAB.is_file():
        reason = f"{LAB.relative_to(ROOT)} is missing (the JupyterLab environment: `make test` creates it)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    assert (KERNELS / "kernels" / KERNEL_NAME / "kernel.json").is_file(), \
        "the project kernel is not installed in .venv (the Makefile's render setup does it)"

    folders = {name: home / name for name in ("home", "config", "data", "runtime", "ipython")}
    for folder in folders.values():
        folder.mkdir(parents=True)
    for plugin, settings in LAB_SETTINGS.items():
        path = folders["config"] / "lab" / "user-settings" / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings))
    env = {key: value for key, value in os.environ.items() if not key.startswith(("JUPYTER", "IPYTHON"))}
    env.update(HOME=str(folders["home"]), JUPYTER_CONFIG_DIR=str(folders["config"]),
               JUPYTER_DATA_DIR=str(folders["data"]), JUPYTER_RUNTIME_DIR=str(folders["runtime"]),
               IPYTHONDIR=str(folders["ipython"]), JUPYTER_PATH=str(KERNELS), JUPYTER_PLATFORM_DIRS="1")

    token = secrets.token_hex(24)
    command = [str(LAB), "lab", "--ip=127.0.0.1", "--port=0", "--no-browser", "--ServerApp.open_browser=False",
               f"--IdentityProvider.token={token}", f"--notebook-dir={ROOT}"]
    if os.geteuid() == 0:
        command.append("--allow-root")   # CI containers run as root; Jupyter refuses root without it
    log = home / "lab.log"
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=output,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    lab = Lab(process, folders["runtime"], token, log)
    try:
        lab.wait_ready(45)
        yield lab
    finally:
        lab.stop()


def notebook_files() -> dict[str, tuple[int, int]]:
    paired = (ROOT / NOTEBOOK, (ROOT / NOTEBOOK).with_suffix(".py"))
    return {path.name: (path.stat().st_mtime_ns, path.stat().st_size) for path in paired if path.exists()}


def test_lab_opens_the_notebook_with_the_project_kernel(tmp_path):
    require_chromium()
    before = notebook_files()
    blocked: list[str] = []

    with running_lab(tmp_path) as lab:
        with browser_page(allow=[f"{lab.base}/", lab.base.replace("http", "ws", 1) + "/"],
                          blocked=blocked, viewport=(1400, 1000)) as page:
            page.goto(f"{lab.base}/lab/tree/{NOTEBOOK}?token={lab.token}", wait_until="domcontentloaded",
                      timeout=30_000)
            page.wait_for_function("() => document.querySelectorAll('.jp-NotebookPanel .jp-Cell').length >= 10",
                                   timeout=30_000)
            assert page.locator(".jp-NotebookPanel .jp-Cell").count() >= 10

            parameters = page.locator(".jp-CodeCell .cm-content").filter(has_text="start_date: str")
            parameters.first.wait_for(state="visible", timeout=15_000)
            assert parameters.count() == 1, "the parameters cell should appear once"

            kernel = page.locator(".jp-NotebookPanel-toolbar").get_by_text(KERNEL_DISPLAY, exact=True)
            kernel.first.wait_for(state="visible", timeout=30_000)

            # The kernel really starts from .venv: the session runs it and it reaches "idle".
            deadline, session, reloaded = time.monotonic() + 90, None, False
            while time.monotonic() < deadline:
                # With other tests starting kernels at the same moment, two kernels can pick the
                # same free port and one dies; opening the notebook again starts a fresh one.
                if not reloaded and time.monotonic() > deadline - 50:     # still no idle kernel
                    page.reload(wait_until="domcontentloaded")
                    reloaded = True
                # Lab starts a session under a temporary path and renames it once the notebook
                # is open; under load the rename can lag, so the notebook's name counts too.
                sessions = [s for s in lab.api("/api/sessions") if s["path"].endswith(NOTEBOOK)
                            or (s["type"] == "notebook" and s.get("name") == Path(NOTEBOOK).name)]
                session = sessions[0] if sessions else None
                if session and session["kernel"]["execution_state"] == "idle":
                    break
                time.sleep(0.5)
            assert session, f"Lab opened no session for {NOTEBOOK} ({lab.api('/api/sessions')}):\n{lab.log_tail()}"
            assert session["kernel"]["name"] == KERNEL_NAME
            assert session["kernel"]["execution_state"] == "idle", \
                f"the project kernel did not start:\n{lab.log_tail()}"
            specs = lab.api("/api/kernelspecs")
            assert specs["default"] == KERNEL_NAME, "new notebooks should start in the desk's kernel"
            assert specs["kernelspecs"][KERNEL_NAME]["spec"]["display_name"] == KERNEL_DISPLAY
            assert str(ROOT / ".venv") in specs["kernelspecs"][KERNEL_NAME]["spec"]["argv"][0]

            # Nothing stands between the reporter and the notebook: no dialog (a kernel picker, an
            # error), no question about Jupyter news (it comes as a notification once Lab has loaded:
            # the notebook is open and its kernel idle by now).
            page.wait_for_function("() => document.querySelector('.jp-LabShell') !== null", timeout=15_000)
            assert page.locator(".jp-Dialog").count() == 0, page.locator(".jp-Dialog").first.inner_text()
            assert page.get_by_text(NEWS_PROMPT).count() == 0, "Lab asks about Jupyter news"
            listed = {item["name"] for item in lab.api("/api/contents/notebooks")["content"]}
            assert Path(NOTEBOOK).name in listed and Path(NOTEBOOK).with_suffix(".py").name not in listed, listed

    assert lab.process.returncode is not None and not alive(lab.process.pid), "the Lab server is still running"
    assert not lab.leftovers, f"processes outlived the Lab server: {sorted(lab.leftovers)}"
    assert not blocked, f"Lab tried to reach the network: {blocked}"
    assert notebook_files() == before, "opening the notebook in Lab changed it on disk"
