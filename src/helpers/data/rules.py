"""Rules across the columns of one data file, which a Table Schema cannot state: one function per
file that has any, in RULES (the validator runs each on the file's checked rows)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from helpers.data.cells import NUMBER
from helpers.data.contract import Problem


def claim_rules(claims, shown: str) -> list[Problem]:
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



RULES = {"claims": claim_rules}
