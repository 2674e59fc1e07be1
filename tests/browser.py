"""Headless Chromium for the browser tests (a helper module, not a test file).

The browser is Debian's Chromium (`apt-get install chromium`, done by .ci/run in CI):
Playwright never downloads one. Each page gets a fresh profile, and requests that
leave the machine are aborted and recorded, so a test can assert there were none.

Where Chromium is missing a browser test is skipped with a visible reason, except
under CI=true, where a missing browser is a failure: CI must never pass by skipping.

Starting Chromium takes seconds, so a test module can share one (`shared_chromium`, as a
module-scoped fixture): while it runs, each `browser_page` is a new browser context in that
Chromium, a fresh profile of its own (no cookies, storage or cache from another test).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")

# No sandbox (tests run as root in CI), no GPU, and nothing that phones home.
# Any host name resolves to "not found", so only file:// pages and 127.0.0.1 work.
CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)

# Schemes that never leave the machine.
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def chromium_path() -> str | None:
    """Debian's Chromium, or a `chromium` on PATH; None when there is none."""
    if DEBIAN_CHROMIUM.is_file() and os.access(DEBIAN_CHROMIUM, os.X_OK):
        return str(DEBIAN_CHROMIUM)
    return shutil.which("chromium")


def require_chromium() -> str:
    """The Chromium to use; skip the test visibly without one (fail under CI=true)."""
    path = chromium_path()
    if path:
        return path
    reason = ("headless Chromium not found (/usr/bin/chromium or `chromium` on PATH); "
              "install it with `apt-get install chromium` to run the browser tests")
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {reason}: .ci/run should have installed it", pytrace=False)
    pytest.skip(reason)


_shared = None     # the Chromium of shared_chromium() while it runs


@contextlib.contextmanager
def shared_chromium() -> Iterator:
    """One headless Chromium for every browser_page opened while the block runs (a test
    module's): each page still gets a fresh context, closed after its test."""
    global _shared
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=list(CHROMIUM_FLAGS),
                                             timeout=60_000)
        _shared = browser
        try:
            yield browser
        finally:
            _shared = None
            browser.close()


@contextlib.contextmanager
def browser_page(*, allow: Iterable[str] = (), blocked: list[str] | None = None,
                 viewport: tuple[int, int] = (1000, 800)) -> Iterator:
    """A Playwright page in headless Chromium with a fresh, throw-away profile.

    Requests to file:, data: and blob: URLs, and to URLs starting with one of `allow`
    (e.g. "http://127.0.0.1:8888/"), go through; every other request is aborted and
    its URL appended to `blocked`. The page's context (and, without shared_chromium, the
    browser, Playwright and the profile folder) is removed on exit, also when the test fails.
    """
    executable = require_chromium()
    allowed = (*LOCAL_SCHEMES, *allow)
    refused = blocked if blocked is not None else []

    def gate(route):
        url = route.request.url
        if url.startswith(allowed):
            route.continue_()
        else:
            refused.append(url)
            route.abort("blockedbyclient")

    if _shared is not None:
        context = _shared.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                      service_workers="block")
        try:
            context.route("**/*", gate)
            yield context.new_page()
        finally:
            context.close()
        return

    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="desk-chromium-")
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=executable, headless=True, args=list(CHROMIUM_FLAGS),
                viewport={"width": viewport[0], "height": viewport[1]}, service_workers="block",
                timeout=60_000)
            try:
                context.route("**/*", gate)
                page = context.pages[0] if context.pages else context.new_page()
                yield page
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
