"""Modules small enough to read in one sitting: none in src/helpers or bench over 300 lines."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 300

# Modules over the limit while a branch rewrites them (each said why); a module listed here that is
# back under the limit fails the test too, so the list cannot go stale. Empty since December 2026.
WAITING: set[str] = set()


def sizes() -> dict[str, int]:
    files = [*sorted((ROOT / "src" / "helpers").rglob("*.py")), *sorted((ROOT / "bench").rglob("*.py"))]
    return {path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines()) for path in files}


def test_no_module_is_over_300_lines():
    over = {name: lines for name, lines in sizes().items() if lines > LIMIT and name not in WAITING}
    assert not over, f"modules over {LIMIT} lines (split each into modules named for what they do):\n" + \
        "\n".join(f"  {name}: {lines} lines" for name, lines in sorted(over.items()))


def test_the_waiting_list_names_only_modules_still_over():
    known = sizes()
    done = sorted(name for name in WAITING if known.get(name, 0) <= LIMIT)
    assert not done, f"back under {LIMIT} lines (or gone): remove from WAITING in tests/test_module_size.py: {done}"
