# %% [markdown]
# # Sanctions against releases
#
# Did Western sanctions relief follow Belarus's releases of political prisoners? This
# notebook draws every sanctions action by the chosen jurisdictions on one time axis with
# the releases, and tables each US easing or lifting step with the release it followed.
#
# - Data: `data/sanctions.csv`, `data/releases.csv` (codebook: `data/README.md`).
# - Chart: `helpers.figures.sanctions_and_releases`; relief table: `helpers.measures.relief_steps`.

# %% tags=["parameters"]
start_date: str = "2020-08-01"  # first day charted, YYYY-MM-DD
end_date: str = "latest"  # last day charted, YYYY-MM-DD, or latest for the month of the newest row drawn
jurisdictions: list[str] = ["US", "EU", "UK", "Canada", "Lithuania"]  # whose sanctions to draw
sectors: list[str] = ["potash", "aviation", "finance", "other", "unknown"]  # which sectors to draw (unknown: target not named)
relief_window_days: int = 7  # a relief step this many days or fewer after a release came with it
layout: str = "desktop"  # desktop (720 px wide), mobile (360 px) or social (1200x675 card)
language: str = "en"  # en, be, ru, uk, pl or lt: the language every word of the figure is in
output_dir: str = "output/notebook-runs"  # folder the figure bundle is written to

# %%
from helpers.params import check_parameters

params = check_parameters(globals(), "02_sanctions_and_releases")
params

# %%
from helpers import checks, data, export, measures, theme
from helpers.figures import sanctions_and_releases
from helpers.i18n import translator

t = translator(params.language)   # chart chrome, data labels, CLDR numbers and dates

frames = data.load_all(names=["sanctions", "releases", "checks"])
sanctions, releases = frames["sanctions"], frames["releases"]
# "latest": to the month of the newest confirmed row the chart draws (a sanctions action or a release)
period = measures.period(params.start_date, params.end_date, frames, "sanctions_and_releases", params)

# %% [markdown]
# ## US relief, step by step
# Each US easing or lifting step, the release it followed or accompanied, and the gap in
# days. A general licence that keeps a company on the sanctions list is *eased*, not
# *lifted*; only a delisting lifts.

# %%
relief = measures.relief_steps(sanctions, releases, "US", params.relief_window_days, period.start, period.end)
near = int(relief["within_window"].sum())
print(f"{len(relief)} US relief steps; {near} came within {params.relief_window_days} days of a release.")
relief[["action_id", "date", "direction", "instrument", "target", "release_id", "release_date", "gap_days"]]

# %% [markdown]
# ## The chart

# %%
figure = sanctions_and_releases.sanctions_and_releases_figure(
    sanctions, releases, period=period, layout=theme.layout(params.layout), t=t,
    jurisdictions=params.jurisdictions, sectors=params.sectors, relief_window_days=params.relief_window_days,
)
figure.checked = checks.last_check(frames["checks"], "sanctions")   # its notice: "Checked 3 December 2026: …"
figure.chart

# %% [markdown]
# ## Export
# The chart's bundle, plus the relief table as its own CSV beside it.

# %%
written = export.export_bundle(figure, params.output_dir)
relief_csv = export.export_table(sanctions_and_releases.relief_table(relief), params.output_dir, "us-relief-steps")
for kind, path in {**written, "relief table": relief_csv}.items():
    print(f"{kind:12} {path}")
print(figure.alt_text)

# %% [markdown]
# ## Method and sources
# - Dates are the dates an action took effect or was announced; `date_basis` in the data says which.
# - The release a relief step "followed or accompanied" is the latest counted release on or
#   before the step's date. Announcements count as steps: they are what the public saw.
# - The March 2026 US relief has no OFAC text in the dossier; its legal form is unconfirmed.
