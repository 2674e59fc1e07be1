"""The headline chart and its export bundle, asserted on content."""

from __future__ import annotations

import csv
import io
import json
import re

import pandas as pd
import pytest
from PIL import Image
from pypdf import PdfReader

from helpers.i18n import translator
from helpers import data, export, frame, measures, placement, theme
from helpers.figures import cumulative_releases as headline

START, END = "2024-07-01", "2026-03-31"
# The data's facts, written out (not computed by measures.official_total, which the figure uses): 865 people
# freed by official count from July 2024 to the data's last release on 19 March 2026 (claims.csv K07).
FREED_SINCE_JULY_2024 = 865
# README "Outputs": the bundle's nine files, and the PNG sizes (desktop 1440 px wide, mobile 720, social 1200 x 675).
SUFFIXES = ["png", "svg", "pdf", "html", "vl.json", "csv", "localized.csv", "txt", "json"]
PNG_WIDTH = {"desktop": 1440, "mobile": 720, "social": 1200}
# The priority-1 milestone labels each layout writes out in full (the social card is a summary: none).
KEY_LABELS = {
    "desktop": ["Smith visit; 3 freed", "Kellogg visit; 14 freed", "Trump–Lukashenko call", "Coale visit; 52 freed",
                "Coale visit; 123 freed", "Coale visit; 250 freed"],
    "mobile": ["Coale visit; 52 freed", "Coale visit; 123 freed", "Coale visit; 250 freed"],
    "social": [],
}


@pytest.fixture(scope="module")
def frames():
    return data.load_all()


def build(frames, layout, start=START, end=END, **overrides):
    options = dict(basis="official", min_priority=2, sanctions_jurisdictions=["US"])
    options.update(overrides)
    period = measures.period(start, end, frames, "cumulative_releases", {**options, "layout": layout})
    return headline.cumulative_releases_figure(frames["releases"], frames["milestones"], frames["sanctions"],
                                               period=period, layout=theme.layout(layout), t=translator("en"), **options)


@pytest.fixture(scope="module", params=list(theme.LAYOUTS))
def bundle(request, frames, tmp_path_factory):
    figure = build(frames, request.param)
    written = export.export_bundle(figure, tmp_path_factory.mktemp(request.param))
    return figure, written


def test_bundle_is_flat_files_named_for_the_figure(bundle):
    figure, written = bundle
    assert sorted(written) == sorted(SUFFIXES)
    folder = written["png"].parent
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"cumulative-releases.{kind}" for kind in SUFFIXES)


def test_png_has_the_layouts_pixel_size(bundle):
    figure, written = bundle
    layout = figure.layout
    with Image.open(written["png"]) as image:
        assert image.width == PNG_WIDTH[layout.name]
        assert image.width == layout.png_scale * layout.width
        if layout.exact_height:
            assert image.height == layout.png_scale * layout.exact_height
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
        assert len(colours) > 50   # a drawn chart, not a blank canvas


def test_social_card_is_1200_by_675_with_the_total_large(frames, tmp_path):
    figure = build(frames, "social", end="latest")
    written = export.export_bundle(figure, tmp_path)
    with Image.open(written["png"]) as image:
        assert image.size == (1200, 675)
    svg = written["svg"].read_text(encoding="utf-8")
    assert re.search(r'<text[^>]*font-size="96px"[^>]*>865</text>', svg)      # the total, large (vl-convert: px)
    assert "people freed since July 2024" in svg
    assert "Sources of the release counts:" in svg and frame.CREDIT.split(" · ")[0] in svg
    assert "Sanctions steps" not in svg            # simplified: no sanctions lane, no legend


def test_metadata_json_carries_what_the_site_reads(bundle, frames):
    figure, written = bundle
    meta = json.loads(written["json"].read_text(encoding="utf-8"))
    assert meta["title"] == figure.title and meta["alt_text"] == figure.alt_text
    # to 31 March 2026 the newest row the headline draws is General License 14 of 26 March (S048);
    # the social card draws no sanctions marks but runs as far and says the same date
    assert meta["layout"] == figure.layout.name and meta["data_to"] == "2026-03-26"
    assert meta["key_numbers"]["people freed"] == FREED_SINCE_JULY_2024
    assert meta["width"] == figure.layout.width
    assert meta["files"] == [p.name for p in written.values()]


def test_svg_holds_labels_credit_title_and_description(bundle, frames):
    figure, written = bundle
    svg = written["svg"].read_text(encoding="utf-8")
    key_labels = frames["milestones"].query("priority == 1")["label"]
    shown = [label for label in key_labels if label in svg]
    assert shown == KEY_LABELS[figure.layout.name]
    if not figure.layout.summary_only:
        assert "Coale visit; 250 freed" in svg     # the biggest release keeps its label on every layout
    assert frame.CREDIT.split(" · ")[0] in svg
    assert "Data to 26 March 2026" in svg
    assert "<title id=\"chart-title\">" in svg and "<desc id=\"chart-desc\">" in svg
    assert f'font-family="{theme.FONT}' in svg or f"font-family: {theme.FONT}" in svg or theme.FONT in svg


def test_desktop_labels_every_key_milestone_of_the_period(frames):
    figure = build(frames, "desktop")
    key = frames["milestones"].query("priority == 1 and date >= @START and date <= @END")["label"]
    drawn = set(figure.table.query("layer == 'milestone'")["description"])
    assert set(key) <= drawn, set(key) - drawn


def test_two_milestones_on_one_day_share_one_dashed_rule(frames):
    milestones = frames["milestones"]
    same_day = milestones[milestones["date"] == pd.Timestamp("2025-08-15")].assign(
        row=[0, 1], align="right", label_y=[2, 17], rule_top=[15, 30])
    assert len(same_day) == 2, "the test data no longer has two milestones on one day"
    rules, *_ = headline._milestone_layers(same_day, theme.layout("desktop"), 400, translator("en"))
    assert rules.mark.strokeDash == [3, 3]                 # every milestone rule is dashed: nothing unexplained
    assert rules.data["rule_top"].tolist() == [15]         # one rule, from the upper label


def test_every_rule_on_the_headline_is_dashed(frames):
    spec = build(frames, "desktop").chart.to_dict()
    rules = [layer for layer in spec["layer"] if layer.get("mark", {}).get("type") == "rule"]
    assert rules and all(layer["mark"]["strokeDash"] == [3, 3] for layer in rules)


def test_mobile_keeps_only_priority_one_labels(frames):
    figure = build(frames, "mobile")
    svg_text = figure.chart.to_json()
    secondary = frames["milestones"].query("priority == 2")["label"]
    assert not [label for label in secondary if f'"{label}"' in svg_text]


def test_labels_never_overlap_and_layout_is_deterministic(frames):
    milestones = frames["milestones"]
    for layout in (theme.layout("desktop"), theme.layout("mobile")):
        width = headline.plot_width(layout)
        shown = milestones[(milestones["priority"] <= layout.max_priority)
                           & (milestones["date"] >= START) & (milestones["date"] <= END)]
        first = placement.place_labels(shown, START, END, width, layout.label_rows)
        again = placement.place_labels(shown, START, END, width, layout.label_rows)
        assert first == again
        assert placement.overlaps(first, dict(zip(shown["milestone_id"], shown["label"]))) == []
        assert all(0 <= (p.x if p.align == "left" else p.x - placement.label_width(
            dict(zip(shown["milestone_id"], shown["label"]))[p.milestone_id])) for p in first)


def test_crowded_labels_are_dropped_not_overlapped():
    crowded = pd.DataFrame({"milestone_id": [f"M{i:03d}" for i in range(12)],
                            "date": pd.to_datetime(["2025-01-01"] * 12), "label": ["A long label here"] * 12,
                            "priority": [1] * 12})
    placed = placement.place_labels(crowded, "2024-07-01", "2026-03-31", 300, 3)
    assert len(placed) == 3
    assert placement.overlaps(placed, dict(zip(crowded["milestone_id"], crowded["label"]))) == []


def test_csv_is_exactly_what_is_plotted_with_sources(bundle, frames):
    figure, written = bundle
    rows = list(csv.DictReader(io.StringIO(written["csv"].read_text(encoding="utf-8"))))
    releases = [r for r in rows if r["layer"] == "release"]
    assert sum(int(r["value"]) for r in releases) == FREED_SINCE_JULY_2024
    assert int(releases[-1]["cumulative"]) == FREED_SINCE_JULY_2024
    assert all(r["source_url"].startswith("http") for r in rows)
    if not figure.layout.summary_only:           # the social card leaves the sanctions lane out
        assert {r["id"] for r in rows if r["layer"] == "sanctions"} >= {"S042", "S046"}


def test_alt_text_states_the_total_and_the_largest_release(bundle, frames):
    figure, written = bundle
    text = written["txt"].read_text(encoding="utf-8")
    assert "865" in text and "250" in text and "Data to 26 March 2026." in text
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
    for kind in ("svg", "csv", "vl.json", "txt", "html", "json", "png"):
        assert first[kind].read_bytes() == second[kind].read_bytes(), kind


def test_political_prisoner_basis_says_what_is_left_out(frames):
    figure = build(frames, "desktop", basis="political_prisoners")
    series = measures.cumulative(frames["releases"], "political_prisoners", START, END)
    assert series.unknown_events > 0
    assert f"not known for {series.unknown_events} releases" in figure.alt_text
    assert f"{series.total:,} political prisoners freed" in figure.title
    spec = figure.chart.to_dict()
    footer = " ".join(row["line"] for dataset in spec["datasets"].values() for row in dataset if "line" in row)
    assert f"not known for {series.unknown_events} releases" in footer


def test_general_licence_and_delisting_are_told_apart(frames):
    figure = build(frames, "desktop")
    styles = {row["id"]: row["description"] for row in figure.table.to_dict("records") if row["layer"] == "sanctions"}
    assert "ease (general_licence)" in styles["S042"]
    assert "lift (delisting)" in styles["S046"]
