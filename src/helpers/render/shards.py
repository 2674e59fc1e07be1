"""Sharded renders for a CI matrix: `--shard K/N` renders a share of the plan into its own folder
(default output-shard-K/), `--merge DIR...` publishes the shards' editions into output/ at once.

A shard's manifest records which share it is ("shard": {"index": K, "count": N}). The merge checks,
before it changes anything, that every shard 1..N is there exactly once, that each rendered every
edition of its share (a failed or held-back shard lacks some), from the same inputs as this
checkout (data, notebooks, helper code, lock, plan entry), with files matching their hashes. Then
it copies the editions into staging and publishes them as one batch, as a render does.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import manifest
from helpers.errors import DeskError
from helpers.plan import load_plan, shard, site_url, stale_after_days
from helpers.render import STAGING
from helpers.render.checks import plan_entry, published_intact
from helpers.render.publish import removed_editions


class MergeFailed(DeskError):
    """A shard is missing, failed, or does not match this checkout: nothing was merged."""


def shard_info(k: int, n: int) -> dict:
    return {"index": k, "count": n}


def check_shards(root: Path, folders: list[Path], editions, snapshot: dict) -> list[tuple]:
    """(edition, shard folder, manifest entry) for every planned edition; MergeFailed otherwise."""
    n, errors, found = len(folders), [], {}
    for folder in folders:
        document = manifest.read(folder)
        info = document.get("shard")
        if not (folder / manifest.MANIFEST).is_file() or not isinstance(info, dict):
            errors.append(f"{folder}: not a shard's output (expected a folder written by --shard K/N, "
                          "with a manifest.json naming its shard)")
        elif info.get("count") != n:
            errors.append(f"{folder}: holds shard {info.get('index')}/{info.get('count')}, but {n} folder(s) "
                          f"were given (expected all N shards of one --shard K/N run)")
        elif info.get("index") in found:
            errors.append(f"{folder}: shard {info['index']}/{n} given twice (also {found[info['index']][0]})")
        else:
            found[info["index"]] = (folder, document)
    for k in range(1, n + 1):
        if k not in found and not any(f"holds shard" in e or "not a shard" in e for e in errors):
            errors.append(f"shard {k}/{n} is missing")
    chosen = []
    for k, (folder, document) in sorted(found.items()):
        for edition in shard(editions, k, n):
            entry = document["editions"].get(edition.name)
            where = f"shard {k}/{n} ({folder}), edition {edition.name}"
            if not entry or entry.get("status") != "ok":
                errors.append(f"{where}: not rendered (the shard failed or was held back)")
                continue
            inputs = manifest.edition_inputs(snapshot, edition.notebook, plan_entry(edition),
                                             entry.get("reads", [manifest.ALL_DATA]))
            if entry.get("inputs_hash") != manifest.combined(inputs):
                errors.append(f"{where}: rendered from other inputs than this checkout's (render the shard again)")
            elif not published_intact(folder, edition.name, entry):
                errors.append(f"{where}: its files are missing or altered")
            else:
                chosen.append((edition, folder, entry))
    if errors:
        raise MergeFailed(f"merge failed: {len(errors)} problem(s); nothing was published, output/ is unchanged.",
                          errors)
    return chosen


def merge(args, state) -> int:
    """--merge DIR...: check every shard, then publish all their editions into output/ as one batch."""
    import datetime as dt
    import os

    from helpers.render.run import publish_and_review

    root, output = state.root, state.output
    editions = load_plan(root)
    state.document = manifest.read(output)
    state.snapshot = manifest.snapshot_inputs(root, {e.notebook for e in editions})
    folders = [Path(folder).resolve() for folder in args.merge]
    chosen = check_shards(root, folders, editions, state.snapshot)
    stale_days = stale_after_days(root)
    state.site_url = site_url(root)
    if args.previous is not None:       # the previous publication: what the merged editions replace
        from helpers.render.previous import take

        take(args.previous, state)
    state.run_id = dt.datetime.now().strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}"
    state.staging_root = output / STAGING / state.run_id
    state.staging_root.mkdir(parents=True)
    batch = []
    for edition, folder, entry in chosen:
        copy = state.staging_root / edition.name
        shutil.copytree(folder / edition.name, copy, symlinks=False)
        if manifest.output_hashes(copy) != entry["outputs"]:
            raise MergeFailed(f"merge failed: {edition.name} changed while it was copied from {folder}; "
                              "nothing was published")
        batch.append((edition.name, copy, entry))
    status = publish_and_review(state, batch, removed_editions(editions, state.document), args, stale_days)
    shutil.rmtree(output / STAGING, ignore_errors=True)
    state.reporter.line(f"merged {len(batch)} edition(s) from {len(folders)} shard(s)")
    return status
