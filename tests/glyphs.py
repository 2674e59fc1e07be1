"""Which characters of a text the house font cannot draw (fontTools), for the output tests.

    from glyphs import missing_glyphs
    assert not missing_glyphs(svg_text), "characters the embedded font lacks"

Every face of the house font (Lato Regular and Bold, src/helpers/fonts/) must have the
character; whitespace and control characters that are never drawn are ignored.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

from fontTools.ttLib import TTFont

from helpers.paths import FONT_DIR

# Never drawn as glyphs: line breaks, tabs, and format characters such as the BOM.
NOT_DRAWN = {"\n", "\r", "\t"}


@functools.cache
def font_faces(folder: Path = FONT_DIR) -> dict[str, frozenset[int]]:
    """Each shipped TTF's name -> the code points its character map covers."""
    faces = {}
    for path in sorted(folder.glob("*.ttf")):
        with TTFont(path, lazy=True) as font:
            faces[path.name] = frozenset(font.getBestCmap())
    if not faces:
        raise FileNotFoundError(f"no .ttf font in {folder}")
    return faces


def missing_glyphs(text: str, folder: Path = FONT_DIR) -> set[str]:
    """The characters of `text` that at least one face of the house font lacks."""
    wanted = {c for c in set(text) if c not in NOT_DRAWN and unicodedata.category(c) != "Cf"}
    missing = set()
    for covered in font_faces(folder).values():
        missing |= {c for c in wanted if ord(c) not in covered}
    return missing
