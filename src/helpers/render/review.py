"""After a batch is published: the review hook, freshness, and the publish gate's verdict.

The gate: the claims edition (notebooks/04_claims_check.ipynb) ends with
`claims.require_published_claims_hold`, which raises helpers.errors.ClaimContradicted naming
each contradicted `publish` claim as `K01 "claim text": claimed ..., data says ...`. The worker
reports that exception by name, so the runner can tell "our copy is contradicted" (nothing from
the render is published, exit 2) from an ordinary failure (the other editions publish, exit 1).
"""

from __future__ import annotations

import re
from pathlib import Path

CONTRADICTED = "ClaimContradicted"        # helpers.errors.ClaimContradicted, as papermill names it
CLAIM_LINE = re.compile(r'^\s+([A-Za-z0-9_-]+) "', re.MULTILINE)


def contradicted_claims(result: dict) -> list[str] | None:
    """The claim ids a failed edition's result names as contradicted, or None if it failed otherwise."""
    if result.get("status") == "ok" or result.get("ename") != CONTRADICTED:
        return None
    return CLAIM_LINE.findall(result.get("evalue") or "") or ["(unnamed claim)"]


def gate_message(claims: list[str], held: list[str], detail: str) -> str:
    names = ", ".join(held) if held else "none"
    return (f"render held back: published claim(s) {', '.join(claims)} contradicted by the data, so nothing "
            f"from this render was published; the published output and manifest are unchanged. "
            f"Editions held back ({len(held)}): {names}.\n{detail}")


def review_published(output: Path, replaced: dict[str, Path | None], reporter, stale_after_days: int,
                     languages: list[str], site_url: str | None = None) -> dict:
    """Called once per render after a batch is published, before the replaced versions are deleted.

    helpers.site.after_publishing compares each edition with the version it replaced
    (output/CHANGES.md), checks freshness and rebuilds output/site/ (absolute addresses under
    `site_url`); `languages` are the codes of the published editions, whose review status (draft or
    reviewed) the manifest records.
    Returns what the manifest records under "review": {"changes", "stale", "languages"}.
    """
    from helpers import site
    from helpers.i18n.languages import status_lines

    review = site.after_publishing(output, replaced, reporter, stale_after_days=stale_after_days, site_url=site_url)
    return {**review, "languages": status_lines(languages)}


def stale_failure(review: dict) -> str | None:
    """--fail-when-stale: a message when the review found figures whose data is stale."""
    stale = review.get("stale") or []
    if not stale:
        return None
    names = ", ".join(str(item.get("figure", item)) if isinstance(item, dict) else str(item) for item in stale)
    return f"render published, but the data of {len(stale)} figure(s) is stale: {names} (--fail-when-stale)"
