"""Chinese numerals, both ways, in one place.

Cardinals (``parse``, ``format``): digits 〇一二三四五六七八九 with 两 and the zeros
零/〇/○, units 十百千 and 万亿, and the financial forms 壹贰叁肆伍陆柒捌玖拾佰仟 (traditional
萬億貳參陸兩 too, so unfolded text parses). Year-style digit strings (``parse_digits``,
``format_digits``): 二〇二一 is 2021, digit by digit.

``parse`` is strict: a string that is not a well-formed cardinal gives ``None``, so
十三五 (a plan name), 二〇二一 (a year), 三五 (three or five) and 一百五 (150 or 105?)
are not numbers.

>>> parse("四十七"), parse("两千三百"), parse("一百零八"), parse("壹佰贰拾叁")
(47, 2300, 108, 123)
>>> parse("十三五") is None, parse("二〇二一") is None, parse_digits("二〇二一")
(True, True, 2021)
>>> format(105), format(12), format(20_000_000_010)
('一百零五', '十二', '二百亿零一十')
"""

from __future__ import annotations

import builtins
from typing import Optional

ZEROS = "零〇○"
DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
# The characters of ordinary (not financial) cardinals, as metric patterns use them.
ORDINARY_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)

FINANCIAL_DIGITS = {"壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5,
                    "陆": 6, "陸": 6, "柒": 7, "捌": 8, "玖": 9, "兩": 2}
FINANCIAL_UNITS = {"拾": 10, "佰": 100, "仟": 1000}
TRADITIONAL_BIG_UNITS = {"萬": 10_000, "億": 100_000_000}

# Digits of year-style strings, 〇 with its look-alikes (○, O, o, 0, Ｏ) as printed.
YEAR_DIGITS = {**{ch: 0 for ch in "零〇○Oo0Ｏ"}, **{ch: i for i, ch in enumerate("一二三四五六七八九", 1)}}
YEAR_DIGIT_CHARS = "〇○零一二三四五六七八九"  # for patterns on folded text

_DIGIT, _SMALL, _BIG = 0, 1, 2
_CLASSES: dict[str, tuple[int, int]] = {
    **{ch: (_DIGIT, v) for ch, v in {**DIGITS, **FINANCIAL_DIGITS}.items()},
    **{ch: (_SMALL, v) for ch, v in {**SMALL_UNITS, **FINANCIAL_UNITS}.items()},
    **{ch: (_BIG, v) for ch, v in {**BIG_UNITS, **TRADITIONAL_BIG_UNITS}.items()},
}
NUMERAL_CHARS = "".join(_CLASSES)
LIMIT = 10**12  # format writes 0 <= n < LIMIT (up to 九千九百九十九亿…)

_WRITTEN = "零一二三四五六七八九"


def is_numeral(text: str) -> bool:
    """Is every character of ``text`` a numeral character (any form)?

    >>> is_numeral("三十"), is_numeral("叁拾"), is_numeral("三项"), is_numeral("")
    (True, True, False, False)
    """
    return bool(text) and all(ch in _CLASSES for ch in text)


def parse(text: str, bare_unit: bool = False) -> Optional[int]:
    """The value of a Chinese cardinal numeral, or None when ``text`` is not one.

    ``bare_unit`` allows a leading 百/千/万/亿 without a digit, as in 百余 or 千余.

    >>> parse("十六"), parse("一千二百万"), parse("三亿五千万"), parse("一万零五")
    (16, 12000000, 350000000, 10005)
    >>> parse("零"), parse("两"), parse("拾"), parse("壹萬貳仟")
    (0, 2, 10, 12000)
    >>> parse("百") is None, parse("百", bare_unit=True)
    (True, 100)
    >>> [parse(t) for t in ("一百五", "一万五", "零五", "十十", "万万", "")]
    [None, None, None, None, None, None]
    """
    if len(text) == 1 and text in ZEROS:
        return 0
    if not is_numeral(text):
        return None
    total = section = 0
    digit: Optional[int] = None
    last_small, last_big = 10_000, LIMIT
    zero = False  # a 零 written since the last unit
    for position, ch in enumerate(text):
        kind, value = _CLASSES[ch]
        if kind == _DIGIT:
            if digit is not None or (value == 0 and (zero or position == 0)):
                return None  # 三五, 二〇二一, 零零, a leading 零
            zero, digit = (True, None) if value == 0 else (zero, value)
        elif kind == _SMALL:
            if value >= last_small:
                return None
            if digit is None:
                digit = _bare_small_unit(value, position, zero, section, total, bare_unit)
                if digit is None:
                    return None
            section += digit * value
            digit, last_small, zero = None, value, False
        else:
            if value >= last_big:
                return None
            section += digit or 0
            if section == 0:
                if not (bare_unit and position == 0):
                    return None
                section = 1
            total += section * value
            section, digit, last_small, last_big, zero = 0, None, 10_000, value, False
    if digit is not None:
        if not zero and _last_unit(section, total, last_small, last_big) > 10:
            return None  # 一百五, 一万五: 150 or 105, 15000 or 10005
        section += digit
    return total + section


def _bare_small_unit(unit: int, position: int, zero: bool, section: int, total: int,
                     bare_unit: bool) -> Optional[int]:
    """1 when a unit without a digit is well formed here (十六, 三万十二, with bare_unit
    百余 and 千余 at the start), else None."""
    if zero or section or (total and unit != 10):
        return None
    if unit != 10 and not (bare_unit and position == 0):
        return None
    return 1


def _last_unit(section: int, total: int, last_small: int, last_big: int) -> int:
    """The unit written right before a final digit (0: none)."""
    if section:
        return last_small
    return last_big if total else 0


def parse_digits(text: str) -> Optional[int]:
    """A number written digit by digit, as years are: 二〇二一 -> 2021.

    >>> parse_digits("二〇二一"), parse_digits("二○○七"), parse_digits("二O二二"), parse_digits("十二")
    (2021, 2007, 2022, None)
    """
    if not text or any(ch not in YEAR_DIGITS for ch in text):
        return None
    value = 0
    for ch in text:
        value = value * 10 + YEAR_DIGITS[ch]
    return value


def parse_small(text: str) -> Optional[int]:
    """A month, day or other small number, as a cardinal (三十一) or digit by digit (一二).

    >>> parse_small("十二"), parse_small("三十一"), parse_small("〇五"), parse_small("二〇二一")
    (12, 31, 5, 2021)
    """
    value = parse(text)
    return value if value is not None else parse_digits(text)


def format(n: int) -> str:
    """The ordinary written form of ``0 <= n < 10**12``.

    The canonical form: digits 一二三…九 (二, not 两, before 千/万/亿), 零 for every gap
    (once), a leading 一十 written 十 (十二, 十万) but 一十 inside (一百一十, 一万零一十).

    >>> format(0), format(10), format(110), format(1005), format(10010)
    ('零', '十', '一百一十', '一千零五', '一万零一十')
    >>> format(2000), format(100_000), format(100_000_005), format(101_000_000)
    ('二千', '十万', '一亿零五', '一亿零一百万')
    """
    if not isinstance(n, int) or not 0 <= n < LIMIT:
        raise ValueError(f"format writes integers 0 <= n < 10**12, not {n!r}")
    if n == 0:
        return "零"
    out: list[str] = []
    gap = False
    for group, unit in ((n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")):
        if group == 0:
            gap = bool(out)
            continue
        if out and (gap or group < 1000):
            out.append("零")
        out.append(_group(group, leading=not out) + unit)
        gap = False
    return "".join(out)


def _group(n: int, leading: bool) -> str:
    """1 <= n < 10000 with 千百十; ``leading``: first group of the number (十二, not 一十二)."""
    out: list[str] = []
    gap = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit == 0:
            gap = gap or bool(out)
            continue
        if gap:
            out.append("零")
        if not (leading and not out and value == 10 and digit == 1):
            out.append(_WRITTEN[digit])
        out.append(unit)
        gap = False
    return "".join(out)


def format_digits(n: int, width: int = 0) -> str:
    """``n`` digit by digit, as years are written: 2021 -> 二〇二一.

    >>> format_digits(2021), format_digits(7, width=2)
    ('二〇二一', '〇七')
    """
    if not isinstance(n, int) or n < 0:
        raise ValueError(f"format_digits writes integers n >= 0, not {n!r}")
    return "".join("〇一二三四五六七八九"[int(d)] for d in builtins.format(n, f"0{width}d"))
