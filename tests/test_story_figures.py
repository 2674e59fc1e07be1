"""The story figures, each asserted on what it draws, per layout: marks, labels, the CSV,
the alt text. And the layouts themselves: one record each, enough to add one."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

import pandas as pd
import pytest

import figure_cases
from helpers import data, export, layouts, measures, params, theme
from helpers.errors import ParameterError
from helpers.figures import claims_check, prisoners_held, sanctions_and_releases


@pytest.fixture(scope="module")
def frames():
    return data.load_all()


def layers_of(figure) -> list[dict]:
    return figure.chart.to_dict()["layer"]


def rows_of(figure, layer: dict) -> list[dict]:
    return figure.chart.to_dict()["datasets"][layer["data"]["name"]]


# ------------------------------------------------------------------ sanctions timeline

def chosen_sanctions(frames) -> pd.DataFrame:
    """The actions the notebook's default jurisdictions and sectors select."""
    defaults, sanctions = figure_cases.defaults("sanctions-and-releases"), frames["sanctions"]
    return sanctions[sanctions["sector"].isin(defaults["sectors"])
                     & sanctions["jurisdiction"].isin(defaults["jurisdictions"])]


@pytest.mark.parametrize("layout", list(theme.LAYOUTS))
def test_sanctions_timeline_draws_every_action_in_its_lane(frames, layout):
    figure = figure_cases.build(frames, "sanctions-and-releases", layout)
    steps = figure.table.query("layer == 'sanctions'")
    chosen = chosen_sanctions(frames)
    assert len(steps) == len(chosen) > 40                       # the default period holds every action
    points = next(layer for layer in layers_of(figure) if layer["mark"]["type"] == "point")
    drawn = rows_of(figure, points)
    assert sorted(row["action_id"] for row in drawn) == sorted(steps["id"])
    assert {row["lane"] for row in drawn} == set(chosen["jurisdiction"].astype(str))
    potash = [row for row in drawn if row["kind"].endswith(": potash")]
    assert len(potash) == int((chosen["sector"] == "potash").sum())
    assert f"{len(steps)} sanctions actions" in figure.alt_text


def test_sanctions_timeline_counts_us_relief_near_releases(frames):
    figure = figure_cases.build(frames, "sanctions-and-releases", "desktop")
    # The data's fact, written out rather than taken from measures.relief_steps: data/sanctions.csv has 11 US
    # relief steps (11 September 2025 to 30 September 2026); 7 of them came within 7 days of a confirmed
    # release (S038, S039, S041, S042, S046, S047 and S048, seven days after 19 March); S040 and the
    # removals S049-S051 of July-September 2026 did not (no confirmed release in the week before them).
    assert figure.title == "US relief came with releases: 7 of 11 steps within 7 days"
    assert figure.key_numbers["US relief steps"] == 11 and figure.key_numbers["US relief steps near a release"] == 7
    assert "the first was on 11 September 2025 and the last on 30 September 2026" in figure.alt_text
    chosen = chosen_sanctions(frames)
    assert f"Added pressure: {chosen['direction'].isin(measures.PRESSURE).sum()};" in figure.alt_text


# ------------------------------------------------------------------ prisoners held

@pytest.mark.parametrize("layout", list(theme.LAYOUTS))
def test_prisoners_held_draws_viasnas_count_with_its_gaps(frames, layout):
    # Viasna's counts of 21 June and 16 September 2025 are 87 days apart, the longest gap since
    # C027 (1,168 on 16 September 2025, issue 20) filled the one of 154 days: the default 120 days
    # bridges it, 80 breaks the line there
    whole = figure_cases.build(frames, "prisoners-held", layout).table.query("series == 'held (Viasna)'")
    assert whole["segment"].nunique() == 1
    figure = figure_cases.build(frames, "prisoners-held", layout, max_gap_days=80)
    viasna = figure.table.query("series == 'held (Viasna)'")
    assert viasna["segment"].nunique() >= 2                      # a long gap breaks the line
    assert all(url.startswith("http") for url in figure.table["source_url"])
    first, last = viasna.iloc[0], viasna.iloc[-1]
    assert f"from {int(first['value']):,} on" in figure.alt_text and f"to {int(last['value']):,} on" in figure.alt_text
    # the anchor (Viasna's counts, tests/test_facts.py: C001 and C026)
    assert "went from 1,374 on 21 May 2024 to 897 on 19 March 2026, a fall of 477" in figure.alt_text
    texts = [row["text"] for layer in layers_of(figure) if layer["mark"]["type"] == "text"
             for row in rows_of(figure, layer) if "text" in row]
    assert prisoners_held.HELD_LABEL in texts


def test_newly_recognised_is_a_shaded_span_not_a_level_on_the_people_axis(frames):
    figure = figure_cases.build(frames, "prisoners-held", "desktop")
    bands = [layer for layer in layers_of(figure) if layer["mark"]["type"] == "rect"]
    assert len(bands) == 1
    encoding = bands[0]["encoding"]
    assert encoding["y"] == {"value": 0} and encoding["y2"] == {"value": "height"}   # the whole height: no level
    assert {encoding["x"]["field"], encoding["x2"]["field"]} == {"period_start", "period_end"}
    assert not [layer for layer in layers_of(figure) if layer["mark"]["type"] == "rule"]
    label = next(row["label"] for layer in layers_of(figure) if layer["mark"]["type"] == "text"
                 for row in rows_of(figure, layer) if "label" in row)
    assert label == ["509 people newly recognised as", "political prisoners in 2025"]


def test_a_count_for_a_longer_period_than_the_chart_is_left_out(frames):
    figure = figure_cases.build(frames, "prisoners-held", "desktop", start_date="2025-01-01", end_date="2025-06-30")
    assert "newly recognised in period" not in set(figure.table["series"])
    assert not [layer for layer in layers_of(figure) if layer["mark"]["type"] == "rect"]


# ------------------------------------------------------------------ claims ledger

@pytest.mark.parametrize("layout", claims_check.LAYOUTS)
def test_claims_ledger_shows_every_claim_and_verdict(frames, layout):
    figure = figure_cases.build(frames, "claims-check", layout)
    ledger = figure.table
    verdicts = [row["verdict"] for layer in layers_of(figure) if layer["mark"].get("fontWeight") == "bold"
                for row in rows_of(figure, layer)]
    assert sorted(verdicts) == sorted(v.upper() for v in ledger["verdict"])
    counts = ledger["verdict"].value_counts()
    assert figure.subtitle.startswith(f"{counts.get('supported', 0)} supported")
    # the anchor: the verdicts written out in tests/test_claims.py (K01-K04, K07-K09 hold; K05, K06 do not)
    assert figure.subtitle.startswith("7 supported, 2 contradicted, 1 not checkable")
    assert all(claim in figure.alt_text for claim in ledger["claim"])


def test_the_claims_ledger_declines_the_social_card_naming_the_parameter(frames):
    with pytest.raises(ParameterError, match="parameter layout: social is not available for the claims ledger"):
        figure_cases.build(frames, "claims-check", "social")


# ------------------------------------------------------------------ layouts are data

def test_a_new_layout_is_one_record(frames, monkeypatch, tmp_path):
    square = dataclasses.replace(layouts.layout("mobile"), name="square", description="600 x 600 card",
                                 width=600, exact_height=600, png_scale=1)
    monkeypatch.setattr(layouts, "LAYOUTS", MappingProxyType({**layouts.LAYOUTS, "square": square}))
    assert params.coerce("layout", "square", "str") == "square"
    figure = figure_cases.build(frames, "cumulative-releases", "square")
    written = export.export_bundle(figure, tmp_path)
    from PIL import Image

    with Image.open(written["png"]) as image:
        assert image.size == (600, 600)
    assert export.svg_size(written["svg"].read_text(encoding="utf-8")) == (600, 600)


def test_no_builder_branches_on_a_layout_name():
    from pathlib import Path

    import helpers

    sources = [p for p in Path(helpers.__file__).parent.rglob("*.py")]
    branches = [f"{p.name}: {line.strip()}" for p in sources for line in p.read_text(encoding="utf-8").splitlines()
                if any(f'{word} == "{name}"' in line or f"{word} == '{name}'" in line
                       for word in ("layout", "layout.name", "edition") for name in ("desktop", "mobile", "social"))]
    assert branches == []


def test_layout_values_come_from_the_registry():
    assert params.allowed_values("layout") == tuple(theme.LAYOUTS) == ("desktop", "mobile", "social")
    assert params.allowed_values("basis") == tuple(data.BASIS_COLUMN)
    with pytest.raises(ParameterError, match="expected one of: desktop, mobile, social"):
        params.coerce("layout", "tablet", "str")
