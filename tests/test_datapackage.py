"""data/datapackage.json is a valid Frictionless Data Package, and everything else agrees with it.

The package is the contract: the loader and validator (helpers.data) read it, the codebook
tables in data/README.md are generated from it (helpers.codebook), and an outside tool
(the `frictionless` library) must accept both the descriptor and every file it describes.
Frictionless runs with the network switched off: the standard profiles ship with it.
"""

from __future__ import annotations

import csv
import json
import socket
from pathlib import Path

import pytest
from frictionless import Package, validate

from conftest import ROOT, run_module
from helpers import codebook, data

DATA = ROOT / "data"
DESCRIPTOR = DATA / "datapackage.json"


def no_network(*args, **kwargs):
    raise OSError("network access attempted during an offline test")


@pytest.fixture
def offline(monkeypatch):
    """Any attempt to reach the network fails loudly instead of silently slowing the test down."""
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)


def frictionless_report(descriptor: Path):
    return validate(str(descriptor))


def error_summary(report) -> str:
    return "\n".join(str(row) for row in report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"]))


@pytest.fixture(scope="module")
def descriptor() -> dict:
    return json.loads(DESCRIPTOR.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def resources(descriptor) -> dict[str, dict]:
    return {res["name"]: res for res in descriptor["resources"]}


# ---------------------------------------------------------------- frictionless accepts the package and the data

def test_descriptor_is_a_valid_tabular_data_package(offline):
    package = Package(str(DESCRIPTOR))
    assert package.profile == "tabular-data-package"
    assert list(Package.metadata_validate(package.to_descriptor())) == []
    assert all(res.profile == "tabular-data-resource" for res in package.resources)


def test_every_resource_validates_with_frictionless(offline):
    report = frictionless_report(DESCRIPTOR)
    assert report.valid, error_summary(report)
    by_name = {task.name: task for task in report.tasks}
    assert set(by_name) == set(data.resource_names(DATA))
    for name, task in by_name.items():
        rows = sum(1 for _ in csv.reader((DATA / data.resource(name, DATA)["path"]).open(encoding="utf-8"))) - 1
        assert task.valid and task.stats["rows"] == rows, (name, task.stats)


def test_frictionless_checks_the_foreign_key_too(data_dir, offline):
    """Not a vacuous pass: a release pointing at a missing milestone fails frictionless as well."""
    path = data_dir / "releases.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    column = rows[0].index("milestone_id")
    row = next(r for r in rows if r[0] == "E22")
    row[column] = "M041"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    report = frictionless_report(data_dir / "datapackage.json")
    assert not report.valid
    assert [(error.type, error.row_number) for error in report.tasks[0].errors] == [("foreign-key", 23)]
    assert any('"M041" does not exist' in str(p) for p in data.validate(data_dir))


def test_frictionless_rejects_an_unknown_field_type(data_dir, offline):
    path = data_dir / "datapackage.json"
    broken = json.loads(path.read_text(encoding="utf-8"))
    broken["resources"][0]["schema"]["fields"][2]["type"] = "integr"
    path.write_text(json.dumps(broken, indent=2), encoding="utf-8")
    assert not frictionless_report(path).valid


def strnig(pkg: dict) -> None:
    pkg["resources"][0]["schema"]["fields"][2]["type"] = "strnig"


def no_fields(pkg: dict) -> None:
    del pkg["resources"][1]["schema"]["fields"]


def link_to_a_missing_field(pkg: dict) -> None:
    fk = next(fk for fk in pkg["resources"][0]["schema"]["foreignKeys"] if fk["fields"] == "milestone_id")
    fk["reference"]["fields"] = "milestone_key"


def key_on_a_missing_field(pkg: dict) -> None:
    pkg["resources"][3]["schema"]["primaryKey"] = "count_key"


# Each broken contract: what our check says (one sentence naming the file and the resource).
BROKEN = {
    "unknown field type": (strnig, "data/datapackage.json: resource releases, field released_count: type 'strnig' "
                                   "is not a Table Schema field type (expected one of: string, integer, number, "
                                   "boolean, date); did you mean 'string'?"),
    "resource without fields": (no_fields, 'data/datapackage.json: resource sanctions has no schema with "fields" '
                                           "(expected a list describing each column)"),
    "foreign key to a missing field": (link_to_a_missing_field,
                                       "data/datapackage.json: resource releases: foreignKeys refers to "
                                       "milestones.milestone_key, which is not one of its fields"),
    "primary key on a missing field": (key_on_a_missing_field,
                                       "data/datapackage.json: resource prisoner_counts: primaryKey names "
                                       "'count_key', which is not one of its fields"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_the_contract_itself_is_checked_before_the_data_and_frictionless_agrees(data_dir, offline, case):
    change, sentence = BROKEN[case]
    path = data_dir / "datapackage.json"
    pkg = json.loads(path.read_text(encoding="utf-8"))
    change(pkg)
    path.write_text(json.dumps(pkg, indent=2), encoding="utf-8")
    assert [str(p) for p in data.validate(data_dir)] == [sentence]
    assert not frictionless_report(path).valid            # the spec's own validator rejects it too


def test_make_validate_names_a_broken_contract_and_exits_2(project):
    path = project / "data" / "datapackage.json"
    pkg = json.loads(path.read_text(encoding="utf-8"))
    strnig(pkg)
    path.write_text(json.dumps(pkg, indent=2), encoding="utf-8")
    result = run_module("helpers.data", root=project)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert BROKEN["unknown field type"][1] in result.stderr


def test_a_spec_type_the_desk_does_not_check_is_named(data_dir):
    path = data_dir / "datapackage.json"
    pkg = json.loads(path.read_text(encoding="utf-8"))
    pkg["resources"][0]["schema"]["fields"][2]["type"] = "geopoint"
    path.write_text(json.dumps(pkg, indent=2), encoding="utf-8")
    assert [str(p) for p in data.validate(data_dir)] == [
        "data/datapackage.json: resource releases, field released_count: type 'geopoint' is a Table Schema type "
        "this desk does not check (expected one of: string, integer, number, boolean, date)"]


# ---------------------------------------------------------------- files, headers and keys

def test_package_lists_exactly_the_csv_files_in_data(resources):
    assert sorted(res["path"] for res in resources.values()) == sorted(p.name for p in DATA.glob("*.csv"))


@pytest.mark.parametrize("name", data.resource_names(DATA))
def test_csv_header_equals_schema_field_names_in_order(resources, name):
    resource = resources[name]
    with (DATA / resource["path"]).open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == [field["name"] for field in resource["schema"]["fields"]]


@pytest.mark.parametrize("name", data.resource_names(DATA))
def test_every_resource_declares_utf8_csv_and_a_primary_key_on_its_first_column(resources, name):
    resource = resources[name]
    assert (resource["format"], resource["mediatype"], resource["encoding"]) == ("csv", "text/csv", "utf-8")
    assert resource["schema"]["primaryKey"] == resource["schema"]["fields"][0]["name"]
    assert resource["schema"]["fields"][0]["constraints"]["required"] is True


def test_releases_link_to_milestones_by_key(resources):
    assert resources["releases"]["schema"]["primaryKey"] == "release_id"
    assert resources["milestones"]["schema"]["primaryKey"] == "milestone_id"
    assert {"fields": "milestone_id", "reference": {"resource": "milestones", "fields": "milestone_id"}} \
        in resources["releases"]["schema"]["foreignKeys"]


def test_people_link_to_releases_by_key(resources):
    assert {"fields": "release_id", "reference": {"resource": "releases", "fields": "release_id"}} \
        in resources["people"]["schema"]["foreignKeys"]


def test_every_foreign_key_points_at_a_primary_key(resources):
    for name, resource in resources.items():
        for fk in resource["schema"].get("foreignKeys", []):
            target = resources[fk["reference"]["resource"]]
            assert fk["reference"]["fields"] == target["schema"]["primaryKey"], name
            assert fk["fields"] in [field["name"] for field in resource["schema"]["fields"]], name


def test_every_field_has_a_description(resources):
    for name, resource in resources.items():
        for field in resource["schema"]["fields"]:
            assert field.get("description", "").strip(), f"{name}.{field['name']} has no description"


# ---------------------------------------------------------------- the codebook agrees with the package

def test_readme_column_tables_are_generated_from_the_package():
    """If this fails, run `python -m helpers.codebook` and commit data/README.md."""
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert codebook.render_readme(readme, DATA) == readme


@pytest.mark.parametrize("name", data.resource_names(DATA))
def test_readme_has_a_codebook_section_for_every_resource(name):
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert f"<!-- codebook:{name}:start -->" in readme and f"<!-- codebook:{name}:end -->" in readme


def test_codebook_drift_is_detected(data_dir):
    """Change a description in a copy of the package: the README no longer matches."""
    path = data_dir / "datapackage.json"
    changed = json.loads(path.read_text(encoding="utf-8"))
    changed["resources"][0]["schema"]["fields"][2]["description"] = "Something else."
    path.write_text(json.dumps(changed, indent=2), encoding="utf-8")
    readme = (data_dir / "README.md").read_text(encoding="utf-8")
    assert codebook.render_readme(readme, data_dir) != readme
