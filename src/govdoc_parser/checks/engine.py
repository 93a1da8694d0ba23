"""Runs every check family over a Report, in a fixed order, and computes the indicators."""

from __future__ import annotations

from typing import Optional

from ..model import Report
from .content import check_parts, find_parts
from .formal import (check_attachments, check_dates, check_deadline, check_docno, check_heading_forms,
                     check_headings, check_parser_flags, check_placeholders, check_signer, check_title_year,
                     find_placeholders)
from .indicators import compute
from .model import CheckResult, Finding
from .similarity import check_similarity, repeated_share
from .view import View

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def run(report: Report, previous: Optional[Report] = None, *, source=None, layout: bool = True) -> CheckResult:
    view = View(report)
    runs = find_parts(view) if view.annual_report else None
    findings: list[Finding] = []
    if runs is not None:
        findings += check_parts(view, runs)
    findings += check_title_year(view)
    findings += check_deadline(view)
    findings += check_docno(view)
    findings += check_dates(view)
    findings += check_headings(view)
    findings += check_heading_forms(view)
    findings += check_parser_flags(view)
    findings += check_signer(view)
    findings += check_attachments(view)
    placeholders = find_placeholders(view)
    findings += check_placeholders(view, placeholders)
    share = previous_year = None
    if previous is not None:
        share, repeated, total = repeated_share(report, previous)
        findings += check_similarity(report, previous, share, repeated, total)
        previous_year = View(previous).reporting_year[0]
    if layout:
        from .layout import check_layout

        findings += check_layout(report, source)
    findings.sort(key=lambda f: _SEVERITY_ORDER[f.severity])
    indicators = compute(view, runs, len(placeholders), share, previous_year)
    return CheckResult(source=report.source.path, title=report.title, findings=findings, indicators=indicators)
