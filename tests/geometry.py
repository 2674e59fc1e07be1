"""Collisions in a rendered figure, found from geometry rather than by eye.

vl-convert returns the scenegraph Vega draws (`vegalite_to_scenegraph`): every text item
with its position, alignment, baseline and font size, every rule and line with its
points. Text has no width there, so each string is measured with the shipped font's own
advance widths (fontTools). Two checks:
- no two text boxes overlap;
- no text box is crossed by a rule or a line drawn as a mark (axis grid lines aside).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import vl_convert as vlc
from fontTools.ttLib import TTFont

from helpers import theme
from helpers.paths import FONT_DIR

ASCENT, DESCENT = 0.8, 0.2     # of the font size, around the alphabetic baseline
TOLERANCE = 0.5                # px: boxes that merely touch do not collide


@functools.cache
def _font(bold: bool):
    font = TTFont(FONT_DIR / ("Lato-Bold.ttf" if bold else "Lato-Regular.ttf"))
    return font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm


def text_width(text: str, size: float, bold: bool = False) -> float:
    cmap, metrics, units = _font(bold)
    return sum(metrics[cmap[ord(c)]][0] if ord(c) in cmap else units * 0.6 for c in text) * size / units


@dataclass(frozen=True)
class Box:
    text: str
    role: str
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: "Box") -> bool:
        return (self.x0 < other.x1 - TOLERANCE and other.x0 < self.x1 - TOLERANCE
                and self.y0 < other.y1 - TOLERANCE and other.y0 < self.y1 - TOLERANCE)

    def crossed_by(self, a: tuple[float, float], b: tuple[float, float]) -> bool:
        """Does the segment a-b pass through the inside of this box (Liang-Barsky clipping)?"""
        x0, y0, x1, y1 = self.x0 + TOLERANCE, self.y0 + TOLERANCE, self.x1 - TOLERANCE, self.y1 - TOLERANCE
        dx, dy = b[0] - a[0], b[1] - a[1]
        low, high = 0.0, 1.0
        for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
            if p == 0:
                if q < 0:
                    return False
                continue
            t = q / p
            if p < 0:
                low = max(low, t)
            else:
                high = min(high, t)
            if low > high:
                return False
        return True


def _text_box(item: dict, role: str, ox: float, oy: float) -> Box | None:
    lines = item.get("text")
    lines = lines if isinstance(lines, list) else [lines]
    lines = [str(line) for line in lines if line not in (None, "")]
    if not lines or item.get("opacity", 1) == 0 or item.get("angle", 0):
        return None
    size = item.get("fontSize", 11)
    bold = str(item.get("fontWeight", "normal")) in ("bold", "700")
    width = max(text_width(line, size, bold) for line in lines)
    line_height = item.get("lineHeight", size)
    height = size + line_height * (len(lines) - 1)
    x = ox + item.get("x", 0) + item.get("dx", 0)
    y = oy + item.get("y", 0) + item.get("dy", 0)
    align = item.get("align", "left")
    left = x - width if align == "right" else x - width / 2 if align == "center" else x
    baseline = item.get("baseline", "alphabetic")
    top = {"top": y, "middle": y - size / 2, "bottom": y - size, "line-top": y,
           "line-bottom": y - line_height}.get(baseline, y - ASCENT * size)
    if baseline == "bottom" and len(lines) > 1:
        top = y - height
    return Box(" / ".join(lines), role, left, top, left + width, top + height)


def _segments(node: dict, ox: float, oy: float):
    """Rule and line segments drawn as marks, in figure coordinates."""
    items = node.get("items", [])
    if node.get("marktype") == "rule" and node.get("role") == "mark":
        for it in items:
            yield ((ox + it.get("x", 0), oy + it.get("y", 0)),
                   (ox + it.get("x2", it.get("x", 0)), oy + it.get("y2", it.get("y", 0))))
    if node.get("marktype") == "line" and node.get("role") == "mark":
        points = [(ox + it["x"], oy + it["y"]) for it in items if it.get("defined", True) and "x" in it]
        step = node.get("items") and node["items"][0].get("interpolate") == "step-after"
        for a, b in zip(points, points[1:]):
            if step:                             # step-after: across, then up
                corner = (b[0], a[1])
                yield a, corner
                yield corner, b
            else:
                yield a, b


def layout_of(spec: dict, **locale) -> tuple[list[Box], list]:
    """Every text box and every mark segment of a Vega-Lite spec, as drawn. `locale`:
    vl-convert's format_locale and time_format_locale (export.locale_options(figure))."""
    return _layout(scene(spec, **locale))


def scene(spec: dict, **locale) -> dict:
    """The scenegraph Vega draws for a spec (one vl-convert run): the checks below that take
    a scene (`*_in`) read it without running Vega again."""
    theme.use_house_style()
    return vlc.vegalite_to_scenegraph(spec, **locale)


def clipped(spec: dict, **locale) -> list[str]:
    """Text that runs past the figure's edges (it would be cut off in the PNG)."""
    return clipped_in(scene(spec, **locale))


def clipped_in(drawn: dict) -> list[str]:
    """`clipped`, on a scenegraph already drawn."""
    boxes, _ = _layout(drawn)
    return [f"text {box.text!r} ({box.role}) runs past the edge: x {box.x0:.0f} to {box.x1:.0f}, "
            f"y {box.y0:.0f} to {box.y1:.0f} in a {drawn['width']} x {drawn['height']} figure"
            for box in boxes if box.x0 < -TOLERANCE or box.y0 < -TOLERANCE
            or box.x1 > drawn["width"] + TOLERANCE or box.y1 > drawn["height"] + TOLERANCE]


def _layout(drawn: dict) -> tuple[list[Box], list]:
    boxes, segments = [], []

    def walk(node: dict, ox: float, oy: float, role: str) -> None:
        role = node.get("role", role)
        if node.get("marktype") == "text":
            for it in node.get("items", []):
                box = _text_box(it, role, ox, oy)
                if box:
                    boxes.append(box)
        segments.extend(_segments(node, ox, oy))
        for child in node.get("items", []):
            if isinstance(child, dict) and "items" in child:
                walk(child, ox + child.get("x", 0), oy + child.get("y", 0), role)

    origin = drawn.get("origin", [0, 0])
    walk(drawn["scenegraph"], origin[0], origin[1], "root")
    return boxes, segments


def collisions(spec: dict, **locale) -> list[str]:
    """Every overlap of two text boxes and every text crossed by a rule or line, in words."""
    return collisions_in(scene(spec, **locale))


def collisions_in(drawn: dict) -> list[str]:
    """`collisions`, on a scenegraph already drawn."""
    boxes, segments = _layout(drawn)
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a.overlaps(b):
                found.append(f"text {a.text!r} ({a.role}) overlaps {b.text!r} ({b.role})")
        for start, end in segments:
            if a.crossed_by(start, end):
                found.append(f"text {a.text!r} ({a.role}) is crossed by a line from "
                             f"({start[0]:.0f}, {start[1]:.0f}) to ({end[0]:.0f}, {end[1]:.0f})")
                break
    return found


# ---------------------------------------------------------------- ink: where the glyphs really are

BASELINE = {"top": 0.79, "middle": 0.30, "bottom": -0.21, "alphabetic": 0.0, "line-top": 0.80, "line-bottom": -0.22}


@functools.cache
def _glyph_heights(bold: bool):
    """Each character's highest and lowest ink point, in font units (accents above "Ź", "Š"
    reach 0.93 em; "g", "y" go 0.18 em below the baseline)."""
    from fontTools.pens.boundsPen import BoundsPen

    font = TTFont(FONT_DIR / ("Lato-Bold.ttf" if bold else "Lato-Regular.ttf"))
    glyphs, cmap, heights = font.getGlyphSet(), font.getBestCmap(), {}
    for code, name in cmap.items():
        pen = BoundsPen(glyphs)
        glyphs[name].draw(pen)
        heights[code] = (pen.bounds[3], pen.bounds[1]) if pen.bounds else (0, 0)
    return heights, font["head"].unitsPerEm


def _ink_lines(item: dict, role: str, ox: float, oy: float) -> list[Box]:
    lines = item.get("text")
    lines = [str(line) for line in (lines if isinstance(lines, list) else [lines]) if line not in (None, "")]
    if not lines or item.get("opacity", 1) == 0 or item.get("angle", 0):
        return []
    size = item.get("fontSize", 11)
    bold = str(item.get("fontWeight", "normal")) in ("bold", "700")
    heights, units = _glyph_heights(bold)
    step = item.get("lineHeight") or size
    baseline = oy + item.get("y", 0) + item.get("dy", 0) + BASELINE.get(item.get("baseline", "alphabetic"), 0) * size
    if item.get("baseline") in ("bottom", "line-bottom"):
        baseline -= step * (len(lines) - 1)
    boxes = []
    for line in lines:
        width = text_width(line, size, bold)
        x = ox + item.get("x", 0) + item.get("dx", 0)
        align = item.get("align", "left")
        left = x - width if align == "right" else x - width / 2 if align == "center" else x
        top = max(heights.get(ord(c), (0.72 * units, 0))[0] for c in line) * size / units
        bottom = min(heights.get(ord(c), (0, 0))[1] for c in line) * size / units
        boxes.append(Box(line, role, left, baseline - top, left + width, baseline - bottom))
        baseline += step
    return boxes


def ink(spec: dict, **locale) -> list[Box]:
    """Every line of text as the ink of its glyphs covers it (accents and descenders included)."""
    boxes = []

    def walk(node: dict, ox: float, oy: float, role: str) -> None:
        role = node.get("role", role)
        if node.get("marktype") == "text":
            for it in node.get("items", []):
                boxes.extend(_ink_lines(it, role, ox, oy))
        for child in node.get("items", []):
            if isinstance(child, dict) and "items" in child:
                walk(child, ox + child.get("x", 0), oy + child.get("y", 0), role)

    drawn = scene(spec, **locale)
    origin = drawn.get("origin", [0, 0])
    walk(drawn["scenegraph"], origin[0], origin[1], "root")
    return boxes


def ink_collisions(spec: dict, gap: float = 1.0, **locale) -> list[str]:
    """Lines of text whose glyphs come closer than `gap` px (one above the other, overlapping
    across), in words: the card's axis ticks over its source line, an "Ź" under a "g"."""
    return ink_collisions_among(ink(spec, **locale), gap)


def ink_collisions_among(boxes: list[Box], gap: float = 1.0) -> list[str]:
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 + gap and b.y0 < a.y1 + gap:
                found.append(f"{a.text!r} ({a.role}, y {a.y0:.1f} to {a.y1:.1f}) is within {gap} px of "
                             f"{b.text!r} ({b.role}, y {b.y0:.1f} to {b.y1:.1f})")
    return found
