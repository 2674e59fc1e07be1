"""The validation result of one version of the data, so that it is computed once per render.

A version is the SHA-256 of every file in the data folder (datapackage.json included), of
this package's code, of the pandas release and of the folder's name (problems name it). Any
change to any of them is a new version, so a stale result is never used: it is simply not
found. The day matters too (a date is "in the future" only until its day comes): the result
records the day it was computed, and `helpers.data` checks again on a later day only if the
result called a date "in the future" (a result with none stays true as days pass).

Where: `<project>/.cache/validation/<version>.pickle` (git ignores `.cache/`). Not under
output/, which holds only published editions: the runner swaps it atomically and its tests
compare it byte for byte before and after a failed render, which a cache file written by the
validation would break. Holds the problems and the rows of every file (plain Python values),
so a cache hit needs no pandas: the render runner's "nothing changed" path stays fast.

Standard library only.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
from pathlib import Path

CODE_DIR = Path(__file__).resolve().parent
KEEP = 4   # newest entries kept (a 1M-row data folder stores some 100s of MB); older ones are removed


def folder(data_dir: Path) -> Path:
    return data_dir.resolve().parent / ".cache" / "validation"


def version(data_dir: Path) -> str:
    digest = hashlib.sha256()

    def add(label: str, content: bytes) -> None:
        digest.update(f"{label}\0{len(content)}\0".encode())
        digest.update(content)

    add("shown as", data_dir.name.encode())
    add("pandas", _pandas_release().encode())
    for path in sorted(CODE_DIR.glob("*.py")):
        add(f"code/{path.name}", path.read_bytes())
    if data_dir.is_dir():
        for path in sorted(p for p in data_dir.iterdir() if p.is_file()):
            with path.open("rb") as handle:
                add(f"data/{path.name}", hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()


def _pandas_release() -> str:
    """The installed pandas' dist-info folder name (its version), without importing pandas or
    importlib.metadata (60 ms, on the render runner's "nothing changed" path)."""
    spec = importlib.util.find_spec("pandas")
    if spec is None or not spec.origin:
        return "none"
    return ",".join(sorted(p.name for p in Path(spec.origin).parents[1].glob("pandas-*.dist-info")))


def read(data_dir: Path, key: str) -> dict | None:
    """The stored result for this version, or None."""
    try:
        with (folder(data_dir) / f"{key}.pickle").open("rb") as handle:
            return pickle.load(handle)
    except Exception:  # missing, half-written by a crashed process, or from other code: validate again
        return None


def write(data_dir: Path, key: str, result: dict) -> None:
    """Store a result (atomically: readers see all of it or nothing); a read-only project just goes without."""
    place = folder(data_dir)
    try:
        place.mkdir(parents=True, exist_ok=True)
        temporary = place / f".{key}.{os.getpid()}.tmp"
        with temporary.open("wb") as handle:
            pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, place / f"{key}.pickle")
        entries = sorted(place.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
