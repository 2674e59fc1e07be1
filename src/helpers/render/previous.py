"""The previous publication (`--previous PATH_OR_URL`): a built site, as a folder or at the deployed
site's address, taken as what is published now.

It is read once, at the start of a render (like the data), through the manifest it carries
(helpers.site.build writes it: manifest.json, files/<edition>/… for every edition, changes.json and
changes-history.json). Every file the manifest lists is fetched and checked against its SHA-256;
then the editions are published into the output folder (replacing local ones of the same name) with
the latest change review and the history. From there the render goes on as usual: an edition whose
inputs are unchanged is up to date and skipped, a re-rendered one is compared with the version it
replaces (CHANGES.md), and the history grows. Nothing else in the runner knows where it came from.

A missing or damaged publication (no manifest, a manifest that is not valid JSON, a file missing or
not matching its hash) is said in one sentence and not used: every edition is rendered. Addresses
are read with the standard library (urllib), each request with a timeout.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import shutil
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from helpers import changes, history, manifest
from helpers.paths import SAFE_NAME
from helpers.render import STAGING

TIMEOUT_SECONDS = 30          # per request to the deployed site
ATTEMPTS, RETRY_PAUSE_SECONDS = 3, 5     # a timeout or a server error (HTTP 5xx) is tried again
DOWNLOADS_AT_ONCE = 8
HEX64 = frozenset("0123456789abcdef")


class Unusable(Exception):
    """The previous publication cannot be used; the message says why, as the end of a sentence."""


@dataclass
class Previous:
    source: str
    folder: Path                 # output-like: manifest.json and one folder per edition, checked
    document: dict               # its manifest
    history_problem: str | None = None


class Reader:
    """Files of a built site, by their path inside it: from a folder, or over http(s)."""

    def __init__(self, source: str):
        self.source = source
        self.remote = source.startswith(("https://", "http://"))
        self.base = source if source.endswith("/") or not self.remote else source + "/"

    def where(self, relative: str) -> str:
        if self.remote:
            return urllib.parse.urljoin(self.base, urllib.parse.quote(relative))
        return str(Path(self.source) / relative)

    def read(self, relative: str) -> bytes | None:
        """The file's bytes; None when the site has no such file; Unusable when it cannot be read."""
        if not self.remote:
            path = Path(self.source) / relative
            try:
                return path.read_bytes() if path.is_file() else None
            except OSError as err:
                raise Unusable(f"{path} could not be read ({err.strerror})") from None
        request = urllib.request.Request(self.where(relative), headers={"Cache-Control": "no-cache"})
        for attempt in range(1, ATTEMPTS + 1):
            try:
                with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                    return response.read()
            except urllib.error.HTTPError as err:
                if err.code in (404, 410):
                    return None
                problem = f"{self.where(relative)} answered HTTP {err.code} ({err.reason})"
                passing = err.code >= 500
            except (urllib.error.URLError, TimeoutError, OSError) as err:
                reason = getattr(err, "reason", None) or err
                problem = f"{self.where(relative)} could not be read ({reason})"
                passing = isinstance(reason, TimeoutError)
            if not passing or attempt == ATTEMPTS:
                raise Unusable(problem)
            time.sleep(RETRY_PAUSE_SECONDS * attempt)      # a busy server or a passing fault: try again
        raise AssertionError("unreachable")


def _checked_entry(name, entry) -> dict[str, str]:
    """The edition's listed files, each a safe path inside its folder with a SHA-256."""
    outputs = entry.get("outputs") if isinstance(entry, dict) else None
    if not isinstance(name, str) or not SAFE_NAME.match(name) or not isinstance(outputs, dict) or not outputs:
        raise Unusable(f"its manifest lists edition {name!r} without files (expected a name and its outputs)")
    for relative, digest in outputs.items():
        parts = PurePosixPath(relative).parts if isinstance(relative, str) else ()
        if not parts or relative.startswith("/") or ".." in parts or "\\" in relative or \
                not (isinstance(digest, str) and len(digest) == 64 and set(digest) <= HEX64):
            raise Unusable(f"its manifest lists a file {relative!r} of edition {name} that cannot be checked")
    return outputs


def load(source: str, into: Path, names: set[str] | None = None) -> Previous:
    """Read the publication at `source` into the folder `into` (every listed file checked against its
    hash); only the editions in `names` when given (a shard's share). Unusable says what is wrong."""
    from helpers.site.build import FILES

    reader = Reader(source)
    raw = reader.read(manifest.MANIFEST)
    if raw is None:
        raise Unusable(f"{reader.where(manifest.MANIFEST)} does not exist")
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise Unusable(f"{reader.where(manifest.MANIFEST)} is not valid JSON ({err})") from None
    if not isinstance(document, dict) or not isinstance(document.get("editions"), dict) or document.get("shard"):
        raise Unusable(f"{reader.where(manifest.MANIFEST)} is not a published site's manifest (expected "
                       '{"editions": {…}})')
    editions = {name: entry for name, entry in document["editions"].items() if names is None or name in names}
    wanted = [(name, relative, digest) for name, entry in editions.items()
              for relative, digest in _checked_entry(name, entry).items()]

    def fetch(item: tuple[str, str, str]) -> None:
        name, relative, digest = item
        where = f"{FILES}/{name}/{relative}"
        data = reader.read(where)
        if data is None:
            raise Unusable(f"{reader.where(where)} is missing")
        if hashlib.sha256(data).hexdigest() != digest:
            raise Unusable(f"{reader.where(where)} does not match its SHA-256 in the manifest")
        target = into / name / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    into.mkdir(parents=True, exist_ok=True)
    pool = ThreadPoolExecutor(DOWNLOADS_AT_ONCE if reader.remote else 1)
    try:
        for done in as_completed([pool.submit(fetch, item) for item in wanted]):
            done.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)    # on the first problem, the rest is not fetched
    document = {**document, "editions": editions}
    manifest.write(into, document)
    latest = reader.read(changes.CHANGES_JSON)
    if latest is not None:
        (into / changes.CHANGES_JSON).write_bytes(latest)
    problem = None
    kept = reader.read(history.HISTORY)
    if kept is not None:
        try:
            history.parse(kept.decode("utf-8", errors="replace"))
            (into / history.HISTORY).write_bytes(kept)
        except history.HistoryDamaged as err:
            problem = (f"warning: the previous publication's changes history ({reader.where(history.HISTORY)}) "
                       f"could not be read ({err}), so the history starts again with this render")
    return Previous(source, into, document, problem)


def deployed(argument: str, root: Path) -> str:
    """`--previous` with no value: the deployed site, at renders.yml's site_url."""
    if argument:
        return argument
    from helpers.plan import PLAN_FILE, site_url

    url = site_url(root)
    if not url:
        raise Unusable(f"{PLAN_FILE} sets no site_url under defaults:, so there is no deployed site to read")
    return url


def take(argument: str, state, names: set[str] | None = None, read_only: bool = False) -> Path:
    """Publish the previous publication into state.output as what is published now (only `names`
    when given), added to state.document. Returns the folder in which the render now finds the
    published editions: state.output, or with `read_only` (--list, --dry-run) the temporary folder
    the publication was read into, whose manifest becomes state.document. When it cannot be used,
    one sentence in the log says why, and every edition is rendered."""
    from helpers.render.checks import published_intact
    from helpers.render.publish import delete_replaced, publish_batch

    output, reporter = state.output, state.reporter
    source = None
    if read_only:
        into = Path(tempfile.mkdtemp(prefix="previous-publication-"))
        atexit.register(shutil.rmtree, into, True)
    else:
        into = output / STAGING / f"previous-{os.getpid()}"
        shutil.rmtree(into, ignore_errors=True)
    try:
        source = deployed(argument, state.root)
        reporter.line(f"reading the previous publication: {source}")
        previous = load(source, into, names)
    except Unusable as err:
        if read_only:
            shutil.rmtree(into, ignore_errors=True)
        else:
            _remove(into)
        reporter.line(f"previous publication not used: {err}; every edition is rendered.")
        state.document["editions"] = {}
        if not read_only and source:
            _keep_history(source, output)
        return output
    if previous.history_problem:
        reporter.line(previous.history_problem)
    reporter.line(f"previous publication: {len(previous.document['editions'])} edition(s) from {source}")
    if read_only:
        state.document = previous.document
        return into
    batch = [(name, into / name, entry) for name, entry in sorted(previous.document["editions"].items())
             if not (state.document["editions"].get(name) == entry and published_intact(output, name, entry))]
    if batch:
        _, obsolete = publish_batch(batch, [], output, f"previous-{os.getpid()}", state.document)
        delete_replaced(obsolete)
    for name in (changes.CHANGES_JSON, history.HISTORY):
        if (into / name).is_file():
            os.replace(into / name, output / name)
    _remove(into)
    state.previous = source
    return output


def _keep_history(source: str, output: Path) -> None:
    """When the editions cannot be taken, the changes history still goes on if it can be read
    (and output/ has none of its own)."""
    if (output / history.HISTORY).exists():
        return
    try:
        kept = Reader(source).read(history.HISTORY)
        if kept is not None:
            history.parse(kept.decode("utf-8", errors="replace"))
            (output / history.HISTORY).write_bytes(kept)
    except (Unusable, history.HistoryDamaged):
        pass


def _remove(into: Path) -> None:
    shutil.rmtree(into, ignore_errors=True)
    try:
        into.parent.rmdir()             # the staging folder too, unless a render is using it
    except OSError:
        pass
