"""The static site's HTML, read as text and parsed: escaping, links, languages, metadata.
(tests/test_site_browser.py opens the same kind of site in headless Chromium.)"""

from __future__ import annotations

import datetime as dt
import html.parser
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import site_cases
from helpers.site import build

TODAY = dt.date(2026, 5, 4)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    output = site_cases.make_output(tmp_path_factory.mktemp("site") / "output")
    return build.build(output, stale_after_days=45, today=TODAY)


class Page(html.parser.HTMLParser):
    """The links, images, meta tags, scripts and <html lang> of one page."""

    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, str, dict]] = []   # (attribute, url, attributes of the element)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        for name in ("href", "src"):
            if attributes.get(name):
                self.urls.append((name, attributes[name], {"tag": tag, **attributes}))
        if attributes.get("srcset"):
            for part in attributes["srcset"].split(","):
                self.urls.append(("srcset", part.split()[0], {"tag": tag, **attributes}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def site_pages(site: Path) -> list[Path]:
    return [p for p in pages(site) if "files" not in p.relative_to(site).parts]


def test_the_site_has_an_index_a_page_and_an_embed_per_figure_and_language(site):
    names = sorted(p.relative_to(site).as_posix() for p in site_pages(site))
    assert names == ["embed/claims-check-en.html", "embed/freed-be.html", "embed/freed-en.html", "embed/held-en.html",
                     "figure/claims-check-en.html", "figure/freed-be.html", "figure/freed-en.html",
                     "figure/held-en.html", "index-be.html", "index.html"]
    # The site carries the publication for the next render: the manifest and every edition's whole bundle.
    published = json.loads((site.parent / "manifest.json").read_text())["editions"]
    assert json.loads((site / "manifest.json").read_text())["editions"] == published
    assert sorted(p.name for p in (site / "files").iterdir()) == sorted(published) == \
        ["e0", "e1", "e2", "e3", "e4", "ledger", "x-desktop", "x-mobile"]
    assert (site / "files" / "ledger" / "notebook.ipynb").read_text() == "{}"


def test_a_translated_language_has_its_own_index_and_its_pages_speak_it(site):
    """The Belarusian pages' own words come from the catalog (issue 19, item 4): no English chrome."""
    index = (site / "index-be.html").read_text(encoding="utf-8")
    assert '<html lang="be">' in index and "Вызвалена: 5 чалавек" in index and "figure/held-en.html" not in index
    assert "Усе графікі па-беларуску" in index and "Every published figure" not in index
    figure = (site / "figure" / "freed-be.html").read_text(encoding="utf-8")
    for english in ("Downloads", "Embed code", "Draft translation", "All figures", "Data to", "Other languages"):
        assert english not in figure, english
    assert "Чарнавы пераклад" in figure and "Спампоўкі" in figure
    embed = (site / "embed" / "freed-be.html").read_text(encoding="utf-8")
    assert "Спампаваць даныя" in embed and "Get the data" not in embed and "Даныя на\u00a019" in embed


def test_hostile_text_is_shown_as_text_on_every_page(site):
    for path in site_pages(site):
        text = path.read_text(encoding="utf-8")
        assert "window.__pwned" not in "".join(parse(path).scripts), path
        assert "<img src=x" not in text and "</script><script>window" not in text, path
        assert 'onerror="' not in text, path
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "Freed: Hostile &lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt; and " \
           "&lt;img src=x onerror=&#34;window.__pwned=2&#34;&gt;" in index
    figure = (site / "figure" / "freed-en.html").read_text(encoding="utf-8")
    assert "Method &lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;" in figure
    assert "Publisher &lt;img src=x onerror=&#34;window.__pwned=2&#34;&gt;" in figure


def test_every_link_and_image_resolves_to_a_file_inside_the_site(site):
    for path in site_pages(site):
        page = parse(path)
        assert page.urls, path
        for attribute, url, element in page.urls:
            parts = urlsplit(url)
            if parts.scheme:
                # Only the sources list links out, and only to web pages (never javascript:).
                assert parts.scheme in ("http", "https") and element["tag"] == "a" and "noopener" in element.get("rel", ""), \
                    (path, url)
                continue
            if not parts.path:   # "#main": an element of this page
                assert any(a.get("id") == parts.fragment for tag, a in page.tags), (path.name, url)
                continue
            target = (path.parent / unquote(parts.path)).resolve()
            assert target.is_relative_to(site.resolve()) and target.is_file(), (path.name, attribute, url)
    figure = (site / "figure" / "freed-en.html").read_text(encoding="utf-8")
    assert "javascript:" not in figure


def test_pages_declare_their_language_and_link_previews_use_the_social_card(site):
    assert re.search(r'<html lang="be">', (site / "figure" / "freed-be.html").read_text(encoding="utf-8"))
    assert re.search(r'<html lang="be">', (site / "embed" / "freed-be.html").read_text(encoding="utf-8"))
    assert re.search(r'<html lang="en">', (site / "index.html").read_text(encoding="utf-8"))
    meta = {a.get("property") or a.get("name"): a.get("content")
            for tag, a in parse(site / "figure" / "freed-en.html").tags if tag == "meta"}
    assert meta["og:image"] == "../files/e2/freed.png"            # the social layout's PNG
    assert meta["og:image:width"] == "1200" and meta["og:image:height"] == "675"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["og:image:alt"].startswith("Alt text for social en: Hostile </script>")
    held = {a.get("property") or a.get("name"): a.get("content")
            for tag, a in parse(site / "figure" / "held-en.html").tags if tag == "meta"}
    assert held["og:image"] == "../files/x-desktop/held.png"       # no social layout: the desktop one


def test_index_cards_group_by_metadata_with_srcset_downloads_and_embed_code(site):
    page = parse(site / "index.html")
    cards = [a for tag, a in page.tags if tag == "article"]
    assert [(c["id"], c["data-lang"]) for c in cards] == [
        ("claims-check-en", "en"), ("freed-en", "en"), ("freed-be", "be"), ("held-en", "en")]   # stories first
    images = {a["src"]: a for tag, a in page.tags if tag == "img"}
    assert images["files/e0/freed.png"]["srcset"] == "files/e0/freed.1x.png 1x, files/e0/freed.png 2x"
    assert all(a.get("alt") for a in images.values())
    downloads = [url for attribute, url, element in page.urls if "download" in element]
    assert [url for url in downloads if url.startswith("files/e0/")][:5] == ["files/e0/freed.png", "files/e0/freed.svg", "files/e0/freed.pdf", "files/e0/freed.csv",
                             "files/e0/freed.vl.json"]
    radios = [a["value"] for tag, a in page.tags if tag == "input" and a.get("type") == "radio"]
    assert radios == ["all", "en", "be"]
    text = (site / "index.html").read_text(encoding="utf-8")
    assert "Data to 19 March 2026" in text and "Data to 1 May 2026" in text
    assert text.count("Data last updated 19 March 2026.") == 2          # freed en and be; held is fresh
    assert 'verdict-contradicted">contradicted</td>' in text
    snippet = re.search(r'<textarea class="embed-code" id="embed-held-en"[^>]*>(.*?)</textarea>', text, re.S).group(1)
    assert snippet.startswith("&lt;iframe src=&#34;embed/held-en.html&#34; title=&#34;Held&#34;")
    assert "postMessage" not in snippet and "belarus-desk-embed-height" in snippet


def test_the_embed_switches_layout_by_its_own_width(site):
    text = (site / "embed" / "held-en.html").read_text(encoding="utf-8")
    assert re.search(r'<source media="\(min-width: 720px\)" srcset="../files/x-desktop/held.1x.png 1x, '
                     r'../files/x-desktop/held.png 2x"', text)
    assert '<img src="../files/x-mobile/held.png"' in text
    assert "parent.postMessage" in text


def test_building_needs_only_the_manifest_and_folders_and_replaces_the_old_site(tmp_path):
    output = site_cases.make_output(tmp_path / "output")
    build.build(output, 45, TODAY)
    (output / "site" / "leftover.html").write_text("old")
    manifest = (output / "manifest.json").read_text()
    (output / "manifest.json").write_text(manifest.replace('"x-mobile": {"status": "ok"}, ', ""))
    site = build.build(output, 45, TODAY)
    assert not (site / "leftover.html").exists()
    assert not (site / "files" / "x-mobile").exists()
    assert '<source media' not in (site / "embed" / "held-en.html").read_text(encoding="utf-8")
    assert not [p for p in output.iterdir() if p.name.startswith(".site")]


def test_a_bundle_with_only_a_figure_name_still_builds_without_broken_links(tmp_path):
    """Older or newer bundles may lack any key but "figure": the site tolerates it."""
    output = tmp_path / "output"
    (output / "bare").mkdir(parents=True)
    (output / "bare" / "bare.json").write_text('{"figure": "bare"}')
    (output / "manifest.json").write_text('{"editions": {"bare": {}}}')
    site = build.build(output, 45, TODAY)
    for path in site_pages(site):
        text = path.read_text(encoding="utf-8")
        assert '"None"' not in text and ">None<" not in text, path
        for attribute, url, element in parse(path).urls:
            if not urlsplit(url).scheme and urlsplit(url).path:
                assert (path.parent / urlsplit(url).path).resolve().is_file(), (path.name, url)
    assert "<h1>bare</h1>" in (site / "figure" / "bare-en.html").read_text(encoding="utf-8")


def test_the_command_rebuilds_the_site_or_says_why_not(project):
    from conftest import run_module

    result = run_module("helpers.site", root=project, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip() == (f"nothing to build: {project / 'output' / 'manifest.json'} does not exist "
                                     "(run `make render` first)")
    site_cases.make_output(project / "output")
    result = run_module("helpers.site", root=project, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"site written: {project / 'output' / 'site' / 'index.html'}"
    assert (project / "output" / "site" / "figure" / "freed-be.html").is_file()


def test_a_rebuild_keeps_the_1x_png_of_an_unchanged_svg_and_redraws_a_changed_one(tmp_path):
    output = site_cases.make_output(tmp_path / "output")
    site = build.build(output, stale_after_days=45, today=TODAY)
    drawn = sorted(path.relative_to(site) for path in site.glob("files/*/*.1x.png"))
    assert len(drawn) >= 2, "the cases should include two editions drawn at png_scale 2"
    kept, redrawn = drawn[0], drawn[-1]
    svg = output / redrawn.parent.name / f"{redrawn.name.removesuffix('.1x.png')}.svg"
    # A new version is a new file (the runner never edits a published file: the site links them).
    edited = svg.with_suffix(".new")
    edited.write_text(svg.read_text(encoding="utf-8").replace('width="', 'width="1', 1), encoding="utf-8")
    edited.replace(svg)
    before = {path: (site / path).stat().st_ino for path in (kept, redrawn)}

    build.build(output, stale_after_days=45, today=TODAY)

    assert (site / kept).stat().st_ino == before[kept]          # the same file, linked, not drawn again
    assert (site / redrawn).stat().st_ino != before[redrawn]
    assert (site / redrawn).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
