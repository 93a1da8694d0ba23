"""Per-report indicators (domain-spec §3.7), computed from the Report: timeliness, required
parts and their shares, structure, 纲要 areas, data density, cases, candour, plans,
boilerplate and length. Patterns in ``rules/indicators.toml``."""

from __future__ import annotations

from typing import Optional

import regex

from .content import PartRun, opening, parts_indicators
from .formal import check_headings, deadline, issuer_level, nonstandard_headings
from .model import Indicators
from .tables import compiled, load
from .view import Unit, View, norm


def _items(units: list[Unit], heading_count_from: int = 1) -> list[str]:
    """The items of a part: its sub-headings, else 一是/二是 markers, else the clauses after
    主要是：, else its sentences."""
    rules = load("indicators")["items"]
    headings = [u for u in units if u.kind == "heading"]
    top = min((u.owner.level for u in headings), default=None)
    subs = [u for u in headings if u.owner.level > top] if top is not None else []
    if len(headings) > 1 and subs:
        items, current = [], None
        for unit in units:
            if unit.kind == "heading" and unit.owner.level > top:
                current = [unit.text]
                items.append(current)
            elif current is not None and unit.kind == "paragraph":
                current.append(unit.text)
        return ["".join(i) for i in items]
    text = "".join(norm(u.text) for u in units if u.kind == "paragraph")
    if not text:
        return []
    marks = [m.end() for m in compiled(rules["enumeration"]).finditer(text)]
    if len(marks) >= 2:
        ends = [m - 3 for m in marks[1:]] + [len(text)]
        return [text[s:e] for s, e in zip(marks, ends)]
    listed = compiled(rules["list_opening"]).search(text)
    if listed:
        clauses = [c for c in compiled(rules["clause_split"]).split(text[listed.end():]) if len(c) >= 4]
        if len(clauses) >= 2:
            return clauses
    return [s for s in compiled(rules["sentence_split"]).split(text) if len(s) >= 6]


def _paragraph_count(view: View) -> int:
    return len(view.main_paragraphs)


def compute(view: View, runs: Optional[dict[str, PartRun]], placeholders: int, similarity: Optional[float],
            previous_year: Optional[int]) -> Indicators:
    report = view.report
    rules = load("indicators")
    year, year_source = view.reporting_year if view.annual_report else (None, None)
    level = issuer_level(view) if view.annual_report else None
    due = deadline(view)[0] if view.annual_report else None
    date = view.date
    days_after_year_end = (date - date.replace(year=year, month=12, day=31)).days if date and year else None
    days_after_deadline = (date - due).days if date and due else None

    parts = parts_indicators(view, runs) if runs is not None and view.annual_report else {}
    required = [p for p in load("parts")["part"] if p["required"]]
    shortcomings = runs.get("shortcomings_and_causes") if runs and view.annual_report else None
    plan = runs.get("next_year_plan") if runs and view.annual_report else None
    short_items = _items(shortcomings.units) if shortcomings and shortcomings.units else []
    plan_items = _items(plan.units) if plan and plan.units else []
    short_text = "".join(norm(u.text) for u in shortcomings.units if u.kind == "paragraph") if shortcomings else ""

    sections = list(report.iter_sections())
    depth = max((s.level for s in sections), default=0)
    standard = not nonstandard_headings(view) and not check_headings(view)

    heads = [norm(s.heading) for s in sections] + [opening(u.text) for u in view.main_paragraphs]
    areas = [a["key"] for a in rules["area"] if any(k in h for h in heads for k in a["keywords"])]

    body_units = [u for u in view.main_units if u.kind == "paragraph"]
    body = "".join(norm(u.text) for u in body_units)
    chars = len(body)
    metrics = report.metrics
    yoy = compiled(rules["metrics"]["yoy"])
    sentences = [s for s in regex.split(r"[。！？；]", body) if s]
    case_pattern = compiled(rules["metrics"]["cases"])

    return Indicators(
        annual_report=view.annual_report,
        reporting_year=year,
        reporting_year_source=year_source,
        issuer=view.issuers[0] if view.issuers else None,
        issuer_level=level["name"] if level else None,
        date=date.isoformat() if date else None,
        deadline=due.isoformat() if due else None,
        days_after_year_end=days_after_year_end,
        days_after_deadline=days_after_deadline,
        submitted_on_time=(days_after_deadline <= 0) if days_after_deadline is not None else None,
        title_has_year=bool(view.title_years) if view.annual_report else None,
        parts=parts,
        required_parts_present=sum(1 for p in required if parts.get(p["key"]) and parts[p["key"]].present),
        required_parts_total=len(required) if view.annual_report else 0,
        has_causes=bool(compiled(load("parts")["causes"]["pattern"]).search(short_text)) if shortcomings and shortcomings.units else None,
        heading_count=len(sections),
        heading_depth=depth,
        hierarchy_standard=standard,
        areas_covered=len(areas),
        areas=areas,
        metric_count=len(metrics),
        metrics_per_1000_chars=round(len(metrics) * 1000 / chars, 2) if chars else 0.0,
        rate_count=sum(1 for m in metrics if m.kind == "percent"),
        yoy_comparison_count=sum(1 for s in sentences if yoy.search(s)),
        money_metric_count=sum(1 for m in metrics if m.kind == "money"),
        case_mentions=sum(1 for s in sentences if case_pattern.search(s)),
        quoted_documents=len(compiled(rules["metrics"]["quoted"]).findall(body)),
        shortcoming_items=len(short_items),
        shortcomings_quantified=(any(compiled(rules["items"]["quantified"]).search(i) for i in short_items)
                                 if short_items else None),
        plan_items=len(plan_items),
        plan_items_with_target=sum(1 for i in plan_items if compiled(rules["items"]["target"]).search(i)),
        placeholders=placeholders,
        similarity_prev_year=similarity,
        previous_year=previous_year,
        char_count=chars,
        paragraph_count=_paragraph_count(view),
        has_signature=bool(report.signature.issuers),
        has_date=report.signature.date is not None,
        has_docno=report.header.document_number is not None,
        has_recipient=bool(report.addressees),
    )
