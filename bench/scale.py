"""Data at scale.

  5. synthetic person-level releases at 10k, 100k, 1M rows: load (read_csv), aggregate, chart spec,
     and helpers.data.validate() with the file declared in a copy of the data package
  7. helpers.data.validate() vs pandas.read_csv on a 1M-row releases-like file, and the
     per-data-version validation cache (bench/validation.py, which also runs alone)
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from tools import Table, file_hash, median, say

SIZES = (10_000, 100_000, 1_000_000)


# ---------------------------------------------------------------- measure 5: scale

def synthetic_csv(ctx, rows: int, releases) -> Path:
    import numpy as np
    import pandas as pd

    key = file_hash(ctx.copy / "data" / "releases.csv")
    path = ctx.cache / "synthetic" / f"people-{rows}-{key}.csv"
    if path.is_file():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(rows)
    weights = releases["released_count"].fillna(1).astype(float).to_numpy()
    which = rng.choice(len(releases), size=rows, p=weights / weights.sum())
    destination = releases["destination"].astype("object").fillna("other").to_numpy()
    frame = pd.DataFrame({
        "person_id": [f"S{i:07d}" for i in range(1, rows + 1)],
        "release_date": releases["date"].dt.strftime("%Y-%m-%d").to_numpy()[which],
        "released_with": releases["release_id"].astype("object").to_numpy()[which],
        "destination": destination[which],
    })
    frame.to_csv(path.with_suffix(".tmp"), index=False)
    path.with_suffix(".tmp").rename(path)
    return path


PEOPLE_RESOURCE = {
    "name": "bench_people", "path": "bench_people.csv",
    "schema": {"fields": [{"name": "person_id", "type": "string", "constraints": {"required": True}},
                          {"name": "release_date", "type": "date", "constraints": {"required": True}},
                          {"name": "released_with", "type": "string"},
                          {"name": "destination", "type": "string"}],
               "primaryKey": "person_id",
               "foreignKeys": [{"fields": "released_with",
                                "reference": {"resource": "releases", "fields": "release_id"}}]},
}


def validate_people(ctx, csv: Path) -> float:
    """helpers.data.validate() with the people file declared in (a copy of) the data package:
    what every data.load_all() call would pay if person-level data joined data/."""
    from helpers import data

    folder = ctx.tmp / "scale-data"
    if not folder.is_dir():
        shutil.copytree(ctx.copy / "data", folder)
        package = json.loads((folder / "datapackage.json").read_text())
        package["resources"].append(PEOPLE_RESOURCE)
        (folder / "datapackage.json").write_text(json.dumps(package))
    target = folder / PEOPLE_RESOURCE["path"]
    target.unlink(missing_ok=True)
    target.symlink_to(csv)
    start = time.perf_counter()
    problems = data.validate(folder)
    seconds = time.perf_counter() - start
    if problems:
        raise RuntimeError(f"5: the synthetic people file has problems: {problems[:3]}")
    return seconds


def measure_scale(ctx, table: Table, report: dict) -> None:
    import pandas as pd

    from helpers import data, export, measures, theme
    from helpers.figures import cumulative_releases
    from helpers.i18n import translator

    frames = data.load_all(ctx.copy / "data", ["releases", "milestones", "sanctions"])
    releases, milestones, sanctions = frames["releases"], frames["milestones"], frames["sanctions"]
    period = measures.period("2024-07-01", "2026-03-31", releases)
    desktop, english = theme.layout("desktop"), translator("en")

    def chart(counted):
        return cumulative_releases.cumulative_releases_figure(counted, milestones, sanctions, period=period,
                                                              layout=desktop, t=english)

    results = {}
    chart(releases)   # warm-up
    for rows in SIZES:
        path = synthetic_csv(ctx, rows, releases)
        timing = {"load": [], "aggregate": [], "chart": []}
        for _ in range(ctx.reps_scale):
            t = time.perf_counter()
            people = pd.read_csv(path, dtype={"person_id": "str", "released_with": "category",
                                              "destination": "category"},
                                 parse_dates=["release_date"], date_format="%Y-%m-%d")
            timing["load"].append(time.perf_counter() - t)

            t = time.perf_counter()
            per_date = people.groupby("release_date").size().sort_index()
            by_date = pd.DataFrame({"freed": per_date, "cumulative": per_date.cumsum()})
            per_release = people.groupby("released_with", observed=True).size()
            timing["aggregate"].append(time.perf_counter() - t)

            t = time.perf_counter()
            # the aggregate in the shape of data/releases.csv: one row per release, counts from the people
            counted = releases.copy()
            freed = counted["release_id"].astype("object").map(per_release).fillna(0).astype("int64")
            counted["released_count"] = pd.array(freed, dtype="Int64")
            counted["political_prisoners_count"] = pd.array(freed, dtype="Int64")
            counted["counts_toward_total"] = pd.array([True] * len(counted), dtype="boolean")
            figure = chart(counted)
            spec = json.dumps(export.vega_lite_spec(figure), sort_keys=True)
            timing["chart"].append(time.perf_counter() - t)
        assert int(by_date["cumulative"].iloc[-1]) == rows
        timing["validate"] = [validate_people(ctx, path)]
        results[rows] = {stage: median(v) for stage, v in timing.items()}
        results[rows]["spec_bytes"] = len(spec.encode())
        results[rows]["csv_mb"] = path.stat().st_size / 1e6
        results[rows]["aggregate_rows"] = len(by_date)
        say(f"5: {rows:,} rows: " + ", ".join(f"{k} {v:.3f} s" for k, v in results[rows].items()
                                               if k in timing))
    small, mid, big = SIZES
    for stage, label in (("load", "read_csv with dtypes"), ("aggregate", "group by date, count, cumsum"),
                         ("chart", "chart spec from the aggregate"),
                         ("validate", "helpers.data.validate, people file in the package")):
        g1 = results[mid][stage] / results[small][stage]
        g2 = results[big][stage] / results[mid][stage]
        if stage == "chart":
            target, ok = "constant (~1x)", g2 <= 2
        elif stage == "validate":
            target, ok = "(info)", g2 <= 13
        else:
            target, ok = "linear (<= ~10x per 10x)", g2 <= 13
        outcome = 'met' if ok else 'NOT met'
        if stage == "validate":
            outcome = f"{'linear' if ok else 'worse than linear'}, {results[big][stage] / results[big]['load']:.0f}x read_csv"
        table.add("5", f"scale: {label}, 1M rows", f"{results[big][stage]:.3f} s",
                  target, f"x{g1:.1f} (100k/10k), x{g2:.1f} (1M/100k) - {outcome}")
    sizes = [results[n]["spec_bytes"] for n in SIZES]
    constant = (max(sizes) - min(sizes)) / min(sizes) <= 0.01
    table.add("5", "scale: chart spec size at 10k / 100k / 1M rows", " / ".join(f"{s:,} B" for s in sizes),
              "constant (+-1%)", f"spread {max(sizes) - min(sizes)} B - {'met' if constant else 'NOT met'}")
    report["5"] = results


def print_scale(report: dict) -> None:
    if "5" not in report:
        return
    print("\nBreakdown 5 - scale, seconds per stage (median):")
    print(f"  {'rows':>9} {'CSV MB':>7} {'load':>8} {'aggregate':>10} {'chart':>8} {'rows out':>9} {'spec B':>8}"
          f" {'validate':>9}")
    for rows, r in report["5"].items():
        print(f"  {rows:>9,} {r['csv_mb']:7.1f} {r['load']:8.3f} {r['aggregate']:10.3f} {r['chart']:8.3f} "
              f"{r['aggregate_rows']:9,} {r['spec_bytes']:8,} {r['validate']:9.3f}")
    print("  load = pandas.read_csv with dtypes; validate = helpers.data.validate() (a column at a time, one run) "
          "with the file declared in a copy of data/datapackage.json - the render runner's validated_rows() stores "
          "the result per data version and every kernel's data.load_all() reuses it (measure 7)")


# ---------------------------------------------------------------- measure 7: validation (bench/validation.py)

def measure_validation(ctx, table: Table, report: dict) -> None:
    import validation   # bench/validation.py, beside this file

    result = validation.measure(1_000_000, ctx.reps_render, say=lambda m: say("7:" + m))
    table.add("7", "helpers.data.validate vs pandas.read_csv, 1M-row releases-like file (CPU s; wall in breakdown)",
              f"{result['validate']['cpu']:.2f} s vs {result['read']['cpu']:.2f} s", "ratio <= 2",
              f"{result['ratio_cpu']:.2f}x CPU, {result['ratio_wall']:.2f}x wall - {validation.verdict(result)}")
    table.add("7", "  data.validated_rows cache hit, new process: real data/ (1M-row folder)",
              f"{result['real_hit_s']:.3f} s ({result['hit_s']:.2f} s)", "(info)",
              f"pandas imported: {result['real_hit_pandas']} ({result['hit_pandas']})")
    report["7"] = result


def print_validation(report: dict) -> None:
    if "7" in report:
        import validation

        print("\nBreakdown 7 - " + validation.report(report["7"]))
