"""Refuse what cannot be parsed honestly: no text layer, or a garbled one."""

from __future__ import annotations

import regex

from . import errors
from .model import Warning_
from .read.primitives import RawDocument

GARBLED_THRESHOLD = 0.2
_BAD = regex.compile(r"\(cid:\d+\)|[\p{Co}\ufffd\u0080-\u00ff\p{Cc}]")
_HAN = regex.compile(r"\p{Han}")


def garbled_share(text: str) -> float:
    """Share of characters that are private-use, replacement, (cid:N) or Latin-1 mojibake.

    >>> garbled_share("法治政府建设"), round(garbled_share("å¹´åº¦æ³æ²»"), 2)
    (0.0, 1.0)
    """
    compact = regex.sub(r"\s", "", text)
    if not compact:
        return 0.0
    bad = sum(len(m.group(0)) for m in _BAD.finditer(compact))
    return min(1.0, bad / len(compact))


def check(raw: RawDocument) -> list[Warning_]:
    """Raise for documents that must not be parsed; warn about pages without text."""
    texts = ["".join(line.text for line in page.lines) for page in raw.pages]
    total = sum(len(t.strip()) for t in texts)
    if total == 0:
        if raw.format == "pdf":
            raise errors.NoTextLayer(
                "no text layer (a scan?); install the OCR extra or OCR the file first", raw.path
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
