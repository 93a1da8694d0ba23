"""What the checks read of a Report, computed once: the body units with their offsets into
``Report.body_text()``, the folded text, whether the document is an annual 法治政府建设 report,
its reporting year and its issuer's level."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

import regex

from ..model import AttachedDocument, Report, Section, Where, iter_body_units
from ..text.fold import fold
from ..text.numerals import parse_digits
from .tables import compiled, load

_SPACES = regex.compile(r"\s+")


def norm(text: Optional[str]) -> str:
    """Folded (traditional, full-width) with every space removed.

    >>> norm("關於 ２０２３ 年度")
    '关于2023年度'
    """
    return _SPACES.sub("", fold(text or ""))


@dataclass
class Unit:
    """One line of the body text: a heading, a paragraph, an article, an attached document's
    label or title."""

    text: str
    start: int  # offset in Report.body_text()
    path: list[str]
    owner: object
    document: int  # 0: the main document; i: attached document i (1-based)
    kind: str  # heading | paragraph | label | title
    section: Optional[Section] = None  # the heading's section, or the section a paragraph is in

    @property
    def where(self) -> Where:
        """The owner's provenance, with the span of this unit."""
        own = getattr(self.owner, "where", None)
        where = own.model_copy() if isinstance(own, Where) else Where()
        where.span = [self.start, self.start + len(self.text)]
        return where

    def where_of(self, start: int, end: int) -> Where:
        where = self.where
        where.span = [self.start + start, self.start + end]
        return where


@dataclass
class View:
    report: Report
    units: list[Unit] = field(default_factory=list)

    def __post_init__(self):
        offset, document = 0, 0
        current: Optional[Section] = None
        for text, path, owner in iter_body_units(self.report):
            if isinstance(owner, AttachedDocument):
                document += 1
                current = None
                kind = "label"
            elif owner is None:
                kind = "title"
            elif isinstance(owner, Section):
                kind, current = "heading", owner
            else:
                kind = "paragraph"
            self.units.append(Unit(text, offset, path, owner, document, kind, current))
            offset += len(text) + 1

    # --- the document ---------------------------------------------------------------------

    @cached_property
    def title(self) -> str:
        return norm(self.report.title)

    @cached_property
    def main_units(self) -> list[Unit]:
        return [u for u in self.units if u.document == 0]

    @cached_property
    def main_paragraphs(self) -> list[Unit]:
        return [u for u in self.main_units if u.kind == "paragraph"]

    @cached_property
    def annual_report(self) -> bool:
        """An annual 法治政府建设 report: a 报告 whose title names the subject.

        >>> from govdoc_parser.model import Report, Source
        >>> def view(title): return View(Report(source=Source(path="x", sha256="0", format="text"), title=title, doc_type="报告"))
        >>> view("青川市人民政府关于2022年度法治政府建设情况的报告").annual_report
        True
        >>> view("某市人民政府关于做好2023年度法治政府建设情况报告报送工作的通知").annual_report
        False
        """
        rules = load("parts")["report"]
        title = self.title
        if not title or not compiled(rules["endings"]).search(title):
            return False
        return bool(compiled(rules["title"]).search(title)) and not compiled(rules["not_title"]).search(title)

    @cached_property
    def multi_year(self) -> bool:
        return bool(compiled(load("parts")["report"]["multi_year"]).search(self.title))

    @cached_property
    def title_years(self) -> set[int]:
        years = set()
        for m in compiled(load("parts")["report"]["title_year"]).finditer(self.title):
            value = int(m.group(1)) if m.group(1) else parse_digits(m.group(2))
            if value:
                years.add(value)
        return years

    @cached_property
    def reporting_year(self) -> tuple[Optional[int], Optional[str]]:
        """The reporting year and where it was read: the title, else the body's opening."""
        if self.multi_year:
            return None, None
        if len(self.title_years) == 1:
            return next(iter(self.title_years)), "title"
        if len(self.title_years) == 2 and max(self.title_years) - min(self.title_years) == 1:
            return min(self.title_years), "title"  # 关于2023年度法治政府建设情况和2024年工作安排的报告
        if len(self.title_years) > 1:
            return None, None
        rules = load("parts")["report"]
        patterns = [compiled(p) for p in rules["opening_year"]]
        opening = [norm(u.text) for u in self.main_paragraphs[: rules["opening_paragraphs"]]]
        for pattern in patterns:  # in the table's order: the strongest form first
            years = {int(m.group(1)) for text in opening for m in [pattern.search(text)] if m}
            if len(years) == 1:
                return years.pop(), "body"
        return None, None

    @cached_property
    def date(self) -> Optional[dt.date]:
        iso = self.report.signature.date
        try:
            return dt.date.fromisoformat(iso) if iso else None
        except ValueError:
            return None

    @cached_property
    def issuers(self) -> list[str]:
        """Issuing organs as printed: the mark's, the 署名's, the title's (before 关于)."""
        names = list(self.report.header.issuers) + list(self.report.signature.issuers)
        reporting = getattr(self.report, "reporting", None)
        if reporting is not None and getattr(reporting, "issuer", None):
            names.append(reporting.issuer)
        head = self.title.split("关于")[0] if "关于" in self.title else ""
        if head:
            names += [p for p in regex.split(r"[、，,]", head) if p]
        title = self.report.title or ""
        if "关于" in title:
            names += [p for p in regex.split(r"[\s、，,]+", title.split("关于")[0]) if p]
        seen, out = set(), []
        for name in names:
            key = norm(name)
            if key and key not in seen:
                seen.add(key)
                out.append(key)
        return out

    @cached_property
    def ascii_punctuation(self) -> bool:
        """The text's punctuation was folded to ASCII (a web store's copy: `,:;()`): what the
        punctuation says about the document (主送 colon, heading brackets) cannot be measured."""
        text = "".join(u.text for u in self.units) + "".join(self.report.addressees)
        ascii_ = sum(text.count(c) for c in ",:;")
        full = sum(text.count(c) for c in "，：；")
        return ascii_ >= 3 and ascii_ >= full

    @cached_property
    def from_portal(self) -> set[str]:
        """Fields the parser took from a portal's metadata table (成文日期, 发文字号 …)."""
        fields = set()
        for warning in self.report.warnings:
            if warning.code == "FROM_PORTAL_METADATA":
                fields.update(regex.split(r"[,，、\s]+", warning.message.split(":")[-1]))
        return {f for f in fields if f}
