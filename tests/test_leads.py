"""Unconfirmed reports (leads, issue 20): visible, never counted; `make leads`; checks of the data.

The facts are the research pass of 3 December 2026 (FRESHNESS_2026-12.md): two reported releases,
about 8 July 2026 (E28) and 15 September 2026 (E29), no count; 865 people freed by official count
from July 2024 to 19 March 2026 (24 releases); the newest US step the headline draws, 30 September
2026 (S051); the desk's last check of the releases, 3 December 2026, found no new confirmed release.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pandas as pd
import pytest

import figure_cases
from conftest import run_module
from helpers import checks, claims, data, drawn, freshness, measures

LEADS = ["E28", "E29"]


@pytest.fixture(scope="module")
def frames():
    return data.load_all()


def without_leads(frames: dict) -> dict:
    releases = frames["releases"]
    return {**frames, "releases": releases[~releases["release_id"].isin(LEADS)].reset_index(drop=True)}


def with_a_counted_looking_lead(frames: dict) -> dict:
    """A lead that carries a count and counts_toward_total true (the validator refuses it; the measures
    must still leave it out: its status alone keeps it out of every number)."""
    releases = frames["releases"].copy()
    releases.loc[releases["release_id"] == "E28", ["released_count", "political_prisoners_count"]] = [500, 400]
    releases.loc[releases["release_id"] == "E28", "milestone_id"] = "M037"
    return {**frames, "releases": releases}


def numbers(frames: dict) -> dict:
    releases, milestones = frames["releases"], frames["milestones"]
    return {
        "official total": measures.official_total(releases, "2024-07-01", "2026-12-31"),
        "key numbers": measures.key_numbers(releases, milestones, "official", "2024-07-01", "2026-12-31")
        .to_dict("records"),
        "relief steps": measures.relief_steps(frames["sanctions"], releases).to_dict("records"),
        "claims": claims.ledger(frames)[["claim_id", "data_value", "verdict"]].to_dict("records"),
        "figures": {(name, layout): dict(figure_cases.build(frames, name, layout).key_numbers)
                    for name in ("cumulative-releases", "sanctions-and-releases", "prisoners-held")
                    for layout in ("desktop", "social")},
    }


def test_an_unconfirmed_row_changes_no_published_number(frames):
    published = numbers(frames)
    assert published["official total"] == 865
    assert published["figures"][("cumulative-releases", "desktop")] == {"people freed": 865, "releases": 24}
    assert published == numbers(without_leads(frames))
    assert published == numbers(with_a_counted_looking_lead(frames))


def test_the_two_leads_are_the_rows_measures_and_the_runner_leave_out(frames):
    releases = frames["releases"]
    assert list(measures.leads(releases)["release_id"]) == LEADS
    assert sorted(set(releases["release_id"]) - set(measures.confirmed(releases)["release_id"])) == LEADS
    plain = measures.plain_rows(frames, ["releases"])["releases"]          # the runner's view, no pandas
    assert sorted(row["release_id"] for row in plain if not drawn.confirmed(row)) == LEADS


@pytest.mark.parametrize("layout", ["desktop", "mobile", "social"])
def test_the_headline_draws_each_lead_as_a_hollow_mark_and_says_so(frames, layout):
    figure = figure_cases.build(frames, "cumulative-releases", layout)
    meta = figure.metadata()
    assert meta["data_to"] == "2026-09-30" and meta["period"]["end"] == "2026-09-30"
    assert [lead["id"] for lead in meta["leads"]] == LEADS
    assert meta["leads"][0]["confirm_url"] == (
        "https://www.eeas.europa.eu/delegations/council-europe/eu-statement-recent-release-political-prisoners-"
        "belarus_en")
    sentence = ("Hollow circles on the line: 2 unconfirmed reports of releases (8 July 2026 and 15 September 2026), "
                "not counted in any total.")
    assert sentence in figure.alt_text and sentence in figure.method_note
    spec = figure.chart.to_dict()
    hollow = [layer for layer in spec["layer"] if isinstance(layer.get("mark"), dict)
              and layer["mark"].get("filled") is False and layer["mark"].get("color")]
    assert len(hollow) == 1
    marks = spec["datasets"][hollow[0]["data"]["name"]]
    assert [(row["release_id"], row["cumulative"], row["what"]) for row in marks] == [
        ("E28", 865, "Unconfirmed report, not counted"), ("E29", 865, "Unconfirmed report, not counted")]
    assert {tip["title"] for tip in hollow[0]["encoding"]["tooltip"]} >= {"What", "Source"}


def test_the_get_the_data_csv_carries_each_rows_status(frames, tmp_path):
    from helpers import export

    figure = figure_cases.build(frames, "cumulative-releases", "desktop")
    written = export.export_bundle(figure, tmp_path)
    rows = list(csv.DictReader(io.StringIO(written["csv"].read_text(encoding="utf-8"))))
    releases = [row for row in rows if row["layer"] == "release"]
    assert {row["id"]: row["status"] for row in releases if row["status"] == "unconfirmed"} == {
        "E28": "unconfirmed", "E29": "unconfirmed"}
    assert all(row["status"] == "confirmed" for row in releases if row["id"] not in LEADS)
    assert [(row["value"], row["cumulative"]) for row in releases if row["id"] in LEADS] == [("", ""), ("", "")]


def test_make_leads_lists_every_lead_and_promoting_one_is_one_checked_edit(project):
    result = run_module("helpers.leads", root=project, timeout=120)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("2 open lead(s) in data/")
    assert "E28 (data/releases.csv), 2026-07-08, unconfirmed" in out
    assert "E29 (data/releases.csv), 2026-09-15, unconfirmed" in out
    assert "Open to confirm it: https://www.jpost.com/international/article-908758" in out
    assert "releases: 2026-12-03, nothing_new" in out
    # promote E28: status, count and a second source in one edit of its row; the validator accepts it
    path = project / "data" / "releases.csv"
    table = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    header, row = table[0], next(r for r in table if r[0] == "E28")
    row[header.index("status")], row[header.index("released_count")] = "confirmed", "28"
    row[header.index("second_source_url")] = "https://www.jpost.com/international/article-908758"
    out_text = io.StringIO()
    csv.writer(out_text, lineterminator="\n").writerows(table)
    path.write_text(out_text.getvalue(), encoding="utf-8")
    assert data.validate(project / "data") == []
    after = run_module("helpers.leads", root=project, timeout=120)
    assert after.stdout.startswith("1 open lead(s) in data/") and "E28 (" not in after.stdout


def test_a_recent_check_keeps_a_quiet_figure_fresh_and_the_site_names_the_leads(tmp_path):
    from helpers.site import after_publishing

    leads = [{"dataset": "releases", "id": "E28", "date": "2026-07-08", "confirm_url": "https://example.org/a"},
             {"dataset": "releases", "id": "E29", "date": "2026-09-15", "confirm_url": "https://example.org/b"}]
    checked = {"dataset": "releases", "on": "2026-12-03", "by": "desk", "result": "nothing_new"}
    for edition, meta in {"checked-desktop": {"checked": checked, "leads": leads},
                          "unchecked-desktop": {}}.items():
        folder = tmp_path / edition
        folder.mkdir()
        name = edition.split("-")[0]
        (folder / f"{name}.json").write_text(json.dumps({"figure": name, "data_to": "2026-09-30", "language": "en",
                                                          **meta}))
    (tmp_path / "manifest.json").write_text(json.dumps({"editions": {"checked-desktop": {}, "unchecked-desktop": {}}}))
    today = dt.date(2026, 12, 4)     # 65 days after the data, 1 day after the check

    class Log:
        lines: list[str] = []

        def line(self, text):
            self.lines.append(text)

    review = after_publishing(tmp_path, {"checked-desktop": None}, Log(), stale_after_days=45, today=today)
    assert [item["figure"] for item in review["stale"]] == ["unchecked"]
    assert [lead["id"] for lead in review["leads"]] == ["E28", "E29"]
    assert "open lead: releases E28 of 2026-07-08: unconfirmed report, not counted; to confirm it, open " \
           "https://example.org/a (make leads)" in Log.lines
    changes = json.loads((tmp_path / "changes.json").read_text())
    assert [lead["id"] for lead in changes["leads"]] == ["E28", "E29"]
    page = (tmp_path / "site" / "figure" / "checked-en.html").read_text()
    assert "Checked 3 December 2026: no new confirmed release." in page
    assert ("2 unconfirmed reports of releases are not counted until they are checked: 8 July 2026 (E28) and "
            "15 September 2026 (E29).") in page
    assert "Data last updated" not in page
    assert "Data last updated 30 September 2026." in (tmp_path / "site" / "figure" / "unchecked-en.html").read_text()


def test_the_notice_is_a_whole_sentence_in_every_language():
    from helpers.i18n import TRANSLATED, translator

    checked = {"dataset": "releases", "on": "2026-12-03", "result": "nothing_new"}
    leads = [{"id": "E28", "date": "2026-07-08"}, {"id": "E29", "date": "2026-09-15"}]
    expected = {"ru": ("Проверено 3 декабря 2026 г.: новых подтверждённых освобождений нет.",
                       "Не учтены 2 неподтверждённых сообщения об освобождении"),
                "pl": ("Sprawdzono 3 grudnia 2026 r.: brak nowych potwierdzonych uwolnień.",
                       "Nie wliczono 2 niepotwierdzonych doniesień o uwolnieniach")}
    for code in TRANSLATED:
        t = translator(code)
        said, named = (re.sub(r"\s", " ", text) for text in (checks.check_sentence(t, checked),
                                                                  checks.leads_sentence(t, leads)))
        assert "Checked" not in said and "unconfirmed" not in named and "E28" in named and "E29" in named
        if code in expected:
            assert said == expected[code][0]
            assert named.startswith(expected[code][1])


def test_the_newest_check_of_a_dataset_is_the_one_a_figure_records(frames):
    assert checks.last_check(frames["checks"], "releases") == {
        "dataset": "releases", "on": "2026-12-03", "by": "desk research pass (FRESHNESS_2026-12.md)",
        "result": "nothing_new"}
    assert checks.last_check(frames["checks"], "claims") is None
    assert checks.fresh_to({"data_to": "2026-09-30", "checked": {"on": "2026-12-03"}}) == "2026-12-03"
    assert freshness.is_stale("2026-12-03", 45, dt.date(2026, 12, 4)) is False
    assert pd.Timestamp(checks.last_check(frames["checks"], "sanctions")["on"]) == pd.Timestamp("2026-12-03")
