"""The reviewer's sheet (issue 19, item 6): one page per language with every message and data
label, its English source, its translation, its status and the published figures it is in;
linked from the site; a sign-off is a named, dated record, and until then everything says draft."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

import figure_cases
from helpers import data, export, paths
from helpers.i18n import LANGUAGES, REVIEWED, sheet
from helpers.i18n.maintain import header_comment
from helpers.site import build as site_build

EDITIONS = {"cumulative-releases-desktop-be": ("cumulative-releases", "desktop"),
            "sanctions-and-releases-mobile-be": ("sanctions-and-releases", "mobile")}


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    folder = tmp_path_factory.mktemp("output")
    frames = data.load_all()
    for name, (story, layout) in EDITIONS.items():
        export.export_bundle(figure_cases.build(frames, story, layout, "be"), folder / name)
    (folder / "manifest.json").write_text(json.dumps({"editions": {n: {"status": "ok"} for n in EDITIONS}}))
    sheet.write(paths.project_root(), folder)      # the session copy (DESK_ROOT), never the checkout
    return folder


def row(page: str, english: str) -> str:
    """The table row whose English cell starts with `english`."""
    found = re.search(r"<tr><td>[^<]*</td>\s*<td class=\"english\">(?:<div>)?" + re.escape(english) + r".*?</tr>",
                      page, re.S)
    assert found, english
    return found.group(0)


def test_one_page_per_translated_language(output):
    assert sorted(p.name for p in (output / "review").iterdir()) == ["be.html", "lt.html", "pl.html", "ru.html",
                                                                     "uk.html"]


def test_each_message_shows_source_translation_status_and_the_figures_it_is_in(output):
    page = (output / "review" / "be.html").read_text(encoding="utf-8")
    assert "Status: draft" in page and "TRANSLATION_REVIEW_2026-12.md" in page
    data_to = row(page, "Data to {date}")
    assert "Даныя на {date}" in data_to and ">draft<" in data_to
    assert 'title="cumulative-releases-desktop-be"' in data_to and 'title="sanctions-and-releases-mobile-be"' in data_to
    relief = row(page, "US relief came with releases: {near} of {n} step within {days}")
    assert "<span class=\"category\">few</span>" in relief and 'title="sanctions-and-releases-mobile-be"' in relief
    assert 'title="cumulative-releases-desktop-be"' not in relief
    assert "not in a published figure" in row(page, "Political prisoners held (Viasna)")
    short = row(page, "Smith visit: +3")
    assert "Дэлегацыя ЗША: +3" in short and 'title="cumulative-releases-desktop-be"' in short
    assert page.count("data:image/png;base64,") == len(EDITIONS)      # each thumbnail inlined once
    assert 'reviewer="Name", reviewed_on="YYYY-MM-DD"' in page


def test_the_site_links_the_sheets(output):
    site = site_build.build(output)
    assert (site / "review" / "be.html").is_file()
    index = (site / "index-be.html").read_text(encoding="utf-8")
    assert 'href="review/be.html"' in index


def test_a_sign_off_needs_a_name_and_a_date_and_shows_in_the_catalog_header():
    be = LANGUAGES["be"]
    with pytest.raises(ValueError, match="reviewer's name .* and the date of the sign-off"):
        replace(be, status=REVIEWED, reviewer="A. Reviewer")
    signed = replace(be, status=REVIEWED, reviewer="A. Reviewer", reviewed_on="2027-01-15")
    assert signed.status_line == "be: reviewed by A. Reviewer on 2027-01-15"
    assert "Reviewed by A. Reviewer on 2027-01-15." in header_comment(signed)
    assert "draft" in be.status_line and "not signed off" in header_comment(be)
