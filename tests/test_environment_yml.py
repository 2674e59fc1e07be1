"""environment.yml (conda) and pyproject.toml (pip) ask for the same packages and compatible versions.

pyproject.toml is the source of truth: [project.dependencies] plus the `test` extra.
environment.yml must list the same packages (under their conda-forge names, or under
`pip:` when a package is pip-only) with version ranges that allow the version pinned in
requirements/dev.txt and are never wider than pyproject's. Adding a package to one file
only fails test_same_packages_in_both_files.
"""

from __future__ import annotations

import re
import tomllib

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

from conftest import ROOT

# conda-forge names that differ from the PyPI names (conda name -> PyPI name)
CONDA_TO_PYPI = {"playwright-python": "playwright"}
# listed in environment.yml to build the environment, not project dependencies
TOOLING = {"python", "pip"}
CONDA_SPEC = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*?)\s*(#.*)?$")


def conda_specifier(spec: str) -> SpecifierSet:
    """A conda version spec (`>=3.1,<3.2`, `=3.11`, `3.11.*`, empty) as a PEP 440 specifier set."""
    spec = spec.replace(" ", "")
    if "|" in spec:
        raise ValueError(f"'or' specs are not supported here: {spec}")
    parts = []
    for part in filter(None, spec.split(",")):
        if re.match(r"^=?\d", part):  # conda's fuzzy `=3.11` or bare `3.11` means 3.11.*
            version = part.lstrip("=")
            parts.append(f"=={version}" if version.endswith("*") else f"=={version}.*")
        else:
            parts.append(part)
    return SpecifierSet(",".join(parts))


def environment_packages(environment: dict) -> dict[str, SpecifierSet]:
    """Package (normalised PyPI name) -> version range, from conda and pip entries alike."""
    packages: dict[str, SpecifierSet] = {}
    names_seen: list[str] = []
    for entry in environment["dependencies"]:
        if isinstance(entry, dict):
            assert set(entry) == {"pip"}, f"unexpected entry in dependencies: {entry}"
            for line in entry["pip"]:
                requirement = Requirement(line)
                names_seen.append(canonicalize_name(requirement.name))
                packages[names_seen[-1]] = requirement.specifier
            continue
        match = CONDA_SPEC.match(entry)
        assert match, f"cannot read conda spec {entry!r}"
        name = canonicalize_name(CONDA_TO_PYPI.get(match.group(1), match.group(1)))
        names_seen.append(name)
        packages[name] = conda_specifier(match.group(2))
    duplicates = sorted({n for n in names_seen if names_seen.count(n) > 1})
    assert not duplicates, f"listed more than once in environment.yml: {duplicates}"
    return packages


def pyproject_packages(pyproject: dict) -> dict[str, SpecifierSet]:
    lines = pyproject["project"]["dependencies"] + pyproject["project"]["optional-dependencies"]["test"]
    requirements = [Requirement(line) for line in lines]
    return {canonicalize_name(r.name): r.specifier for r in requirements}


def dev_pins() -> dict[str, Version]:
    pins = {}
    for line in (ROOT / "requirements" / "dev.txt").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if match:
            pins[canonicalize_name(match.group(1))] = Version(match.group(2))
    return pins


@pytest.fixture(scope="module")
def environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def conda(environment) -> dict[str, SpecifierSet]:
    return environment_packages(environment)


@pytest.fixture(scope="module")
def pip(pyproject) -> dict[str, SpecifierSet]:
    return pyproject_packages(pyproject)


# ---------------------------------------------------------------- the environment itself

def test_environment_is_named_and_uses_conda_forge_only(environment):
    assert environment["name"] == "belarus-releases-desk"
    assert environment["channels"] == ["conda-forge"]


def test_python_version_matches_requires_python(conda, pyproject):
    requires_python = SpecifierSet(pyproject["project"]["requires-python"])
    assert "python" in conda, "environment.yml must pin python"
    for version in ("3.10.14", "3.11.0", "3.11.9", "3.12.0"):
        assert conda["python"].contains(version) == requires_python.contains(version), version


# ---------------------------------------------------------------- same packages, compatible versions

def test_same_packages_in_both_files(conda, pip):
    in_environment = set(conda) - TOOLING
    only_conda = sorted(in_environment - set(pip))
    only_pyproject = sorted(set(pip) - in_environment)
    assert not only_conda and not only_pyproject, (
        f"only in environment.yml: {only_conda}; only in pyproject.toml: {only_pyproject} "
        "(a conda-forge name that differs from PyPI's goes in CONDA_TO_PYPI)")


def boundary_versions(*specifier_sets: SpecifierSet) -> set[Version]:
    return {Version(spec.version.rstrip(".*")) for specs in specifier_sets for spec in specs}


@pytest.mark.parametrize("package", sorted(pyproject_packages(tomllib.loads(
    (ROOT / "pyproject.toml").read_text(encoding="utf-8")))))
def test_version_ranges_are_compatible(conda, pip, package):
    """Both allow the version pinned in requirements/dev.txt; environment.yml is never wider."""
    if package not in conda:
        pytest.fail(f"{package} is missing from environment.yml")
    pin = dev_pins().get(package)
    assert pin is not None, f"{package} is not pinned in requirements/dev.txt (run `make lock`)"
    assert pip[package].contains(pin, prereleases=True), f"pyproject {pip[package]} rejects the pin {pin}"
    assert conda[package].contains(pin, prereleases=True), f"environment.yml {conda[package]} rejects the pin {pin}"
    wider = [str(v) for v in sorted(boundary_versions(conda[package], pip[package]))
             if conda[package].contains(v, prereleases=True) and not pip[package].contains(v, prereleases=True)]
    assert not wider, f"environment.yml allows {wider} for {package}, pyproject.toml ({pip[package]}) does not"


# ---------------------------------------------------------------- the checks themselves notice drift

def test_a_package_added_to_one_file_only_is_noticed(environment, pip):
    drifted = {**environment, "dependencies": environment["dependencies"] + ["requests >=2.34"]}
    assert set(environment_packages(drifted)) - TOOLING - set(pip) == {"requests"}


def test_conda_specs_are_read_like_conda_reads_them():
    assert conda_specifier("=3.11").contains("3.11.7") and not conda_specifier("=3.11").contains("3.12.0")
    assert conda_specifier(">=0.9,<0.10").contains("0.9.1") and not conda_specifier(">=0.9,<0.10").contains("0.10")
    assert conda_specifier("").contains("1.0")
    assert conda_specifier("1.9.*").contains("1.9.0.post1")
