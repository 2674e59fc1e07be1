"""Write the static site, output/site/, from output/manifest.json and the edition folders.

Layout of the site (links between its pages are relative, so it works from file://, any web
server and GitHub Pages alike, and the folder is self-contained):

    index.html                       every figure as a card, the claims ledger, latest changes
    figure/<figure>-<lang>.html      a page per figure and language (link-preview metadata)
    embed/<figure>-<lang>.html       the responsive embed (narrow: mobile layout; wide: desktop)
    files/<edition>/…                every published edition's whole bundle, executed notebook included
                                     (hard links, or copies), plus a 1x PNG where the PNG is drawn at 2x
    assets/site.css                  the only stylesheet; no fonts, scripts or images from elsewhere
    manifest.json, changes.json,     the publication itself, for the next render (--previous): what each
    changes-history.json             edition was made from and holds, the latest change review, the history
    changes.atom                     the changes history as an Atom feed
    sitemap.xml                      every page, absolute (only with site_url)

With `site_url` (renders.yml defaults: the published site's address) every address given away is
absolute: og:image, og:url, twitter:image, the canonical link, the embed code and the feed's links.
The site is built in a temporary folder and swapped in with one rename.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import json
import os
import shutil
from pathlib import Path

import jinja2

from helpers import changes, checks, freshness, history, manifest, paths
from helpers.site import collect, feeds

SITE = "site"
FILES = "files"          # the site's folder of edition bundles: files/<edition>/… (the build and --previous)
EMBED_MESSAGE = "belarus-desk-embed-height"   # the postMessage type the embed sends and the snippet reads


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
                       layout_name=lambda name: t.pgettext("layout", name) if name in collect.LAYOUT_ORDER else name,
                       # a figure's last check of its data and its open leads, in the page's language
                       check_note=lambda meta: checks.check_sentence(t, meta.get("checked")),
                       leads_note=lambda meta: checks.leads_sentence(t, meta.get("leads") or []),
                       fresh_to=checks.fresh_to)
    return env


def _place(source: Path, destination: Path) -> None:
    """A hard link where the file system allows it (no copy of the large offline HTML), else a copy."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def copy_files(output: Path, editions: list[str], figures: list[collect.Figure], site: Path, previous: Path) -> None:
    """Every published edition's files into files/<edition>/ (its whole bundle: the next render can
    take an unchanged edition from the site), plus a 1x PNG for srcset (kept from the previous site,
    `previous`, when the edition's SVG has not changed)."""
    for edition in editions:
        folder = output / edition
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                target = site / FILES / edition / path.relative_to(folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                _place(path, target)
    drawn = set()
    for figure in figures:
        for version in figure.layouts.values():
            if (version.edition, version.slug) not in drawn:
                drawn.add((version.edition, version.slug))
                one_x(version, site / FILES / version.edition, previous / FILES / version.edition)


def copy_publication(output: Path, editions: list[str], site: Path) -> None:
    """The manifest (its published editions), the latest change review and the changes history: what
    the next render needs to take this site as the publication it continues."""
    document = manifest.read(output)
    document["editions"] = {name: entry for name, entry in document["editions"].items() if name in editions}
    (site / manifest.MANIFEST).write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    for name in (changes.CHANGES_JSON, history.HISTORY):
        if (output / name).is_file():
            shutil.copyfile(output / name, site / name)


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
    """Where things are in the site, relative to a page `depth` folders below the root; and the
    addresses given away (public: link previews, canonical links, embed codes), absolute under
    `site_url` when the site has one."""

    def __init__(self, depth: int, site_url: str | None = None):
        self.root = "../" * depth
        self.site_url = site_url

    def public(self, path: str) -> str:
        return f"{self.site_url}{path}" if self.site_url else f"{self.root}{path}"

    def public_file(self, version: collect.Version, extension: str) -> str | None:
        name = version.file(extension)
        return self.public(f"{FILES}/{version.edition}/{name}") if name else None

    def public_page(self, figure: collect.Figure) -> str:
        return self.public(f"figure/{figure.key}.html")

    def public_embed(self, figure: collect.Figure) -> str:
        return self.public(f"embed/{figure.key}.html")

    def file(self, version: collect.Version, extension: str) -> str | None:
        name = version.file(extension)
        return f"{self.root}{FILES}/{version.edition}/{name}" if name else None

    def srcset(self, version: collect.Version) -> str:
        png = self.file(version, "png")
        if png is None:
            return ""
        scale = version.meta.get("png_scale") or 1
        if isinstance(scale, (int, float)) and scale > 1 and (version.folder / f"{version.slug}.svg").is_file():
            return f"{self.root}{FILES}/{version.edition}/{version.slug}.1x.png 1x, {png} {scale}x"
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
          today: dt.date | None = None, site_url: str | None = None) -> Path:
    """Build output/site/ from what is published in output/; return its path."""
    output = Path(output)
    today = today or dt.date.today()
    figures = collect.figures(output, stale_after_days, today)
    editions = collect.published_editions(output)
    staging = output / f".{SITE}.{os.getpid()}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "assets").mkdir(parents=True)
    (staging / "figure").mkdir()
    (staging / "embed").mkdir()
    try:
        copy_files(output, editions, figures, staging, output / SITE)
        copy_publication(output, editions, staging)
        for code in collect.review_sheets(output):   # self-contained pages (`make review-sheet`)
            (staging / "review").mkdir(exist_ok=True)
            shutil.copyfile(output / collect.REVIEW_FOLDER / f"{code}.html", staging / "review" / f"{code}.html")
        shutil.copyfile(Path(__file__).parent / "static" / "site.css", staging / "assets" / "site.css")
        write_pages(output, staging, figures, stale_after_days, today, site_url)
        write_feeds(output, staging, figures, site_url)
        swap(staging, output / SITE)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return output / SITE


def index_file(code: str) -> str:
    """The address of a language's index page inside the site ("" for the English index)."""
    name = collect.index_name(code)
    return "" if name == "index.html" else name


def write_feeds(output: Path, site: Path, figures: list[collect.Figure], site_url: str | None) -> None:
    """changes.atom from the changes history; sitemap.xml (the index pages and figure pages) with site_url."""
    links = Links(0, site_url)
    updated = manifest.read(output).get("updated_at") or dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    (site / feeds.FEED).write_bytes(feeds.atom(history.read(output), links, {f.key for f in figures}, updated,
                                               collect.day))
    if site_url:
        languages = sorted({f.language for f in figures}, key=lambda c: (c != "en", c))
        pages = list(dict.fromkeys([""] + [index_file(code) for code in languages]))
        (site / feeds.SITEMAP).write_bytes(feeds.sitemap(site_url, pages + [f"figure/{f.key}.html" for f in figures]))


def write_pages(output: Path, site: Path, figures: list[collect.Figure], stale_after_days: int,
                today: dt.date, site_url: str | None = None) -> None:
    """index.html (every figure, English chrome), index-<code>.html (a language's figures, in that
    language), and each figure's page and embed in the figure's language; the addresses given away
    (link previews, canonical links, embed codes) are absolute under `site_url`."""
    common = {"language_name": collect.language_name, "stale_after_days": stale_after_days,
              "built": today.isoformat(), "message": EMBED_MESSAGE, "reviews": collect.review_sheets(output)}
    top = Links(0, site_url)
    languages = sorted({f.language for f in figures}, key=lambda c: (c != "en", c))
    latest = changes.read_latest(output)
    for code in languages or ["en"]:
        env = environment(code)
        shown = figures if code == "en" else [f for f in figures if f.language == code]
        page = env.get_template("index.html").render(
            figures=shown, links=top, snippets={f.key: snippet(env, f, top.public_embed(f)) for f in shown},
            languages=languages, claims=collect.claims(output) if code == "en" else [],
            latest=latest if code == "en" else None, english_index=code == "en",
            change_lines=[changes.log_line(r).removeprefix("changes ") for r in
                          (latest or {}).get("editions", {}).values() if r.get("status") != "unchanged"],
            download_kinds=collect.downloads(env), index_file=index_file(code), **common)
        (site / collect.index_name(code)).write_text(page, encoding="utf-8")
    deep = Links(1, site_url)
    by_key = {f.key: f for f in figures}
    for figure in figures:
        env = environment(figure.language)
        others = [by_key[f"{figure.slug}-{code}"] for code in figure.languages if code != figure.language]
        page = env.get_template("figure.html").render(
            figure=figure, links=deep, snippet=snippet(env, figure, deep.public_embed(figure)),
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
