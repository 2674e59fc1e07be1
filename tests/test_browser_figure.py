"""The offline HTML page of a figure draws in a real browser, with no network, and
text from the data cannot run as script there.

Needs headless Chromium (see tests/browser.py): skipped visibly without it, failed under CI=true.
"""

from __future__ import annotations

import io

import pytest

import figure_cases
from browser import browser_page, shared_chromium
from helpers.i18n import translator
from helpers import data, export, kit, measures, theme
from helpers.figures import cumulative_releases

pytestmark = pytest.mark.browser

SCRIPT_PAYLOAD = "<script>window.__pwned=1</script>"
MARKUP_PAYLOAD = '<img src=x onerror="window.__pwned=2">'
RANGE = {"start_date": "2024-07-01", "end_date": "2026-03-31"}


@pytest.fixture(scope="module", autouse=True)
def chromium():
    """Skip (or fail under CI=true) before spending time on exports; one Chromium for the module
    (each test's page still gets a fresh profile)."""
    with shared_chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def frames():
    return data.load_all()


def build(frames, layout: str, releases=None) -> kit.Figure:
    releases = releases if releases is not None else frames["releases"]
    period = measures.period(RANGE["start_date"], RANGE["end_date"], releases)
    return cumulative_releases.cumulative_releases_figure(releases, frames["milestones"], frames["sanctions"],
                                                          period=period, layout=theme.layout(layout), t=translator("en"))


def open_chart(page, html_path, problems: list[str], drawn: str = "#chart svg .mark-line.role-mark path") -> None:
    """Load the page from disk and wait until Vega has drawn (by default, the step line)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}")
            if message.type in ("error", "warning") else None)
    page.on("request", lambda request: None if request.url.startswith("file:")
            else problems.append(f"request: {request.url}"))
    page.goto(html_path.resolve().as_uri(), wait_until="load", timeout=30_000)
    try:
        page.wait_for_selector(drawn, state="attached", timeout=20_000)
        drawn = True
    except PlaywrightTimeout:
        drawn = False
    if not drawn:
        pytest.fail(f"the chart was not drawn within 20 s; the page reported: {problems or 'nothing'}")


def count(page, selector: str) -> int:
    return page.locator(selector).count()


# The boxes of every text element and legend symbol the browser drew, in page pixels.
TEXT_BOXES = """() => [...document.querySelectorAll('#chart svg text, #chart svg .role-legend-symbol path')]
    .filter(t => t.tagName !== 'text' || (t.textContent.trim() && getComputedStyle(t).opacity !== '0'))
    .map(t => { const r = t.getBoundingClientRect();
                return {text: t.tagName === 'text' ? t.textContent : 'legend symbol', symbol: t.tagName !== 'text',
                        x0: r.left, y0: r.top, x1: r.right, y1: r.bottom}; })"""


def overlapping(boxes: list[dict], tolerance: float = 0.5) -> list[tuple[str, str]]:
    """Text over text, or text over a legend symbol (as "tightened" ran into the next circle)."""
    return [(a["text"], b["text"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if not (a["symbol"] and b["symbol"])
            and a["x0"] < b["x1"] - tolerance and b["x0"] < a["x1"] - tolerance
            and a["y0"] < b["y1"] - tolerance and b["y0"] < a["y1"] - tolerance]


@pytest.mark.parametrize("figure, layout", figure_cases.CASES)
def test_the_page_lays_text_out_as_the_png_does(frames, figure, layout, tmp_path):
    """The browser measures text with the embedded font, not a fallback: legend entries
    and labels keep clear of each other, as in the PNG (tests/test_figure_geometry.py)."""
    built = figure_cases.build(frames, figure, layout)
    html_path = export.export_html(built, tmp_path)
    problems = []
    with browser_page(blocked=[]) as page:
        page.set_viewport_size({"width": built.layout.width + 40, "height": 900})
        open_chart(page, html_path, problems, drawn="#chart svg .role-mark")
        page.wait_for_function("() => document.fonts.status === 'loaded'")
        # the page's own FontFace objects, loaded (document.fonts.check is true for a system Lato too)
        loaded = page.evaluate("() => [...document.fonts].filter(f => f.family.replace(/[\"']/g, '') === 'Lato')"
                               ".map(f => [f.weight, f.status])")
        assert len(loaded) >= 2 and all(status == "loaded" for _, status in loaded), loaded
        assert len({weight for weight, _ in loaded}) == 2, loaded                # regular and bold
        boxes = page.evaluate(TEXT_BOXES)
    assert len(boxes) > 10, "the page drew almost no text"
    assert overlapping(boxes) == []
    assert not problems, problems


@pytest.mark.parametrize("layout", ["desktop", "mobile"])
def test_offline_page_draws_the_chart(frames, layout, tmp_path):
    from PIL import Image

    figure = build(frames, layout)
    html_path = export.export_html(figure, tmp_path)
    table = figure.table
    releases, sanctions = (int((table["layer"] == layer).sum()) for layer in ("release", "sanctions"))
    labels = table.loc[table["layer"] == "milestone", "description"].tolist()
    assert releases > 20 and labels, "the test data no longer has enough to draw"

    problems, blocked = [], []
    with browser_page(blocked=blocked) as page:
        open_chart(page, html_path, problems)

        assert count(page, "#chart svg") == 1
        assert count(page, "#chart svg .mark-line.role-mark path") == 1          # the step line
        rules = len(set(table.loc[table["layer"] == "milestone", "date"]))     # one rule per day
        assert count(page, "#chart svg .mark-rule.role-mark line") == rules   # milestone rules
        symbols = count(page, "#chart svg .mark-symbol.role-mark path")           # releases + sanctions
        assert symbols == releases + sanctions
        assert count(page, "#chart svg .role-mark > *") > 20

        texts = page.locator("#chart svg text").all_text_contents()
        missing = [label for label in labels if label not in texts]
        assert not missing, f"milestone labels not drawn: {missing}"
        assert any("Graphic: " in text for text in texts), "the credit line is missing"

        shot = Image.open(io.BytesIO(page.locator("#chart").screenshot())).convert("RGB")

    assert not problems, problems
    assert not blocked, f"the offline page tried to reach the network: {blocked}"

    colours = shot.getcolors(maxcolors=1 << 20)
    non_white = sum(n for n, rgb in colours if min(rgb) < 245) / (shot.width * shot.height)
    assert len(colours) > 20, f"the screenshot has only {len(colours)} colours"
    assert non_white > 0.02, f"the screenshot is {non_white:.1%} non-white: nothing drawn?"


def test_markup_in_the_data_is_shown_as_text_not_run(frames, tmp_path):
    plotted = build(frames, "desktop").table.query("layer == 'release'")["id"].tolist()
    releases = frames["releases"].copy()
    releases.loc[releases["release_id"] == plotted[0], "notable_people"] = SCRIPT_PAYLOAD
    releases.loc[releases["release_id"] == plotted[1], "notable_people"] = MARKUP_PAYLOAD
    figure = build(frames, "desktop", releases)
    assert SCRIPT_PAYLOAD in figure.table["description"].tolist(), "the payload is not in the plotted data"
    html_path = export.export_html(figure, tmp_path)
    assert SCRIPT_PAYLOAD not in html_path.read_text(encoding="utf-8")

    problems, blocked = [], []
    with browser_page(blocked=blocked) as page:
        open_chart(page, html_path, problems)
        assert count(page, "#chart svg .mark-symbol.role-mark path") > 20, "the page no longer draws"

        # Vega puts each point's tooltip text in its aria-label: the payload is there, as text.
        for payload in (SCRIPT_PAYLOAD, MARKUP_PAYLOAD):
            labelled = page.eval_on_selector_all(
                "#chart svg .mark-symbol.role-mark path",
                "(paths, text) => paths.filter(p => (p.getAttribute('aria-label') || '').includes(text)).length",
                payload)
            assert labelled == 1, f"{payload} is not in exactly one point's label"

        # Hover the point: the tooltip shows the payload literally and runs nothing.
        index = page.eval_on_selector_all(
            "#chart svg .mark-symbol.role-mark path",
            "(paths, text) => paths.findIndex(p => (p.getAttribute('aria-label') || '').includes(text))",
            MARKUP_PAYLOAD)
        page.locator("#chart svg .mark-symbol.role-mark path").nth(index).hover(force=True)
        tooltip = page.locator("#vg-tooltip-element")
        tooltip.wait_for(state="visible", timeout=10_000)
        assert MARKUP_PAYLOAD in tooltip.inner_text()
        assert tooltip.locator("img").count() == 0

        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        assert page.evaluate("() => document.querySelectorAll('#chart script, #vg-tooltip-element script').length") == 0

    assert not problems, problems
    assert not blocked, f"the page tried to reach the network: {blocked}"
