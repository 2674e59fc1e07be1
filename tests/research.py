"""The research dossier the fact checks read (a helper module, not a test file).

Beside the repo (`../shared/research`) the checks read the dossier itself. Where it is absent, as on
GitHub's runner, they read tests/fixtures/research/: copies of only what they need (the two glossary
CSVs as they are, and dossier_urls.txt, the addresses of the data that the dossier gives, one a line).
tests/test_research_fixtures.py proves those copies match the dossier wherever it is present. Where
neither is found the check skips with the reason, and fails under CI=true (privileged.unavailable).
"""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from privileged import unavailable

DOSSIER = ROOT.parent / "shared" / "research"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "research"


def research_path(name: str) -> Path:
    """The dossier's file, or its committed copy in tests/fixtures/research/."""
    for folder in (DOSSIER, FIXTURES):
        if (folder / name).is_file():
            return folder / name
    unavailable(f"neither the research dossier ({DOSSIER}) nor tests/fixtures/research/ has {name}")


def dossier_text() -> str:
    """The whole dossier's text where it is here; else the committed list of the data's addresses it gives."""
    if DOSSIER.is_dir():
        return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(DOSSIER.rglob("*"))
                         if p.is_file())
    return research_path("dossier_urls.txt").read_text(encoding="utf-8")
