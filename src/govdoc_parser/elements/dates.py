"""Dates as printed in 公文 (成文日期, 印发日期), to ISO strings.

A thin layer over ``govdoc_parser.text.dates``, which reads every form (Arabic,
Chinese, informal, full-width digits); the names here are the ones the element
parsers use.

>>> to_iso("2021年12月31日"), to_iso("二〇二一年十二月三十一日"), to_iso("二○○七年十月十二日")
('2021-12-31', '2021-12-31', '2007-10-12')
>>> to_iso("2022年01月04日"), to_iso("2024.3.8"), to_iso("2018 年 5 月 31 日")
('2022-01-04', '2024-03-08', '2018-05-31')
>>> to_iso("2021年13月1日") is None
True
"""

from __future__ import annotations

from typing import Optional

from ..text import dates as _dates
from ..text.dates import ARABIC, CHINESE, INFORMAL, PATTERNS, DateSpan, to_iso  # noqa: F401 (public names)
from ..text.numerals import parse_small


def cn_number(text: str) -> int:
    """Small Chinese numbers as in dates: 十二 -> 12, 三十一 -> 31, 二〇二一 -> 2021.

    >>> cn_number("十二"), cn_number("三十一"), cn_number("十"), cn_number("二〇二一")
    (12, 31, 10, 2021)
    """
    value = parse_small(text)
    if value is None:
        raise ValueError(f"not a Chinese number: {text!r}")
    return value


def find(text: str) -> Optional[DateSpan]:
    """The first date in ``text``, any accepted form (``start``, ``end``, ``date``)."""
    return _dates.first(text)


def match_to_iso(match: DateSpan) -> Optional[str]:
    """The ISO form of a date found by ``find`` (None when it does not exist)."""
    return match.date.isoformat() if match.date else None


def is_date_line(text: str) -> bool:
    """A line that is only a date (the 成文日期 slot).

    >>> is_date_line("2021年12月31日"), is_date_line("2021年12月31日印发"), is_date_line("截至2021年12月31日，共")
    (True, False, False)
    """
    return _dates.is_date_only(text)
