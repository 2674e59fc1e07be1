"""Addresses given away by the site (link previews, canonical links, embed codes, sitemap) and its
changes feed: absolute under renders.yml's `site_url`, relative without it (and the render says
link previews will not show); the Atom feed read as a feed reader reads it."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import site_cases
from conftest import run_module
from helpers import changes, history, plan
from helpers.site import after_publishing, build

TODAY = dt.date(2026, 5, 4)
SITE_URL = "https://desk.example.org/belarus/"   # example.org: reserved for examples (RFC 2606)
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


class Lines:
    def __init__(self):
        self.lines: list[str] = []

    def line(self, message: str) -> None:
        self.lines.append(message)


def head_tags(page: Path) -> dict[str, str]:
    """The <meta> and <link> tags of a page's head, as a link-preview crawler reads them:
    og:* by property, twitter:* by name, the canonical link by rel."""
    text = page.read_text(encoding="utf-8")
    head = text[:text.index("</head>")]
    found = {}
    for tag in re.findall(r"<(?:meta|link)\s[^>]*>", head):
        attributes = dict(re.findall(r'(\w[\w:-]*)="([^"]*)"', tag))
        key = attributes.get("property") or attributes.get("name") or attributes.get("rel")
        found[key] = attributes.get("content") or attributes.get("href")
    return found


def inside(site: Path, url: str) -> Path:
    """The file a published address points at, when it is inside the site."""
    assert url.startswith(SITE_URL), url
    return site / urlsplit(url).path.removeprefix(urlsplit(SITE_URL).path)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    output = site_cases.make_output(tmp_path_factory.mktemp("links") / "output")
    return build.build(output, 45, TODAY, site_url=SITE_URL)


def test_a_shared_figure_page_previews_as_its_absolute_1200x675_card(site):
    tags = head_tags(site / "figure" / "freed-en.html")
    page = f"{SITE_URL}figure/freed-en.html"
    assert tags["og:url"] == tags["canonical"] == page and inside(site, page).is_file()
    assert tags["og:image"] == tags["twitter:image"] == f"{SITE_URL}files/e2/freed.png"   # the social layout
    assert png_size(inside(site, tags["og:image"])) == (1200, 675)
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "675")
    assert tags["twitter:card"] == "summary_large_image"
    held = head_tags(site / "figure" / "held-en.html")         # no social layout: the desktop PNG, at 2x
    assert png_size(inside(site, held["og:image"])) == (1440, 840)
    assert head_tags(site / "index.html")["canonical"] == SITE_URL


def test_embed_codes_are_absolute_and_navigation_stays_relative(site):
    text = (site / "figure" / "held-en.html").read_text(encoding="utf-8")
    code = re.search(r'<textarea class="embed-code"[^>]*>(.*?)</textarea>', text, re.S).group(1)
    src = re.search(r"&lt;iframe src=&#34;([^&]*)&#34;", code).group(1)
    assert src == f"{SITE_URL}embed/held-en.html" and inside(site, src).is_file()
    index = (site / "index.html").read_text(encoding="utf-8")
    assert f"&lt;iframe src=&#34;{SITE_URL}embed/freed-be.html&#34;" in index
    assert 'href="figure/freed-en.html"' in index and 'href="assets/site.css"' in index   # works offline too


def test_the_sitemap_lists_every_page_absolutely(site):
    root = ET.parse(site / "sitemap.xml").getroot()
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    urls = [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert urls == [SITE_URL, f"{SITE_URL}index-be.html"] + [f"{SITE_URL}figure/{key}.html" for key in
                                 ("claims-check-en", "freed-en", "freed-be", "held-en")]   # stories first, in registry order
    assert all(inside(site, url).is_file() for url in urls[1:])


def test_without_site_url_the_site_is_relative_and_the_review_says_previews_will_not_show(tmp_path):
    output = site_cases.make_output(tmp_path / "output")
    log = Lines()
    after_publishing(output, {}, log, stale_after_days=45, today=TODAY)
    site = output / "site"
    tags = head_tags(site / "figure" / "freed-en.html")
    assert tags["og:image"] == "../files/e2/freed.png" and "og:url" not in tags and "canonical" not in tags
    assert not (site / "sitemap.xml").exists()
    assert "warning: renders.yml sets no site_url under defaults:, so the site's links stay relative and link " \
           "previews will not show the figures' cards when a page is shared (set it to the site's address, " \
           "e.g. the GitHub Pages URL)" in log.lines


def test_site_url_is_read_from_the_plan_defaults(project):
    plan_file = project / "renders.yml"
    assert plan.site_url(project) is None
    plan_file.write_text(plan_file.read_text().replace("defaults:\n", "defaults:\n  site_url: https://desk.example.org/b\n"))
    assert plan.site_url(project) == "https://desk.example.org/b/"
    plan_file.write_text(plan_file.read_text().replace("https://desk.example.org/b", "desk.example.org"))
    with pytest.raises(plan.PlanError, match=r"defaults: site_url 'desk.example.org' is not a web address"):
        plan.site_url(project)
    site_cases.make_output(project / "output")
    result = run_module("helpers.site", root=project, timeout=120)
    assert result.returncode == 2 and "site_url 'desk.example.org' is not a web address" in result.stderr


# ---------------------------------------------------------------- the changes feed

def changed_output(tmp_path: Path) -> Path:
    """output/ with a history of one publication (e0's data moved on) beside the site cases."""
    output = site_cases.make_output(tmp_path / "output")
    before = site_cases.make_output(tmp_path / "before", new_data="2026-04-01")
    result = changes.review({"x-desktop": before / "x-desktop", "e0": output / "e0"}, output)
    assert result["changed"] == ["x-desktop"]
    history.record(output, result, Lines())
    return output


def feed(site: Path) -> ET.Element:
    return ET.parse(site / "changes.atom").getroot()


def test_the_changes_feed_is_atom_with_absolute_links_and_entries_that_keep_their_ids(tmp_path):
    output = changed_output(tmp_path)
    site = build.build(output, 45, TODAY, site_url=SITE_URL)
    root = feed(site)
    # RFC 4287: atom:feed has exactly one id, title and updated, an author, and each entry an id, a
    # title, an updated date and a link or content; ids are absolute IRIs, dates RFC 3339.
    assert root.tag == f"{ATOM}feed" and root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    for tag in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{tag}")) == 1, tag
    assert root.find(f"{ATOM}author/{ATOM}name").text == "Belarus Releases Desk"
    assert RFC3339.match(root.find(f"{ATOM}updated").text)
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {"alternate": f"{SITE_URL}index.html", "self": f"{SITE_URL}changes.atom"}
    (entry,) = root.findall(f"{ATOM}entry")
    published = history.read(output)
    assert root.find(f"{ATOM}id").text == published["id"] and published["id"].startswith("urn:uuid:")
    assert entry.find(f"{ATOM}id").text == published["publications"][0]["id"]
    assert RFC3339.match(entry.find(f"{ATOM}updated").text)
    assert entry.find(f"{ATOM}title").text.endswith(": 1 of 2 edition(s) changed")
    item = entry.find(f"{ATOM}content/{{http://www.w3.org/1999/xhtml}}div/{{http://www.w3.org/1999/xhtml}}ul/"
                      "{http://www.w3.org/1999/xhtml}li/{http://www.w3.org/1999/xhtml}a")
    assert item.get("href") == f"{SITE_URL}figure/held-en.html"
    assert item.text.startswith("x-desktop: data to: 2026-04-01 → 2026-05-01")
    assert head_tags(site / "index.html")["alternate"] == f"{SITE_URL}changes.atom"

    # A rebuild writes the same feed; a later publication adds an entry and keeps the others' ids.
    first = (site / "changes.atom").read_bytes()
    assert build.build(output, 45, TODAY, site_url=SITE_URL).joinpath("changes.atom").read_bytes() == first
    shutil.rmtree(output / "x-desktop")
    shutil.copytree(tmp_path / "before" / "x-desktop", output / "x-desktop")
    history.record(output, changes.review({"x-desktop": tmp_path / "output" / "site" / "files" / "x-desktop"},
                                          output), Lines())
    entries = feed(build.build(output, 45, TODAY, site_url=SITE_URL)).findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}id").text for e in entries][1:] == [entry.find(f"{ATOM}id").text]
    assert feed(site).find(f"{ATOM}id").text == root.find(f"{ATOM}id").text


def test_the_site_carries_the_history_and_latest_changes_for_the_next_render(tmp_path):
    output = changed_output(tmp_path)
    changes.write(output, changes.review({}, output))
    site = build.build(output, 45, TODAY)
    assert (site / history.HISTORY).read_bytes() == (output / history.HISTORY).read_bytes()
    assert (site / changes.CHANGES_JSON).read_bytes() == (output / changes.CHANGES_JSON).read_bytes()
    links = {link.get("rel"): link.get("href") for link in feed(site).findall(f"{ATOM}link")}
    assert links == {"alternate": "index.html"}                      # relative without site_url
