"""Checks of the printed page, read from the source file's lines (colour, type size, page
numbers, 版记 order): what the Report does not keep. The source is read again by the same
reader (no OCR); a file that is gone or changed since the parse is skipped."""

from __future__ import annotations

import hashlib
from pathlib import Path
from statistics import mean
from typing import Optional

import regex

from ..errors import GovdocError
from ..model import Report, Where
from ..read.primitives import Line, RawDocument
from .formal import finding
from .model import Finding
from .tables import compiled, load
from .view import norm

GEOMETRY_FORMATS = ("pdf", "ofd")
SIZED_FORMATS = ("pdf", "ofd", "docx", "doc", "wps")


def read_source(report: Report, source=None) -> Optional[RawDocument]:
    """The source's lines, or None: no file, another file than the one parsed, unreadable."""
    from ..read import read_document

    path = Path(source) if source is not None else Path(report.source.path)
    try:
        if not path.is_file():
            return None
        if source is None and report.source.sha256:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest != report.source.sha256:
                return None
        engine = report.source.engine if report.source.engine in ("pdfium", "pdfplumber") else "pdfium"
        return read_document(path, engine=engine, ocr=False)
    except (GovdocError, OSError, RecursionError, MemoryError, ValueError):
        return None


def _where(line: Line) -> Where:
    return Where(page=line.page, bbox=list(line.bbox) if line.bbox else None, line=line.line_no)


def _lines(raw: RawDocument) -> list[Line]:
    return [line for page in raw.pages for line in page.lines]


def _mark_lines(report: Report, lines: list[Line]) -> list[Line]:
    """The lines of the 发文机关标志: on the first page, above the 发文字号 (or the title), set
    larger than the title; or the lines that print the mark the parser read."""
    mark = norm(report.header.issuer_mark)
    first = [l for l in lines if l.page == (lines[0].page if lines else None)]
    if mark:
        found = [l for l in first[:15] if len(norm(l.text)) >= 2 and norm(l.text) in mark]
        if found:
            return found
    number = report.header.document_number
    anchor = number.where.bbox[1] if number and number.where and number.where.bbox else None
    if anchor is None:
        title = report.where.get("title")
        anchor = title.bbox[1] if title is not None and title.bbox else None
    if anchor is None:
        return []
    limit = load("gbt9704")["layout"]["title_size"]
    return [l for l in first if l.bbox and l.bbox[3] <= anchor and (l.size or 0) > limit + 1 and len(norm(l.text)) >= 2]


def check_mark(report: Report, raw: RawDocument) -> list[Finding]:
    if raw.format not in ("pdf", "ofd", "docx") or report.source.format in ("doc", "wps"):
        return []  # a DOC or WPS converted by LibreOffice may have lost its colours
    lines = _mark_lines(report, _lines(raw))
    known = [l for l in lines if l.color is not None]
    if not known or len(known) < len(lines):
        return []  # a colour not given (a DOCX theme colour): not measured
    red = sum(len(l.text) for l in known if l.is_red)
    if red * 2 >= sum(len(l.text) for l in known):
        return []
    text = "".join(l.text for l in known)
    return [finding("MARK_NOT_RED", _where(known[0]), text, text=text)]


def _body_size(lines: list[Line]) -> Optional[float]:
    weights: dict[float, int] = {}
    for line in lines:
        if line.size:
            weights[round(line.size)] = weights.get(round(line.size), 0) + len(line.text)
    return max(weights, key=weights.get) if weights else None


def check_title_size(report: Report, raw: RawDocument) -> list[Finding]:
    if raw.format not in SIZED_FORMATS or not report.title:
        return []
    if norm(report.title) == norm(report.header.issuer_mark):
        return []  # a 公告 or 命令 whose mark is its title
    body = _body_size(_lines(raw))
    if body is None or not 15 <= body <= 17:
        return []  # type not set in 公文 sizes (3号 body): the title's size says nothing
    rules = load("gbt9704")["layout"]
    title = norm(report.title)
    where = report.where.get("title")
    page = where.page if where is not None and where.page else None
    lines = [l for l in _lines(raw) if (page is None or l.page == page)]
    picked: list[Line] = []
    for line in lines:
        text = norm(line.text)
        if len(text) >= 2 and text in title and line.size:
            picked.append(line)
            if sum(len(norm(l.text)) for l in picked) >= len(title):
                break
        elif picked:
            break
    if not picked or sum(len(norm(l.text)) for l in picked) < len(title) * 0.6:
        return []
    size = mean(l.size for l in picked)
    if abs(size - rules["title_size"]) <= rules["title_tolerance"]:
        return []
    return [finding("TITLE_SIZE", _where(picked[0]), report.title, size=f"{size:g}")]


def check_page_numbers(raw: RawDocument) -> list[Finding]:
    if raw.format not in GEOMETRY_FORMATS:
        return []
    rules = load("gbt9704")["layout"]
    ok, any_form = compiled(rules["page_number_ok"]), compiled(rules["page_number_any"])
    for page in raw.pages:
        if not page.height:
            continue
        for line in page.lines:
            if line.bbox is None or line.bbox[1] < rules["footer_band"] * page.height:
                continue
            text = line.text.strip()
            if any_form.match(text) and not ok.match(regex.sub(r"\s+", " ", text)):
                return [finding("PAGENO_FORM", _where(line), text, text=text)]
    return []


def check_imprint(report: Report, raw: RawDocument) -> list[Finding]:
    if report.imprint is None:
        return []
    rules = load("gbt9704")["layout"]
    copied, printed = compiled(rules["copied_to"]), compiled(rules["printed"])
    lines = [l for l in _lines(raw) if l.text.strip()]
    cc = max((i for i, l in enumerate(lines) if copied.match(l.text)), default=None)
    pr = max((i for i, l in enumerate(lines) if printed.search(l.text) and len(l.text) <= 80), default=None)
    out = []
    if cc is None:
        return out
    if pr is not None and pr < cc and cc - pr <= 3:
        out.append(finding("IMPRINT_ORDER", _where(lines[pr]), lines[pr].text.strip()))
    end = pr if pr is not None and pr > cc else min(len(lines), cc + 1)
    text = "".join(l.text.strip() for l in lines[cc:min(end, cc + 3)])
    text = regex.sub(r"\s*(?:[—－\-–]\s*[0-9]+\s*[—－\-–])\s*$", "", text)  # a page number on the same line
    if text and not text.rstrip().endswith("。"):
        out.append(finding("CC_NO_PERIOD", _where(lines[cc]), text, text=text))
    return out


_DATE_LINE = regex.compile(r"^[〇○零OＯ一二三四五六七八九十0-9]{4}年[一二三四五六七八九十0-9]{1,3}月[一二三四五六七八九十0-9]{1,3}日$")


def check_unread_date(report: Report, raw: RawDocument) -> list[Finding]:
    """A 成文日期 in Chinese numerals that the parser did not read (二〇二四年二月二十日 is read;
    2024年二月二十日 is not): the last date line of the printed text."""
    if report.signature.date_raw is not None:
        return []
    rules = load("gbt9704")
    for line in reversed(_lines(raw)):
        text = regex.sub(r"\s+", "", line.text)
        if _DATE_LINE.match(text) and compiled(rules["chinese_numerals"]).search(text):
            return [finding("DATE_NOT_ARABIC", _where(line), line.text.strip(), raw=line.text.strip())]
    return []


def check_layout(report: Report, source=None) -> list[Finding]:
    raw = read_source(report, source)
    if raw is None:
        return []
    return (check_mark(report, raw) + check_title_size(report, raw) + check_page_numbers(raw)
            + check_imprint(report, raw) + check_unread_date(report, raw))
