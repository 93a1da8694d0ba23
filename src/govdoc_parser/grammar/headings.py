"""The numbering grammar of headings (一、 （一） 1. （1）) and of regulations (第X章, 第X节,
第X条), read from ``rules/headings.toml``. Pure text functions: the labelling stage calls them
once per block and later stages read what it stored."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from ..rules import load


@dataclass
class Heading:
    number: str
    level: int
    heading: str
    rest: str  # body text that runs on after a run-in heading
    rest_offset: int  # where ``rest`` starts in the paragraph
    flag: Optional[str] = None
    kind: str = "heading"  # heading | chapter | part | article

    @property
    def ordinal(self) -> Optional[int]:
        """The number's value: 3 for ``（三）``, ``3.`` and ``第三条``; 12 for ``十二、``.

        >>> [match_heading(t).ordinal for t in ("十二、总结", "（3）做法", "二十一、其他")]
        [12, 3, 21]
        """
        digits = regex.sub(r"[^0-9一二三四五六七八九十百零〇]", "", self.number)
        if digits.isdigit():
            return int(digits)
        return _small_chinese(digits)


_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}


def _small_chinese(text: str) -> Optional[int]:
    if not text or any(c not in _CN_DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    tens, _, units = text.partition("十")
    return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(units, 0) if units else 0)


@lru_cache(maxsize=None)
def _levels():
    return [
        (regex.compile(item["pattern"]), item["level"], item.get("flag"))
        for item in load("headings")["level"]
    ]


@lru_cache(maxsize=None)
def _structure():
    return [(regex.compile(item["pattern"]), item["level"], item["kind"]) for item in load("headings")["structure"]]


@lru_cache(maxsize=None)
def _line_starts():
    table = load("headings")
    patterns = [item["pattern"].lstrip("^") for item in table["level"] + table["structure"]]
    patterns += [p.lstrip("^") for p in table["layout"]["line_start_patterns"]]
    return regex.compile(r"^\s*(?:" + "|".join(f"(?:{p})" for p in patterns) + ")")


def starts_new_unit(text: str) -> bool:
    """A line that opens a heading, an article or a 公文 element: never joined to the line above.

    >>> starts_new_unit("（二）加强监督"), starts_new_unit("第十条 本办法"), starts_new_unit("的有关规定")
    (True, True, False)
    """
    return _line_starts().match(text) is not None


def _split(text: str, m: regex.Match, level: int, flag: Optional[str], kind: str, printed: str) -> Optional[Heading]:
    """Cut at the match and the run-in stop found in ``text``; the strings come from ``printed``
    (the same text before folding: same length, same offsets)."""
    rules = load("headings")["text"]
    number = printed[m.start("number") : m.end("number")]
    body = text[m.end():]
    lead = len(body) - len(body.lstrip())
    start = m.end() + lead
    if start >= len(text):
        return None
    stop = text.find(rules["run_in_end"], start)
    if stop >= 0:
        heading, rest = printed[start:stop], printed[stop + 1 :]
        rest_offset = stop + 1
    else:
        heading, rest, rest_offset = printed[start:], "", len(text)
    heading = heading.rstrip(rules["trailing_punct"]).strip()
    if not heading:
        return None
    return Heading(regex.sub(r"\s+", "", number), level, heading, rest.strip(), rest_offset, flag, kind)


def match_heading(text: str, printed: Optional[str] = None) -> Optional[Heading]:
    """Split a paragraph into its heading number, heading and run-on text.

    >>> h = match_heading("（一）依法全面履行职能。纵深推进改革")
    >>> h.number, h.level, h.heading, h.rest
    ('（一）', 2, '依法全面履行职能', '纵深推进改革')
    >>> match_heading("三、下一步工作打算").heading
    '下一步工作打算'
    >>> match_heading("一是加强领导。") is None, match_heading("1.2万件") is None
    (True, True)
    """
    for pattern, level, flag in _levels():
        m = pattern.match(text)
        if m:
            return _split(text, m, level, flag, "heading", printed or text)
    return None


def match_structure(text: str, printed: Optional[str] = None) -> Optional[Heading]:
    """A 章 or 节 heading, or a 条 (kind ``article``; its whole text is the article).

    >>> h = match_structure("第一章 总则")
    >>> h.kind, h.number, h.level, h.heading
    ('chapter', '第一章', 1, '总则')
    >>> a = match_structure("第十一条开展审慎调查应当优先根据公开信息进行。")
    >>> a.kind, a.number
    ('article', '第十一条')
    >>> match_structure("第三章") is None
    True
    """
    for pattern, level, kind in _structure():
        m = pattern.match(text)
        if not m:
            continue
        printed = printed or text
        if kind == "article":
            rest = printed[m.end():].strip()
            number = regex.sub(r"\s+", "", printed[m.start("number") : m.end("number")])
            return Heading(number, 0, "", rest, m.end(), None, kind) if rest else None
        return _split(text, m, level, None, kind, printed)
    return None
