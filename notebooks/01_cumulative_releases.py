# %% [markdown]
# # Belarus's prisoner releases, step by step
#
# How many people has Belarus freed since July 2024, and what diplomacy and sanctions
# relief came with each release? This notebook charts the cumulative number of people
# freed, marks the diplomatic milestones and the sanctions steps of the chosen
# jurisdictions, and writes the publication bundle (PNG, SVG, PDF, HTML, data, alt text).
#
# - Data: `data/releases.csv`, `data/milestones.csv`, `data/sanctions.csv` (codebook: `data/README.md`).
# - Chart: `helpers.figures.cumulative_releases`; export: `helpers.export.export_bundle`.

# %% tags=["parameters"]
start_date: str = "2024-07-01"  # first day charted, YYYY-MM-DD
end_date: str = "latest"  # last day charted, YYYY-MM-DD, or latest for the month of the newest row drawn
basis: str = "official"  # official (announced releases) or political_prisoners (Viasna's count)
min_priority: int = 2  # milestones to label: 1 for key ones only, 2 to add secondary ones
sanctions_jurisdictions: list[str] = ["US"]  # whose sanctions steps to mark: US, EU, UK, Canada, Lithuania
layout: str = "desktop"  # desktop (720 px wide), mobile (360 px, key labels only) or social (1200x675 card)
language: str = "en"  # en, be, ru, uk, pl or lt: the language every word of the figure is in
output_dir: str = "output/notebook-runs"  # folder the figure bundle is written to

# %% [markdown]
# The parameters are checked before anything else runs: a misspelt value or an end date
# before the start date stops here with one sentence naming the parameter.

# %%
from helpers.params import check_parameters

params = check_parameters(globals(), "01_cumulative_releases")
params

# %% [markdown]
# ## The data
# Every row is checked against `data/datapackage.json`; a bad date or a missing source
# stops the notebook with the file, line and column.

# %%
from helpers import checks, data, export, measures, theme
from helpers.figures import cumulative_releases
from helpers.i18n import translator

t = translator(params.language)   # chart chrome, data labels, CLDR numbers and dates

frames = data.load_all(names=["releases", "milestones", "sanctions", "checks"])
releases, milestones, sanctions = frames["releases"], frames["milestones"], frames["sanctions"]
# "latest": to the month of the newest confirmed row the chart draws (a release, a milestone, a sanctions step)
period = measures.period(params.start_date, params.end_date, frames, "cumulative_releases", params)
leads = measures.leads(releases, period.start, period.end)   # unconfirmed reports: drawn hollow, never counted
print(f"{len(releases)} release rows ({len(leads)} unconfirmed in the period), {len(milestones)} milestones, "
      f"{len(sanctions)} sanctions actions")

# %% [markdown]
# ## The numbers that matter
# Computed from the data for the chosen period and basis. Rows marked as context only
# (a foreign national not counted as a political prisoner, a person already counted) are left out,
# and so is every unconfirmed report (status `unconfirmed`: `make leads` lists them).

# %%
measures.key_numbers(releases, milestones, params.basis, period.start, period.end)

# %% [markdown]
# ## The chart

# %%
figure = cumulative_releases.cumulative_releases_figure(
    releases, milestones, sanctions, period=period, layout=theme.layout(params.layout), t=t, basis=params.basis,
    min_priority=params.min_priority, sanctions_jurisdictions=params.sanctions_jurisdictions,
)
figure.checked = checks.last_check(frames["checks"], "releases")   # its notice: "Checked 3 December 2026: …"
figure.chart

# %% [markdown]
# ## Export
# PNG, SVG, PDF, offline HTML, the Vega-Lite spec, the data behind the chart, its alt
# text and its metadata, as `<output_dir>/cumulative-releases.*`.

# %%
written = export.export_bundle(figure, params.output_dir)
for kind, path in written.items():
    print(f"{kind:8} {path}")

# %% [markdown]
# Alt text (also inside the SVG and the HTML page):

# %%
print(figure.alt_text)

# %% [markdown]
# ## Method and sources
# - **Official basis** sums `released_count`, the number each pardon decree or release
#   announcement gave. It includes people who are not political prisoners (for example
#   seven drug convicts in January 2025 and 31 Ukrainians in November 2025).
# - **Political-prisoner basis** sums `political_prisoners_count`, the rights group
#   Viasna's count. It is unknown for many releases; those are left out and the chart's
#   footnote says how many.
# - Context-only rows (`counts_toward_total = false`) are never added: Rico Krieger
#   (July 2024), Anastassia Nuhfer (January 2025) and Mikola Statkevich's release home
#   (February 2026), already counted in September 2025.
# - Sanctions markers distinguish a general licence that leaves a company listed (eased)
#   from a delisting (lifted).
# - Sources for every row are in the data files; the exported CSV carries them for what is plotted.
