"""The story registry (helpers.stories): each story declared once, every name made from its short
name, its own checks before any kernel; and a fifth story is one record, a notebook and a figure
module (rendered, put on the site and reviewed in a copy of the project)."""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import json

import pytest

from conftest import ROOT, add_story, render
from helpers import data, inputs, layouts, stories
from helpers.plan import load_plan
from helpers.render import KERNEL, KERNEL_DISPLAY_NAME

SHORT_NAMES = ["cumulative_releases", "sanctions_and_releases", "prisoners_held", "claims_check"]


def test_the_four_stories_each_have_one_name_for_everything():
    assert [story.short_name for story in stories.STORIES] == SHORT_NAMES
    sanctions = stories.story("sanctions_and_releases")
    assert (sanctions.notebook, sanctions.figure_module, sanctions.slug) == (
        "notebooks/02_sanctions_and_releases.ipynb", "helpers.figures.sanctions_and_releases",
        "sanctions-and-releases")
    assert sanctions.tables == {"sanctions-and-releases.csv": "id", "us-relief-steps.csv": "action_id"}
    for story in stories.STORIES:
        assert (ROOT / story.notebook).is_file(), story.notebook
        module = importlib.import_module(story.figure_module)
        assert module.SLUG == story.slug
        assert set(story.layouts) <= set(layouts.LAYOUTS)
    for edition in load_plan(ROOT):
        assert edition.name.startswith(stories.story(edition.story).slug + "-")


@pytest.mark.parametrize("story", stories.STORIES, ids=lambda s: s.short_name)
def test_a_notebook_loads_exactly_the_datasets_its_story_declares(story):
    """An edition's data inputs are its story's datasets, so the notebook must load those and no others."""
    tree = ast.parse(inputs.notebook_source(ROOT / story.notebook))
    loads = [node for node in ast.walk(tree) if isinstance(node, ast.Call)
             and isinstance(node.func, ast.Attribute) and node.func.attr == "load_all"]
    assert len(loads) == 1, "one data.load_all(names=[...]) per notebook"
    names = ast.literal_eval(next(k.value for k in loads[0].keywords if k.arg == "names"))
    assert sorted(names) == sorted(story.datasets)
    assert set(story.datasets) <= set(data.resource_names(ROOT / "data"))


@pytest.fixture(scope="module")
def rows():
    found, problems = data.validated_rows()   # the session copy (DESK_ROOT): nothing written into the checkout
    assert problems == []
    return found


SANCTIONS_2021 = {"start_date": "2021-01-01", "end_date": "2021-12-31", "jurisdictions": ["US", "EU", "UK"],
                  "sectors": ["potash", "aviation", "finance", "other"], "layout": "desktop"}


def test_each_story_says_which_periods_it_cannot_chart(rows):
    """2021 had sanctions but no releases: the sanctions timeline draws it, the headline cannot."""
    assert stories.parameter_problems(stories.story("sanctions_and_releases"), SANCTIONS_2021, rows) == []
    headline = {"start_date": "2021-01-01", "end_date": "2021-12-31", "basis": "official", "layout": "desktop"}
    assert stories.parameter_problems(stories.story("cumulative_releases"), headline, rows) == [
        "parameters start_date/end_date (2021-01-01 to 2021-12-31) select no release events with a known count "
        "on basis official (expected a period with at least one)"]
    nothing = {**SANCTIONS_2021, "jurisdictions": ["Lithuania"], "sectors": ["aviation"]}
    assert "select no sanctions action of Lithuania in aviation and no release" in \
        stories.parameter_problems(stories.story("sanctions_and_releases"), nothing, rows)[0]
    held = {"start_date": "2020-01-01", "end_date": "2020-06-30", "layout": "mobile"}
    assert "select no count of political prisoners held" in \
        stories.parameter_problems(stories.story("prisoners_held"), held, rows)[0]
    assert stories.parameter_problems(stories.story("claims_check"), {"layout": "social"}, rows) == [
        "parameter layout: social is not available for claims-check (expected one of: desktop, mobile)"]


def test_latest_is_the_end_of_the_month_of_the_newest_row_drawn():
    """One rule for the runner's check (helpers.drawn) and the figures (measures.period): the month
    of the newest confirmed row the figure draws, not the newest release."""
    import pandas as pd

    from helpers import measures
    from helpers.params import end_date

    assert end_date("latest", dt.date(2026, 3, 19)) == dt.date(2026, 3, 31)
    assert end_date("latest", dt.date(2024, 2, 10)) == dt.date(2024, 2, 29)
    assert end_date("2025-06-30", dt.date(2026, 3, 19)) == dt.date(2025, 6, 30)
    release = {"release_id": "E01", "released_count": 18, "political_prisoners_count": None,
               "counts_toward_total": True, "status": "confirmed", "milestone_id": None}
    frames = {
        "releases": pd.DataFrame([{**release, "date": pd.Timestamp("2024-07-03")},
                                  {**release, "release_id": "E02", "date": pd.Timestamp("2026-03-19")},
                                  {**release, "release_id": "E03", "date": pd.Timestamp("2026-11-02"),
                                   "released_count": None, "status": "unconfirmed"}]),
        "milestones": pd.DataFrame({"milestone_id": ["M001", "M002"], "priority": [1, 3],
                                    "date": pd.to_datetime(["2026-04-02", "2026-10-04"])}),
        "sanctions": pd.DataFrame({"action_id": ["S001", "S002"], "jurisdiction": ["US", "EU"],
                                   "date": pd.to_datetime(["2026-09-30", "2026-10-20"])})}
    values = {"layout": "desktop", "basis": "official", "min_priority": 2, "sanctions_jurisdictions": ["US"]}
    # the US step of 30 September 2026 is the newest drawn: not the EU one, the priority-3 milestone
    # (tables only) or the unconfirmed report of November (a hollow mark never moves "latest")
    period = measures.period("2024-07-01", "latest", frames, "cumulative_releases", values)
    assert (period.end, period.open_ended) == (pd.Timestamp("2026-09-30"), True)
    on_eu = measures.period("2024-07-01", "latest", frames, "cumulative_releases",
                            {**values, "sanctions_jurisdictions": ["US", "EU"]})
    assert on_eu.end == pd.Timestamp("2026-10-31")
    # the runner's check of an edition asks the same function, on plain rows
    rows = measures.plain_rows(frames, ("releases", "milestones", "sanctions"))
    assert stories.story("cumulative_releases").draws is not None
    from helpers import drawn
    assert drawn.period(stories.story("cumulative_releases"), {**values, "start_date": "2024-07-01",
                                                               "end_date": "latest"}, rows) == (
        dt.date(2024, 7, 1), dt.date(2026, 9, 30))


def test_latest_on_the_real_data_ends_with_the_us_removal_of_30_september_2026():
    """Issue 20: the headline runs to the newest US step (S051), past the last release (19 March 2026)."""
    import pandas as pd

    from helpers import data, measures

    frames = data.load_all(names=["releases", "milestones", "sanctions"])
    values = {"layout": "desktop", "basis": "official", "min_priority": 2, "sanctions_jurisdictions": ["US"]}
    for layout in ("desktop", "mobile", "social"):
        period = measures.period("2024-07-01", "latest", frames, "cumulative_releases", {**values, "layout": layout})
        assert period.end == pd.Timestamp("2026-09-30"), layout


# ------------------------------------------------------------------ a fifth story

FIFTH_STORY = '''
# A fifth story, added by tests/test_stories.py.
STORIES += (Story(5, "release_sizes", datasets=("releases",), layouts=("desktop",), id_column="id"),)
'''

FIGURE_MODULE = '''"""Release sizes: each counted release as a bar (a throw-away fifth story for the tests)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers import kit, measures, theme
from helpers.stories import story

SLUG = story("release_sizes").slug


def release_sizes_figure(releases: pd.DataFrame, layout: theme.Layout) -> kit.Figure:
    theme.use_house_style()
    events = measures.counted_releases(releases)
    table = pd.DataFrame({"date": events["date"].dt.strftime("%Y-%m-%d"), "id": events["release_id"],
                          "value": events["released_count"].astype(int), "source_url": events["source_url"]})
    chart = alt.Chart(table).mark_bar().encode(x=alt.X("date:T"), y=alt.Y("value:Q")).properties(
        width=layout.width - 80, height=200, title="Release sizes")
    return kit.Figure(slug=SLUG, layout=layout, chart=chart, table=table, title="Release sizes",
                      subtitle="People freed in each counted release", alt_text="A bar per release.",
                      data_to=events["date"].max())
'''

NOTEBOOK_CELLS = [
    ('layout: str = "desktop"  # desktop\noutput_dir: str = "out"  # folder the bundle is written to', ["parameters"]),
    ('from helpers.params import check_parameters\nparams = check_parameters(globals(), "05_release_sizes")', []),
    ('from helpers import data, export, theme\nfrom helpers.figures import release_sizes\n'
     'frames = data.load_all(names=["releases"])\n'
     'figure = release_sizes.release_sizes_figure(frames["releases"], theme.layout(params.layout))\n'
     'export.export_bundle(figure, params.output_dir)', []),
]

PLAN = """editions:
  release-sizes-desktop:
    notebook: notebooks/05_release_sizes.ipynb
"""


def add_fifth_story(root) -> None:
    """One registry record, its notebook and its figure module; and an edition of it in the plan."""
    import nbformat

    add_story(root, FIFTH_STORY)
    (root / "src" / "helpers" / "figures" / "release_sizes.py").write_text(FIGURE_MODULE, encoding="utf-8")
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": KERNEL, "display_name": KERNEL_DISPLAY_NAME, "language": "python"}
    for source, tags in NOTEBOOK_CELLS:
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["tags"] = tags
        notebook.cells.append(cell)
    nbformat.write(notebook, root / "notebooks" / "05_release_sizes.ipynb")
    (root / "renders.yml").write_text(PLAN, encoding="utf-8")


@pytest.mark.slow
def test_a_fifth_story_is_one_record_its_notebook_and_its_figure_module(project):
    add_fifth_story(project)
    first = render(project)
    assert first.returncode == 0, first.stderr
    output = project / "output"
    entry = json.loads((output / "manifest.json").read_text())["editions"]["release-sizes-desktop"]
    assert (output / "release-sizes-desktop" / "release-sizes.svg").is_file()
    assert "src/helpers/figures/release_sizes.py" in entry["inputs"] and "data/releases.csv" in entry["inputs"]
    assert "data/milestones.csv" not in entry["inputs"]
    assert (output / "site" / "figure" / "release-sizes-en.html").is_file()       # the site shows it
    releases = project / "data" / "releases.csv"
    releases.write_text(releases.read_text().replace("E22,2025-12-13,123,", "E22,2025-12-13,124,"))
    second = render(project)
    assert second.returncode == 0, second.stderr
    changes = (output / "CHANGES.md").read_text(encoding="utf-8")
    assert "  - E22 (2025-12-13): value 123 → 124" in changes          # rows keyed by its declared id column
