"""Run inside a warm kernel (imported there by the runner's worker): warm-up, reset, leak check.

A warm kernel runs edition after edition. Before each one `prepare()` puts it back in the
state a fresh kernel would be in, as far as an edition can tell: an empty user namespace,
execution count 1, the project folder as working directory, Altair's default theme, no
custom exception display. It then compares the
kernel's process-wide state (environment, sys.path, locale, numpy error mode, pandas options,
threads, memory) with what it was after warm-up: any difference is a leak, and the worker
replaces the kernel before the edition runs.
"""

from __future__ import annotations

import gc
import os
import sys

MEMORY_GROWTH_LIMIT_MB = 1500      # more than this over the warmed-up kernel: replaced
_baseline: dict | None = None
_baseline_rss = 0.0
_theme_at_start: str | None = None
last: list[str] = []                # what the last prepare() found (read by the worker)


def _rss_mb() -> float:
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return 0.0


def fingerprint() -> dict:
    """What an edition could change that a namespace reset does not undo."""
    import locale
    import threading

    import numpy as np
    import pandas as pd

    options = ("mode.copy_on_write", "future.infer_string", "display.max_rows", "display.precision")
    return {
        "environment": sorted(os.environ.items()),
        "sys.path": list(sys.path),
        "locale": locale.setlocale(locale.LC_ALL, None),
        "numpy errors": sorted(np.geterr().items()),
        "pandas options": [str(pd.get_option(name)) for name in options],
        "threads": len(threading.enumerate()),
    }


def warm_up() -> None:
    """Import what editions use and start the Vega engine (vl-convert) once, for this kernel."""
    global _baseline, _baseline_rss, _theme_at_start
    import altair as alt

    _theme_at_start = alt.theme.active
    import pkgutil

    import helpers
    for module in pkgutil.walk_packages(helpers.__path__, "helpers."):
        if not module.name.startswith(("helpers.render", "helpers.new_release")) \
                and not module.name.endswith("__main__"):
            try:
                __import__(module.name)
            except Exception:  # an optional module that cannot load here is the edition's business
                pass
    import vl_convert as vlc

    from helpers import theme

    theme.register_font()
    spec = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "data": {"values": [{"x": 1}]},
            "mark": "point", "encoding": {"x": {"field": "x", "type": "quantitative"}}}
    svg = vlc.vegalite_to_svg(spec)
    vlc.svg_to_png(svg)
    vlc.svg_to_pdf(svg)
    alt.theme.enable(_theme_at_start)
    # What warm-up loaded stays for the kernel's life: out of the collector's sight, each
    # reset's collection (and any during an edition) walks only what editions made.
    gc.collect()
    gc.freeze()
    _baseline = fingerprint()
    _baseline_rss = _rss_mb()


def prepare(root: str) -> None:
    """Reset the kernel for the next edition; `last` says what leaked (empty when the kernel is clean).
    Called without binding any name in the user namespace, which it empties."""
    global last
    import altair as alt

    shell = get_ipython()  # noqa: F821  (this runs inside IPython)
    shell.reset(new_session=True)             # user namespace, history, execution count 1
    shell.set_custom_exc((), None)
    os.chdir(root)
    if _theme_at_start is not None:
        alt.theme.enable(_theme_at_start)
    if _baseline is None:
        last = []
        return
    now = fingerprint()
    last = [key for key in _baseline if now[key] != _baseline[key]]
    if _rss_mb() - _baseline_rss > MEMORY_GROWTH_LIMIT_MB:
        last.append(f"memory (over {MEMORY_GROWTH_LIMIT_MB} MB more than when warmed up)")
