"""Deciding what to render (skips by input hashes) and the checks made before any kernel starts."""

from __future__ import annotations

import calendar
import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from helpers import manifest
from helpers.errors import DeskError
from helpers.plan import PLAN_FILE, Edition, PlanError, check_parameters


@dataclass
class Job:
    edition: Edition
    reason: str
    parameters: dict = field(default_factory=dict)
    process: subprocess.Popen | None = None
    started: float = 0.0
    staging: Path | None = None
    attempts: int = 0
    worker: object = None


def plan_entry(edition: Edition) -> dict:
    return {"notebook": edition.notebook, "parameters": edition.parameters,
            "timeout_minutes": edition.timeout_minutes}


def published_intact(output: Path, name: str, entry: dict) -> bool:
    folder = output / name
    return folder.is_dir() and manifest.output_hashes(folder) == entry.get("outputs")


def decide(editions: list[Edition], output: Path, previous: dict, snapshot: dict,
           force: bool) -> tuple[list[Job], list]:
    """Split editions into jobs to render and editions that are up to date."""
    jobs, skipped = [], []
    for edition in editions:
        entry = previous["editions"].get(edition.name)
        reads = entry.get("reads", [manifest.ALL_DATA]) if entry else [manifest.ALL_DATA]
        inputs = manifest.edition_inputs(snapshot, edition.notebook, plan_entry(edition), reads)
        if force:
            jobs.append(Job(edition, "forced"))
        elif not entry or entry.get("status") != "ok":
            jobs.append(Job(edition, "never rendered"))
        elif entry.get("inputs_hash") != manifest.combined(inputs):
            changed = sorted(k for k in inputs if entry.get("inputs", {}).get(k) != inputs[k])
            jobs.append(Job(edition, "changed: " + ", ".join(changed)))
        elif not published_intact(output, edition.name, entry):
            jobs.append(Job(edition, "published files missing or altered"))
        else:
            skipped.append(edition)
    return jobs, skipped


def check_data(root: Path) -> dict[str, list[dict]]:
    """Every data file against its contract, once per data version (helpers.data.cache keeps
    the result, so the kernels read it instead of validating again); the rows."""
    from helpers import data

    rows, problems = data.validated_rows(root / "data")
    if problems:
        raise DeskError(f"The data has {len(problems)} problem(s); nothing was rendered.",
                        [str(p) for p in problems])
    return rows


def check_before_running(jobs: list[Job], root: Path, releases: list[dict]) -> None:
    """Parameters and date ranges, checked before any kernel starts."""
    errors = []
    for job in jobs:
        try:
            job.parameters = check_parameters(job.edition, root)
        except DeskError as err:
            errors.append(str(err))
    if errors:
        raise PlanError(f"{len(errors)} edition(s) have bad parameters; nothing was rendered.", errors)
    _check_periods(jobs, releases)
    _check_translations(jobs, root)


def _check_translations(jobs: list[Job], root: Path) -> None:
    """Every message and data label the editions' languages need (helpers.i18n.check)."""
    from helpers.i18n.check import missing_translations
    from helpers.plan import language_of

    missing = missing_translations({language_of(job.parameters) for job in jobs}, root)
    if missing:
        raise DeskError(f"{len(missing)} translation(s) missing; nothing was rendered.", missing)


def _check_periods(jobs: list[Job], releases: list[dict]) -> None:
    """A chart of a period with no release (with a known count on its basis) is a plan error."""
    from helpers.data import BASIS_COLUMN

    newest = max(row["date"] for row in releases)
    latest = dt.date(newest.year, newest.month, calendar.monthrange(newest.year, newest.month)[1])
    errors = []
    for job in jobs:
        if "start_date" not in job.parameters or "end_date" not in job.parameters:
            continue
        start = dt.date.fromisoformat(job.parameters["start_date"])
        end = latest if job.parameters["end_date"] == "latest" else dt.date.fromisoformat(job.parameters["end_date"])
        column = BASIS_COLUMN[job.parameters.get("basis", "official")]
        if not any(row["counts_toward_total"] and start <= row["date"] <= end and row[column] is not None
                   for row in releases):
            errors.append(f"{PLAN_FILE}, edition {job.edition.name}: parameters start_date/end_date "
                          f"({start} to {end}) select no release events with a known count on basis "
                          f"{job.parameters.get('basis', 'official')} (expected a period with at least one)")
    if errors:
        raise PlanError(f"{len(errors)} edition(s) chart an empty period; nothing was rendered.", errors)
