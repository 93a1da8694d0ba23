"""The review page (``govdoc view FILE -o page.html``): one self-contained HTML file showing
what was parsed, where.

On the left, each page of the document: a PDF page as an image rendered by pypdfium2 (a
16-colour PNG, or a JPEG for scans and images), an OFD page as its text lines in their
places, and the text of DOCX, HTML, DOC/WPS and text inputs as one page-like column of
numbered lines, the lines ``Where.line`` counts. Over them a box for every element that has
a place: header fields, title, headings, paragraphs, 条, tables and their cells, metrics,
signature, 版记 and warnings (boxes in page points; in a text column, the figure or cell
marked in its line, or a chip at the end of the line). On the right, the parsed structure:
document and header fields, the section tree, attached documents, tables as grids, metrics
(key, label, period role, sentence) and warnings. Clicking a box selects the item and the
other way round (``page.html#e12`` opens with element ``e12`` selected).

Nothing is fetched: the styles, the script and every image are inline, and the page's
Content-Security-Policy forbids any request. Page images sit in ``data-src`` until the page
comes near the view (IntersectionObserver) and are dropped again far from it, so a 100-page
report stays usable.

The module is imported by ``govdoc view`` only; ``govdoc parse`` never loads it.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from string import Template
from typing import Iterable, Optional

from ..model import Article, Paragraph, Report, Section, Table, Where

DEFAULT_DPI = 108  # page images: 893 x 1263 px for A4, 50-120 KB a page
__all__ = ["build", "render", "Sheet", "SheetLine", "DEFAULT_DPI", "BASE_STYLE", "CSP"]


@dataclass
class SheetLine:
    """One line of the source as the reader gave it: text, and its box or line number."""

    text: str
    bbox: Optional[tuple[float, float, float, float]] = None
    line_no: Optional[int] = None
    size: Optional[float] = None
    color: Optional[tuple[float, float, float]] = None


@dataclass
class Sheet:
    """A page of the left column. ``number`` 0 is the single text column of an input without
    geometry (its lines carry ``line_no``); otherwise a page with its size in points and, for
    PDFs and images, its image as a data URI."""

    number: int
    width: Optional[float] = None
    height: Optional[float] = None
    image: Optional[str] = None
    lines: list[SheetLine] = field(default_factory=list)


def build(path: str | Path, *, engine: str = "pdfium", metrics: bool = True, max_pages: int = 2000,
          ocr: bool = True, timeout: Optional[float] = None, dpi: int = DEFAULT_DPI) -> str:
    """Parse ``path`` (as ``govdoc_parser.parse`` does) and return the review page's HTML.
    Every failure is a ``GovdocError``, as for ``parse``."""
    from .. import limits
    from ..pipeline import parse_raw
    from ..read import read_document

    path = Path(path)
    with limits.contained(str(path)), limits.time_limit(timeout):
        raw = read_document(path, engine=engine, max_pages=max_pages, ocr=ocr)
        sheets = sheets_of(raw)  # before parsing, which may change the lines
        report = parse_raw(raw, metrics=metrics)
        if raw.format == "pdf":
            _pdf_images(path, sheets, dpi, photo=raw.ocr)
        elif raw.format == "image":
            _image_images(path, sheets, dpi)
    return render(report, sheets)


def sheets_of(raw) -> list[Sheet]:
    """The pages of a ``RawDocument`` as sheets: one per page when it has geometry, else one
    text column of every line."""
    pages = raw.pages
    if raw.has_geometry or all(p.width and p.height for p in pages):
        return [Sheet(p.number, p.width, p.height,
                      lines=[SheetLine(l.text, tuple(l.bbox) if l.bbox else None, l.line_no, l.size,
                                          tuple(l.color) if l.color else None) for l in p.lines])
                for p in pages]
    lines, count = [], 0
    for page in pages:
        for line in page.lines:
            count += 1
            lines.append(SheetLine(line.text, None, line.line_no if line.line_no is not None else count, line.size))
    return [Sheet(0, lines=lines)]


def _pdf_images(path: Path, sheets: list[Sheet], dpi: int, photo: bool) -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        count = len(document)
        for sheet in sheets:
            if not 1 <= sheet.number <= count:
                continue
            try:
                page = document[sheet.number - 1]
                try:
                    page.set_cropbox(*page.get_mediabox())  # the readers' coordinates are the media box's
                    image = page.render(scale=dpi / 72).to_pil()
                finally:
                    page.close()
            except Exception:  # pdfium cannot draw it: the page shows its text lines instead
                continue
            sheet.image = _data_uri(image, photo)
    finally:
        document.close()


def _image_images(path: Path, sheets: list[Sheet], dpi: int) -> None:
    from PIL import Image, ImageSequence

    with Image.open(path) as source:
        for sheet, frame in zip(sheets, ImageSequence.Iterator(source)):
            if not (sheet.width and sheet.height):
                continue
            size = (max(1, round(sheet.width * dpi / 72)), max(1, round(sheet.height * dpi / 72)))
            sheet.image = _data_uri(frame.convert("RGB").resize(size), photo=True)


def _data_uri(image, photo: bool) -> str:
    """A born-digital page as a 16-colour PNG (crisp text, about half a JPEG's size); a scan
    or photo as a JPEG."""
    from PIL import Image

    buffer = io.BytesIO()
    image = image.convert("RGB")
    if photo:
        image.save(buffer, "JPEG", quality=70)
        kind = "jpeg"
    else:
        image.quantize(colors=16, method=Image.Quantize.FASTOCTREE).save(buffer, "PNG")
        kind = "png"
    return f"data:image/{kind};base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


# ---------------------------------------------------------------------------------------------
# the element registry: every located element gets an id, an item on the right, a box on the left

GROUPS = {  # toggle in the toolbar -> kinds
    "fields": ("header", "title", "addressees", "signature", "imprint", "note", "attachment", "attached"),
    "headings": ("heading",),
    "paragraphs": ("paragraph", "article"),
    "tables": ("table",),
    "cells": ("cell",),
    "metrics": ("metric",),
    "warnings": ("warning",),
}
_GROUP_OF = {kind: group for group, kinds in GROUPS.items() for kind in kinds}
_CHIP = {"header": "版头", "title": "标题", "addressees": "主送", "signature": "落款", "imprint": "版记",
         "note": "附注", "attachment": "附件", "attached": "附件", "paragraph": "¶", "article": "条",
         "table": "表", "cell": "格", "metric": "#", "warning": "!"}


@dataclass
class _Ref:
    id: str
    kind: str
    label: str
    where: Where
    find: Optional[str] = None  # text to mark inside its line (text columns)
    cell: Optional[tuple[int, int, int]] = None  # a metric read from this table cell
    chip: Optional[str] = None  # its label as a chip in a text column


class _Registry:
    def __init__(self):
        self.refs: list[_Ref] = []
        self.cells: dict[tuple[int, int, int], str] = {}  # (table, row, column) -> id

    def add(self, kind: str, label: str, where: Optional[Where], find: Optional[str] = None,
            cell: Optional[tuple[int, int, int]] = None, chip: Optional[str] = None) -> Optional[str]:
        if where is None or (where.page is None and where.line is None):
            return None
        ref = _Ref(f"e{len(self.refs)}", kind, label, where, find or None, cell, chip or _CHIP.get(kind, kind))
        self.refs.append(ref)
        return ref.id


def _attrs(ref: Optional[str], kind: str, where: Optional[Where] = None) -> str:
    out = f' class="item k-{kind}"'
    if ref:
        out += f' id="i-{ref}" data-ref="{ref}"'
    if where is not None and where.page is not None:
        out += f' data-page="{where.page}"'
    return out


def _e(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _place(where: Optional[Where]) -> str:
    if where is None:
        return ""
    parts = []
    if where.page is not None:
        parts.append(f"p.{where.page}")
    if where.line is not None:
        parts.append(f"line {where.line}")
    if where.table is not None:
        parts.append(f"table {where.table} r{where.row} c{where.column}")
    return " · ".join(parts)


# ---------------------------------------------------------------------------------------------
# the structure (right)

def _field(reg: _Registry, kind: str, name: str, value, where: Optional[Where] = None) -> str:
    if value in (None, "", []) and where is None:
        return ""
    text = ("、".join(value) if isinstance(value, list) else str(value or "")) or "(located, no text)"
    ref = reg.add(kind, f"{name}: {text}", where, find=None)
    return (f'<tr{_attrs(ref, kind, where)}><th>{_e(name)}</th><td>{_e(text)}'
            f'<span class="place">{_e(_place(where))}</span></td></tr>')


def _fields(reg: _Registry, report: Report) -> str:
    header, where = report.header, report.where
    rows = [
        _field(reg, "header", "份号 copy_number", header.copy_number),
        _field(reg, "header", "密级 classification", header.classification),
        _field(reg, "header", "紧急程度 urgency", header.urgency),
        _field(reg, "header", "发文机关标志 issuer_mark", header.issuer_mark, header.where),
        _field(reg, "header", "发文机关 issuers", header.issuers, None if header.issuer_mark else header.where),
    ]
    number = header.document_number
    if number is not None:
        normalized = f"（{number.normalized}）" if number.normalized and number.normalized != number.raw else ""
        rows.append(_field(reg, "header", "发文字号 document_number", number.raw + normalized, number.where))
    rows += [
        _field(reg, "header", "签发人 signatories", header.signatories, where.get("signatories")),
        _field(reg, "title", "标题 title", report.title, where.get("title")),
        _field(reg, "addressees", "主送机关 addressees", report.addressees, where.get("addressees")),
        _field(reg, "attachment", "附件说明 attachments", report.attachments, where.get("attachments")),
    ]
    signature = report.signature
    signed = "　".join(x for x in ["、".join(signature.issuers), signature.date_raw or signature.date or ""] if x)
    rows.append(_field(reg, "signature", "落款 signature",
                       signed + (f"（{signature.date}）" if signature.date and signature.date_raw else ""),
                       signature.where))
    rows.append(_field(reg, "note", "附注 note", report.note, where.get("note")))
    if report.imprint is not None:
        imprint = report.imprint
        text = "；".join(x for x in ["抄送：" + "、".join(imprint.copied_to) if imprint.copied_to else "",
                                     imprint.printed_by or "", imprint.printed_on_raw or imprint.printed_on or ""] if x)
        rows.append(_field(reg, "imprint", "版记 imprint", text or "(present)", imprint.where))
    for key, located in where.items():  # a scalar field added to the contract later still gets its box
        if key not in {"title", "addressees", "signatories", "attachments", "note"}:
            rows.append(_field(reg, "header", key, key, located))
    return "".join(rows)


def _document(report: Report) -> str:
    source, reporting = report.source, report.reporting
    rows = [("file", source.path), ("format", source.format), ("pages", source.pages), ("engine", source.engine),
            ("producer", source.producer), ("OCR", "yes" if source.ocr else None), ("doc_type", report.doc_type),
            ("parser", source.parser_version),
            ("reporting issuer", " ".join(x for x in [reporting.issuer or "", f"({reporting.issuer_source})"
                                                       if reporting.issuer_source else ""] if x) or None),
            ("reporting year", f"{reporting.year} ({reporting.year_source})" if reporting.year else None)]
    return "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows if v not in (None, ""))


def _paragraphs(reg: _Registry, paragraphs: Iterable[Paragraph], kind: str = "paragraph") -> str:
    return "".join(f'<li{_attrs(reg.add(kind, _short(p.text, 40), p.where), kind, p.where)}>{_e(p.text)}</li>'
                   for p in paragraphs)


def _articles(reg: _Registry, articles: Iterable[Article]) -> str:
    out = []
    for article in articles:
        ref = reg.add("article", _short(article.text, 40), article.where)
        items = _paragraphs(reg, article.items)
        out.append(f'<li{_attrs(ref, "article", article.where)}>{_e(article.text)}'
                   + (f'<ul class="paras">{items}</ul>' if items else "") + "</li>")
    return "".join(out)


def _tree(reg: _Registry, sections: Iterable[Section]) -> str:
    out = []
    for section in sections:
        label = section.number + section.heading
        ref = reg.add("heading", label, section.where, chip=section.number.strip("、．.") or section.heading[:4])
        body = _paragraphs(reg, section.paragraphs) + _articles(reg, section.articles)
        count = len(section.paragraphs) + len(section.articles)
        inner = ""
        if body:
            inner += (f'<details class="paras"><summary>{count} paragraph{"s" if count != 1 else ""}</summary>'
                      f'<ul class="paras">{body}</ul></details>')
        children = _tree(reg, section.children)
        if children:
            inner += f'<ul class="tree">{children}</ul>'
        out.append(f'<li class="node"><span{_attrs(ref, "heading", section.where)}>'
                   f'<b class="num">{_e(section.number)}</b>{_e(section.heading)}'
                   f'<span class="place">{_e(_place(section.where))}</span></span>{inner}</li>')
    return "".join(out)


def _body(reg: _Registry, preamble, articles, sections) -> str:
    out = []
    if preamble:
        out.append(f'<details class="paras"><summary>preamble: {len(preamble)} paragraph'
                   f'{"s" if len(preamble) != 1 else ""}</summary>'
                   f'<ul class="paras">{_paragraphs(reg, preamble)}</ul></details>')
    if articles:
        out.append(f'<ul class="paras">{_articles(reg, articles)}</ul>')
    tree = _tree(reg, sections)
    if tree:
        out.append(f'<ul class="tree">{tree}</ul>')
    return "".join(out) or '<p class="none">no sections</p>'


def _attached(reg: _Registry, report: Report) -> str:
    out = []
    for attached in report.attached_documents:
        label = attached.label + (f"　{attached.title}" if attached.title else "")
        ref = reg.add("attached", label, attached.where)
        out.append(f'<div class="attached"><h4{_attrs(ref, "attached", attached.where)}>{_e(label)}'
                   f'<span class="place">{_e(_place(attached.where))}</span></h4>'
                   f'{_body(reg, attached.preamble, attached.articles, attached.sections)}'
                   + (f'<p class="none">{len(attached.tables)} table(s), under Tables</p>' if attached.tables else "")
                   + "</div>")
    return "".join(out)


def all_tables(report: Report) -> list[tuple[str, Table]]:
    """(where it is, table) in ``Where.table`` order: the main document's, then each attached one's."""
    return [("", t) for t in report.tables] + [(a.label, t) for a in report.attached_documents for t in a.tables]


def _tables(reg: _Registry, report: Report) -> str:
    out = []
    for index, (owner, table) in enumerate(all_tables(report)):
        title = f"table {index}" + (f" ({owner})" if owner else "")
        caption = table.caption or ""
        ref = reg.add("table", f"{title}: {caption}", table.where, chip=f"表{index}")
        facts = [f"{table.n_rows}×{table.n_columns}", f"header rows {table.header_rows}",
                 f"header columns {table.header_columns}"]
        if table.form:
            facts.append(f"form {table.form}")
        if table.note:
            facts.append(table.note)
        rows: list[list[str]] = [[] for _ in range(table.n_rows)]
        for cell in sorted(table.cells, key=lambda c: (c.row, c.column)):
            cell_ref = reg.add("cell", f"{title} r{cell.row} c{cell.column}: {cell.text}", cell.where, find=cell.text)
            if cell_ref:
                reg.cells[(index, cell.row, cell.column)] = cell_ref
            tag = "th" if cell.header else "td"
            span = (f' rowspan="{cell.row_span}"' if cell.row_span > 1 else "") + \
                   (f' colspan="{cell.column_span}"' if cell.column_span > 1 else "")
            tip = f' title="{_e(cell.key)}"' if cell.key else ""
            if 0 <= cell.row < table.n_rows:
                rows[cell.row].append(
                    f'<{tag}{_attrs(cell_ref, "cell", cell.where)}{span}{tip}>{_e(cell.text)}</{tag}>')
        grid = "".join(f"<tr>{''.join(r)}</tr>" for r in rows)
        out.append(f'<div class="table"><h4{_attrs(ref, "table", table.where)}>{_e(title)}　{_e(caption)}'
                   f'<span class="place">{_e(_place(table.where))}</span></h4>'
                   f'<p class="facts">{_e(" · ".join(facts))}'
                   + (f'<br>section: {_e(" / ".join(table.section))}' if table.section else "")
                   + f'</p><div class="gridwrap"><table class="grid">{grid}</table></div></div>')
    return "".join(out) or '<p class="none">no tables</p>'


def _value(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


def _metrics(reg: _Registry, report: Report) -> str:
    rows = []
    for n, metric in enumerate(report.metrics):
        where = metric.where
        cell = (where.table, where.row, where.column) if where is not None and where.table is not None else None
        ref = reg.add("metric", f"{metric.text} {metric.key or metric.object or ''}", where, find=metric.text,
                      cell=cell)
        role = metric.period_role + (f" ({metric.period})" if metric.period else "")
        extra = " ".join(x for x in [metric.qualifier if metric.qualifier != "exact" else "", metric.change or "",
                                     f"state {metric.state}" if metric.state else ""] if x)
        rows.append(
            f'<tr{_attrs(ref, "metric", where)}><td class="n">{n}</td><td class="mt">{_e(metric.text)}</td>'
            f'<td>{_e(_value(metric.value))}{_e(" " + metric.unit if metric.unit else "")}'
            f'{"<br><small>" + _e(extra) + "</small>" if extra else ""}</td>'
            f'<td><code>{_e(metric.key or "")}</code><br>{_e(metric.object or "")}'
            f'{"／" + _e(metric.action) if metric.action else ""}</td>'
            f'<td>{_e(role)}</td><td class="sentence">{_e(metric.sentence)}'
            f'<span class="place">{_e(_place(where))}</span></td></tr>')
    if not rows:
        return '<p class="none">no metrics</p>'
    return ('<input type="search" id="metric-filter" placeholder="filter metrics (text, key, sentence)">'
            '<table class="metrics"><thead><tr><th>#</th><th>text</th><th>value</th><th>key / label</th>'
            f'<th>period role</th><th>sentence</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _warnings(reg: _Registry, report: Report) -> str:
    rows = []
    for warning in report.warnings:
        ref = reg.add("warning", f"{warning.code}: {warning.message}", warning.where)
        rows.append(f'<li{_attrs(ref, "warning", warning.where)}><code>{_e(warning.code)}</code> '
                    f'{_e(warning.message)}<span class="place">{_e(_place(warning.where))}</span></li>')
    return f'<ul class="warnings">{"".join(rows)}</ul>' if rows else '<p class="none">no warnings</p>'


# ---------------------------------------------------------------------------------------------
# the pages (left)

def _bbox_attr(bbox: list[float]) -> str:
    return ",".join(f"{v:.2f}" for v in bbox)


def _pct(value: float, total: float) -> str:
    return f"{100 * value / total:.3f}%"


def _page_boxes(sheet: Sheet, refs: list[_Ref]) -> str:
    width, height = sheet.width or 1.0, sheet.height or 1.0
    located = [r for r in refs if r.where.page == sheet.number and r.where.bbox and len(r.where.bbox) == 4]
    # the larger first, so that a cell lies over its table and a figure over its paragraph
    located.sort(key=lambda r: -abs((r.where.bbox[2] - r.where.bbox[0]) * (r.where.bbox[3] - r.where.bbox[1])))
    out = []
    for ref in located:
        x0, top, x1, bottom = ref.where.bbox
        out.append(f'<div class="box k-{ref.kind}" id="b-{ref.id}" data-ref="{ref.id}" data-page="{sheet.number}" '
                   f'data-bbox="{_bbox_attr(ref.where.bbox)}" title="{_e(ref.kind + ": " + ref.label)}" '
                   f'style="left:{_pct(x0, width)};top:{_pct(top, height)};width:{_pct(max(x1 - x0, 1), width)};'
                   f'height:{_pct(max(bottom - top, 1), height)}"></div>')
    return "".join(out)


def _page(sheet: Sheet, refs: list[_Ref]) -> str:
    width, height = sheet.width or 595.28, sheet.height or 841.89
    sheet.width, sheet.height = width, height
    if sheet.image:
        content = f'<img class="pimg" alt="page {sheet.number}" data-src="{sheet.image}">'
    else:  # no image (OFD): the text lines in their places
        spans = []
        for line in sheet.lines:
            if not line.bbox:
                continue
            x0, top, x1, bottom = line.bbox
            size = line.size or max(bottom - top, 4) * 0.9
            color = ";color:#%02x%02x%02x" % tuple(round(255 * min(max(c, 0.0), 1.0)) for c in line.color) \
                if line.color and len(line.color) == 3 else ""
            spans.append(f'<span class="tl" style="left:{_pct(x0, width)};top:{_pct(top, height)};'
                         f'font-size:calc(var(--z) * {size:.1f}px){color}">{_e(line.text)}</span>')
        content = "".join(spans)
    return (f'<section class="page" id="page-{sheet.number}" data-n="{sheet.number}" data-w="{width:.2f}" '
            f'style="width:calc(var(--z) * {width:.2f}px);height:calc(var(--z) * {height:.2f}px)">'
            f'<span class="pno">{sheet.number}</span>{content}{_page_boxes(sheet, refs)}</section>')


def _find_free(text: str, needle: str, used: list[tuple[int, int]], lo: int = 0, hi: Optional[int] = None) -> int:
    """The first place of ``needle`` in ``text[lo:hi]`` that overlaps no used interval, or -1."""
    hi = len(text) if hi is None else hi
    start = text.find(needle, lo, hi)
    while start >= 0:
        end = start + len(needle)
        if not any(s < end and start < e for s, e in used):
            return start
        start = text.find(needle, start + 1, hi)
    return -1


def _marked(text: str, marks: list[tuple[int, int, _Ref]]) -> str:
    """``text`` with each (start, end, ref) as a nested ``<mark>``; marks must nest."""
    out, pos, stack = [], 0, []
    for start, end, ref in marks:
        while stack and stack[-1] <= start:
            out.append(_e(text[pos:stack[-1]]) + "</mark>")
            pos = stack.pop()
        out.append(_e(text[pos:start]))
        pos = start
        out.append(f'<mark class="box k-{ref.kind}" id="b-{ref.id}" data-ref="{ref.id}" '
                   f'data-line="{ref.where.line}" title="{_e(ref.kind + ": " + ref.label)}">')
        stack.append(end)
    while stack:
        out.append(_e(text[pos:stack[-1]]) + "</mark>")
        pos = stack.pop()
    out.append(_e(text[pos:]))
    return "".join(out)


def _nest(marks: list[tuple[int, int, _Ref]]) -> tuple[list, list]:
    """The marks that nest (sorted), and those crossing one already taken."""
    taken, crossing, stack = [], [], []
    for mark in sorted(marks, key=lambda m: (m[0], -m[1])):
        while stack and stack[-1] <= mark[0]:
            stack.pop()
        if stack and mark[1] > stack[-1]:
            crossing.append(mark)
            continue
        stack.append(mark[1])
        taken.append(mark)
    return taken, crossing


def _column(sheet: Sheet, refs: list[_Ref], cells: dict) -> str:
    """A text input: one numbered row per line; figures and cells marked in their line,
    other elements as chips at the line's end."""
    from bisect import bisect_right

    lines = sheet.lines
    index = {line.line_no: i for i, line in enumerate(lines)}
    numbers = sorted(index)
    marks: dict[int, list] = {}
    chips: dict[int, list[_Ref]] = {}
    placed: dict[str, tuple[int, int, int]] = {}  # id -> (row, start, end)

    def row_of(line_no: int) -> Optional[int]:
        if line_no in index:
            return index[line_no]
        at = bisect_right(numbers, line_no)  # else the nearest line before it
        return index[numbers[at - 1]] if at else (0 if lines else None)

    for ref in refs:
        if ref.where.line is None or (ref.where.page is not None and ref.where.bbox):
            continue
        row = row_of(ref.where.line)
        if row is None:
            continue
        spot = None
        if ref.find:
            inside = placed.get(cells.get(ref.cell)) if ref.cell else None
            tries = [(inside[0], inside[1], inside[2])] if inside else []
            tries += [(r, 0, None) for r in range(row, min(row + 4, len(lines)))]
            for r, lo, hi in tries:
                used = [(s, e) for s, e, other in marks.get(r, []) if other.kind == ref.kind]
                start = _find_free(lines[r].text, ref.find, used, lo, hi)
                if start >= 0:
                    spot = (r, start, start + len(ref.find))
                    break
        if spot is not None:
            taken, crossing = _nest(marks.get(spot[0], []) + [(spot[1], spot[2], ref)])
            if not any(m[2] is ref for m in crossing):
                marks[spot[0]] = taken
                placed[ref.id] = spot
                continue
        chips.setdefault(row, []).append(ref)
    rows, seen = [], set()
    for i, line in enumerate(lines):
        anchor = "" if line.line_no in seen else f' id="line-{line.line_no}"'  # a DOCX title: two lines, one number
        seen.add(line.line_no)
        chip_html = "".join(
            f'<span class="chip box k-{r.kind}" id="b-{r.id}" data-ref="{r.id}" data-line="{r.where.line}" '
            f'title="{_e(r.kind + ": " + r.label)}">{_e(r.chip)}</span>' for r in chips.get(i, []))
        rows.append(f'<div class="row"{anchor}><span class="no">{line.line_no}</span>'
                    f'<span class="chips">{chip_html}</span>'
                    f'<span class="tx">{_marked(line.text, marks.get(i, []))}</span></div>')
    return f'<section class="column" id="page-0" data-n="0">{"".join(rows)}</section>'


# ---------------------------------------------------------------------------------------------
# the page

def render(report: Report, sheets: list[Sheet]) -> str:
    """The review page of ``report`` over ``sheets`` (see ``sheets_of``)."""
    reg = _Registry()
    document = _document(report)
    fields = _fields(reg, report)
    body = _body(reg, report.preamble, report.articles, report.sections)
    attached = _attached(reg, report)
    tables = _tables(reg, report)
    metrics = _metrics(reg, report)
    warnings = _warnings(reg, report)
    parts = []
    for sheet in sheets:
        parts.append(_column(sheet, reg.refs, reg.cells) if sheet.number == 0 else _page(sheet, reg.refs))
    counts = {group: 0 for group in GROUPS}
    for ref in reg.refs:
        counts[_GROUP_OF.get(ref.kind, "fields")] += 1
    toggles = "".join(
        f'<label class="tg g-{group}"><input type="checkbox" data-group="{group}"'
        f'{"" if group in ("paragraphs",) else " checked"}> {group} <small>{counts[group]}</small></label>'
        for group in GROUPS)
    n_tables = len(all_tables(report))
    name = Path(report.source.path).name
    return _TEMPLATE.substitute(
        title=_e(f"{report.title or name} — govdoc view"),
        name=_e(name),
        doc_title=_e(report.title or ""),
        toggles=toggles,
        hidden="hide-paragraphs",
        pages="".join(parts),
        document=document,
        fields=fields or '<tr><td class="none">no header fields</td></tr>',
        body=body,
        n_attached=len(report.attached_documents),
        attached=attached or '<p class="none">no attached documents</p>',
        n_tables=n_tables,
        tables=tables,
        n_metrics=len(report.metrics),
        metrics=metrics,
        n_warnings=len(report.warnings),
        warnings=warnings,
        n_boxes=len(reg.refs),
        style=_STYLE,
        script=_SCRIPT,
        csp=CSP,
    )


# what the review page and the compare page (output/compare_html.py) share
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
BASE_STYLE = """
*{box-sizing:border-box}
body{font:13px/1.45 system-ui,"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
 color:#222}
header.bar{display:flex;gap:12px;align-items:center;padding:6px 10px;background:#263238;color:#eceff1;flex:none;
 flex-wrap:wrap}
header.bar h1{font-size:14px;margin:0;font-weight:600;max-width:40%;overflow:hidden;text-overflow:ellipsis;
 white-space:nowrap}
header.bar .tg{font-size:12px;white-space:nowrap;cursor:pointer}
header.bar small{opacity:.7}
header.bar button{font:inherit;padding:0 7px;cursor:pointer}
.place{color:#90a4ae;font-size:11px;margin-left:8px;white-space:nowrap}
.none{color:#90a4ae;font-style:italic;margin:4px 0}
"""

_STYLE = BASE_STYLE + """
:root{--z:1.25}
html,body{margin:0;height:100%}
body{display:flex;flex-direction:column}
main{flex:1;display:flex;min-height:0}
#pages{flex:0 0 56%;overflow:auto;background:#78909c;padding:14px}
#structure{flex:1;overflow:auto;padding:4px 14px 40px;border-left:1px solid #90a4ae;background:#fafafa}
.page{position:relative;margin:0 auto 14px;background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.4)}
.page .pimg{position:absolute;inset:0;width:100%;height:100%}
.page .pno{position:absolute;right:100%;top:0;margin-right:4px;color:#eceff1;font-size:11px}
.page .tl{position:absolute;white-space:pre;line-height:1;color:#333;
 font-family:"Noto Serif CJK SC","AR PL UMing CN",serif}
.box{position:absolute;border:1.5px solid var(--c);background:transparent;cursor:pointer;border-radius:1px}
.box:hover{background:color-mix(in srgb,var(--c) 18%,transparent)}
.box.hl,.item.hl{outline:3px solid #ffd600;outline-offset:1px}
.box.hl{background:color-mix(in srgb,#ffd600 35%,transparent)!important}
.item.hl{background:#fff59d!important}
.chip.box.hl{background:var(--c)!important;outline-offset:0}
.k-header{--c:#d62728}.k-title{--c:#9467bd}.k-addressees{--c:#8c564b}.k-signature,.k-imprint,.k-note,
.k-attachment{--c:#e377c2}.k-attached{--c:#17becf}.k-heading{--c:#1f77b4}.k-paragraph,.k-article{--c:#9e9e9e}
.k-table{--c:#2ca02c}.k-cell{--c:#8bc34a}.k-metric{--c:#ff7f0e}.k-warning{--c:#b71c1c}
.box.k-paragraph,.box.k-article{border-style:dotted}.box.k-cell{border-width:1px}
.box.k-metric{background:color-mix(in srgb,var(--c) 15%,transparent)}.box.k-warning{border-style:dashed}
.box.k-table{border-width:2px}
body.hide-fields .box:is(.k-header,.k-title,.k-addressees,.k-signature,.k-imprint,.k-note,.k-attachment,.k-attached),
body.hide-headings .box.k-heading,body.hide-paragraphs .box:is(.k-paragraph,.k-article),body.hide-tables .box.k-table,
body.hide-cells .box.k-cell,body.hide-metrics .box.k-metric,body.hide-warnings .box.k-warning{display:none}
body.hide-cells mark.box.k-cell,body.hide-metrics mark.box.k-metric{display:inline;border:0;background:none}
.column{background:#fff;max-width:46em;margin:0 auto;padding:28px 24px;box-shadow:0 1px 4px rgba(0,0,0,.4);
 font-family:"Noto Serif CJK SC","AR PL UMing CN",serif;font-size:15px;line-height:1.7}
.row{display:flex;gap:8px;padding:0 4px;border-radius:2px}
.row:has(.chip.hl){outline:2px solid #ffd600;background:#fffde7}
.row .no{flex:0 0 3em;text-align:right;color:#90a4ae;font:11px/2.3 ui-monospace,monospace;user-select:none}
.row .tx{flex:1;white-space:pre-wrap;word-break:break-all;min-height:1.7em}
.row .chips{order:3;flex:none;display:flex;gap:2px;align-items:flex-start;padding-top:3px}
mark.box{position:static;background:color-mix(in srgb,var(--c) 14%,transparent);color:inherit;padding:0 1px;
 border-width:0 0 2px;border-radius:0}
.chip.box{position:static;display:inline-block;font:11px/1.5 system-ui,sans-serif;padding:0 4px;border-radius:8px;
 color:#fff;background:var(--c);border:0;white-space:nowrap}
#structure h2{font-size:13px;margin:0}
#structure details.group{border-bottom:1px solid #cfd8dc;padding:6px 0}
#structure details.group>summary{cursor:pointer;font-weight:600;font-size:14px;padding:2px 0}
#structure summary small{font-weight:400;color:#607d8b}
table.kv{border-collapse:collapse;width:100%}
table.kv th{text-align:left;font-weight:500;color:#546e7a;width:13em;vertical-align:top;padding:2px 6px 2px 0}
table.kv td{padding:2px 0}
.item[data-ref]{cursor:pointer;border-left:3px solid var(--c)}
tr.item[data-ref]>*:first-child{border-left:3px solid var(--c)}
tr.item[data-ref]{border-left:0}
.item[data-ref]:hover{background:#eceff1}
ul.tree{list-style:none;padding-left:14px;margin:2px 0}
ul.tree>li.node>span.item{display:inline-block;padding:1px 6px;margin:1px 0}
.num{margin-right:2px}
ul.paras{list-style:none;padding-left:8px;margin:2px 0;color:#37474f}
ul.paras>li{padding:2px 6px;margin:2px 0;font-size:12px}
details.paras>summary{font-size:11px;color:#78909c;cursor:pointer;margin-left:8px}
.attached{margin:6px 0 10px}
.attached h4,.table h4{margin:8px 0 2px;font-size:13px;padding:1px 6px}
.facts{margin:2px 6px;color:#607d8b;font-size:11px}
.gridwrap{overflow-x:auto}
table.grid{border-collapse:collapse;font-size:11px;margin:4px 0 10px}
table.grid th,table.grid td{border:1px solid #cfd8dc;padding:1px 4px;vertical-align:top}
table.grid th{background:#eef3e8;font-weight:500}
table.grid td.item[data-ref],table.grid th.item[data-ref]{border-left:1px solid #cfd8dc}
table.metrics{border-collapse:collapse;width:100%;font-size:12px}
table.metrics th{position:sticky;top:0;background:#eceff1;text-align:left;font-weight:500;padding:2px 4px}
table.metrics td{border-top:1px solid #e0e0e0;padding:2px 4px;vertical-align:top}
table.metrics td.n{color:#90a4ae}
table.metrics td.mt{font-weight:600;white-space:nowrap}
table.metrics td.sentence{color:#455a64}
table.metrics code{font-size:11px;color:#00695c;word-break:break-all}
#metric-filter{width:100%;margin:4px 0;padding:3px 6px;font:inherit}
ul.warnings{padding-left:0;list-style:none}
ul.warnings li{padding:2px 6px;margin:2px 0}
"""

_SCRIPT = """
(function () {
  "use strict";
  var pages = document.getElementById("pages");
  var structure = document.getElementById("structure");
  var selected = [];

  function openAncestors(el) {
    for (var p = el.parentElement; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") { p.open = true; }
    }
  }
  function select(ref, from) {
    selected.forEach(function (el) { el.classList.remove("hl"); });
    selected = [];
    var box = document.getElementById("b-" + ref);
    var item = document.getElementById("i-" + ref);
    if (!box && !item) { return false; }
    [box, item].forEach(function (el) { if (el) { el.classList.add("hl"); selected.push(el); } });
    if (item) { openAncestors(item); }
    if (box) {
      var group = box.className.match(/k-([a-z]+)/);
      var toggle = group && document.querySelector("input[data-group][data-kinds~='" + group[1] + "']");
      if (toggle && !toggle.checked) { toggle.click(); }
    }
    if (from !== "box" && box) {
      box.scrollIntoView({block: "center", inline: "nearest"});
    } else if (from !== "box" && item && item.dataset.page) {
      var page = document.getElementById("page-" + item.dataset.page);
      if (page) { page.scrollIntoView({block: "start"}); }
    }
    if (from !== "item" && item) { item.scrollIntoView({block: "center", inline: "nearest"}); }
    document.body.setAttribute("data-selected", ref);
    if (history.replaceState) { history.replaceState(null, "", "#" + ref); }
    return true;
  }
  document.addEventListener("click", function (ev) {
    var el = ev.target.closest("[data-ref]");
    if (!el) {
      var row = ev.target.closest(".row");
      el = row && row.querySelector(".chip[data-ref]");
    }
    if (!el) { return; }
    select(el.getAttribute("data-ref"), structure.contains(el) ? "item" : "box");
  });

  /* pages load lazily: the image data goes into src near the view and out far from it */
  var images = Array.prototype.slice.call(document.querySelectorAll("img[data-src]"));
  function load(img) { if (!img.getAttribute("src")) { img.setAttribute("src", img.getAttribute("data-src")); } }
  if ("IntersectionObserver" in window) {
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { load(entry.target); }
        else if (entry.target.getAttribute("src")) { entry.target.removeAttribute("src"); }
      });
    }, {root: pages, rootMargin: "1600px 0px"});
    images.forEach(function (img) { observer.observe(img); });
  } else {
    images.forEach(load);
  }

  /* zoom: page points to CSS pixels */
  var widest = 0;
  Array.prototype.forEach.call(document.querySelectorAll(".page"), function (p) {
    widest = Math.max(widest, parseFloat(p.getAttribute("data-w")) || 0);
  });
  var zoom = 1.25;
  function setZoom(z) { zoom = Math.max(0.3, Math.min(4, z)); pages.style.setProperty("--z", zoom.toFixed(3)); }
  function fit() { if (widest) { setZoom((pages.clientWidth - 44) / widest); } }
  fit();
  window.addEventListener("resize", fit);
  document.getElementById("zoom-in").addEventListener("click", function () { setZoom(zoom * 1.2); });
  document.getElementById("zoom-out").addEventListener("click", function () { setZoom(zoom / 1.2); });
  document.getElementById("zoom-fit").addEventListener("click", fit);

  /* box groups on and off */
  var kinds = GROUPS_JSON;
  Array.prototype.forEach.call(document.querySelectorAll("input[data-group]"), function (input) {
    var group = input.getAttribute("data-group");
    input.setAttribute("data-kinds", (kinds[group] || []).join(" "));
    function apply() { document.body.classList.toggle("hide-" + group, !input.checked); }
    input.addEventListener("change", apply);
    apply();
  });

  /* metric filter */
  var filter = document.getElementById("metric-filter");
  if (filter) {
    filter.addEventListener("input", function () {
      var q = filter.value.trim().toLowerCase();
      Array.prototype.forEach.call(document.querySelectorAll("table.metrics tbody tr"), function (tr) {
        tr.style.display = !q || tr.textContent.toLowerCase().indexOf(q) >= 0 ? "" : "none";
      });
    });
  }

  window.govdocView = {select: select};
  if (location.hash.length > 1) { select(decodeURIComponent(location.hash.slice(1)), "hash"); }
})();
"""


def _groups_json() -> str:
    import json

    return json.dumps({group: list(kinds) for group, kinds in GROUPS.items()})


_SCRIPT = _SCRIPT.replace("GROUPS_JSON", _groups_json())

_TEMPLATE = Template("""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="$csp">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="govdoc view">
<title>$title</title>
<style>$style</style>
</head>
<body class="$hidden">
<header class="bar">
<h1 title="$doc_title">$name</h1>
<span>$toggles</span>
<span><button id="zoom-out" type="button" title="smaller">−</button> <button id="zoom-fit" type="button"
 title="fit the width">fit</button> <button id="zoom-in" type="button" title="larger">+</button></span>
<small>$n_boxes located elements</small>
</header>
<main>
<div id="pages">$pages</div>
<div id="structure">
<details class="group" open><summary>Document</summary><table class="kv">$document</table></details>
<details class="group" open>
<summary>Header and fields <small>版头 · 标题 · 主送 · 落款 · 版记</small></summary>
<table class="kv">$fields</table></details>
<details class="group" open><summary>Sections <small>正文</small></summary>$body</details>
<details class="group" open><summary>Attached documents <small>$n_attached</small></summary>$attached</details>
<details class="group" open><summary>Tables <small>$n_tables</small></summary>$tables</details>
<details class="group" open><summary>Metrics <small>$n_metrics</small></summary>$metrics</details>
<details class="group" open><summary>Warnings <small>$n_warnings</small></summary>$warnings</details>
</div>
</main>
<script>$script</script>
</body>
</html>
""")
