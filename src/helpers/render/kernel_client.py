"""Starting a render kernel, and the one kernel client it keeps for all its editions (worker side).

`start_kernel` starts the project's kernel on Unix sockets named for this process (not TCP ports:
two kernels starting at once could pick the same free port, and the loser would die before it
answered) and waits until it is ready; any failure to start is a KernelStartFailed, which the
worker may try once more. Warm kernels (helpers.render.pool) and --fresh-kernels (one kernel per
edition, helpers.render.workers) start theirs the same way.

nbclient asks the kernel manager for a new client for every notebook it runs and, when it did
not start the kernel itself, leaves that client's channels open (it cleans up only what it
started). In a kernel that runs edition after edition those clients piled up, three threads and
a dozen sockets each, and every message the kernel published went to all of them. So the warm
kernel's manager hands out one client, whose channels start once, and the worker's own calls
(warm-up, reset) use it too.

That client also knows sooner that the kernel is ready: once the kernel has answered a
kernel_info request and its idle status for that request has come in on IOPub (so IOPub is
connected), rather than after jupyter_client's wait for 0.2 s of silence on IOPub, which every
edition paid.
"""

from __future__ import annotations

import math
import os
import tempfile
import time
from pathlib import Path
from queue import Empty

from jupyter_client import AsyncKernelClient, AsyncKernelManager, protocol_version_info
from jupyter_core.utils import run_sync
from traitlets import Type

from helpers.render import KERNEL

SHELL_POLL_SECONDS = 1.0     # between checks that the kernel is still alive
IOPUB_SECONDS = 1.0          # no idle status by then: IOPub missed it, ask again
KERNEL_START_SECONDS = 120
# A render keeps no IPython history: it would commit every cell of every edition to
# ~/.ipython/profile_default/history.sqlite, which two kernels share (and lock), and fill
# the reporters' own history with the renders' cells.
KERNEL_ARGUMENTS = ["--HistoryManager.enabled=False"]


class KernelStartFailed(RuntimeError):
    """The kernel did not start, or died or stayed silent before it was ready."""


class KeptClient(AsyncKernelClient):
    """A client whose channels start once, however often nbclient starts them."""

    _channels_started = False

    def start_channels(self, *args, **kwargs) -> None:
        if not self._channels_started:
            super().start_channels(*args, **kwargs)
            self._channels_started = True

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (math.inf if timeout is None else timeout)
        while True:
            msg_id = self.kernel_info()
            reply = await self._reply_to(msg_id)
            if reply is not None and await self._idle_after(msg_id):
                self.adapt_protocol(reply)
                return
            if not await self.is_alive():
                raise KernelStartFailed("the kernel died before it answered (kernel_info)")
            if time.monotonic() > deadline:
                raise KernelStartFailed(f"the kernel did not answer within {timeout:g} seconds")

    def adapt_protocol(self, reply: dict) -> None:
        """Speak the kernel's major protocol version if it differs from ours (what jupyter_client's
        own wait does with a kernel_info reply, through its public Session.adapt_version)."""
        theirs = int(reply["content"]["protocol_version"].split(".")[0])
        if theirs != protocol_version_info[0]:
            self.session.adapt_version = theirs

    async def _reply_to(self, msg_id: str) -> dict | None:
        while True:
            try:
                msg = await self.shell_channel.get_msg(timeout=SHELL_POLL_SECONDS)
            except Empty:
                return None
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg

    async def _idle_after(self, msg_id: str) -> bool:
        while True:
            try:
                msg = await self.iopub_channel.get_msg(timeout=IOPUB_SECONDS)
            except Empty:
                return False
            if (msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle"
                    and msg["parent_header"].get("msg_id") == msg_id):
                return True


class WarmKernelManager(AsyncKernelManager):
    """An AsyncKernelManager (nbclient's own kind) whose client() is always the same KeptClient."""

    client_factory = Type(KeptClient)       # what super().client() builds
    kept: KeptClient | None = None           # the one client, once asked for

    def client(self, **kwargs) -> KeptClient:
        if self.kept is None:
            self.kept = super().client(**kwargs)
        return self.kept


_started = 0


def start_kernel(cwd: str) -> WarmKernelManager:
    """The project's kernel, started in `cwd` and ready (its one client's channels open)."""
    global _started
    _started += 1
    socket = Path(tempfile.gettempdir()) / f"desk-kernel-{os.getpid()}-{_started}"
    km = WarmKernelManager(kernel_name=KERNEL, transport="ipc", ip=str(socket))
    try:
        run_sync(km.start_kernel)(cwd=cwd, extra_arguments=KERNEL_ARGUMENTS)
        client = km.client()
        client.start_channels()
        run_sync(client.wait_for_ready)(timeout=KERNEL_START_SECONDS)
    except Exception as err:
        shut_down(km)
        if isinstance(err, KernelStartFailed):
            raise
        raise KernelStartFailed(f"the kernel did not start ({type(err).__name__}: {err})") from err
    return km


def shut_down(km: WarmKernelManager) -> None:
    """Stop a kernel and close its client (whatever state it is in)."""
    try:
        if km.kept is not None:
            km.kept.stop_channels()
        if run_sync(km.is_alive)():
            run_sync(km.shutdown_kernel)(now=True)
    except Exception:
        pass
