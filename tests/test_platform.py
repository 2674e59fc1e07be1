"""The render runs on macOS too: no Linux-only call on the way in. Those calls (the CPU affinity
behind --jobs' default, prctl through libc.so.6 in the workers) are taken away here, as on macOS."""

from __future__ import annotations

import ctypes
import os

from helpers.render import cli, workers


def no_libc(*args, **kwargs):
    raise OSError("libc.so.6: cannot open shared object file: No such file or directory")


def test_the_command_line_runs_without_linux_only_calls(project, monkeypatch, capsys):
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(ctypes, "CDLL", no_libc)
    assert cli.parser().parse_args([]).jobs == (os.cpu_count() or 1)
    workers.die_with_parent()                         # no prctl: the runner ends its workers itself
    monkeypatch.setenv("DESK_ROOT", str(project))
    assert cli.main(["--list", "--output", str(project / "output")]) == 0
    assert "cumulative-releases-desktop-en" in capsys.readouterr().out


def test_on_linux_the_default_is_the_cores_this_process_may_use():
    if hasattr(os, "sched_getaffinity"):
        assert cli.parser().parse_args([]).jobs == len(os.sched_getaffinity(0))
