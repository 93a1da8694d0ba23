"""A Report as Markdown (``govdoc parse --format markdown``): the title, the addressees and
preamble, the section tree as headings with their paragraphs, 条 and tables, the signature,
then each attached document the same way. Tables are GitHub-flavoured pipe tables (a
merged cell's text in its top-left place; header rows joined top-down with ``/``, a merged
header naming each figure column under it); a table
sits after the paragraphs of the section it belongs to. Metrics, provenance and warnings
are left to the JSON.

>>> from govdoc_parser.model import Report, Source, Section, Paragraph
>>> report = Report(source=Source(path="a.txt", sha256="0", format="text"), title="关于做好工作的通知",
...                 sections=[Section(number="一、", level=1, heading="总体要求",
...                                   paragraphs=[Paragraph(text="坚持依法行政。")])])
>>> print(render(report))
# 关于做好工作的通知
<BLANKLINE>
## 一、总体要求
<BLANKLINE>
坚持依法行政。
<BLANKLINE>
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

from ..model import Article, AttachedDocument, Paragraph, Report, Section, Table

_BLOCK_START = re.compile(r"^(\s*)([#>+*-]|\d+[.)]|=+\s*$|`{3,}|~{3,})")
_INLINE = re.compile(r"([\\`*_\[\]<>|])")


def render(report: Report) -> str:
    """The whole Report as one Markdown document (ends with a newline)."""
    out: list[str] = []
    if report.title:
        out.append(f"# {_inline(report.title)}")
    if report.header.document_number:
        out.append(_text(report.header.document_number.raw))
    if report.addressees:
        out.append(_text("、".join(report.addressees) + "："))
    _document(out, report.preamble, report.articles, report.sections, report.tables, level=1)
    signature = [*report.signature.issuers, report.signature.date_raw or report.signature.date or ""]
    if any(signature):
        out.append("  \n".join(_text(line) for line in signature if line))
    if report.note:
        out.append(_text(report.note))
    for attached in report.attached_documents:
        _attached(out, attached)
    return "\n\n".join(block for block in out if block) + "\n"


def render_table(table: Table, *, caption: bool = True) -> str:
    """One table as a pipe table, its caption and unit note above it in bold."""
    grid = table.rows()
    if not grid or not table.n_columns:
        return ""
    heads = max(0, min(table.header_rows, len(grid)))
    if heads:
        # a merged header cell names every figure column it covers (申请人情况/自然人, 申请人情况/总计);
        # over the label columns (the corner) it is printed once
        covering = {(r, c): cell.text for (r, c), cell in table.covering().items()
                    if r < heads and (c == cell.column or c >= table.header_columns)}
        header = ["/".join(dict.fromkeys(covering[(r, c)] for r in range(heads) if covering.get((r, c))))
                  for c in range(table.n_columns)]
    else:
        header = [""] * table.n_columns  # a pipe table needs a header row: an empty one
    lines = []
    if caption and table.caption:
        lines.append(f"**{_inline(table.caption)}**\n")
    if table.note:
        lines.append(f"{_inline(table.note)}\n")
    lines.append(_row(header))
    lines.append("|" + "|".join(" --- " for _ in header) + "|")
    lines.extend(_row(row) for row in grid[heads:])
    return "\n".join(lines)


def _attached(out: list[str], attached: AttachedDocument) -> None:
    out.append("---")
    title = f"{attached.label}　{attached.title}" if attached.title else attached.label
    out.append(f"# {_inline(title)}")
    _document(out, attached.preamble, attached.articles, attached.sections, attached.tables, level=1)


def _document(out: list[str], preamble: list[Paragraph], articles: list[Article], sections: list[Section],
              tables: list[Table], level: int) -> None:
    """Preamble, 条 outside sections, the sections, and the tables each in its section (a
    table whose section is not found comes at the end, so none is lost)."""
    by_section: dict[tuple[str, ...], list[Table]] = {}
    for table in tables:
        by_section.setdefault(tuple(table.section), []).append(table)
    out.extend(_text(p.text) for p in preamble)
    _articles(out, articles)
    _tables(out, by_section.pop((), []), None)
    for section in sections:
        _section(out, section, [], by_section, level + 1)
    for rest in by_section.values():
        _tables(out, rest, None)


def _section(out: list[str], section: Section, path: list[str], by_section: dict, depth: int) -> None:
    label = section.number + section.heading
    path = path + [label]
    out.append(f"{'#' * min(depth, 6)} {_inline(label)}")
    out.extend(_text(p.text) for p in section.paragraphs)
    _articles(out, section.articles)
    _tables(out, by_section.pop(tuple(path), []), label)
    for child in section.children:
        _section(out, child, path, by_section, depth + 1)


def _articles(out: list[str], articles: Iterable[Article]) -> None:
    for article in articles:
        text = article.text
        if text.startswith(article.number):  # 第一条　… : the number in bold
            text = f"**{_inline(article.number)}**{_inline(text[len(article.number):])}"
        else:
            text = _text(text)
        out.append(text)
        out.extend(_text(item.text) for item in article.items)


def _tables(out: list[str], tables: list[Table], heading: Optional[str]) -> None:
    for table in tables:
        out.append(render_table(table, caption=table.caption != heading))


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _cell(text: str) -> str:
    return _inline(text).replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


def _inline(text: str) -> str:
    """Characters that would turn into emphasis, links, HTML or cell borders, escaped."""
    return _INLINE.sub(r"\\\1", text)


def _text(text: str) -> str:
    """A paragraph: inline escapes, and a line that would start a heading, list or quote
    (``1.``, ``-``, ``#``) escaped; line breaks inside kept as hard breaks."""
    lines = []
    for line in _inline(text).splitlines() or [""]:
        match = _BLOCK_START.match(line)
        if match:
            token = match.group(2)
            if token[0].isdigit():
                line = f"{match.group(1)}{token[:-1]}\\{token[-1]}{line[match.end():]}"
            else:
                line = f"{match.group(1)}\\{line[len(match.group(1)):]}"
        lines.append(line)
    return "  \n".join(lines)
