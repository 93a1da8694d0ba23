"""Labels of the front zone: 份号, 密级, 紧急程度, 发文机关标志, 发文字号, 签发人 and the title.

The 发文机关标志 is red when the document has colour, else a centred line ending in 文件/纪要/
命令, or (plain text) an organ name right above the 发文字号. The title is the best-scoring group
of the blocks left over, preferring the one nearest the body.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..elements import docnumber
from ..elements.title import doc_type_of
from ..grammar.words import LIST_SEPARATORS, words
from ..layout import Block
from ..rules import load
from .vocabulary import set_label

_NAME = regex.compile(r"^[\p{Han}·]{2,5}$")


@lru_cache(maxsize=None)
def _rules():
    header = load("elements")["header"]
    rules = {key: regex.compile(value) for key, value in header.items() if isinstance(value, str)}
    rules["organ"] = regex.compile(load("elements")["body"]["organ_suffix"])
    rules["report_title"] = regex.compile(load("elements")["title"]["report_title"])
    rules["not_a_title"] = regex.compile(load("elements")["title"]["not_a_title"])
    return rules


def names_of(text: str) -> list[str]:
    """Names separated by spaces or list punctuation; a name set letter-spaced is closed up
    (a personal name has two characters or more).

    >>> names_of("张毅 刘明毓"), names_of("王小明、李四"), names_of("马俊峰　林  涛")
    (['张毅', '刘明毓'], ['王小明', '李四'], ['马俊峰', '林涛'])
    """
    return words(text, LIST_SEPARATORS)


def _is_issuer_mark(block: Block, red_marks: bool, following: Optional[Block]) -> bool:
    rules = _rules()
    text = regex.sub(r"[\s\u3000]+", "", block.folded)  # letter-spaced marks: 青 川 市 司 法 局
    if red_marks:  # (a portal prints its page heading in red too: a title is no mark)
        is_title = "关于" in text or (doc_type_of(text) and not rules["issuer_mark_suffix"].search(text))
        return block.is_red and not docnumber.find(text) and not is_title
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
    if block.first.bbox is not None or rules["organ"].search(text) is None or following is None:
        return False
    following_text = regex.sub(r"[\s\u3000]+", "", following.folded)
    return bool(docnumber.find(following_text) or rules["issuer_mark_suffix"].search(following_text))


def _label_element(block: Block, red_marks: bool, following: Optional[Block], state: dict) -> bool:
    """Label one front block as a 版头 element; False when it is none of them."""
    rules = _rules()
    text = block.folded.strip()
    for name in ("copy_number", "classification", "urgency"):
        if rules[name].match(text):
            set_label(block, name, f"{name} pattern")
            return True
    if docnumber.find(text) and not state.get("docno"):
        state["docno"] = True
        state["after_signer"] = bool(rules["signer"].search(text))
        set_label(block, "docno_line", "发文字号 grammar" + (" + 签发人" if state["after_signer"] else ""))
        return True
    if state.get("mark") and not state.get("docno") and docnumber.parse_session_number(text):
        state["docno"] = True
        set_label(block, "docno_line", "期号 of a 纪要 or 令号 of a 命令 under the mark")
        return True
    if rules["signer"].search(text):
        state["after_signer"] = True
        set_label(block, "signer_line", "签发人 pattern")
        return True
    if state.get("after_signer") and all(_NAME.match(n) for n in names_of(text)):
        set_label(block, "signer_line", "names continued under 签发人")
        return True
    if not state.get("docno") and _is_issuer_mark(block, red_marks, following):
        state["mark"] = True
        set_label(block, "issuer_mark", "red mark" if red_marks else "mark ending or organ above 文号")
        return True
    state["after_signer"] = False
    return False


def label_front(blocks: list[Block], body_size: Optional[float] = None) -> None:
    red_marks = any(b.is_red and not docnumber.find(b.folded) and "关于" not in b.folded for b in blocks)
    state: dict = {}
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if not _label_element(block, red_marks, following, state):
            set_label(block, "front_other", "no 版头 element")
    _extend_stacked_mark(blocks)
    title = choose_title([b for b in blocks if b.label == "front_other"], body_size)
    for block in title:
        set_label(block, "title", "best title candidate")


def _extend_stacked_mark(blocks: list[Block]) -> None:
    """Organ names stacked above a mark row (a joint mark in plain text, one organ per line)."""
    for index in range(len(blocks) - 2, -1, -1):
        block, below = blocks[index], blocks[index + 1]
        text = regex.sub(r"[\s\u3000]+", "", block.folded)
        if (block.label == "front_other" and below.label == "issuer_mark" and len(text) <= 30
                and not regex.search(r"[。，；：:《》]", text) and _rules()["organ"].search(text)):
            set_label(block, "issuer_mark", "organ name stacked above the mark")


def _score(blocks: list[Block], body_size: Optional[float]) -> int:
    title = load("elements")["title"]
    weights, limits = title["weights"], title["thresholds"]
    text = "".join(b.folded for b in blocks)
    first = blocks[0]
    found = {
        "doc_type_ending": bool(doc_type_of(text)),
        "guanyu": "关于" in text,
        "report_title": bool(_rules()["report_title"].search(text)),
        "heading_markup": first.markup in ("h1", "h2", "h3"),
        "larger_size": bool(first.size and body_size and first.size >= body_size + limits["larger_by"]),
        "centered": first.centered,
        "not_a_title": bool(regex.search(r"[。；：:]$", text) or len(text) > limits["max_length"]
                            or _rules()["not_a_title"].search(text)),
    }
    return sum(weights[name] for name, present in found.items() if present)


def _groups(blocks: list[Block]) -> list[list[Block]]:
    """Consecutive lines of one title: a line not ending in a 文种 continues on the next."""
    groups: list[list[Block]] = []
    for block in blocks:
        prev = groups[-1][-1] if groups else None
        organ_then_subject = (
            prev is not None and _rules()["organ"].search(prev.folded) is not None and block.folded.startswith("关于")
        )
        joinable = organ_then_subject or (
            prev is not None
            and not doc_type_of(prev.folded)
            and not block.blank_before
            and len(prev.folded) < 40
            and prev.size == block.size
            and not regex.search(r"[。；，：:]$", prev.folded)
            and not regex.search(r"[:：]", block.folded)  # 密级：秘密 under a title is a field, not its tail
        )
        if joinable:
            groups[-1].append(block)
        else:
            groups.append([block])
    return groups


def choose_title(candidates: list[Block], body_size: Optional[float] = None) -> list[Block]:
    """The blocks of the best title candidate, preferring the one nearest the body."""
    best: list[Block] = []
    best_score = 0
    for group in _groups(candidates):
        score = _score(group, body_size)
        if score >= best_score and score >= load("elements")["title"]["thresholds"]["min_score"]:
            best, best_score = group, score
    return best
