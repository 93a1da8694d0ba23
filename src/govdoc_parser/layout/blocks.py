"""The Block: a paragraph-like run of Lines, with its text and provenance."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..grammar.headings import Heading
from ..model import Where
from ..text.fold import fold
from ..read.primitives import Line, is_red


@dataclass
class Block:
    lines: list[Line]
    text: str = ""
    _folded: Optional[str] = field(default=None, repr=False)
    starts: list[int] = field(default_factory=list)  # offset of each line in ``text``
    centered: bool = False
    right_aligned: bool = False
    indent: Optional[float] = None  # first-line indent in character widths (geometry only)
    fills_line: bool = False  # last line reaches the right edge of the text column
    zone: str = "body"  # front | body | tail
    in_table: bool = False  # inside a ruled table region (geometry) or a reader's table markup
    # set once by the labelling stage (labels/), read by every later stage
    label: str = "paragraph"
    rule: str = ""  # which rule gave the label (govdoc parse --explain)
    heading: Optional["Heading"] = None  # the parsed number and heading of heading/chapter/article blocks
    part: int = 0  # 0: the main document; n: the n-th attached document

    def __post_init__(self):
        if not self.text:
            self.rebuild()

    def rebuild(self) -> None:
        parts, starts, pos = [], [], 0
        for line in self.lines:
            starts.append(pos)
            parts.append(line.text)
            pos += len(line.text)
        self.text = "".join(parts)
        self._folded = None
        self.starts = starts

    @property
    def folded(self) -> str:
        """``text`` folded for matching (text.fold): same length, same offsets. Folded on first
        use, once the layout stage has finished joining lines."""
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    @property
    def first(self) -> Line:
        return self.lines[0]

    @property
    def page(self) -> Optional[int]:
        return self.first.page

    @property
    def size(self) -> Optional[float]:
        return self.first.size

    @property
    def is_red(self) -> bool:
        return is_red(self.first.color)

    @property
    def markup(self) -> Optional[str]:
        return self.first.markup

    @property
    def bold(self) -> bool:
        return self.first.bold

    @property
    def blank_before(self) -> bool:
        return self.first.blank_before

    def merge(self, other: "Block") -> None:
        self.lines.extend(other.lines)
        self.fills_line = other.fills_line
        self.rebuild()

    def where(self, start: int = 0, end: Optional[int] = None) -> Where:
        """Provenance of ``text[start:end]``: page and box for PDFs, line for text."""
        end = len(self.text) if end is None else end
        hits = []
        for line, line_start in zip(self.lines, self.starts):
            line_end = line_start + len(line.text)
            if line_end > start and line_start < max(end, start + 1):
                hits.append((line, max(start, line_start) - line_start, min(end, line_end) - line_start))
        if not hits:
            hits = [(self.first, 0, len(self.first.text))]
        line = hits[0][0]
        boxes = [l.sub_bbox(s, e) for l, s, e in hits if l.page == line.page]
        boxes = [b for b in boxes if b is not None]
        bbox = None
        if boxes:
            bbox = [
                round(min(b[0] for b in boxes), 2),
                round(min(b[1] for b in boxes), 2),
                round(max(b[2] for b in boxes), 2),
                round(max(b[3] for b in boxes), 2),
            ]
        return Where(page=line.page if line.bbox else None, bbox=bbox, line=line.line_no)
