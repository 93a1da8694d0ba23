"""The national tables of the 政府信息公开工作年度报告 (2021 format), built from numbers.

A source declares the figures of its report under ``[gov_info]`` and places each table with
a body line ``@table proactive`` / ``@table requests`` / ``@table appeals``; :func:`expand`
turns that line into the ``|`` table markup of :mod:`corpusgen.source` (merged header cells
included), so every renderer prints the form the same way.

The printed labels, the keys and the layout follow the form as the TOML schema in
``src/govdoc_parser/tables/forms/gov_info_disclosure.toml`` declares it (``build.py`` checks
that every key used here is declared there, and evaluates the schema's checks against the
numbers).  Gold ``table_metrics`` are made here from the source's numbers, never from a
rendering or a parser.

``[gov_info]`` keys:

``other_subrows``
    true: ``（六）其他处理`` has the three sub-rows of the 2021 form; false: one row
``digits``
    ``"ascii"`` (default) or ``"fullwidth"``: numbers printed with ``０-９`` and ``．``
``fee_unit``
    ``"label"`` (default: ``本年收费金额（单位：万元）``) or ``"caption"`` (the heading carries
    ``（单位：万元）`` and the column label is ``本年收费金额``)
``note``
    false: the top-left cell of the 申请 table is left empty (no 勾稽关系 note)
``repeat``
    true: the head rows of the 申请 table are repeated after a page break
``labels``
    printed text replacing the standard label of a row, row group or column key
    (``"result.not_disclosed.prohibited_by_law" = "2.其他法律、行政法规禁止公开"``); column
    keys are prefixed ``col:`` (``"col:reconsideration.corrected" = "纠正"``)
``proactive``
    ``rules`` and ``normative_documents`` = [本年制发, 本年废止, 现行有效];
    ``licensing``, ``penalty``, ``coercion`` = 本年处理决定数量; ``fees`` = amount as printed
``requests``
    row key -> [自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计]
``appeals``
    ``reconsideration``, ``litigation.direct``, ``litigation.after_reconsideration`` ->
    [结果维持, 结果纠正, 其他结果, 尚未审结, 总计]

Totals are written, not computed, so a report can print figures that do not add up; those
are listed in the source's ``[[expected_check_failures]]`` (``table``, ``check``,
``row_or_column``) and ``build.py`` verifies that exactly those checks fail.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

FORM_KEY = "gov_info_disclosure"
FORM_TOML = (Path(__file__).resolve().parents[2] / "src" / "govdoc_parser" / "tables" / "forms"
             / "gov_info_disclosure.toml")

FULLWIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")
ASCII = str.maketrans("０１２３４５６７８９．", "0123456789.")

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

REQ_COLUMNS = ["natural_person", "legal_person.commercial", "legal_person.research",
               "legal_person.public_welfare", "legal_person.legal_services",
               "legal_person.other", "total"]
COLUMN_LABELS = {
    "natural_person": "自然人", "legal_person": "法人或其他组织",
    "legal_person.commercial": "商业企业", "legal_person.research": "科研机构",
    "legal_person.public_welfare": "社会公益组织", "legal_person.legal_services": "法律服务机构",
    "legal_person.other": "其他", "total": "总计",
    "reconsideration": "行政复议", "litigation": "行政诉讼",
    "litigation.direct": "未经复议直接起诉", "litigation.after_reconsideration": "复议后起诉",
    "upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结",
    "issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数",
    "decisions": "本年处理决定数量", "amount": "本年收费金额（单位：万元）",
}
OUTCOMES = ["upheld", "corrected", "other", "pending", "total"]
APPEAL_GROUPS = ["reconsideration", "litigation.direct", "litigation.after_reconsideration"]

# rows of the 申请 table: key, group path (keys of the merged label cells), own label
REQ_ROWS = [
    ("new", [], "一、本年新收政府信息公开申请数量"),
    ("carried_over", [], "二、上年结转政府信息公开申请数量"),
    ("result.disclosed", ["result"], "（一）予以公开"),
    ("result.partially_disclosed", ["result"], "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("result.not_disclosed.state_secret", ["result", "result.not_disclosed"], "1.属于国家秘密"),
    ("result.not_disclosed.prohibited_by_law", ["result", "result.not_disclosed"], "2.其他法律行政法规禁止公开"),
    ("result.not_disclosed.three_security_one_stability", ["result", "result.not_disclosed"], "3.危及“三安全一稳定”"),
    ("result.not_disclosed.third_party_rights", ["result", "result.not_disclosed"], "4.保护第三方合法权益"),
    ("result.not_disclosed.internal_affairs", ["result", "result.not_disclosed"], "5.属于三类内部事务信息"),
    ("result.not_disclosed.process_information", ["result", "result.not_disclosed"], "6.属于四类过程性信息"),
    ("result.not_disclosed.enforcement_files", ["result", "result.not_disclosed"], "7.属于行政执法案卷"),
    ("result.not_disclosed.administrative_query", ["result", "result.not_disclosed"], "8.属于行政查询事项"),
    ("result.unable.not_held", ["result", "result.unable"], "1.本机关不掌握相关政府信息"),
    ("result.unable.needs_creation", ["result", "result.unable"], "2.没有现成信息需要另行制作"),
    ("result.unable.unclear_after_correction", ["result", "result.unable"], "3.补正后申请内容仍不明确"),
    ("result.not_processed.petition_complaint", ["result", "result.not_processed"], "1.信访举报投诉类申请"),
    ("result.not_processed.repeated", ["result", "result.not_processed"], "2.重复申请"),
    ("result.not_processed.publications", ["result", "result.not_processed"], "3.要求提供公开出版物"),
    ("result.not_processed.unjustified_mass_requests", ["result", "result.not_processed"], "4.无正当理由大量反复申请"),
    ("result.not_processed.confirm_or_reissue", ["result", "result.not_processed"], "5.要求行政机关确认或重新出具已获取信息"),
    ("result.other", ["result"], "（六）其他处理"),
    ("result.other.overdue_correction", ["result", "result.other"], "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("result.other.overdue_fee", ["result", "result.other"], "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("result.other.other", ["result", "result.other"], "3.其他"),
    ("result.total", ["result"], "（七）总计"),
    ("carried_forward", [], "四、结转下年度继续办理"),
]
GROUP_LABELS = {
    "result": "三、本年度办理结果", "result.not_disclosed": "（三）不予公开",
    "result.unable": "（四）无法提供", "result.not_processed": "（五）不予处理",
    "result.other": "（六）其他处理",
}
OTHER_SUBROWS = ["result.other.overdue_correction", "result.other.overdue_fee", "result.other.other"]

PROACTIVE_BLOCKS = [
    ("第二十条第（一）项", ["issued", "repealed", "in_force"], ["rules", "normative_documents"]),
    ("第二十条第（五）项", ["decisions"], ["licensing"]),
    ("第二十条第（六）项", ["decisions"], ["penalty", "coercion"]),
    ("第二十条第（八）项", ["amount"], ["fees"]),
]
ROW_LABELS = {"rules": "规章", "normative_documents": "行政规范性文件", "licensing": "行政许可",
              "penalty": "行政处罚", "coercion": "行政强制", "fees": "行政事业性收费"}
TABLE_KEYS = ("proactive", "requests", "appeals")


class GovInfo:
    """The ``[gov_info]`` section of a source: numbers and print variants."""

    def __init__(self, data: dict):
        self.data = data
        self.labels = dict(data.get("labels", {}))
        self.fullwidth = data.get("digits", "ascii") == "fullwidth"
        self.other_subrows = bool(data.get("other_subrows", True))
        self.fee_unit = data.get("fee_unit", "label")
        unknown = set(data) - {"other_subrows", "digits", "fee_unit", "note", "repeat", "labels",
                               *TABLE_KEYS}
        if unknown:
            raise ValueError(f"unknown [gov_info] keys: {sorted(unknown)}")

    # -- printing -------------------------------------------------------------------------
    def num(self, v) -> str:
        s = str(v)
        if not re.fullmatch(r"\d+(\.\d+)?", s):
            raise ValueError(f"not a number: {v!r}")
        return s.translate(FULLWIDTH) if self.fullwidth else s

    def row_label(self, key: str, default: str) -> str:
        return self.labels.get(key, default)

    def col_label(self, key: str) -> str:
        if key == "amount" and self.fee_unit == "caption":
            return self.labels.get("col:amount", "本年收费金额")
        return self.labels.get("col:" + key, COLUMN_LABELS[key])

    def req_rows(self) -> list[tuple[str, list[str], str]]:
        out = []
        for key, groups, label in REQ_ROWS:
            if self.other_subrows and key == "result.other":
                continue
            if not self.other_subrows and key in OTHER_SUBROWS:
                continue
            out.append((key, groups, label))
        return out

    # -- the three tables as markup ----------------------------------------------------------
    def proactive(self) -> list[str]:
        d = self.data["proactive"]
        rows, bold = [], []
        for marker, cols, keys in PROACTIVE_BLOCKS:
            bold += [len(rows), len(rows) + 1]
            rows.append([marker, "<", "<", "<"])
            head = ["信息内容"] + [self.col_label(c) for c in cols]
            rows.append(head + ["<"] * (4 - len(head)))
            for k in keys:
                v = d[k]
                cells = [self.num(x) for x in v] if isinstance(v, list) else [self.num(v)]
                if len(cells) != len(cols):
                    raise ValueError(f"proactive.{k}: {len(cols)} numbers expected")
                rows.append([self.row_label(k, ROW_LABELS[k])] + cells + ["<"] * (3 - len(cells)))
        opts = f"|: head=0 split bold={','.join(map(str, bold))} size=10.5 widths=5,4,4,4"
        return [opts] + ["| " + " | ".join(r) + " |" for r in rows]

    def requests(self) -> list[str]:
        d = self.data["requests"]
        note = NOTE if self.data.get("note", True) else ""
        rows = [
            [note, "<", "<", "申请人情况"] + ["<"] * 6,
            ["^", "^", "^", self.col_label("natural_person"), self.col_label("legal_person"),
             "<", "<", "<", "<", self.col_label("total")],
            ["^", "^", "^", "^"] + [self.col_label(c) for c in REQ_COLUMNS[1:6]] + ["^"],
        ]
        seen_groups: set[str] = set()
        expected = {k for k, _, _ in self.req_rows()}
        if set(d) != expected:
            raise ValueError(f"requests rows: missing {sorted(expected - set(d))}, "
                             f"extra {sorted(set(d) - expected)}")
        for key, groups, label in self.req_rows():
            cells: list[str] = []
            for g in groups:
                if g in seen_groups:
                    cells.append("^")
                else:
                    seen_groups.add(g)
                    cells.append(self.row_label(g, GROUP_LABELS[g]))
            cells.append(self.row_label(key, label))
            cells += ["<"] * (3 - len(cells))
            vals = d[key]
            if len(vals) != 7:
                raise ValueError(f"requests.{key}: 7 numbers expected")
            rows.append(cells + [self.num(v) for v in vals])
        opt = "|: head=3 split size=9 widths=33,50,128,33,33,33,33,33,33,33"
        if self.data.get("repeat"):
            opt += " repeat"
        return [opt] + ["| " + " | ".join(r) + " |" for r in rows]

    def appeals(self) -> list[str]:
        d = self.data["appeals"]
        g = [self.col_label(k) for k in ("reconsideration", "litigation", "litigation.direct",
                                          "litigation.after_reconsideration")]
        out5 = [self.col_label(o) if o != "total" else self.col_label("total") for o in OUTCOMES]
        rows = [
            [g[0]] + ["<"] * 4 + [g[1]] + ["<"] * 9,
            out5 + [g[2]] + ["<"] * 4 + [g[3]] + ["<"] * 4,
            ["^"] * 5 + out5 + out5,
        ]
        data_row = []
        for grp in APPEAL_GROUPS:
            vals = d[grp]
            if len(vals) != 5:
                raise ValueError(f"appeals.{grp}: 5 numbers expected")
            data_row += [self.num(v) for v in vals]
        rows.append(data_row)
        return ["|: head=3 split size=9 widths=" + ",".join(["1"] * 15)] + ["| " + " | ".join(r) + " |" for r in rows]

    def markup(self, table: str) -> list[str]:
        if table not in TABLE_KEYS:
            raise ValueError(f"unknown form table {table!r}")
        return getattr(self, table)()

    # -- gold -------------------------------------------------------------------------------
    def values(self, table: str) -> dict[tuple[str, str], str]:
        """{(row key, column key): number as printed} of one table, in printed order."""
        d = self.data[table]
        out: dict[tuple[str, str], str] = {}
        if table == "proactive":
            for _, cols, keys in PROACTIVE_BLOCKS:
                for k in keys:
                    v = d[k] if isinstance(d[k], list) else [d[k]]
                    for c, x in zip(cols, v):
                        out[(k, c)] = self.num(x)
        elif table == "requests":
            for key, _, _ in self.req_rows():
                for c, x in zip(REQ_COLUMNS, d[key]):
                    out[(key, c)] = self.num(x)
        else:
            for grp in APPEAL_GROUPS:
                for o, x in zip(OUTCOMES, d[grp]):
                    out[("cases", f"{grp}.{o}")] = self.num(x)
        return out

    def table_metrics(self, tables: list[str]) -> list[dict]:
        """Gold ``table_metrics``: one entry per numeric cell, ``value`` the printed number with
        full-width digits folded to ASCII."""
        out = []
        for t in tables:
            for (r, c), v in self.values(t).items():
                out.append({"key": f"{FORM_KEY}.{t}.{r}.{c}", "value": v.translate(ASCII)})
        return out


# ---------------------------------------------------------------------------------------------
# the schema's checks (used by build.py)

def load_form() -> dict:
    with open(FORM_TOML, "rb") as f:
        return tomllib.load(f)


def _number(v: str) -> float:
    return float(v.translate(ASCII))


def _side(expr: str, get) -> float:
    return sum(get(term.strip()) for term in expr.split("+"))


def run_checks(info: GovInfo, tables: list[str], form: dict | None = None) -> list[dict]:
    """Evaluate the schema's checks on the source's numbers; return the failures as
    ``{"table", "check", "row_or_column"}``."""
    form = form or load_form()
    failures = []
    for t in form["table"]:
        if t["key"] not in tables:
            continue
        vals = info.values(t["key"])
        row_keys = list(dict.fromkeys(r for r, _ in vals))
        col_keys = list(dict.fromkeys(c for _, c in vals))
        for chk in t.get("checks", []):
            lhs, rhs = chk["expression"].split("==")
            by_col = chk.get("columns") == "*"
            outer = col_keys if by_col else row_keys

            for o in outer:
                def get(k, o=o):
                    inner = row_keys if by_col else col_keys
                    members = [x for x in inner if x == k or x.startswith(k + ".")]
                    if not members:
                        raise ValueError(f"check {chk['name']}: no key {k!r} in {t['key']}")
                    cells = [vals.get((x, o) if by_col else (o, x)) for x in members]
                    return sum(_number(c) for c in cells if c is not None)

                if abs(_side(lhs, get) - _side(rhs, get)) > 1e-6:
                    failures.append({"table": f"{FORM_KEY}.{t['key']}", "check": chk["name"],
                                     "row_or_column": o})
    return failures


def undeclared_keys(info: GovInfo, tables: list[str], form: dict | None = None) -> list[str]:
    """Row and column keys used by the printed tables that the schema does not declare."""
    form = form or load_form()
    bad = []
    for t in form["table"]:
        if t["key"] not in tables:
            continue
        rows = {r["key"] for r in t["rows"]}
        cols = {c["key"] for c in t["columns"]}
        for r, c in info.values(t["key"]):
            if r not in rows:
                bad.append(f"{t['key']}: row {r}")
            if c not in cols:
                bad.append(f"{t['key']}: column {c}")
    return sorted(set(bad))


def expand(body: str, info: GovInfo | None) -> tuple[str, list[str]]:
    """Replace ``@table <key>`` lines with table markup; return the body and the table keys."""
    out, tables = [], []
    for line in body.splitlines():
        s = line.strip()
        if s.startswith("@table"):
            if info is None:
                raise ValueError("@table without a [gov_info] section")
            key = s.split()[1]
            tables.append(key)
            out.extend(info.markup(key))
        else:
            out.append(line)
    return "\n".join(out), tables
