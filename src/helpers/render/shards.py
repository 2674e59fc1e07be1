"""Sharded renders for a CI matrix: `--shard K/N` renders a share of the plan into its own folder
(default output-shard-K/), `--merge DIR...` publishes the shards' editions into output/ at once.

A shard's manifest records which share it is ("shard": {"index": K, "count": N}). The merge checks,
before it changes anything, that every shard 1..N is there exactly once, that each rendered every
edition of its share (a failed or held-back shard lacks some), from the same inputs as this
checkout (helpers.inputs), with files matching their hashes. Then it copies the editions into
staging and publishes them as one batch, as a render does (unpublishing only with
--allow-unpublish).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import manifest
from helpers.errors import DeskError
from helpers.inputs import Inputs
from helpers.plan import Edition, PlanError, load_plan, site_url, stale_after_days
from helpers.render import STAGING
from helpers.render.checks import published_intact
from helpers.render.publish import removed_editions, unpublish_refused
from helpers.render.review import publish_and_review


def parse_shard(text: str) -> tuple[int, int]:
    """`--shard K/N`: this runner's share, K of N (1-based)."""
    try:
        k, n = (int(part) for part in text.split("/"))
    except ValueError:
        raise PlanError(f"--shard {text}: expected K/N with whole numbers, e.g. --shard 2/3") from None
    if not 1 <= k <= n:
        raise PlanError(f"--shard {text}: K must be between 1 and N (e.g. --shard 1/3 ... --shard 3/3)")
    return k, n


def shard(editions: list[Edition], k: int, n: int) -> list[Edition]:
    """Shard K of N: a deterministic, balanced share of the editions. Editions are taken in name order
    and dealt round-robin, so every shard gets the same number (give or take one) and the same edition
    always lands in the same shard for a given plan and N."""
    ordered = sorted(editions, key=lambda e: e.name)
    return [edition for i, edition in enumerate(ordered) if i % n == k - 1]


class MergeFailed(DeskError):
    """A shard is missing, failed, or does not match this checkout: nothing was merged."""


def shard_info(k: int, n: int) -> dict:
    return {"index": k, "count": n}


# What a folder given to --merge turned out to be.
SHARD, NOT_A_SHARD, OTHER_COUNT, GIVEN_TWICE = "shard", "not a shard", "another count", "given twice"


def shard_state(folder: Path, document: dict, n: int, found: dict) -> str:
    info = document.get("shard")
    if not (folder / manifest.MANIFEST).is_file() or not isinstance(info, dict):
        return NOT_A_SHARD
    if info.get("count") != n:
        return OTHER_COUNT
    return GIVEN_TWICE if info.get("index") in found else SHARD


def check_shards(folders: list[Path], editions, inputs: Inputs) -> list[tuple]:
    """(edition, shard folder, manifest entry) for every planned edition; MergeFailed otherwise."""
    n, errors, found, states = len(folders), [], {}, []
    for folder in folders:
        document = manifest.read(folder)
        state = shard_state(folder, document, n, found)
        states.append(state)
        info = document.get("shard") or {}
        if state == NOT_A_SHARD:
            errors.append(f"{folder}: not a shard's output (expected a folder written by --shard K/N, "
                          "with a manifest.json naming its shard)")
        elif state == OTHER_COUNT:
            errors.append(f"{folder}: holds shard {info.get('index')}/{info.get('count')}, but {n} folder(s) "
                          f"were given (expected all N shards of one --shard K/N run)")
        elif state == GIVEN_TWICE:
            errors.append(f"{folder}: shard {info['index']}/{n} given twice (also {found[info['index']][0]})")
        else:
            found[info["index"]] = (folder, document)
    if all(state in (SHARD, GIVEN_TWICE) for state in states):   # a missing shard means something only then
        errors += [f"shard {k}/{n} is missing" for k in range(1, n + 1) if k not in found]
    chosen = []
    for k, (folder, document) in sorted(found.items()):
        for edition in shard(editions, k, n):
            entry = document["editions"].get(edition.name)
            where = f"shard {k}/{n} ({folder}), edition {edition.name}"
            if not entry or entry.get("status") != "ok":
                errors.append(f"{where}: not rendered (the shard failed or was held back)")
                continue
            if entry.get("inputs_hash") != manifest.combined(inputs.of(edition.name)):
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

    root, output = state.root, state.output
    editions = load_plan(root)
    state.document = manifest.read(output)
    state.inputs = Inputs(root, editions)
    folders = [Path(folder).resolve() for folder in args.merge]
    chosen = check_shards(folders, editions, state.inputs)
    stale_days = stale_after_days(root)
    state.site_url = site_url(root)
    if args.previous is not None:       # the previous publication: what the merged editions replace
        from helpers.render.previous import take

        take(args.previous, state)
    removed = removed_editions(editions, state.document)
    if removed and not args.allow_unpublish:
        raise unpublish_refused(removed)
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
    status = publish_and_review(state, batch, removed, args, stale_days)
    shutil.rmtree(output / STAGING, ignore_errors=True)
    state.reporter.line(f"merged {len(batch)} edition(s) from {len(folders)} shard(s)")
    return status
