"""Engine-neutral PDF char handling: chars -> lines, colours, rules.

Both PDF engines (pdfplumber, pdfium) reduce a page to plain ``Glyph`` tuples and thin
rectangles, then share this module, so they cannot disagree on layout decisions.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import Iterable, Optional

from .normalize import fix_codepoints
from .primitives import RGB, Line, Rule

_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", ""}
_BOLD_FONT_HINTS = ("bold", "heavy", "black", "-bd", "demi")
# A glyph's box is the em square around its baseline, the same for every engine and font: the
# Ascent/Descent a PDF declares for a font are often missing or zero (LibreOffice writes 0/0),
# which moved pdfminer's boxes a tenth of an em and made rows depend on the font.
ASCENT, DESCENT = 0.88, 0.12  # shares of the font size above and below the baseline


@dataclass(slots=True)
class Glyph:
    """One character. Readers round positions and size to 0.01 pt (``snap``): the engines'
    float32/float64 noise must not decide a row, a gap or a size class."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    color: Optional[RGB]
    bold: bool = False  # render mode 2 / stroke-fill, when the engine can tell


def snap(value: float) -> float:
    """``value`` to 0.01 pt, half up (round(value, 2) is five times slower).

    >>> snap(12.344999), snap(12.345), snap(-0.004)
    (12.34, 12.35, 0.0)
    """
    return (value * 100.0 + 0.5) // 1.0 / 100.0


def em_box(baseline: float, size: float) -> tuple[float, float]:
    """Top and bottom (origin top-left, snapped) of the em box of a glyph on ``baseline``.

    >>> em_box(100.0, 10.0)
    (91.2, 101.2)
    """
    return snap(baseline - ASCENT * size), snap(baseline + DESCENT * size)


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


_X0, _TOP, _X1, _BOTTOM = attrgetter("x0"), attrgetter("top"), attrgetter("x1"), attrgetter("bottom")
_FONT, _COLOR, _BOLD, _SIZE = attrgetter("font"), attrgetter("color"), attrgetter("bold"), attrgetter("size")


def _center(glyph: Glyph) -> float:
    return (glyph.top + glyph.bottom) / 2


def group_rows(glyphs: Iterable[Glyph]) -> list[list[Glyph]]:
    """Cluster glyphs into visual rows by vertical centre, top to bottom.

    A glyph joins the current row when its centre is within 0.4 of the larger font size
    of the row's first centre.
    """
    rows: list[list[Glyph]] = []
    row: list[Glyph] = []
    row_center = row_size = 0.0
    for glyph in sorted(glyphs, key=_center):
        text = glyph.text
        if text in _INVISIBLE or text.isspace():
            continue
        center, size = (glyph.top + glyph.bottom) / 2, glyph.size
        if size > row_size:  # (if/else rather than max(): this loop runs for every glyph)
            reach = size if size > 1.0 else 1.0
        else:
            reach = row_size if row_size > 1.0 else 1.0
        if row and abs(center - row_center) <= 0.4 * reach:
            row.append(glyph)
            if size > row_size:
                row_size = size
        else:
            row = [glyph]
            rows.append(row)
            row_center, row_size = center, size
    return rows


def _drop_double_strikes(row: list[Glyph]) -> list[Glyph]:
    """Glyphs left to right, without those drawn twice at almost the same place (fake bold)."""
    kept: list[Glyph] = []
    prev: Optional[Glyph] = None
    for glyph in sorted(row, key=_X0):
        if (
            prev is not None
            and prev.text == glyph.text
            and abs(prev.x0 - glyph.x0) < 0.2 * glyph.size
            and abs(prev.top - glyph.top) < 0.2 * glyph.size
        ):
            prev.bold = True
            continue
        kept.append(glyph)
        prev = glyph
    return kept


def _mode(values: Iterable):
    """The most frequent value, the first seen among equals."""
    found = Counter(values).most_common(1)
    return found[0][0] if found else None


def _size_mode(glyphs: list[Glyph]) -> float:
    """The most frequent size to 0.1 pt (rounding each distinct size once)."""
    counts: dict[float, int] = {}
    for size, n in Counter(map(_SIZE, glyphs)).items():
        key = round(size, 1)
        counts[key] = counts.get(key, 0) + n
    return max(counts, key=counts.get)


def row_to_line(row: list[Glyph], page: int) -> Optional[Line]:
    glyphs = _drop_double_strikes(row)
    if not glyphs:
        return None
    parts: list[str] = []
    char_x: list[tuple[float, float]] = []
    prev = glyphs[0]
    for glyph in glyphs:
        em = glyph.size if glyph.size > prev.size else prev.size
        # a gap as wide as a half-width space (0.5 em, snapped coordinates) is a space
        if glyph.x0 - prev.x1 > 0.5 * em - 0.01 and glyph is not prev:
            parts.append(" ")
            char_x.append((prev.x1, glyph.x0))
        parts.append(glyph.text)
        if len(glyph.text) == 1:
            char_x.append((glyph.x0, glyph.x1))
        else:
            char_x.extend([(glyph.x0, glyph.x1)] * len(glyph.text))
        prev = glyph
    text = "".join(parts)
    fixed = fix_codepoints(text)
    if len(fixed) != len(text):  # zero-width characters inside a glyph's text: fix glyph by glyph
        return row_to_line([replace(g, text=t) for g in glyphs if (t := fix_codepoints(g.text))], page)
    # Latin and digits are often set in another font and size: judge style by the Han glyphs.
    styled = [g for g in glyphs if "\u3400" <= g.text[:1] <= "\u9fff"] or glyphs
    font = _mode(map(_FONT, styled)) or ""
    return Line(
        text=fixed,
        page=page,
        bbox=(min(map(_X0, glyphs)), min(map(_TOP, glyphs)), max(map(_X1, glyphs)), max(map(_BOTTOM, glyphs))),
        size=_size_mode(styled),
        font=font,
        color=_mode(map(_COLOR, styled)),
        bold=sum(map(_BOLD, styled)) > 0.5 * len(styled) or any(h in font.lower() for h in _BOLD_FONT_HINTS),
        char_x=char_x,
    )


def glyphs_to_lines(glyphs: Iterable[Glyph], page: int) -> list[Line]:
    lines = []
    for row in group_rows(glyphs):
        line = row_to_line(row, page)
        if line is not None:
            lines.append(line)
    return lines


def shape_rules(
    page: int, x0: float, x1: float, top: float, bottom: float, color: Optional[RGB], box_edges: bool = False
) -> list[Rule]:
    """Rules drawn by a shape: a thin bar 8 pt long or longer, horizontal (a 版头 or 版记 rule,
    a table's row rule) or vertical (a column rule), or, with ``box_edges``, the four edges of
    a stroked box (a table cell).

    >>> [r.is_vertical for r in shape_rules(1, 70, 71.5, 100, 300, None)]
    [True]
    >>> len(shape_rules(1, 70, 170, 100, 120, None, box_edges=True)), len(shape_rules(1, 70, 75, 100, 101, None))
    (4, 0)
    """
    width, height = x1 - x0, bottom - top
    if height <= 4.0 or width <= 4.0:
        if max(width, height) < 8.0:
            return []
        return [Rule(page=page, x0=snap(x0), x1=snap(x1), top=snap(top), bottom=snap(bottom), color=color)]
    if not box_edges:
        return []
    edges = [(x0, x1, top, top), (x0, x1, bottom, bottom), (x0, x0, top, bottom), (x1, x1, top, bottom)]
    return [Rule(page=page, x0=snap(a), x1=snap(b), top=snap(t), bottom=snap(u), color=color) for a, b, t, u in edges]


def segment_rules(page: int, points: list[tuple[float, float]], page_top: float, color: Optional[RGB]) -> list[Rule]:
    """The horizontal and vertical segments (8 pt or longer) of a stroked polyline, in PDF
    coordinates (y up, turned to top-down with ``page_top``).

    >>> [(r.x0, r.x1, r.top, r.bottom) for r in segment_rules(1, [(0, 100), (50, 100), (50, 20), (52, 21)], 200, None)]
    [(0.0, 50.0, 100.0, 100.0), (50.0, 50.0, 100.0, 180.0)]
    """
    rules = []
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        horizontal, vertical = abs(y1 - y0) <= 0.5, abs(x1 - x0) <= 0.5
        if (horizontal and abs(x1 - x0) >= 8.0) or (vertical and abs(y1 - y0) >= 8.0):
            top, bottom = page_top - max(y0, y1), page_top - min(y0, y1)
            rules.append(Rule(page=page, x0=snap(min(x0, x1)), x1=snap(max(x0, x1)), top=snap(top), bottom=snap(bottom),
                              color=color))
    return rules
