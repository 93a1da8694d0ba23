"""Text and markdown reader: decode, drop front matter, keep markdown hints, one Line per line."""

from __future__ import annotations

import codecs

import regex

from .. import errors
from ..rules import load
from .normalize import clean_line
from .primitives import Line, Page, RawDocument

_MD_HEADING = regex.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_BOLD_LINE = regex.compile(r"^\*\*(.+?)\*\*\s*$")
_MD_INLINE = regex.compile(r"\*\*|__")
_PORTAL_PAIR = regex.compile(r"([^\t：:]{2,12}?)\s*[：:]\s*([^\t]*)")


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 (with BOM) or GB18030/GBK text.

    >>> decode("法治".encode("gbk"), "x.txt"), decode(codecs.BOM_UTF8 + "法治".encode(), "x.txt")
    ('法治', '法治')
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        even_nuls = data[:4096:2].count(0)
        odd_nuls = data[1:4096:2].count(0)
        if max(even_nuls, odd_nuls) > 0.3 * min(len(data), 4096) / 2:
            return data.decode("utf-16-le" if odd_nuls > even_nuls else "utf-16-be", errors="replace")
        raise errors.WrongFormat("binary data, not a text file", path)
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise errors.WrongFormat("not text in UTF-8, UTF-16 or GB18030", path)


def _front_matter_end(lines: list[str]) -> int:
    """Index of the first line after a leading ``---`` ... ``---`` block, else 0."""
    if not lines or lines[0].strip() != "---":
        return 0
    for i in range(1, min(len(lines), 60)):
        if lines[i].strip() == "---":
            return i + 1
    return 0


def portal_metadata(text: str) -> dict[str, str]:
    """Label/value pairs of a portal 信息公开 table line, canonical labels only.

    >>> portal_metadata("索 引 号：\\t000014349/2018-00213\\t主题分类：\\t综合政务")
    {'索引号': '000014349/2018-00213', '主题分类': '综合政务'}
    """
    labels = load("furniture")["portal_labels"]
    cells = [c.strip() for c in regex.split(r"\t+|\s{3,}", text) if c.strip()]
    found: dict[str, str] = {}
    i = 0
    while i < len(cells):
        cell = cells[i]
        label, _, value = cell.partition("：") if "：" in cell else cell.partition(":")
        key = labels.get(regex.sub(r"[\s\u3000]", "", label))
        if key is None:
            i += 1
            continue
        if not value.strip() and i + 1 < len(cells) and not _looks_like_label(cells[i + 1], labels):
            value = cells[i + 1]
            i += 1
        found[key] = value.strip()
        i += 1
    return found


def _looks_like_label(cell: str, labels: dict) -> bool:
    label = regex.split(r"[：:]", cell, maxsplit=1)[0]
    return regex.sub(r"[\s\u3000]", "", label) in labels


def _markdown(text: str) -> tuple[str, str | None]:
    heading = _MD_HEADING.match(text)
    if heading:
        return _MD_INLINE.sub("", heading.group(2)), f"h{len(heading.group(1))}"
    bold = _MD_BOLD_LINE.match(text)
    if bold:
        return _MD_INLINE.sub("", bold.group(1)), "bold"
    return _MD_INLINE.sub("", text), None


def read(data: bytes, path: str, sha256: str, *, markdown_hint: bool = False) -> RawDocument:
    if not data.strip():
        raise errors.EmptyFile("the file is empty", path)
    text = decode(data, path).replace("\r\n", "\n").replace("\r", "\n")
    raw_lines = text.split("\n")
    start = _front_matter_end(raw_lines)
    lines: list[Line] = []
    metadata: dict[str, str] = {}
    saw_markdown = markdown_hint
    blank_before = False
    for number, raw in enumerate(raw_lines[start:], start=start + 1):
        stripped = raw.strip().strip("\u3000")
        if not stripped:
            blank_before = True
            continue
        pairs = portal_metadata(stripped) if ("：" in stripped or ":" in stripped) else {}
        if len(pairs) >= 2 or (pairs and ("\t" in raw or len(stripped) < 80)):
            metadata.update(pairs)
            continue
        content, markup = _markdown(stripped)
        saw_markdown = saw_markdown or markup is not None
        content = clean_line(content)
        if content:
            lines.append(Line(text=content, line_no=number, markup=markup, blank_before=blank_before))
        blank_before = False
    return RawDocument(
        path=path,
        sha256=sha256,
        format="markdown" if saw_markdown else "text",
        pages=[Page(number=1, lines=lines)],
        metadata=metadata,
    )
