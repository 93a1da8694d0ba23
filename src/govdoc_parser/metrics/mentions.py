"""Find the numeric mentions of a text: number, multiplier, unit and qualifiers.

A mention is what a reader would underline: ``533余人次``, ``50%以上``, ``约78.9万个``,
``百分之九十五``. Numbers that are dates, ordinals, codes, parts of titles, slogans or
quoted names are dropped here, by the rules of ``rules/exclusions.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .numbers import CHINESE_NUMERAL_CHARS, apply_multiplier, parse_arabic, parse_chinese, parse_chinese_decimal
from .tables import TABLES

_CN = "零〇一二两三四五六七八九十百千万亿"
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?(?:亿(?:\d+(?:\.\d+)?万)?|万|亿)?"
_PERCENT_WORDS = r"百分之[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?"
_BETWEEN = "|".join(TABLES.qualifier_between)
_AFTER = "|".join(sorted(TABLES.qualifier_after, key=len, reverse=True))

MENTION = re.compile(
    rf"(?P<pre>{TABLES.qualifier_before_pattern})?\s?"
    rf"(?:(?P<pct>{_PERCENT_WORDS})"
    rf"|(?<![\d.])(?P<arabic>{_ARABIC})"
    rf"|(?<![{_CN}])(?P<chinese>[{_CN}]+))"
    rf"(?P<between>{_BETWEEN})?(?P<multiplier>[万亿])?"
    rf"(?:(?P<space>[ \u00a0]{{0,2}})(?P<unit>{TABLES.unit_pattern}))?"
    rf"(?P<post>{_AFTER})?"
)

# Quick test: does a text hold anything that could be a mention at all?
MAYBE_NUMBER = re.compile(rf"[\d{_CN}%]")


@dataclass
class Mention:
    """One numeric mention, with offsets into the matching view of its text."""

    start: int
    end: int
    value: float
    unit: Optional[str]
    unit_written: str
    kind: str
    qualifier: str
    number_start: int  # where the number itself starts (after a qualifier word)


def find_mentions(text: str) -> list[Mention]:
    """Mentions in *text* (already folded to the matching view), in text order.

    >>> [(m.value, m.unit, m.qualifier) for m in find_mentions("共排查矛盾纠纷 262 起,化解533余人次")]
    [(262.0, '起', 'exact'), (533.0, '人次', 'more_than')]
    >>> [m.value for m in find_mentions("十九届六中全会、第一责任人、2021年、一项重要任务")]
    []
    """
    if not MAYBE_NUMBER.search(text):
        return []
    blocked = _excluded_spans(text)
    found = []
    for match in MENTION.finditer(text):
        mention = _mention_from(match)
        if mention and not _is_excluded(match, text, blocked):
            found.append(mention)
    return found


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in TABLES.excluded_spans.finditer(text)]


def _mention_from(match: re.Match) -> Optional[Mention]:
    value = _value_of(match)
    unit_written = match["unit"] or ""
    if match["pct"]:
        unit_written = unit_written or "%"
    if value is None or not unit_written:
        return None
    if match["pct"] and unit_written not in ("%", "个百分点"):
        return None
    kind = "percent" if match["pct"] else TABLES.unit_kind[unit_written]
    number_start = match.start("pct") if match["pct"] else match.start("arabic" if match["arabic"] else "chinese")
    return Mention(
        start=match.start() if match["pre"] else number_start,
        end=match.end(),
        value=value,
        unit=TABLES.unit_output[unit_written] if unit_written in TABLES.unit_output else unit_written,
        unit_written=unit_written,
        kind=kind,
        qualifier=_qualifier_of(match),
        number_start=number_start,
    )


def _value_of(match: re.Match) -> Optional[float]:
    if match["pct"]:
        if match["multiplier"] or match["between"]:
            return None
        return parse_chinese_decimal(match["pct"][3:])
    multiplier = match["multiplier"] or ""
    if match["arabic"]:
        value = _arabic_with_multiplier(match["arabic"])
    else:
        value = _chinese_value(match["chinese"], has_between=bool(match["between"]))
        if value is not None and multiplier and value >= 10_000:
            return None
    return None if value is None else apply_multiplier(value, multiplier)


def _arabic_with_multiplier(text: str) -> Optional[float]:
    head, sep, tail = text.partition("亿")
    if sep:
        base = parse_arabic(head)
        rest = _arabic_with_multiplier(tail) if tail else 0.0
        return None if base is None or rest is None else base * 1e8 + rest
    if text.endswith("万"):
        base = parse_arabic(text[:-1])
        return None if base is None else base * 1e4
    return parse_arabic(text)


def _chinese_value(text: str, has_between: bool) -> Optional[float]:
    if text in TABLES.lone_not_numbers and not has_between:
        return None
    value = parse_chinese(text, bare_unit=has_between)
    return None if value is None else float(value)


def _qualifier_of(match: re.Match) -> str:
    if match["pre"]:
        return TABLES.qualifier_before[match["pre"]]
    if match["between"]:
        return TABLES.qualifier_between[match["between"]]
    if match["post"]:
        return TABLES.qualifier_after[match["post"]]
    return "exact"


def _is_excluded(match: re.Match, text: str, blocked: list[tuple[int, int]]) -> bool:
    start, end = match.start(), match.end()
    if TABLES.excluded_before.search(text, max(0, start - 8), start):
        return True
    if TABLES.excluded_after.match(text, end, min(len(text), end + 24)):
        return True
    if _looks_like_code(match):
        return True
    return any(s < end and start < e for s, e in blocked)


def _looks_like_code(match: re.Match) -> bool:
    """Long digit runs without a 万/亿 are phone or index numbers."""
    arabic = match["arabic"]
    if not arabic or match["multiplier"] or not arabic.isdigit():
        return False
    return len(arabic) >= TABLES.code_digits and match["unit"] != "元"


__all__ = ["Mention", "find_mentions", "MAYBE_NUMBER", "CHINESE_NUMERAL_CHARS"]
