"""Dates as printed in 公文 (成文日期, 印发日期), to ISO strings.

>>> to_iso("2021年12月31日"), to_iso("二〇二一年十二月三十一日"), to_iso("二○○七年十月十二日")
('2021-12-31', '2021-12-31', '2007-10-12')
>>> to_iso("2022年01月04日"), to_iso("2024.3.8"), to_iso("2018 年 5 月 31 日")
('2022-01-04', '2024-03-08', '2018-05-31')
>>> to_iso("2021年13月1日") is None
True
"""

from __future__ import annotations

import datetime
from typing import Optional

import regex

from ..rules import load

_DIGITS = load("dates")["digits"]
_CN_DIGIT = "".join(k for k in _DIGITS if not k.isdigit())
_CN_NUM = rf"[{_CN_DIGIT}十]{{1,3}}"

ARABIC = regex.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]")
CHINESE = regex.compile(rf"(?P<y>[{_CN_DIGIT}]{{4}})\s*年\s*(?P<m>{_CN_NUM})\s*月\s*(?P<d>{_CN_NUM})\s*日")
INFORMAL = regex.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[.\-/](?P<m>\d{1,2})[.\-/](?P<d>\d{1,2})(?!\d)")
PATTERNS = (ARABIC, CHINESE, INFORMAL)


def cn_number(text: str) -> int:
    """Small Chinese numbers as in dates: 十二 -> 12, 三十一 -> 31, 二〇二一 -> 2021.

    >>> cn_number("十二"), cn_number("三十一"), cn_number("十"), cn_number("二〇二一")
    (12, 31, 10, 2021)
    """
    if "十" not in text:
        return int("".join(str(_DIGITS[c]) for c in text))
    tens, _, units = text.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)


def _value(text: str) -> int:
    return int(text) if text.isdigit() else cn_number(text)


def find(text: str) -> Optional[regex.Match]:
    """The first date in ``text``, any accepted form."""
    matches = [m for p in PATTERNS if (m := p.search(text))]
    return min(matches, key=lambda m: m.start()) if matches else None


def match_to_iso(match: regex.Match) -> Optional[str]:
    try:
        date = datetime.date(_value(match["y"]), _value(match["m"]), _value(match["d"]))
    except (ValueError, KeyError):
        return None
    return date.isoformat()


def to_iso(text: str) -> Optional[str]:
    match = find(text)
    return match_to_iso(match) if match else None


def is_date_line(text: str) -> bool:
    """A line that is only a date (the 成文日期 slot).

    >>> is_date_line("2021年12月31日"), is_date_line("2021年12月31日印发"), is_date_line("截至2021年12月31日，共")
    (True, False, False)
    """
    stripped = regex.sub(r"[\s\u3000]", "", text)
    match = find(stripped)
    return bool(match) and match.start() == 0 and match.end() == len(stripped)
