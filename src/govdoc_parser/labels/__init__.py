"""Stage 3, labels: every block gets exactly one label from a closed set (GROBID's segmentation).

The labels are decided from the grammar tables, the reader's markup and geometry, in this order:
tables, zones (front | body | tail), the 版头 elements and the title, the 主送, the signature
block and the 附件说明, attached documents, and last headings, chapters, articles and list items
within each document. The element parsers read ``block.label`` and ``block.heading`` and never
match the text again to decide what a block is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..layout import Block, Layout
from ..read.primitives import Rule
from .body import label_body
from .front import label_front
from .structure import parse_numbering
from .vocabulary import LABELS, set_label
from .zones import assign_zones

@dataclass
class Part:
    """One document: the main 公文 (``label`` None) or an attached one."""

    label: Optional[str]
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Labelled:
    front: list[Block]
    body: list[Block]  # the main document's body, signature block included
    tail: list[Block]
    attached: list[Part]
    head_rule: Optional[Rule] = None
    tail_rules: int = 0

    @property
    def blocks(self) -> list[Block]:
        return self.front + self.body + [b for part in self.attached for b in part.blocks] + self.tail


def label_document(layout: Layout, body_size: Optional[float] = None) -> Labelled:
    for block in layout.blocks:
        set_label(block, "table", "inside a ruled table") if block.in_table else set_label(block, "paragraph", "")
    parse_numbering(layout.blocks)
    zones = assign_zones(layout)
    label_front(zones.front, body_size)
    main, attached = label_body(zones.body)
    for block in zones.tail:
        set_label(block, "imprint_line", "版记 zone")
    return Labelled(
        front=zones.front,
        body=main,
        tail=zones.tail,
        attached=[Part(label, blocks) for label, blocks in attached],
        head_rule=zones.head_rule,
        tail_rules=zones.tail_rules,
    )


def explain(labelled: Labelled) -> list[str]:
    """One line per block: page, label, rule and the start of the text."""
    lines = []
    for block in labelled.blocks:
        where = f"p{block.page}" if block.page else f"l{block.first.line_no or '?'}"
        part = f"[{block.part}]" if block.part else ""
        text = block.text if len(block.text) <= 60 else block.text[:59] + "…"
        lines.append(f"{where:>5} {block.label + part:<18} {block.rule:<34} {text}")
    return lines


__all__ = ["LABELS", "Labelled", "Part", "label_document", "explain", "set_label"]
