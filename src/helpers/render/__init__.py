"""Render the plan (renders.yml) into output/: `make render`, `python -m helpers.render`.

What a render does, in order:
1. takes the render lock (a second render exits with status 3, or waits with --wait): lock;
2. skips every edition whose inputs hash the same as in output/manifest.json: checks;
3. validates the data and every edition's parameters before any kernel starts (status 2): checks;
4. executes the editions' notebooks with papermill, in parallel, into a staging folder: workers;
5. publishes each edition that succeeded completely by swapping one symlink, then
   records it in the manifest (written atomically): publish. A failed, killed or
   interrupted render leaves the published output and the manifest as they were.
The command line is in cli (`python -m helpers.render` runs cli.main), the render itself in run,
progress lines in report. This module holds only what they all share (the kernel's name, the exit
statuses, the output's hidden folders) and imports none of them, so none of them imports it back
in a circle (tests/test_imports.py).

Exit status: 0 success, 1 a render failed, 2 invalid data, plan or parameters,
3 another render is running.
"""

from __future__ import annotations

KERNEL = "belarus-releases"                       # the project's Jupyter kernel (install_kernel)
KERNEL_DISPLAY_NAME = "Belarus releases (project)"
EXIT_OK, EXIT_FAILED, EXIT_INVALID, EXIT_BUSY = 0, 1, 2, 3
STAGING, VERSIONS, LOGS = ".staging", ".versions", ".logs"


def install_kernel(prefix: str | None = None) -> str:
    """Install the project kernel, run by this Python, into this environment (`make` does, once)."""
    import sys

    from ipykernel.kernelspec import install

    return install(kernel_name=KERNEL, display_name=KERNEL_DISPLAY_NAME, prefix=prefix or sys.prefix)
