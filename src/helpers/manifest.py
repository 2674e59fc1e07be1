"""output/manifest.json: what each published edition was made from, and what it holds.

For each edition: its parameters, the SHA-256 of every input (the data files it read,
the notebook, the helper code, the dependency lock, its entry in the plan), package
versions, every output file with its SHA-256, when it rendered, how long it took.
Equal input hashes mean an edition is up to date and can be skipped.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from importlib import metadata
from pathlib import Path

MANIFEST = "manifest.json"
DEPENDENCY_LOCK = "requirements/render.txt"   # the pinned render environment
PACKAGES = ("pandas", "altair", "vl-convert-python", "papermill", "jupytext", "ipykernel")
ALL_DATA = "data/*"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def helper_code_files(root: Path) -> list[Path]:
    package = root / "src" / "helpers"
    return sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def _hash_files(root: Path, files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + sha256_file(path).encode())
    return digest.hexdigest()


def snapshot_inputs(root: Path, notebooks: set[str]) -> dict[str, str]:
    """SHA-256 of every possible input, taken once before anything runs: what an edition
    is recorded as made from is what existed when it started, even if a file changes mid-render."""
    hashes = {p.relative_to(root).as_posix(): sha256_file(p)
              for p in sorted((root / "data").glob("*")) if p.is_file()}
    for notebook in sorted(notebooks):
        hashes[notebook] = sha256_file(root / notebook)
    hashes["src/helpers"] = _hash_files(root, helper_code_files(root))
    lock = root / DEPENDENCY_LOCK
    hashes[DEPENDENCY_LOCK] = sha256_file(lock) if lock.is_file() else "missing"
    return hashes


def edition_inputs(snapshot: dict[str, str], notebook: str, plan_entry: dict, reads: list[str]) -> dict[str, str]:
    """The inputs of one edition: the data files it read (all of data/ before a first
    render: ALL_DATA), its notebook, the helper code, the dependency lock, its plan entry."""
    if reads == [ALL_DATA]:
        reads = [name for name in snapshot if name.startswith("data/")]
    hashes = {relative: snapshot.get(relative, "missing") for relative in sorted(reads)}
    hashes[notebook] = snapshot[notebook]
    hashes["src/helpers"] = snapshot["src/helpers"]
    hashes[DEPENDENCY_LOCK] = snapshot[DEPENDENCY_LOCK]
    hashes["renders.yml entry"] = sha256_text(json.dumps(plan_entry, sort_keys=True, default=str))
    return hashes


def combined(hashes: dict[str, str]) -> str:
    return sha256_text(json.dumps(hashes, sort_keys=True))


def package_versions() -> dict[str, str]:
    """The versions the render ran with, the same for every edition of a render (a copy each)."""
    return dict(_installed_versions())


@functools.cache
def _installed_versions() -> dict[str, str]:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def output_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): sha256_file(p)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def read(output_root: Path) -> dict:
    path = output_root / MANIFEST
    if not path.is_file():
        return {"editions": {}}
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return {"editions": {}}   # a damaged manifest only costs a full re-render
    document.setdefault("editions", {})
    return document


def write_temporary(output_root: Path, document: dict) -> Path:
    """The new manifest, written beside the old one; os.replace() it to publish atomically."""
    temporary = output_root / f".{MANIFEST}.{os.getpid()}.tmp"
    temporary.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return temporary


def write(output_root: Path, document: dict) -> None:
    """Replace the manifest atomically: readers see the old one or the new one, never half."""
    os.replace(write_temporary(output_root, document), output_root / MANIFEST)
