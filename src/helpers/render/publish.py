"""Publishing: swap an edition's published symlink for its new version and record it in the
manifest, with SIGTERM and Ctrl-C held so that a publish step is never cut in half."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
from contextlib import contextmanager
from pathlib import Path

from helpers import manifest
from helpers.errors import DeskError
from helpers.inputs import Inputs
from helpers.plan import Edition
from helpers.render import STAGING, VERSIONS
from helpers.render.checks import Job


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


def edition_entry(job: Job, inputs: Inputs, version: Path, duration: float, rendered_at: str) -> dict:
    """The edition's manifest entry: what it was made from (its declared inputs) and what it holds."""
    made_from = inputs.of(job.edition.name)
    return {
        "notebook": job.edition.notebook, "parameters": job.parameters,
        "inputs": made_from, "inputs_hash": manifest.combined(made_from), "packages": manifest.package_versions(),
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
    once the runner is done with them (the caller deletes them: see review.publish_and_review).
    """
    versions = output / VERSIONS
    versions.mkdir(exist_ok=True)
    editions = {k: v for k, v in document["editions"].items() if k not in removed}
    swaps = []
    try:
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
    except BaseException:        # e.g. a full disk: nothing was published, and nothing prepared is left behind
        _undo_prepared(output, [link for _, link in swaps], [versions / f"{name}-{run_id}" for name, _, _ in ready])
        raise

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


def _undo_prepared(output: Path, links: list[Path], versions: list[Path]) -> None:
    for link in links:
        link.unlink(missing_ok=True)
    for version in versions:
        shutil.rmtree(version, ignore_errors=True)
    for partial in output.glob(f".{manifest.MANIFEST}.{os.getpid()}.tmp"):
        partial.unlink(missing_ok=True)


def record(output: Path, document: dict, keys: dict) -> None:
    """Add what was done after publishing to the manifest ("review": the batch's review; "site": what
    the site was built from): an atomic write that changes only those keys (the hook ran on a
    consistent output and manifest)."""
    updated = {**document, **keys}
    with signals_held():
        manifest.write(output, updated)
    document.update(updated)


def delete_replaced(obsolete: list[Path]) -> None:
    for folder in obsolete:
        shutil.rmtree(folder, ignore_errors=True)


def removed_editions(editions: list[Edition], document: dict) -> list[str]:
    """Published editions no longer in the plan: a render unpublishes them only when asked
    (--allow-unpublish; see unpublish_refused)."""
    planned = {e.name for e in editions}
    return sorted(set(document["editions"]) - planned)


class UnpublishRefused(DeskError):
    """The render would take published editions down, and was not asked to (--allow-unpublish)."""


def unpublish_refused(removed: list[str]) -> UnpublishRefused:
    return UnpublishRefused(
        f"render refused: it would unpublish {len(removed)} published edition(s) that are no longer in "
        f"renders.yml: {', '.join(removed)}. Nothing was rendered or published. If they should go, run again "
        "with --allow-unpublish; if not, check renders.yml (a misspelt key or edition name).")


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
