"""Deciding what to render (skips by input hashes) and the checks made before any kernel starts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from helpers import manifest, stories
from helpers.errors import DeskError
from helpers.inputs import Inputs, changed
from helpers.plan import PLAN_FILE, Edition, PlanError, check_parameters


@dataclass
class Job:
    edition: Edition
    reason: str
    parameters: dict = field(default_factory=dict)
    staging: Path | None = None
    attempts: int = 0


def published_intact(output: Path, name: str, entry: dict) -> bool:
    folder = output / name
    return folder.is_dir() and manifest.output_hashes(folder) == entry.get("outputs")


def decide(editions: list[Edition], output: Path, previous: dict, inputs: Inputs,
           force: bool) -> tuple[list[Job], list]:
    """Split editions into jobs to render and editions that are up to date."""
    jobs, skipped = [], []
    for edition in editions:
        entry = previous["editions"].get(edition.name)
        now = inputs.of(edition.name)
        if force:
            jobs.append(Job(edition, "forced"))
        elif not entry or entry.get("status") != "ok":
            jobs.append(Job(edition, "never rendered"))
        elif entry.get("inputs_hash") != manifest.combined(now):
            jobs.append(Job(edition, "changed: " + ", ".join(changed(entry, now))))
        elif not published_intact(output, edition.name, entry):
            jobs.append(Job(edition, "published files missing or altered"))
        else:
            skipped.append(edition)
    return jobs, skipped


def site_changes(document: dict, inputs: Inputs) -> str | None:
    """Why output/site/ should be rebuilt though no edition changed (its own inputs did), or None."""
    recorded = document.get("site") or {}
    now = inputs.of_site()
    if recorded.get("inputs_hash") == manifest.combined(now):
        return None
    return f"changed: {', '.join(changed(recorded, now))}" if recorded else "never built by a render"


def site_record(inputs: Inputs) -> dict:
    """What the manifest keeps under "site": the inputs the site was built from."""
    now = inputs.of_site()
    return {"inputs": now, "inputs_hash": manifest.combined(now)}


def check_data(root: Path) -> dict[str, list[dict]]:
    """Every data file against its contract (and the label table's own rules), once per data version
    (helpers.data.cache keeps the result, so the kernels read it instead of validating again); the rows."""
    from helpers import data
    from helpers.i18n.labels import check

    rows, problems = data.validated_rows(root / "data")
    problems = problems or check(rows)
    if problems:
        raise DeskError(f"The data has {len(problems)} problem(s); nothing was rendered.",
                        [str(p) for p in problems])
    return rows


def check_before_running(jobs: list[Job], root: Path, rows: dict[str, list[dict]]) -> None:
    """Parameters, then each story's own checks of them (helpers.stories), before any kernel starts."""
    errors = []
    for job in jobs:
        try:
            job.parameters = check_parameters(job.edition, root)
        except DeskError as err:
            errors.append(str(err))
    if errors:
        raise PlanError(f"{len(errors)} edition(s) have bad parameters; nothing was rendered.", errors)
    for job in jobs:
        story = stories.story(job.edition.story)
        errors += [f"{PLAN_FILE}, edition {job.edition.name}: {problem}"
                   for problem in stories.parameter_problems(story, job.parameters, rows)]
    if errors:
        raise PlanError(f"{len(errors)} edition(s) cannot be drawn as planned; nothing was rendered.", errors)
    _check_translations(jobs, root)


def _check_translations(jobs: list[Job], root: Path) -> None:
    """Every message and data label the editions' languages need (helpers.i18n.check)."""
    from helpers.i18n.check import missing_translations
    from helpers.plan import language_of

    missing = missing_translations({language_of(job.parameters) for job in jobs}, root)
    if missing:
        raise DeskError(f"{len(missing)} translation(s) missing; nothing was rendered.", missing)
