"""主体 elements, read from the labelled blocks: 主送机关, preamble, section tree, 条, 附件说明,
署名, 成文日期, 附注, and the attached documents with their own title and sections."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Optional

import regex

from ..layout import Block
from ..model import Article, AttachedDocument, Paragraph, Section, Signature, Table, Where
from ..read.primitives import TableGrid
from ..rules import load
from . import dates
from .tables import build_table, caption_of
from .title import clean_title

Locate = Callable[[int, int], Where]


@lru_cache(maxsize=None)
def _rules():
    body = load("elements")["body"]
    compiled = {k: regex.compile(v) for k, v in body.items() if isinstance(v, str)}
    compiled["fragment_max"] = body["addressee_fragment_max"]
    return compiled


@dataclass
class DocumentParse:
    """The structure of one document and, for every paragraph, heading and article, the
    function that gives the provenance of a span of its text (keyed by ``id`` of the object)."""

    preamble: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    table_failures: list[tuple[Table, str]] = field(default_factory=list)  # failed arithmetic checks
    locators: dict[int, Locate] = field(default_factory=dict)
    grids: dict[int, TableGrid] = field(default_factory=dict)  # the layout's tables by number


@dataclass
class BodyParse(DocumentParse):
    addressees: list[str] = field(default_factory=list)
    addressee_flag: Optional[str] = None
    addressee_where: Optional[Where] = None
    attachments: list[str] = field(default_factory=list)
    attachments_where: Optional[Where] = None
    signature: Signature = field(default_factory=Signature)
    note: Optional[str] = None
    note_where: Optional[Where] = None
    attached: list[AttachedDocument] = field(default_factory=list)


def split_addressees(text: str) -> list[str]:
    """The 主送 line split between complete organ names (on 、 and ，, never inside brackets).

    >>> split_addressees("各省、自治区、直辖市人民政府，国务院各部委、各直属机构：")
    ['各省、自治区、直辖市人民政府', '国务院各部委、各直属机构']
    >>> split_addressees("市委、市政府："), split_addressees("行署各委、办、局：")
    (['市委', '市政府'], ['行署各委、办、局'])
    >>> split_addressees("各县（市、区）人民政府，市政府各部门、各直属机构：")
    ['各县（市、区）人民政府', '市政府各部门、各直属机构']
    >>> split_addressees("各县（市、区）市场监督管理局、司法局，各乡镇人民政府、县级有关部门：")
    ['各县（市、区）市场监督管理局、司法局', '各乡镇人民政府', '县级有关部门']
    """
    text = regex.sub(r"[:：]\s*$", "", text.strip())
    names: list[str] = []
    for group in split_outside_brackets(text, "，,"):
        pieces = [p.strip() for p in split_outside_brackets(group, "、") if p.strip()]
        merged: list[str] = []
        for piece in pieces:
            if merged and _continues_organ(merged[-1], piece):
                merged[-1] += "、" + piece
            else:
                merged.append(piece)
        names += merged
    return names


def _continues_organ(previous: str, piece: str) -> bool:
    """Does ``piece`` complete or share the organ name of ``previous``?"""
    rules = _rules()
    last = previous.rsplit("、", 1)[-1]
    shares_prefix = (piece.startswith("各") and "各" in previous[1:]) or (
        "各" in previous and not rules["addressee_own_prefix"].match(piece))
    shares_head = not rules["organ_suffix"].search(last) and rules["addressee_generic_head"].search(piece)
    return bool(rules["addressee_incomplete_end"].search(last) or shares_head or shares_prefix) \
        or len(piece) <= rules["fragment_max"]


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


def _attachment_names(blocks: list[Block]) -> list[str]:
    rules = _rules()
    items = []
    for block in blocks:
        text = block.text.strip()
        m = rules["attachment_label"].match(text)
        items.append(m.group("first") if m else text)
    names = []
    for item in items:
        for piece in split_numbered(item):
            m = rules["attachment_item"].match(piece.strip())
            name = (m.group("name") if m else piece).strip().rstrip("。；;")
            if name:
                names.append(name)
    return names


def _signature(blocks: list[Block], result: BodyParse) -> None:
    for block in blocks:
        text = block.text.strip()
        if block.label == "date":
            result.signature.date_raw = regex.sub(r"\s+", "", text)
            result.signature.date = dates.to_iso(result.signature.date_raw)
            result.signature.where = block.where()
        elif block.label == "signature_organ":  # (a name printed twice, in a text box and in the text, once)
            result.signature.issuers += [o for o in regex.split(r"[\s、]+", text) if o and o not in result.signature.issuers]
        elif block.label == "note":
            result.note, result.note_where = text, block.where()


def _piece(block: Block, start: int = 0, end: Optional[int] = None) -> Locate:
    return lambda s, e: block.where(start + s, start + e)


def parse_document(blocks: list[Block], parse: DocumentParse) -> None:
    """Build the section tree, 条 and paragraphs of one document from its labelled blocks."""
    stack: list[Section] = []
    article: Optional[Article] = None
    before: list[Block] = []  # the blocks read so far, for a table's caption
    for block in blocks:
        label, heading = block.label, block.heading
        if label == "table":
            grid = parse.grids.pop(block.first.table, None)  # (a grid is read once, at its first block)
            if grid is not None:
                path = [s.number + s.heading for s in stack]
                caption, note = caption_of(before[-2:], path)
                table, failures = build_table(grid, caption, path, note)
                parse.tables.append(table)
                parse.table_failures += [(table, failure) for failure in failures]
            continue
        before.append(block)
        if label in ("heading", "chapter"):
            section = Section(
                number=heading.number, level=heading.level, heading=heading.heading,
                kind="heading" if heading.kind == "heading" else heading.kind,
                where=block.where(0, len(block.text) - len(heading.rest)),
            )
            parse.locators[id(section)] = _piece(block)
            while stack and stack[-1].level >= heading.level:
                stack.pop()
            (stack[-1].children if stack else parse.sections).append(section)
            stack.append(section)
            article = None
            if heading.rest:
                _add_paragraph(section.paragraphs, block, heading.rest_offset, parse)
        elif label == "article":
            article = Article(number=heading.number, text=block.text.strip(), where=block.where())
            parse.locators[id(article)] = _piece(block)
            owner = next((s for s in reversed(stack) if s.kind != "heading"), None)
            (owner.articles if owner else parse.articles).append(article)
        elif label in ("paragraph", "list_item"):
            if article is not None:
                _add_paragraph(article.items, block, 0, parse)
            else:
                _add_paragraph(stack[-1].paragraphs if stack else parse.preamble, block, 0, parse)


def _add_paragraph(target: list[Paragraph], block: Block, start: int, parse: DocumentParse) -> None:
    text = block.text[start:]
    paragraph = Paragraph(text=text, where=block.where(start, len(block.text)))
    parse.locators[id(paragraph)] = _piece(block, start)
    target.append(paragraph)


def _attached_document(label: str, blocks: list[Block], parse: DocumentParse) -> AttachedDocument:
    title_blocks = [b for b in blocks if b.label == "title"]
    document = AttachedDocument(
        label=label,
        title=clean_title("".join(b.text for b in title_blocks)) if title_blocks else None,
        where=blocks[0].where(),
    )
    inner = DocumentParse(locators=parse.locators, grids=parse.grids, table_failures=parse.table_failures)
    parse_document(blocks, inner)
    document.preamble, document.sections, document.articles = inner.preamble, inner.sections, inner.articles
    document.tables = inner.tables
    return document


def parse_body(main: list[Block], attached: list[tuple[str, list[Block]]], grids: list[TableGrid] = ()) -> BodyParse:
    result = BodyParse(grids={grid.number: grid for grid in grids})
    for block in main:
        if block.label == "addressee":
            result.addressees = split_addressees(block.text)
            result.addressee_where = block.where()
            if block.text.rstrip().endswith(":"):
                result.addressee_flag = "MAINRECV_COLON"
    note = [b for b in main if b.label == "attachment_note"]
    if note:
        result.attachments = _attachment_names(note)
        result.attachments_where = note[0].where()
    _signature(main, result)
    parse_document(main, result)
    result.attached = [_attached_document(label, blocks, result) for label, blocks in attached]
    return result
