"""The fact-check ledger as a table graphic: each claim with its verdict, the claimed value
and the data's. On a wide layout the verdict stands in a column of its own; on a narrow
one it stands above its claim.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers import frame, kit, theme
from helpers.claims import CONTRADICTED, NOT_CHECKABLE, SUPPORTED
from helpers.i18n import translator
from helpers.stories import story
from helpers.text import count, data_to

SLUG = story("claims_check").slug     # the story's one name (helpers.stories)
# The ledger stays English: its claims are the desk's English copy (docs/translators.md).
LAYOUTS = story("claims_check").layouts   # a table of claims does not read at thumbnail size
VERDICT_COLOURS = {SUPPORTED: theme.SUPPORTED, CONTRADICTED: theme.CONTRADICTED, NOT_CHECKABLE: theme.UNCHECKABLE}
VERDICT_COLUMN = 130     # px for the verdict column on a wide layout
MIN_CLAIM_COLUMN = 400   # px the claim text needs beside it; narrower layouts stack the two
ROW_GAP = 14


def _rows(ledger: pd.DataFrame, layout: theme.Layout) -> tuple[pd.DataFrame, int, int]:
    """One row per claim with the y of its verdict, claim and detail lines; the text x; the height."""
    side_by_side = layout.width - VERDICT_COLUMN >= MIN_CLAIM_COLUMN
    text_x = VERDICT_COLUMN if side_by_side else 0
    text_px = layout.width - text_x - 40
    line = layout.line_height + 4
    rows, y = [], 0
    for item in ledger.itertuples():
        claim = frame.text_lines(item.claim, text_px, layout.text_size + 1)
        detail = frame.text_lines(f"Claimed: {item.claimed}; data: {item.data_value or 'n/a'}", text_px, layout.text_size)
        claim_y = y if side_by_side else y + line
        rows.append({"verdict_y": y, "claim_y": claim_y, "detail_y": claim_y + line * len(claim),
                     "verdict": item.verdict.upper(), "verdict_key": item.verdict, "claim": claim, "detail": detail,
                     "claim_id": item.claim_id, "explanation": item.explanation})
        y = claim_y + line * (len(claim) + len(detail)) + ROW_GAP
    return pd.DataFrame(rows), text_x, max(y, 40)


def claims_check_figure(ledger: pd.DataFrame, newest, layout: theme.Layout) -> kit.Figure:
    """The ledger (helpers.claims.ledger) as a graphic; `newest` is the newest date in the data checked."""
    kit.require_layout(layout, LAYOUTS, "the claims ledger")
    theme.use_house_style()
    rows, text_x, height = _rows(ledger, layout)
    line = layout.line_height + 4
    tooltip = ["claim_id:N", "explanation:N"]
    colour = alt.Color("verdict_key:N", scale=alt.Scale(domain=list(VERDICT_COLOURS),
                                                        range=list(VERDICT_COLOURS.values())), legend=None)
    verdicts = alt.Chart(rows).mark_text(align="left", baseline="top", fontWeight="bold",
                                          fontSize=layout.text_size).encode(
        x=alt.XValue(0), y=alt.Y("verdict_y:Q", scale=None), text=alt.Text("verdict:N"), color=colour, tooltip=tooltip)
    claims = alt.Chart(rows).mark_text(align="left", baseline="top", fontSize=layout.text_size + 1,
                                        lineHeight=line).encode(
        x=alt.XValue(text_x), y=alt.Y("claim_y:Q", scale=None), text=alt.Text("claim:N"), tooltip=tooltip)
    details = alt.Chart(rows).mark_text(align="left", baseline="top", fontSize=layout.text_size, lineHeight=line,
                                         color=theme.MUTED).encode(
        x=alt.XValue(text_x), y=alt.Y("detail_y:Q", scale=None), text=alt.Text("detail:N"))
    counts = ledger["verdict"].value_counts()
    title = "Checking the claims against the data"
    subtitle = ", ".join(f"{counts.get(v, 0)} {v}" for v in VERDICT_COLOURS)
    english = translator("en")
    footer = frame.footer(layout, [], "Each verdict is computed from the desk's data by a named check "
                                    "(data/claims.csv); the explanation of each is in the exported CSV.", newest, english)
    chart = frame.framed([verdicts, claims, details], layout, height, title, subtitle, footer, footer_offset=12)
    alt_text = (f"Table of {count(len(ledger), 'claim')} checked against the data: "
                + "; ".join(f"{row.claim} — {row.verdict}" for row in ledger.itertuples())
                + f". {data_to(newest)}.")
    return kit.Figure(SLUG, layout, chart, ledger.copy(), title, subtitle, alt_text, pd.Timestamp(newest), None,
                      {verdict: int(counts.get(verdict, 0)) for verdict in VERDICT_COLOURS}, t=english,
                      method_note="Each verdict is computed from the desk's data by a named check (data/claims.csv).")
