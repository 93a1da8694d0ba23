"""Ruled table regions: horizontal and vertical rules that cross each other make a grid, and
the lines inside a grid belong to its table (``Line.table``), whatever the reader."""

from __future__ import annotations

from ..read.primitives import Page, Rule

TOUCH = 2.0  # pt: rules drawn as thin boxes meet a little short or a little past each other
MIN_ROW_RULES = 3  # two rows at least: a framed box (a note, a page border) is not a table
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
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(root(i), []).append(rule)
    return list(groups.values())


def table_boxes(rules: list[Rule]) -> list[tuple[float, float, float, float]]:
    """Boxes (x0, top, x1, bottom) of the ruled tables of one page.

    >>> grid = [Rule(1, 70, 500, y, y + 0.5) for y in (100, 130, 160)] + [Rule(1, x, x + 0.5, 100, 160.5) for x in (70, 300, 500)]
    >>> table_boxes(grid)
    [(70, 100, 500.5, 160.5)]
    >>> table_boxes([Rule(1, 70, 500, 100, 101)])
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


def mark_table_lines(pages: list[Page]) -> list[Rule]:
    """Set ``Line.table`` for the lines inside a ruled table (one number per table and page);
    return the rules that are not part of a table (the 版头 and 版记 rules among them)."""
    number = max((l.table for p in pages for l in p.lines if l.table is not None), default=-1) + 1
    free: list[Rule] = []
    for page in pages:
        boxes = table_boxes(page.rules)
        free += [r for r in page.rules if not any(_inside(r, box) for box in boxes)]
        for box in boxes:
            x0, top, x1, bottom = box
            for line in page.lines:
                if line.bbox is None or line.table is not None:
                    continue
                cx, cy = (line.bbox[0] + line.bbox[2]) / 2, (line.bbox[1] + line.bbox[3]) / 2
                if x0 - TOUCH <= cx <= x1 + TOUCH and top - TOUCH <= cy <= bottom + TOUCH:
                    line.table = number
            number += 1
    return free
