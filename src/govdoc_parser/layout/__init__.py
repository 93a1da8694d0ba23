"""Stage 2, layout: lines in reading order become paragraph blocks, furniture removed."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..read.primitives import RawDocument, Rule, TableGrid
from .blocks import Block
from .furniture import is_web_furniture, strip_page_furniture, take_portal_metadata
from .paragraphs import geometric_blocks, text_blocks
from .tables import read_ruled_tables

__all__ = ["Layout", "Block", "build_layout"]


@dataclass
class Layout:
    blocks: list[Block]
    rules: list[Rule] = field(default_factory=list)
    has_geometry: bool = False
    page_count: int = 1
    page_heights: dict[int, float] = field(default_factory=dict)
    tables: list[TableGrid] = field(default_factory=list)


def build_layout(raw: RawDocument) -> Layout:
    lines = strip_page_furniture(raw.pages)
    lines = [l for l in lines if not is_web_furniture(l.text)]
    rules = [r for page in raw.pages for r in page.rules]
    tables = list(raw.tables)
    if raw.has_geometry:
        # a table's rules are not 版头 or 版记 rules; a table that only furniture follows ends its page
        ruled, rules = read_ruled_tables(raw.pages, {id(line) for line in lines})
        tables += ruled
        lines = take_portal_metadata(lines, raw.metadata)  # text and HTML readers read it themselves
    blocks = geometric_blocks(lines) if raw.has_geometry else text_blocks(lines)
    return Layout(
        blocks=blocks,
        rules=rules,
        tables=tables,
        has_geometry=raw.has_geometry,
        page_count=len(raw.pages),
        page_heights={p.number: p.height or 0.0 for p in raw.pages},
    )
