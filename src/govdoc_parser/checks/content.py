"""The required parts of an annual 法治政府建设 report (2019 规定; domain-spec §3.3, §3.5):
which part each heading and paragraph belongs to, the CONTENT_MISSING_* findings, and the
parts' shares of the text. Patterns live in ``rules/parts.toml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import regex

from ..model import Where
from ..text.punct import SEMICOLON, SENTENCE_END
from .model import Finding, Part
from .tables import compiled, load
from .view import Unit, View, norm

_YEAR = regex.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")
_SENTENCE_END = regex.compile(f"[{regex.escape(SENTENCE_END + SEMICOLON)}]")
MIN_BODY_CHARS = 200  # a body shorter than this (a failed read) is not checked for parts


@dataclass
class PartRun:
    """The units that hold one part."""

    key: str
    units: list[Unit] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)  # headings or openings that show it


def _parts() -> list[dict]:
    return load("parts")["part"]


def _default_key() -> str:
    return next(p["key"] for p in _parts() if p.get("default"))


def opening(text: str) -> str:
    """The first sentence of a paragraph (up to ``opening_chars``), folded, spaces removed."""
    text = norm(text)[: load("parts")["report"]["opening_chars"]]
    m = _SENTENCE_END.search(text)
    return text[: m.end()] if m else text


def _reference_year(view: View) -> Optional[int]:
    """The reporting year, else the year before the 成文日期's (a report is signed the year after)."""
    year, _ = view.reporting_year
    if year is None and view.date is not None:
        year = view.date.year - 1
    return year


def _names_next_year(text: str, view: View) -> bool:
    """A heading or opening that names a year after the reporting year with a plan word
    (四、2024年度推进法治政府建设的主要安排; 2024年，我县将…)."""
    reference = _reference_year(view)
    if reference is None:
        return False
    words = next((p.get("next_year_words") for p in _parts() if p.get("next_year_words")), None)
    if not words:
        return False
    years = [int(y) for y in _YEAR.findall(text)]
    return any(y > reference for y in years) and bool(compiled(words).search(text))


def classify_heading(heading: str, level: int, view: View) -> list[str]:
    """The parts a heading names; the default part only when it names no other.

    >>> from govdoc_parser.model import Report, Source
    >>> v = View(Report(source=Source(path="x", sha256="0", format="text"), title="某县关于2023年度法治政府建设情况的报告"))
    >>> classify_heading("存在的不足和下一步工作打算", 1, v)
    ['shortcomings_and_causes', 'next_year_plan']
    >>> classify_heading("2024年度推进法治政府建设的主要安排", 1, v), classify_heading("加强组织领导", 1, v)
    (['next_year_plan'], [])
    >>> classify_heading("2023年度推进法治政府建设的主要举措和成效", 1, v)
    ['measures_and_results']
    """
    text = norm(heading)
    found, default = [], None
    for part in _parts():
        patterns = list(part["headings"]) + (list(part.get("top_headings", [])) if level == 1 else [])
        hit = any(compiled(p).search(text) for p in patterns)
        if part.get("next_year_words") and not hit:
            hit = _names_next_year(text, view)
        if part.get("default"):
            default = part["key"] if hit else None
        elif hit:
            found.append(part["key"])
    return found or ([default] if default else [])


def classify_opening(text: str, view: View) -> list[str]:
    """The parts a paragraph's opening names (存在的不足和原因：…; 下一步，…; 区管委会主任切实
    履行…第一责任人职责，…)."""
    first = opening(text)
    found = []
    for part in _parts():
        hit = any(compiled(p).search(first) for p in part["openings"])
        if part.get("next_year_opening") and not hit:
            m = compiled(part["next_year_opening"]).match(first)
            reference = _reference_year(view)
            hit = bool(m) and reference is not None and int(first[:4]) > reference
            if not hit and _YEAR.match(first):  # 2024年工作安排：一是…
                hit = _names_next_year(regex.split(r"[，,：:]", first)[0], view)
        if hit:
            found.append(part["key"])
    return found


def _is_label(text: str) -> bool:
    """A short paragraph without a full stop (存在的不足和原因：): a heading without a number."""
    folded = norm(text)
    return len(folded) <= load("parts")["report"]["label_max_chars"] and not folded.endswith(("。", "；", ";"))


def find_parts(view: View) -> dict[str, PartRun]:
    """Each part's units, in document order."""
    rules = load("parts")["report"]
    runs: dict[str, PartRun] = {p["key"]: PartRun(p["key"]) for p in _parts()}
    default = _default_key()
    has_sections = bool(view.report.sections)
    stack: list[tuple[int, list[str]]] = []  # (level, parts) of the enclosing headings
    label_parts: list[str] = []
    preamble_index = 0
    for unit in view.main_units:
        if unit.kind == "heading":
            section = unit.owner
            if len(norm(section.heading)) > rules["label_max_chars"]:  # a sentence read as a heading
                own = [k for k in classify_opening(section.heading, view) if k != default]
            else:
                own = classify_heading(section.heading, section.level, view)
            while stack and stack[-1][0] >= section.level:
                stack.pop()
            if own and own != [default]:
                parts = own
            elif stack:
                parts = stack[-1][1]  # a sub-heading that names no other part stays in its parent's
            else:
                parts = [default]  # a level-1 section that names no other part: the year's measures
            shows = not stack or parts is own
            stack.append((section.level, parts))
            label_parts = []
            for key in parts:
                runs[key].units.append(unit)
                if shows:
                    runs[key].evidence.append(section.number + section.heading)
            continue
        if unit.kind != "paragraph":
            continue
        if _is_label(unit.text):  # a heading without a number: 存在的不足和原因
            own = classify_heading(unit.text, 1, view)
            if own:
                label_parts = own
        else:
            own = classify_opening(unit.text, view)
        if own:
            parts = own
            for key in own:
                runs[key].evidence.append(opening(unit.text))
        elif label_parts:
            parts = label_parts
        elif stack:
            parts = stack[-1][1]
        else:  # the preamble: its first paragraph introduces the report
            parts = []
            if not has_sections and preamble_index > 0 and len(norm(unit.text)) >= rules["default_paragraph_min"]:
                parts = [default]
            preamble_index += 1
        for key in parts:
            runs[key].units.append(unit)
    return runs


def _chars(units: list[Unit]) -> int:
    return sum(len(norm(u.text)) for u in units)


def parts_indicators(view: View, runs: dict[str, PartRun]) -> dict[str, Part]:
    total = _chars([u for u in view.main_units if u.kind in ("heading", "paragraph")]) or 1
    out = {}
    for key, run in runs.items():
        units = [u for u in run.units]
        out[key] = Part(
            present=bool(units),
            share=round(_chars(units) / total, 4),
            headings=list(dict.fromkeys(run.evidence))[:5],
            where=units[0].where if units else None,
        )
    return out


def applies(view: View) -> bool:
    """Content checks apply to annual reports from the 2019 规定's first year, with a body."""
    if not view.annual_report:
        return False
    year, _ = view.reporting_year
    if year is not None and year < load("parts")["report"]["first_year"]:
        return False
    body = _chars([u for u in view.main_units if u.kind in ("heading", "paragraph")])
    return body >= MIN_BODY_CHARS


def check_parts(view: View, runs: dict[str, PartRun]) -> list[Finding]:
    if not applies(view):
        return []
    where = view.report.where.get("title")
    findings = []
    for part in _parts():
        if part["required"] and not runs[part["key"]].units:
            findings.append(Finding(code=part["code"], severity=part["severity"], message=part["message"],
                                    rule=part["rule"], where=where.model_copy() if isinstance(where, Where) else None,
                                    text=view.report.title))
    return findings
