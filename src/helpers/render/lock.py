"""One render at a time in an output folder (a second one exits 3, or waits with --wait)."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

LOCK = ".render.lock"


class RenderBusy(Exception):
    pass


@contextmanager
def render_lock(output: Path, wait: bool, reporter):
    """flock is released by the OS when a process dies, so a lock left by a killed render
    never blocks the next one."""
    path = output / LOCK
    handle = open(path, "a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            if not wait:
                raise RenderBusy(f"another render is running ({holder}); try again when it has finished, "
                                 "or use --wait") from None
            reporter.line(f"waiting for the other render to finish ({holder})")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, started {dt.datetime.now().isoformat(timespec='seconds')}\n")
        handle.flush()
        yield
    finally:
        handle.close()
