"""Issuer names to a comparison key, so one organ matches however its name is printed.

The key drops whitespace, the 发文机关标志 ending 文件 and a leading 中共/中国共产党, writes
人民政府 as 政府, and a party committee 县委员会 as 县委 (also 省 市 区 州 旗 盟 镇 乡):

>>> issuer_key("青川市人民政府文件") == issuer_key("青川市政府") == issuer_key(" 青川市 人民政府 ")
True
>>> issuer_key("中共云岭县委员会"), issuer_key("中共云岭县委"), issuer_key("中国共产党云岭县委员会")
('云岭县委', '云岭县委', '云岭县委')
>>> issuer_key("澄湖新区管理委员会")
'澄湖新区管理委员会'
>>> issuer_key("") is None, issuer_key(None) is None
(True, True)
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..rules import load

@lru_cache(maxsize=None)
def _rules() -> list:
    return [(regex.compile(p), r) for p, r in load("issuers")["normalise"]]


def issuer_key(name: Optional[str]) -> Optional[str]:
    """The normalised key of one issuer name (rules/issuers.toml), or None for an empty name."""
    key = name or ""
    for pattern, replacement in _rules():
        key = pattern.sub(replacement, key)
    return key or None
