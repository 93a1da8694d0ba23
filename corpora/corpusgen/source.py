"""Load a structured corpus source (``corpora/src/<id>.toml``) into a :class:`Doc`.

Body markup (one paragraph per line of the ``body`` string; blank lines are ignored):

``# 一、标题``
    a heading on its own line (number + heading text, no final punctuation)
``> （一）标题。正文……``
    a run-in heading: the heading is the text up to the first ``。``
``! 正文``
    a paragraph printed flush left without the 2-character indent (forms, lists)
``## 第一章　总则``
    a chapter heading of a regulation (centred; gold: number ``第一章``, level 1)
``§ 第一条　正文……``
    an article of a regulation (``第一条`` printed in 黑体; not a section)
``- （一）……；``
    a numbered list item printed as body text (an item inside a 条, a list): not a section
``| 序号 | 单位 |``
    consecutive lines form one ruled table, the first row being the header row;
    a cell ``^`` continues the cell above it (vertical merge), a cell ``<`` the cell to
    its left (horizontal merge); merged cells must form rectangles
``|: head=3 repeat split size=10.5 widths=4,5,9,3 bold=0,4``
    options of the table whose rows follow: ``head`` rows form the table head (黑体;
    repeated after a page break with ``repeat``), ``bold`` more rows in 黑体, ``size`` the
    type size, ``widths`` relative column widths, ``split`` lets the table run over pages
``@table requests``
    one of the national 政府信息公开年度报告 tables, built from the source's ``[gov_info]``
    numbers by :mod:`corpusgen.govinfo` (expanded to the ``|`` markup above)
any other line
    an ordinary paragraph

Metric annotations are inline: ``[[mention|object|action|key|flags]]``.  The rendered
text keeps only ``mention``.  ``action`` may be ``-`` (null).  ``flags`` is a
space-separated list of ``inc`` / ``dec`` (change), ``q=…`` (qualifier override),
``v=…`` (value override), ``u=…`` (unit override), ``kind=…`` and ``doubtful``.
The value, unit, qualifier and kind are read from the mention by :func:`parse_mention`
(hand-checked; overrides exist for anything unusual) and the context is the clause
that contains the mention.
"""

from __future__ import annotations

import datetime as _dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .govinfo import GovInfo

# ---------------------------------------------------------------------------
# numerals

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_to_int(s: str) -> int:
    """Convert a Chinese cardinal (四十七, 两千三百, 十, 百) to an int.

    >>> cn_to_int("四十七"), cn_to_int("两千三百"), cn_to_int("十"), cn_to_int("百"), cn_to_int("一百零八")
    (47, 2300, 10, 100, 108)
    """
    if not s:
        raise ValueError("empty numeral")
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            section += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
        elif ch == "万":
            section += digit or 0
            total += (section or 1) * 10000
            section, digit = 0, None
        else:
            raise ValueError(f"not a Chinese numeral: {s!r}")
    return total + section + (digit or 0)


def cn_date_to_iso(raw: str) -> str:
    """``二〇二二年三月八日`` or ``2022年3月8日`` -> ``2022-03-08``.

    >>> cn_date_to_iso("二〇二二年三月八日"), cn_date_to_iso("2023年12月31日")
    ('2022-03-08', '2023-12-31')
    """
    m = re.fullmatch(r"(.+?)年(.+?)月(.+?)日", raw)
    if not m:
        raise ValueError(raw)
    y, mo, d = m.groups()
    if y.isdigit():
        year = int(y)
    else:
        year = int("".join(str(CN_DIGITS[c]) for c in y))
    month = int(mo) if mo.isdigit() else cn_to_int(mo)
    day = int(d) if d.isdigit() else cn_to_int(d)
    return _dt.date(year, month, day).isoformat()


# ---------------------------------------------------------------------------
# metric mentions

UNITS = ["个百分点", "个工作日", "工作日", "人次", "户次", "家次", "场次", "批次", "小时", "分钟",
         "件", "起", "次", "项", "个", "家", "人", "名", "户", "场", "期", "份", "条", "篇",
         "元", "天", "部", "卷", "处", "所", "轮", "类", "亩", "公里", "%", "％"]
UNIT_NORMAL = {"个百分点": "pp", "％": "%"}
KIND_OF_UNIT = {"%": "percent", "pp": "percent", "元": "money", "天": "duration",
                "小时": "duration", "个工作日": "duration", "工作日": "duration",
                "分钟": "duration"}
PREFIX_Q = [("不超过", "at_most"), ("不少于", "at_least"), ("超过", "more_than"),
            ("突破", "more_than"),
            ("大约", "approx"), ("不足", "less_than"), ("不到", "less_than"),
            ("未满", "less_than"), ("至少", "at_least"), ("逾", "more_than"),
            ("超", "more_than"), ("约", "approx"), ("近", "approx")]
SUFFIX_Q = [("以上", "at_least"), ("以下", "at_most"), ("以内", "at_most"),
            ("左右", "approx"), ("上下", "approx"), ("多", "more_than"), ("余", "more_than")]
CN_NUM_CHARS = "〇零一二三四五六七八九两十百千"

_num_re = re.compile(
    r"(?P<num>\d+(?:\.\d+)?|[" + CN_NUM_CHARS + r"]+)\s*"
    r"(?P<yu1>[余多])?(?P<mult>[万亿])?(?P<yu2>[余多])?\s*"
    r"(?P<unit>" + "|".join(re.escape(u) for u in UNITS) + r")?$"
)


def parse_mention(mention: str) -> dict:
    """Read value, unit, qualifier and kind from a metric mention.

    >>> parse_mention("533余人次")["value"], parse_mention("3.5亿元")["value"]
    (533, 350000000)
    >>> m = parse_mention("两千余人次"); (m["value"], m["unit"], m["qualifier"])
    (2000, '人次', 'more_than')
    >>> m = parse_mention("50%以上"); (m["value"], m["unit"], m["qualifier"], m["kind"])
    (50, '%', 'at_least', 'percent')
    >>> m = parse_mention("3.2个百分点"); (m["value"], m["unit"], m["kind"])
    (3.2, 'pp', 'percent')
    >>> parse_mention("百分之九十五")["value"], parse_mention("约1.2万份")["qualifier"]
    (95, 'approx')
    """
    s = mention.strip()
    qualifier = "exact"
    for p, q in PREFIX_Q:
        if s.startswith(p):
            s, qualifier = s[len(p):], q
            break
    for suf, q in SUFFIX_Q[:5]:  # 以上 以下 以内 左右 上下 (after the unit)
        if s.endswith(suf):
            s, qualifier = s[: -len(suf)], q
            break
    if s.startswith("百分之"):
        num = s[3:]
        if "点" in num:
            a, b = num.split("点")
            value = cn_to_int(a) + float("0." + "".join(str(CN_DIGITS[c]) for c in b))
        else:
            value = cn_to_int(num)
        return {"value": value, "unit": "%", "qualifier": qualifier, "kind": "percent"}
    m = _num_re.fullmatch(s.replace(" ", "").replace(",", ""))
    if not m:
        raise ValueError(f"cannot read mention {mention!r}")
    num = m.group("num")
    value: float = float(num) if num[0].isdigit() else cn_to_int(num)
    if m.group("yu1") or m.group("yu2"):
        if qualifier != "exact":
            raise ValueError(f"two qualifiers in {mention!r}")
        qualifier = "more_than"
    if m.group("mult") == "万":
        value *= 10000
    elif m.group("mult") == "亿":
        value *= 100000000
    value = round(value, 6)
    if value == int(value):
        value = int(value)
    unit = m.group("unit")
    unit = UNIT_NORMAL.get(unit, unit)
    kind = KIND_OF_UNIT.get(unit, "count")
    return {"value": value, "unit": unit, "qualifier": qualifier, "kind": kind}


CLAUSE_DELIMS = "，。；：！？"


def clause_around(text: str, start: int, end: int) -> str:
    """The clause (between ，。；：！？) that holds text[start:end]."""
    a = start
    while a > 0 and text[a - 1] not in CLAUSE_DELIMS:
        a -= 1
    b = end
    while b < len(text) and text[b] not in CLAUSE_DELIMS:
        b += 1
    return text[a:b].strip()


_markup_re = re.compile(r"\[\[(.+?)\]\]")


@dataclass
class MetricNote:
    mention: str
    value: float
    unit: str | None
    qualifier: str
    kind: str
    change: str | None
    object: str | None
    action: str | None
    key: str | None
    context: str
    doubtful: bool = False
    start: int = 0  # offset in the plain paragraph text

    def gold(self) -> dict:
        d = {
            "mention": self.mention, "value": self.value, "unit": self.unit,
            "qualifier": self.qualifier, "kind": self.kind, "change": self.change,
            "object": self.object, "action": self.action, "context": self.context,
            "key": self.key,
        }
        if self.doubtful:
            d["doubtful"] = True
        return d


def strip_markup(text: str) -> tuple[str, list[MetricNote]]:
    """Remove ``[[…]]`` annotations; return the plain text and the notes."""
    out, notes, pos = [], [], 0
    plain_len = 0
    raw_notes = []
    for m in _markup_re.finditer(text):
        out.append(text[pos:m.start()])
        plain_len += m.start() - pos
        fields = m.group(1).split("|")
        if len(fields) < 4:
            raise ValueError(f"metric markup needs mention|object|action|key: {m.group(0)}")
        mention = fields[0]
        raw_notes.append((plain_len, fields))
        out.append(mention)
        plain_len += len(mention)
        pos = m.end()
    out.append(text[pos:])
    plain = "".join(out)
    if "[[" in plain or "]]" in plain or "|" in plain:
        raise ValueError(f"broken markup in: {text[:60]}…")
    for start, fields in raw_notes:
        mention, obj, action, key = fields[:4]
        flags = " ".join(fields[4:]).split()
        info = parse_mention(mention)
        change = None
        doubtful = False
        for f in flags:
            if f == "inc":
                change = "increase"
            elif f == "dec":
                change = "decrease"
            elif f == "doubtful":
                doubtful = True
            elif f.startswith("q="):
                info["qualifier"] = f[2:]
            elif f.startswith("v="):
                v = float(f[2:])
                info["value"] = int(v) if v == int(v) else v
            elif f.startswith("u="):
                info["unit"] = f[2:]
            elif f.startswith("kind="):
                info["kind"] = f[5:]
            else:
                raise ValueError(f"unknown flag {f!r} in {mention}")
        notes.append(MetricNote(
            mention=mention, value=info["value"], unit=info["unit"],
            qualifier=info["qualifier"], kind=info["kind"], change=change,
            object=obj or None, action=None if action in ("", "-") else action,
            key=key or None, context=clause_around(plain, start, start + len(mention)),
            doubtful=doubtful, start=start))
    return plain, notes


# ---------------------------------------------------------------------------
# headings

HEADING_RE = re.compile(
    r"^(?P<num>[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．]|（\d+）)"
)


def heading_level(number: str) -> int:
    if number.endswith("、"):
        return 1
    if number.startswith("（") and not number[1].isdigit():
        return 2
    if number[0].isdigit():
        return 3
    return 4


CHAPTER_RE = re.compile(r"^(?P<num>第[一二三四五六七八九十百]+章)[\s　]*(?P<head>\S.*)$")
ARTICLE_RE = re.compile(r"^(?P<num>第[一二三四五六七八九十百]+条)[　 ]")
MERGED = "^"          # the cell continues the cell above (rowspan)
MERGED_LEFT = "<"     # the cell continues the cell to its left (colspan)
SPANNED = (MERGED, MERGED_LEFT)


def table_regions(rows: list[list[str]]) -> dict[tuple[int, int], tuple[int, int]]:
    """The merged cells of a table grid: {(row, col) of the top-left cell: (rowspan, colspan)}
    for every printed cell, in column-major order (columns left to right, rows top down).

    >>> table_regions([["a", "<", "b"], ["^", "^", "c"]])
    {(0, 0): (2, 2), (0, 2): (1, 1), (1, 2): (1, 1)}
    """
    nr, nc = len(rows), len(rows[0])
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for ri in range(nr):
        for ci in range(nc):
            c = rows[ri][ci]
            if c == MERGED:
                if ri == 0:
                    raise ValueError(f"merged cell in a table's first row: {rows[0]}")
                owner[(ri, ci)] = owner[(ri - 1, ci)]
            elif c == MERGED_LEFT:
                if ci == 0:
                    raise ValueError(f"left-merged cell in a table's first column: {rows[ri]}")
                owner[(ri, ci)] = owner[(ri, ci - 1)]
            else:
                owner[(ri, ci)] = (ri, ci)
    cells: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for pos, o in owner.items():
        cells.setdefault(o, []).append(pos)
    out = {}
    for ci in range(nc):
        for ri in range(nr):
            if owner[(ri, ci)] != (ri, ci):
                continue
            members = cells[(ri, ci)]
            r1 = max(r for r, _ in members) + 1
            c1 = max(c for _, c in members) + 1
            if len(members) != (r1 - ri) * (c1 - ci) or any(
                    owner[(r, c)] != (ri, ci) for r in range(ri, r1) for c in range(ci, c1)):
                raise ValueError(f"merged cell at row {ri}, column {ci} is not a rectangle")
            out[(ri, ci)] = (r1 - ri, c1 - ci)
    return out


def table_options(line: str) -> dict:
    """``|: head=3 repeat size=10.5 widths=4,5,9 bold=0,4`` -> options of the next table."""
    opts: dict = {}
    for item in line[2:].split():
        k, _, v = item.partition("=")
        if k in ("repeat", "split"):
            opts[k] = True
        elif k == "head":
            opts[k] = int(v)
        elif k == "size":
            opts[k] = float(v)
        elif k == "widths":
            opts[k] = [float(x) for x in v.split(",")]
        elif k == "bold":
            opts[k] = [int(x) for x in v.split(",")]
        else:
            raise ValueError(f"unknown table option {item!r}")
    return opts


@dataclass
class Block:
    kind: str  # "heading" | "runin" | "para" | "flush" | "chapter" | "article" | "item" | "table"
    text: str  # plain text as printed (number included)
    level: int | None = None
    number: str | None = None
    heading: str | None = None  # heading text without number / final punctuation
    metrics: list[MetricNote] = field(default_factory=list)
    rows: list[list[str]] | None = None   # tables: printed grid, MERGED / MERGED_LEFT merged
    opts: dict = field(default_factory=dict)   # tables: options from a ``|:`` line

    @property
    def is_section(self) -> bool:
        return self.kind in ("heading", "runin", "chapter")

    @property
    def head_rows(self) -> int:
        return self.opts.get("head", 1)

    def bold_row(self, ri: int) -> bool:
        """Rows printed in 黑体: the head rows and those named by ``bold``."""
        return ri < self.head_rows or ri in self.opts.get("bold", [])

    def gold_rows(self) -> list[list[str]]:
        return [["" if c in SPANNED else re.sub(r"\s", "", c) for c in r] for r in self.rows or []]


def _close_table(t: Block) -> None:
    table_regions(t.rows)   # merged cells must be rectangles
    t.text = "\n".join("\t".join("" if c in SPANNED else c for c in r) for r in t.rows)


def parse_body(body: str) -> list[Block]:
    blocks: list[Block] = []
    opts: dict | None = None
    for raw in body.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("|:"):
            if blocks and blocks[-1].kind == "table" and not blocks[-1].text:
                _close_table(blocks[-1])
            opts = table_options(line)
            continue
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if blocks and blocks[-1].kind == "table" and not blocks[-1].text:
                if len(cells) != len(blocks[-1].rows[0]):
                    raise ValueError(f"table row with {len(cells)} cells: {line}")
                blocks[-1].rows.append(cells)
            else:
                if MERGED in cells:
                    raise ValueError(f"merged cell in a table's first row: {line}")
                blocks.append(Block("table", "", rows=[cells], opts=opts or {}))
                if opts and "widths" in opts and len(opts["widths"]) != len(cells):
                    raise ValueError(f"table widths for {len(opts['widths'])} columns: {line}")
                opts = None
            continue
        if opts is not None:
            raise ValueError(f"table options not followed by a table: {line[:30]}")
        if blocks and blocks[-1].kind == "table" and not blocks[-1].text:
            _close_table(blocks[-1])   # a table ends at the first non-table line
        if line.startswith("## "):
            plain, notes = strip_markup(line[3:].strip())
            m = CHAPTER_RE.match(plain)
            if not m:
                raise ValueError(f"chapter heading without 第N章: {plain}")
            blocks.append(Block("chapter", plain, 1, m.group("num"), m.group("head").rstrip("。：:；"),
                                notes))
        elif line.startswith("§ "):
            plain, notes = strip_markup(line[2:].strip())
            m = ARTICLE_RE.match(plain)
            if not m:
                raise ValueError(f"article without 第N条: {plain}")
            blocks.append(Block("article", plain, number=m.group("num"), metrics=notes))
        elif line.startswith("- "):
            plain, notes = strip_markup(line[2:].strip())
            blocks.append(Block("item", plain, metrics=notes))
        elif line.startswith("# "):
            plain, notes = strip_markup(line[2:].strip())
            m = HEADING_RE.match(plain)
            if not m:
                raise ValueError(f"heading without number: {plain}")
            num = m.group("num")
            heading = plain[len(num):].rstrip("。：:；")
            blocks.append(Block("heading", plain, heading_level(num), num, heading, notes))
        elif line.startswith("> "):
            plain, notes = strip_markup(line[2:].strip())
            m = HEADING_RE.match(plain)
            if not m:
                raise ValueError(f"run-in heading without number: {plain}")
            num = m.group("num")
            rest = plain[len(num):]
            if "。" not in rest:
                raise ValueError(f"run-in heading without 。: {plain}")
            heading = rest.split("。", 1)[0]
            blocks.append(Block("runin", plain, heading_level(num), num, heading, notes))
        elif line.startswith("! "):
            plain, notes = strip_markup(line[2:].strip())
            blocks.append(Block("flush", plain, metrics=notes))
        else:
            plain, notes = strip_markup(line)
            if HEADING_RE.match(plain):
                raise ValueError(f"numbered paragraph not marked as heading: {plain[:30]}")
            if CHAPTER_RE.match(plain) or ARTICLE_RE.match(plain):
                raise ValueError(f"chapter/article not marked up: {plain[:30]}")
            blocks.append(Block("para", plain, metrics=notes))
    if blocks and blocks[-1].kind == "table" and not blocks[-1].text:
        _close_table(blocks[-1])
    return blocks


def sections_of(blocks: list[Block]) -> list[dict]:
    return [{"number": b.number, "level": b.level, "heading": b.heading}
            for b in blocks if b.is_section]


def tables_of(blocks: list[Block]) -> list[dict]:
    """Gold tables: caption = the number and text of the heading the table sits under."""
    out, caption = [], ""
    for b in blocks:
        if b.is_section:
            caption = b.number + (b.heading if b.kind != "chapter" else "　" + b.heading)
            caption = re.sub(r"\s", "", caption)
        elif b.kind == "table":
            out.append({"caption": caption, "rows": b.gold_rows()})
    return out


# ---------------------------------------------------------------------------
# the document

DOCNO_RE = re.compile(r"^(?P<code>.+?)〔(?P<year>\d{4})〕(?P<serial>\d+)号$")
ORDER_NO_RE = re.compile(r"^第(?P<serial>\d+)号$")   # 令号 / 公告 number: 第3号


@dataclass
class Attachment:
    title: str
    blocks: list[Block]
    title_lines: list[str]
    label: str = "附件"      # printed label above the title; "" = none printed
    listed: bool = True     # named in the 附件说明 of the main document

    @property
    def gold_label(self) -> str:
        """Key in attachment_sections: the printed label, or 附件 when none is printed."""
        return self.label or "附件"


@dataclass
class Doc:
    id: str
    doc_type: str
    issuer_names: list[str]          # names in the 发文机关标志 (stacked when joint)
    mark_suffix: str                 # "文件" or ""
    issuers: list[str]               # header.issuers (full names)
    document_number: str | None
    signatories: list[str]
    title_lines: list[str]
    addressees_line: str | None
    blocks: list[Block]
    attachments: list[Attachment]
    signature_issuers: list[str]
    date_raw: str
    note: str | None
    copied_to: list[str]
    printed_by: str | None
    printed_on_raw: str | None
    copy_number: str | None = None
    classification: str | None = None
    urgency: str | None = None
    style: dict = field(default_factory=dict)
    portal: dict = field(default_factory=dict)
    meta: dict = field(default_factory=dict)
    addressee_list: list[str] | None = None   # hand-split 主送 list (overrides splitting)
    signer: str | None = None                 # 签发人职务+姓名 above the date (命令/公告 layout)
    gov_info: "GovInfo | None" = None         # numbers of the 政府信息公开年报 tables
    form_tables: list[str] = field(default_factory=list)   # form tables placed by @table
    expected_check_failures: list[dict] = field(default_factory=list)

    @property
    def order_layout(self) -> bool:
        """命令/公告 layout: mark = organ + 公告/令, 第N号 below, no red rule, no other title."""
        return self.style.get("layout") == "order"

    @property
    def plain_layout(self) -> bool:
        """A report published as it is (政府信息公开年度报告): no 版头 (mark, 文号, red rule) and
        no 版记; the title at the top of the first page, 署名 and date at the end."""
        return self.style.get("layout") == "plain"

    @property
    def new_in_round2(self) -> bool:
        return bool(self.meta.get("new_in_round2"))

    @property
    def extra_producers(self) -> list[str]:
        return list(self.meta.get("extra_producers", []))

    @property
    def listed_attachments(self) -> list["Attachment"]:
        return [a for a in self.attachments if a.listed]

    # -- derived --------------------------------------------------------------
    @property
    def issuer_mark(self) -> str:
        return "".join(self.issuer_names) + self.mark_suffix

    @property
    def title(self) -> str:
        return "".join(self.title_lines)

    @property
    def upward(self) -> bool:
        return bool(self.signatories)

    @property
    def date_iso(self) -> str:
        return cn_date_to_iso(self.date_raw)

    @property
    def addressees(self) -> list[str]:
        if not self.addressees_line:
            return []
        if self.addressee_list is not None:
            return list(self.addressee_list)
        s = self.addressees_line.rstrip("：:")
        # split on 、 and ， but not inside brackets: 各县（市、区）人民政府
        items, depth, cur = [], 0, ""
        for ch in s:
            if ch in "（(":
                depth += 1
            elif ch in "）)":
                depth -= 1
            if ch in "、，" and depth == 0:
                items.append(cur)
                cur = ""
            else:
                cur += ch
        items.append(cur)
        return [i for i in items if i]

    @property
    def attachment_note_lines(self) -> list[str]:
        """附件说明 as printed (first line starts with 附件：)."""
        listed = self.listed_attachments
        if not listed:
            return []
        if len(listed) == 1:
            return [f"附件：{listed[0].title}"]
        lines = []
        for i, a in enumerate(listed, 1):
            lines.append(("附件：" if i == 1 else "") + f"{i}.{a.title}")
        return lines

    @property
    def copied_to_line(self) -> str | None:
        if not self.copied_to:
            return None
        return "抄送：" + "，".join(self.copied_to) + "。"

    @property
    def printed_line(self) -> tuple[str, str] | None:
        if not self.printed_by:
            return None
        return self.printed_by, f"{self.printed_on_raw}印发"

    def all_metrics(self) -> list[MetricNote]:
        out = []
        for b in self.blocks:
            out.extend(b.metrics)
        for a in self.attachments:
            for b in a.blocks:
                out.extend(b.metrics)
        return out

    def gold(self) -> dict:
        header: dict = {}
        for k in ("copy_number", "classification", "urgency"):
            if getattr(self, k):
                header[k] = getattr(self, k)
        if self.plain_layout:
            # no 发文机关标志: the issuing organ is read from the 署名
            header["issuers"] = list(self.signature_issuers)
        else:
            header["issuer_mark"] = self.issuer_mark
            header["issuers"] = list(self.issuers)
        if self.document_number and ORDER_NO_RE.match(self.document_number):
            header["document_number"] = {
                "raw": self.document_number,
                "serial": int(ORDER_NO_RE.match(self.document_number).group("serial")),
            }
        elif self.document_number:
            m = DOCNO_RE.match(self.document_number)
            header["document_number"] = {
                "raw": self.document_number,
                "agency_code": m.group("code"),
                "year": int(m.group("year")),
                "serial": int(m.group("serial")),
            }
        if self.signatories:
            header["signatories"] = list(self.signatories)
        g: dict = {"file": f"{self.id}.txt", "doc_type": self.doc_type, "header": header,
                   "title": self.title}
        if self.addressees:
            g["addressees"] = self.addressees
        g["sections"] = sections_of(self.blocks)
        att_sections = {}
        for a in self.attachments:
            secs = sections_of(a.blocks)
            if secs:
                if a.gold_label in att_sections:
                    raise ValueError(f"{self.id}: two attachments labelled {a.gold_label}")
                att_sections[a.gold_label] = secs
        if att_sections:
            g["attachment_sections"] = att_sections
        if self.listed_attachments:
            g["attachments"] = [a.title for a in self.listed_attachments]
        tables = tables_of(self.blocks) + [t for a in self.attachments for t in tables_of(a.blocks)]
        if tables:
            g["tables"] = tables
        if self.gov_info is not None:
            g["table_metrics"] = self.gov_info.table_metrics(self.form_tables)
            g["expected_check_failures"] = [dict(f) for f in self.expected_check_failures]
        if self.signature_issuers:
            g["signature"] = {"issuers": list(self.signature_issuers), "date": self.date_iso,
                              "date_raw": self.date_raw}
        else:   # signed by a person (命令/公告): no organ in the 署名
            g["signature"] = {"date": self.date_iso, "date_raw": self.date_raw}
        if self.note:
            g["note"] = self.note
        if self.printed_by or self.copied_to:
            imp: dict = {}
            if self.copied_to:
                imp["copied_to"] = list(self.copied_to)
            if self.printed_by:
                imp["printed_by"] = self.printed_by
                imp["printed_on"] = cn_date_to_iso(self.printed_on_raw)
                imp["printed_on_raw"] = self.printed_on_raw
            g["imprint"] = imp
        g["metrics"] = [m.gold() for m in self.all_metrics()]
        return g


def _split_title(title: str, max_chars: int = 20) -> list[str]:
    """Break a long title after 关于…的 phrases so that no line exceeds max_chars."""
    if len(title) <= max_chars:
        return [title]
    # prefer breaking before 法治政府 / 关于, keeping words intact
    for marker in ("法治政府", "关于", "情况"):
        i = title.find(marker)
        if 4 <= i <= max_chars and len(title) - i <= max_chars:
            return [title[:i], title[i:]]
    half = (len(title) + 1) // 2
    return [title[:half], title[half:]]


def load_doc(data: dict) -> Doc:
    from .govinfo import GovInfo, expand

    h = data["header"]
    info = GovInfo(data["gov_info"]) if "gov_info" in data else None
    body_text, form_tables = expand(data["body"], info)
    if info is not None and sorted(form_tables) != sorted(set(form_tables)):
        raise ValueError(f"{data['id']}: a form table placed twice")
    body = parse_body(body_text)
    attachments = []
    n_att = len(data.get("attachments", []))
    for i, a in enumerate(data.get("attachments", []), 1):
        label = a.get("label", "附件" + (str(i) if n_att > 1 else ""))
        att = Attachment(a["title"], parse_body(a.get("body", "")),
                         a.get("title_lines") or _split_title(a["title"]), label=label,
                         listed=a.get("listed", True))
        if "".join(att.title_lines) != att.title:
            raise ValueError(f"{data['id']}: attachment title_lines do not join to title")
        attachments.append(att)
    title_lines = data.get("title_lines") or _split_title(data["title"])
    if "title" in data and "".join(title_lines) != data["title"]:
        raise ValueError(f"{data['id']}: title_lines do not join to title")
    sig = data["signature"]
    imp = data.get("imprint", {})
    doc = Doc(
        id=data["id"], doc_type=data["doc_type"],
        issuer_names=h["mark_names"], mark_suffix=h.get("mark_suffix", ""),
        issuers=h.get("issuers", h["mark_names"]),
        document_number=h.get("document_number"), signatories=h.get("signatories", []),
        title_lines=title_lines, addressees_line=data.get("addressees"),
        blocks=body, attachments=attachments,
        signature_issuers=sig["issuers"], date_raw=sig["date"], note=data.get("note"),
        copied_to=imp.get("copied_to", []), printed_by=imp.get("printed_by"),
        printed_on_raw=imp.get("printed_on"),
        copy_number=h.get("copy_number"), classification=h.get("classification"),
        urgency=h.get("urgency"), style=data.get("style", {}), portal=data.get("portal", {}),
        meta=data.get("meta", {}), addressee_list=data.get("addressee_list"),
        signer=sig.get("signer"), gov_info=info, form_tables=form_tables,
        expected_check_failures=[
            {"table": f["table"], "check": f["check"], "row_or_column": f["row_or_column"]}
            for f in data.get("expected_check_failures", [])],
    )
    if doc.expected_check_failures and info is None:
        raise ValueError(f"{doc.id}: expected_check_failures without [gov_info]")
    if doc.addressee_list is not None:
        # a hand-split list must print as the 主送 line: the pieces in order, joined by 、 or ，
        rest = doc.addressees_line.rstrip("：:")
        for a in doc.addressee_list:
            if not rest.startswith(a):
                raise ValueError(f"{doc.id}: addressee {a!r} is not next in {rest!r}")
            rest = rest[len(a):].lstrip("、，")
        if rest:
            raise ValueError(f"{doc.id}: addressee line has more than the list: {rest!r}")
    return doc


def load_source(path: Path) -> Doc:
    with open(path, "rb") as f:
        data = tomllib.load(f)
    return load_doc(data)
