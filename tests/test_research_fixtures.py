"""The committed copies of the research dossier (tests/fixtures/research/) match the dossier.

They stand in for it where it is absent (GitHub's runner: tests/research.py). These checks need the
dossier itself, so they cannot run there; they skip with that reason (the copies they vouch for are
what CI reads)."""

from __future__ import annotations

import pytest

import test_facts
from research import DOSSIER, FIXTURES

pytestmark = pytest.mark.skipif(not DOSSIER.is_dir(), reason=f"the research dossier is not here ({DOSSIER}): "
                                "the committed copies in tests/fixtures/research/ are read instead")


@pytest.mark.parametrize("name", ["names_glossary.csv", "names_glossary_sources.csv", "FRESHNESS_2026-12.md"])
def test_the_glossaries_are_the_dossiers_own(name):
    assert (FIXTURES / name).read_bytes() == (DOSSIER / name).read_bytes(), f"copy {DOSSIER / name} again"


def test_the_address_list_holds_every_address_of_the_data_that_the_dossier_gives_and_no_other():
    dossier = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(DOSSIER.rglob("*"))
                        if p.is_file())
    listed = (FIXTURES / "dossier_urls.txt").read_text(encoding="utf-8").splitlines()
    assert [url for url in listed if url not in dossier] == []
    wanted = set()
    for _, url in test_facts.urls_in_data():      # as the check reads it: the address, or without its end's punctuation
        wanted |= {next((found for found in (url, url.rstrip(".,;:)")) if found in dossier), url)}
    assert sorted(wanted) == sorted(set(listed)) == listed
