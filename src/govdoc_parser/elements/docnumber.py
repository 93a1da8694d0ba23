"""发文字号 (document number): find, parse and normalise.

Grammar: 机关代字 + 〔YYYY〕 + 序号 + 号, e.g. ``平示范工〔2021〕117号``. Variants with
other brackets, ``第``/``字``, zero padding or spaces are accepted and normalised; the raw
text is always kept.

>>> n = parse("平示范工[2021]117号")
>>> n.agency_code, n.year, n.serial, n.normalized
('平示范工', 2021, 117, '平示范工〔2021〕117号')
>>> parse("证监基金字[2007]278 号").normalized
'证监基金字〔2007〕278号'
>>> n = parse("XXX〔2023〕X号")
>>> n.agency_code, n.year, n.serial, n.normalized
('XXX', 2023, None, 'XXX〔2023〕X号')
>>> parse("国办发明电〔2018〕15号").agency_code
'国办发明电'
>>> parse("府办专督〔2020〕 24 号").serial
24
>>> parse("关于2021年度的报告") is None
True
"""

from __future__ import annotations

from typing import Optional

import regex

from ..model import DocumentNumber
from ..rules import load

_RULES = load("docnumber")
_OPEN = regex.escape(_RULES["open_brackets"])
_CLOSE = regex.escape(_RULES["close_brackets"])

PATTERN = regex.compile(
    rf"(?P<code>[\p{{Han}}A-Za-z·]{{1,16}}?)\s*(?P<zi1>字)?\s*[{_OPEN}]\s*(?P<year>\d{{4}}|\d{{2}})\s*[{_CLOSE}]"
    rf"\s*(?P<zi>字)?\s*(?P<di>第)?\s*(?P<serial>\d{{1,5}}|{_RULES['placeholder_serial']})\s*(?P<hao>号)?"
)
# Court case numbers （2021）湘13刑终305号 put the year first: not a 发文字号.
_COURT = regex.compile(rf"^[{_OPEN}]\d{{4}}[{_CLOSE}]")


def find(text: str) -> Optional[regex.Match]:
    """The first 发文字号 in ``text`` (it must end with 号 unless it ends the text)."""
    for match in PATTERN.finditer(text):
        if _COURT.match(text[match.start() :]):
            continue
        if match.group("hao") or not text[match.end() :].strip():
            return match
    return None


def flags_of(match: regex.Match) -> list[str]:
    flags = _RULES["flags"]
    raw = match.group(0)
    found = []
    if "〔" not in raw:
        found.append(flags["bracket_variant"] if "﹝" in raw else flags["bracket"])
    if len(match.group("year")) == 2:
        found.append(flags["year_short"])
    if match.group("di"):
        found.append(flags["di"])
    if match.group("zi") or match.group("zi1"):
        found.append(flags["zi"])
    if match.group("serial").startswith("0"):
        found.append(flags["zero_pad"])
    if not match.group("hao"):
        found.append(flags["no_hao"])
    return found


def _year(text: str) -> int:
    year = int(text)
    if year < 100:  # 〔21〕 -> 2021, 〔98〕 -> 1998
        year += 2000 if year < 50 else 1900
    return year


def from_match(match: regex.Match) -> DocumentNumber:
    code = match.group("code") + (match.group("zi1") or match.group("zi") or "")  # 字 is part of the 代字
    year = _year(match.group("year"))
    serial = match.group("serial")
    return DocumentNumber(
        raw=match.group(0).strip(),
        agency_code=code,
        year=year,
        serial=int(serial) if serial.isdigit() else None,  # a template's X号
        normalized=f"{code}〔{year}〕{int(serial) if serial.isdigit() else serial}号",
    )


def parse_session_number(text: str) -> Optional[DocumentNumber]:
    """The number of a 纪要 (``〔2026〕第5次``) or of a 命令 (``第1号``), which have no 代字.

    >>> n = parse_session_number("〔2026〕第5次")
    >>> n.year, n.serial, n.agency_code
    (2026, 5, None)
    >>> parse_session_number("第1号").serial, parse_session_number("第一章") is None
    (1, True)
    """
    for name in ("minutes", "order"):
        m = regex.match(_RULES["session_numbers"][name], text.strip())
        if m:
            year = m.groupdict().get("year")
            return DocumentNumber(raw=regex.sub(r"\s+", "", text), year=int(year) if year else None,
                                  serial=int(m.group("serial")))
    return None


def parse(text: str) -> Optional[DocumentNumber]:
    match = find(text)
    return from_match(match) if match else None
