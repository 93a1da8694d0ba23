"""主体 elements: 主送机关, preamble, section tree, 附件说明, 署名, 成文日期, 附注."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import regex

from ..layout import Block
from ..model import Paragraph, Section, Signature, Where
from ..rules import load
from . import dates
from .sections import match_heading

_SENTENCE_END = regex.compile(r"[。！？；：:!?;”’」』）)》】…]$")


@lru_cache(maxsize=None)
def _rules():
    body = load("elements")["body"]
    compiled = {k: regex.compile(v) for k, v in body.items() if isinstance(v, str)}
    compiled["closing"] = [regex.compile(p) for p in body["closing_phrases"]]
    return compiled


@dataclass
class Piece:
    """A paragraph or heading line of the body and where its text sits in its block."""

    block: Block
    start: int = 0
    heading: Optional[object] = None  # sections.Heading

    @property
    def text(self) -> str:
        return self.block.text[self.start :]

    def locate(self, start: int, end: int) -> Where:
        return self.block.where(self.start + start, self.start + end)


@dataclass
class BodyParse:
    addressees: list[str] = field(default_factory=list)
    addressee_flag: Optional[str] = None
    preamble: list[Piece] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    section_pieces: list[tuple[Section, Piece, list[Piece]]] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    signature: Signature = field(default_factory=Signature)
    note: Optional[str] = None


def split_addressees(text: str) -> list[str]:
    """The 主送 line split on 、 and ，.

    >>> split_addressees("各省、自治区、直辖市人民政府，国务院各部委、各直属机构：")
    ['各省', '自治区', '直辖市人民政府', '国务院各部委', '各直属机构']
    """
    text = regex.sub(r"[:：]\s*$", "", text.strip())
    return [part.strip() for part in split_outside_brackets(text, "、，,") if part.strip()]


def split_outside_brackets(text: str, separators: str) -> list[str]:
    """Split on separators that are not inside round brackets.

    >>> split_outside_brackets("各县(市、区)人民政府,济宁高新区", "、，,")
    ['各县(市、区)人民政府', '济宁高新区']
    """
    parts, depth, current = [], 0, []
    for ch in text:
        depth += ch in "(（"
        depth -= ch in ")）" and depth > 0
        if ch in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _take_addressees(blocks: list[Block], result: BodyParse) -> list[Block]:
    if not blocks:
        return blocks
    m = _rules()["addressee_line"].match(blocks[0].text.strip())
    if not m or match_heading(blocks[0].text):
        return blocks
    result.addressees = split_addressees(blocks[0].text)
    if blocks[0].text.rstrip().endswith(":"):
        result.addressee_flag = "MAINRECV_COLON"
    return blocks[1:]


def _is_organ_line(block: Block) -> bool:
    text = block.text.strip()
    if not text or len(text) > 40 or regex.search(r"[。，；：:！？]", text):
        return False
    if _rules()["attachment_item"].match(text) or match_heading(text):
        return False
    if block.first.bbox is not None and (block.right_aligned or block.centered):
        return True
    return bool(_rules()["organ_suffix"].search(text.split()[-1]))


def _signature_index(blocks: list[Block]) -> Optional[int]:
    """Index of the 成文日期 block among the date-only lines.

    The signature date sits under an organ name and is followed by nothing, a 附注 or
    the attachments; dates inside attached documents lack some of these cues.
    """
    rules = _rules()
    best, best_score = None, 0
    for i, block in enumerate(blocks):
        if not dates.is_date_line(block.text):
            continue
        following = blocks[i + 1].text.strip() if i + 1 < len(blocks) else None
        score = 1
        if i > 0 and _is_organ_line(blocks[i - 1]):
            score += 2
        if following is None or rules["note"].match(following) or rules["attachment_page"].match(following):
            score += 2
        if score > best_score:
            best, best_score = i, score
    return best


def _take_signature(blocks: list[Block], result: BodyParse) -> tuple[list[Block], list[Block]]:
    """Cut the 署名/日期/附注 from the body; return (body before, blocks after: attachments)."""
    index = _signature_index(blocks)
    if index is None:
        return blocks, []
    date_block = blocks[index]
    raw = regex.sub(r"\s+", "", date_block.text)
    result.signature.date_raw = raw
    result.signature.date = dates.to_iso(raw)
    result.signature.where = date_block.where()
    start = index
    organs: list[str] = []
    while start - 1 >= 0 and len(organs) < 4 and _is_organ_line(blocks[start - 1]):
        start -= 1
        organs.insert(0, blocks[start].text.strip())
    result.signature.issuers = [o for line in organs for o in regex.split(r"[\s、]+", line) if o]
    after = blocks[index + 1 :]
    if after and (m := _rules()["note"].match(after[0].text.strip())):
        result.note = after[0].text.strip()
        after = after[1:]
    return blocks[:start], after


def _take_attachment_note(blocks: list[Block], result: BodyParse) -> list[Block]:
    """附件说明 (``附件：1.×× 2.××``) at the end of the body, before the signature."""
    rules = _rules()
    for i in range(len(blocks) - 1, max(-1, len(blocks) - 12), -1):
        m = rules["attachment_label"].match(blocks[i].text.strip())
        if not m:
            continue
        items = [m.group("first")] if m.group("first").strip() else []
        end = i + 1
        while end < len(blocks) and rules["attachment_item"].match(blocks[end].text.strip()):
            items.append(blocks[end].text.strip())
            end += 1
        if end == len(blocks) - 1 and result.note is None and rules["note"].match(blocks[end].text.strip()):
            result.note = blocks[end].text.strip()
            end += 1
        if end != len(blocks):
            continue
        result.attachments = [_attachment_name(i) for item in items for i in split_numbered(item) if i.strip()]
        return blocks[:i]
    return blocks


def split_numbered(text: str) -> list[str]:
    """Split ``1.A2.B`` (list items run together on one line) at the next expected number.

    >>> split_numbered("1.2023年度报告要点2.报送回执")
    ['1.2023年度报告要点', '2.报送回执']
    """
    parts, start, number = [], 0, 2
    while True:
        m = regex.search(rf"(?<=\S){number}\s*[.．、](?=\S)", text[start + 1 :])
        if not m or not regex.match(r"^\s*1\s*[.．、]", text):
            break
        cut = start + 1 + m.start()
        parts.append(text[start:cut])
        start, number = cut, number + 1
    parts.append(text[start:])
    return [p.strip() for p in parts]


def _attachment_name(item: str) -> str:
    m = _rules()["attachment_item"].match(item.strip())
    return (m.group("name") if m else item).strip().rstrip("。；;")


def _join_page_splits(blocks: list[Block]) -> list[Block]:
    """Text inputs: a paragraph cut by a page break continues in the next block."""
    joined: list[Block] = []
    for block in blocks:
        prev = joined[-1] if joined else None
        if (
            prev is not None
            and block.first.bbox is None
            and len(prev.text) >= 30
            and prev.markup is None
            and block.markup is None
            and not _SENTENCE_END.search(prev.text)
            and match_heading(block.text) is None
            and not (match_heading(prev.text) and not match_heading(prev.text).rest)
        ):
            merged = Block(lines=list(prev.lines) + list(block.lines))
            joined[-1] = merged
            continue
        joined.append(block)
    return joined


def _build_sections(blocks: list[Block], result: BodyParse) -> None:
    stack: list[Section] = []
    current_pieces: list[Piece] = result.preamble
    for block in blocks:
        heading = match_heading(block.text)
        if heading is None:
            current_pieces.append(Piece(block))
            continue
        section = Section(number=heading.number, level=heading.level, heading=heading.heading, where=block.where(0, len(block.text) - len(heading.rest)))
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        (stack[-1].children if stack else result.sections).append(section)
        stack.append(section)
        pieces: list[Piece] = []
        if heading.rest:
            pieces.append(Piece(block, start=heading.rest_offset))
        result.section_pieces.append((section, Piece(block, heading=heading), pieces))
        current_pieces = pieces


def parse_body(blocks: list[Block]) -> BodyParse:
    result = BodyParse()
    blocks = _take_addressees(blocks, result)
    main, after = _take_signature(blocks, result)
    main = _take_attachment_note(main, result)
    _build_sections(_join_page_splits(main + after), result)
    for section, _, pieces in result.section_pieces:
        section.paragraphs = [Paragraph(text=p.text, where=p.locate(0, len(p.text))) for p in pieces]
    return result
