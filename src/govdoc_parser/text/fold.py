"""Fold printed text to its matching form, one character for one.

Rules and patterns are written once, in simplified characters and ASCII digits; a text
may come with traditional characters, full-width digits and letters, Kangxi radicals
(Chromium PDFs print 示 as U+2F70), compatibility ideographs or ideographic spaces.
``fold`` maps each such character to its ordinary form and nothing else:

- traditional -> simplified (the table ``rules/traditional.toml``);
- full-width digits, Latin letters and ％ -> ASCII (full-width punctuation such as
  ，：（）；。 stays: the grammar reads it);
- Kangxi radicals and CJK radical-supplement characters -> their ordinary character,
  simplified where the character has a simplified form (U+2F3E -> 户, not 戶);
- CJK compatibility ideographs -> their unified character (their NFC form);
- ideographic space U+3000 and no-break space -> ' '.

The folded text has exactly the length of the printed text, so an offset found in one
is the offset in the other: no map back is needed.

>>> fold("關於2022年度法治政府建設情況的報告")
'关于2022年度法治政府建设情况的报告'
>>> fold("２０２２年１２月３０日，ＧＤＰ增長８％（初步）")
'2022年12月30日，GDP增长8%（初步）'
>>> fold("\u2f70范区\u3000\u2f3e籍")
'示范区 户籍'
>>> fold("二○○七年")   # 〇 and ○ are kept: the date grammar reads them
'二○○七年'
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array
from functools import lru_cache
from pathlib import Path

from ..rules import load_toml

_RULES = Path(__file__).parent / "rules"

FULL_WIDTH = "".join(chr(c) for c in range(0xFF10, 0xFF1A)) + "".join(
    chr(c) for c in (*range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))) + "％"
SPACES = "\u3000\u00a0"
KANGXI = range(0x2F00, 0x2FD6)
COMPATIBILITY = (range(0xF900, 0xFB00), range(0x2F800, 0x2FA20))


def read_pairs(text: str) -> dict[str, str]:
    """Pairs written as two-character tokens, ``#`` lines being comments.

    >>> read_pairs("# comment\\n萬万 億亿")
    {'萬': '万', '億': '亿'}
    """
    pairs = {}
    for line in text.splitlines():
        if not line.lstrip().startswith("#"):
            pairs.update((token[0], token[1]) for token in line.split())
    return pairs


@lru_cache(maxsize=None)
def traditional() -> dict[str, str]:
    """Traditional (and variant) characters to simplified ones.

    >>> traditional()["關"], traditional()["於"], "乾" in traditional()
    ('关', '于', False)
    """
    table = load_toml(_RULES / "traditional.toml")
    return {**read_pairs(table["traditional"]["pairs"]), **read_pairs(table["variants"]["pairs"])}


@lru_cache(maxsize=None)
def kept() -> frozenset[str]:
    """Characters that look traditional but are simplified text too: never folded."""
    return frozenset(load_toml(_RULES / "traditional.toml")["keep"]["chars"])


def _ordinary(ch: str, form: str) -> str | None:
    """The one-character normal form of ``ch``, or None."""
    mapped = unicodedata.normalize(form, ch)
    return mapped if len(mapped) == 1 and mapped != ch else None


@lru_cache(maxsize=None)
def table() -> dict[int, str]:
    """The ``str.translate`` table of ``fold``: code point -> one character."""
    simplified = traditional()
    found: dict[int, str] = {ord(c): chr(ord(c) - 0xFEE0) for c in FULL_WIDTH}
    found.update(dict.fromkeys(map(ord, SPACES), " "))
    found.update((cp, mapped) for cp in KANGXI if (mapped := _ordinary(chr(cp), "NFKC")))
    radicals = load_toml(_RULES / "radicals.toml")["pairs"]
    found.update((ord(k), v) for k, v in read_pairs(radicals).items())
    for block in COMPATIBILITY:
        found.update((cp, mapped) for cp in block if (mapped := _ordinary(chr(cp), "NFC")))
    found = {cp: simplified.get(ch, ch) for cp, ch in found.items()}
    found.update((ord(k), v) for k, v in simplified.items())
    return found


def _ranges(code_points) -> str:
    """A regex character class body for a set of code points, runs as ranges."""
    parts, run = [], []
    for cp in sorted(code_points):
        if run and cp == run[-1] + 1:
            run.append(cp)
            continue
        if run:
            parts.append(_run(run))
        run = [cp]
    if run:
        parts.append(_run(run))
    return "".join(parts)


def _run(run: list[int]) -> str:
    first, last = re.escape(chr(run[0])), re.escape(chr(run[-1]))
    return first if len(run) == 1 else f"{first}-{last}"


@lru_cache(maxsize=None)
def _foldable() -> re.Pattern:
    return re.compile(f"[{_ranges(table())}]")


@lru_cache(maxsize=None)
def _translation() -> tuple[str, dict[int, str], re.Pattern]:
    """The table as a string indexed by BMP code point (a hit for every character, so
    no KeyError per unchanged character: three times faster than the dict), and the
    astral rest (compatibility ideographs of U+2F800..) with the pattern that finds it."""
    full = table()
    bmp = _bmp_string(full)
    astral = {cp: ch for cp, ch in full.items() if cp >= 0x10000}
    return bmp, astral, re.compile(f"[{_ranges(astral)}]")


def _bmp_string(full: dict[int, str]) -> str:
    """Character ``cp`` of the result is the fold of ``chr(cp)``, for every BMP code point.
    Built as 32-bit code points and decoded once: 3 ms, where joining characters takes 10."""
    codes = array("I", range(0x10000))
    if codes.itemsize != 4:
        return "".join(full.get(cp, chr(cp)) for cp in range(0x10000))
    for cp, ch in full.items():
        if cp < 0x10000:
            codes[cp] = ord(ch)
    return codes.tobytes().decode(f"utf-32-{sys.byteorder[0]}e", "surrogatepass")


def fold(text: str) -> str:
    """The matching form of ``text``: same length, character for character.

    Text without any foldable character (most simplified text) is returned as it is,
    after one regex scan; otherwise one ``str.translate`` does the work.

    >>> fold("全區累計組織1.2萬余次，")
    '全区累计组织1.2万余次，'
    >>> fold("") == "" and fold("abc") == "abc"
    True
    """
    if _foldable().search(text) is None:
        return text
    bmp, astral, astral_pattern = _translation()
    folded = text.translate(bmp)
    return folded.translate(astral) if astral_pattern.search(folded) else folded


class FoldedText:
    """A printed text and its folded form, offsets shared.

    >>> t = FoldedText("關於２０２２年")
    >>> t.folded, t.printed_span(2, 6), t.printed[slice(*t.printed_span(2, 6))]
    ('关于2022年', (2, 6), '２０２２')
    """

    __slots__ = ("printed", "folded")

    def __init__(self, printed: str) -> None:
        self.printed = printed
        self.folded = fold(printed)

    def __len__(self) -> int:
        return len(self.printed)

    def __repr__(self) -> str:
        return f"FoldedText({self.printed!r})"

    def printed_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the printed text behind ``folded[start:end]``: the same span."""
        return start, end

    def printed_text(self, start: int, end: int) -> str:
        """The printed text behind ``folded[start:end]``."""
        return self.printed[start:end]
