"""The whole plan, rendered once per kernel mode and shared by these tests (they are slow):
warm kernels and --fresh-kernels publish the same bytes; three shards merged publish what one
render publishes; the publish gate holds everything back.

"The whole plan" here is every edition of renders.yml (every notebook and layout) in two of the
six languages, English and Belarusian: the runner treats every language alike, and the six-language
plan (43 editions) rendered three times over would take most of CI's ten minutes. bench/runner.py
renders the full plan.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import copy_project, render, set_plan_languages, snapshot

pytestmark = pytest.mark.slow

RUN_FOLDER = re.compile(r"[^\s\"']*/\.staging/[0-9T]+-\d+/")


def published(root: Path, output: str = "output") -> dict[str, bytes]:
    """Every published file (through the edition symlinks) and the manifest, as bytes."""
    folder = root / output
    files = {name: data for name, data in snapshot(folder).items() if not name.startswith(".versions/")}
    return files


def comparable_notebook(data: bytes, root: Path) -> dict:
    """An executed notebook without what differs between two runs of the same edition: timings,
    kernel and papermill metadata, the run's staging folder and project path, the random ids of
    papermill's injected cell and of Altair's HTML output."""
    text = RUN_FOLDER.sub("<run>/", data.decode()).replace(str(root), "<project>")
    text = re.sub(r"altair-viz-[0-9a-f]{32}", "altair-viz-ID", text)
    notebook = json.loads(text)
    notebook["metadata"].pop("papermill", None)
    notebook["metadata"].pop("language_info", None)
    for cell in notebook["cells"]:
        cell.pop("id", None)
        cell["metadata"].pop("papermill", None)
        cell["metadata"].pop("execution", None)
    return notebook


def comparable_pdf(data: bytes) -> list[bytes]:
    """A PDF as the multiset of its lines, object numbers and font subset tags aside: vl-convert's PDF
    writer orders objects and draws subset tags from a per-process random hash, so two fresh renders
    of one edition differ there too. Every stream's bytes and every other line must match."""
    text = re.sub(rb"\b\d+ 0 (R|obj)\b", rb"N 0 \1", data)
    text = re.sub(rb"/[A-Z]{6}\+", b"/SUBSET+", text)
    text = re.sub(rb"/(xo|fo|gs|cs|im|sh|pa)\d+\b", rb"/\1N", text)
    text = re.sub(rb"startxref\s+\d+", b"startxref", text)
    return sorted(line for line in text.split(b"\n") if not re.fullmatch(rb"\d{10} \d{5} [nf]\s*", line))


RENDER_TIME = re.compile(rb"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:\d{2}|Z)?")
DATED = ("CHANGES.md", "changes.json")       # and the site's pages, which show the changes' date


def comparable_dated(data: bytes) -> bytes:
    """The change review and the site say when the render ran: that time aside, the same bytes."""
    return RENDER_TIME.sub(b"<render time>", data)


def comparable_manifest(data: bytes) -> dict:
    document = json.loads(comparable_dated(data))
    document.pop("updated_at", None)
    for entry in document["editions"].values():
        entry.pop("rendered_at", None)
        entry.pop("duration_seconds", None)
        for name in [name for name in entry["outputs"] if name.endswith((".pdf", "notebook.ipynb"))]:
            entry["outputs"].pop(name)
    return document


def assert_same_publication(first: Path, second: Path, second_output: str = "output") -> None:
    one, two = published(first), published(second, second_output)
    assert sorted(one) == sorted(two)
    for name in one:
        if name == "manifest.json":
            assert comparable_manifest(one[name]) == comparable_manifest(two[name])
        elif name.endswith(".pdf"):
            assert len(one[name]) == len(two[name]) and comparable_pdf(one[name]) == comparable_pdf(two[name]), name
        elif name.endswith("notebook.ipynb"):
            assert comparable_notebook(one[name], first) == comparable_notebook(two[name], second), name
        elif name in DATED or (name.startswith("site/") and name.endswith(".html")):
            assert comparable_dated(one[name]) == comparable_dated(two[name]), name
        else:
            assert one[name] == two[name], name


LANGUAGES = ("en", "be")


def two_language_project(destination: Path) -> Path:
    """A project copy whose plan names two languages (see the module's docstring)."""
    return set_plan_languages(copy_project(destination), LANGUAGES)


def rendered_copy(tmp_path_factory, label: str, *args: str) -> Path:
    root = two_language_project(tmp_path_factory.mktemp(label) / "project")
    result = render(root, *args, timeout=1800)
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="session")
def warm(tmp_path_factory) -> Path:
    return rendered_copy(tmp_path_factory, "warm")


@pytest.fixture(scope="session")
def fresh(tmp_path_factory) -> Path:
    return rendered_copy(tmp_path_factory, "fresh", "--fresh-kernels")


def test_warm_kernels_publish_what_fresh_kernels_publish(warm, fresh):
    names = json.loads((warm / "output" / "manifest.json").read_text())["editions"]
    assert len(names) == 15 and "claims-check" in names and "sanctions-mobile-be" in names
    svgs = [name for name in published(warm) if name.endswith(".svg")]
    assert len(svgs) >= 15 and any(name.startswith("site/") for name in published(warm))
    assert_same_publication(warm, fresh)


def test_a_contradicted_publish_claim_holds_back_every_edition(warm, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(warm, root, symlinks=True)
    before = {p.relative_to(root / "output").as_posix(): p.read_bytes()
              for p in sorted((root / "output").rglob("*")) if p.is_file() and p.name != ".render.lock"}
    before_links = {p.name: p.readlink() for p in (root / "output").iterdir() if p.is_symlink()}
    releases = root / "data" / "releases.csv"
    assert "E22,2025-12-13,123," in releases.read_text()
    releases.write_text(releases.read_text().replace("E22,2025-12-13,123,", "E22,2025-12-13,23,"))

    result = render(root, timeout=1800)

    assert result.returncode == 2, result.stderr
    assert "render held back: published claim(s) K01" in result.stderr
    held = re.search(r"Editions held back \((\d+)\): ([^.]+)\.", result.stderr)
    assert held, result.stderr
    names = held.group(2).split(", ")
    assert int(held.group(1)) == len(names) == 14
    assert "cumulative-desktop-en" in names and "prisoners-held-mobile-be" in names and "claims-check" not in names
    assert 'K01 "Lukashenko pardoned 123 prisoners on 13 December 2025": claimed exactly 123, data says 23' in result.stderr
    after = {p.relative_to(root / "output").as_posix(): p.read_bytes()
             for p in sorted((root / "output").rglob("*")) if p.is_file() and p.name != ".render.lock"
             and ".logs" not in p.parts}
    assert after == before
    assert {p.name: p.readlink() for p in (root / "output").iterdir() if p.is_symlink()} == before_links


def test_three_shards_merged_publish_what_one_render_publishes(warm, tmp_path):
    root = two_language_project(tmp_path / "project")
    for k in (1, 2, 3):
        result = render(root, "--shard", f"{k}/3", timeout=1800)
        assert result.returncode == 0, result.stderr
        assert not (root / "output").exists()
    shares = [set(json.loads((root / f"output-shard-{k}" / "manifest.json").read_text())["editions"])
              for k in (1, 2, 3)]
    assert sorted(len(share) for share in shares) == [5, 5, 5] and not (shares[0] & shares[1])

    missing = render(root, "--merge", "output-shard-1", "output-shard-3")
    assert missing.returncode == 1
    assert "shard 2/2" in missing.stderr or "holds shard 3/3, but 2 folder(s) were given" in missing.stderr
    assert "nothing was published" in missing.stderr and not (root / "output" / "manifest.json").exists()

    merged = render(root, "--merge", "output-shard-1", "output-shard-2", "output-shard-3")
    assert merged.returncode == 0, merged.stderr
    assert "merged 15 edition(s) from 3 shard(s)" in merged.stderr
    assert_same_publication(warm, root)


def test_a_failed_shard_fails_the_merge_and_nothing_is_published(warm, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(warm, root, symlinks=True)
    before = snapshot(root / "output")
    set_plan_languages(root, ("en",))          # a smaller plan is enough to fail a merge (and quicker)
    for k in (1, 2):
        assert render(root, "--shard", f"{k}/2", timeout=1800).returncode == 0
    first = json.loads((root / "output-shard-1" / "manifest.json").read_text())
    lost = sorted(first["editions"])[0]
    del first["editions"][lost]
    (root / "output-shard-1" / "manifest.json").write_text(json.dumps(first))
    result = render(root, "--merge", "output-shard-1", "output-shard-2")
    assert result.returncode == 1
    assert f"shard 1/2 ({root / 'output-shard-1'}), edition {lost}: not rendered" in result.stderr
    assert snapshot(root / "output") == before
