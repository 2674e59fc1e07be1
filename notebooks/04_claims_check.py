# %% [markdown]
# # The fact-check ledger
#
# Each claim in `data/claims.csv` is checked against the data by a named, tested function
# in `src/helpers/claims.py`. The verdict is supported, contradicted or not checkable,
# with the data's value beside the claimed one. A claim marked `publish` (one our own copy
# relies on) that the data contradicts stops this notebook, and with it the render.

# %% tags=["parameters"]
layout: str = "desktop"  # desktop (720 px wide) or mobile (360 px)
output_dir: str = "output/notebook-runs"  # folder the ledger bundle is written to

# %%
from helpers.params import check_parameters

params = check_parameters(globals(), "04_claims_check")
params

# %%
from helpers import claims, data, export, kit, theme
from helpers.figures import claims_check

frames = data.load_all(names=["claims", "releases", "milestones", "sanctions", "reported_totals", "people"])
ledger = claims.ledger(frames)
ledger[["claim_id", "claim", "claimed", "data_value", "verdict", "publish"]]

# %% [markdown]
# ## Why each verdict

# %%
for row in ledger.itertuples():
    print(f"{row.claim_id} [{row.verdict}] {row.claim}\n    {row.explanation}\n")

# %% [markdown]
# ## The ledger as a graphic, and as a CSV

# %%
newest = kit.newest_date(*(frames[name]["date"] for name in ("releases", "milestones", "sanctions")))
figure = claims_check.claims_check_figure(ledger, newest, theme.layout(params.layout))
written = export.export_bundle(figure, params.output_dir)
for kind, path in written.items():
    print(f"{kind:8} {path}")
figure.chart

# %% [markdown]
# ## The gate
# If our own copy relies on a claim the data contradicts, stop here: the render fails,
# names the claim, and the last good output stays published. The verdict is also written
# as `gate.json` beside the ledger, which the render runner reads.

# %%
claims.require_published_claims_hold(ledger, params.output_dir)   # also the gate's verdict, gate.json
print("Every claim our copy relies on is supported by the data.")
