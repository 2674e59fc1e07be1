"""output/manifest.json: what each published edition was made from, and what it holds.

For each edition: its parameters, the SHA-256 of every input (helpers.inputs declares them:
its datasets, its notebook, the code it is rendered by, its catalog, the dependency lock,
its entry in the plan), package versions, every output file with its SHA-256, when it
rendered, how long it took. Equal input hashes mean an edition is up to date and can be
skipped. Under "site", what the site was last built from.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from importlib import metadata
from pathlib import Path

MANIFEST = "manifest.json"
PACKAGES = ("pandas", "altair", "vl-convert-python", "papermill", "jupytext", "ipykernel")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
