"""output/manifest.json: what each published edition was made from, and what it holds.

For each edition: its parameters, the SHA-256 of every input (the data files it read,
the notebook, the helper code, the dependency lock, its entry in the plan), package
versions, every output file with its SHA-256, when it rendered, how long it took.
Equal input hashes mean an edition is up to date and can be skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib import metadata
from pathlib import Path

MANIFEST = "manifest.json"
LOCK_FILE = "requirements/render.txt"
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


def input_hashes(root: Path, notebook: str, plan_entry: dict, reads: list[str]) -> dict[str, str]:
    """SHA-256 of everything an edition's output depends on.

    `reads` are the data files the notebook read last time (recorded by helpers.data);
    before a first render it is ALL_DATA, meaning every file in data/.
    """
    hashes = {}
    if reads == [ALL_DATA]:
        data_files = sorted(p for p in (root / "data").glob("*") if p.is_file())
        reads = [p.relative_to(root).as_posix() for p in data_files]
    for relative in sorted(reads):
        path = root / relative
        hashes[relative] = sha256_file(path) if path.is_file() else "missing"
    hashes[notebook] = sha256_file(root / notebook)
    hashes["src/helpers"] = _hash_files(root, helper_code_files(root))
    lock = root / LOCK_FILE
    hashes[LOCK_FILE] = sha256_file(lock) if lock.is_file() else "missing"
    hashes["renders.yml entry"] = sha256_text(json.dumps(plan_entry, sort_keys=True, default=str))
    return hashes


def combined(hashes: dict[str, str]) -> str:
    return sha256_text(json.dumps(hashes, sort_keys=True))


def package_versions() -> dict[str, str]:
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


def write(output_root: Path, document: dict) -> None:
    """Replace the manifest atomically: readers see the old one or the new one, never half."""
    path = output_root / MANIFEST
    temporary = path.with_name(f".{MANIFEST}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(temporary, path)
