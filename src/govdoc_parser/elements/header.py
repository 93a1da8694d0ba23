"""版头 elements: 份号, 密级, 紧急程度, 发文机关标志 and issuers, 发文字号, 签发人.

The parser reads the front blocks (everything before the body starts); the blocks it
does not recognise as 版头 elements are returned for the title parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from ..layout import Block
from ..model import Header
from ..rules import load
from . import docnumber

_NAME = regex.compile(r"^[\p{Han}·]{2,5}$")
_ORGAN = regex.compile(load("elements")["body"]["organ_suffix"])


@lru_cache(maxsize=None)
def _rules():
    header = load("elements")["header"]
    return {key: regex.compile(value) for key, value in header.items()}


@dataclass
class FrontParse:
    header: Header
    leftovers: list[Block] = field(default_factory=list)  # candidates for the title
    flags: list[str] = field(default_factory=list)


def split_names(text: str) -> list[str]:
    """Names of 签发人, separated by spaces or list punctuation.

    >>> split_names("张毅 刘明毓"), split_names("王小明、李四")
    (['张毅', '刘明毓'], ['王小明', '李四'])
    """
    return [n for n in regex.split(r"[\s\u3000、，,；;]+", text.strip()) if n]


def issuers_from_mark(lines: list[str]) -> list[str]:
    """Organs named by the 发文机关标志, one per stacked line, without 文件/纪要.

    >>> issuers_from_mark(["中共平顶山市城乡一体化示范区工作委员会文件"])
    ['中共平顶山市城乡一体化示范区工作委员会']
    >>> issuers_from_mark(["青川市司法局", "文件", "青川市财政局"])
    ['青川市司法局', '青川市财政局']
    >>> issuers_from_mark(["青川市司法局 青川市财政局 文件"])
    ['青川市司法局', '青川市财政局']
    """
    suffix = regex.compile(r"\s*文件$")
    organs = []
    for line in lines:
        for part in regex.split(r"\s+", line.strip()):
            part = suffix.sub("", part)
            if part and part != "文件":
                organs.append(part)
    return organs


def _is_issuer_mark(block: Block, rules, red_marks: bool, following: Block | None) -> bool:
    """The 发文机关标志: red when the document has colour, else a large centred line or one
    ending in 文件/纪要/命令."""
    text = block.text.strip()
    if red_marks:
        return block.is_red and not docnumber.find(text)
    if block.first.bbox is not None and not block.centered:
        return False
    if regex.search(r"[《》]", text):  # 关于发布《…》的命令: a title, not a 发文机关标志
        return False
    if len(text) > 60 or regex.search(r"[。，；：:]", text):
        return False
    if rules["issuer_mark_suffix"].search(text):
        return not text.endswith("命令") or len(text) > 2
    # plain text has no colour or size: an organ name standing right above the 发文字号
    # (or above the rest of a joint mark ending in 文件)
    if block.first.bbox is not None or _ORGAN.search(text) is None or following is None:
        return False
    return bool(docnumber.find(following.text) or rules["issuer_mark_suffix"].search(following.text.strip()))


def _signer(block: Block, header: Header, rules) -> bool:
    m = rules["signer"].search(block.text)
    if not m:
        return False
    header.signatories.extend(split_names(m.group("names")))
    return True


def parse_front(blocks: list[Block]) -> FrontParse:
    rules = _rules()
    header = Header()
    parse = FrontParse(header=header)
    mark_lines: list[str] = []
    mark_blocks: list[Block] = []
    after_signer = False
    red_marks = any(b.is_red and not docnumber.find(b.text) for b in blocks)
    for index, block in enumerate(blocks):
        text = block.text.strip()
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if rules["copy_number"].match(text):
            header.copy_number = rules["copy_number"].match(text).group(1)
        elif rules["classification"].match(text):
            header.classification = text
        elif rules["urgency"].match(text):
            header.urgency = text
        elif (match := docnumber.find(text)) and header.document_number is None:
            number = docnumber.from_match(match)
            number.where = block.where(match.start(), match.end())
            header.document_number = number
            parse.flags.extend(docnumber.flags_of(match))
            after_signer = _signer(block, header, rules)
        elif _signer(block, header, rules):
            after_signer = True
        elif after_signer and all(_NAME.match(n) for n in split_names(text)):
            header.signatories.extend(split_names(text))
        elif _is_issuer_mark(block, rules, red_marks, following) and header.document_number is None:
            mark_lines.extend(line.text for line in block.lines)
            mark_blocks.append(block)
        else:
            parse.leftovers.append(block)
            after_signer = False
    if mark_lines:
        header.issuers = issuers_from_mark(mark_lines)
        has_wenjian = any(l.strip().endswith("文件") for l in mark_lines)
        header.issuer_mark = "".join(header.issuers) + ("文件" if has_wenjian else "")
        header.where = mark_blocks[0].where()
    return parse
