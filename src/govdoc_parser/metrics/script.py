"""A matching view of a text: simplified characters, half-width forms, no pinyin.

Rules are written once, in simplified characters and ASCII punctuation; a paragraph
may come in traditional script, with full-width ，：（） or ASCII ,:(), and (on junk
mirror sites) with pinyin readings injected after characters: 領(lǐng)會. The view
keeps a map back to the original offsets, so every mention and object is returned
exactly as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .tables import TABLES

# Full-width ASCII (U+FF01..U+FF5E) to ASCII, ideographic space to space, traditional
# to simplified. Every replacement is one character for one, so offsets do not move.
_FOLDS = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
_FOLDS.update({"\u3000": " ", "\u00a0": " ", "\ufe6a": "%"})
_FOLDS.update(TABLES.trad_to_simp)
# A regex substitution touches only the characters that change; str.translate would
# look up every character and costs ten times more on simplified text.
_TO_FOLD = re.compile("[" + "".join(re.escape(c) for c in _FOLDS) + "]")

# A reading in brackets right after a character, with at least one tone mark.
_PINYIN = re.compile(r"\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")


@dataclass(frozen=True)
class View:
    """``text`` folded for matching; ``origin[i]`` is the original offset of text[i]."""

    text: str
    original: str
    origin: Optional[list[int]] = None  # None: offsets are the same in both

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the view's [start, end)."""
        if self.origin is None:
            return start, end
        if end <= start:
            position = self.origin[start] if start < len(self.origin) else len(self.original)
            return position, position
        return self.origin[start], self.origin[end - 1] + 1

    def written(self, start: int, end: int) -> str:
        """The original text behind the view's [start, end)."""
        a, b = self.to_original(start, end)
        return self.original[a:b]


def _folded_char(match: re.Match) -> str:
    return _FOLDS[match.group()]


def fold(text: str) -> str:
    """Simplified, half-width form of *text*, same length.

    >>> fold("全區累計組織1.2萬余次，")
    '全区累计组织1.2万余次,'
    """
    return _TO_FOLD.sub(_folded_char, text)


def make_view(text: str) -> View:
    """The matching view of *text*.

    >>> view = make_view("領(lǐng)會１２項")
    >>> view.text, view.written(2, 5)
    ('领会12项', '１２項')
    """
    folded = fold(text)
    if "(" not in folded or not _PINYIN.search(folded):
        return View(folded, text)
    kept_text, origin = [], []
    position = 0
    for reading in _PINYIN.finditer(folded):
        kept_text.append(folded[position : reading.start()])
        origin.extend(range(position, reading.start()))
        position = reading.end()
    kept_text.append(folded[position:])
    origin.extend(range(position, len(folded)))
    return View("".join(kept_text), text, origin)
