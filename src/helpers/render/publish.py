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
from helpers.plan import Edition
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


def edition_entry(job: Job, snapshot: dict, version: Path, duration: float, rendered_at: str) -> dict:
    """The edition's manifest entry: what it was made from and what it holds."""
    reads_file = job.staging.parent / f"{job.edition.name}.reads.json"
    reads = json.loads(reads_file.read_text()) if reads_file.is_file() else [manifest.ALL_DATA]
    inputs = manifest.edition_inputs(snapshot, job.edition.notebook, plan_entry(job.edition), reads)
    return {
        "notebook": job.edition.notebook, "parameters": job.parameters, "reads": reads,
        "inputs": inputs, "inputs_hash": manifest.combined(inputs), "packages": manifest.package_versions(),
        "outputs": manifest.output_hashes(version), "rendered_at": rendered_at,
        "duration_seconds": round(duration, 2), "status": "ok",
    }


def publish_batch(ready: list[tuple[str, Path, dict]], removed: list[str], output: Path,
                  run_id: str, document: dict) -> tuple[dict[str, Path | None], list[Path]]:
    """Publish every edition that rendered in this run at once, and unpublish the removed ones.

    `ready` holds (edition name, its rendered folder, its manifest entry).
    Everything is prepared first (each new version folder, a temporary symlink per edition,
    the new manifest in a temporary file); then, with signals held, one rename per edition
    swaps its symlink and one rename publishes the manifest. Returns, for each published
    edition, the folder of the version it replaced (None if new), and the folders to delete
    once the runner is done with them (the caller deletes them: see run.finish).
    """
    versions = output / VERSIONS
    versions.mkdir(exist_ok=True)
    editions = {k: v for k, v in document["editions"].items() if k not in removed}
    swaps = []
    for name, folder, entry in ready:
        new_version = versions / f"{name}-{run_id}"
        os.rename(folder, new_version)               # not yet published: the symlink decides
        editions[name] = entry
        new_link = output / f".{name}.{run_id}.link"
        os.symlink(os.path.relpath(new_version, output), new_link)
        swaps.append((name, new_link))
    updated = {**document, "editions": editions,
               "updated_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
    updated.pop("review", None)                      # the review of an earlier batch no longer applies
    new_manifest = manifest.write_temporary(output, updated)

    replaced: dict[str, Path | None] = {}
    with signals_held():
        for name, new_link in swaps:
            link = output / name
            old_target = output / os.readlink(link) if link.is_symlink() else None
            if link.exists() and not link.is_symlink():   # a plain folder, e.g. copied by hand: set it aside
                old_target = versions / f"{name}-replaced-{run_id}"
                os.rename(link, old_target)
            os.replace(new_link, link)
            replaced[name] = old_target if old_target is not None and old_target.exists() else None
        for name in removed:
            link = output / name
            if link.is_symlink() and _inside(link, versions):
                link.unlink()
        os.replace(new_manifest, output / manifest.MANIFEST)
    document.clear()
    document.update(updated)
    obsolete = [p for p in replaced.values() if p is not None and _inside(p, versions)]
    return replaced, obsolete


def record_review(output: Path, document: dict, review: dict) -> None:
    """Add the review of the published batch to the manifest (a second atomic write that changes
    only the "review" key: the hook ran on a consistent output and manifest)."""
    updated = {**document, "review": review}
    with signals_held():
        manifest.write(output, updated)
    document.update(updated)


def delete_replaced(obsolete: list[Path]) -> None:
    for folder in obsolete:
        shutil.rmtree(folder, ignore_errors=True)


def removed_editions(editions: list[Edition], document: dict) -> list[str]:
    """Editions no longer in the plan stop being published (their figures would go stale)."""
    planned = {e.name for e in editions}
    return sorted(set(document["editions"]) - planned)


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
