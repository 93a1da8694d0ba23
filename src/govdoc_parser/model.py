"""The Report: the single source of truth for govdoc-parser's output.

Field names are public API (output contract version 1). ``schemas/report.schema.json``
is generated from these classes by ``python -m govdoc_parser.schema``; a test fails when
the two drift apart.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

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


class Section(_Model):
    number: str
    level: int = Field(ge=1, le=4)
    heading: str
    paragraphs: list[Paragraph] = Field(default_factory=list)
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
    sentence: str = ""
    section: list[str] = Field(default_factory=list)
    where: Optional[Where] = None


class Report(_Model):
    schema_version: Literal["1.0"] = SCHEMA_VERSION
    source: Source
    doc_type: Optional[str] = None
    header: Header = Field(default_factory=Header)
    title: Optional[str] = None
    addressees: list[str] = Field(default_factory=list)
    preamble: list[Paragraph] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    attachments: list[str] = Field(default_factory=list)
    signature: Signature = Field(default_factory=Signature)
    note: Optional[str] = None
    imprint: Optional[Imprint] = None
    metrics: list[Metric] = Field(default_factory=list)
    warnings: list[Warning_] = Field(default_factory=list)

    def iter_sections(self):
        """Every section, depth first, in document order."""
        stack = list(reversed(self.sections))
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.children))

    def body_text(self) -> str:
        """The body text that ``where.span`` offsets point into."""
        return body_text_of(self)


Section.model_rebuild()


def body_text_of(report: Report) -> str:
    """Preamble paragraphs, then each section heading and paragraph, one per line."""
    parts = [p.text for p in report.preamble]
    for section in report.iter_sections():
        parts.append(section.number + section.heading)
        parts.extend(p.text for p in section.paragraphs)
    return "\n".join(parts)
