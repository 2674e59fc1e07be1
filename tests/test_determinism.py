"""What a render publishes is a function of its inputs: the run's traces are taken out of the
executed notebook, and the PDF is rewritten in qpdf's deterministic mode. (The whole-plan
byte-identity tests are in test_render_plan.py; these pin the two mechanisms on their own.)"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat

from helpers.render.executed import publishable


def executed_notebook(folder: Path, root: str, staging: str, seconds: str, chart_id: str, cell_id: str) -> Path:
    """A notebook as papermill leaves it after one run: that run's times, paths and random ids."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["papermill"] = {"start_time": f"2026-12-03T05:00:{seconds}", "end_time": "2026-12-03T05:01:00",
                                      "duration": float(seconds), "input_path": f"{root}/notebooks/01.ipynb",
                                      "parameters": {"output_dir": staging}}
    injected = nbformat.v4.new_code_cell(f'output_dir = "{staging}"')
    injected.id = cell_id
    injected.metadata["tags"] = ["injected-parameters"]
    injected.metadata["execution"] = {"iopub.status.busy": f"2026-12-03T05:00:{seconds}"}
    chart = nbformat.v4.new_code_cell("figure.chart")
    chart.id = "chart"
    chart.outputs = [nbformat.v4.new_output("display_data", data={
        "text/html": f'<div id="{chart_id}"></div><script>document.getElementById("{chart_id}")</script>'})]
    printed = nbformat.v4.new_code_cell("print(path)")
    printed.id = "printed"
    printed.outputs = [nbformat.v4.new_output("stream", name="stdout", text=f"png {staging}/figure.png\n")]
    notebook.cells = [injected, chart, printed]
    path = folder / f"notebook-{seconds}.ipynb"
    nbformat.write(notebook, path)
    return path


def test_two_runs_of_one_edition_publish_the_same_notebook(tmp_path):
    runs = []
    for seconds, root, run_id, hexid in (("01", "/srv/a/project", "20261203T050001-11", "1" * 32),
                                         ("42", "/tmp/b/project", "20261203T060042-99", "f" * 32)):
        staging = f"{root}/output/.staging/{run_id}/cumulative-releases-desktop-en"
        path = executed_notebook(tmp_path, root, staging, seconds, f"altair-viz-{hexid}", f"random{seconds}")
        publishable(path, root, staging, "output/cumulative-releases-desktop-en")
        runs.append(path.read_bytes())
    assert runs[0] == runs[1]
    published = runs[0].decode()
    assert 'output_dir = \\"output/cumulative-releases-desktop-en\\"' in published
    assert "png output/cumulative-releases-desktop-en/figure.png" in published
    assert '"input_path": "notebooks/01.ipynb"' in published
    assert "altair-viz-1" in published and "start_time" not in published and "iopub" not in published
    assert json.loads(published)["cells"][0]["id"] == "injected-parameters"
    nbformat.validate(nbformat.reads(published, as_version=4))


PDF_OF_ONE_CHART = r'''
import sys, vl_convert as vlc
from helpers import export, paths
vlc.register_font_directory(str(paths.FONT_DIR))
spec = {"data": {"values": [{"a": 1, "b": 2}, {"a": 2, "b": 5}]}, "mark": "line", "title": "Łukaszenka 865",
        "encoding": {"x": {"field": "a", "type": "quantitative"}, "y": {"field": "b", "type": "quantitative"}},
        "config": {"font": "Lato"}}
pdf = vlc.svg_to_pdf(vlc.vegalite_to_svg(spec))
sys.stdout.buffer.write(export.deterministic_pdf(pdf))
'''


def pdf_from_a_new_process() -> bytes:
    return subprocess.run([sys.executable, "-c", PDF_OF_ONE_CHART], capture_output=True, check=True).stdout


def test_the_published_pdf_is_the_same_from_every_process():
    """vl-convert alone numbers a PDF's objects in an order drawn per process (of 8 processes
    drawing this chart, 4 different files came out; a full figure differs in every process), so
    the rewrite is what makes the file a function of the chart. Without it, the whole-plan
    comparisons in test_render_plan.py fail on every PDF."""
    deterministic = {pdf_from_a_new_process() for _ in range(4)}
    assert len(deterministic) == 1
    pdf = deterministic.pop()
    assert pdf.startswith(b"%PDF-") and re.search(rb"/FontName\s*/[A-Z]{6}\+Lato-Regular", pdf)
