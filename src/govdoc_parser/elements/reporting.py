"""Who reports on which year. The reporting year (domain spec §3.5: the year in the title is the
reporting year) comes from the title when it names a report, else the front matter of a text
copy, the opening of the body (``2021年，…``), and last the 成文日期 (with a warning).

From the title when it names a report, else from the opening of the body (``2021年，…``);
otherwise ``None`` with a warning code, never a guess.

>>> year_reported("关于2021年度法治政府建设情况的报告")
Year(value=2021, source='title', warning=None)
>>> year_reported("2020年静海区法治政府建设情况报告").value, year_reported("北京市2021年法治政府建设年度情况报告").value
(2020, 2021)
>>> year_reported("某县人民政府关于二〇二二年度法治政府建设情况的报告").value
2022
>>> year_reported(None, ["根据《规定》要求，现将有关情况报告如下：", "2022年,县人民政府坚持…"])
Year(value=2022, source='body', warning=None)
>>> year_reported("某区五年法治政府建设工作情况报告", ["五年来，我区…"])
Year(value=None, source=None, warning='YEAR_NOT_FOUND')
>>> year_reported("某市2021—2025年法治政府建设情况报告")
Year(value=None, source=None, warning='YEAR_AMBIGUOUS')

A title that is not a report (its 文种 is not 报告), or a 政府工作报告 (its year is the session's, not the one
reported on), gives no year:

>>> year_reported("国务院办公厅关于2019年部分节假日安排的通知", ["2019年，…"]).warning
'YEAR_NOT_FOUND'
>>> year_reported("某市人民政府办公室关于做好2023年度法治政府建设情况报告报送工作的通知").value is None
True
>>> year_reported("汉滨区2025年政府工作报告").value is None
True
"""

from __future__ import annotations

from typing import Iterable, NamedTuple, Optional

import regex

from ..model import Reporting
from .issuers import issuer_key, unit_before_year
from .title import doc_type_of
from ..text.numerals import YEAR_DIGIT_CHARS, parse_digits

_CN = YEAR_DIGIT_CHARS
# a year as printed in a title: 2021, 2021年, 二〇二一年 (a bare Chinese-numeral run needs 年)
_TITLE_YEAR = regex.compile(rf"(?<!\d)((?:19|20)\d{{2}})(?!\d)|([{_CN}]{{4}})(?=\s*年)")
# a body paragraph that opens on its year: 2021年，  2021年度,  2016年以来，
_BODY_YEAR = regex.compile(r"^\s*((?:19|20)\d{2})\s*年度?(?:以来)?\s*[，,]")
_NOT_REPORTING_YEAR = regex.compile(r"政府工作报告")
BODY_PARAGRAPHS = 3  # how far into the body an opening year is looked for


class Year(NamedTuple):
    value: Optional[int]
    source: Optional[str]  # "title" | "body" | None
    warning: Optional[str]  # YEAR_NOT_FOUND | YEAR_AMBIGUOUS | None


def _one(years: set[int], source: str) -> Optional[Year]:
    if len(years) == 1:
        return Year(years.pop(), source, None)
    if len(years) > 1:
        return Year(None, None, "YEAR_AMBIGUOUS")
    return None


def year_reported(title: Optional[str], paragraphs: Iterable[str] = ()) -> Year:
    """The reporting year from the title, else from the first body paragraphs."""
    if title:
        if doc_type_of(title) != "报告" or _NOT_REPORTING_YEAR.search(title):
            return Year(None, None, "YEAR_NOT_FOUND")
        years = {int(a) if a else parse_digits(c) for a, c in _TITLE_YEAR.findall(title)}
        found = _one(years, "title")
        if found:
            return found
    opening = [p for _, p in zip(range(BODY_PARAGRAPHS), paragraphs)]
    years = {int(m.group(1)) for m in map(_BODY_YEAR.match, opening) if m}
    return _one(years, "body") or Year(None, None, "YEAR_NOT_FOUND")


def _issuer_from_metadata(metadata: dict) -> tuple[Optional[str], Optional[str]]:
    for key, source in (("发文机关", "metadata"), ("front_matter:unit", "front_matter")):
        name = regex.sub(r"[（(][^（）()]*[）)]\s*$", "", metadata.get(key) or "").strip()
        if name:
            return name, source
    return None, None


def _year_from_metadata(metadata: dict) -> Optional[int]:
    m = regex.match(r"^\s*((?:19|20)\d{2})\s*$", metadata.get("front_matter:year") or "")
    return int(m.group(1)) if m else None


def _year_from_date(iso: Optional[str]) -> Optional[int]:
    """An annual report is signed early in the next year (by April); a date late in the year
    is the same year's."""
    if not iso:
        return None
    year, month = int(iso[:4]), int(iso[5:7])
    return year - 1 if month <= 6 else year


def reporting_of(report, issuers: list[str], issuer_source: Optional[str], metadata: dict) -> tuple[Reporting, list[str]]:
    """The Report's issuer and reporting year, with the rule that gave each, and warning codes
    (``YEAR_FROM_DATE`` when only the 成文日期 gave the year)."""
    name, source = (issuers[0], issuer_source) if issuers else _issuer_from_metadata(metadata)
    if not name and doc_type_of(report.title) == "报告" and (unit := unit_before_year(report.title)):
        name, source = unit, "title"
    fuller, fuller_source = _issuer_from_metadata({"front_matter:unit": metadata.get("front_matter:unit")})
    if name and fuller and fuller != name and (issuer_key(fuller) or "").endswith(issuer_key(name) or "\0"):
        name, source = fuller, fuller_source  # the archive names the place the page leaves out
    found = year_reported(report.title, _opening_paragraphs(report))
    year, year_source, warnings = found.value, found.source, []
    front_year = _year_from_metadata(metadata)
    if year is None and front_year is not None:
        year, year_source = front_year, "front_matter"
    if year is None and doc_type_of(report.title) == "报告" and (from_date := _year_from_date(report.signature.date)):
        year, year_source = from_date, "signature_date"
        warnings.append("YEAR_FROM_DATE")
    elif year is None and found.warning:
        warnings.append(found.warning)
    reporting = Reporting(issuer=name, issuer_key=issuer_key(name), issuer_source=source if name else None,
                          year=year, year_source=year_source)
    return reporting, warnings


def _opening_paragraphs(report) -> list[str]:
    paragraphs = [p.text for p in report.preamble]
    for section in report.iter_sections():
        if len(paragraphs) >= BODY_PARAGRAPHS:
            break
        paragraphs += [p.text for p in section.paragraphs]
    return paragraphs


def report_year(report: dict) -> Year:
    """The reporting year of a Report given as a dict (``Report.model_dump()``): the one the
    parser recorded (``reporting``), else (a Report of an older version) found again."""
    reporting = report.get("reporting") or {}
    if reporting.get("year") is not None:
        return Year(reporting["year"], reporting.get("year_source"), None)
    paragraphs = [p["text"] for p in report.get("preamble", [])]
    stack = list(reversed(report.get("sections", [])))
    while stack and len(paragraphs) < BODY_PARAGRAPHS:
        section = stack.pop()
        paragraphs += [p["text"] for p in section.get("paragraphs", [])]
        stack.extend(reversed(section.get("children", [])))
    return year_reported(report.get("title"), paragraphs)
