"""Engine-neutral PDF char handling: chars -> lines, colours, rules.

Both PDF engines (pdfplumber, pdfium) reduce a page to plain ``Glyph`` tuples and thin
rectangles, then share this module, so they cannot disagree on layout decisions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from .normalize import fix_codepoints
from .primitives import RGB, Line, Rule

_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", ""}
_BOLD_FONT_HINTS = ("bold", "heavy", "black", "-bd", "demi")


@dataclass(slots=True)
class Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    color: Optional[RGB]
    bold: bool = False  # render mode 2 / stroke-fill, when the engine can tell


def to_rgb(color) -> Optional[RGB]:
    """Any PDF colour (gray, RGB, CMYK tuple) to RGB in 0..1.

    >>> to_rgb((0, 1, 1, 0)), to_rgb((0.5,)), to_rgb([1, 0, 0]), to_rgb("P0")
    ((1.0, 0.0, 0.0), (0.5, 0.5, 0.5), (1.0, 0.0, 0.0), None)
    """
    if color is None or isinstance(color, str):
        return None
    try:
        values = [float(v) for v in color]
    except (TypeError, ValueError):
        return None
    if values and max(values) > 1.0:
        values = [v / 255.0 for v in values]
    if len(values) == 1:
        return (values[0],) * 3
    if len(values) == 3:
        return (values[0], values[1], values[2])
    if len(values) == 4:
        c, m, y, k = values
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


def _same_row(glyph: Glyph, row_center: float, row_size: float) -> bool:
    center = (glyph.top + glyph.bottom) / 2
    return abs(center - row_center) <= 0.4 * max(row_size, glyph.size, 1.0)


def group_rows(glyphs: Iterable[Glyph]) -> list[list[Glyph]]:
    """Cluster glyphs into visual rows by vertical centre, top to bottom."""
    rows: list[list[Glyph]] = []
    centers: list[float] = []
    sizes: list[float] = []
    for glyph in sorted(glyphs, key=lambda g: (g.top + g.bottom) / 2):
        if glyph.text in _INVISIBLE or glyph.text.isspace():
            continue
        if rows and _same_row(glyph, centers[-1], sizes[-1]):
            rows[-1].append(glyph)
            sizes[-1] = max(sizes[-1], glyph.size)
        else:
            rows.append([glyph])
            centers.append((glyph.top + glyph.bottom) / 2)
            sizes.append(glyph.size)
    return rows


def _drop_double_strikes(row: list[Glyph]) -> tuple[list[Glyph], int]:
    """Remove glyphs drawn twice at almost the same place (fake bold); count them."""
    kept: list[Glyph] = []
    doubled = 0
    for glyph in sorted(row, key=lambda g: g.x0):
        prev = kept[-1] if kept else None
        if (
            prev is not None
            and prev.text == glyph.text
            and abs(prev.x0 - glyph.x0) < 0.2 * glyph.size
            and abs(prev.top - glyph.top) < 0.2 * glyph.size
        ):
            doubled += 1
            prev.bold = True
            continue
        kept.append(glyph)
    return kept, doubled


def _mode(values: list):
    counts: dict = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return max(counts, key=counts.get) if counts else None


def row_to_line(row: list[Glyph], page: int) -> Optional[Line]:
    glyphs, _ = _drop_double_strikes(row)
    if not glyphs:
        return None
    text_parts: list[str] = []
    char_x: list[tuple[float, float]] = []
    prev: Optional[Glyph] = None
    for glyph in glyphs:
        if prev is not None:
            gap = glyph.x0 - prev.x1
            if gap > 0.5 * max(glyph.size, prev.size):
                text_parts.append(" ")
                char_x.append((prev.x1, glyph.x0))
        text = fix_codepoints(glyph.text)
        text_parts.append(text)
        char_x.extend([(glyph.x0, glyph.x1)] * len(text))
        prev = glyph
    # Latin and digits are often set in another font and size: judge style by the Han glyphs.
    styled = [g for g in glyphs if "\u3400" <= g.text[:1] <= "\u9fff"] or glyphs
    bold_share = sum(1 for g in styled if g.bold) / len(styled)
    font = _mode([g.font for g in styled]) or ""
    return Line(
        text="".join(text_parts),
        page=page,
        bbox=(
            min(g.x0 for g in glyphs),
            min(g.top for g in glyphs),
            max(g.x1 for g in glyphs),
            max(g.bottom for g in glyphs),
        ),
        size=_mode([round(g.size, 1) for g in styled]),
        font=font,
        color=_mode([g.color for g in styled]),
        bold=bold_share > 0.5 or any(h in font.lower() for h in _BOLD_FONT_HINTS),
        char_x=char_x,
    )


def glyphs_to_lines(glyphs: Iterable[Glyph], page: int) -> list[Line]:
    lines = []
    for row in group_rows(glyphs):
        line = row_to_line(row, page)
        if line is not None:
            lines.append(line)
    return lines


def horizontal_rule(
    page: int, x0: float, x1: float, top: float, bottom: float, color: Optional[RGB]
) -> Optional[Rule]:
    """A rule if the shape is a thin horizontal bar at least 40 pt wide."""
    if bottom - top > 4.0 or x1 - x0 < 40.0:
        return None
    return Rule(page=page, x0=x0, x1=x1, top=top, bottom=bottom, color=color)
