"""Refuse what cannot be parsed honestly: no text layer, or a garbled one."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex

from . import errors
from .model import Warning_
from .read.primitives import RawDocument

GARBLED_THRESHOLD = 0.2
GARBLED_MIN_CHARS = 8  # fewer unreadable characters than this never refuse a document
_BAD = regex.compile(
    r"\(cid:\d+\)"  # glyphs without a Unicode mapping, as pdfminer writes them
    r"|[\p{Co}\ufffd\p{Cc}\p{Cs}\p{Cn}]"  # private use, replacement, control, unassigned
    r"|[\u0080-\u00ff]{2,}"  # UTF-8 or GBK bytes read as Latin-1: 'å¹´', '¹ØÓÚ'
)
_HAN = regex.compile(r"\p{Han}")


@lru_cache(maxsize=1 << 16)  # bounded: a hostile text may hold every code point
def _rarity(char: str) -> tuple[bool, bool]:
    """Whether ``char`` is outside the 3755 level-1 characters of GB 2312 (lead bytes B0-D7),
    and whether outside the 5401 common characters of Big5 (lead bytes A4-C6); neither for
    characters that are not Han."""
    if not _HAN.match(char):
        return (False, False)
    return (_lead_byte(char, "gb2312") not in range(0xB0, 0xD8), _lead_byte(char, "big5") not in range(0xA4, 0xC7))


def _lead_byte(char: str, encoding: str) -> int:
    try:
        encoded = char.encode(encoding)
    except UnicodeEncodeError:
        return 0
    return encoded[0] if len(encoded) == 2 else 0


def rare_han(text: str) -> int:
    """Han characters outside the common sets of both simplified (GB 2312 level 1) and
    traditional (Big5 common) Chinese: under 4% in real documents, over half in mojibake
    (UTF-8 read as GBK gives '鍏充簬' for 关于).

    >>> rare_han("关于法治政府建设"), rare_han("關於法治政府建設"), rare_han("鍏充簬娉曟不")
    (0, 0, 3)
    """
    counts = Counter(text)  # a few hundred distinct characters a page: each is judged once
    rare_simplified = sum(n for char, n in counts.items() if _rarity(char)[0])
    rare_traditional = sum(n for char, n in counts.items() if _rarity(char)[1])
    return min(rare_simplified, rare_traditional)


def garbled_share(text: str) -> float:
    """Share of characters that are private-use, replacement, control, (cid:N), Latin-1
    mojibake or rare Han characters; 0 when there are fewer than GARBLED_MIN_CHARS of them.

    >>> garbled_share("法治政府建设"), round(garbled_share("å¹´åº¦æ³æ²»"), 2), garbled_share("Réforme de l'État")
    (0.0, 1.0, 0.0)
    """
    compact = regex.sub(r"\s", "", text)
    bad = sum(len(m.group(0)) for m in _BAD.finditer(compact)) + rare_han(compact)
    if bad < GARBLED_MIN_CHARS:
        return 0.0
    return min(1.0, bad / len(compact))


def check(raw: RawDocument) -> list[Warning_]:
    """Raise for documents that must not be parsed; warn about pages without text."""
    texts = ["".join(line.text for line in page.lines) for page in raw.pages]
    total = sum(len(t.strip()) for t in texts)
    if total == 0:
        if raw.ocr:
            raise errors.NoTextLayer("no text layer, and OCR found no text either", raw.path)
        if raw.format in ("pdf", "image"):
            raise errors.NoTextLayer(
                "no text layer (a scan?): read it by OCR (the ocr extra, without --no-ocr) or OCR the file first",
                raw.path,
            )
        raise errors.EmptyFile("no text in the file", raw.path)
    share = garbled_share("".join(texts))
    if share > GARBLED_THRESHOLD:
        raise errors.GarbledText(
            f"the text layer is garbled ({share:.0%} unreadable characters; fonts without a Unicode map?)",
            raw.path,
        )
    warnings = []
    empty = [page.number for page, text in zip(raw.pages, texts) if not text.strip()]
    if raw.format == "pdf" and empty:
        warnings.append(
            Warning_(code="PAGES_WITHOUT_TEXT", message=f"pages without a text layer (not read): {_ranges(empty)}")
        )
    return warnings


def _ranges(numbers: list[int]) -> str:
    """1,2,3,5 -> '1-3, 5'.

    >>> _ranges([1, 2, 3, 5])
    '1-3, 5'
    """
    parts, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            parts.append(f"{start}-{n}" if n != start else str(n))
            start = None
    return ", ".join(parts)
