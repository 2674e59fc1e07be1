"""The static site in headless Chromium: layout at phone and desktop widths, images, links,
the responsive embed and its self-sizing iframe snippet, accessibility (axe-core), and no
request leaving the site. One site is built for the module; every page is opened from file://.

Needs headless Chromium (see tests/browser.py): skipped visibly without it, failed under CI=true.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import site_cases
from browser import browser_page, shared_chromium
from helpers.site import build

pytestmark = pytest.mark.browser
SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="module", autouse=True)
def chromium():
    """One Chromium for the module (each test's page still gets a fresh profile); skipped (or
    failed under CI=true) without one, before the site is built."""
    with shared_chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    output = site_cases.make_output(tmp_path_factory.mktemp("site-browser") / "output")
    return build.build(output, stale_after_days=45, today=dt.date(2026, 5, 4))


def open_page(page, path: Path, problems: list[str]) -> None:
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.goto(path.as_uri(), wait_until="load")


def load_every_image(page) -> None:
    """Scroll each image into view (cards load lazily), then wait until all have loaded."""
    for image in page.locator("img").all():
        image.scroll_into_view_if_needed()
    page.wait_for_function("[...document.images].every(i => i.complete)", timeout=20_000)


def accessibility_problems(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"] if v.get("impact") in SERIOUS]


def page_basics(page) -> dict:
    return page.evaluate("""() => ({
        lang: document.documentElement.lang,
        noAlt: [...document.images].filter(i => !i.hasAttribute('alt') || !i.alt.trim()).map(i => i.src),
        broken: [...document.images].filter(i => !(i.naturalWidth > 0)).map(i => i.src),
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        pwned: window.__pwned || null,
        links: [...document.querySelectorAll('a[href]')].map(a => ({href: a.href, out: !!a.closest('.sources')})),
    })""")


def assert_links_inside(site: Path, links: list[dict]) -> None:
    for link in links:
        parts = urlsplit(link["href"])
        if link["out"] and parts.scheme in ("http", "https"):
            continue   # a source's own page: a link out, never requested by the site
        assert parts.scheme == "file", link
        target = Path(unquote(parts.path)).resolve()
        assert target.is_relative_to(site.resolve()) and target.is_file(), link


def test_index_fits_phone_and_desktop_loads_every_image_and_links_only_inside(site):
    problems, blocked = [], []
    with browser_page(blocked=blocked, viewport=(1280, 900)) as page:
        open_page(page, site / "index.html", problems)
        for width in (1280, 360):
            page.set_viewport_size({"width": width, "height": 900})
            load_every_image(page)
            basics = page_basics(page)
            assert basics["overflow"] <= 0, f"horizontal scroll of {basics['overflow']} px at {width} px"
            assert basics["broken"] == [] and basics["noAlt"] == [], basics
            assert basics["lang"] == "en" and basics["pwned"] is None
            assert_links_inside(site, basics["links"])
        # The language filter (CSS only): Belarusian leaves one card.
        page.get_by_label("беларуская (Belarusian)").check()
        assert [c.get_attribute("id") for c in page.locator("article.card").all() if c.is_visible()] == ["freed-be"]
        assert accessibility_problems(page) == []
        # The copyable embed code points at the embed by an absolute address, wherever the site is opened.
        code = page.locator("#embed-held-en").input_value()
        assert f'src="{(site / "embed" / "held-en.html").as_uri()}"' in code
    assert not problems and not blocked, (problems, blocked)


def test_figure_page_is_accessible_and_declares_its_language(site):
    problems, blocked = [], []
    with browser_page(blocked=blocked, viewport=(1280, 900)) as page:
        open_page(page, site / "figure" / "freed-be.html", problems)
        load_every_image(page)
        basics = page_basics(page)
        assert basics["lang"] == "be" and basics["broken"] == [] and basics["noAlt"] == [] and not basics["pwned"]
        assert_links_inside(site, basics["links"])
        assert page.locator(".stale").inner_text().replace("\u00a0", " ").replace("\u202f", " ").startswith(
            "Апошняе абнаўленне даных — 19 сакавіка 2026 г.")      # the page's own words in its language
        assert accessibility_problems(page) == []
    assert not problems and not blocked, (problems, blocked)


def shown_layout(page) -> str:
    return page.evaluate("document.querySelector('#embed img').currentSrc")


def test_embed_shows_mobile_when_narrow_desktop_when_wide_and_the_snippet_fits_its_height(site, tmp_path):
    problems, blocked = [], []
    with browser_page(blocked=blocked, viewport=(360, 800)) as page:
        open_page(page, site / "embed" / "held-en.html", problems)
        load_every_image(page)
        assert "/files/x-mobile/held." in shown_layout(page)     # held.1x.png at 1 device pixel per px
        assert page.evaluate("document.querySelector('#embed img').naturalWidth") == 360
        assert accessibility_problems(page) == []
        assert page_basics(page)["noAlt"] == []
        page.set_viewport_size({"width": 900, "height": 800})
        page.wait_for_function("document.querySelector('#embed img').currentSrc.includes('/x-desktop/')")
        load_every_image(page)
        assert "/files/x-desktop/held." in shown_layout(page)
        assert page.evaluate("document.querySelector('#embed img').naturalWidth") == 720

        # The snippet, pasted into a page elsewhere on disk, in a narrow column and then a wide one.
        page.goto((site / "index.html").as_uri(), wait_until="load")
        code = page.locator("#embed-held-en").input_value()
        host = tmp_path / "host.html"
        host.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head>'
                        '<body style="margin:0"><p>Story text above.</p>'
                        f'<div id="column" style="width:360px">{code}</div><p>Story text below.</p></body></html>',
                        encoding="utf-8")
        page.goto(host.as_uri(), wait_until="load")
        embed = next(f for f in page.frames if f.url.endswith("/embed/held-en.html"))
        for width, layout in ((360, "/x-mobile/"), (900, "/x-desktop/")):
            page.evaluate(f"document.getElementById('column').style.width = '{width}px'")
            # (file:// pages are separate origins: the host cannot look inside the frame, so ask each side.)
            embed.wait_for_function(f"""() => {{ const img = document.querySelector('#embed img');
                return img.complete && img.naturalWidth > 0 && img.currentSrc.includes('{layout}'); }}""",
                                    timeout=20_000)
            content = embed.evaluate("Math.ceil(document.getElementById('embed').getBoundingClientRect().height)")
            page.wait_for_function(f"Math.abs(document.querySelector('iframe').getBoundingClientRect().height"
                                   f" - {content}) <= 1", timeout=20_000)
            inner = embed.evaluate("({scroll: document.documentElement.scrollHeight, "
                                   "client: document.documentElement.clientHeight, "
                                   "wide: document.documentElement.scrollWidth - document.documentElement.clientWidth})")
            assert inner["scroll"] <= inner["client"] and inner["wide"] <= 0, (width, inner)
    assert not problems and not blocked, (problems, blocked)
