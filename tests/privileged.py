"""Fault tests that need an operating system's help (a helper module, not a test file): a read-only or
full file system, no network. Each runs where the desk's tests run, as root here and on GitHub's
runner, which is not root but may use `sudo -n` (passwordless sudo is what GitHub offers); a
technique that needs no privilege at all is used where there is one. Where none works the test is
skipped with the reason, except under CI=true, where that is a failure: CI never passes by skipping.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess

import pytest


def unavailable(reason: str):
    """Skip visibly, or fail under CI=true (as tests/browser.py does for a missing Chromium)."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


@functools.cache
def sudo_allowed() -> bool:
    return shutil.which("sudo") is not None and subprocess.run(
        ["sudo", "-n", "true"], capture_output=True).returncode == 0


def as_root(argv: list[str]) -> list[str] | None:
    """argv with root's rights: as it is when this process is root, through `sudo -n` where that is
    allowed, else None. DESK_TEST_PRIVILEGE=sudo forces the sudo route (to try it as root)."""
    if os.geteuid() == 0 and os.environ.get("DESK_TEST_PRIVILEGE") != "sudo":
        return argv
    if sudo_allowed():
        return ["sudo", "-n", *argv]
    return None


def run_as_root(*argv: str) -> bool:
    command = as_root(list(argv))
    return command is not None and subprocess.run(command, capture_output=True).returncode == 0


@functools.cache
def user_namespaces() -> bool:
    """Can this user make a user and network namespace without privilege (`unshare -rn`)?"""
    return shutil.which("unshare") is not None and subprocess.run(
        ["unshare", "-rn", "true"], capture_output=True).returncode == 0


def without_network(script: str) -> list[str] | None:
    """A command running `sh -c script` in a new network namespace with only loopback, as this user
    (its files are this user's), or None where no way to make one works here."""
    if shutil.which("unshare") is None:
        return None
    up = "ip link set lo up 2>/dev/null || true"
    if os.geteuid() == 0 and os.environ.get("DESK_TEST_PRIVILEGE") != "sudo":
        return ["unshare", "-n", "sh", "-c", f"{up}; {script}"]
    if user_namespaces():
        return ["unshare", "-rn", "sh", "-c", f"{up}; {script}"]
    if sudo_allowed() and shutil.which("setpriv"):
        back = f"setpriv --reuid={os.getuid()} --regid={os.getgid()} --init-groups"
        return ["sudo", "-n", "unshare", "-n", "sh", "-c", f"{up}; exec {back} sh -c {quote(script)}"]
    return None


def quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


# ---------------------------------------------------------------- the same faults without any privilege

FAULTS = '''"""Test fault (tests/privileged.py): imported at start-up by every Python process of a render."""
import builtins, errno, io, os, socket

_OUTPUT = os.environ.get("DESK_TEST_FULL_DISK")
_SPARED = tuple(filter(None, os.environ.get("DESK_TEST_FULL_DISK_SPARES", "").split(os.pathsep)))
_NO_NETWORK = os.environ.get("DESK_TEST_NO_NETWORK")


def _full(path):
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))


def _under_output(path):
    try:
        real = os.path.realpath(os.fspath(path))
    except TypeError:                   # a file descriptor
        return False
    inside = real == _OUTPUT or real.startswith(_OUTPUT + os.sep)
    return inside and not any(real == os.path.join(_OUTPUT, name) or real.startswith(os.path.join(_OUTPUT, name) + os.sep)
                              for name in _SPARED)


if _OUTPUT:
    _open, _os_open = builtins.open, os.open

    def _guarded_open(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax+") and _under_output(file):
            raise _full(file)
        return _open(file, mode, *args, **kwargs)

    def _guarded_os_open(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and _under_output(path):
            raise _full(path)
        return _os_open(path, flags, *args, **kwargs)

    builtins.open = io.open = _guarded_open
    os.open = _guarded_os_open

if _NO_NETWORK:
    _connect, _getaddrinfo = socket.socket.connect, socket.getaddrinfo
    _LOCAL = ("127.", "::1", "localhost")

    def _host(address):
        return str(address[0] if isinstance(address, tuple) else address)

    def _guarded_connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _host(address).startswith(_LOCAL):
            raise OSError(errno.ENETUNREACH, os.strerror(errno.ENETUNREACH))
        return _connect(self, address)

    def _guarded_getaddrinfo(host, *args, **kwargs):
        if host is not None and not str(host).startswith(_LOCAL):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known (no network: a test)")
        return _getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = _guarded_connect
    socket.getaddrinfo = _guarded_getaddrinfo
'''


def fault_env(folder, pythonpath: str, *, full_disk=None, spared=(), no_network: bool = False) -> dict:
    """Environment for a command whose Python processes (runner, workers, kernels) see a full disk under
    `full_disk` (every write there fails with ENOSPC, but in the entries named in `spared`) or no network beyond loopback (connect and name
    lookups fail), without any privilege: a sitecustomize module on PYTHONPATH before `pythonpath` (the
command's own). `folder` holds it."""
    import os
    from pathlib import Path

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(FAULTS)
    env = {"PYTHONPATH": os.pathsep.join(filter(None, [str(folder), pythonpath]))}
    if full_disk is not None:
        env["DESK_TEST_FULL_DISK"] = os.path.realpath(full_disk)
        env["DESK_TEST_FULL_DISK_SPARES"] = os.pathsep.join(spared)
    if no_network:
        env["DESK_TEST_NO_NETWORK"] = "1"
    return env
