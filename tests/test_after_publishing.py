"""Errors after publishing: the editions are published, so a failure there undoes nothing, but it is
said and counted (audit section 5). A site build that fails keeps the previous output/site/, says so,
and is not recorded as built (so the next render rebuilds it); a review that fails makes the render
exit 1. In-process, no kernels."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from helpers import manifest, site
from helpers.render import EXIT_FAILED, review


class Log:
    def __init__(self):
        self.lines = []

    def line(self, text: str) -> None:
        self.lines.append(text)


def broken_build(*args, **kwargs):
    raise OSError("disk quota exceeded while writing index.html")


def test_a_site_build_that_fails_keeps_the_last_site_and_says_how_to_retry(tmp_path, monkeypatch):
    from helpers.site import build

    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<p>the last good site</p>\n", encoding="utf-8")
    monkeypatch.setattr(build, "build", broken_build)
    log = Log()
    assert site.rebuild(tmp_path, log, site_url="https://example.org/desk/") is False
    assert log.lines == ["site not rebuilt: OSError: disk quota exceeded while writing index.html (the previous "
                         "output/site/ is kept; run `make site` to retry)"]
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "<p>the last good site</p>\n"


def published_batch(tmp_path):
    """One edition ready to publish into an empty output/, and the runner's state for it."""
    output = tmp_path / "output"
    staged = output / ".staging" / "run" / "probe-a"
    staged.mkdir(parents=True)
    (staged / "figure.txt").write_text("a figure\n", encoding="utf-8")
    entry = {"status": "ok", "parameters": {"language": "en"}, "outputs": manifest.output_hashes(staged),
             "duration_seconds": 1.0}
    state = SimpleNamespace(output=output, reporter=Log(), run_id="run", document={"editions": {}}, published=[],
                            previous=None, site_url=None, inputs=None)
    args = SimpleNamespace(shard=None, fail_when_stale=False)
    return state, [("probe-a", staged, entry)], args


def test_a_failed_site_build_publishes_the_editions_but_records_no_site(tmp_path, monkeypatch):
    from helpers.site import build

    monkeypatch.setattr(build, "build", broken_build)
    state, batch, args = published_batch(tmp_path)
    assert review.publish_and_review(state, batch, [], args, stale_days=45) == 0
    assert (state.output / "probe-a" / "figure.txt").read_text(encoding="utf-8") == "a figure\n"
    recorded = manifest.read(state.output)
    assert "probe-a" in recorded["editions"] and "site" not in recorded      # the next render rebuilds it
    assert any(line.startswith("site not rebuilt: OSError: disk quota exceeded") for line in state.reporter.lines)


def test_a_review_that_fails_after_publishing_exits_1_and_keeps_what_was_published(tmp_path, monkeypatch, capsys):
    def broken_review(*args, **kwargs):
        raise ValueError("CHANGES.md could not be compared")

    monkeypatch.setattr(review, "review_published", broken_review)
    state, batch, args = published_batch(tmp_path)
    assert review.publish_and_review(state, batch, [], args, stale_days=45) == EXIT_FAILED
    assert ("render published, but the review after publishing failed: ValueError: CHANGES.md could not be "
            "compared") in capsys.readouterr().err
    assert (state.output / "probe-a" / "figure.txt").read_text(encoding="utf-8") == "a figure\n"
    recorded = manifest.read(state.output)
    assert recorded["review"] == {"error": "ValueError: CHANGES.md could not be compared"}
    assert recorded["editions"]["probe-a"]["status"] == "ok"


@pytest.mark.parametrize("stale, status", [([], 0), ([{"figure": "prisoners-held", "edition": "p", "data_to": "2026-03-19"}], 1)])
def test_fail_when_stale_turns_a_stale_review_into_exit_1(tmp_path, monkeypatch, capsys, stale, status):
    monkeypatch.setattr(review, "review_published", lambda *a, **k: {"stale": stale, "site_rebuilt": False})
    state, batch, args = published_batch(tmp_path)
    args.fail_when_stale = True
    assert review.publish_and_review(state, batch, [], args, stale_days=45) == status
    said = capsys.readouterr().err
    assert ("render published, but the data of 1 figure(s) is stale: prisoners-held (--fail-when-stale)" in said) == bool(stale)
