"""Numerals: Arabic, full-width, Chinese, 万/亿, 百分之."""

import pytest
from hypothesis import given, strategies as st

from govdoc_parser.metrics.numbers import (
    parse_arabic,
    parse_chinese,
    parse_number,
    parse_percent,
    significant,
)

DIGITS = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """Write 1 <= n < 10**8 the standard way (一千零五, 十六, 三万零二十)."""
    def below_10000(m: int, leading: bool) -> str:
        out, zero = "", False
        for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = m // value % 10
            if d:
                if zero and out:
                    out += "零"
                out += ("" if (unit == "十" and d == 1 and leading and not out) else DIGITS[d]) + unit
                zero = False
            elif out:
                zero = True
        return out
    high, low = divmod(n, 10_000)
    if not high:
        return below_10000(low, leading=True)
    text = below_10000(high, leading=True) + "万"
    if low:
        text += ("零" if low < 1000 else "") + below_10000(low, leading=False)
    return text


@pytest.mark.parametrize("text, value", [
    ("831", 831), ("1,234", 1234), ("12.5", 12.5), ("１２．５", 12.5), ("0.5", 0.5),
])
def test_arabic(text, value):
    assert parse_arabic(text) == value


@pytest.mark.parametrize("text", ["12,34", "1,2345", "", "1.2.3", "abc"])
def test_arabic_rejects_malformed(text):
    assert parse_arabic(text) is None


@pytest.mark.parametrize("text, value", [
    ("四十七", 47), ("十", 10), ("十六", 16), ("二十", 20), ("一百零八", 108),
    ("两千", 2000), ("两千三百", 2300), ("一千二百", 1200), ("一千零五十", 1050),
    ("八十", 80), ("三万", 30000), ("十二万", 120000), ("一千二百万", 12_000_000),
    ("三亿五千万", 350_000_000), ("七", 7), ("两", 2),
])
def test_chinese(text, value):
    assert parse_chinese(text) == value


@pytest.mark.parametrize("text", [
    "十三五", "八五", "二〇二一", "三五", "一千七八百", "七八十", "零", "百", "千", "万",
    "一百五", "十十", "万万", "一是",
])
def test_not_chinese_cardinals(text):
    """Plan names, years written digit by digit, approximations and words are not numbers."""
    assert parse_chinese(text) is None


def test_bare_hundred_only_with_more_than():
    assert parse_chinese("百", bare_unit=True) == 100
    assert parse_chinese("千", bare_unit=True) == 1000
    assert parse_chinese("万", bare_unit=True) == 10000


@pytest.mark.parametrize("text, value", [
    ("1.2万", 12000), ("3.5亿", 350_000_000), ("5亿3400万", 534_000_000), ("1200万", 12_000_000),
    ("百分之九十五", 95), ("百分之九十五点五", 95.5), ("百分之百", 100), ("95%", 95), ("８．６％", 8.6),
])
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


def test_percent_words():
    assert parse_percent("百分之十五") == 15


@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_round_trip(n):
    assert parse_chinese(chinese(n)) == n


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_arabic_round_trip(whole, cents):
    grouped = f"{whole:,}"
    assert parse_arabic(f"{grouped}.{cents:02d}") == pytest.approx(whole + cents / 100)


def test_significant_digits():
    assert significant(12345) == 12340
    assert significant(98.66) == 98.66
