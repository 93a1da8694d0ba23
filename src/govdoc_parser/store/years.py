"""The year a report reports on (domain spec §3.5: the year in the title is the reporting year).

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

from ..elements.title import doc_type_of
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


def report_year(report: dict) -> Year:
    """``year_reported`` of a Report given as a dict (``Report.model_dump()``)."""
    paragraphs = [p["text"] for p in report.get("preamble", [])]
    stack = list(reversed(report.get("sections", [])))
    while stack and len(paragraphs) < BODY_PARAGRAPHS:
        section = stack.pop()
        paragraphs += [p["text"] for p in section.get("paragraphs", [])]
        stack.extend(reversed(section.get("children", [])))
    return year_reported(report.get("title"), paragraphs)
