"""After a batch is published: the review hook, freshness, what the manifest records of them, and
the publish gate's verdict.

The gate: an edition may write a gate file (helpers.gate; the claims edition does, naming each
contradicted `publish` claim). When one names a contradicted claim, nothing from the render is
published (exit 2); an edition that fails otherwise is an ordinary failure (the others publish, exit 1).
"""

from __future__ import annotations

import sys
from pathlib import Path

from helpers import gate
from helpers.plan import PLAN_FILE, language_of
from helpers.render import EXIT_FAILED, EXIT_OK
from helpers.render.checks import site_record
from helpers.render.publish import delete_replaced, publish_batch, record


def gate_message(contradicted: list[dict], held: list[str], detail: str) -> str:
    names = ", ".join(held) if held else "none"
    ids = ", ".join(item["claim_id"] for item in contradicted)
    lines = "\n".join(f"  {gate.describe(item)}" for item in contradicted)
    return (f"render held back: published claim(s) {ids} contradicted by the data, so nothing "
            f"from this render was published; the published output and manifest are unchanged. "
            f"Editions held back ({len(held)}): {names}.\n{lines}\n{detail}")


def review_published(output: Path, replaced: dict[str, Path | None], reporter, stale_after_days: int,
                     languages: list[str], site_url: str | None = None) -> dict:
    """Called once per render after a batch is published, before the replaced versions are deleted.

    helpers.site.after_publishing compares each edition with the version it replaced
    (output/CHANGES.md), checks freshness and rebuilds output/site/ (absolute addresses under
    `site_url`); `languages` are the codes of the published editions, whose review status (draft or
    reviewed) the manifest records.
    Returns what the manifest records under "review": {"changes", "stale", "leads" (when a figure draws
    one), "languages"}, and
    "site_rebuilt".
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


def publish_and_review(state, batch: list[tuple[str, Path, dict]], removed: list[str], args,
                       stale_days: int) -> int:
    """Publish the batch (and unpublish `removed`); then the review hook, and its record in the
    manifest with what the site was built from; then delete what was replaced.

    Order: links and manifest change together (one atomic step, signals held), so the hook sees a
    consistent output/ and manifest; its review is then added to the manifest (a second atomic
    write changing only "review" and "site"); the replaced versions are deleted last, so the hook
    can compare. A shard's output is reviewed when the shards are merged.
    """
    output, reporter = state.output, state.reporter
    replaced, obsolete = publish_batch(batch, removed, output, state.run_id, state.document)
    for name in removed:
        reporter.line(f"unpublished {name}: it is no longer in {PLAN_FILE} (--allow-unpublish)")
    for name, _, entry in batch:
        state.published.append(name)
        reporter.line(f"published {name} (rendered in {entry['duration_seconds']:.1f} s)")
    status = EXIT_OK
    if (batch or removed or state.previous) and not args.shard:
        languages = [language_of(entry["parameters"]) for _, _, entry in batch]
        try:
            review = review_published(output, replaced, reporter, stale_after_days=stale_days, languages=languages,
                                      site_url=state.site_url)
        except Exception as err:  # the editions are published; a failing review is reported, not fatal to them
            review = {"error": f"{type(err).__name__}: {err}"}
            print(f"render published, but the review after publishing failed: {review['error']}", file=sys.stderr)
            status = EXIT_FAILED
        keys = {"review": review}
        if review.pop("site_rebuilt", False):
            keys["site"] = site_record(state.inputs)
        record(output, state.document, keys)
        stale = stale_failure(review)
        if stale and args.fail_when_stale:
            print(stale, file=sys.stderr)
            status = EXIT_FAILED
    delete_replaced(obsolete)
    return status
