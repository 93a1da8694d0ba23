"""The dates of 公文 (成文日期, 印发日期, dates in the text), one parser for all forms.

Accepted, after ``fold`` (so full-width digits and traditional 號 read too):

- Arabic: ``2021年12月31日``, ``2021 年 12 月 31 日``, ``2022年01月04日``, ``…31号``;
- Chinese: ``二〇二一年十二月三十一日``, ``二○○七年十月十二日`` (〇 and its look-alikes);
- informal: ``2024.3.8``, ``2024-03-08``, ``2024/3/8`` (one separator throughout).

Arabic and informal years are 1900-2099; a date that does not exist gives ``None``.
Spans returned by ``find`` index the printed text (``fold`` keeps every offset).

>>> to_iso("2021年12月31日"), to_iso("二〇二一年十二月三十一日"), to_iso("二○○七年十月十二日")
('2021-12-31', '2021-12-31', '2007-10-12')
>>> to_iso("２０２２年１２月３０日"), to_iso("2024.3.8"), to_iso("2024-03-08"), to_iso("2024/3/8")
('2022-12-30', '2024-03-08', '2024-03-08', '2024-03-08')
>>> to_iso("2018 年 5 月 31 日"), to_iso("2021年13月1日"), to_iso("2023年2月29日")
('2018-05-31', None, None)
"""

from __future__ import annotations

import datetime
from typing import NamedTuple, Optional

import regex

from .fold import fold
from .numerals import YEAR_DIGIT_CHARS, format as format_number, format_digits, parse_small

_CN_YEAR_DIGITS = YEAR_DIGIT_CHARS + "Oo0"  # O and 0 stand in for 〇 in some files
_CN_SMALL = rf"[{YEAR_DIGIT_CHARS}十]{{1,3}}"

ARABIC = regex.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]")
CHINESE = regex.compile(
    rf"(?P<y>[{_CN_YEAR_DIGITS}]{{4}})\s*年\s*(?P<m>{_CN_SMALL})\s*月\s*(?P<d>{_CN_SMALL})\s*[日号]")
INFORMAL = regex.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d{2})(?P<sep>[.．/／\-－])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d.])")
PATTERNS = (ARABIC, CHINESE, INFORMAL)
# One pass for all forms: the leftmost date wins, the forms above in that order at a tie
# (the regex module lets the branches share the group names y, m and d).
_ANY = regex.compile("|".join(f"(?:{p.pattern})" for p in PATTERNS))


class DateSpan(NamedTuple):
    """A date found in a text: its span, the text as printed and the date (None when
    the date does not exist, as 2021年2月30日)."""

    start: int
    end: int
    text: str
    date: Optional[datetime.date]

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


def _value(text: str) -> Optional[int]:
    return int(text) if text.isdigit() and text.isascii() else parse_small(text)


def _date(match: regex.Match) -> Optional[datetime.date]:
    year, month, day = (_value(match[k]) for k in "ymd")
    if year is None or month is None or day is None:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def find(text: str) -> list[DateSpan]:
    """Every date written in ``text``, in order, with spans into ``text``.

    >>> find("自2021年1月1日起施行，2020年2月30日废止")
    [DateSpan(start=1, end=10, text='2021年1月1日', date=datetime.date(2021, 1, 1)), DateSpan(start=14, end=24, text='2020年2月30日', date=None)]
    """
    return [DateSpan(m.start(), m.end(), text[m.start():m.end()], _date(m)) for m in _ANY.finditer(fold(text))]


def first(text: str) -> Optional[DateSpan]:
    """The first date written in ``text``, or None.

    >>> first("印发日期：2022年1月4日").span
    (5, 14)
    """
    match = _ANY.search(fold(text))
    return None if match is None else DateSpan(match.start(), match.end(), text[match.start():match.end()], _date(match))


def parse(text: str) -> Optional[datetime.date]:
    """The first date written in ``text``; None when there is none or it does not exist.

    >>> parse("二〇二一年十二月三十一日")
    datetime.date(2021, 12, 31)
    """
    found = first(text)
    return found.date if found else None


def to_iso(text: str) -> Optional[str]:
    """``parse`` as an ISO 8601 string (``2021-12-31``)."""
    date = parse(text)
    return date.isoformat() if date else None


def is_date_only(text: str) -> bool:
    """Is ``text``, spaces aside, one date and nothing else?

    >>> is_date_only(" 2021年12月31日 "), is_date_only("2021年12月31日印发")
    (True, False)
    """
    stripped = "".join(text.split())
    found = first(stripped)
    return found is not None and found.start == 0 and found.end == len(stripped)


def format(date: datetime.date, style: str = "arabic") -> str:
    """``date`` as 公文 write it: ``arabic`` (2021年12月31日, GB/T 9704-2012 for 成文日期)
    or ``chinese`` (二〇二一年十二月三十一日).

    >>> format(datetime.date(2021, 1, 4)), format(datetime.date(2021, 1, 4), "chinese")
    ('2021年1月4日', '二〇二一年一月四日')
    """
    if style == "arabic":
        return f"{date.year}年{date.month}月{date.day}日"
    if style == "chinese":
        return f"{format_digits(date.year, 4)}年{format_number(date.month)}月{format_number(date.day)}日"
    raise ValueError(f"style is 'arabic' or 'chinese', not {style!r}")
