"""The one kernel client a warm kernel keeps for all its editions (worker side).

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
import time
from queue import Empty

from jupyter_client import AsyncKernelClient, AsyncKernelManager
from traitlets import Type

SHELL_POLL_SECONDS = 1.0     # between checks that the kernel is still alive
IOPUB_SECONDS = 1.0          # no idle status by then: IOPub missed it, ask again


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
                self._handle_kernel_info_reply(reply)
                return
            if not await self.is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:g} seconds")

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
    _kept: KeptClient | None = None

    def client(self, **kwargs) -> KeptClient:
        if self._kept is None:
            self._kept = super().client(**kwargs)
        return self._kept
