"""Translated data labels (data/label_translations.csv): names as published, nothing guessed.

People's names must be the research glossary's spellings, each with a source page the
glossary lists for that name and language; where the glossary has no spelling the row is
unconfirmed and empty, and a chart cannot show the name. The validator lists what is
missing per language, and a render in that language stops on it.
"""

from __future__ import annotations

import csv

import pytest

from conftest import ROOT, run_module
from helpers import data
from helpers.errors import DataError
from helpers.i18n import MissingLabel, translator
from helpers.i18n.labels import FILE, check, missing_labels, split_id
from research import research_path

GLOSSARY_SEP = " ("   # the glossary adds notes in brackets: "Святлана Ціханоўская (taraskievica: …)"


@pytest.fixture(scope="module")
def rows():
    found, problems = data.validated_rows()   # the session copy (DESK_ROOT): nothing written into the checkout
    assert problems == []
    return found


def research_file(name: str):
    """The dossier's glossary, or its committed copy (tests/research.py): CI runs these checks too."""
    return research_path(name).open(encoding="utf-8")


@pytest.fixture(scope="module")
def glossary():
    with research_file("names_glossary.csv") as handle:
        return {row["key"]: row for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def glossary_sources():
    with research_file("names_glossary_sources.csv") as handle:
        return list(csv.DictReader(handle))


def person_rows(rows):
    return [r for r in rows["label_translations"] if r["translation_id"].startswith("person:")]


def test_the_real_table_follows_the_rules(rows):
    assert check(rows) == []
    assert len(rows["label_translations"]) > 100


def test_every_name_is_the_glossary_spelling_with_a_source_it_lists(rows, glossary, glossary_sources):
    urls = {(s["key"], s["lang"], s["source_url"]) for s in glossary_sources if s["spelling"]}
    checked = 0
    for row in person_rows(rows):
        label_id, code = split_id(row["translation_id"])
        cell = glossary[row["glossary_key"]][code]
        if not cell:
            assert row["status"] == "unconfirmed" and not row["text"], row
            continue
        assert row["status"] == "attested", row
        assert row["text"] == cell.split(GLOSSARY_SEP)[0], row     # the glossary's form, without its bracket notes
        assert (row["glossary_key"], code, row["source_url"]) in urls, row
        checked += 1
    assert checked >= 60


def test_names_on_charts_match_people_csv(rows):
    """Spot checks across scripts, taken from names_glossary.csv."""
    t = {code: translator(code) for code in ("be", "ru", "uk", "pl", "lt")}
    assert t["be"].label("person", "P040", "Ales Bialiatski") == "Алесь Бяляцкі"
    assert t["ru"].label("person", "P041", "Maria Kalesnikava") == "Мария Колесникова"
    assert t["uk"].label("person", "P040", "Ales Bialiatski") == "Алесь Бяляцький"
    assert t["pl"].label("person", "P059", "Sviatlana Tsikhanouskaya") == "Swiatłana Cichanouska"
    assert t["lt"].label("person", "P042", "Viktar Babaryka") == "Viktaras Babaryka"
    assert t["be"].people("Ales Bialiatski; Maria Kalesnikava") == "Алесь Бяляцкі, Марыя Калеснікава"
    assert translator("en").people("Ales Bialiatski; Maria Kalesnikava") == "Ales Bialiatski, Maria Kalesnikava"
    # a name with no attested spelling is counted, never guessed nor dropped (review A1c)
    assert t["uk"].people("Ales Bialiatski; Maxim Znak") == "Алесь Бяляцький та ще\u00a01"
    assert t["uk"].people("Youras Ziankovich") == "1\u00a0людина"
    assert t["pl"].people("Ales Bialiatski; Nasta Loika; Youras Ziankovich") == "Aleś Bialacki i\u00a02\u00a0inne osoby"


def test_an_unconfirmed_name_is_never_shown(rows):
    with pytest.raises(MissingLabel) as caught:
        translator("lt").label("person", "P020", "Siarhei Tsikhanouski")
    message = str(caught.value)
    assert "person:P020" in message and "Lithuanian (lt)" in message and FILE in message
    assert "unconfirmed" in message


def test_a_label_without_a_row_names_where_to_add_it():
    with pytest.raises(MissingLabel, match=r"no be row: add `milestone:M001/be,<text>,draft,...` to "
                                           r"data/label_translations.csv"):
        translator("be").label("milestone", "M001", "Poland border buffer zone")
    with pytest.raises(MissingLabel, match=r"attested,<source_url>.*never guess a name"):
        translator("ru").label("person", "P001", "Ryhor Kastusiou")


def test_labels_shown_on_charts_are_translated_where_a_source_allows(rows):
    t = translator("ru")
    assert t.label("milestone", "M037", "Coale visit; 250 freed") == "Визит Коула; освобождены\u00a0250"
    assert t.label("short", "M037", "Coale visit: +250") == "Визит Коула: +250"
    assert t.label("jurisdiction", "EU", "EU") == "ЕС"
    assert translator("en").label("milestone", "M037", "Coale visit; 250 freed") == "Coale visit; 250 freed"
    missing = missing_labels()     # the session copy (DESK_ROOT): nothing written into the checkout
    for code, items in missing.items():
        shown_milestones = {m.label_id for m in items if m.shown_on_charts and m.label_id.startswith("milestone:")}
        unconfirmed = {r["translation_id"].split("/")[0] for r in rows["label_translations"]
                       if r["translation_id"].endswith(f"/{code}") and r["status"] == "unconfirmed"}
        assert shown_milestones <= unconfirmed, code        # every gap on a chart is a documented one
        assert not any(m.label_id.startswith("jurisdiction:") for m in items), code


# ---------------------------------------------------------------- the validator

def test_the_validator_lists_a_new_milestones_missing_translations(project):
    path = project / "data" / "milestones.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    last = next(line for line in lines if line.startswith("M037,"))
    path.write_text("\n".join(lines + [last.replace("M037,", "M045,", 1).replace("Coale visit; 250 freed",
                                                                            "Brand-new milestone")]) + "\n",
                    encoding="utf-8")
    result = run_module("helpers.i18n", "labels", root=project, env={"PYTHONPATH": str(project / "src")})
    assert result.returncode == 2, result.stderr          # a render would stop on them: make validate says so
    for code in ("be", "ru", "uk", "pl", "lt"):
        assert (f'milestone:M045 "Brand-new milestone": no {code} row: add `milestone:M045/{code},<text>,draft,...` '
                f"to data/label_translations.csv") in result.stdout
        assert f"short:M045 \"Coale visit: +250\": no {code} row" in result.stderr


@pytest.mark.parametrize("line, expected", [
    ("milestone:M999/be,Тэкст,draft,,,", "'milestone:M999' names no label of data/"),
    ("publisher:Nobody (no such outlet)/ru,Никто,draft,,,", "'publisher:Nobody (no such outlet)' names no label"),
    ("milestone:M001/de,Text,draft,,,", "'de' is not a translated language"),
    ("milestone:M001/be,Тэкст,unconfirmed,,,", "must be empty when status is unconfirmed"),
    ("milestone:M001/be,,draft,,,", "is empty but status is draft"),
    ("person:P001/be,Тэкст,attested,,,", "is required when status is attested"),
])
def test_the_validator_rejects_rows_that_break_the_rules(project, line, expected):
    path = project / "data" / "label_translations.csv"
    added = len(path.read_text(encoding="utf-8").splitlines()) + 1
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    result = run_module("helpers.i18n", "labels", root=project, env={"PYTHONPATH": str(project / "src")})
    assert result.returncode == 2
    assert f"data/label_translations.csv line {added}" in result.stderr and expected in result.stderr, result.stderr
    with pytest.raises(DataError):
        translator("be", data_dir=project / "data")


def test_a_duplicate_translation_is_caught_by_the_data_contract(project):
    path = project / "data" / "label_translations.csv"
    first = path.read_text(encoding="utf-8").splitlines()[1]
    path.write_text(path.read_text(encoding="utf-8") + first + "\n", encoding="utf-8")
    assert any("is used twice" in str(p) for p in data.validate(project / "data"))
