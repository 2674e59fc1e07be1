"""The headline chart and its export bundle, asserted on content."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pytest
from PIL import Image
from pypdf import PdfReader

from helpers import charts, data, export, labels, measures, theme

START, END = "2024-07-01", "2026-03-31"


@pytest.fixture(scope="module")
def frames():
    return data.load_all()


def build(frames, edition, **overrides):
    options = dict(start_date=START, end_date=END, basis="official", min_priority=2,
                   sanctions_jurisdictions=["US"], edition=edition)
    options.update(overrides)
    return charts.cumulative_releases_figure(frames["releases"], frames["milestones"], frames["sanctions"], **options)


@pytest.fixture(scope="module", params=["desktop", "mobile"])
def bundle(request, frames, tmp_path_factory):
    figure = build(frames, request.param)
    written = export.export_bundle(figure, tmp_path_factory.mktemp(request.param))
    return figure, written


def test_bundle_has_every_file_in_the_edition_folder(bundle):
    figure, written = bundle
    assert set(written) == set(export.BUNDLE_FILES)
    for path in written.values():
        assert path.parent.parts[-2:] == ("cumulative-releases", figure.edition)
        assert path.stat().st_size > 0


def test_png_is_twice_the_edition_width(bundle):
    figure, written = bundle
    with Image.open(written["png"]) as image:
        assert image.width == 2 * theme.EDITION_WIDTHS[figure.edition]
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
        assert len(colours) > 50   # a drawn chart, not a blank canvas


def test_svg_holds_labels_credit_title_and_description(bundle, frames):
    figure, written = bundle
    svg = written["svg"].read_text(encoding="utf-8")
    key_labels = frames["milestones"].query("priority == 1")["label"]
    shown = [label for label in key_labels if label in svg]
    assert len(shown) >= 3
    assert "Coale visit; 250 freed" in svg     # the biggest release keeps its label on every edition
    assert charts.CREDIT.split(" · ")[0] in svg
    assert "<title id=\"chart-title\">" in svg and "<desc id=\"chart-desc\">" in svg
    assert f'font-family="{theme.FONT}' in svg or f"font-family: {theme.FONT}" in svg or theme.FONT in svg


def test_mobile_keeps_only_priority_one_labels(frames):
    figure = build(frames, "mobile")
    svg_text = figure.chart.to_json()
    secondary = frames["milestones"].query("priority == 2")["label"]
    assert not [label for label in secondary if f'"{label}"' in svg_text]


def test_labels_never_overlap_and_layout_is_deterministic(frames):
    milestones = frames["milestones"]
    for edition, max_priority, rows in (("desktop", 2, 4), ("mobile", 1, 3)):
        width = theme.EDITION_WIDTHS[edition] - charts.Y_AXIS_ALLOWANCE - 28
        shown = milestones[(milestones["priority"] <= max_priority)
                           & (milestones["date"] >= START) & (milestones["date"] <= END)]
        first = labels.place_labels(shown, START, END, width, rows)
        again = labels.place_labels(shown, START, END, width, rows)
        assert first == again
        assert labels.overlaps(first, dict(zip(shown["milestone_id"], shown["label"]))) == []
        assert all(0 <= (p.x if p.align == "left" else p.x - labels.label_width(
            dict(zip(shown["milestone_id"], shown["label"]))[p.milestone_id])) for p in first)


def test_crowded_labels_are_dropped_not_overlapped():
    crowded = pd.DataFrame({"milestone_id": [f"M{i:03d}" for i in range(12)],
                            "date": pd.to_datetime(["2025-01-01"] * 12), "label": ["A long label here"] * 12,
                            "priority": [1] * 12})
    placed = labels.place_labels(crowded, "2024-07-01", "2026-03-31", 300, 3)
    assert len(placed) == 3
    assert labels.overlaps(placed, dict(zip(crowded["milestone_id"], crowded["label"]))) == []


def test_csv_is_exactly_what_is_plotted_with_sources(bundle, frames):
    figure, written = bundle
    rows = list(csv.DictReader(io.StringIO(written["csv"].read_text(encoding="utf-8"))))
    releases = [r for r in rows if r["layer"] == "release"]
    expected = measures.official_total(frames["releases"], START, END)
    assert sum(int(r["value"]) for r in releases) == expected
    assert int(releases[-1]["cumulative"]) == expected
    assert all(r["source_url"].startswith("http") for r in rows)
    assert {r["id"] for r in rows if r["layer"] == "sanctions"} >= {"S042", "S046"}


def test_alt_text_states_the_total_and_the_largest_release(bundle, frames):
    figure, written = bundle
    total = measures.official_total(frames["releases"], START, END)
    text = written["txt"].read_text(encoding="utf-8")
    assert f"{total:,}" in text and "250" in text and "19 March 2026" in text
    assert text.strip() == figure.alt_text
    assert figure.alt_text.replace("'", "&#x27;").split(".")[0] in written["html"].read_text(encoding="utf-8")


def test_html_is_self_contained(bundle):
    _, written = bundle
    html = written["html"].read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"https?://[^\"' ]*(cdn|jsdelivr|unpkg)", html)
    assert "vegaEmbed(" in html


def test_pdf_embeds_the_house_font(bundle):
    _, written = bundle
    reader = PdfReader(written["pdf"])
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any(theme.FONT in name for name in fonts), fonts


def test_rendering_twice_gives_byte_identical_svg_csv_json_and_alt_text(frames, tmp_path):
    first = export.export_bundle(build(frames, "desktop"), tmp_path / "a")
    second = export.export_bundle(build(frames, "desktop"), tmp_path / "b")
    for kind in ("svg", "csv", "vl.json", "txt", "html"):
        assert first[kind].read_bytes() == second[kind].read_bytes(), kind


def test_political_prisoner_basis_says_what_is_left_out(frames):
    figure = build(frames, "desktop", basis="political_prisoners")
    series = measures.cumulative(frames["releases"], "political_prisoners", START, END)
    assert series.unknown_events > 0
    assert f"not known for {series.unknown_events} of the releases" in figure.alt_text
    assert f"{series.total:,} political prisoners freed" in figure.title
    spec = figure.chart.to_dict()
    footer = " ".join(row["line"] for dataset in spec["datasets"].values() for row in dataset if "line" in row)
    assert f"not known for {series.unknown_events} of the releases" in footer


def test_general_licence_and_delisting_are_told_apart(frames):
    figure = build(frames, "desktop")
    styles = {row["id"]: row["description"] for row in figure.table.to_dict("records") if row["layer"] == "sanctions"}
    assert "ease (general_licence)" in styles["S042"]
    assert "lift (delisting)" in styles["S046"]
