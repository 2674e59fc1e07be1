"""The executed notebook as it is published: a function of the edition's inputs, not of the run.

papermill and nbclient write into an executed notebook what belongs to one run only: when each
cell started and ended, the run's staging folder (in the injected `output_dir` and in what the
export cell prints), the project's absolute path, a random id for the injected parameters cell,
and Altair's random id for each chart's HTML output. Stream outputs are coalesced when the
notebook runs (nbclient's `coalesce_streams`), so a `print` the kernel flushed in two pieces under
load is one output. `publishable()` rewrites the rest, so two renders of the same inputs publish
the same bytes, warm or fresh, sharded or not. The manifest keeps when the edition rendered and
how long it took.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

# What nbclient is told: coalesce stream outputs and record no per-cell timings.
EXECUTION_OPTIONS = {"coalesce_streams": True, "record_timing": False}

INJECTED_CELL_ID = "injected-parameters"
RUN_ONLY = ("start_time", "end_time", "duration")
ALTAIR_ID = re.compile(r"altair-viz-[0-9a-f]{32}")


def publishable(path: Path, root: str, staging: str, published: str) -> None:
    """Rewrite the executed notebook at `path` in place: the staging folder reads as the folder the
    edition is published to (`published`, e.g. "output/cumulative-releases-desktop-en"), paths inside the
    project are relative to it, and run times and random ids are gone."""
    text = path.read_text(encoding="utf-8")
    for literal, replacement in ((staging, published), (root.rstrip("/") + "/", "")):
        text = text.replace(literal, replacement).replace(json.dumps(literal)[1:-1], json.dumps(replacement)[1:-1])
    notebook = json.loads(text)
    for key in RUN_ONLY:
        notebook.get("metadata", {}).get("papermill", {}).pop(key, None)
    charts: dict[str, str] = {}
    for cell in notebook.get("cells", []):
        for key in RUN_ONLY:
            cell.get("metadata", {}).get("papermill", {}).pop(key, None)
        cell.get("metadata", {}).pop("execution", None)
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = INJECTED_CELL_ID
    text = json.dumps(notebook, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    text = ALTAIR_ID.sub(lambda m: charts.setdefault(m.group(0), f"altair-viz-{len(charts) + 1}"), text)
    path.write_text(text, encoding="utf-8")
