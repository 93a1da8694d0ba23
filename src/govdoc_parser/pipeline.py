"""The cascade: read -> layout -> labels -> elements -> metrics -> Report. This module only
calls the stages in order."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator, Optional

from . import limits, quality
from .elements import dates, docnumber, issuers
from .elements.body import parse_body
from .elements.header import parse_front
from .elements.imprint import parse_tail
from .elements.reporting import reporting_of
from .elements.title import doc_type_of
from .labels import explain, label_document
from .layout import build_layout
from .layout.paragraphs import measure_column
from .model import Report, Source, Warning_, Where, iter_body_units
from .read import DEFAULT_ENGINE, read_document
from .read.primitives import RawDocument
from .rules import load, rules_hash
from . import __version__


def parse_file(
    path: str | Path,
    *,
    engine: str = DEFAULT_ENGINE,
    metrics: bool = True,
    max_pages: int = 2000,
    ocr: bool = True,
    timeout: Optional[float] = None,
) -> Report:
    """Read and parse ``path``; ``timeout`` seconds at most (see ``limits.time_limit``).

    Every failure is a GovdocError, RecursionError and MemoryError included (``limits.contained``).
    """
    with limits.contained(str(path)), limits.time_limit(timeout):
        raw = read_document(path, engine=engine, max_pages=max_pages, ocr=ocr)
        return parse_raw(raw, metrics=metrics)


def parse_raw(raw: RawDocument, *, metrics: bool = True) -> Report:
    limits.check_lines((line.text for page in raw.pages for line in page.lines), raw.path)
    warnings = [Warning_(code=c, message=m) for c, m in raw.warnings]
    warnings += quality.check(raw)
    layout = build_layout(raw)
    labelled = label_document(layout, _body_size(layout))
    front = parse_front(labelled.front)
    body = parse_body(labelled.body, [(part.label, part.blocks) for part in labelled.attached], layout.tables)
    title = front.title
    report = Report(
        source=_source(raw),
        header=front.header,
        title=title,
        doc_type=doc_type_of(title),
        addressees=body.addressees,
        preamble=body.preamble,
        sections=body.sections,
        articles=body.articles,
        tables=body.tables,
        attachments=body.attachments,
        attached_documents=body.attached,
        signature=body.signature,
        note=body.note,
        imprint=parse_tail(labelled.tail),
        where=_field_provenance(front, body),
    )
    report.header.issuers, issuer_source = issuers.resolve(report.header.issuers, report.signature.issuers, title)
    units = list(_text_units(report, body.locators))
    _fill_from_portal_metadata(report, raw.metadata, warnings)
    report.reporting, codes = reporting_of(report, report.header.issuers, issuer_source, raw.metadata)
    warnings += [Warning_(code=c, message=_REPORTING_MESSAGES[c]) for c in codes]
    warnings += [Warning_(code=f, message=load("docnumber")["messages"].get(f, f)) for f in front.flags]
    if body.addressee_flag:
        warnings.append(Warning_(code=body.addressee_flag, message="主送 ends with a half-width colon"))
    if labelled.head_rule is None and layout.has_geometry and report.header.issuer_mark:
        warnings.append(Warning_(code="REDLINE_MISSING", message="no red rule under the 版头"))
    warnings += _missing_field_warnings(report)
    warnings += [Warning_(code="TABLE_CHECK_FAILED", message=f"{table.caption}: {failure}", where=table.where)
                 for table, failure in body.table_failures]
    if metrics:
        report.metrics = _extract_metrics(units) + list(table_metrics(report))
        assign_roles(report.metrics, report.reporting.year)
    report.warnings = warnings
    return report


def explain_file(path: str | Path, *, engine: str = DEFAULT_ENGINE, max_pages: int = 2000, ocr: bool = True) -> list[str]:
    """``govdoc parse --explain``: every block with its label and the rule that gave it."""
    with limits.contained(str(path)):
        layout = build_layout(read_document(path, engine=engine, max_pages=max_pages, ocr=ocr))
        return explain(label_document(layout, _body_size(layout)))


def _source(raw: RawDocument) -> Source:
    return Source(
        path=raw.path,
        sha256=raw.sha256,
        format=raw.format,
        pages=len(raw.pages) if raw.has_geometry else None,
        producer=raw.producer,
        engine=raw.engine,
        ocr=raw.ocr,
        parser_version=__version__,
        rules_hash=rules_hash(),
    )


def _field_provenance(front, body) -> dict[str, Where]:
    found = {
        "title": front.title_where,
        "signatories": front.signer_where,
        "addressees": body.addressee_where,
        "attachments": body.attachments_where,
        "note": body.note_where,
    }
    return {name: where for name, where in found.items() if where is not None}




def _body_size(layout) -> Optional[float]:
    """The body text size: from the text column, or the commonest size of sized lines (DOCX)."""
    lines = [l for b in layout.blocks for l in b.lines]
    if layout.has_geometry:
        column = measure_column(lines)
        return column.size if column else None
    weights: dict[float, int] = {}
    for line in lines:
        if line.size:
            weights[line.size] = weights.get(line.size, 0) + len(line.text)
    return max(weights, key=weights.get) if weights else None


_REPORTING_MESSAGES = {
    "YEAR_FROM_DATE": "the reporting year is taken from the 成文日期 (signed in the first half of a year: the year before)",
    "YEAR_NOT_FOUND": "no reporting year in the title or the opening of the body",
    "YEAR_AMBIGUOUS": "the title names several years",
}


def _missing_field_warnings(report: Report) -> list[Warning_]:
    missing = []
    if report.title is None:
        missing.append(("TITLE_NOT_FOUND", "no title found; title is null"))
    if report.signature.date is None:
        missing.append(("DATE_NOT_FOUND", "no 成文日期 found; signature.date is null"))
    if not report.sections:
        missing.append(("NO_SECTIONS", "no numbered section headings found"))
    if report.header.issuer_mark and report.header.document_number is None:
        missing.append(("DOCNO_NOT_FOUND", "a 版头 without a recognisable 发文字号"))
    return [Warning_(code=c, message=m) for c, m in missing]


def _fill_from_portal_metadata(report: Report, metadata: dict, warnings: list) -> None:
    """Portal 信息公开 fields fill what the document body lacks; a warning records the source."""
    used = []
    if report.header.document_number is None and metadata.get("发文字号"):
        number = docnumber.parse(metadata["发文字号"])
        if number:
            report.header.document_number = number
            used.append("发文字号")
    if not report.header.issuers and metadata.get("发文机关"):
        report.header.issuers = [metadata["发文机关"]]
        used.append("发文机关")
    if report.signature.date is None and metadata.get("成文日期"):
        iso = dates.to_iso(metadata["成文日期"]) or _iso_from_dashes(metadata["成文日期"])
        if iso:
            report.signature.date, report.signature.date_raw = iso, metadata["成文日期"]
            used.append("成文日期")
    if report.title is None and metadata.get("标题"):
        report.title = metadata["标题"]
        report.doc_type = doc_type_of(report.title)
        used.append("标题")
    if used:
        warnings.append(
            Warning_(code="FROM_PORTAL_METADATA", message="taken from the portal metadata table: " + ", ".join(used))
        )


def _iso_from_dashes(text: str) -> Optional[str]:
    return dates.to_iso(text.replace("-", ".").replace("/", "."))


def _text_units(report: Report, locators: dict) -> Iterator:
    """Body-text units in the order of ``Report.body_text()``, with spans filled in."""
    offset = 0
    for text, section, owner in iter_body_units(report):
        start, offset = offset, offset + len(text) + 1
        if owner is None:
            continue
        if owner.where is not None:
            owner.where.span = [start, start + len(text)]
        locate = locators.get(id(owner))
        if locate is not None:
            yield text, start, section, locate


def assign_roles(metrics, year):
    from .metrics.roles import assign_roles as assign

    assign(metrics, year)


def table_metrics(report: Report):
    from .metrics.table_cells import table_metrics as from_cells

    return from_cells(report)


def _extract_metrics(units: list) -> list:
    from .metrics import TextUnit, extract_metrics

    return extract_metrics(
        TextUnit(text=text, offset=start, section=section, locate=locate)
        for text, start, section, locate in units
    )


__all__ = ["parse_file", "parse_raw", "Where"]
