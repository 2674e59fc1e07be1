"""The plan names the languages once; each story edition becomes one edition per language."""

from __future__ import annotations

import pytest

from conftest import ROOT, run_module
from helpers.plan import PlanError, check_parameters, load_plan

NB1 = "notebooks/01_cumulative_releases.ipynb"
NB4 = "notebooks/04_claims_check.ipynb"


def plan(project, text: str) -> list:
    (project / "renders.yml").write_text(text)
    return load_plan(project)


def test_the_real_plan_has_43_editions_named_story_layout_language():
    editions = load_plan(ROOT)
    names = [e.name for e in editions]
    assert len(names) == 43 and len(set(names)) == 43
    assert "cumulative-releases-desktop-be" in names and "prisoners-held-mobile-lt" in names
    assert "claims-check-desktop" in names and "sanctions-and-releases-mobile-pl" in names
    be = next(e for e in editions if e.name == "cumulative-releases-desktop-be")
    assert be.parameters == {"layout": "desktop", "language": "be"} and be.language == "be"
    assert be.story == "cumulative_releases"
    assert check_parameters(be, ROOT)["language"] == "be"
    claims = next(e for e in editions if e.name == "claims-check-desktop")
    assert "language" not in claims.parameters and claims.language == "en"


def test_an_edition_narrows_the_languages_or_names_one(project):
    editions = plan(project, f"""defaults:
  languages: [en, be, ru]
editions:
  cumulative-releases-a:
    notebook: {NB1}
    languages: [pl]
  cumulative-releases-b:
    notebook: {NB1}
    parameters: {{language: lt}}
  cumulative-releases-c:
    notebook: {NB1}
  claims-check:
    notebook: {NB4}
""")
    assert [e.name for e in editions] == ["cumulative-releases-a-pl", "cumulative-releases-b", "cumulative-releases-c-en",
                                          "cumulative-releases-c-be", "cumulative-releases-c-ru", "claims-check"]
    assert editions[1].language == "lt"


def test_no_languages_in_the_plan_keeps_single_editions(project):
    editions = plan(project, f"editions:\n  cumulative-releases:\n    notebook: {NB1}\n")
    assert [(e.name, e.language) for e in editions] == [("cumulative-releases", "en")]


A = "cumulative-releases-a"


@pytest.mark.parametrize("body, words", [
    (f"defaults:\n  languages: [en, de]\neditions:\n  {A}:\n    notebook: {NB1}\n", "'de' is not one of the desk's"),
    (f"defaults:\n  languages: en\neditions:\n  {A}:\n    notebook: {NB1}\n", "must be a list of language codes"),
    (f"editions:\n  {A}:\n    notebook: {NB1}\n    languages: [be]\n    parameters: {{language: ru}}\n",
     "not both"),
    (f"editions:\n  claims-check:\n    notebook: {NB4}\n    languages: [be]\n", "has no language parameter"),
    (f"defaults:\n  languages: [en, be]\neditions:\n  {A}:\n    notebook: {NB1}\n  {A}-be:\n    notebook: {NB1}\n"
     f"    parameters: {{language: be}}\n", "appears twice"),
    (f"defaults:\n  langauges: [en, be]\neditions:\n  {A}:\n    notebook: {NB1}\n",
     "renders.yml, defaults: unknown key 'langauges' .*did you mean 'languages'\\?"),
    (f"defaults:\n  stale_after: 10\neditions:\n  {A}:\n    notebook: {NB1}\n", "did you mean 'stale_after_days'"),
    (f"defaults:\n  site_url: 3\neditions:\n  {A}:\n    notebook: {NB1}\n", "site_url 3 is not a web address"),
    (f"editions:\n  {A}:\n    notebok: {NB1}\n", "unknown key 'notebok' .*did you mean 'notebook'"),
    (f"editions:\n  headline:\n    notebook: {NB1}\n", "named after its story .*starting cumulative-releases-"),
])
def test_a_bad_languages_entry_is_one_clear_sentence(project, body, words):
    with pytest.raises(PlanError, match=words):
        plan(project, body)


def test_the_known_defaults_keys_are_accepted(project):
    (project / "renders.yml").write_text((project / "renders.yml").read_text().replace(
        "defaults:\n", "defaults:\n  site_url: https://example.org/desk/\n"))
    assert len(load_plan(project)) == 43


def test_list_shows_every_language_edition(project):
    result = run_module("helpers.render", "--list", root=project)
    assert result.returncode == 0, result.stderr
    for name in ("cumulative-releases-desktop-en", "cumulative-releases-social-uk", "sanctions-and-releases-mobile-pl",
                 "claims-check-desktop"):
        assert name in result.stdout
