"""Rules across the columns of one data file, which a Table Schema cannot state: one function per
file that has any, in RULES (the validator runs each on the file's checked rows)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from helpers.data.cells import NUMBER
from helpers.data.contract import STATUS, Problem, counted_values


def claim_rules(claims, shown: str, res: dict) -> list[Problem]:
    """Rules across columns, which a Table Schema cannot state: a numeric comparison needs
    a number, and "between" needs an upper bound.
    `claims` is the file's helpers.data.validation.Checked."""
    rows = np.flatnonzero(claims.ok)
    comparison = pd.Series(claims.values["comparison"][rows], dtype=object)
    claimed = pd.Series(claims.values["claimed_value"][rows], dtype=object)
    high = pd.Series(claims.values["claimed_high"][rows], dtype=object)
    numeric = ~comparison.isin(["is"]) & comparison.notna()
    not_number = numeric & ~claimed.map(lambda v: str(v or "")).str.match(NUMBER + "$")
    no_high = (comparison == "between") & high.isna()
    problems = []
    for i in np.flatnonzero(not_number.to_numpy(dtype=bool) | no_high.to_numpy(dtype=bool)):
        line = int(claims.lines[rows[i]])
        if not_number.iat[i]:
            problems.append(Problem(shown, line, "claimed_value",
                                    f"{json.dumps(claimed.iat[i])} is not a number (expected a number when "
                                    f"comparison is {comparison.iat[i]!r}; use 'is' for text)"))
        if no_high.iat[i]:
            problems.append(Problem(shown, line, "claimed_high",
                                    "is empty (expected the upper bound when comparison is 'between')"))
    return problems


def release_rules(releases, shown: str, res: dict) -> list[Problem]:
    """A confirmed release (a status its field counts) needs its count and a second source; an
    unconfirmed report (a lead) has no count yet, only the page that would confirm it. So promoting
    a lead is one edit of its row, and this checks that edit."""
    counted = counted_values(res)
    if counted is None:
        return []
    problems = []
    for row in np.flatnonzero(releases.ok):
        line = int(releases.lines[row])
        value = {name: releases.values[name][row] for name in
                 (STATUS, "released_count", "political_prisoners_count", "second_source_url", "confirm_url")}
        if value[STATUS] in counted:
            if value["released_count"] is None:
                problems.append(Problem(shown, line, "released_count",
                                        "is empty (expected a whole number of 0 or more); a confirmed release needs "
                                        "its count (a report without one has status unconfirmed)"))
            if value["second_source_url"] is None:
                problems.append(Problem(shown, line, "second_source_url",
                                        "is empty (expected a web address starting with http:// or https://); a "
                                        "confirmed release needs a second, independent source (a report without "
                                        "one has status unconfirmed)"))
            continue
        for column in ("released_count", "political_prisoners_count"):
            if value[column] is not None:
                problems.append(Problem(shown, line, column,
                                        f"\"{value[column]}\" is given for an unconfirmed report (expected empty: the "
                                        "reported figure goes in notes until the report is confirmed)"))
        if value["confirm_url"] is None:
            problems.append(Problem(shown, line, "confirm_url",
                                    "is empty (expected a web address starting with http:// or https://); an "
                                    "unconfirmed report needs the primary page that would confirm it"))
    return problems


RULES = {"claims": claim_rules, "releases": release_rules}
