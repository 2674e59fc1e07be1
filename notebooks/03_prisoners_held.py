# %% [markdown]
# # The revolving door: political prisoners held against people freed
#
# Hundreds were freed, yet the number of political prisoners held barely fell, because
# new political prisoners kept being recognised. This notebook draws the rights group
# Viasna's count of political prisoners held beside the cumulative number freed.
#
# - Data: `data/prisoner_counts.csv`, `data/releases.csv`, `data/reported_totals.csv`.
# - Chart: `helpers.figures.prisoners_held`.

# %% tags=["parameters"]
start_date: str = "2024-05-01"  # first day charted, YYYY-MM-DD
end_date: str = "latest"  # last day charted, YYYY-MM-DD, or latest for the month of the newest row drawn
max_gap_days: int = 120  # a longer gap between two counts breaks the line
show_other_counts: bool = True  # also show other groups' counts as grey points
layout: str = "desktop"  # desktop (720 px wide), mobile (360 px) or social (1200x675 card)
language: str = "en"  # en, be, ru, uk, pl or lt: the language every word of the figure is in
output_dir: str = "output/notebook-runs"  # folder the figure bundle is written to

# %%
from helpers.params import check_parameters

params = check_parameters(globals(), "03_prisoners_held")
params

# %%
from helpers import checks, data, export, measures, theme
from helpers.figures import prisoners_held
from helpers.i18n import translator

t = translator(params.language)   # chart chrome, data labels, CLDR numbers and dates

frames = data.load_all(names=["prisoner_counts", "releases", "reported_totals", "checks"])
counts, releases, reported = frames["prisoner_counts"], frames["releases"], frames["reported_totals"]
# "latest": to the month of the newest confirmed row the chart draws (a count, a release)
period = measures.period(params.start_date, params.end_date, frames, "prisoners_held", params)

# %% [markdown]
# ## Viasna's count, with its gaps
# A gap longer than `max_gap_days` breaks the line rather than being bridged.

# %%
held = measures.held_series(counts, params.max_gap_days, period.start, period.end)
held[["count_id", "date", "held", "qualifier", "date_precision", "segment", "source_publisher"]]

# %% [markdown]
# ## Newly recognised political prisoners
# Where the data has the number newly recognised in a period.

# %%
reported[reported["measure"] == "newly_recognised"][["total_id", "period_start", "period_end", "value", "who_said"]]

# %% [markdown]
# ## The chart

# %%
figure = prisoners_held.prisoners_held_figure(
    counts, releases, reported, period=period, layout=theme.layout(params.layout), t=t,
    max_gap_days=params.max_gap_days, show_other_counts=params.show_other_counts,
)
figure.checked = checks.last_check(frames["checks"], "prisoner_counts")   # its notice: "Checked …"
figure.chart

# %%
written = export.export_bundle(figure, params.output_dir)
for kind, path in written.items():
    print(f"{kind:8} {path}")
print(figure.alt_text)

# %% [markdown]
# ## Method and sources
# - The black line is Viasna's own count (including when another outlet reports it);
#   other groups' figures are grey points, not joined to it.
# - The late-March 2026 figure of 897 comes from an undated page that says "after the
#   release of 250"; it is placed on 19 March 2026 and marked `on_or_after`.
# - People freed are official counts of counted releases (see notebook 01).
