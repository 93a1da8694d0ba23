"""Ruled tables: horizontal and vertical rules that cross each other make a grid; the lines
inside a grid belong to its table (``Line.table``), each character goes to the cell it stands
in, a missing rule between two grid cells merges them, and a table that runs on at the top
of the next page (same columns) continues the one that ended the page before."""

from __future__ import annotations

from typing import Optional

import regex

from ..read.primitives import GridCell, Line, Page, Rule, TableGrid

TOUCH = 2.0  # pt: rules drawn as thin boxes meet a little short or a little past each other
SLIVER = 4.0  # pt: grid lines closer than this are one (a browser draws each cell's own border)
MIN_ROW_RULES = 2  # a one-row grid is kept only as part of a table broken over pages (a framed
#                   note or a page border alone is no table: see _drop_lone_rows)
MIN_COLUMN_RULES = 2


def _crosses(h: Rule, v: Rule) -> bool:
    x = (v.x0 + v.x1) / 2
    y = (h.top + h.bottom) / 2
    return h.x0 - TOUCH <= x <= h.x1 + TOUCH and v.top - TOUCH <= y <= v.bottom + TOUCH


def _groups(rules: list[Rule]) -> list[list[Rule]]:
    """Rules connected by crossings (union-find over horizontal × vertical pairs)."""
    parent = list(range(len(rules)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    verticals = [i for i, r in enumerate(rules) if r.is_vertical]
    horizontals = [i for i, r in enumerate(rules) if not r.is_vertical]
    for h in horizontals:
        for v in verticals:
            if _crosses(rules[h], rules[v]):
                parent[root(h)] = root(v)
    for a, b in _collinear_neighbours(rules, horizontals, vertical=False):
        parent[root(a)] = root(b)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(root(i), []).append(rule)
    return list(groups.values())


def _collinear_neighbours(rules: list[Rule], indexes: list[int], vertical: bool) -> list[tuple[int, int]]:
    """Pairs of rules on one line that meet end to end (a browser draws a row's rule cell by cell).
    Used for row rules only: column rules of tables stacked on a page would join the tables."""
    def line_of(i):
        r = rules[i]
        return (r.x0 + r.x1) / 2 if vertical else (r.top + r.bottom) / 2

    def extent(i):
        r = rules[i]
        return (r.top, r.bottom) if vertical else (r.x0, r.x1)

    ordered = sorted(indexes, key=lambda i: (round(line_of(i)), extent(i)))
    pairs = []
    for a, b in zip(ordered, ordered[1:]):
        if abs(line_of(a) - line_of(b)) <= TOUCH and extent(b)[0] <= extent(a)[1] + TOUCH:
            pairs.append((a, b))
    return pairs


def table_boxes(rules: list[Rule]) -> list[tuple[float, float, float, float]]:
    """Boxes (x0, top, x1, bottom) of the ruled tables of one page.

    >>> grid = [Rule(1, 70, 500, y, y + 0.5) for y in (100, 130, 160)] + [Rule(1, x, x + 0.5, 100, 160.5) for x in (70, 300, 500)]
    >>> table_boxes(grid)
    [(70, 100, 500.5, 160.5)]
    >>> table_boxes([Rule(1, 70, 500, 100, 101), Rule(1, 70, 70.5, 100, 200)])
    []
    """
    boxes = []
    for group in _groups(rules):
        verticals = sum(r.is_vertical for r in group)
        if verticals < MIN_COLUMN_RULES or len(group) - verticals < MIN_ROW_RULES:
            continue
        boxes.append((min(r.x0 for r in group), min(r.top for r in group),
                      max(r.x1 for r in group), max(r.bottom for r in group)))
    return boxes


def _inside(rule: Rule, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    return x0 - TOUCH <= rule.x0 and rule.x1 <= x1 + TOUCH and top - TOUCH <= rule.top and rule.bottom <= bottom + TOUCH


def read_ruled_tables(pages: list[Page], content: set[int]) -> tuple[list[TableGrid], list[Rule]]:
    """The ruled tables of the pages, as grids of cells (setting ``Line.table`` on their lines),
    and the rules that are not part of a table (the 版头 and 版记 rules among them).
    ``content``: ids of the lines that are not page furniture (a table that ends its page has
    no content line below it)."""
    number = max((l.table for p in pages for l in p.lines if l.table is not None), default=-1) + 1
    grids: list[TableGrid] = []
    boxes_of: dict[int, tuple[int, tuple]] = {}  # grid number -> (page, box)
    for page in pages:
        for box in table_boxes(page.rules):
            x0, top, x1, bottom = box
            for line in page.lines:
                if line.bbox is None or line.table is not None:
                    continue
                cx, cy = (line.bbox[0] + line.bbox[2]) / 2, (line.bbox[1] + line.bbox[3]) / 2
                if x0 - TOUCH <= cx <= x1 + TOUCH and top - TOUCH <= cy <= bottom + TOUCH:
                    line.table = number
            grid = _grid(page, box, [r for r in page.rules if _inside(r, box)], number)
            if grid is not None:
                grids.append(grid)
                boxes_of[number] = (page.number, box)
            number += 1
    tables = _join_continued(grids, pages, content)
    dropped = {g.number for g in grids} - {n for t in tables for n in t.parts}
    in_tables = [box for n, box in boxes_of.items() if n not in dropped]
    free = [r for p in pages for r in p.rules
            if not any(page == p.number and _inside(r, box) for page, box in in_tables)]
    return tables, free


def _positions(values: list[float], within: float = TOUCH) -> list[float]:
    """Distinct positions: values closer than ``within`` are one rule drawn twice."""
    found: list[list[float]] = []
    for value in sorted(values):
        if found and value - found[-1][-1] <= within:
            found[-1].append(value)
        else:
            found.append([value])
    return [sum(group) / len(group) for group in found]


def _covers(rules: list[Rule], vertical: bool, at: float, along: float) -> bool:
    """Is there a rule at ``at`` (x for vertical rules, y for horizontal) that reaches ``along``?"""
    for rule in rules:
        if vertical:
            if abs((rule.x0 + rule.x1) / 2 - at) <= SLIVER and rule.top - TOUCH <= along <= rule.bottom + TOUCH:
                return True
        elif abs((rule.top + rule.bottom) / 2 - at) <= SLIVER and rule.x0 - TOUCH <= along <= rule.x1 + TOUCH:
            return True
    return False


def _index(edges: list[float], value: float) -> int:
    for i in range(len(edges) - 1):
        if value < edges[i + 1]:
            return i
    return len(edges) - 2


def _grid(page: Page, box, rules: list[Rule], number: int) -> Optional[TableGrid]:
    verticals = [r for r in rules if r.is_vertical]
    horizontals = [r for r in rules if not r.is_vertical]
    xs = _positions([(r.x0 + r.x1) / 2 for r in verticals] + [box[0], box[2]], SLIVER)
    ys = _positions([(r.top + r.bottom) / 2 for r in horizontals] + [box[1], box[3]], SLIVER)
    if len(xs) < 2 or len(ys) < 2:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = {(i, j): (i, j) for i in range(n_rows) for j in range(n_cols)}

    def root(key):
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for i in range(n_rows):
        middle_y = (ys[i] + ys[i + 1]) / 2
        for j in range(n_cols):
            middle_x = (xs[j] + xs[j + 1]) / 2
            if j + 1 < n_cols and not _covers(verticals, True, xs[j + 1], middle_y):
                parent[root((i, j + 1))] = root((i, j))
            if i + 1 < n_rows and not _covers(horizontals, False, ys[i + 1], middle_x):
                parent[root((i + 1, j))] = root((i, j))
    groups: dict = {}
    for key in parent:
        groups.setdefault(root(key), []).append(key)
    cells: dict = {}
    for members in groups.values():
        rows, cols = [m[0] for m in members], [m[1] for m in members]
        cell = GridCell(row=min(rows), col=min(cols), row_span=max(rows) - min(rows) + 1,
                        col_span=max(cols) - min(cols) + 1, page=page.number,
                        bbox=(xs[min(cols)], ys[min(rows)], xs[max(cols) + 1], ys[max(rows) + 1]))
        for member in members:
            cells[member] = cell
    _fill(cells, [l for l in page.lines if l.table == number], xs, ys)
    unique = sorted({id(c): c for c in cells.values()}.values(), key=lambda c: (c.row, c.col))
    return TableGrid(number=number, n_rows=n_rows, n_cols=n_cols, cells=unique, pages=[page.number], bbox=box)


def _fill(cells: dict, lines: list[Line], xs: list[float], ys: list[float]) -> None:
    """Each character into the cell it stands in, top to bottom and left to right."""
    pieces: dict[int, list] = {}
    owner = {}
    for line in lines:
        y = (line.bbox[1] + line.bbox[3]) / 2
        row = _index(ys, y)
        exact = line.char_x is not None and len(line.char_x) == len(line.text)
        for k, ch in enumerate(line.text):
            if ch.isspace():
                continue
            x = (line.char_x[k][0] + line.char_x[k][1]) / 2 if exact else (line.bbox[0] + line.bbox[2]) / 2
            cell = cells[(row, _index(xs, x))]
            owner[id(cell)] = cell
            pieces.setdefault(id(cell), []).append((round(y, 1), x, ch))
    for key, chars in pieces.items():
        owner[key].text = "".join(ch for _, _, ch in sorted(chars))


def _join_continued(grids: list[TableGrid], pages: list[Page], content_ids: set[int]) -> list[TableGrid]:
    """A table that ends its page and one that starts the next page with the same columns are
    one table: its repeated header rows are dropped."""
    heights = {p.number: p.height or 0.0 for p in pages}
    content = {p.number: [l for l in p.lines if l.bbox and l.table is None and id(l) in content_ids] for p in pages}
    first_line = {n: min((l.bbox[1] for l in lines), default=heights[n]) for n, lines in content.items()}
    last_line = {n: max((l.bbox[3] for l in lines), default=0.0) for n, lines in content.items()}
    joined: list[TableGrid] = []
    for grid in grids:
        prev = joined[-1] if joined else None
        if prev is not None and _continues(prev, grid, first_line, last_line, heights):
            _append_rows(prev, grid, pages)
            prev.parts.append(grid.number)
        else:
            joined.append(grid)
    return _drop_lone_rows(joined, pages)


def _drop_lone_rows(grids: list[TableGrid], pages: list[Page]) -> list[TableGrid]:
    """A one-row grid that is no part of a table broken over pages is a framed box, not a table."""
    kept = []
    for grid in grids:
        if grid.n_rows > 1:
            kept.append(grid)
        else:
            _renumber(pages, grid.pages[0], grid.number, None)
    return kept


def _continues(prev: TableGrid, grid: TableGrid, first_line, last_line, heights) -> bool:
    page = grid.pages[0]
    if page != prev.pages[-1] + 1 or grid.bbox is None or prev.bbox is None:
        return False
    last_bottom = max(c.bbox[3] for c in prev.cells if c.page == prev.pages[-1])
    ends_page = last_bottom >= last_line[prev.pages[-1]] - TOUCH  # no text below it but the page's furniture
    starts_page = grid.bbox[1] <= first_line[page] + TOUCH
    same_frame = abs(grid.bbox[0] - prev.bbox[0]) < 12 and abs(grid.bbox[2] - prev.bbox[2]) < 12
    return ends_page and starts_page and same_frame


def _edges(grid: TableGrid) -> list[float]:
    return _positions([x for c in grid.cells for x in (c.bbox[0], c.bbox[2])], SLIVER)


def _place(cell: GridCell, edges: list[float]) -> None:
    left = min(range(len(edges)), key=lambda k: abs(edges[k] - cell.bbox[0]))
    right = min(range(len(edges)), key=lambda k: abs(edges[k] - cell.bbox[2]))
    cell.col, cell.col_span = left, max(1, right - left)


def _append_rows(prev: TableGrid, grid: TableGrid, pages: list[Page]) -> None:
    """Rows of ``grid`` under those of ``prev``, on the column edges of both (a part that merges
    the label columns its other part splits keeps its cells where they stand)."""
    header = _repeated_header_rows(prev, grid)
    edges = _positions(_edges(prev) + _edges(grid), SLIVER)
    for cell in prev.cells:
        _place(cell, edges)
    prev.n_cols = len(edges) - 1
    offset = prev.n_rows - header
    in_labels = not _has_figure(prev, prev.n_rows - 1) and not _has_figure(grid, header)
    for cell in grid.cells:
        if cell.row < header:
            continue
        _place(cell, edges)
        cell.row += offset
        cut = _cut_by_the_break(prev, cell, in_labels) if cell.row == offset + header else None
        if cut is not None:  # the rest of a cell cut by the break, or a merged cell that goes on
            cut.text += cell.text
            cut.row_span += cell.row_span
            continue
        prev.cells.append(cell)
    prev.n_rows += grid.n_rows - header
    prev.pages.append(grid.pages[0])
    _renumber(pages, grid.pages[0], grid.number, prev.number)


def _renumber(pages: list[Page], page_number: int, old: int, new: Optional[int]) -> None:
    for page in pages:
        if page.number == page_number:
            for line in page.lines:
                if line.table == old:
                    line.table = new


_NUMBERED = regex.compile(r"^[（(]?[一二三四五六七八九十0-9]{1,3}[）)、.．]")
_FIGURE = regex.compile(r"^[0-9０-９.,，．%％]+$")


def _has_figure(grid: TableGrid, row: int) -> bool:
    return any(c.row <= row < c.row + c.row_span and _FIGURE.match(c.text) for c in grid.cells)


def _cut_by_the_break(prev: TableGrid, cell: GridCell, in_labels: bool = False) -> Optional[GridCell]:
    """The cell of the page before that ``cell`` continues: a label cell cut by the page break
    (``（四）无`` / ``法提供``) goes on in the same column without a number of its own; a label
    merged over several rows goes on in an empty cell, or has its text printed in the part
    after the break (centred in its span); and when the break falls between two rows of
    labels (a header cut in two, ``自然`` / ``人``), every cell goes on in the cell above it."""
    if _FIGURE.match(cell.text):
        return None
    last_row = prev.n_rows - 1
    for above in prev.cells:
        if above.col == cell.col and above.col_span == cell.col_span and above.row + above.row_span - 1 == last_row:
            if _FIGURE.match(above.text):
                return None
            if in_labels:
                return above
            if not above.text:  # (a merged label over data rows, its text printed after the break)
                spans_data = any(_has_figure(prev, r) for r in range(above.row, above.row + above.row_span))
                return above if above.row_span > 1 and cell.text and spans_data else None
            if not cell.text:
                return above if above.row_span > 1 else None
            return above if _NUMBERED.match(above.text) and not _NUMBERED.match(cell.text) else None
    return None


def _repeated_header_rows(prev: TableGrid, grid: TableGrid) -> int:
    """How many first rows of ``grid`` repeat the first rows of ``prev`` (a header printed again)."""
    before, after = prev.grid(), grid.grid()
    count = 0
    while count < min(len(before), len(after)) - 1 and after[count] == before[count] and any(after[count]):
        count += 1
    return count
