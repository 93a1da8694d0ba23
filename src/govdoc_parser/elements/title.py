"""标题 and doc_type: choose the title among the front blocks the 版头 parser left over."""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..layout import Block
from ..rules import load
from ..text.fold import fold


@lru_cache(maxsize=None)
def _rules():
    title = load("elements")["title"]
    endings = sorted(title["doc_types"], key=lambda pair: -len(pair[0]))
    return endings, regex.compile(title["report_title"])


def doc_type_of(title: Optional[str]) -> Optional[str]:
    """The 文种 the title ends with.

    >>> doc_type_of("国务院办公厅关于巴东县地质灾害险情有关问题的复函"), doc_type_of("某局2023年度法治政府建设工作报告")
    ('函', '报告')
    >>> doc_type_of("一份公文文件") is None, doc_type_of("關於2022年度法治政府建設情況的報告")
    (True, '报告')
    """
    if not title:
        return None
    text = fold(title).rstrip("）)》” ")
    for ending, doc_type in _rules()[0]:
        if text.endswith(ending):
            return doc_type
    return None


def clean_title(text: str) -> str:
    """Join a title's lines: drop layout spaces, keep a space between two organs.

    >>> clean_title("示范区党工委 示范区管委会 关于 2021年度法治政府建设情况的报告")
    '示范区党工委 示范区管委会关于2021年度法治政府建设情况的报告'
    """
    text = regex.sub(r"\s+", " ", text).strip()
    text = regex.sub(r"^[^丨|｜]{1,12}[丨|｜]\s*", "", text)  # a portal channel name: 政务服务丨…
    text = regex.sub(r"\s*(关于)\s*", r"\1", text)
    return regex.sub(r"(?<=[\d\p{Ps}\p{Pe}《》“”])\s+|\s+(?=[\d\p{Ps}\p{Pe}《》“”])", "", text)


def _score(block: Block, body_size: Optional[float]) -> int:
    text = block.text
    score = 0
    if doc_type_of(text):
        score += 3
    if "关于" in text:
        score += 1
    if _rules()[1].search(text):
        score += 2
    if block.markup in ("h1", "h2", "h3"):
        score += 1
    if block.size and body_size and block.size >= body_size + 3:
        score += 3
    if block.centered:
        score += 1
    if regex.search(r"[。；：:]$", text) or len(text) > 120:
        score -= 5
    return score


_organ = regex.compile(load("elements")["body"]["organ_suffix"])


def _groups(blocks: list[Block]) -> list[list[Block]]:
    """Consecutive lines of one title: a line not ending in a 文种 continues on the next."""
    groups: list[list[Block]] = []
    for block in blocks:
        prev = groups[-1][-1] if groups else None
        organ_then_subject = (
            prev is not None and _organ.search(prev.text) is not None and block.text.startswith("关于")
        )
        joinable = organ_then_subject or (
            prev is not None
            and not doc_type_of(prev.text)
            and not block.blank_before
            and len(prev.text) < 40
            and (prev.size == block.size)
            and not regex.search(r"[。；，：:]$", prev.text)
        )
        if joinable:
            groups[-1].append(block)
        else:
            groups.append([block])
    return groups


def find_title(leftovers: list[Block], body_size: Optional[float] = None) -> tuple[Optional[str], list[Block]]:
    """The best title candidate (text, its blocks), preferring the one nearest the body."""
    best, best_score = None, 0
    for group in _groups(leftovers):
        joined = Block(lines=[l for b in group for l in b.lines], centered=group[0].centered)
        score = _score(joined, body_size)
        if score >= best_score and score >= 3:
            best, best_score = group, score
    if best is None:
        return None, []
    return clean_title("".join(b.text for b in best)), best
