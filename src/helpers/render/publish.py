"""Publishing: swap an edition's published symlink for its new version and record it in the
manifest, with SIGTERM and Ctrl-C held so that a publish step is never cut in half."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
from contextlib import contextmanager
from pathlib import Path

from helpers import manifest
from helpers.plan import PLAN_FILE, Edition
from helpers.render import STAGING, VERSIONS
from helpers.render.checks import Job, plan_entry


@contextmanager
def signals_held():
    """SIGTERM and Ctrl-C wait until the block ends, so a publish step is never cut in half."""
    held = {signal.SIGTERM, signal.SIGINT}
    signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def publish(job: Job, snapshot: dict, output: Path, run_id: str, document: dict, duration: float) -> None:
    """Swap the edition's published folder for the new one, and record it in the manifest.

    Everything is prepared first (the new version folder, a temporary symlink, the new
    manifest in a temporary file); then two renames, with signals held, publish both.
    """
    versions = output / VERSIONS
    versions.mkdir(exist_ok=True)
    name = job.edition.name
    reads_file = job.staging.parent / f"{name}.reads.json"
    reads = json.loads(reads_file.read_text()) if reads_file.is_file() else [manifest.ALL_DATA]
    inputs = manifest.edition_inputs(snapshot, job.edition.notebook, plan_entry(job.edition), reads)
    new_version = versions / f"{name}-{run_id}"
    os.rename(job.staging, new_version)          # not yet published: the symlink decides
    rendered_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    entry = {
        "notebook": job.edition.notebook, "parameters": job.parameters, "reads": reads,
        "inputs": inputs, "inputs_hash": manifest.combined(inputs), "packages": manifest.package_versions(),
        "outputs": manifest.output_hashes(new_version), "rendered_at": rendered_at,
        "duration_seconds": round(duration, 2), "status": "ok",
    }
    updated = {**document, "editions": {**document["editions"], name: entry}, "updated_at": rendered_at}
    new_manifest = manifest.write_temporary(output, updated)
    new_link = output / f".{name}.{run_id}.link"
    os.symlink(os.path.relpath(new_version, output), new_link)

    link = output / name
    old_target = output / os.readlink(link) if link.is_symlink() else None
    with signals_held():
        if link.exists() and not link.is_symlink():   # a plain folder, e.g. copied by hand: set it aside
            old_target = versions / f"{name}-replaced-{run_id}"
            os.rename(link, old_target)
        os.replace(new_link, link)
        os.replace(new_manifest, output / manifest.MANIFEST)
    document.update(updated)
    if old_target is not None and old_target.exists() and _inside(old_target, versions):
        shutil.rmtree(old_target, ignore_errors=True)


def unpublish_removed(editions: list[Edition], output: Path, document: dict, reporter) -> None:
    """Editions no longer in the plan stop being published (their figures would go stale)."""
    planned = {e.name for e in editions}
    for name in sorted(set(document["editions"]) - planned):
        link = output / name
        updated = {**document, "editions": {k: v for k, v in document["editions"].items() if k != name}}
        new_manifest = manifest.write_temporary(output, updated)
        with signals_held():
            if link.is_symlink() and _inside(link, output / VERSIONS):
                link.unlink()
            os.replace(new_manifest, output / manifest.MANIFEST)
        document.update(updated)
        reporter.line(f"unpublished {name}: it is no longer in {PLAN_FILE}")


def tidy(output: Path) -> None:
    """Remove what killed renders left: staging folders and unreferenced versions."""
    shutil.rmtree(output / STAGING, ignore_errors=True)
    versions = output / VERSIONS
    if not versions.is_dir():
        return
    referenced = {(output / os.readlink(p)).resolve() for p in output.iterdir() if p.is_symlink()}
    for folder in versions.iterdir():
        if folder.resolve() not in referenced:
            shutil.rmtree(folder, ignore_errors=True)
    for leftover in output.glob(".*.link"):
        leftover.unlink(missing_ok=True)
