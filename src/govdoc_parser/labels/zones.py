"""Zones, the labelling stage's first cut: split the blocks into front (版头 + title), body (主体) and tail (版记).

Geometry is used when present: everything above the red rule on the first page is 版头,
and wide black rules on a late page bracket the 版记. Text patterns decide the rest, so
a plain-text copy of the same document is zoned the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..layout import Block, Layout
from ..read.primitives import Rule
from ..rules import load


@dataclass
class Zones:
    front: list[Block]  # 版头 elements and the title, before the body starts
    body: list[Block]
    tail: list[Block]  # 版记
    head_rule: Rule | None = None  # the red 版头 rule, when drawn
    tail_rules: int = 0


@lru_cache(maxsize=None)
def _patterns():
    body = load("elements")["body"]
    imprint = load("elements")["imprint"]
    tail = [regex.compile(imprint[k]) for k in ("copied_to", "main_to", "printed", "copies")]
    return regex.compile(body["addressee_line"]), tail


def starts_body(block: Block) -> bool:
    """The first block of the 主体 after the title: 主送, a heading, or a real paragraph."""
    addressee, _ = _patterns()
    text = block.folded
    if addressee.match(text) and "〔" not in text:
        return True
    if block.heading is not None:
        return True
    return "。" in text or "；" in text or len(text) > _zones()["body_paragraph_min"]


def _red_rule(layout: Layout) -> Rule | None:
    first_page = min((r.page for r in layout.rules), default=None)
    if first_page is None:
        return None
    wide = [r for r in layout.rules if r.page == first_page and r.is_red and r.width > _zones()["wide_rule"]]
    return min(wide, key=lambda r: r.top) if wide else None


def _front_end(blocks: list[Block], rule: Rule | None) -> int:
    start = 0
    if rule is not None:
        while start < len(blocks) and blocks[start].page == rule.page and blocks[start].first.bbox[3] <= rule.top + 2:
            start += 1
    for i in range(start, len(blocks)):
        if starts_body(blocks[i]):
            return i
    return start


def _zones() -> dict:
    return load("elements")["zones"]




def _is_tail_line(block: Block) -> bool:
    return len(block.folded) <= _zones()["tail_line_max"] and any(p.search(block.folded) for p in _patterns()[1])


def _tail_start_by_text(blocks: list[Block], lower: int) -> int:
    """Walk back from the end over 抄送/印发 lines (and the 印发机关 line above a bare date)."""
    start = len(blocks)
    i = len(blocks) - 1
    while i >= lower and _is_tail_line(blocks[i]):
        start = i
        i -= 1
    if start < len(blocks) and start - 1 >= lower:
        printed_alone = regex.match(r"^\s*\d{4}\s*年.*印\s*发\s*$", blocks[start].folded)
        above = blocks[start - 1].folded
        if printed_alone and len(above) <= 40 and not regex.search(r"[。，；：:]|\d{4}\s*年", above):
            start -= 1
    return start


def _tail_start_by_rules(blocks: list[Block], layout: Layout, lower: int) -> tuple[int, int]:
    """Blocks lying between the wide black rules of the last page that has two or more."""
    black = [r for r in layout.rules if not r.is_red and r.width > _zones()["wide_rule"]]
    pages = sorted({r.page for r in black}, reverse=True)
    for page in pages:
        rules = [r for r in black if r.page == page]
        if len(rules) < 2:
            continue
        top, bottom = min(r.top for r in rules), max(r.bottom for r in rules)
        inside = [
            i for i in range(lower, len(blocks))
            if blocks[i].page == page and top - 2 <= blocks[i].first.bbox[1] <= bottom + 2
        ]
        if inside and any(_is_tail_line(blocks[i]) for i in inside):
            return inside[0], len(rules)
    return len(blocks), 0


def assign_zones(layout: Layout) -> Zones:
    blocks = layout.blocks
    rule = _red_rule(layout) if layout.has_geometry else None
    front_end = _front_end(blocks, rule)
    tail_start = _tail_start_by_text(blocks, front_end)
    tail_rules = 0
    if layout.has_geometry:
        by_rules, tail_rules = _tail_start_by_rules(blocks, layout, front_end)
        tail_start = min(tail_start, by_rules)
    zones = Zones(
        front=blocks[:front_end],
        body=blocks[front_end:tail_start],
        tail=blocks[tail_start:],
        head_rule=rule,
        tail_rules=tail_rules,
    )
    for name in ("front", "body", "tail"):
        for block in getattr(zones, name):
            block.zone = name
    return zones
