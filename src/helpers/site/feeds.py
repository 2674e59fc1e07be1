"""The site's pages for machines: changes.atom, the changes history as an Atom 1.0 feed (RFC 4287:
what editors and readers subscribe to), and sitemap.xml (written only with site_url, since a
sitemap lists absolute addresses). Both are built with ElementTree, so text from the data is
escaped as XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from helpers import changes, history as changes_history

ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEED = "changes.atom"
SITEMAP = "sitemap.xml"
FEED_ENTRIES = 50                     # the newest publications with changes; the full history is changes-history.json
TITLE = "Belarus Releases Desk: what changed"
AUTHOR = "Belarus Releases Desk"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def _xml(root: ET.Element, default_namespace: str) -> bytes:
    ET.register_namespace("", default_namespace)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def atom(history: dict | None, links, figure_keys: set[str], updated: str, day) -> bytes:
    """The feed: one entry per publication that changed something (newest first), each listing what
    changed in each edition, linked to the figure's page where the site has one. `links` says where
    pages are (absolute under site_url); `updated` is used when the history is still empty."""
    history = history or changes_history.new()     # no history yet (a hand-made output/): an empty feed
    entries = history["publications"][:FEED_ENTRIES]
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: "en"})
    _add(feed, "id", history["id"])
    _add(feed, "title", TITLE)
    _add(feed, "updated", entries[0]["date"] if entries else updated)
    _add(_add(feed, "author"), "name", AUTHOR)
    _add(feed, "link", rel="alternate", type="text/html", href=links.public("index.html"))
    if links.site_url:
        _add(feed, "link", rel="self", type="application/atom+xml", href=links.public(FEED))
    for publication in entries:
        entry = _add(feed, "entry")
        _add(entry, "id", publication["id"])
        _add(entry, "title", f"Render of {day(publication['date'])}: {publication['summary']}")
        _add(entry, "updated", publication["date"])
        _add(entry, "link", rel="alternate", type="text/html", href=links.public("index.html"))
        content = _add(entry, "content", type="xhtml")
        items = ET.SubElement(ET.SubElement(content, f"{{{XHTML}}}div"), f"{{{XHTML}}}ul")
        for name in publication.get("changed") or sorted(publication["editions"]):
            review = publication["editions"].get(name) or {"edition": name, "status": "changed", "headline": [],
                                                             "rows": [], "claims": [], "files": []}
            item = ET.SubElement(items, f"{{{XHTML}}}li")
            key = f"{review.get('figure')}-{review.get('language') or 'en'}"
            line = changes.log_line(review).removeprefix("changes ")
            if key in figure_keys:
                anchor = ET.SubElement(item, f"{{{XHTML}}}a", {"href": links.public(f"figure/{key}.html")})
                anchor.text = line
            else:
                item.text = line
    return _xml(feed, ATOM)


def sitemap(site_url: str, pages: list[str]) -> bytes:
    """sitemap.xml: the site's pages (paths from the site's root) as absolute addresses."""
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for page in pages:
        ET.SubElement(ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url"), f"{{{SITEMAP_NS}}}loc").text = site_url + page
    return _xml(urlset, SITEMAP_NS)
