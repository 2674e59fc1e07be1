"""Hostile data: names that try to leave the output folder, spreadsheet formulas, and markup."""

from __future__ import annotations

import csv
import json
import re

import pytest

from helpers.i18n import translator
from helpers import data, export, measures, theme
from helpers.figures import cumulative_releases
from helpers.errors import DeskError

HYPERLINK = '=HYPERLINK("http://example.com")'
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def frames():
    return data.load_all()


def headline(frames, **changes):
    releases = frames["releases"].copy()
    milestones = frames["milestones"].copy()
    if "person" in changes:
        releases.loc[releases["release_id"] == "E27", "notable_people"] = changes["person"]
    if "label" in changes:
        milestones.loc[milestones["milestone_id"] == "M037", "label"] = changes["label"]
    period = measures.period("2024-07-01", "2026-03-31", releases)
    return cumulative_releases.cumulative_releases_figure(releases, milestones, frames["sanctions"], period=period,
                                                          layout=theme.layout("desktop"), t=translator("en"))


@pytest.mark.parametrize("name", ["../x", "/tmp/x", "a/b", "..", "", "Upper", "a\\b"])
def test_unsafe_figure_or_edition_names_are_rejected(frames, tmp_path, name):
    figure = headline(frames)
    figure.slug = name
    with pytest.raises(DeskError, match="not allowed"):
        export.export_bundle(figure, tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", HYPERLINK])
def test_formula_like_cells_are_neutralised(cell):
    assert export.neutralise_formula(cell) == "'" + cell
    assert export.neutralise_formula("Ales Bialiatski") == "Ales Bialiatski"
    assert export.neutralise_formula(42) == 42


def test_a_notable_person_named_like_a_formula_is_text_in_the_csv(frames, tmp_path):
    written = export.export_bundle(headline(frames, person=HYPERLINK), tmp_path)
    rows = list(csv.DictReader(written["csv"].open(encoding="utf-8")))
    cells = [cell for row in rows for cell in row.values()]
    assert "'" + HYPERLINK in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)


def test_markup_in_the_data_is_escaped_in_svg_and_html(frames, tmp_path):
    figure = headline(frames, person=SCRIPT, label=SCRIPT)
    figure.alt_text += " " + SCRIPT
    written = export.export_bundle(figure, tmp_path)
    svg = written["svg"].read_text(encoding="utf-8")
    assert "<script" not in svg
    json_text = written["json"].read_text(encoding="utf-8")
    assert "&lt;script" not in json_text                                    # JSON keeps it as data, not escaped
    assert json.loads(json_text)["alt_text"].endswith(" " + SCRIPT)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg        # the label, drawn as text
    html = written["html"].read_text(encoding="utf-8")
    assert len(re.findall(r"<script\b", html)) == 2             # the inlined Vega bundle and our embed call
    assert "\\u003cscript\\u003ealert(1)" in html               # inside the spec, inert
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html        # in the alt text, as text
