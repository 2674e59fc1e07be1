"""Measure 1's breakdown: the work of notebooks/01_cumulative_releases step by step, timed in a
fresh render-venv process (python, not a kernel). bench/notebook_vs_floor.py runs it as
`python bench/notebook_steps.py OUT_DIR NOTEBOOK` and reads the JSON it prints last.

It imports nothing from bench/, and pandas, Altair and the helpers only when it runs, so that
the first imports it times are the notebook's own.
"""

import contextlib
import json
import sys
import time
from pathlib import Path


def parameters(notebook: str, out_dir: str) -> dict:
    """The parameters cell as papermill would leave it (declarations, then injected values)."""
    cells = json.loads(Path(notebook).read_text())["cells"]
    source = next("".join(c["source"]) for c in cells if "parameters" in c.get("metadata", {}).get("tags", []))
    namespace = {}
    exec(source, namespace)
    namespace.pop("__builtins__", None)
    namespace.update(layout="desktop", output_dir=out_dir)
    return namespace


def steps(out_dir: str, notebook: str) -> dict[str, float]:
    """Seconds per step of the notebook's work, in the order the notebook does it."""
    times: dict[str, float] = {}
    clock = time.perf_counter

    @contextlib.contextmanager
    def stage(label: str):
        start = clock()
        try:
            yield
        finally:
            times[label] = times.get(label, 0.0) + clock() - start

    def timed(label: str, function):
        """`function`, adding the time of every call to `label`."""
        def wrapper(*args, **kwargs):
            with stage(label):
                return function(*args, **kwargs)
        return wrapper

    with stage("import pandas"):
        import pandas  # noqa: F401
    with stage("import altair"):
        import altair
    with stage("import helpers + vl_convert"):
        import vl_convert as vlc

        from helpers import data, export, measures, theme
        from helpers.figures import cumulative_releases
        from helpers.i18n import translator
        from helpers.params import check_parameters

    namespace = parameters(notebook, out_dir)
    with stage("check_parameters"):
        params = check_parameters(namespace, "01_cumulative_releases")
    with stage("i18n.translator (catalog, labels)"):
        t = translator(params.language)
    with stage("data.load_all (validates every file)"):
        frames = data.load_all(names=["releases", "milestones", "sanctions"])
    releases, milestones, sanctions = frames["releases"], frames["milestones"], frames["sanctions"]
    with stage("measures.period + key_numbers"):
        period = measures.period(params.start_date, params.end_date, releases)
        measures.key_numbers(releases, milestones, params.basis, period.start, period.end)
    with stage("figures.cumulative_releases_figure"):
        figure = cumulative_releases.cumulative_releases_figure(
            releases, milestones, sanctions, period=period, layout=theme.layout(params.layout), t=t,
            basis=params.basis, min_priority=params.min_priority,
            sanctions_jurisdictions=params.sanctions_jurisdictions)
    with stage("show the chart in the notebook (to_dict+validate)"):
        altair.renderers.get()(figure.chart.to_dict())   # what the notebook's `figure.chart` does

    # export_bundle itself, with its expensive calls timed from inside
    with stage("export: vl-convert engine start (1st conversion)"):
        vlc.vegalite_to_svg({"data": {"values": [{"a": 1}]}, "mark": "point",
                             "encoding": {"x": {"field": "a", "type": "quantitative"}}})
    export.vega_lite_spec = timed("export: Vega-Lite spec (to_dict+validate)", export.vega_lite_spec)
    export.offline_html = timed("export: offline HTML page (with the Vega bundle)", export.offline_html)
    export.deterministic_pdf = timed("export: deterministic PDF (qpdf via pikepdf)", export.deterministic_pdf)
    for name in ("vegalite_to_svg", "vegalite_to_pdf", "vegalite_to_png", "svg_to_pdf", "svg_to_png"):
        if hasattr(vlc, name):
            setattr(vlc, name, timed(f"export: vl_convert.{name}", getattr(vlc, name)))
    # nested inside the HTML page; not counted twice
    vlc.javascript_bundle = timed("export:   of which vl_convert.javascript_bundle() (bundle not cached)",
                                  vlc.javascript_bundle)
    start = clock()
    export.export_bundle(figure, params.output_dir)
    total = clock() - start
    inside = sum(v for k, v in times.items()
                 if k.startswith("export: ") and "engine start" not in k and "of which" not in k)
    times["export: the rest (JSON, CSV, alt text, font check, writes)"] = total - inside
    return times


if __name__ == "__main__":
    print(json.dumps(steps(sys.argv[1], sys.argv[2])))
