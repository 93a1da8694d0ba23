"""Issuers: from the 发文机关标志 first, then the 署名, then the organs a title names before 关于
(``国防部关于…的通知``, a web copy without 版头 or 署名)."""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..rules import load
from ..text.fold import fold


@lru_cache(maxsize=None)
def _organ() -> regex.Pattern:
    return regex.compile(load("elements")["body"]["organ_suffix"])


def from_title(title: Optional[str]) -> list[str]:
    """Organ names a title puts before 关于, each ending with an organ word.

    >>> from_title("国防部关于教育部放假的通知"), from_title("示范区党工委 示范区管委会关于2021年度法治政府建设情况的报告")
    (['国防部'], ['示范区党工委', '示范区管委会'])
    >>> from_title("关于做好2023年度报告工作的通知"), from_title("2023年法治政府建设工作报告")
    ([], [])
    """
    if not title:
        return []
    head = fold(title).split("关于", 1)
    if len(head) < 2 or not head[0].strip():
        return []
    organs = [p for p in regex.split(r"[\s、，,]+", head[0].strip()) if p]
    return organs if organs and all(_organ().search(o) for o in organs) else []


def resolve(mark_issuers: list[str], signature_issuers: list[str], title: Optional[str]) -> tuple[list[str], Optional[str]]:
    """The issuers and where they came from (``mark``, ``signature`` or ``title``)."""
    for source, found in (("mark", mark_issuers), ("signature", signature_issuers), ("title", from_title(title))):
        if found:
            return list(found), source
    return [], None
