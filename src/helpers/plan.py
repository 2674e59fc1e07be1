"""The render plan, renders.yml: named editions, each a story's notebook plus its parameters.

Reading the plan checks the YAML itself, the `defaults:` keys, each edition's keys, that its
notebook is a story's (helpers.stories) and that its name starts with the story's slug;
`check_parameters` then checks an edition's parameters against the notebook's declared
parameters (helpers.params). Every problem is a PlanError that names the edition (or the
key) and what was expected, with a "did you mean" for a misspelt key.

Languages are named once: `defaults: languages: [en, be, ...]` (an edition may narrow
them with its own `languages:`). An edition whose notebook has a `language` parameter
becomes one edition per language, named `<name>-<code>` (cumulative-releases-desktop-be), with
`language` among its parameters. An edition that sets `language:` in its parameters stays
one edition with the name written; one whose notebook has no `language` parameter (the
English-only claims ledger) keeps its name too.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from helpers import paths, stories
from helpers.paths import SAFE_NAME
from helpers.errors import DeskError, ParameterError

PLAN_FILE = "renders.yml"
EDITION_KEYS = {"notebook", "parameters", "timeout_minutes", "description", "languages"}
LANGUAGE_PARAMETER = "language"
RUNNER_PARAMETERS = {"output_dir"}   # set by the runner, never by the plan
DEFAULT_TIMEOUT_MINUTES = 5.0
DEFAULT_STALE_AFTER_DAYS = 45


class PlanError(DeskError):
    """renders.yml is malformed or asks for something impossible."""


@dataclass(frozen=True)
class Edition:
    name: str
    notebook: str                      # path relative to the project root
    parameters: dict = field(default_factory=dict)   # as written in the plan
    timeout_minutes: float = DEFAULT_TIMEOUT_MINUTES
    description: str = ""
    story: str = ""                    # its story's short name (helpers.stories)

    @property
    def language(self) -> str:
        """The edition's language code ("en" for a notebook without a language parameter)."""
        return language_of(self.parameters)


def language_of(parameters: dict) -> str:
    """The language an edition with these parameters is in ("en" when it has no language parameter)."""
    from helpers.i18n.languages import SOURCE_LANGUAGE

    return str(parameters.get(LANGUAGE_PARAMETER, SOURCE_LANGUAGE))


def _safe_edition_name(name) -> str:
    if not isinstance(name, str) or not SAFE_NAME.match(name):
        raise PlanError(f"{PLAN_FILE}: edition name {name!r} is not allowed (expected lower-case letters, "
                        "digits, '-' or '_'; no '/', '..' or absolute path, since it names an output folder)")
    return name


def _loader():
    """YAML's safe loader, but dates stay text: the parameter check then names a bad date."""
    import yaml

    class PlanLoader(yaml.SafeLoader):
        def construct_mapping(self, node, deep=False):
            keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
            for key in keys:
                if keys.count(key) > 1:
                    raise PlanError(f"{PLAN_FILE} line {node.start_mark.line + 1}: {key!r} appears twice "
                                    "(expected each edition and key once)")
            return super().construct_mapping(node, deep=deep)

    PlanLoader.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    return PlanLoader


def _read_yaml(path: Path) -> object:
    import yaml

    if not path.is_file():
        raise PlanError(f"{PLAN_FILE} is missing (expected it at {path})")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PlanError(f"{PLAN_FILE} is not UTF-8 text; save it as UTF-8") from None
    try:
        return yaml.load(text, Loader=_loader())
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or "not valid YAML"
        raise PlanError(f"{PLAN_FILE}{where}: {problem} (expected valid YAML; check indentation and colons)") \
            from None


@dataclass(frozen=True)
class Defaults:
    """renders.yml `defaults:`, checked like an edition's keys: a misspelt key is an error, never
    ignored (`langauges:` would otherwise shrink the plan and unpublish most of the site)."""

    timeout_minutes: float = DEFAULT_TIMEOUT_MINUTES   # an edition running longer is stopped
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS   # a figure whose newest row is older is "stale"
    languages: list[str] | None = None                 # every story edition in each (see the docstring)
    site_url: str | None = None                        # where the site is published (absolute links)


DEFAULT_KEYS = tuple(f.name for f in fields(Defaults))


def _unknown_key(key, known, where: str, what: str = "key") -> PlanError:
    hint = difflib.get_close_matches(str(key), list(known), n=1)
    return PlanError(f"{where}: unknown {what} {key!r} (expected: {', '.join(sorted(known))})"
                     + (f"; did you mean {hint[0]!r}?" if hint else ""))


def _defaults(document) -> Defaults:
    where = f"{PLAN_FILE}, defaults"
    values = (document.get("defaults") or {}) if isinstance(document, dict) else {}
    if not isinstance(values, dict):
        raise PlanError(f"{PLAN_FILE}: 'defaults' must be a mapping (e.g. timeout_minutes: 5)")
    for key in values:
        if key not in DEFAULT_KEYS:
            raise _unknown_key(key, DEFAULT_KEYS, where)
    checked = Defaults()
    timeout = values.get("timeout_minutes", checked.timeout_minutes)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
        raise PlanError(f"{where}: timeout_minutes {timeout!r} is not a positive number of minutes")
    stale = values.get("stale_after_days", checked.stale_after_days)
    if isinstance(stale, bool) or not isinstance(stale, int) or stale < 1:
        raise PlanError(f"{where}: stale_after_days {stale!r} is not a whole number of days "
                        "(expected e.g. stale_after_days: 45)")
    return Defaults(float(timeout), stale, _languages(values.get("languages"), where),
                    _site_url(values.get("site_url"), where))


def _site_url(value, where: str) -> str | None:
    """`site_url`: the published site's address (e.g. the GitHub Pages URL), ending in '/'; None when
    it is not set (the site's links then stay relative)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not value.startswith(("https://", "http://")) or any(c.isspace() for c in value):
        raise PlanError(f"{where}: site_url {value!r} is not a web address (expected the published "
                        "site's address, e.g. site_url: https://<owner>.github.io/<repository>/)")
    return value if value.endswith("/") else value + "/"


def plan_defaults(root: Path | None = None) -> Defaults:
    """renders.yml's `defaults:`, checked."""
    return _defaults(_read_yaml(Path(root or paths.project_root()) / PLAN_FILE))


def stale_after_days(root: Path | None = None) -> int:
    """renders.yml `defaults: stale_after_days:`: data older than this is reported stale."""
    return plan_defaults(root).stale_after_days


def site_url(root: Path | None = None) -> str | None:
    """renders.yml `defaults: site_url:`, ending in '/'; None when it is not set."""
    return plan_defaults(root).site_url


def load_plan(root: Path | None = None) -> list[Edition]:
    """Read and structurally check renders.yml (parameters are checked by check_parameters)."""
    root = Path(root or paths.project_root())
    document = _read_yaml(root / PLAN_FILE)
    if not isinstance(document, dict) or not isinstance(document.get("editions"), dict) \
            or not document["editions"]:
        raise PlanError(f"{PLAN_FILE}: expected a mapping with an 'editions:' section naming at least one edition")
    for key in document:
        if key not in ("editions", "defaults"):
            raise _unknown_key(key, ("editions", "defaults"), PLAN_FILE, "top-level key")
    defaults = _defaults(document)
    editions: list[Edition] = []
    for name, body in document["editions"].items():
        editions.extend(_expanded(_edition(_safe_edition_name(name), body, defaults, root), body,
                                  defaults.languages, root))
    seen: set[str] = set()
    for edition in editions:
        if edition.name in seen:
            raise PlanError(f"{PLAN_FILE}: edition name {edition.name} appears twice once languages are added "
                            "(rename the edition written as that name)")
        seen.add(edition.name)
    return editions


def _languages(value, where: str) -> list[str] | None:
    """A `languages:` list, checked against the language registry (helpers/i18n/languages.py)."""
    if value is None:
        return None
    from helpers.i18n.languages import LANGUAGES

    if not isinstance(value, list) or not value or not all(isinstance(code, str) for code in value):
        raise PlanError(f"{where}: languages must be a list of language codes (expected e.g. [en, be, ru])")
    for code in value:
        if code not in LANGUAGES:
            raise PlanError(f"{where}: language {code!r} is not one of the desk's languages "
                            f"(expected some of: {', '.join(LANGUAGES)})")
    if len(set(value)) != len(value):
        raise PlanError(f"{where}: a language appears twice in languages")
    return list(value)


def _expanded(edition: Edition, body: dict, default_languages: list[str] | None, root: Path) -> list[Edition]:
    """One edition per language, or the edition as written (see the module's docstring)."""
    from helpers.i18n.languages import SOURCE_LANGUAGE
    from helpers.parameters_cell import declared_parameters

    where = f"{PLAN_FILE}, edition {edition.name}"
    own = _languages(body.get("languages"), where)
    try:
        speaks = LANGUAGE_PARAMETER in declared_parameters(root / edition.notebook)
    except ParameterError as err:
        raise PlanError(f"{where}: {err}") from None
    if LANGUAGE_PARAMETER in edition.parameters:
        if own is not None:
            raise PlanError(f"{where}: set either languages (one edition each) or parameters: language (one "
                            "edition), not both")
        return [edition]
    if not speaks:
        if own is not None and own != [SOURCE_LANGUAGE]:
            raise PlanError(f"{where}: {edition.notebook} has no language parameter, so it cannot be rendered in "
                            f"{', '.join(own)} (remove languages, or add the parameter to the notebook)")
        return [edition]
    codes = own if own is not None else default_languages
    if codes is None:
        return [edition]
    return [replace(edition, name=f"{edition.name}-{code}",
                    parameters={**edition.parameters, LANGUAGE_PARAMETER: code}) for code in codes]


def _edition(name: str, body, defaults: Defaults, root: Path) -> Edition:
    where = f"{PLAN_FILE}, edition {name}"
    if not isinstance(body, dict):
        raise PlanError(f"{where}: expected a mapping with at least a 'notebook:' key")
    for key in body:
        if key not in EDITION_KEYS:
            raise _unknown_key(key, EDITION_KEYS, where)
    notebook = body.get("notebook")
    if not isinstance(notebook, str) or not notebook.strip():
        raise PlanError(f"{where}: has no notebook (expected e.g. notebook: notebooks/01_cumulative_releases.ipynb)")
    path = (root / notebook).resolve()
    if not path.is_relative_to(root.resolve() / "notebooks") or path.suffix != ".ipynb":
        raise PlanError(f"{where}: notebook {notebook!r} must be an .ipynb file inside notebooks/")
    if not path.is_file():
        raise PlanError(f"{where}: notebook {notebook} does not exist")
    story = stories.by_notebook(path.relative_to(root.resolve()).as_posix())
    if story is None:
        raise PlanError(f"{where}: notebook {notebook} is no story's notebook (expected one of: "
                        f"{', '.join(s.notebook for s in stories.STORIES)}; a new story is declared in "
                        "src/helpers/stories.py)")
    if not story.names_edition(name):
        raise PlanError(f"{where}: an edition of {story.notebook} is named after its story (expected a name "
                        f"starting {story.slug}-, e.g. {story.slug}-{story.layouts[0]})")
    parameters = body.get("parameters") or {}
    if not isinstance(parameters, dict):
        raise PlanError(f"{where}: parameters must be a mapping of name: value")
    timeout = body.get("timeout_minutes", defaults.timeout_minutes)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
        raise PlanError(f"{where}: timeout_minutes {timeout!r} is not a positive number of minutes")
    return Edition(name, story.notebook, dict(parameters), float(timeout), str(body.get("description", "")),
                   story.short_name)


def check_parameters(edition: Edition, root: Path | None = None) -> dict:
    """The edition's parameters, coerced against its notebook's declaration."""
    from helpers import params

    root = Path(root or paths.project_root())
    for name in RUNNER_PARAMETERS & set(edition.parameters):
        raise PlanError(f"{PLAN_FILE}, edition {edition.name}: parameter {name} is set by the render runner "
                        "(remove it from the plan)")
    try:
        values = params.check_values(edition.parameters, root / edition.notebook)
    except ParameterError as err:
        raise PlanError(f"{PLAN_FILE}, edition {edition.name}: {err}") from None
    for name in RUNNER_PARAMETERS & set(values):
        values.pop(name)
    return values
