"""vega-embed in a real browser draws axis months and numbers in the language, with the
same locale objects vl-convert uses (`Translator.embed_options()` for the offline page).

Needs headless Chromium (see tests/browser.py): skipped visibly without it, failed under CI=true.
"""

from __future__ import annotations

import json

import pytest

from browser import browser_page, shared_chromium
from helpers import export
from helpers.i18n import translator
from test_i18n_vega import NBSP, tiny_chart

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", autouse=True)
def chromium():
    """One Chromium for the module (each test's page still gets a fresh profile); skipped (or
    failed under CI=true) without one."""
    with shared_chromium() as browser:
        yield browser


def page_html(spec: dict, options: dict, lang: str) -> str:
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<script>{export.vega_bundle()}</script></head><body><div id="chart"></div>
<script>vegaEmbed("#chart", {json.dumps(spec)}, {json.dumps(options)}).catch(e => document.title = "error " + e);</script>
</body></html>"""


@pytest.mark.parametrize("code, months, number", [
    ("be", ["студзень 2026", "люты 2026", "сакавік 2026"], f"10{NBSP}000"),
    ("lt", ["sausis 2026", "vasaris 2026", "kovas 2026"], f"10{NBSP}000"),
])
def test_vega_embed_draws_localized_ticks(tmp_path, code, months, number):
    t = translator(code)
    path = tmp_path / f"{code}.html"
    options = {"renderer": "svg", "actions": False, **t.embed_options()}
    path.write_text(page_html(tiny_chart("%B %Y"), options, t.language.html_lang), encoding="utf-8")
    blocked: list[str] = []
    with browser_page(blocked=blocked) as page:
        page.goto(path.as_uri(), wait_until="load", timeout=30_000)
        page.wait_for_selector("#chart svg .mark-line path", state="attached", timeout=20_000)
        texts = page.eval_on_selector_all("#chart svg text", "nodes => nodes.map(n => n.textContent)")
        assert not page.title().startswith("error"), page.title()
    assert blocked == []
    for expected in months + [number]:
        assert expected in texts, (expected, texts)


@pytest.mark.parametrize("code", ["ru", "uk", "pl"])
def test_the_published_page_draws_the_axis_in_the_language(tmp_path, code):
    """The real offline page of the headline chart: Chromium draws the same localized axis
    months and grouped numbers as vl-convert's SVG, and no English month."""
    import re

    import figure_cases
    from helpers import data

    built = figure_cases.build(data.load_all(), "cumulative-releases", "desktop", code)
    written = export.export_bundle(built, tmp_path)
    t = translator(code)
    blocked: list[str] = []
    with browser_page(blocked=blocked) as page:
        page.goto(written["html"].as_uri(), wait_until="load", timeout=30_000)
        page.wait_for_selector("#chart svg .mark-line path", state="attached", timeout=20_000)
        assert page.eval_on_selector("html", "e => e.lang") == code
        ticks = page.eval_on_selector_all("#chart svg .role-axis-label text", "nodes => nodes.map(n => n.textContent)")
    assert blocked == []
    svg = written["svg"].read_text(encoding="utf-8")
    july = t.time_format_locale["shortMonths"][6]
    assert any(tick.startswith(july) or f" {july}" in tick for tick in ticks), (july, ticks)
    assert not [tick for tick in ticks if re.match(r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ", tick)]
    assert all(tick in svg for tick in ticks if tick), ticks      # the same words vl-convert drew
