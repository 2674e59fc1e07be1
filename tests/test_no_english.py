"""No English is left in what a reader of a translated edition sees (issue 19, item 4): the
chart's text, its tooltips, the alt text, the localized CSV, and the site's pages (index,
figure page, embed), for every story, layout and language. Names stay as published (AP,
Kyiv Independent), the desk's name stays English; descriptions, chrome and codes do not.
A control shows the scan finds English where it is."""

from __future__ import annotations

import functools
import html
import json
import re

import pytest
import vl_convert as vlc

import figure_cases
from helpers import data, export, theme
from helpers.i18n import TRANSLATED
from helpers.site import build as site_build

STORIES = ("cumulative-releases", "sanctions-and-releases", "prisoners-held")
LAYOUTS = ("desktop", "mobile", "social")
# English words of the desk's chrome, data descriptions and codes (names of outlets aside).
ENGLISH = re.compile(
    r"\b(Sources?|Data to|Graphic|Notable|Total so far|via|citing|law firm|mirror|reprint|aggregator|freed|releases?|"
    r"milestones?|sanctions?|steps?|official|exact|about|more_than|at_least|political_prisoners|held|Downloads?|"
    r"Embed|Layouts?|Get the data|Description|Note|people|Pressure|Relief|potash|aviation|finance|Eased|Lifted|"
    r"desktop|mobile|social|Skip to|published|Languages?|updated|draft|rights groups|not named|Tsikhanouskaya|"
    r"Nauseda)\b")
# Names a language writes in its own way (the glossary, the outlets' own names): in Latin they are English left.
OWN_FORMS = {"be": ["Viasna", "Radio Svoboda", "Nasha Niva", "Pozirk"],
             "ru": ["Viasna", "Radio Svoboda", "Zerkalo", "Meduza", "Kommersant", "Vedomosti", "Charter 97", "Pozirk"],
             "uk": ["Viasna", "Radio Svoboda", "Zerkalo", "UNN", "Pozirk", "Ukrainska Pravda", "Yevropeiska Pravda"],
             "pl": ["Viasna"], "lt": []}
KEPT = ["Belarus Releases Desk"]      # the desk's name stays English (locale/*/desk.po says so)


def english_in(text: str, code: str) -> list[str]:
    for kept in KEPT:
        text = text.replace(kept, "")
    names = [name for name in OWN_FORMS.get(code, []) if re.search(rf"\b{re.escape(name)}\b", text)]
    return sorted(set(ENGLISH.findall(text)) | set(names))


@functools.cache
def frames():
    return data.load_all()


def tooltip_texts(spec: dict) -> list[str]:
    """The values a reader can see in the chart's tooltips: each layer's tooltip fields, read
    from that layer's own data."""
    datasets, found = spec.get("datasets", {}), []

    def walk(node, data_name=None):
        if isinstance(node, dict):
            data_name = (node.get("data") or {}).get("name", data_name) if isinstance(node.get("data"), dict) \
                else data_name
            tooltip = (node.get("encoding") or {}).get("tooltip") if isinstance(node.get("encoding"), dict) else None
            items = tooltip if isinstance(tooltip, list) else [tooltip] if isinstance(tooltip, dict) else []
            for item in items:
                if isinstance(item, dict) and "field" in item:
                    found.extend(str(row[item["field"]]) for row in datasets.get(data_name, [])
                                 if isinstance(row.get(item["field"]), str))
            for key, value in node.items():
                if key not in ("datasets", "data"):
                    walk(value, data_name)
        elif isinstance(node, list):
            for value in node:
                walk(value, data_name)

    walk(spec)
    return found


def reader_texts(built) -> list[str]:
    """Everything of a figure a reader reads, but the web addresses and dates of the CSV."""
    theme.use_house_style()
    spec = export.vega_lite_spec(built)
    svg = vlc.vegalite_to_svg(spec, **export.locale_options(built))
    drawn = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>|<tspan[^>]*>([^<]*)</tspan>", svg)
             for t in (t if isinstance(t, tuple) else (t,)) if t]
    table = export.localized_table(built)
    cells = [str(v) for column in table.columns if "URL" not in column and column not in (built.headers.get("id"),)
             for v in table[column] if isinstance(v, str)]
    return drawn + tooltip_texts(spec) + [built.title, built.subtitle, built.alt_text, built.method_note,
                                          *table.columns, *cells]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("story", STORIES)
@pytest.mark.parametrize("code", TRANSLATED)
def test_no_english_in_a_translated_figure(code, story, layout):
    built = figure_cases.build(frames(), story, layout, code)
    left = {word: [t for t in reader_texts(built) if word in english_in(t, code)][:2]
            for word in english_in("\n".join(reader_texts(built)), code)}
    assert left == {}, f"English in the {code} {story} ({layout}): {left}"


def page_text(path) -> str:
    """A page's visible words: no markup, scripts, styles or the embed code's HTML."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<(script|style|textarea)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return html.unescape(text)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site built from real mobile bundles of every story in every translated language."""
    output = tmp_path_factory.mktemp("published")
    editions = {}
    for story in STORIES:
        for code in TRANSLATED:
            name = f"{story}-mobile-{code}"
            export.export_bundle(figure_cases.build(frames(), story, "mobile", code), output / name)
            editions[name] = {"status": "ok"}
    (output / "manifest.json").write_text(json.dumps({"editions": editions}), encoding="utf-8")
    return site_build.build(output)


@pytest.mark.parametrize("code", TRANSLATED)
def test_no_english_on_a_translated_languages_pages(site, code):
    pages = [site / f"index-{code}.html", *sorted((site / "figure").glob(f"*-{code}.html")),
             *sorted((site / "embed").glob(f"*-{code}.html"))]
    assert len(pages) == 1 + 2 * len(STORIES)
    for page in pages:
        assert english_in(page_text(page), code) == [], page.name


def test_the_scan_finds_english_where_it_is(site):
    built = figure_cases.build(frames(), "cumulative-releases", "mobile", "en")
    found = english_in("\n".join(reader_texts(built)), "en")
    assert {"Sources", "freed", "via", "release"} <= set(found), found
    assert english_in("Крыніцы: AP via KYMA; Osler (law firm)", "be") == ["law firm", "via"]
    assert english_in("Даныя па 19 сакавіка · Belarus Releases Desk", "be") == []
    assert english_in("Sources of the release counts: Reuters via CNA.", "ru") == ["Sources", "release", "via"]
