"""The line primitive every reader produces.

Everything after ``read`` sees only these objects, so it never knows the input format.
A text line has no geometry (``bbox`` is None) but has a ``line_no``; a PDF line has a
page, a box, a font size and a colour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom (points, origin top-left)
RGB = tuple[float, float, float]  # each 0..1


@dataclass(slots=True)
class Line:
    text: str
    page: Optional[int] = None  # 1-based
    bbox: Optional[BBox] = None
    size: Optional[float] = None  # dominant font size, points
    font: Optional[str] = None
    color: Optional[RGB] = None  # dominant fill colour
    bold: bool = False
    line_no: Optional[int] = None  # 1-based, text inputs
    markup: Optional[str] = None  # "h1".."h6" or "bold" from markdown / HTML / DOCX styles
    # x0/x1 of each character of ``text`` (PDF only), for boxes of sub-spans
    char_x: Optional[list[tuple[float, float]]] = None
    blank_before: bool = False  # text inputs: an empty line precedes this one
    table: Optional[int] = None  # the table the line sits in (a reader's table, or a ruled region)

    @property
    def is_red(self) -> bool:
        return is_red(self.color)

    def sub_bbox(self, start: int, end: int) -> Optional[BBox]:
        """Box of ``text[start:end]`` when char positions are known."""
        if self.bbox is None:
            return None
        if not self.char_x or end <= start:
            return self.bbox
        xs = self.char_x[max(start, 0) : min(end, len(self.char_x))]
        if not xs:
            return self.bbox
        return (xs[0][0], self.bbox[1], xs[-1][1], self.bbox[3])


@dataclass(slots=True)
class Rule:
    """A straight rule: a stroked line, a thin filled rectangle or the edge of a stroked box.
    Horizontal ones carry the 版头 and 版记 rules; with the vertical ones they draw tables."""

    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    color: Optional[RGB] = None

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def is_vertical(self) -> bool:
        return self.bottom - self.top > self.x1 - self.x0

    @property
    def is_red(self) -> bool:
        return is_red(self.color)


@dataclass(slots=True)
class Page:
    number: int  # 1-based
    width: Optional[float] = None
    height: Optional[float] = None
    lines: list[Line] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)


@dataclass(slots=True)
class GridCell:
    """One cell of a table: its place in the grid, its spans, its text and where it is."""

    row: int
    col: int
    text: str = ""
    row_span: int = 1
    col_span: int = 1
    page: Optional[int] = None
    bbox: Optional[BBox] = None
    line_no: Optional[int] = None  # text inputs and DOCX: the first line of the cell


@dataclass(slots=True)
class TableGrid:
    """A table as a grid of cells, from a reader (DOCX, HTML) or from ruled lines (PDF, OFD).
    ``number`` is the value of ``Line.table`` on the lines of its cells."""

    number: int
    n_rows: int
    n_cols: int
    cells: list[GridCell] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    bbox: Optional[BBox] = None  # on the first page
    parts: list[int] = field(default_factory=list)  # numbers of the grids joined into this one

    def __post_init__(self):
        self.parts = self.parts or [self.number]

    def grid(self) -> list[list[str]]:
        """Rows of cell texts; a merged cell's text in its top-left place, "" in the rest."""
        rows = [["" for _ in range(self.n_cols)] for _ in range(self.n_rows)]
        for cell in self.cells:
            rows[cell.row][cell.col] = cell.text
        return rows


@dataclass(slots=True)
class RawDocument:
    """What a reader hands to the layout stage."""

    path: str
    sha256: str
    format: str  # pdf | text | markdown | html | docx | ofd
    pages: list[Page]
    producer: Optional[str] = None
    engine: Optional[str] = None
    ocr: bool = False
    has_geometry: bool = False
    # portal metadata (索引号, 发文字号 ...) found by an HTML reader, label -> value
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (code, message)
    tables: list[TableGrid] = field(default_factory=list)  # tables a reader read as tables (DOCX)


def is_red(color: Optional[RGB]) -> bool:
    """Red as used by 发文机关标志 and the 版头 rule (pure red, CMYK Y80 M80, brick red).

    >>> is_red((1.0, 0.0, 0.0)), is_red((0.8, 0.1, 0.15)), is_red((0.2, 0.2, 0.2))
    (True, True, False)
    """
    if color is None:
        return False
    r, g, b = color
    return r >= 0.55 and g <= 0.45 and b <= 0.45 and r - max(g, b) >= 0.35
