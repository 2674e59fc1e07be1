"""Write one figure's publication bundle into <output_dir>/: <figure-slug>.png (at the
layout's PNG scale), .svg, .pdf, offline .html, Vega-Lite .vl.json, the "get the data"
tables, the alt text (.txt) and the figure's metadata (.json: title, alt text, "data to"
date, key numbers, language), which the site and the change review read.

A figure speaks one language (its Translator): the SVG root carries xml:lang, the page
<html lang>, and Vega formats axis ticks with the language's d3 locale objects, the same
ones vl-convert gets. Two CSVs hold the same rows:
- <slug>.csv: the header row is the stable English column keys (date, id, value, ...),
  the same in every language: for scripts and the change review;
- <slug>.localized.csv: the header row and the words in the figure's language (descriptions,
  publishers, who counted, coded values such as layer or qualifier), for readers (UTF-8 with
  a byte-order mark so that spreadsheet programs read Cyrillic and diacritics correctly).

Everything is rendered by vl-convert (no browser, no network). Text from the data is
escaped wherever it lands in markup, CSV cells cannot start a spreadsheet formula,
and the PDF is checked to carry the house font, so a missing font fails loudly.
"""

from __future__ import annotations

import base64
import functools
import html
import json
import os
import re
import sys
from pathlib import Path

import pandas as pd

from helpers import paths, theme
from helpers.paths import SAFE_NAME
from helpers.kit import Figure
from helpers.errors import DeskError

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BUNDLE_FILES = ("png", "svg", "pdf", "html", "vl.json", "csv", "localized.csv", "txt", "json")


def safe_name(name: str, what: str) -> str:
    """A figure slug or edition name that cannot escape the output folder."""
    if not isinstance(name, str) or not SAFE_NAME.match(name):
        raise DeskError(f"{what} {name!r} is not allowed (expected lower-case letters, digits, '-' or '_', "
                        "with no '/', '..' or absolute path)")
    return name


def neutralise_formula(value):
    """OWASP CSV-injection defence: a cell starting like a formula is shown as text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def spreadsheet_safe(table: pd.DataFrame) -> pd.DataFrame:
    safe = table.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_formula)
    return safe


def vega_lite_spec(figure: Figure) -> dict:
    theme.use_house_style()
    return figure.chart.to_dict()


def svg_with_description(svg: str, title: str, description: str, lang: str = "en") -> str:
    """Give the SVG its language (xml:lang) and an accessible name and description (<title>, <desc>)."""
    opening = re.search(r"<svg\b[^>]*>", svg)
    if not opening:
        raise ValueError("vl-convert returned something that is not an SVG")
    tag = opening.group(0)
    labelled = (tag[:-1] + f' xml:lang="{html.escape(lang)}" lang="{html.escape(lang)}"'
                ' role="img" aria-labelledby="chart-title chart-desc">')
    head = (f'<title id="chart-title">{html.escape(title)}</title>'
            f'<desc id="chart-desc">{html.escape(description)}</desc>')
    return svg.replace(tag, labelled + head, 1)


def svg_size(svg: str) -> tuple[int, int]:
    """The figure's size in layout pixels, read from the SVG's root element."""
    opening = re.search(r"<svg\b[^>]*>", svg).group(0)
    width, height = (re.search(rf'\b{name}="([0-9.]+)"', opening).group(1) for name in ("width", "height"))
    return round(float(width)), round(float(height))


def bundle_cache_path() -> Path:
    import vl_convert as vlc

    return Path(sys.prefix) / "share" / "belarus-desk" / f"vega-bundle-{vlc.__version__}.js"


@functools.cache
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script. Building it takes seconds and its
    content depends only on the vl-convert version, so it is cached in the environment."""
    import vl_convert as vlc

    cached = bundle_cache_path()
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    bundle = vlc.javascript_bundle()
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
        temporary.write_text(bundle, encoding="utf-8")
        os.replace(temporary, cached)
    except OSError:
        pass   # a read-only environment only costs time
    return bundle


def _script_json(spec: dict) -> str:
    """JSON safe inside a <script> element: no '</script>' or '<!--' can break out."""
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@functools.cache
def _font_faces() -> str:
    """The house font embedded in the page, so labels measure the same for every reader."""
    faces = []
    for weight, name in (("normal", "Lato-Regular.ttf"), ("bold", "Lato-Bold.ttf")):
        encoded = base64.b64encode((paths.FONT_DIR / name).read_bytes()).decode("ascii")
        faces.append(f"@font-face {{ font-family: {theme.FONT}; font-weight: {weight}; "
                     f"src: url(data:font/ttf;base64,{encoded}) format('truetype'); }}")
    return "\n  ".join(faces)


def locale_options(figure: Figure) -> dict:
    """vl-convert's keyword arguments for the figure's language: d3 number and time locales."""
    t = figure.t
    return {} if t is None else {"format_locale": t.format_locale, "time_format_locale": t.time_format_locale}


def offline_html(spec: dict, title: str, description: str, lang: str = "en", embed_locale: dict | None = None) -> str:
    """A single page that draws the chart with Vega and the font inlined: no CDN, works offline.
    `embed_locale` is Translator.embed_options(): the same d3 locales vl-convert used."""
    options = {"renderer": "svg", "actions": False, **(embed_locale or {})}
    return f"""<!DOCTYPE html>
<html lang="{html.escape(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
  {_font_faces()}
  body {{ margin: 0; font-family: Lato, Helvetica, Arial, sans-serif; }}
  .visually-hidden {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }}
</style>
<script>{vega_bundle()}</script>
</head>
<body>
<figure style="margin:0" role="figure" aria-describedby="chart-description">
  <div id="chart"></div>
  <figcaption id="chart-description" class="visually-hidden">{html.escape(description)}</figcaption>
</figure>
<script>
  // Vega measures text when it lays the chart out: wait for the house font, or the
  // browser's fallback metrics would crowd the legend and the labels.
  const fonts = ["normal", "bold"].map((weight) => document.fonts.load(`${{weight}} 11px {theme.FONT}`));
  Promise.all(fonts).catch(() => null).then(() =>
    vegaEmbed("#chart", {_script_json(spec)}, {_script_json(options)})
  ).catch(console.error);
</script>
</body>
</html>
"""


def deterministic_pdf(pdf: bytes) -> bytes:
    """The PDF rewritten by qpdf (through pikepdf) in its deterministic mode: objects numbered in
    the order they are reached, the document id derived from the content. vl-convert's PDF writer
    numbers objects in a per-process order, so the same chart gave different bytes in every render."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        rewritten = io.BytesIO()
        document.save(rewritten, deterministic_id=True, compress_streams=True,
                      object_stream_mode=pikepdf.ObjectStreamMode.preserve)
    return rewritten.getvalue()


def check_font_embedded(pdf: bytes, figure: Figure) -> None:
    if theme.FONT.encode() not in pdf:
        raise DeskError(f"the PDF of {figure.slug} ({figure.layout.name}) does not use the house font "
                        f"{theme.FONT}: it would fall back to another font")


def localized_table(figure: Figure) -> pd.DataFrame:
    """The figure's table in its language: the header row (kit.TABLE_HEADERS) and the words in the
    cells (Figure.localized: descriptions, publishers, coded values); the same rows as <slug>.csv."""
    lang = figure.language
    missing = [column for column in figure.table.columns if column not in figure.headers]
    if missing and not lang.is_source:
        raise DeskError(f"no {lang.english_name} ({lang.code}) header for the column {missing[0]!r} of "
                        f"{figure.slug}'s table: add it to TABLE_HEADERS in src/helpers/kit.py and translate it "
                        "(make translations)")
    table = figure.localized if figure.localized is not None else figure.table
    return table.rename(columns=figure.headers)


def output_folder(output_dir: str | Path) -> Path:
    """A relative output_dir is taken from the project root, wherever the kernel runs
    (JupyterLab starts kernels in notebooks/)."""
    folder = Path(output_dir)
    return folder if folder.is_absolute() else paths.project_root() / folder


def export_bundle(figure: Figure, output_dir: str | Path) -> dict[str, Path]:
    """Write every file of the figure's bundle; return their paths by kind."""
    import vl_convert as vlc

    folder = output_folder(output_dir)
    folder.mkdir(parents=True, exist_ok=True)
    slug = safe_name(figure.slug, "figure name")
    spec = vega_lite_spec(figure)
    written = {kind: folder / f"{slug}.{kind}" for kind in BUNDLE_FILES}

    # Vega runs once, for the SVG; PNG and PDF are drawn from that SVG (same pixels, less time).
    svg = vlc.vegalite_to_svg(spec, **locale_options(figure))
    pdf = deterministic_pdf(vlc.svg_to_pdf(svg))
    check_font_embedded(pdf, figure)
    written["pdf"].write_bytes(pdf)
    written["png"].write_bytes(vlc.svg_to_png(svg, scale=figure.layout.png_scale))
    lang = figure.language.html_lang
    written["svg"].write_text(svg_with_description(svg, figure.title, figure.alt_text, lang), encoding="utf-8")
    export_html(figure, folder, spec)
    written["vl.json"].write_text(json.dumps(spec, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
                                  encoding="utf-8")
    spreadsheet_safe(figure.table).to_csv(written["csv"], index=False, lineterminator="\n")
    spreadsheet_safe(localized_table(figure)).to_csv(written["localized.csv"], index=False, lineterminator="\n",
                                                     encoding="utf-8-sig")
    written["txt"].write_text(figure.alt_text + "\n", encoding="utf-8")
    width, height = svg_size(svg)
    metadata = {**figure.metadata(), "width": width, "height": height,
                "png_scale": figure.layout.png_scale, "files": [path.name for path in written.values()]}
    written["json"].write_text(json.dumps(metadata, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return written


def export_html(figure: Figure, output_dir: str | Path, spec: dict | None = None) -> Path:
    """The figure's offline page, <slug>.html (one file of its bundle; `spec`: its Vega-Lite spec,
    when the caller has it already)."""
    folder = output_folder(output_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{safe_name(figure.slug, 'figure name')}.html"
    page = offline_html(spec if spec is not None else vega_lite_spec(figure), figure.title, figure.alt_text,
                        figure.language.html_lang, figure.t.embed_options() if figure.t else None)
    path.write_text(page, encoding="utf-8")
    return path


def export_table(table: pd.DataFrame, folder: str | Path, name: str) -> Path:
    """An extra CSV beside a figure's bundle (e.g. a table the story prints), spreadsheet-safe."""
    path = output_folder(folder) / f"{safe_name(name, 'table name')}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    spreadsheet_safe(table).to_csv(path, index=False, lineterminator="\n")
    return path
