"""Remove page furniture: page numbers, running headers and footers, portal clutter."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex

from ..read.primitives import Line, Page
from ..rules import load

BAND = 0.12  # share of the page height treated as header/footer band


@lru_cache(maxsize=None)
def _patterns():
    rules = load("furniture")
    anywhere = [regex.compile(p) for p in rules["page_number_patterns"]]
    band_only = [regex.compile(p) for p in rules["band_only_page_number_patterns"]]
    web = [regex.compile(p) for p in rules["web"]["furniture_patterns"]]
    return anywhere, band_only, web


def is_page_number(text: str, in_band: bool = False) -> bool:
    """True for ``— 1 —``, ``-1-``, ``第1页 共4页`` and, inside a page band, a bare number.

    >>> is_page_number("— 12 —"), is_page_number("第1页 共4页"), is_page_number("3"), is_page_number("3", True)
    (True, True, False, True)
    """
    anywhere, band_only, _ = _patterns()
    compact = text.strip()
    if any(p.match(compact) for p in anywhere):
        return True
    return in_band and any(p.match(compact) for p in band_only)


def is_web_furniture(text: str) -> bool:
    """Portal clutter such as breadcrumbs and 'updated at' lines.

    >>> is_web_furniture("您所在的位置:政务公开 > 工作报告"), is_web_furniture("市委：")
    (True, False)
    """
    return any(p.search(text) for p in _patterns()[2])


def take_portal_metadata(lines: list[Line], metadata: dict[str, str]) -> list[Line]:
    """Lines of a portal's 信息公开 table printed with the page (索引号：… 发文字号：…), above the
    first sentence of the document: their values go to ``metadata``, the lines are dropped.

    >>> meta = {}
    >>> [l.text for l in take_portal_metadata([Line("发文字号： 云政办发〔2024〕6号 发布日期： 2024-03-14"), Line("各部门：")], meta)]
    ['各部门：']
    >>> meta["发文字号"]
    '云政办发〔2024〕6号'
    """
    from ..read.text import portal_metadata

    kept = []
    for index, line in enumerate(lines):
        if "。" in line.text:
            return kept + lines[index:]
        found = portal_metadata(line.text)
        if not found:
            kept.append(line)
            continue
        for key, value in found.items():
            metadata.setdefault(key, value)
    return kept


def _in_band(line: Line, page: Page) -> bool:
    if line.bbox is None or not page.height:
        return False
    return line.bbox[3] < page.height * BAND or line.bbox[1] > page.height * (1 - BAND)


def _running_key(text: str) -> str:
    return regex.sub(r"\d+", "#", text.replace(" ", ""))


def _running_texts(pages: list[Page]) -> set[str]:
    """Band texts repeated on at least half of the pages (and on 3 or more)."""
    if len(pages) < 3:
        return set()
    counts: Counter = Counter()
    for page in pages:
        keys = {_running_key(l.text) for l in page.lines if _in_band(l, page)}
        counts.update(keys)
    return {k for k, n in counts.items() if n >= max(3, len(pages) // 2)}


def strip_page_furniture(pages: list[Page]) -> list[Line]:
    """All lines in reading order without page numbers and running headers/footers."""
    running = _running_texts(pages)
    kept: list[Line] = []
    for page in pages:
        for line in page.lines:
            in_band = _in_band(line, page)
            if is_page_number(line.text, in_band):
                continue
            if in_band and _running_key(line.text) in running:
                continue
            kept.append(line)
    return kept
