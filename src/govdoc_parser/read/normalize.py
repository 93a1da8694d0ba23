"""Character-level repairs every reader applies to its text.

- Kangxi radicals and CJK radical-supplement code points that PDF producers (Chromium,
  some Office exports) write into ToUnicode maps are mapped back to ordinary characters,
  preferring the simplified form (NFKC alone turns U+2F3E into 戶, not 户).
- CJK compatibility ideographs are mapped to their unified characters.
- Spaces that layout inserts between a CJK character and a digit are removed.
"""

from __future__ import annotations

import unicodedata

import regex

# Radicals whose NFKC form is the traditional character, while the glyph a simplified
# Chinese font shares with them is the simplified one.
_SIMPLIFIED_OVERRIDES = {
    "\u2f3e": "户",  # ⼾
    "\u2ea0": "民",
    "\u2ed3": "长",
    "\u2ec5": "见",
    "\u2ec9": "贝",
    "\u2ecb": "车",
    "\u2ed4": "门",
    "\u2ed8": "青",
    "\u2edb": "风",
    "\u2ee2": "马",
    "\u2ee9": "黄",
    "\u2eec": "齐",
    "\u2ebb": "聿",
    "\u2ec4": "西",
    "\u2ecc": "辶",
    "\u2ecf": "阝",
    "\u2ee3": "骨",
    "\u2ee0": "饣",
}


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    ranges = [(0x2F00, 0x2FD5), (0x2E80, 0x2EF3), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F)]
    for lo, hi in ranges:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            mapped = _SIMPLIFIED_OVERRIDES.get(ch) or unicodedata.normalize("NFKC", ch)
            if mapped != ch and len(mapped) == 1:
                table[cp] = mapped
    return table


_CODEPOINT_TABLE = _build_table()

# Soft hyphen, zero-width characters and BOMs that converters leave inside text.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)

_DIGIT_GAP = regex.compile(r"(?<=\p{Han})[ \t\u00a0\u2002\u2003\u2009]+(?=[0-9０-９])|(?<=[0-9０-９%％])[ \t\u00a0\u2002\u2003\u2009]+(?=\p{Han})")
_CJK_GAP = regex.compile(r"(?<=[\p{Han}\p{Ps}\p{Pe}，。、；：！？“”‘’《》])[ \u00a0]+(?=[\p{Han}\p{Ps}\p{Pe}，。、；：！？“”‘’《》])")


def fix_codepoints(text: str) -> str:
    """Map radicals and compatibility ideographs to ordinary characters.

    >>> fix_codepoints("\u2f70范区 \u2f3e籍")
    '示范区 户籍'
    """
    return text.translate(_CODEPOINT_TABLE).translate(_INVISIBLE)


def remove_digit_gaps(text: str) -> str:
    """Drop spaces between CJK characters and digits (``117 号`` -> ``117号``).

    >>> remove_digit_gaps("关于 2021 年度 共排查 262 起")
    '关于2021年度 共排查262起'
    """
    return _DIGIT_GAP.sub("", text)


def remove_cjk_gaps(text: str) -> str:
    """Drop single spaces between CJK characters (justification gaps in PDF text).

    >>> remove_cjk_gaps("法治 政府 建设， 成效")
    '法治政府建设，成效'
    """
    return _CJK_GAP.sub("", text)


def clean_line(text: str) -> str:
    return remove_digit_gaps(fix_codepoints(text)).strip()
