"""What an edition is made from, declared rather than discovered (Our World in Data's `dag.yml`):
the files its output depends on, and only those. helpers.manifest records their hashes; an
edition whose inputs hash as when it was published is up to date.

An edition's inputs are:
- data/datapackage.json and the files of its story's datasets (helpers.stories);
- in a translated edition, its language's catalog (locale/<code>/LC_MESSAGES/desk.po) and the
  files of the datasets its labels come from (data/label_translations.csv, data/people.csv);
- its notebook;
- the code that renders it: every helpers module its notebook imports, followed through those
  modules' own imports (read with Python's parser: nothing is run), the module that writes the
  published notebook (helpers.render.executed), and the shipped fonts;
- requirements/render.txt, the pinned render environment;
- its entry in renders.yml.
The site's inputs are the same kind of code closure from helpers.site plus its templates and
stylesheet: a change there rebuilds the site and re-renders no edition. Reporter tools
(helpers.new_release) and the site's code are no edition's input.
"""

from __future__ import annotations

import ast
import functools
import json
from pathlib import Path

from helpers import stories
from helpers.manifest import combined, sha256_file, sha256_text

DEPENDENCY_LOCK = "requirements/render.txt"    # the pinned render environment
DATAPACKAGE = "data/datapackage.json"
PLAN_ENTRY = "renders.yml entry"
PUBLISHING_CODE = ("src/helpers/render/executed.py",)  # writes the published notebook (imports no helpers)
FONTS = "src/helpers/fonts"
SITE = "helpers.site"


# ------------------------------------------------------------------ code: a closure of imports

def _module_file(src: Path, name: str) -> Path | None:
    """helpers.a.b -> src/helpers/a/b.py or src/helpers/a/b/__init__.py (None: not a module)."""
    base = src.joinpath(*name.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _statements(nodes):
    """Every statement, nested ones too (an import is always a statement: expressions need no visit)."""
    for node in nodes:
        yield node
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            yield from _statements(getattr(node, field, None) or ())


def _imports(source: str, src: Path, package: str) -> set[str]:
    """The helpers modules a source imports, anywhere in it (imports inside functions too)."""
    found = set()
    for node in _statements(ast.parse(source).body):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == "helpers"}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:     # relative: from the importing package
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            if base.split(".")[0] != "helpers":
                continue
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names if _module_file(src, f"{base}.{alias.name}")}
    return found


@functools.lru_cache(maxsize=256)
def _module_imports(path: Path, stamp: int, src: Path, package: str) -> frozenset[str]:
    return frozenset(_imports(path.read_text(encoding="utf-8"), src, package))


def code_closure(src: Path, roots: set[str]) -> list[Path]:
    """The files of the modules `roots` and everything they import from helpers, with their packages."""
    seen: set[str] = set()
    pending = list(roots)
    while pending:
        name = pending.pop()
        parts = name.split(".")
        for cut in range(1, len(parts) + 1):       # importing a.b.c imports a and a.b first
            module = ".".join(parts[:cut])
            path = _module_file(src, module)
            if module in seen or path is None:
                continue
            seen.add(module)
            package = module if path.name == "__init__.py" else module.rpartition(".")[0]
            pending.extend(_module_imports(path, path.stat().st_mtime_ns, src, package) - seen)
    return sorted(_module_file(src, name) for name in seen)


def notebook_source(path: Path) -> str:
    """The code cells of a notebook, without IPython's magics and shell lines."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    lines = [line for cell in cells if cell.get("cell_type") == "code"
             for line in "".join(cell.get("source", "")).splitlines() if not line.lstrip().startswith(("%", "!"))]
    return "\n".join(lines)


def _files_under(root: Path, folder: str) -> list[str]:
    base = root / folder
    return sorted(p.relative_to(root).as_posix() for p in base.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts) if base.is_dir() else []


def code_files(root: Path, notebook: str) -> list[str]:
    """The code an edition of this notebook is rendered by (see the module's docstring)."""
    src = root / "src"
    closure = code_closure(src, _imports(notebook_source(root / notebook), src, ""))
    return [p.relative_to(root).as_posix() for p in closure] + list(PUBLISHING_CODE) + _files_under(root, FONTS)


def site_files(root: Path) -> list[str]:
    """The site's code, templates and stylesheet, and the fonts it draws 1x PNGs with."""
    code = [p.relative_to(root).as_posix() for p in code_closure(root / "src", {SITE})]
    site_folder = "src/" + SITE.replace(".", "/")
    return sorted(set(code) | {p for p in _files_under(root, site_folder) if not p.endswith(".py")}
                  | set(_files_under(root, FONTS)))


# ------------------------------------------------------------------ an edition's inputs

def data_file(root: Path, dataset: str) -> str:
    from helpers.data import resource

    return f"data/{resource(dataset, root / 'data')['path']}"


def label_datasets() -> tuple[str, ...]:
    """The datasets a translated figure's labels come from: the translations, and people's names."""
    from helpers.i18n import labels

    return labels.RESOURCE, labels.PEOPLE


def edition_files(root: Path, edition, code: list[str] | None = None) -> list[str]:
    """Every file an edition is made from (its plan entry aside), as paths relative to the project;
    `code`: its notebook's code_files, when already known."""
    from helpers.i18n.catalogs import po_path
    from helpers.i18n.languages import language

    story = stories.story(edition.story)
    datasets = set(story.datasets)
    code = code if code is not None else code_files(root, edition.notebook)
    files = {DATAPACKAGE, edition.notebook, DEPENDENCY_LOCK, *code}
    lang = language(edition.language)
    if not lang.is_source:
        datasets |= set(label_datasets())
        files.add(po_path(lang, root / "locale").relative_to(root).as_posix())
    files |= {data_file(root, name) for name in datasets}
    return sorted(files)


def plan_entry(edition) -> dict:
    return {"notebook": edition.notebook, "parameters": edition.parameters,
            "timeout_minutes": edition.timeout_minutes}


class Inputs:
    """Every input of every planned edition and of the site, hashed once before anything runs:
    what an edition is recorded as made from is what existed when the render started."""

    def __init__(self, root: Path, editions: list):
        code = {notebook: code_files(root, notebook) for notebook in {edition.notebook for edition in editions}}
        self.files = {edition.name: edition_files(root, edition, code[edition.notebook]) for edition in editions}
        self.entries = {edition.name: plan_entry(edition) for edition in editions}
        self.site = site_files(root)
        wanted = {path for paths in self.files.values() for path in paths} | set(self.site)
        self.hashes = {path: sha256_file(root / path) if (root / path).is_file() else "missing"
                       for path in sorted(wanted)}

    def of(self, name: str) -> dict[str, str]:
        """An edition's inputs: each file's SHA-256, and its plan entry's."""
        hashes = {path: self.hashes[path] for path in self.files[name]}
        hashes[PLAN_ENTRY] = sha256_text(json.dumps(self.entries[name], sort_keys=True, default=str))
        return hashes

    def of_site(self) -> dict[str, str]:
        return {path: self.hashes[path] for path in self.site}


def changed(recorded: dict, now: dict[str, str]) -> list[str]:
    """The inputs whose hash differs from what was recorded (added and removed ones too)."""
    before = recorded.get("inputs") or {}
    return sorted(k for k in set(now) | set(before) if before.get(k) != now.get(k))
