"""Every figure in every layout it supports, built as its notebook builds it (a helper
module for the tests, not a test file).

The parameters are each notebook's own defaults, read from its parameters cell, so the
figures tested are the figures published.
"""

from __future__ import annotations

import ast

from helpers import claims, kit, measures, parameters_cell, theme
from helpers.i18n import LANGUAGES, translator
from helpers.figures import claims_check, cumulative_releases, prisoners_held, sanctions_and_releases

NOTEBOOKS = {
    "cumulative-releases": "01_cumulative_releases",
    "sanctions-and-releases": "02_sanctions_and_releases",
    "prisoners-held": "03_prisoners_held",
    "claims-check": "04_claims_check",
}
LAYOUTS_OF = {name: tuple(theme.LAYOUTS) for name in NOTEBOOKS} | {"claims-check": claims_check.LAYOUTS}
CASES = [(figure, layout) for figure, layouts in LAYOUTS_OF.items() for layout in layouts]
# The claims ledger stays English (its claims are English copy); every other figure in every language.
LANGUAGE_CASES = [(figure, layout, code) for figure, layout in CASES
                  for code in (("en",) if figure == "claims-check" else tuple(LANGUAGES))]


def defaults(figure: str) -> dict:
    declared = parameters_cell.declared_parameters(NOTEBOOKS[figure])
    return {name: ast.literal_eval(info["default"]) for name, info in declared.items()}


def build(frames: dict, figure: str, layout: str, language: str = "en", **overrides) -> kit.Figure:
    """The figure as its notebook draws it with its default parameters (or `overrides`), in a language."""
    values = {**defaults(figure), **overrides}
    shape = theme.layout(layout)
    t = translator(language)
    if figure == "claims-check":
        newest = kit.newest_date(*(frames[name]["date"] for name in ("releases", "milestones", "sanctions")))
        return claims_check.claims_check_figure(claims.ledger(frames), newest, shape)
    values["layout"] = layout
    period = measures.period(values["start_date"], values["end_date"], frames, figure.replace("-", "_"), values)
    if figure == "cumulative-releases":
        return cumulative_releases.cumulative_releases_figure(
            frames["releases"], frames["milestones"], frames["sanctions"], period=period, layout=shape, t=t,
            basis=values["basis"], min_priority=values["min_priority"],
            sanctions_jurisdictions=values["sanctions_jurisdictions"])
    if figure == "sanctions-and-releases":
        return sanctions_and_releases.sanctions_and_releases_figure(
            frames["sanctions"], frames["releases"], period=period, layout=shape, t=t,
            jurisdictions=values["jurisdictions"], sectors=values["sectors"],
            relief_window_days=values["relief_window_days"])
    return prisoners_held.prisoners_held_figure(
        frames["prisoner_counts"], frames["releases"], frames["reported_totals"], period=period, layout=shape, t=t,
        max_gap_days=values["max_gap_days"], show_other_counts=values["show_other_counts"])
