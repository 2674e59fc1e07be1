"""What the site shows, read from output/ only: output/manifest.json names the published
editions; each edition folder's figure metadata (<slug>.json) says which figure, layout
and language it holds. Editions are grouped by that metadata, never by their names, and
every key is optional (older bundles lack language, sources, method note...). Figures come
in the order of their stories (helpers.stories); the claims ledger is the ledger story's table.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from helpers import changes, freshness, manifest, stories
from helpers.checks import fresh_to
from helpers.i18n.chrome import N_, pN_
from helpers.layouts import LAYOUTS
from helpers.paths import SAFE_NAME

DOWNLOADS = (("PNG", "png"), ("SVG", "svg"), ("PDF", "pdf"), (N_("CSV (the data's own values)"), "csv"),
             (N_("CSV in the figure's language"), "localized.csv"), ("Vega-Lite JSON", "vl.json"))
LAYOUT_ORDER = tuple(LAYOUTS)      # desktop first: the layout that stands for a figure
# The layouts' names as pages show them (pN_ marks them for `make translations`).
LAYOUT_NAMES = (pN_("layout", "desktop"), pN_("layout", "mobile"), pN_("layout", "social"))
REVIEW_FOLDER = "review"      # output/review/<code>.html: the reviewer's sheets (`make review-sheet`)
SAFE_CODE = re.compile(r"^[a-z]{2,3}(-[a-zA-Z0-9]{2,8})*$")


@dataclass
class Version:
    """One figure in one layout and language: an edition folder's figure."""

    edition: str
    folder: Path
    meta: dict

    @property
    def slug(self) -> str:
        return self.meta["figure"]

    @property
    def layout(self) -> str:
        return str(self.meta.get("layout") or "desktop")

    def file(self, extension: str) -> str | None:
        """The bundle file's name, if the edition published it."""
        name = f"{self.slug}.{extension}"
        return name if (self.folder / name).is_file() else None


@dataclass
class Figure:
    """A figure in one language, with its layouts."""

    slug: str
    language: str
    layouts: dict[str, Version] = field(default_factory=dict)
    stale: bool = False
    languages: list[str] = field(default_factory=list)   # every language this figure exists in

    @property
    def key(self) -> str:
        return f"{self.slug}-{self.language}"

    @property
    def main(self) -> Version:
        """The layout that stands for the figure: desktop if there is one."""
        for name in LAYOUT_ORDER:
            if name in self.layouts:
                return self.layouts[name]
        return next(iter(self.layouts.values()))

    @property
    def meta(self) -> dict:
        return self.main.meta

    def ordered_layouts(self) -> list[Version]:
        return sorted(self.layouts.values(), key=lambda v: (LAYOUT_ORDER.index(v.layout)
                                                           if v.layout in LAYOUT_ORDER else 99, v.layout))

    @property
    def narrow(self) -> Version:
        return self.layouts.get("mobile", self.main)

    @property
    def wide(self) -> Version:
        return self.layouts.get("desktop", self.main)

    @property
    def social(self) -> Version | None:
        return self.layouts.get("social")


def language_name(code: str) -> str:
    try:
        from helpers.i18n.languages import LANGUAGES
    except ImportError:
        return code
    language = LANGUAGES.get(code)
    if language is None:
        return code
    return language.english_name if language.native_name == language.english_name \
        else f"{language.native_name} ({language.english_name})"


def published_editions(output: Path) -> list[str]:
    return sorted(name for name in manifest.read(output)["editions"]
                  if SAFE_NAME.match(name) and (output / name).is_dir())


def figures(output: Path, stale_after_days: int, today: dt.date | None = None) -> list[Figure]:
    """Every published figure, one per (figure, language), with its layouts."""
    today = today or dt.date.today()
    found: dict[tuple[str, str], Figure] = {}
    for edition in published_editions(output):
        folder = output / edition
        for meta in changes.read_metadata(folder):
            slug = str(meta.get("figure") or "")
            language = str(meta.get("language") or "en")
            if not SAFE_NAME.match(slug) or not SAFE_CODE.match(language):
                continue   # a name that cannot become a file name in the site is left out
            figure = found.setdefault((slug, language), Figure(slug, language))
            version = Version(edition, folder, meta)
            figure.layouts.setdefault(version.layout, version)
            figure.stale = figure.stale or freshness.is_stale(fresh_to(meta), stale_after_days, today)
    by_slug: dict[str, list[str]] = {}
    for slug, language in found:
        by_slug.setdefault(slug, []).append(language)
    for figure in found.values():
        figure.languages = sorted(by_slug[figure.slug], key=lambda c: (c != "en", c))
    return sorted(found.values(), key=lambda f: (stories.place(f.slug), f.language != "en", f.language))


def claims(output: Path) -> list[dict]:
    """The claims ledger's rows (claim_id, claim, verdict, publish), from the ledger story's published table."""
    rows = [{"edition": edition, **row} for edition in published_editions(output)
            for row in changes.claim_rows(output / edition)]
    seen, unique = set(), []
    for row in rows:
        if row["claim_id"] not in seen:
            seen.add(row["claim_id"])
            unique.append(row)
    return unique


def sources(version: Version) -> list[dict]:
    """The figure's sources: its metadata's list, else the publishers and URLs in its get-the-data CSV."""
    listed = version.meta.get("sources")
    if isinstance(listed, list) and listed:
        return [{"publisher": str(s.get("publisher") or s.get("url") or ""), "url": _web_url(s.get("url"))}
                for s in listed if isinstance(s, dict)]
    found, seen = [], set()
    csv_name = version.file("csv")
    if csv_name:
        columns, table = changes.read_csv(version.folder / csv_name)
        if "source_url" in columns:
            for row in table:
                pair = (row.get("source_publisher") or "", row.get("source_url") or "")
                if pair[1] and pair not in seen:
                    seen.add(pair)
                    found.append({"publisher": pair[0] or pair[1], "url": _web_url(pair[1])})
    return found


def _web_url(url) -> str | None:
    """Only http(s) links are made clickable (never javascript: or data:)."""
    return url if isinstance(url, str) and re.match(r"^https?://", url) else None


def downloads(env) -> list[tuple[str, str]]:
    """The download links' labels in the page's language (format names stay as they are)."""
    translate = env.globals["gettext"]
    return [(translate(label) if label.startswith("CSV ") else label, extension) for label, extension in DOWNLOADS]


def index_name(code: str) -> str:
    """index.html lists every figure; index-<code>.html a language's figures, in that language."""
    return "index.html" if code == "en" else f"index-{code}.html"


def review_sheets(output: Path) -> list[str]:
    """The languages whose reviewer's sheet `make review-sheet` has written into output/review/."""
    folder = Path(output) / REVIEW_FOLDER
    return sorted(path.stem for path in folder.glob("*.html") if SAFE_CODE.match(path.stem)) if folder.is_dir() else []


def day(value) -> str:
    """2026-03-19 -> 19 March 2026 (the site's own words are English)."""
    try:
        date = dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value or "")
    return f"{date.day} {date:%B %Y}"
