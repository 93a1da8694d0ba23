"""版头 elements: 份号, 密级, 紧急程度, 发文机关标志 and issuers, 发文字号, 签发人, read from
the front blocks the labelling stage labelled."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional
from functools import lru_cache

import regex

from ..layout import Block
from ..model import Header, Where
from ..rules import load
from ..grammar.words import words
from ..labels.front import names_of
from ..text.fold import fold
from . import docnumber
from .title import clean_title

@lru_cache(maxsize=None)
def _rules():
    header = load("elements")["header"]
    rules = {key: regex.compile(value) for key, value in header.items() if isinstance(value, str)}
    rules["organ"] = regex.compile(load("elements")["body"]["organ_suffix"])
    return rules


@dataclass
class FrontParse:
    header: Header
    title_blocks: list[Block] = field(default_factory=list)
    title: Optional[str] = None
    title_where: Optional[Where] = None
    signer_where: Optional[Where] = None
    flags: list[str] = field(default_factory=list)


def read_mark(lines: list[str]) -> tuple[str, list[str]]:
    """The 发文机关标志 as printed (rows joined in reading order, gaps closed) and the organs it
    names, one per row or word, without 文件/纪要/命令; a word that is no organ name (a
    template's placeholder) names no issuer.

    >>> read_mark(["中共平顶山市城乡一体化示范区工作委员会文件"])
    ('中共平顶山市城乡一体化示范区工作委员会文件', ['中共平顶山市城乡一体化示范区工作委员会'])
    >>> read_mark(["青川市司法局", "文件", "青川市财政局"])
    ('青川市司法局青川市财政局文件', ['青川市司法局', '青川市财政局'])
    >>> read_mark(["青 川 市 司 法 局", "云 岭 县 财 政 局  文 件"])[1]
    ['青川市司法局', '云岭县财政局']
    >>> read_mark(["中共云岭市委纪要"]), read_mark(["一份公文文件"])
    (('中共云岭市委纪要', ['中共云岭市委']), ('一份公文文件', []))
    """
    rules = _rules()
    organs, endings = [], []
    for line in lines:
        for part in words(line):
            if m := rules["issuer_mark_ending"].search(fold(part)):
                endings.append(m.group())
                part = part[: m.start()]
            if part:
                organs.append(part)
    mark = "".join(organs) + (endings[0] if endings else "")
    return mark, [o for o in organs if rules["organ"].search(fold(o))]


def _signers(block: Block, rules) -> list[str]:
    """Names after 签发人, one per person: split at spaces and list punctuation, and, in a PDF,
    at gaps between glyphs wider than a thin space (names set apart by spacing alone)."""
    names = []
    for line in block.lines:
        m = rules["signer"].search(fold(line.text))
        start = m.start("names") if m else 0
        names += names_of(_open_gaps(line, start))
    return names


THIN_GAP = 0.2  # em: CJK glyphs of one name stand closer than this


def _open_gaps(line, start: int) -> str:
    """``line.text[start:]`` with a space wherever the glyphs stand apart."""
    text = line.text
    if not line.char_x or len(line.char_x) != len(text) or not line.size:
        return text[start:]
    out = [text[start]] if start < len(text) else []
    for i in range(start + 1, len(text)):
        gap = line.char_x[i][0] - line.char_x[i - 1][1]
        if gap > THIN_GAP * line.size and not text[i - 1].isspace() and not text[i].isspace():
            out.append(" ")
        out.append(text[i])
    return "".join(out)


def parse_front(blocks: list[Block]) -> FrontParse:
    """Read the values of the labelled 版头 blocks."""
    rules = _rules()
    header = Header()
    parse = FrontParse(header=header)
    mark_blocks: list[Block] = []
    for block in blocks:
        text = block.text.strip()
        if block.label == "copy_number":
            header.copy_number = rules["copy_number"].match(block.folded.strip()).group(1)
        elif block.label in ("classification", "urgency"):
            setattr(header, block.label, text)
        elif block.label == "docno_line" and not docnumber.find(block.folded):
            header.document_number = docnumber.parse_session_number(block.folded)
            header.document_number.where = block.where()
        elif block.label == "docno_line":
            match = docnumber.find(block.folded.strip())
            number = docnumber.from_match(match)
            number.raw = text[match.start() : match.end()].strip()  # as printed; normalized is folded
            number.where = block.where(match.start(), match.end())
            header.document_number = number
            parse.flags.extend(docnumber.flags_of(match))
            if m := rules["signer"].search(block.folded):
                header.signatories.extend(_signers(block, rules))
                parse.signer_where = block.where(m.start(), m.end())
        elif block.label == "signer_line":
            header.signatories.extend(_signers(block, rules))
            parse.signer_where = parse.signer_where or block.where()
        elif block.label == "issuer_mark":
            mark_blocks.append(block)
        elif block.label == "title":
            parse.title_blocks.append(block)
    if mark_blocks:
        header.issuer_mark, header.issuers = read_mark([line.text for b in mark_blocks for line in b.lines])
        header.where = mark_blocks[0].where()
    if parse.title_blocks:
        parse.title = clean_title("".join(b.text for b in parse.title_blocks))
        parse.title_where = parse.title_blocks[0].where()
    elif header.issuer_mark and rules["mark_is_title"].search(fold(header.issuer_mark)):
        parse.title, parse.title_where = header.issuer_mark, header.where  # 青川市人民政府公告
    return parse
