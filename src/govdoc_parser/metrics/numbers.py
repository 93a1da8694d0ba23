"""Numerals as Chinese official documents write them.

Small functions, one per form, in the style of python-stdnum: Arabic digits with
thousands separators and decimals, full-width digits, Chinese cardinals (四十七, 两千,
一百零八), 万/亿 multipliers and 百分之 percentages. A string that is not a well-formed
numeral gives ``None``: 十三五 (a plan name), 二〇二一 (a year written digit by digit)
and 三五 (an approximation, "three or five") are not numbers.

>>> parse_number("1.2万")
12000.0
>>> parse_number("四十七")
47.0
>>> parse_number("百分之九十五")
95.0
>>> parse_number("十三五") is None
True
"""

from __future__ import annotations

from typing import Optional

from ..text import numerals
from ..text.numerals import BIG_UNITS, DIGITS, TRADITIONAL_BIG_UNITS  # tables live in text.numerals

CHINESE_NUMERAL_CHARS = numerals.ORDINARY_CHARS
MULTIPLIERS = {**BIG_UNITS, **TRADITIONAL_BIG_UNITS}

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")


def compact(text: str) -> str:
    """Fold full-width digits and separators and drop spaces.

    >>> compact("１２．５ ")
    '12.5'
    """
    return text.translate(_FULL_WIDTH).replace(" ", "").replace("\u3000", "")


def parse_arabic(text: str) -> Optional[float]:
    """Value of an Arabic numeral, with thousands separators and a decimal part.

    >>> parse_arabic("1,234")
    1234.0
    >>> parse_arabic("１２．５")
    12.5
    >>> parse_arabic("12,34") is None
    True
    """
    text = compact(text)
    whole, _, decimals = text.partition(".")
    groups = whole.split(",")
    if not all(g.isdigit() for g in groups) or (decimals and not decimals.isdigit()):
        return None
    if len(groups) > 1 and any(len(g) != 3 for g in groups[1:]):
        return None
    return float(whole.replace(",", "") + ("." + decimals if decimals else ""))


def parse_chinese(text: str, bare_unit: bool = False) -> Optional[int]:
    """Value of a Chinese cardinal numeral, or None when *text* is not one.

    ``text.numerals.parse`` restricted to the ordinary forms (no 壹贰叁, no 萬億) and
    to counts (a lone 零 is no count). *bare_unit* allows a leading 百/千/万 without a
    digit, as in 百余 or 千余.

    >>> parse_chinese("四十七"), parse_chinese("两千三百"), parse_chinese("一百零八")
    (47, 2300, 108)
    >>> parse_chinese("十六"), parse_chinese("一千二百万"), parse_chinese("三亿五千万")
    (16, 12000000, 350000000)
    >>> parse_chinese("十三五") is None, parse_chinese("二〇二一") is None, parse_chinese("零") is None
    (True, True, True)
    >>> parse_chinese("百") is None, parse_chinese("百", bare_unit=True)
    (True, 100)
    >>> parse_chinese("一百五") is None, parse_chinese("一万五") is None  # 150 or 105: too ambiguous to guess
    (True, True)
    """
    if not text or any(ch not in CHINESE_NUMERAL_CHARS for ch in text):
        return None
    value = numerals.parse(text, bare_unit=bare_unit)
    return value if value else None  # 0 only for a lone 零/〇


def parse_chinese_decimal(text: str) -> Optional[float]:
    """A Chinese numeral with a 点 decimal part, digits read one by one.

    >>> parse_chinese_decimal("九十五点五")
    95.5
    >>> parse_chinese_decimal("九十五")
    95.0
    """
    whole, _, decimals = text.partition("点")
    value = parse_chinese(whole, bare_unit=True)
    if value is None or any(ch not in DIGITS for ch in decimals):
        return None
    digits = "".join(str(DIGITS[ch]) for ch in decimals)
    return float(f"{value}.{digits}" if digits else value)


def parse_percent(text: str) -> Optional[float]:
    """Value of 百分之… or N% as a number of percent.

    >>> parse_percent("百分之九十五"), parse_percent("百分之百"), parse_percent("８．６％")
    (95.0, 100.0, 8.6)
    """
    if text.startswith("百分之"):
        return parse_chinese_decimal(text[3:])
    return parse_arabic(compact(text).rstrip("%％"))


def parse_count(text: str) -> Optional[tuple[float, bool]]:
    """A count as written before its unit: the value and whether 余/多 follows.

    >>> parse_count("两千余"), parse_count("十余"), parse_count("百余"), parse_count("533余")
    ((2000.0, True), (10.0, True), (100.0, True), (533.0, True))
    >>> parse_count("四十七"), parse_count("1.2万余"), parse_count("十三五")
    ((47.0, False), (12000.0, True), None)
    """
    text = compact(text)
    more = text.endswith(("余", "多"))
    if more:
        text = text[:-1]
    if text and text[0] in CHINESE_NUMERAL_CHARS:
        value = parse_chinese(text, bare_unit=more)
        return None if value is None else (float(value), more)
    value = parse_number(text)
    return None if value is None else (value, more)


def apply_multiplier(value: float, multiplier: str) -> float:
    """Apply a 万 or 亿 written after a number.

    >>> apply_multiplier(1.2, "万"), apply_multiplier(3.5, "亿")
    (12000.0, 350000000.0)
    """
    if not multiplier:
        return value
    return float(round(value * MULTIPLIERS[multiplier], 6))


def parse_number(text: str) -> Optional[float]:
    """Value of any numeral form above, with a trailing 万/亿 applied.

    >>> parse_number("1,234"), parse_number("3万"), parse_number("5亿3400万")
    (1234.0, 30000.0, 534000000.0)
    >>> parse_number("两千"), parse_number("八十"), parse_number("95%")
    (2000.0, 80.0, 95.0)
    >>> parse_number("4.0版") is None
    True
    """
    text = compact(text)
    if text.startswith("百分之") or text.endswith("%"):
        return parse_percent(text)
    if text and text[0] in CHINESE_NUMERAL_CHARS:
        value = parse_chinese(text)
        return None if value is None else float(value)
    for big, factor in (("亿", 100_000_000), ("万", 10_000)):
        head, sep, tail = text.partition(big)
        if sep:
            head_value = parse_arabic(head)
            tail_value = parse_number(tail) if tail else 0.0
            if head_value is None or tail_value is None or (tail and tail_value >= factor):
                return None
            return float(round(head_value * factor + tail_value, 6))
    return parse_arabic(text)


def significant(value: float, digits: int = 4) -> float:
    """*value* rounded to *digits* significant digits (how values are compared).

    >>> significant(12345.0), significant(98.66), significant(0.0)
    (12340.0, 98.66, 0.0)
    """
    return float(f"{value:.{digits}g}")
