"""标题 and doc_type: the 文种 a title ends with, and a title's lines joined (the labelling stage
chooses the title's blocks: labels/front.py)."""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..rules import load
from ..text.fold import fold


@lru_cache(maxsize=None)
def _endings():
    return sorted(load("elements")["title"]["doc_types"], key=lambda pair: -len(pair[0]))


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
    for ending, doc_type in _endings():
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
