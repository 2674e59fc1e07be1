"""Edges of the rules the figures apply, each pinned on both sides (audit section 5): `end_date: latest`
at a month's edge and on the real data (M042 of 20 March 2026 inside, the May 2026 milestones outside),
the relief window (a step 7 days after a release is near it, 8 days is not) and the line-break gap
of the prisoners-held line (a gap of max_gap_days bridges, one day more breaks). In-process, fast."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import figure_cases
from helpers import data, kit, measures
from helpers.params import end_date, latest_end


@pytest.fixture(scope="module")
def frames():
    return data.load_all()


@pytest.mark.parametrize("newest, end", [
    ("2026-03-19", "2026-03-31"),      # the real data's newest release (E27)
    ("2026-03-01", "2026-03-31"),      # the first of a month: that month, to its end
    ("2026-03-31", "2026-03-31"),      # the last of a month: that very day, not the next month
    ("2025-12-31", "2025-12-31"),      # the year's last day
    ("2024-02-29", "2024-02-29"),      # a leap day is February's end
    ("2024-02-01", "2024-02-29"),
    ("2025-02-10", "2025-02-28"),
    ("2026-04-30", "2026-04-30"),      # a 30-day month
])
def test_latest_ends_on_the_last_day_of_the_newest_releases_month(newest, end):
    assert latest_end(dt.date.fromisoformat(newest)) == dt.date.fromisoformat(end)
    assert end_date("latest", dt.date.fromisoformat(newest)) == dt.date.fromisoformat(end)
    # measures.period reads the newest row a story draws from the real data (issue 20): next test


def test_latest_on_the_real_data_ends_with_september_2026_and_leaves_m044_out(frames):
    """The headline draws confirmed releases and US sanctions steps: the newest is the US removals of
    30 September 2026 (S051), so "latest" is 30 September; M043 (29 September) is inside, M044
    (4 October) after it; the unconfirmed reports (E28, E29) never move it."""
    period = measures.period("2024-07-01", "latest", frames, "cumulative_releases", {})
    assert (period.end, period.open_ended) == (pd.Timestamp("2026-09-30"), True)
    within = set(kit.in_period(frames["milestones"], period.start, period.end)["milestone_id"])
    assert {"M042", "M039", "M040", "M043"} <= within        # 20 March, 15 and 20 May, 29 September 2026
    assert "M044" not in within                              # 4 October 2026: after September's end
    built = figure_cases.build(frames, "cumulative-releases", "desktop", end_date="latest")
    assert built.title == "Belarus: 865 people freed since July 2024"
    assert pd.Timestamp(built.table["date"].max()) <= pd.Timestamp("2026-09-30")


def us_steps(*dates: str) -> pd.DataFrame:
    return pd.DataFrame({"action_id": [f"S9{n:02d}" for n in range(len(dates))], "date": pd.to_datetime(list(dates)),
                         "jurisdiction": "US", "direction": "ease", "instrument": "general_licence",
                         "target": "a target", "sector": "potash", "source_url": "https://example.org/step"})


def test_the_relief_window_counts_a_step_7_days_after_a_release_and_not_8(frames):
    # E27: 250 freed on 19 March 2026, the last release of the data
    relief = measures.relief_steps(us_steps("2026-03-19", "2026-03-26", "2026-03-27"), frames["releases"], "US", 7)
    assert relief["release_id"].tolist() == ["E27", "E27", "E27"]
    assert relief["gap_days"].tolist() == [0, 7, 8]
    assert relief["within_window"].tolist() == [True, True, False]


def test_a_relief_step_before_any_release_is_near_none(frames):
    relief = measures.relief_steps(us_steps("2020-01-01"), frames["releases"], "US", 7)
    assert relief["release_id"].tolist() == [None] and relief["within_window"].tolist() == [False]


def counts(*dates: str) -> pd.DataFrame:
    return pd.DataFrame({"count_id": [f"C9{n:02d}" for n in range(len(dates))], "date": pd.to_datetime(list(dates)),
                         "held": [1000 - n for n in range(len(dates))], "is_viasna": True})


def test_a_gap_of_max_gap_days_bridges_the_line_and_one_day_more_breaks_it():
    # 2025-01-01 + 60 days = 2025-03-02; + 61 days = 2025-05-02 after that
    series = measures.held_series(counts("2025-01-01", "2025-03-02", "2025-05-02"), max_gap_days=60)
    assert series["segment"].tolist() == [0, 0, 1]
    series = measures.held_series(counts("2025-01-01", "2025-03-02", "2025-05-02"), max_gap_days=61)
    assert series["segment"].tolist() == [0, 0, 0]


def test_a_milestone_label_with_no_verified_spelling_is_left_out_and_the_footer_counts_it(frames, tmp_path):
    """At figure level (audit section 5): a milestone the English edition labels, whose label and short form
    this language cannot show (here M037's Belarusian rows made unconfirmed), is not labelled, and the
    method note under the chart says so in the language; the other labels are kept."""
    import shutil

    from helpers.figures import cumulative_releases
    from helpers.i18n import translator
    from helpers import theme

    shutil.copytree(data.paths.data_dir(), tmp_path / "data")
    table = tmp_path / "data" / "label_translations.csv"
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    unconfirmed = [line.split(",", 1)[0] + ",,unconfirmed,,coale,a test: no verified spelling\n"
                   if line.startswith(("milestone:M037/be,", "short:M037/be,")) else line for line in lines]
    assert sum(a != b for a, b in zip(lines, unconfirmed)) == 2
    table.write_text("".join(unconfirmed), encoding="utf-8")

    def build(t):
        return cumulative_releases.cumulative_releases_figure(
            frames["releases"], frames["milestones"], frames["sanctions"],
            period=measures.period("2024-07-01", "latest", frames, "cumulative_releases", {}),
            layout=theme.layout("desktop"), t=t,
            basis="official", min_priority=2, sanctions_jurisdictions=["US"])

    as_published = build(translator("be"))
    left_out = build(translator("be", data_dir=tmp_path / "data"))
    published_ids = set(as_published.table.query("layer == 'milestone'")["id"])
    shown_ids = set(left_out.table.query("layer == 'milestone'")["id"])
    assert "M037" in published_ids and shown_ids == published_ids - {"M037"}
    assert "Візіт Коўла; вызвалілі 250" not in left_out.chart.to_json()
    # the be catalog's sentence for n = 1 (its opening words, as tests/test_plural_slots.py has them)
    assert "Яшчэ 1 падзея не" not in as_published.method_note.replace("\u00a0", " ")
    assert "Яшчэ 1 падзея не" in left_out.method_note.replace("\u00a0", " ")
