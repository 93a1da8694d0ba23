"""Checks read from the Report alone: 发文字号, 成文日期, heading numbers, 主送, 签发人, 附件,
the reporting year in the title, the deadline and template placeholders. Measures and
messages live in ``rules/gbt9704.toml``, ``rules/deadlines.toml`` and ``rules/placeholders.toml``."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Iterable, Optional

import regex

from ..model import Section, Where
from ..text.fold import fold
from .model import Finding
from .tables import code_info, compiled, load
from .view import View, norm

_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN_NUMBERS = "一二三四五六七八九十"


def finding(code: str, where: Optional[Where] = None, evidence: Optional[str] = None, **values) -> Finding:
    """A finding of ``code`` with its severity, rule and message (filled with ``values``) from
    the table that declares it; ``evidence``: the text concerned."""
    info = code_info(code)
    return Finding(code=code, severity=info["severity"], message=info["message"].format(**values),
                   rule=info["rule"], where=where.model_copy() if isinstance(where, Where) else None, text=evidence)


# --- 发文字号 ---------------------------------------------------------------------------------

# the parser's own 发文字号 flags (rules/docnumber.toml) that are findings as they are
_PARSER_DOCNO_FLAGS = ("DOCNO_YEAR_SHORT", "DOCNO_DI", "DOCNO_ZI", "DOCNO_ZERO_PAD", "DOCNO_NO_HAO")


def check_docno(view: View) -> list[Finding]:
    number = view.report.header.document_number
    if number is None or not number.raw:
        return []
    rules = load("gbt9704")
    raw = fold(number.raw)
    out = []
    m = compiled(rules["docno_year"]).search(raw)
    flagged = {w.code for w in view.report.warnings}
    if m and (m.group("open") != rules["docno_open"] or m.group("close") != rules["docno_close"]):
        out.append(finding("DOCNO_BRACKET", number.where, number.raw, raw=number.raw))
    elif not m and ("DOCNO_BRACKET" in flagged or "DOCNO_BRACKET_VARIANT" in flagged):
        out.append(finding("DOCNO_BRACKET", number.where, number.raw, raw=number.raw))
    for code in _PARSER_DOCNO_FLAGS:
        if code in flagged:
            out.append(finding(code, number.where, number.raw, raw=number.raw))
    return out


# --- dates ------------------------------------------------------------------------------------


def _before_standard(view: View) -> bool:
    since = dt.date.fromisoformat(load("gbt9704")["standard_since"])
    return view.date is not None and view.date < since


def check_dates(view: View) -> list[Finding]:
    rules = load("gbt9704")
    out = []
    signature = view.report.signature
    raw = signature.date_raw
    if raw and not _before_standard(view) and "成文日期" not in view.from_portal:
        folded = fold(raw)
        if compiled(rules["chinese_numerals"]).search(folded):
            out.append(finding("DATE_NOT_ARABIC", signature.where, raw, raw=raw))
        elif compiled(rules["zero_padded"]).search(folded):
            out.append(finding("DATE_ZERO_PAD", signature.where, raw, raw=raw))
    imprint = view.report.imprint
    printed = imprint.printed_on_raw if imprint else None
    if printed and not _before_standard(view):
        folded = fold(printed)
        if compiled(rules["chinese_numerals"]).search(folded.replace("印发", "")) or compiled(rules["zero_padded"]).search(folded):
            out.append(finding("IMPRINT_DATE_FORM", imprint.where, printed, raw=printed))
    return out


# --- headings ---------------------------------------------------------------------------------


def ordinal(number: str) -> Optional[int]:
    """The value of a heading number: 3 for （三）, 3. and 第三章; 12 for 十二、.

    >>> [ordinal(n) for n in ("一、", "（十二）", "3.", "(4)", "第二十一章", "二十、")]
    [1, 12, 3, 4, 21, 20]
    """
    digits = regex.sub(r"[^0-9一二三四五六七八九十零〇两]", "", fold(number))
    if not digits:
        return None
    if digits.isdigit():
        return int(digits)
    if "十" not in digits:
        return int("".join(str(_CN_DIGITS[c]) for c in digits)) if all(c in _CN_DIGITS for c in digits) else None
    tens, _, units = digits.partition("十")
    if (tens and tens not in _CN_DIGITS) or (units and units not in _CN_DIGITS):
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def _chinese(n: int) -> str:
    if n <= 10:
        return "零一二三四五六七八九十"[n]
    if n < 20:
        return "十" + ("" if n == 10 else "零一二三四五六七八九"[n - 10])
    return "零一二三四五六七八九"[n // 10] + "十" + ("" if n % 10 == 0 else "零一二三四五六七八九"[n % 10])


def standard_number(level: int, n: int, kind: str = "heading") -> str:
    if kind == "chapter":
        return f"第{_chinese(n)}章"
    if kind == "part":
        return f"第{_chinese(n)}节"
    return {1: f"{_chinese(n)}、", 2: f"（{_chinese(n)}）", 3: f"{n}.", 4: f"（{n}）"}[level]


_LEVEL_NAMES = {1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题"}


def _place(parent: Optional[Section], child: Section, document: str) -> str:
    name = "章" if child.kind == "chapter" else "节" if child.kind == "part" else _LEVEL_NAMES.get(child.level, "标题")
    if parent is None:
        return f"{document}{name}"
    return f"{document}“{parent.number}{parent.heading[:20]}”下的{name}"


def _sequence_one(child: Section, previous: dict, running: dict):
    """(child, value, expected, previous number) when ``child``'s number is out of sequence:
    ``previous`` holds the numbers of its siblings by (level, kind), ``running`` the last
    number of each (level, kind) in the document. Under a new parent a level starts again at 1
    or, as 意见 and 方案 often number their 1. 2. 3. through the whole document, goes on from
    the number the same level last had."""
    value = ordinal(child.number)
    if value is not None:
        key = (child.level, child.kind)
        last = previous.get(key)
        if last is None:
            before = running.get(key)
            if value != 1 and not (before and value == before[0] + 1):
                yield child, value, 1, before[1] if before else ""
        elif value != last[0] + 1 and value != 1:  # 1 again: a new run (a long document's next part)
            yield child, value, last[0] + 1, last[1]
        previous[key] = running[key] = (value, child.number)


def _all_findings(sections: list[Section], parent: Optional[Section], document: str, running: dict) -> list[Finding]:
    """HEADING_SEQUENCE findings of ``sections`` and their descendants, in document order."""
    out = []
    previous: dict[tuple[int, str], tuple[int, str]] = {}
    for section in sections:
        for child, value, expected, before in _sequence_one(section, previous, running):
            out.append(finding("HEADING_SEQUENCE", child.where, child.number + child.heading,
                               place=_place(parent, child, document), number=child.number,
                               previous=before or "（无）", expected=standard_number(child.level, expected, child.kind)))
        out += _all_findings(section.children, section, document, running)
    return out


def check_headings(view: View) -> list[Finding]:
    out = _all_findings(view.report.sections, None, "正文", {})
    for attached in view.report.attached_documents:
        out += _all_findings(attached.sections, None, f"{attached.label}", {})
    return out


def nonstandard_headings(view: View) -> list[Section]:
    forms = load("gbt9704")["heading_forms"]
    bad = []
    for section in view.report.iter_sections():
        if section.kind != "heading":
            continue
        pattern = forms.get(str(section.level))
        if pattern and not compiled(pattern).match(regex.sub(r"\s+", "", section.number)):
            bad.append(section)
    return bad


def check_heading_forms(view: View) -> list[Finding]:
    if view.ascii_punctuation:
        return []
    out, seen = [], set()
    for section in nonstandard_headings(view):
        form = regex.sub(r"[0-9一二三四五六七八九十]+", "N", section.number)
        if (section.level, form) in seen:
            continue
        seen.add((section.level, form))
        value = ordinal(section.number) or 1
        out.append(finding("HEADING_FORM", section.where, section.number + section.heading, level=_chinese(section.level),
                           number=section.number, expected=standard_number(section.level, value)))
    return out


# --- 主送, 签发人, 版头 rule, attachments -------------------------------------------------------


def check_parser_flags(view: View) -> list[Finding]:
    """Deviations the parser measured and reported as warnings."""
    out = []
    codes = {w.code for w in view.report.warnings}
    addressees = "".join(view.report.addressees)
    if "MAINRECV_COLON" in codes and not view.ascii_punctuation and not regex.search(r"[:：]|签发|复核|时间|日期|电话|等级|浏览", addressees):
        out.append(finding("MAINRECV_COLON", view.report.where.get("addressees"), "、".join(view.report.addressees)))
    own_mark = norm(view.report.title) == norm(view.report.header.issuer_mark)
    if "REDLINE_MISSING" in codes and not own_mark and view.report.doc_type not in ("公告", "命令", "通告"):
        out.append(finding("REDLINE_MISSING", view.report.header.where))
    return out


def check_signer(view: View) -> list[Finding]:
    header = view.report.header
    doc_type = view.report.doc_type
    if doc_type not in load("gbt9704")["upward_doc_types"]:
        return []
    if not header.issuer_mark or header.document_number is None or header.signatories:
        return []
    return [finding("SIGNER_MISSING", header.document_number.where or header.where, header.document_number.raw,
                    doc_type=doc_type)]


_LABEL_NUMBER = regex.compile(r"附件\s*([0-9]+)")
_NAME_NOISE = regex.compile(r"[《》〈〉“”\"'‘’\s。．.，,：:；;]|^[0-9]+[.．、]")


def _same_name(a: str, b: str) -> bool:
    a, b = _NAME_NOISE.sub("", norm(a)), _NAME_NOISE.sub("", norm(b))
    if not a or not b:
        return True
    return a == b or a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def check_attachments(view: View) -> list[Finding]:
    notes = list(view.report.attachments)
    docs = list(view.report.attached_documents)
    where = view.report.where.get("attachments")
    numbered = [d for d in docs if _LABEL_NUMBER.search(fold(d.label))]
    out = []
    if not notes:
        if numbered and not compiled(r"印发|转发|批转|发布").search(view.title):
            out.append(finding("ATTACHMENT_MISMATCH", numbered[0].where, numbered[0].label,
                               detail=f"文后附有{len(numbered)}个附件，但正文之后没有附件说明"))
        return out
    if not docs:
        return out  # attachments bound separately (a portal page, a file per attachment)
    if len(notes) != len(docs):
        out.append(finding("ATTACHMENT_MISMATCH", where, "；".join(notes),
                           detail=f"附件说明列出{len(notes)}个附件，文后附有{len(docs)}个附件"))
    for index, doc in enumerate(docs, 1):
        m = _LABEL_NUMBER.search(fold(doc.label))
        number = int(m.group(1)) if m else (1 if len(docs) == 1 else index)
        if number != index and m:
            out.append(finding("ATTACHMENT_MISMATCH", doc.where, doc.label,
                               detail=f"文后第{index}个附件标为“{doc.label}”，序号与附件说明不一致"))
            continue
        if number <= len(notes) and doc.title and not _same_name(doc.title, notes[number - 1]):
            out.append(finding("ATTACHMENT_MISMATCH", doc.where, doc.title,
                               detail=f"{doc.label}的标题“{doc.title}”与附件说明“{notes[number - 1]}”不一致"))
    return out


# --- the annual report: year in the title, deadline --------------------------------------------


def check_title_year(view: View) -> list[Finding]:
    if not view.annual_report or view.multi_year or view.title_years:
        return []
    return [finding("TITLE_NO_YEAR", view.report.where.get("title"), view.report.title, title=view.report.title)]


def issuer_level(view: View) -> dict:
    """The level of deadlines.toml that applies: the first whose issuer or addressee pattern matches."""
    table = load("deadlines")
    addressees = [norm(a) for a in view.report.addressees]
    for level in table["level"]:
        if any(compiled(level["issuer"]).search(name) for name in view.issuers):
            return level
        if level.get("addressee") and any(compiled(level["addressee"]).search(a) for a in addressees):
            return level
    return table["default"]


def deadline(view: View) -> tuple[Optional[dt.date], Optional[dict], Optional[str]]:
    """(deadline, level, rule) for the reporting year, or Nones when no year is known."""
    year, _ = view.reporting_year
    if year is None:
        return None, None, None
    table = load("deadlines")
    level = issuer_level(view)
    month_day, rule = level["deadline"], level["rule"]
    for period in table.get("period", []):
        if period["first_year"] <= year <= period["last_year"]:
            month_day, rule = period["deadline"], period["rule"]
    month, day = (int(x) for x in month_day.split("-"))
    return dt.date(year + 1, month, day), level, rule


def _cn_date(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def check_deadline(view: View) -> list[Finding]:
    if not view.annual_report or view.date is None:
        return []
    due, level, rule = deadline(view)
    if due is None or view.date <= due:
        return []
    table = load("deadlines")
    year, _ = view.reporting_year
    return [Finding(code=table["code"], severity=table["severity"], rule=rule,
                    message=table["message"].format(date=_cn_date(view.date), level=level["label"], year=year,
                                                    deadline=_cn_date(due)),
                    where=view.report.signature.where, text=view.report.signature.date_raw)]


# --- placeholders -----------------------------------------------------------------------------


def _placeholder_texts(view: View) -> Iterable[tuple[str, Optional[Where], Optional[object]]]:
    """(text, where, unit) of every printed element; ``unit`` gives spans in the body text."""
    report = view.report
    header = report.header
    yield report.title or "", report.where.get("title"), None
    yield header.issuer_mark or "", header.where, None
    if header.document_number:
        yield header.document_number.raw, header.document_number.where, None
    yield "、".join(header.signatories), report.where.get("signatories"), None
    yield "、".join(report.addressees), report.where.get("addressees"), None
    for unit in view.units:
        yield unit.text, None, unit
    for table in list(report.tables) + [t for d in report.attached_documents for t in d.tables]:
        for cell in table.cells:
            yield cell.text, cell.where or table.where, None
    yield "、".join(report.attachments), report.where.get("attachments"), None
    yield "、".join(report.signature.issuers) + " " + (report.signature.date_raw or ""), report.signature.where, None
    yield report.note or "", report.where.get("note"), None
    if report.imprint:
        imprint = report.imprint
        yield " ".join([*imprint.copied_to, imprint.printed_by or "", imprint.printed_on_raw or ""]), imprint.where, None


def find_placeholders(view: View) -> list[tuple[str, str, Optional[Where]]]:
    """(placeholder, its context, where) of every placeholder in the printed elements."""
    patterns = [compiled(p["pattern"]) for p in load("placeholders")["pattern"]]
    found = []
    for text, where, unit in _placeholder_texts(view):
        if not text:
            continue
        folded = fold(text)
        spans = sorted({(m.start(), m.end()) for p in patterns for m in p.finditer(folded)})
        last_end = -1
        for start, end in spans:
            if start < last_end:
                continue
            last_end = end
            at = unit.where_of(start, end) if unit is not None else where
            found.append((text[start:end], text[max(0, start - 8): end + 8].strip(), at))
    return found


def check_placeholders(view: View, found: list) -> list[Finding]:
    table = load("placeholders")
    out = []
    for text, context, where in found[: table["max_findings"]]:
        out.append(Finding(code=table["code"], severity=table["severity"], rule=table["rule"],
                           message=table["message"].format(text=text, context=context), where=where, text=context))
    return out
