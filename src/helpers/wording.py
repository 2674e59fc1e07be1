"""How a text changed, said in a line an editor reads: the alt text's sentences that changed
('old → new', added, removed), and for a long text only the changed words with a few words of
context around them (helpers.changes uses these for titles, alt texts and table cells)."""

from __future__ import annotations

import difflib
import re

SHORT_TEXT = 120                     # longer texts are shown as the changed words in context
CONTEXT_WORDS = 3


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s.strip()]


def sentence_changes(old: str, new: str) -> list[str]:
    """The alt text's sentences that changed, as 'old → new' (or added/removed)."""
    before, after = sentences(old), sentences(new)
    gone = [s for s in before if s not in after]
    came = [s for s in after if s not in before]
    lines = [compact(a, b, quote=True) for a, b in zip(gone, came)]
    lines += [f"removed “{s}”" for s in gone[len(came):]]
    lines += [f"added “{s}”" for s in came[len(gone):]]
    return lines


def compact(old: str, new: str, quote: bool = False) -> str:
    """'old → new' for short texts; for long ones only the changed words, with a few words of context."""
    q = (lambda t: f"“{t}”") if quote else (lambda t: t)  # noqa: E731
    if len(old) <= SHORT_TEXT and len(new) <= SHORT_TEXT:
        return f"{q(old or '(empty)')} → {q(new or '(empty)')}"
    a, b = old.split(), new.split()
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        before = " ".join(a[max(0, i1 - CONTEXT_WORDS):i1])
        after = " ".join(a[i2:i2 + CONTEXT_WORDS])
        lead = f"…{before} " if before else ""
        tail = f" {after}…" if after else ""
        parts.append(f"{q(lead + ' '.join(a[i1:i2]) + tail)} → {q(lead + ' '.join(b[j1:j2]) + tail)}")
    return "; ".join(parts) or f"{q(old)} → {q(new)}"
