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
