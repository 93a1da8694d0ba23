"""The structure of one document: headings, chapters, articles and list items.

``parse_numbering`` runs once over every block and stores the numbering grammar's reading in
``block.heading``; ``label_structure`` then decides, with the neighbours in view, which of those
numbered blocks are headings and which are list items, 条 items or table rows.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from ..grammar.headings import match_heading, match_structure
from ..layout import Block
from ..rules import load
from .vocabulary import set_label


@lru_cache(maxsize=None)
def _rules():
    table = load("headings")["not_a_heading"]
    return {
        "table_row": regex.compile(table["table_row"]),
        "list_end": regex.compile(table["list_item_end"]),
        "max_len": table["max_heading_without_stop"],
    }


def parse_numbering(blocks: list[Block]) -> None:
    """Store each block's numbering (heading, 章/节, 条) once; a numbered row of figures is a table."""
    for block in blocks:
        if block.label == "table":
            continue
        block.heading = match_structure(block.folded, block.text) or match_heading(block.folded, block.text)
        if block.heading is not None and _rules()["table_row"].search(block.folded):
            block.heading = None
            set_label(block, "table", "numbered row ending in a run of figures")


def _is_sentence(block: Block) -> bool:
    """A numbered block that reads as a sentence of a list, not as a heading: an Arabic-numbered
    item ending with ； without a run-in stop (（一）…； items are headings of agendas and
    tasks), or one that runs on past the length of any heading without a stop."""
    heading = block.heading
    if heading.rest:
        return False
    ends_like_item = heading.level >= 3 and _rules()["list_end"].search(block.folded.strip())
    return bool(ends_like_item) or len(heading.heading) > _rules()["max_len"]


def label_structure(blocks: list[Block]) -> None:
    """Label the numbered blocks of one document (blocks labelled before are left alone)."""
    in_article = False
    for block in blocks:
        heading = block.heading
        if block.label != "paragraph" or heading is None:
            continue
        if heading.kind in ("chapter", "part"):
            set_label(block, "chapter", f"第X{'章' if heading.kind == 'chapter' else '节'}")
            in_article = False
        elif heading.kind == "article":
            set_label(block, "article", "第X条")
            in_article = True
        elif in_article and heading.level > 1:
            set_label(block, "list_item", "item inside a 第X条")
        else:
            in_article = False
            set_label(block, "heading", f"numbering grammar, level {heading.level}")
    _demote_lists(blocks)


def _runs(blocks: list[Block]) -> list[list[Block]]:
    """Adjacent heading blocks of one level numbered in sequence (a list is printed item after
    item; a number that starts again starts another list)."""
    runs: list[list[Block]] = []
    previous = None
    for block in blocks:
        if block.label != "heading":
            previous = None
            continue
        if previous is not None and _next_in_sequence(previous.heading, block.heading):
            runs[-1].append(block)
        else:
            runs.append([block])
        previous = block
    return runs


def _next_in_sequence(previous, heading) -> bool:
    return (
        previous.level == heading.level
        and previous.ordinal is not None
        and heading.ordinal == previous.ordinal + 1
    )


def _demote_lists(blocks: list[Block]) -> None:
    for run in _runs(blocks):
        if any(_is_sentence(b) for b in run):
            for block in run:
                set_label(block, "list_item", "list in body style (an item reads as a sentence)")


def label_title_of_attached(blocks: list[Block]) -> list[Block]:
    """Label the 附件N line's document title (the first short unnumbered lines); return the rest."""
    index = 1 if blocks and blocks[0].label == "attachment_start" else 0
    title: list[Block] = []
    while index < len(blocks) and len(title) < 3 and _title_like(blocks[index], title):
        title.append(blocks[index])
        index += 1
    for block in title:
        set_label(block, "title", "first lines of an attached document")
    return blocks[index:]


def _title_like(block: Block, so_far: list[Block]) -> bool:
    text = block.folded.strip()
    if block.label != "paragraph" or block.heading is not None or not text:
        return False
    if regex.search(r"[。；;：:]$", text) or len(text) > 60:
        return False
    if so_far and not (block.centered == so_far[-1].centered and block.size == so_far[-1].size):
        return False
    return block.centered or block.first.bbox is None or bool(block.size and block.size > 15)
