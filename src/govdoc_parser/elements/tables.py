"""Tables: a grid the layout stage read becomes a ``Table`` with its caption, header rows and
columns, and provenance per cell."""

from __future__ import annotations

from typing import Optional

import regex

from ..layout import Block
from ..model import Table, TableCell, Where
from ..read.primitives import GridCell, TableGrid
from ..tables.standard import read_standard

FIGURE = regex.compile(r"^[-+]?[0-9０-９][0-9０-９.,，．]*[%％]?$")
CAPTION_MAX = 60  # a caption line is short and is no sentence


def is_figure(text: str) -> bool:
    """A cell holding a number as printed (21, 7730.28, ２１, 98%).

    >>> is_figure("7730.28"), is_figure("２１"), is_figure("总计"), is_figure("")
    (True, True, False, False)
    """
    return bool(FIGURE.match(text))


def _where(cell: GridCell) -> Where:
    bbox = [round(v, 2) for v in cell.bbox] if cell.bbox else None
    return Where(page=cell.page if cell.bbox else None, bbox=bbox, line=cell.line_no)


def _header_rows(grid: list[list[str]]) -> int:
    """Rows at the top with no figure in them."""
    count = 0
    while count < len(grid) - 1 and not any(is_figure(t) for t in grid[count]):
        count += 1
    return count


def _header_columns(grid: list[list[str]], header_rows: int, n_columns: int) -> int:
    """Columns at the left with no figure below the header rows."""
    body = grid[header_rows:]
    count = 0
    while count < n_columns - 1 and not any(is_figure(row[count]) for row in body):
        count += 1
    return count


_UNIT_NOTE = regex.compile(r"^[（(]?\s*(?:计量)?单位\s*[:：]")


def caption_of(before: list[Block], section: list[str]) -> tuple[Optional[str], Optional[str]]:
    """The caption line right above the table (else the heading it sits under), and the unit
    note (``单位：万元``) printed between them."""
    note = None
    if before and before[-1].label == "paragraph" and _UNIT_NOTE.match(before[-1].folded.strip()):
        note = before[-1].text.strip()
        before = before[:-1]
    last = before[-1] if before else None
    if last is not None and last.label == "heading" and last.heading is not None:
        return last.heading.number + last.heading.heading, note
    if last is not None and last.label == "paragraph":
        text = last.text.strip()
        if len(text) <= CAPTION_MAX and not regex.search(r"[。；;]", text):
            return text, note
    return (section[-1] if section else None), note


def build_table(grid: TableGrid, caption: Optional[str], section: list[str], note: Optional[str] = None) -> tuple[Table, list[str]]:
    """The Table of a grid, read against its standard form when it is one; with the form's
    failed arithmetic checks."""
    rows = grid.grid()
    header_rows = _header_rows(rows)
    header_columns = _header_columns(rows, header_rows, grid.n_cols)
    cells = [
        TableCell(row=c.row, column=c.col, text=c.text, row_span=c.row_span, column_span=c.col_span,
                  header=c.row < header_rows or c.col < header_columns, where=_where(c))
        for c in grid.cells
    ]
    where = Where(page=grid.pages[0], bbox=[round(v, 2) for v in grid.bbox]) if grid.bbox else (
        Where(line=min((c.line_no for c in grid.cells if c.line_no), default=None)))
    table = Table(caption=caption, note=note, n_rows=grid.n_rows, n_columns=grid.n_cols, header_rows=header_rows,
                  header_columns=header_columns, cells=cells, section=list(section), where=where)
    reading = read_standard(table)
    return table, reading.failures if reading else []
