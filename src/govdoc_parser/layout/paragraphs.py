"""Join lines into paragraph blocks using geometry (indent, line fill, spacing, style).

Text inputs have no geometry: every line is its own block, and the body parser joins
page-break splits by their punctuation instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median
from typing import Optional

import regex

from ..read.primitives import Line, is_red
from ..grammar.headings import match_heading, starts_new_unit
from ..text.punct import (CLOSING_BRACKETS, COLON, ELLIPSIS, FULL_STOP, LIST_SEPARATORS, SEMICOLON,
                          SENTENCE_END)
from .blocks import Block



@dataclass
class Column:
    """The text column of the body: left and right edges, body size and line pitch."""

    left: float
    right: float
    size: float
    pitch: float

    @property
    def center(self) -> float:
        return (self.left + self.right) / 2


def measure_column(lines: list[Line]) -> Optional[Column]:
    geo = [l for l in lines if l.bbox and l.size]
    if not geo:
        return None
    sizes: dict[float, int] = {}
    for l in geo:
        sizes[round(l.size)] = sizes.get(round(l.size), 0) + len(l.text)
    body_size = float(max(sizes, key=sizes.get))
    body = [l for l in geo if abs(l.size - body_size) < 1.0] or geo
    lefts: dict[int, int] = {}
    for l in body:
        lefts[round(l.bbox[0])] = lefts.get(round(l.bbox[0]), 0) + 1
    left = float(min(lefts, key=lambda x: (-lefts[x], x)))
    rights = sorted(l.bbox[2] for l in body)
    right = rights[int(0.9 * (len(rights) - 1))]
    pitches = [
        b.bbox[1] - a.bbox[1]
        for a, b in zip(body, body[1:])
        if a.page == b.page and 0 < b.bbox[1] - a.bbox[1] < 3 * body_size
    ]
    pitch = median(pitches) if pitches else body_size * 1.8
    return Column(left=left, right=right, size=body_size, pitch=pitch)


def _indent(line: Line, col: Column) -> float:
    return (line.bbox[0] - col.left) / (line.size or col.size)


def _fills(line: Line, col: Column) -> bool:
    return line.bbox[2] >= col.right - 1.2 * (line.size or col.size)


_CLOSED = regex.compile(f"[{regex.escape(SENTENCE_END + SEMICOLON + COLON)}]$")  # a line that ends its sentence


# digits and Latin with the punctuation that may not start a line (98.4%。12345)
_UNBREAKABLE_START = regex.compile(r"^(?:[0-9A-Za-z.,%％‰·:/\-]+[。，、；：）)”]?)+")


def _wraps(line: Line, col: Column, following: Optional[Line] = None) -> bool:
    """The line ends because the column is full: it reaches the right edge, or stops
    short of it mid-sentence because what comes next (a number, a Latin word) did not fit."""
    em = line.size or col.size
    room = (col.right - line.bbox[2]) / em
    if room <= 1.2:
        return True
    if _CLOSED.search(line.text):
        return False
    return room <= max(5.0, _leading_run_width(following) / em + 1.5)


def _leading_run_width(line: Optional[Line]) -> float:
    """Width of the digits/Latin run a line starts with (it cannot be broken)."""
    if line is None or not line.char_x:
        return 0.0
    run = _UNBREAKABLE_START.match(line.text)
    if not run:
        return 0.0
    end = min(run.end(), len(line.char_x)) - 1
    return line.char_x[end][1] - line.char_x[0][0]


def _centered(line: Line, col: Column) -> bool:
    x0, _, x1, _ = line.bbox
    em = line.size or col.size
    left_gap = x0 - col.left
    looks_indented = 1.5 * em <= left_gap <= 2.6 * em  # a first-line indent, not centring
    return (
        left_gap > 1.5 * em
        and not looks_indented
        and abs((x0 + x1) / 2 - col.center) < 1.5 * em
        and not _fills(line, col)
    )


def _right_aligned(line: Line, col: Column) -> bool:
    return line.bbox[0] - col.left > 4 * col.size and not _centered(line, col)


def _same_style(a: Line, b: Line) -> bool:
    return abs((a.size or 0) - (b.size or 0)) < 1.5 and is_red(a.color) == is_red(b.color)


def _continues(prev: Line, line: Line, block: Block, col: Column) -> bool:
    """Does ``line`` continue the paragraph whose last line is ``prev``?"""
    if prev.page != line.page or prev.table != line.table or not _same_style(prev, line):
        return False
    if line.bbox[1] - prev.bbox[1] > 1.6 * max(col.pitch, prev.size or 0):
        return False
    if block.centered:
        return _centered(line, col)
    if _centered(line, col) or _right_aligned(line, col):
        return False
    if not _wraps(prev, col, line) or _indent(line, col) > 1.0:
        return False
    return not starts_new_unit(line.text)


def _new_block(line: Line, col: Column) -> Block:
    return Block(
        lines=[line],
        in_table=line.table is not None,
        centered=_centered(line, col),
        right_aligned=_right_aligned(line, col),
        indent=round(_indent(line, col), 1),
        fills_line=_wraps(line, col),
    )


def _joins_across_pages(last: Block, first: Block, col: Column) -> bool:
    """A paragraph split by a page break: full last line, unindented plain continuation."""
    prev, line = last.lines[-1], first.first
    return (
        prev.page is not None
        and line.page == prev.page + 1
        and prev.table is None
        and line.table is None
        and last.fills_line
        and not last.centered
        and not first.centered
        and not first.right_aligned
        and _same_style(prev, line)
        and (first.indent or 0) < 1.0
        and not starts_new_unit(line.text)
        and not regex.search(r"[。！？；：]$", prev.text)
    )


def geometric_blocks(lines: list[Line]) -> list[Block]:
    col = measure_column(lines)
    if col is None:
        return text_blocks(lines)
    blocks: list[Block] = []
    for line in lines:
        current = blocks[-1] if blocks else None
        if current is not None and _continues(current.lines[-1], line, current, col):
            current.lines.append(line)
            current.fills_line = _wraps(line, col)
            current.rebuild()
            continue
        block = _new_block(line, col)
        if current is not None and _joins_across_pages(current, block, col):
            current.merge(block)
            continue
        blocks.append(block)
    return blocks


# a line ending so, or with a closing mark, ends its paragraph (a page break did not cut it)
_SENTENCE_END = regex.compile(
    f"[{regex.escape(SENTENCE_END + SEMICOLON + COLON + CLOSING_BRACKETS + '”’」』' + ELLIPSIS)}]$")
_CLAUSE_MARK = regex.compile(f"[{regex.escape(LIST_SEPARATORS + SEMICOLON + FULL_STOP)}]")


def text_blocks(lines: list[Line]) -> list[Block]:
    """Text inputs: one block per line, except that in the body (once a sentence has ended) a
    paragraph cut by a page break (a line of 30 or more characters without closing
    punctuation) continues on the next line; the title and 版头 lines above are never joined."""
    blocks: list[Block] = []
    in_body = False
    for line in lines:
        prev = blocks[-1] if blocks else None
        if in_body and prev is not None and _continues_text(prev, line):
            prev.lines.append(line)
            prev.rebuild()
            continue
        in_body = in_body or "。" in line.text
        blocks.append(Block(lines=[line], in_table=line.table is not None))
    return blocks


def _continues_text(prev: Block, line: Line) -> bool:
    if line.bbox is not None or prev.markup is not None or line.markup is not None or prev.first.table != line.table:
        return False
    if len(prev.text) < 30 or _SENTENCE_END.search(prev.text) or starts_new_unit(line.text):
        return False
    if not _CLAUSE_MARK.search(prev.text):  # an organ name or a title, not a paragraph cut short
        return False
    heading = match_heading(prev.text)
    return not (heading and not heading.rest)
