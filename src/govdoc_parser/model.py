"""The Report: the single source of truth for govdoc-parser's output.

Field names are public API (output contract version 1.1; every 1.0 field is kept).
``govdoc_parser/schemas/report.schema.json``
is generated from these classes by ``python -m govdoc_parser.schema``; a test fails when
the two drift apart.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.1"

Format = Literal["pdf", "text", "markdown", "html", "docx", "doc", "wps", "ofd", "image"]
Qualifier = Literal["exact", "more_than", "at_least", "approx", "at_most", "less_than"]
Kind = Literal["count", "percent", "money", "duration", "other"]
Change = Literal["increase", "decrease"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Where(_Model):
    """Provenance: where a value came from in the source."""

    page: Optional[int] = None
    bbox: Optional[list[float]] = Field(
        default=None, description="[x0, top, x1, bottom] in PDF points, origin top-left"
    )
    line: Optional[int] = Field(default=None, description="1-based line number (text inputs)")
    span: Optional[list[int]] = Field(
        default=None, description="[start, end) character offsets into Report body text"
    )
    table: Optional[int] = Field(default=None, description="index of the table (figures read from a table cell)")
    row: Optional[int] = None
    column: Optional[int] = None


class Warning_(_Model):
    code: str
    message: str
    where: Optional[Where] = None


class Source(_Model):
    path: str
    sha256: str
    format: Format
    pages: Optional[int] = None
    producer: Optional[str] = None
    engine: Optional[str] = None
    ocr: bool = False
    parser_version: Optional[str] = None
    rules_hash: Optional[str] = Field(default=None, description="sha256 (16 hex) of every rule table")


class DocumentNumber(_Model):
    raw: str
    agency_code: Optional[str] = None
    year: Optional[int] = None
    serial: Optional[int] = None
    normalized: Optional[str] = None
    where: Optional[Where] = None


class Header(_Model):
    copy_number: Optional[str] = None
    classification: Optional[str] = None
    urgency: Optional[str] = None
    issuer_mark: Optional[str] = None
    issuers: list[str] = Field(default_factory=list)
    document_number: Optional[DocumentNumber] = None
    signatories: list[str] = Field(default_factory=list)
    where: Optional[Where] = None


class Paragraph(_Model):
    text: str
    where: Optional[Where] = None


class TableCell(_Model):
    row: int
    column: int
    text: str = Field(description="as printed, whitespace inside removed (总 计 -> 总计)")
    row_span: int = 1
    column_span: int = 1
    header: bool = False
    key: Optional[str] = Field(default=None, description="standard key of a figure cell, e.g. gov_info_disclosure.requests.new.natural_person")
    where: Optional[Where] = None


class Table(_Model):
    """A table in its place in the document: never a section, a paragraph, a title or a date."""

    caption: Optional[str] = Field(default=None, description="its caption, or the heading it sits under")
    note: Optional[str] = Field(default=None, description="the unit note printed above it (单位：万元)")
    n_rows: int
    n_columns: int
    header_rows: int = 0
    header_columns: int = 0
    cells: list[TableCell] = Field(default_factory=list)
    section: list[str] = Field(default_factory=list, description="numbers+headings of the enclosing sections")
    form: Optional[str] = Field(default=None, description="the standard table it was read as, e.g. gov_info_disclosure.requests")
    where: Optional[Where] = None

    def rows(self) -> list[list[str]]:
        """The grid: one list per row, a merged cell's text in its top-left place, "" elsewhere."""
        grid = [["" for _ in range(self.n_columns)] for _ in range(self.n_rows)]
        for cell in self.cells:
            grid[cell.row][cell.column] = cell.text
        return grid

    def covering(self) -> dict[tuple[int, int], "TableCell"]:
        """The cell over each grid place: a merged cell covers every row and column it spans."""
        cover = {}
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.row_span):
                for c in range(cell.column, cell.column + cell.column_span):
                    cover[(r, c)] = cell
        return cover

    def to_dataframe(self):
        """A pandas DataFrame (the ``dataframe`` extra): the header cells over each column joined
        top-down with '/' as column names, the header columns as the (multi-)index. A merged
        cell names every row and column it covers."""
        import pandas as pd

        cover = {place: cell.text for place, cell in self.covering().items()}
        starts = {(cell.row, cell.column) for cell in self.cells}
        columns = range(self.header_columns, self.n_columns)
        names = ["/".join(dict.fromkeys(cover[(r, c)] for r in range(self.header_rows) if cover.get((r, c))))
                 or f"column {c}" for c in columns]
        body = range(self.header_rows, self.n_rows)
        frame = pd.DataFrame([[cover.get((r, c), "") if (r, c) in starts else "" for c in columns] for r in body],
                             columns=names)
        if self.header_columns:
            labels = [tuple(cover.get((r, c), "") for c in range(self.header_columns)) for r in body]
            frame.index = pd.MultiIndex.from_tuples(labels) if self.header_columns > 1 else [l[0] for l in labels]
        return frame


class Article(_Model):
    """A 条 of a regulation: its number, its first paragraph (number included) and the （一）
    items and later paragraphs that belong to it."""

    number: str
    text: str
    items: list[Paragraph] = Field(default_factory=list)
    where: Optional[Where] = None


class Section(_Model):
    number: str
    level: int = Field(ge=1, le=4)
    heading: str
    kind: Literal["heading", "chapter", "part"] = Field(
        default="heading", description="heading: 一、（一）1.（1）; chapter: 第X章; part: 第X节"
    )
    paragraphs: list[Paragraph] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list)
    children: list["Section"] = Field(default_factory=list)
    where: Optional[Where] = None


class Signature(_Model):
    issuers: list[str] = Field(default_factory=list)
    date: Optional[str] = Field(default=None, description="成文日期, ISO YYYY-MM-DD")
    date_raw: Optional[str] = None
    where: Optional[Where] = None


class Imprint(_Model):
    copied_to: list[str] = Field(default_factory=list)
    printed_by: Optional[str] = None
    printed_on: Optional[str] = Field(default=None, description="印发日期, ISO YYYY-MM-DD")
    printed_on_raw: Optional[str] = None
    where: Optional[Where] = None


class Metric(_Model):
    text: str = Field(description="the mention as written, e.g. 533余人次")
    value: float
    unit: Optional[str] = None
    qualifier: Qualifier = "exact"
    kind: Kind = "count"
    change: Optional[Change] = None
    object: Optional[str] = None
    action: Optional[str] = None
    key: Optional[str] = None
    period: Optional[str] = None
    period_role: Literal["year", "cumulative", "prior_year", "stock", "target", "other"] = Field(
        default="year", description="what the figure covers: the reporting year's own, cumulative, an earlier "
        "year's, a stock at a date, a target, or part of a year (metrics/rules/periods.toml [roles])")
    state: Optional[Literal["before", "after"]] = Field(
        default=None, description="由A压减到B: A is the state before, B the state after; 增至X: X is the state "
        "after (a level reached, whatever `change` says of the verb)")
    sentence: str = ""
    section: list[str] = Field(default_factory=list)
    where: Optional[Where] = None


class AttachedDocument(_Model):
    """A document printed after the main 公文 (附件1, the 方案 of a 印发 notice), parsed by
    the same stages; its headings are not sections of the main document."""

    label: str = Field(description="附件1, 附件 … as printed; 附件 when the document has no label")
    title: Optional[str] = None
    preamble: list[Paragraph] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    where: Optional[Where] = None


class Reporting(_Model):
    """Who reports on which year: the keys that line a unit's reports up across years."""

    issuer: Optional[str] = Field(default=None, description="the (first) issuing organ as printed")
    issuer_key: Optional[str] = Field(default=None, description="normalised: 青川市人民政府文件 -> 青川市政府")
    issuer_source: Optional[str] = Field(default=None, description="mark | signature | title | metadata | front_matter")
    year: Optional[int] = Field(default=None, description="the year reported on")
    year_source: Optional[str] = Field(default=None, description="title | front_matter | body | signature_date")


class Report(_Model):
    schema_version: Literal["1.1"] = SCHEMA_VERSION
    source: Source
    doc_type: Optional[str] = None
    header: Header = Field(default_factory=Header)
    title: Optional[str] = None
    addressees: list[str] = Field(default_factory=list)
    preamble: list[Paragraph] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list, description="条 outside any 章 (regulations)")
    tables: list[Table] = Field(default_factory=list, description="the main document's tables, in order")
    attachments: list[str] = Field(default_factory=list, description="附件说明 items (names)")
    attached_documents: list[AttachedDocument] = Field(default_factory=list)
    signature: Signature = Field(default_factory=Signature)
    note: Optional[str] = None
    imprint: Optional[Imprint] = None
    reporting: Reporting = Field(default_factory=Reporting)
    where: dict[str, Where] = Field(
        default_factory=dict,
        description="provenance of scalar fields: title, addressees, signatories, attachments, note",
    )
    metrics: list[Metric] = Field(default_factory=list)
    warnings: list[Warning_] = Field(default_factory=list)

    def iter_sections(self):
        """Every section of the main document, depth first, in document order."""
        return iter_sections(self.sections)

    def body_text(self) -> str:
        """The body text that ``where.span`` offsets point into."""
        return body_text_of(self)


Section.model_rebuild()


def iter_sections(sections: list[Section]):
    stack = list(reversed(sections))
    while stack:
        section = stack.pop()
        yield section
        stack.extend(reversed(section.children))


def _article_units(articles: list[Article], path: list[str]):
    for article in articles:
        yield article.text, path, article
        for item in article.items:
            yield item.text, path, item


def _document_units(preamble, articles, sections):
    for paragraph in preamble:
        yield paragraph.text, [], paragraph
    yield from _article_units(articles, [])
    path: list[Section] = []
    for section in iter_sections(sections):
        while path and path[-1].level >= section.level:
            path.pop()
        path.append(section)
        labels = [s.number + s.heading for s in path]
        yield section.number + section.heading, labels, section
        for paragraph in section.paragraphs:
            yield paragraph.text, labels, paragraph
        yield from _article_units(section.articles, labels)


def iter_body_units(report: Report):
    """(text, section path, owner) for each line of the body text, in order: the main
    document's preamble, 条 outside chapters and sections (each heading, then its paragraphs and
    条), then each attached document's label, title, preamble, 条 and sections. ``owner`` is the
    model object whose ``where`` locates the line."""
    yield from _document_units(report.preamble, report.articles, report.sections)
    for attached in report.attached_documents:
        yield attached.label, [attached.label], attached
        if attached.title:
            yield attached.title, [attached.label], None
        for text, path, owner in _document_units(attached.preamble, attached.articles, attached.sections):
            yield text, [attached.label] + path, owner


def body_text_of(report: Report) -> str:
    """The body text: one line per unit of ``iter_body_units``."""
    return "\n".join(text for text, _, _ in iter_body_units(report))
