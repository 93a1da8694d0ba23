"""Find the numeric mentions of a text: number, multiplier, unit and qualifiers.

A mention is what a reader would underline: ``533余人次``, ``50%以上``, ``约78.9万个``,
``百分之九十五``. Numbers that are dates, ordinals, codes, parts of titles, slogans or
quoted names are dropped here, by the rules of ``rules/exclusions.toml``.

Speed matters (every paragraph of every report passes here), so the search is in two
steps: a cheap pattern finds "a numeral, then a unit's first character" and only
there is the full mention pattern tried.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..text.numerals import ORDINARY_CHARS
from .numbers import apply_multiplier, parse_arabic, parse_chinese, parse_chinese_decimal
from .tables import TABLES

_CN = ORDINARY_CHARS.replace("○", "")  # ○, a look-alike of 〇, stands in years only
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?(?:亿(?:\d+(?:\.\d+)?万)?|万|亿)?"
_BETWEEN = "|".join(TABLES.qualifier_between)
_AFTER = TABLES.qualifier_after_pattern
_UNIT_STARTS = re.escape(TABLES.unit_first_chars)

# A number with its unit, anchored where the number starts.
NUMBER_WITH_UNIT = re.compile(
    rf"(?:(?<![\d.])(?P<arabic>{_ARABIC})|(?<![{_CN}])(?P<chinese>[{_CN}]+))"
    rf"(?P<between>{_BETWEEN})?(?P<multiplier>[万亿])?"
    rf"(?P<space>[ ]{{0,2}})(?P<unit>{TABLES.unit_pattern})"
    rf"(?P<post>{_AFTER})?"
)
PERCENT_IN_WORDS = re.compile(
    rf"百分之(?P<number>[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?)(?P<post>{_AFTER})?"
)

# "A numeral, maybe 余/万, then the first character of a unit", on the folded view ...
_ANCHOR = re.compile(rf"百分之|[\d{_CN}][余多万亿 ]{{0,3}}[{_UNIT_STARTS}]")
# ... and on raw text (traditional and full-width forms included), to skip a paragraph
# without any number before folding it.
_RAW_ANCHOR = re.compile(
    "百分之|[" + re.escape("0123456789０１２３４５６７８９" + TABLES.raw_forms(_CN)) + "]"
    + "[" + re.escape(TABLES.raw_forms("余多万亿")) + " \u3000\u00a0]{0,3}"
    + "[" + re.escape(TABLES.raw_forms(TABLES.unit_first_chars) + "％﹪") + "]"
)
_NUMBER_CHARS = frozenset("0123456789.," + _CN)
_CN_CHARS = frozenset(_CN)
# Fixed terms with numerals, by numeral character: only those can hide a given number.
_SLOGANS_BY_NUMERAL: dict[str, tuple[str, ...]] = {}
for _slogan in TABLES.exclusions_file["spans"]["slogans"]:
    for _ch in set(_slogan) & _CN_CHARS:
        _SLOGANS_BY_NUMERAL[_ch] = _SLOGANS_BY_NUMERAL.get(_ch, ()) + (_slogan,)


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


def might_hold_mentions(raw_text: str) -> bool:
    """Cheap test on unfolded text: is there a numeral followed by a unit at all?"""
    return _RAW_ANCHOR.search(raw_text) is not None


def find_mentions(text: str) -> list[Mention]:
    """Mentions in *text* (already folded to the matching view), in text order.

    >>> [(m.value, m.unit, m.qualifier) for m in find_mentions("共排查矛盾纠纷 262 起,化解533余人次")]
    [(262.0, '起', 'exact'), (533.0, '人次', 'more_than')]
    >>> [m.value for m in find_mentions("十九届六中全会、第一责任人、2021年、一项重要任务")]
    []
    """
    found: list[Mention] = []
    taken = -1
    pairs = marks_in(text)
    for anchor in _ANCHOR.finditer(text):
        if anchor.group() == "百分之":
            match = PERCENT_IN_WORDS.match(text, anchor.start())
            mention = _percent_in_words(match) if match else None
        else:
            match = _match_number(text, anchor.start())
            mention = _number_with_unit(match) if match else None
        if mention is None or match.start() < taken:
            continue
        mention = _with_qualifier_before(text, mention)
        if not _is_excluded(text, mention, match, pairs):
            found.append(mention)
            taken = match.end()
    return found


def _match_number(text: str, anchor: int) -> Optional[re.Match]:
    """The number ending at *anchor*, with its unit. Where commas are list separators
    (分别为12,15件) the longest reading fails and a shorter one is tried."""
    start, lowest = anchor, max(0, anchor - 24)
    while start > lowest and text[start - 1] in _NUMBER_CHARS:
        start -= 1
    while start <= anchor:
        if text[start] not in ",.":
            match = NUMBER_WITH_UNIT.match(text, start)
            if match:
                return match
        separator = max(text.find(",", start, anchor + 1), text.find(".", start, anchor + 1))
        if separator < 0:
            return None
        start = separator + 1
    return None


def _number_with_unit(match: re.Match) -> Optional[Mention]:
    value = _value_of(match)
    unit_written = match["unit"]
    kind = TABLES.unit_kind[unit_written]
    if value is None or (kind == "count" and value != int(value)):  # 6.1 人力资源: no count
        return None
    return Mention(
        start=match.start(),
        end=match.end(),
        value=value,
        unit=TABLES.unit_output[unit_written],
        unit_written=unit_written,
        kind=kind,
        qualifier=_qualifier_after(match),
        number_start=match.start(),
    )


def _percent_in_words(match: re.Match) -> Optional[Mention]:
    value = parse_chinese_decimal(match["number"])
    if value is None:
        return None
    qualifier = TABLES.qualifier_after[match["post"]] if match["post"] else "exact"
    return Mention(match.start(), match.end(), value, "%", "%", "percent", qualifier, match.start())


def _value_of(match: re.Match) -> Optional[float]:
    multiplier = match["multiplier"] or ""
    if match["arabic"]:
        value = _arabic_with_multiplier(match["arabic"])
    else:
        value = _chinese_value(match["chinese"], has_between=bool(match["between"]))
        if value is not None and multiplier and value >= 10_000:
            return None
    return None if value is None else apply_multiplier(value, multiplier)


def _arabic_with_multiplier(text: str) -> Optional[float]:
    """Arabic digits with 万/亿 written inside the number (5亿3400万), rounded so that
    1.36万 is 13600, not 13600.000000000002.

    >>> _arabic_with_multiplier("1.36万"), _arabic_with_multiplier("5亿3400万")
    (13600.0, 534000000.0)
    """
    value = _arabic_unrounded(text)
    return None if value is None else float(round(value, 6))


def _arabic_unrounded(text: str) -> Optional[float]:
    if text.isdigit():
        return float(text)
    head, sep, tail = text.partition("亿")
    if sep:
        base = parse_arabic(head)
        rest = _arabic_unrounded(tail) if tail else 0.0
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


def _qualifier_after(match: re.Match) -> str:
    if match["between"]:
        return TABLES.qualifier_between[match["between"]]
    if match["post"]:
        return TABLES.qualifier_after[match["post"]]
    return "exact"


def _with_qualifier_before(text: str, mention: Mention) -> Mention:
    """约78.9万个, 不超过10分钟: a qualifier word right before the number joins the mention."""
    found = TABLES.qualifier_before_at_end.search(text, max(0, mention.start - 4), mention.start)
    if found:
        mention.start = found.start()
        mention.qualifier = TABLES.qualifier_before[found.group().strip()]
    return mention


# --- exclusions -----------------------------------------------------------------------

def _is_excluded(text: str, mention: Mention, match: re.Match, pairs) -> bool:
    start, end = mention.number_start, match.end()
    if TABLES.excluded_before.search(text, max(0, start - 8), start):
        return True
    if TABLES.excluded_after.match(text, end, min(len(text), end + 24)):
        return True
    if _looks_like_code(match):
        return True
    if mention.unit in TABLES.frequency_units and _is_frequency(text, mention.start):
        return True
    if pairs and is_enclosed(text, start, end, pairs):
        return True
    groups = match.groupdict()
    numeral = groups.get("chinese") or groups.get("number")
    if numeral:
        if TABLES.excluded_before_chinese.search(text, max(0, mention.start - 3), mention.start):
            return True
        return _in_slogan(text, start, end, numeral)
    return _in_excluded_pattern(text, start, end)


def _is_frequency(text: str, start: int) -> bool:
    """每季度召开1次: a rule of how often, not a count of what was done."""
    return TABLES.frequency_before.search(text, max(0, start - 8), start) is not None


def _looks_like_code(match: re.Match) -> bool:
    """Long digit runs without a 万/亿 are phone or index numbers."""
    arabic = match.groupdict().get("arabic")
    if not arabic or match["multiplier"] or not arabic.isdigit():
        return False
    return len(arabic) >= TABLES.code_digits and match["unit"] != "元"


def marks_in(text: str) -> tuple[tuple[str, str, int], ...]:
    """The enclosing mark pairs whose opening mark occurs in *text*."""
    return tuple(pair for pair in TABLES.enclosing_pairs if pair[0] in text)


def is_enclosed(text: str, start: int, end: int, pairs=None) -> bool:
    """Is text[start:end] inside a title 《…》, quotes “…” or another mark pair?"""
    for opening, closing, longest in TABLES.enclosing_pairs if pairs is None else pairs:
        if opening == closing:
            if text.count(opening, 0, start) % 2 and text.find(closing, end, end + longest) >= 0:
                return True
            continue
        opened = text.rfind(opening, max(0, start - longest), start)
        if opened < 0 or text.find(closing, opened + 1, start) >= 0:
            continue
        if text.find(closing, end, opened + longest + 1) >= 0:
            return True
    return False


def _in_excluded_pattern(text: str, start: int, end: int) -> bool:
    for found in TABLES.excluded_patterns.finditer(text, max(0, start - 12), min(len(text), end + 8)):
        if found.start() < end and start < found.end():
            return True
    return False


def _in_slogan(text: str, start: int, end: int, numeral: str) -> bool:
    """三项制度, 两个确立: a fixed term holding this numeral overlaps the mention."""
    for slogan in _SLOGANS_BY_NUMERAL.get(numeral[0], ()):
        position = text.find(slogan, max(0, start - len(slogan)), end + len(slogan))
        if position >= 0 and position < end and start < position + len(slogan):
            return True
    return False
