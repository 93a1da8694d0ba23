"""Labels of the body zone: 主送, the signature block (署名, 成文日期, 附注), the 附件说明, the
attached documents that follow the signature, and the structure of each document."""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..elements import dates
from ..layout import Block
from ..rules import load
from .structure import label_structure, label_title_of_attached
from .vocabulary import set_label


@lru_cache(maxsize=None)
def _rules():
    body = load("elements")["body"]
    rules = {k: regex.compile(v) for k, v in body.items() if isinstance(v, str)}
    rules["signing_person"] = regex.compile(load("elements")["header"]["signing_person"])
    return rules


def _text(block: Block) -> str:
    return block.folded.strip()


def _label_addressee(blocks: list[Block]) -> int:
    """Label the 主送 line; return the index of the first block after it."""
    for index, block in enumerate(blocks[:2]):
        if block.label == "table" or block.heading is not None:
            return 0
        if _rules()["addressee_line"].match(_text(block)):
            set_label(block, "addressee", "organs before a colon")
            return index + 1
        if index == 0 and not block.centered:
            return 0
    return 0


def is_organ_line(block: Block) -> bool:
    text = _text(block)
    if len(regex.findall(r"\p{Han}", text)) < 2 or len(text) > 40 or regex.search(r"[。，；：:！？]", text):
        return False  # (an organ is named in Chinese: Xxxxxxxx is a template's placeholder)
    if _rules()["attachment_item"].match(text) or block.heading is not None:
        return False
    if block.first.bbox is not None and (block.right_aligned or block.centered):
        return True
    return bool(_rules()["organ_suffix"].search(text.split()[-1]))


def _signature_index(blocks: list[Block]) -> Optional[int]:
    """Index of the 成文日期 among the date-only lines.

    The signature date sits under an organ name and is followed by nothing, a 附注 or
    the attachments; dates inside attached documents lack some of these cues.
    """
    rules = _rules()
    best, best_score = None, 0
    for i, block in enumerate(blocks):
        if block.label == "table" or not dates.is_date_line(block.folded):
            continue
        following = _text(blocks[i + 1]) if i + 1 < len(blocks) else None
        score = 1
        above = [b for b in blocks[max(0, i - 2) : i] if not rules["seal_text"].match(_text(b))]
        if above and (is_organ_line(above[-1]) or rules["signing_person"].match(_text(above[-1]))):
            score += 2
        if following is None or rules["note"].match(following) or rules["attachment_page"].match(following):
            score += 2
        if score > best_score:
            best, best_score = i, score
    return best


def _label_signature(blocks: list[Block]) -> tuple[int, int]:
    """Label 署名, 成文日期 and 附注: (start of the signature block, index after it)."""
    index = _signature_index(blocks)
    if index is None:
        return len(blocks), len(blocks)
    set_label(blocks[index], "date", "date line under the 署名")
    start = index
    while start - 1 >= 0 and index - start < 5:
        above = blocks[start - 1]
        if _rules()["seal_text"].match(_text(above)):
            set_label(above, "seal_text", "seal placeholder above the 成文日期")
        elif _rules()["signing_person"].match(_text(above)):
            set_label(above, "signature_person", "a post and a name above the 成文日期")
        elif is_organ_line(above):
            set_label(above, "signature_organ", "organ line above the 成文日期")
        else:
            break
        start -= 1
    end = index + 1
    if end < len(blocks) and _rules()["note"].match(_text(blocks[end])):
        set_label(blocks[end], "note", "bracketed line after the 成文日期")
        end += 1
    return start, end


def _label_attachment_note(blocks: list[Block], end: int) -> None:
    """附件说明 (``附件：1.×× 2.××``) closing the body text, right before the signature."""
    rules = _rules()
    for i in range(end - 1, max(-1, end - 12), -1):
        if not rules["attachment_label"].match(_text(blocks[i])):
            continue
        stop = i + 1
        while stop < end and rules["attachment_item"].match(_text(blocks[stop])):
            stop += 1
        if stop == end - 1 and rules["note"].match(_text(blocks[stop])):
            set_label(blocks[stop], "note", "bracketed line after the 附件说明")
            stop += 1
        if stop != end:
            continue
        for block in blocks[i:end]:
            if block.label != "note":
                set_label(block, "attachment_note", "附件： and its numbered items")
        return


def _split_attached(blocks: list[Block], main_has_signature: bool) -> tuple[list[Block], list[tuple[str, list[Block]]]]:
    """Cut the attached documents off the end of the main one, at 附件N lines.

    Blocks after the signature with no 附件 label are one unlabelled attached document.
    """
    starts = [i for i, b in enumerate(blocks) if b.label == "paragraph" and _rules()["attachment_page"].match(_text(b))]
    if not main_has_signature and not (starts and 0 < starts[0] < len(blocks) - 1):
        starts = []
    attached: list[tuple[str, list[Block]]] = []
    for n, start in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else len(blocks)
        set_label(blocks[start], "attachment_start", "附件N alone on a line")
        attached.append((regex.sub(r"\s+", "", _text(blocks[start])), blocks[start:stop]))
    return blocks[: starts[0]] if starts else blocks, attached


def label_body(blocks: list[Block]) -> tuple[list[Block], list[tuple[str, list[Block]]]]:
    """Label the body; return the main document's blocks and the attached documents."""
    first = _label_addressee(blocks)
    sig_start, sig_end = _label_signature(blocks)
    _label_attachment_note(blocks, sig_start)
    after = blocks[sig_end:]
    main = blocks[:sig_end]
    attached: list[tuple[str, list[Block]]] = []
    if sig_end < len(blocks):
        unlabelled, attached = _split_attached(after, True)
        if _is_document(unlabelled):
            attached.insert(0, ("附件", unlabelled))
        else:
            main += unlabelled
    else:
        main, attached = _split_attached(blocks, False)
    label_structure(main[first:])
    for number, (label, part) in enumerate(attached, start=1):
        for block in part:
            block.part = number
        rest = label_title_of_attached(part)  # then the same 公文 elements as the main document's
        first_of_rest = _label_addressee(rest)
        _label_signature(rest)
        label_structure(rest[first_of_rest:])
    return main, attached


def _is_document(blocks: list[Block]) -> bool:
    """Blocks after the signature that make a document of their own (not a stray line)."""
    texts = [b for b in blocks if b.label == "paragraph"]
    return len(texts) >= 3 or any(b.heading is not None for b in texts)
