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


def unit_before_year(title: Optional[str]) -> Optional[str]:
    """The unit a report's title names before its year, an organ or a place (rules/issuers.toml).

    >>> unit_before_year("洪泽区人民政府2023年政府信息公开工作年度报告"), unit_before_year("静海区2023年度法治政府建设情况报告")
    ('洪泽区人民政府', '静海区')
    >>> unit_before_year("2023年法治政府建设工作报告"), unit_before_year("全面推进2023年依法行政的意见")
    (None, None)
    """
    rules = load("issuers")
    found = regex.match(rules["title_unit_before_year"], fold(title or ""))
    if not found:
        return None
    head = found.group(1).strip()
    return head if _organ().search(head) or regex.search(rules["place_suffix"], head) else None


@lru_cache(maxsize=None)
def _key_rules() -> list:
    return [(regex.compile(p), r) for p, r in load("issuers")["normalise"]]


def issuer_key(name: Optional[str]) -> Optional[str]:
    """The key that one organ has however its name is printed (rules/issuers.toml): no spaces,
    no 文件 ending or leading 中共/中国共产党, 人民政府 as 政府, a party committee 县委员会 as 县委.

    >>> issuer_key("青川市人民政府文件") == issuer_key("青川市政府") == issuer_key(" 青川市 人民政府 ")
    True
    >>> issuer_key("中共云岭县委员会"), issuer_key("中共云岭县委"), issuer_key("中国共产党云岭县委员会")
    ('云岭县委', '云岭县委', '云岭县委')
    >>> issuer_key("澄湖新区管理委员会"), issuer_key("") is None, issuer_key(None) is None
    ('澄湖新区管理委员会', True, True)
    """
    key = fold(name or "")
    for pattern, replacement in _key_rules():
        key = pattern.sub(replacement, key)
    return key or None


def resolve(mark_issuers: list[str], signature_issuers: list[str], title: Optional[str]) -> tuple[list[str], Optional[str]]:
    """The issuers and where they came from (``mark``, ``signature`` or ``title``)."""
    for source, found in (("mark", mark_issuers), ("signature", signature_issuers), ("title", from_title(title))):
        if found:
            return list(found), source
    return [], None
