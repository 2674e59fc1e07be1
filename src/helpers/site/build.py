"""Write the static site, output/site/, from output/manifest.json and the edition folders.

Layout of the site (every link is relative, so it works from file://, any web server
and GitHub Pages alike, and the folder is self-contained):

    index.html                       every figure as a card, the claims ledger, latest changes
    figure/<figure>-<lang>.html      a page per figure and language (link-preview metadata)
    embed/<figure>-<lang>.html       the responsive embed (narrow: mobile layout; wide: desktop)
    files/<edition>/<slug>.*         the published bundle files (hard links, or copies)
    assets/site.css                  the only stylesheet; no fonts, scripts or images from elsewhere

The site is built in a temporary folder and swapped in with one rename.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import os
import shutil
from pathlib import Path

import jinja2

from helpers import changes, freshness, paths
from helpers.site import collect

SITE = "site"
EMBED_MESSAGE = "belarus-desk-embed-height"   # the postMessage type the embed sends and the snippet reads
RUN_RECORD = {"notebook.ipynb"}


def environment(code: str = "en") -> jinja2.Environment:
    """The templates, speaking one language: `_()`, `ngettext()` and `pgettext()` in a template are
    the language's catalog (helpers.i18n; `make translations` extracts them from the templates)."""
    from helpers.i18n import translator

    t = translator(code)
    env = jinja2.Environment(loader=jinja2.PackageLoader("helpers.site", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"])
    env.install_gettext_callables(  # a message with values is filled in and set by the Translator
        gettext=lambda msgid, **values: t.phrase(msgid, **values) if values else t.gettext(msgid),
        ngettext=lambda singular, plural, n, **values: t.nphrase(singular, plural, n, **values),
        pgettext=lambda context, msgid, **values: t.pphrase(context, msgid, **values), newstyle=False)
    env.globals.update(page_lang=t.language.html_lang, day=t.day,
                       layout_name=lambda name: t.pgettext("layout", name) if name in collect.LAYOUT_ORDER else name)
    return env


def _place(source: Path, destination: Path) -> None:
    """A hard link where the file system allows it (no copy of the large offline HTML), else a copy."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def copy_files(figures: list[collect.Figure], site: Path, previous: Path) -> None:
    """The editions' published files into files/<edition>/, plus a 1x PNG for srcset (kept from
    the previous site, `previous`, when the edition's SVG has not changed)."""
    done = set()
    for figure in figures:
        for version in figure.layouts.values():
            if version.edition in done:
                continue
            done.add(version.edition)
            target = site / "files" / version.edition
            target.mkdir(parents=True, exist_ok=True)
            for path in sorted(version.folder.iterdir()):
                if path.is_file() and path.name not in RUN_RECORD:
                    _place(path, target / path.name)
            one_x(version, target, previous / "files" / version.edition)


def one_x(version: collect.Version, target: Path, previous: Path) -> str | None:
    """<slug>.1x.png, drawn from the SVG at scale 1, when the published PNG is larger (png_scale > 1).
    A render re-publishes few editions: an unchanged SVG keeps the 1x PNG already drawn."""
    scale = version.meta.get("png_scale") or 1
    svg = version.file("svg")
    if not isinstance(scale, (int, float)) or scale <= 1 or not svg:
        return None
    name = f"{version.slug}.1x.png"
    if (previous / name).is_file() and (previous / svg).is_file() \
            and filecmp.cmp(previous / svg, version.folder / svg, shallow=False):
        _place(previous / name, target / name)
        return name
    import vl_convert as vlc

    vlc.register_font_directory(str(paths.FONT_DIR))
    (target / name).write_bytes(vlc.svg_to_png((version.folder / svg).read_text(encoding="utf-8"), scale=1))
    return name


class Links:
    """Where things are in the site, relative to a page `depth` folders below the root."""

    def __init__(self, depth: int):
        self.root = "../" * depth

    def file(self, version: collect.Version, extension: str) -> str | None:
        name = version.file(extension)
        return f"{self.root}files/{version.edition}/{name}" if name else None

    def srcset(self, version: collect.Version) -> str:
        png = self.file(version, "png")
        if png is None:
            return ""
        scale = version.meta.get("png_scale") or 1
        if isinstance(scale, (int, float)) and scale > 1 and (version.folder / f"{version.slug}.svg").is_file():
            return f"{self.root}files/{version.edition}/{version.slug}.1x.png 1x, {png} {scale}x"
        return f"{png} 1x"

    def figure(self, figure: collect.Figure) -> str:
        return f"{self.root}figure/{figure.key}.html"

    def embed(self, figure: collect.Figure) -> str:
        return f"{self.root}embed/{figure.key}.html"

    def css(self) -> str:
        return f"{self.root}assets/site.css"

    def index(self, code: str = "en") -> str:
        return f"{self.root}{collect.index_name(code)}"

    def review(self, code: str) -> str:
        return f"{self.root}review/{code}.html"


def snippet(env: jinja2.Environment, figure: collect.Figure, url: str) -> str:
    """The embed code: an iframe plus a small script that sets its height from the embed's message."""
    return env.get_template("snippet.html").render(url=url, figure=figure, message=EMBED_MESSAGE,
                                                   height=_initial_height(figure)).strip()


def _initial_height(figure: collect.Figure) -> int:
    """Height before the embed reports its own: the narrow layout's, plus the caption."""
    return int(figure.narrow.meta.get("height") or 480) + 60


def build(output: Path, stale_after_days: int = freshness.DEFAULT_STALE_AFTER_DAYS,
          today: dt.date | None = None) -> Path:
    """Build output/site/ from what is published in output/; return its path."""
    output = Path(output)
    today = today or dt.date.today()
    figures = collect.figures(output, stale_after_days, today)
    staging = output / f".{SITE}.{os.getpid()}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "assets").mkdir(parents=True)
    (staging / "figure").mkdir()
    (staging / "embed").mkdir()
    try:
        copy_files(figures, staging, output / SITE)
        for code in collect.review_sheets(output):   # self-contained pages (`make review-sheet`)
            (staging / "review").mkdir(exist_ok=True)
            shutil.copyfile(output / collect.REVIEW_FOLDER / f"{code}.html", staging / "review" / f"{code}.html")
        shutil.copyfile(Path(__file__).parent / "static" / "site.css", staging / "assets" / "site.css")
        write_pages(output, staging, figures, stale_after_days, today)
        swap(staging, output / SITE)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return output / SITE


def write_pages(output: Path, site: Path, figures: list[collect.Figure], stale_after_days: int,
                today: dt.date) -> None:
    """index.html (every figure, English chrome), index-<code>.html (a language's figures, in that
    language), and each figure's page and embed in the figure's language."""
    common = {"language_name": collect.language_name, "stale_after_days": stale_after_days,
              "built": today.isoformat(), "message": EMBED_MESSAGE, "reviews": collect.review_sheets(output)}
    top = Links(0)
    languages = sorted({f.language for f in figures}, key=lambda c: (c != "en", c))
    latest = changes.read_latest(output)
    for code in languages or ["en"]:
        env = environment(code)
        shown = figures if code == "en" else [f for f in figures if f.language == code]
        page = env.get_template("index.html").render(
            figures=shown, links=top, snippets={f.key: snippet(env, f, top.embed(f)) for f in shown},
            languages=languages, claims=collect.claims(output) if code == "en" else [],
            latest=latest if code == "en" else None, english_index=code == "en",
            change_lines=[changes.log_line(r).removeprefix("changes ") for r in
                          (latest or {}).get("editions", {}).values() if r.get("status") != "unchanged"],
            download_kinds=collect.downloads(env), **common)
        (site / collect.index_name(code)).write_text(page, encoding="utf-8")
    deep = Links(1)
    by_key = {f.key: f for f in figures}
    for figure in figures:
        env = environment(figure.language)
        others = [by_key[f"{figure.slug}-{code}"] for code in figure.languages if code != figure.language]
        page = env.get_template("figure.html").render(
            figure=figure, links=deep, snippet=snippet(env, figure, deep.embed(figure)),
            sources=collect.sources(figure.main), others=others, download_kinds=collect.downloads(env), **common)
        (site / "figure" / f"{figure.key}.html").write_text(page, encoding="utf-8")
        page = env.get_template("embed.html").render(figure=figure, links=deep, **common)
        (site / "embed" / f"{figure.key}.html").write_text(page, encoding="utf-8")


def swap(staging: Path, site: Path) -> None:
    """Replace the old site by the new one: a rename each, so a reader never sees half a site."""
    old = site.with_name(f".{site.name}.old.{os.getpid()}")
    if site.exists():
        os.rename(site, old)
    os.rename(staging, site)
    shutil.rmtree(old, ignore_errors=True)
