"""Build the corpus of `govdoc check`: documents with exactly one deliberate deviation each,
and clean ones, from the sources in ``src/`` (fictional documents written for this corpus).

    python corpora/checks/make_corpus.py        # writes out/*.txt, out/*.pdf and gold.json

Source markup, one element a line (``#`` lines are comments):

    @mark @docno @signer @title @to @sign @date @note @cc @printed   the 公文 elements
    @h1 <part> text      a level-1 heading (numbered 一、二、… when rendered); <part> names the
                         required part it holds (measures, first, shortcomings, next) or -
    @h2 text。body       a run-in level-2 heading （一）…
    @h2o text            a level-2 heading on its own line
    @h3 text。body       a run-in level-3 heading 1.…
    @p text / @p[part] text   a paragraph (that holds a part when tagged)
    @label <part> text   an unnumbered line that opens a part
    @attnote name        an item of the 附件说明
    @attach label|title  an attached document; the elements after it are its body

Each variant is a base source plus changes; ``gold.json`` lists the codes `govdoc check`
must give for it (and the previous year's file for SIMILAR_TO_PREVIOUS_YEAR). The PDFs are
drawn with reportlab (A4, 版心 156 × 225 mm, 3号 body, 2号 title, red 发文机关标志 and rule,
`— N —` page numbers) so the checks of the printed page have something to measure.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
SRC, OUT = HERE / "src", HERE / "out"
CN = "零一二三四五六七八九十"


# --- sources ----------------------------------------------------------------------------------


@dataclass
class Doc:
    fields: dict = field(default_factory=dict)
    body: list = field(default_factory=list)  # (kind, tag, text)
    attachments: list = field(default_factory=list)  # (label, title, [(kind, tag, text)])
    notes: list = field(default_factory=list)  # 附件说明 items
    numbering: dict = field(default_factory=dict)  # (level, nth) -> delta added to the number
    forms: dict = field(default_factory=dict)  # level -> number format


def load(name: str) -> Doc:
    doc = Doc()
    target = doc.body
    for line in (SRC / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, rest = line.partition(" ")
        tag = None
        m = re.match(r"@(\w+)(?:\[(\w+)\])?$", key)
        kind, tag = m.group(1), m.group(2)
        if kind in ("h1", "label"):
            tag, _, rest = rest.partition(" ")
        if kind == "attach":
            label, _, title = rest.partition("|")
            doc.attachments.append((label, title, []))
            target = doc.attachments[-1][2]
        elif kind == "attnote":
            doc.notes.append(rest)
        elif kind in ("h1", "h2", "h2o", "h3", "p", "label"):
            target.append((kind, None if tag == "-" else tag, rest))
        else:
            doc.fields[kind] = rest
    return doc


# --- rendering --------------------------------------------------------------------------------


def cn_number(n: int) -> str:
    if n <= 10:
        return CN[n]
    if n < 20:
        return "十" + CN[n - 10]
    return CN[n // 10] + "十" + (CN[n % 10] if n % 10 else "")


def cn_date(iso: str, chinese: bool = False, pad: bool = False) -> str:
    d = dt.date.fromisoformat(iso)
    if chinese:
        year = "".join("〇一二三四五六七八九"[int(c)] for c in str(d.year))
        return f"{year}年{cn_number(d.month)}月{cn_number(d.day)}日"
    if pad:
        return f"{d.year}年{d.month:02d}月{d.day:02d}日"
    return f"{d.year}年{d.month}月{d.day}日"


FORMS = {1: "{c}、", 2: "（{c}）", 3: "{n}.", 4: "（{n}）"}


def numbered(elements: list, doc: Doc) -> list[tuple[str, int, str]]:
    """(kind, level, text) with the heading numbers written in."""
    counters = {1: 0, 2: 0, 3: 0}
    seen = {1: 0, 2: 0, 3: 0}
    out = []
    for kind, tag, text in elements:
        level = {"h1": 1, "h2": 2, "h2o": 2, "h3": 3}.get(kind)
        if level is None:
            out.append((kind, 0, text))
            continue
        seen[level] += 1
        counters[level] += 1 + doc.numbering.get((level, seen[level]), 0)
        for deeper in range(level + 1, 4):
            counters[deeper] = 0
        n = counters[level]
        number = doc.forms.get(level, FORMS[level]).format(c=cn_number(n), n=n)
        out.append((kind, level, number + text))
    return out


def date_text(doc: Doc) -> str:
    raw = doc.fields.get("date_raw")
    return raw or cn_date(doc.fields["date"], chinese=doc.fields.get("date_chinese") == "1",
                          pad=doc.fields.get("date_pad") == "1")


def printed_line(doc: Doc) -> str:
    organ, _, iso = doc.fields["printed"].rpartition(" ")
    return f"{organ}　　　　{cn_date(iso)}印发"


def render_markdown(doc: Doc) -> str:
    """The text rendering with markdown headings (# title, ## level 1, ### level 2 on its own line)."""
    out = []
    numbered_lines = {text: kind for kind, level, text in numbered(doc.body, doc)}
    for line in render_text(doc).splitlines():
        if line == doc.fields["title"]:
            line = "# " + line
        elif numbered_lines.get(line) == "h1":
            line = "## " + line
        elif numbered_lines.get(line) == "h2o":
            line = "### " + line
        out.append(line)
    return "\n\n".join(l for l in out if l) + "\n"


def render_text(doc: Doc) -> str:
    f = doc.fields
    lines = []
    if "mark" in f:
        lines += [f["mark"], ""]
    if "docno" in f:
        lines += [f["docno"] + (f"　　　　签发人：{f['signer']}" if f.get("signer") else ""), ""]
    lines += [f["title"], ""]
    if "to" in f:
        lines.append(f["to"] + f.get("colon", "："))
    for kind, level, text in numbered(doc.body, doc):
        lines.append(text)
    if doc.notes:
        lines.append("")
        if len(doc.notes) == 1:
            lines.append(f"附件：{doc.notes[0]}")
        else:
            lines.append(f"附件：1.{doc.notes[0]}")
            lines += [f"　　　{i}.{n}" for i, n in enumerate(doc.notes[1:], 2)]
    lines += ["", *f.get("sign", "").split(" "), date_text(doc)] if f.get("sign") else ["", date_text(doc)]
    if "note" in f:
        lines.append(f["note"])
    for label, title, elements in doc.attachments:
        lines += ["", label, "", title, ""]
        lines += [text for _, _, text in numbered(elements, doc)]
    imprint = []
    if "cc" in f:
        imprint.append(f"抄送：{f['cc']}")
    if "printed" in f:
        imprint.append(printed_line(doc))
    if f.get("imprint_order") == "swapped":
        imprint.reverse()
    if imprint:
        lines += ["", *imprint]
    return "\n".join(lines) + "\n"


# --- PDF --------------------------------------------------------------------------------------

FONTS = {
    "FS": "/usr/share/fonts/truetype/arphic/uming.ttc",
    "KT": "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "HT": "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
}
MM = 72 / 25.4


def render_pdf(doc: Doc, path: Path, *, mark_red: bool = True, rule: bool = True, title_size: float = 22,
               page_format: str = "— {n} —") -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    for name, font in FONTS.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, font, subfontIndex=0))
    width, height = A4
    left, top, text_width = 28 * MM, 37 * MM, 156 * MM
    bottom = top + 225 * MM
    pitch, size = 29.0, 16.0
    per_line = int(text_width // size)
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle(doc.fields["title"])
    state = {"y": top, "page": 1}

    def page_number():
        c.setFont("FS", 14)
        c.setFillColorRGB(0, 0, 0)
        label = page_format.format(n=state["page"])
        y = height - (bottom + 7 * MM + 10)
        if state["page"] % 2:
            c.drawRightString(left + text_width - size, y, label)
        else:
            c.drawString(left + size, y, label)

    def new_page():
        page_number()
        c.showPage()
        state["page"] += 1
        state["y"] = top

    def put(text, font="FS", size_=size, x=None, centre=False, right=False, colour=(0, 0, 0), advance=pitch):
        if state["y"] + advance > bottom:
            new_page()
        state["y"] += advance
        c.setFont(font, size_)
        c.setFillColorRGB(*colour)
        y = height - state["y"]
        if centre:
            c.drawCentredString(left + text_width / 2, y, text)
        elif right:
            c.drawRightString(left + text_width - (x or 0), y, text)
        else:
            c.drawString(x if x is not None else left, y, text)

    def paragraph(text, font="FS", indent=2):
        first = True
        while text:
            room = per_line - (indent if first else 0)
            chunk, text = text[:room], text[room:]
            put(chunk, font, x=left + (indent * size if first else 0))
            first = False

    f = doc.fields
    if "mark" in f:
        state["y"] = top + 35 * MM - pitch
        mark_size = min(42.0, text_width / max(len(f["mark"]), 1))
        put(f["mark"], size_=mark_size, centre=True, colour=(1, 0, 0) if mark_red else (0, 0, 0), advance=mark_size + 10)
        state["y"] += pitch
    if "docno" in f:
        if f.get("signer"):
            put(f["docno"], x=left + size)
            c.drawRightString(left + text_width - size, height - state["y"], f"签发人：{f['signer']}")
        else:
            put(f["docno"], centre=True)
        if rule:
            y = height - state["y"] - 4 * MM
            c.setStrokeColorRGB(1, 0, 0)
            c.setLineWidth(1)
            c.line(left, y, left + text_width, y)
        state["y"] += pitch
    title, per_title = f["title"], int(text_width // title_size) - 2
    while title:
        chunk, title = title[:per_title], title[per_title:]
        put(chunk, size_=title_size, centre=True, advance=title_size + 10)
    state["y"] += pitch / 2
    if "to" in f:
        paragraph(f["to"] + f.get("colon", "："), indent=0)
    for kind, level, text in numbered(doc.body, doc):
        font = "HT" if level == 1 else "KT" if kind == "h2o" else "FS"
        paragraph(text, font=font)
    if doc.notes:
        state["y"] += pitch
        items = [doc.notes[0]] if len(doc.notes) == 1 else [f"{i}.{n}" for i, n in enumerate(doc.notes, 1)]
        put("附件：" + items[0], x=left + 2 * size)
        for item in items[1:]:
            put(item, x=left + 5 * size)
    state["y"] += 2 * pitch
    date = date_text(doc)
    c.setFont("FS", size)
    date_w = c.stringWidth(date, "FS", size)
    date_x = left + text_width - 4 * size - date_w
    for organ in f.get("sign", "").split(" "):
        if organ:  # centred over the date (7.3.5.1)
            w = c.stringWidth(organ, "FS", size)
            put(organ, x=min(date_x + date_w / 2 - w / 2, left + text_width - w))
    put(date, x=date_x)
    if "note" in f:
        paragraph(f["note"])
    for label, title, elements in doc.attachments:
        new_page()
        put(label, font="HT")
        state["y"] += pitch
        put(title, size_=title_size, centre=True, advance=title_size + 10)
        state["y"] += pitch / 2
        for kind, level, text in numbered(elements, doc):
            paragraph(text)
    if "cc" in f or "printed" in f:
        lines = []
        if "cc" in f:
            lines.append(("cc", f"抄送：{f['cc']}"))
        if "printed" in f:
            lines.append(("printed", None))
        if f.get("imprint_order") == "swapped":
            lines.reverse()
        need = len(lines) * pitch + 10
        if state["y"] + need > bottom:
            new_page()
        c.setStrokeColorRGB(0, 0, 0)
        y = height - (bottom - need)
        c.setLineWidth(1)
        c.line(left, y, left + text_width, y)
        for kind, text in lines:
            y -= pitch
            c.setFont("FS", 14)
            c.setFillColorRGB(0, 0, 0)
            if kind == "cc":
                c.drawString(left + 14, y + 8, text)
            else:
                organ, _, iso = f["printed"].rpartition(" ")
                c.drawString(left + 14, y + 8, organ)
                c.drawRightString(left + text_width - 14, y + 8, cn_date(iso) + "印发")
            c.setLineWidth(0.5 if kind == "cc" and len(lines) > 1 else 1)
            c.line(left, y, left + text_width, y)
    page_number()
    c.showPage()
    c.save()


# --- changes ----------------------------------------------------------------------------------


def drop(part):
    """Remove a required part: its level-1 heading or label with everything under it, and the
    paragraphs tagged with it; the numbers close up (no other deviation)."""
    def change(doc):
        out, skipping = [], False
        for kind, tag, text in doc.body:
            if kind in ("h1", "label"):
                skipping = tag == part
            if skipping or tag == part:
                continue
            out.append((kind, tag, text))
        doc.body = out
    return change


def setf(**values):
    def change(doc):
        for key, value in values.items():
            if value is None:
                doc.fields.pop(key, None)
            else:
                doc.fields[key] = value
    return change


def replace(old, new):
    def change(doc):
        hit = False
        for i, (kind, tag, text) in enumerate(doc.body):
            if old in text:
                doc.body[i] = (kind, tag, text.replace(old, new, 1))
                hit = True
                break
        if not hit:
            raise ValueError(f"not found: {old}")
    return change


def skip(level, nth, delta=1):
    """The nth heading of a level numbered ``delta`` further on (a skip; -1: a repeat)."""
    def change(doc):
        doc.numbering[(level, nth)] = delta
    return change


def form(level, fmt):
    def change(doc):
        doc.forms[level] = fmt
    return change


def notes(*items):
    def change(doc):
        doc.notes = list(items)
    return change


REWORDING = [("加强", "强化"), ("推进", "推动"), ("全面", "持续"), ("深化", "深入"), ("开展", "组织"), ("完善", "健全")]


def as_previous_year(copied: float = 1.0, reword: bool = False):
    """The same report a year earlier, copied paragraph by paragraph with the figures changed;
    paragraphs past the share ``copied`` are replaced by different text."""
    def change(doc):
        def shift(text):
            def number(m):
                value = m.group(0)
                if re.fullmatch(r"20[0-9]{2}", value):  # a year: one earlier
                    return str(int(value) - 1)
                return str(max(1, int(value) * 9 // 10))
            return re.sub(r"(?<![0-9.])[1-9][0-9]*(?![0-9])", number, text)
        for i, (kind, tag, text) in enumerate(doc.body):
            if kind in ("h1", "h2o", "label"):
                doc.body[i] = (kind, tag, shift(text))
        paragraphs = [i for i, (k, _, _) in enumerate(doc.body) if k in ("p", "h2", "h3")]
        keep = int(round(len(paragraphs) * copied))
        fillers = iter(FILLERS)
        for rank, i in enumerate(paragraphs):
            kind, tag, text = doc.body[i]
            if rank < keep:
                text = shift(text)
                if reword:  # near-verbatim: a few words changed
                    for a, b in REWORDING:
                        text = text.replace(a, b)
                doc.body[i] = (kind, tag, text)
            else:
                head = text.split("。")[0] + "。" if kind in ("h2", "h3") else ""
                doc.body[i] = (kind, tag, head + next(fillers))
        for key in ("title", "docno"):
            doc.fields[key] = shift(doc.fields[key]) if key in doc.fields else None
        doc.fields = {k: v for k, v in doc.fields.items() if v is not None}
        d = dt.date.fromisoformat(doc.fields["date"])
        doc.fields["date"] = d.replace(year=d.year - 1).isoformat()
        if "printed" in doc.fields:
            organ, _, iso = doc.fields["printed"].rpartition(" ")
            p = dt.date.fromisoformat(iso)
            doc.fields["printed"] = f"{organ} {p.replace(year=p.year - 1).isoformat()}"
    return change


# paragraphs of other wording, for a previous year's report that was not copied
FILLERS = [
    "围绕群众反映集中的办事难点，梳理堵点问题清单，推动相关部门限期整改，群众办事体验明显改善。",
    "组织开展执法为民专项行动，深入企业走访听取意见，对反映问题建立台账逐项销号。",
    "依托乡镇公共法律服务站点，为困难群众提供法律援助，依法维护其合法权益。",
    "完善政府购买法律服务机制，引入律师事务所参与信访积案化解，推动一批历史遗留问题依法解决。",
    "开展法治乡村建设，培育农村学法用法示范户，推动形成办事依法、遇事找法的良好氛围。",
    "修订政府议事规则，明确集体讨论决定事项范围，规范会议组织程序和决定执行反馈。",
    "建立重点项目法律风险评估制度，对招商引资合同开展事前法律审核，防范政府履约风险。",
    "加强政务诚信建设，清理政府机构拖欠企业账款，建立政府失信行为常态化治理机制。",
    "推进行政执法与刑事司法衔接，建立案件移送会商制度，做到应移尽移、依法处理。",
    "健全信访工作责任体系，落实领导干部接访下访制度，推动矛盾纠纷就地化解。",
    "加强公务员法治培训，把宪法法律学习纳入各级干部教育培训的必修课程。",
    "在重点领域推行说理式执法，制作执法文书说理范本，提升执法的公信力。",
]


# --- the corpus -------------------------------------------------------------------------------


def V(name, base, *changes, codes=(), previous=None, pdf=None, text=True, markdown=False):
    return dict(name=name, base=base, changes=list(changes), codes=list(codes), previous=previous, pdf=pdf, text=text,
                markdown=markdown)


VARIANTS = [
    # clean documents: none of the codes
    V("clean_yunxi_2023", "yunxi_2023", pdf={}),
    V("clean_yunxi_2022", "yunxi_2022"),
    V("clean_jiangfeng_sfj_2023", "jiangfeng_sfj_2023"),
    V("clean_donglan_2022", "donglan_2022", pdf={}),
    V("clean_tongwan_2024", "tongwan_2024", pdf={}),
    V("clean_tongwan_2023", "tongwan_2023"),
    V("clean_shiping_2023", "shiping_2023"),
    V("clean_yunxi_office_notice", "yunxi_office_notice", pdf={}),
    V("clean_jiangfeng_sfj_request", "jiangfeng_sfj_request", pdf={}),
    V("clean_donglan_sft_letter", "donglan_sft_letter"),
    V("clean_yunxi_2023_on_deadline", "yunxi_2023", setf(date="2024-03-01")),
    V("clean_yunxi_2023_leap_day", "yunxi_2023", setf(date="2024-02-29")),
    V("clean_jiangfeng_sfj_2023_other_variants", "jiangfeng_sfj_2023",
      replace("存在的问题和不足", "工作中的短板弱项"), replace("下一步工作打算", "今后工作思路")),
    V("clean_yunxi_2023_vs_2022", "yunxi_2023", previous="clean_yunxi_2022"),
    V("clean_tongwan_2024_vs_2023", "tongwan_2024", previous="clean_tongwan_2023"),
    V("clean_yunxi_2023_vs_partial_copy", "yunxi_2023", previous="prev_yunxi_2022_partial_copy"),
    V("prev_yunxi_2022_partial_copy", "yunxi_2023", as_previous_year(0.3)),
    V("prev_yunxi_2022_copy", "yunxi_2023", as_previous_year(0.9)),
    V("prev_tongwan_2023_copy", "tongwan_2024", as_previous_year(0.75)),

    V("clean_jiangfeng_scjgj_2021", "jiangfeng_scjgj_2021"),
    V("clean_yunxi_sfj_2022", "yunxi_sfj_2022", markdown=True),
    V("clean_donglan_2022_md", "donglan_2022", markdown=True, text=False),
    V("prev_yunxi_2022_reworded", "yunxi_2023", as_previous_year(0.8, reword=True)),

    # CONTENT_MISSING_*
    V("measures_yunxi", "yunxi_2023", drop("measures"), codes=["CONTENT_MISSING_MEASURES"]),
    V("measures_donglan", "donglan_2022", drop("measures"), codes=["CONTENT_MISSING_MEASURES"]),
    V("measures_shiping", "shiping_2023", drop("measures"), codes=["CONTENT_MISSING_MEASURES"]),
    V("shortcomings_yunxi", "yunxi_2023", drop("shortcomings"), codes=["CONTENT_MISSING_SHORTCOMINGS"]),
    V("shortcomings_jiangfeng", "jiangfeng_sfj_2023", drop("shortcomings"), codes=["CONTENT_MISSING_SHORTCOMINGS"]),
    V("shortcomings_tongwan", "tongwan_2024", drop("shortcomings"), codes=["CONTENT_MISSING_SHORTCOMINGS"], pdf={}),
    V("shortcomings_shiping", "shiping_2023", drop("shortcomings"), codes=["CONTENT_MISSING_SHORTCOMINGS"]),
    V("first_yunxi", "yunxi_2023", drop("first"), codes=["CONTENT_MISSING_FIRST_RESPONSIBLE"]),
    V("first_donglan", "donglan_2022", drop("first"), codes=["CONTENT_MISSING_FIRST_RESPONSIBLE"]),
    V("first_tongwan", "tongwan_2024", drop("first"), codes=["CONTENT_MISSING_FIRST_RESPONSIBLE"]),
    V("first_shiping", "shiping_2023", drop("first"), codes=["CONTENT_MISSING_FIRST_RESPONSIBLE"]),
    V("next_yunxi", "yunxi_2023", drop("next"), codes=["CONTENT_MISSING_NEXT_YEAR"]),
    V("next_jiangfeng", "jiangfeng_sfj_2023", drop("next"), codes=["CONTENT_MISSING_NEXT_YEAR"]),
    V("next_donglan", "donglan_2022", drop("next"), codes=["CONTENT_MISSING_NEXT_YEAR"], pdf={}),
    V("next_shiping", "shiping_2023", drop("next"), codes=["CONTENT_MISSING_NEXT_YEAR"]),

    V("shortcomings_scjgj", "jiangfeng_scjgj_2021", drop("shortcomings"), replace("存在的问题及下一步打算", "下一步打算"),
      codes=["CONTENT_MISSING_SHORTCOMINGS"]),
    V("next_scjgj", "jiangfeng_scjgj_2021", drop("next"), replace("存在的问题及下一步打算", "存在的问题"),
      codes=["CONTENT_MISSING_NEXT_YEAR"]),
    V("first_scjgj", "jiangfeng_scjgj_2021", drop("first"), codes=["CONTENT_MISSING_FIRST_RESPONSIBLE"]),
    V("first_yunxi_sfj", "yunxi_sfj_2022", drop("first"), codes=["CONTENT_MISSING_FIRST_RESPONSIBLE"], markdown=True),
    V("next_yunxi_sfj", "yunxi_sfj_2022", drop("next"), replace("存在的不足和下一步工作安排", "存在的不足和原因"),
      codes=["CONTENT_MISSING_NEXT_YEAR"]),
    V("shortcomings_yunxi_sfj", "yunxi_sfj_2022", drop("shortcomings"),
      replace("存在的不足和下一步工作安排", "下一步工作安排"), codes=["CONTENT_MISSING_SHORTCOMINGS"], markdown=True),
    V("measures_jiangfeng_md", "jiangfeng_sfj_2023", drop("measures"), codes=["CONTENT_MISSING_MEASURES"],
      markdown=True, text=False),

    # DATE_AFTER_DEADLINE: 1 March, or 1 April for a province
    V("late_yunxi", "yunxi_2023", setf(date="2024-03-12", printed="云溪县人民政府办公室 2024-03-13"),
      codes=["DATE_AFTER_DEADLINE"]),
    V("late_jiangfeng", "jiangfeng_sfj_2023", setf(date="2024-04-08"), codes=["DATE_AFTER_DEADLINE"]),
    V("late_donglan", "donglan_2022", setf(date="2023-04-10", printed="东澜省人民政府办公厅 2023-04-11"),
      codes=["DATE_AFTER_DEADLINE"]),
    V("late_tongwan_one_day", "tongwan_2024", setf(date="2025-03-02", printed="中共桐湾区委办公室 2025-03-03"),
      codes=["DATE_AFTER_DEADLINE"]),

    # TITLE_NO_YEAR (the year from the body's opening still dates the report)
    V("noyear_yunxi", "yunxi_2023", setf(title="云溪县人民政府关于法治政府建设情况的报告"), codes=["TITLE_NO_YEAR"]),
    V("noyear_jiangfeng", "jiangfeng_sfj_2023", setf(title="江枫市司法局法治政府建设年度报告"), codes=["TITLE_NO_YEAR"]),
    V("noyear_late_shiping", "shiping_2023", setf(title="石屏镇人民政府法治政府建设工作报告", date="2024-03-18"),
      codes=["TITLE_NO_YEAR", "DATE_AFTER_DEADLINE"]),

    # DOCNO_BRACKET
    V("docno_square_yunxi", "yunxi_2023", setf(docno="云政报[2024]5号"), codes=["DOCNO_BRACKET"]),
    V("docno_round_donglan", "donglan_2022", setf(docno="东政报（2023）12号"), codes=["DOCNO_BRACKET"]),
    V("docno_lenticular_tongwan", "tongwan_2024", setf(docno="桐发【2025】3号"), codes=["DOCNO_BRACKET"]),
    V("docno_small_notice", "yunxi_office_notice", setf(docno="云政办发﹝2024﹞7号"), codes=["DOCNO_BRACKET"]),

    # HEADING_SEQUENCE
    V("sequence_l1_skip_yunxi", "yunxi_2023", skip(1, 3), codes=["HEADING_SEQUENCE"]),
    V("sequence_l2_repeat_yunxi", "yunxi_2023", skip(2, 4, -1), codes=["HEADING_SEQUENCE"]),
    V("sequence_l3_skip_donglan", "donglan_2022", skip(3, 4), codes=["HEADING_SEQUENCE"]),
    V("sequence_l2_skip_jiangfeng", "jiangfeng_sfj_2023", skip(2, 2), codes=["HEADING_SEQUENCE"]),
    V("sequence_l1_repeat_notice", "yunxi_office_notice", skip(1, 3, -1), codes=["HEADING_SEQUENCE"]),

    # DATE_NOT_ARABIC
    V("date_chinese_yunxi", "yunxi_2023", setf(date_chinese="1"), codes=["DATE_NOT_ARABIC"]),
    V("date_chinese_tongwan", "tongwan_2024", setf(date_chinese="1"), codes=["DATE_NOT_ARABIC"]),
    V("date_chinese_request", "jiangfeng_sfj_request", setf(date_chinese="1"), codes=["DATE_NOT_ARABIC"]),

    # PLACEHOLDER_TEXT
    V("placeholder_xx_yunxi", "yunxi_2023", replace("组织听证会2场", "组织听证会XX场"), codes=["PLACEHOLDER_TEXT"]),
    V("placeholder_crosses_jiangfeng", "jiangfeng_sfj_2023", replace("指导2个县区", "指导××县、××区"),
      codes=["PLACEHOLDER_TEXT"]),
    V("placeholder_stars_donglan", "donglan_2022", replace("省长带头", "＊＊＊省长带头"), codes=["PLACEHOLDER_TEXT"]),
    V("placeholder_county_tongwan", "tongwan_2024", replace("对14个部门", "对XX区14个部门"), codes=["PLACEHOLDER_TEXT"]),
    V("placeholder_date_notice", "yunxi_office_notice", replace("2024年5月31日前", "2024年X月X日前"),
      codes=["PLACEHOLDER_TEXT"]),

    # SIMILAR_TO_PREVIOUS_YEAR
    V("similar_yunxi", "yunxi_2023", previous="prev_yunxi_2022_copy", codes=["SIMILAR_TO_PREVIOUS_YEAR"]),
    V("similar_tongwan", "tongwan_2024", previous="prev_tongwan_2023_copy", codes=["SIMILAR_TO_PREVIOUS_YEAR"]),
    V("similar_yunxi_reworded", "yunxi_2023", previous="prev_yunxi_2022_reworded", codes=["SIMILAR_TO_PREVIOUS_YEAR"]),

    # GB/T 9704 measures of our own
    V("signer_missing_yunxi", "yunxi_2023", setf(signer=None), codes=["SIGNER_MISSING"]),
    V("signer_missing_request", "jiangfeng_sfj_request", setf(signer=None), codes=["SIGNER_MISSING"], pdf={}),
    V("mainrecv_colon_yunxi", "yunxi_2023", setf(colon=":"), codes=["MAINRECV_COLON"]),
    V("mainrecv_colon_letter", "donglan_sft_letter", setf(colon=":"), codes=["MAINRECV_COLON"]),
    V("date_zero_pad_donglan", "donglan_2022", setf(date_pad="1"), codes=["DATE_ZERO_PAD"]),
    V("date_zero_pad_request", "jiangfeng_sfj_request", setf(date_pad="1"), codes=["DATE_ZERO_PAD"]),
    V("heading_form_l3_jiangfeng", "jiangfeng_sfj_2023", form(3, "{n}、"), codes=["HEADING_FORM"]),
    V("heading_form_l1_donglan", "donglan_2022", form(1, "{c}."), codes=["HEADING_FORM"]),
    V("attachment_count_notice", "yunxi_office_notice",
      notes("行政规范性文件清理结果汇总表", "行政规范性文件清理工作联系人名单", "行政规范性文件目录"),
      codes=["ATTACHMENT_MISMATCH"]),
    V("attachment_title_notice", "yunxi_office_notice",
      notes("行政规范性文件清理结果汇总表", "县政府部门权责清单调整意见表"), codes=["ATTACHMENT_MISMATCH"]),
    V("cc_no_period_yunxi", "yunxi_2023", setf(cc="市人民政府，市司法局，县委全面依法治县委员会办公室"),
      codes=["CC_NO_PERIOD"], pdf={}),
    V("cc_no_period_request", "jiangfeng_sfj_request", setf(cc="市财政局"), codes=["CC_NO_PERIOD"]),
    V("imprint_order_donglan", "donglan_2022", setf(imprint_order="swapped"), codes=["IMPRINT_ORDER"], pdf={}),
    V("imprint_order_notice", "yunxi_office_notice", setf(imprint_order="swapped"), codes=["IMPRINT_ORDER"]),
    # the printed page: PDFs only
    V("redline_missing_yunxi", "yunxi_2023", codes=["REDLINE_MISSING"], pdf={"rule": False}, text=False),
    V("redline_missing_notice", "yunxi_office_notice", codes=["REDLINE_MISSING"], pdf={"rule": False}, text=False),
    V("mark_black_donglan", "donglan_2022", codes=["MARK_NOT_RED"], pdf={"mark_red": False}, text=False),
    V("mark_black_request", "jiangfeng_sfj_request", codes=["MARK_NOT_RED"], pdf={"mark_red": False}, text=False),
    V("title_size_tongwan", "tongwan_2024", codes=["TITLE_SIZE"], pdf={"title_size": 16}, text=False),
    V("title_size_notice", "yunxi_office_notice", codes=["TITLE_SIZE"], pdf={"title_size": 18}, text=False),
    V("page_number_dash_yunxi", "yunxi_2023", codes=["PAGENO_FORM"], pdf={"page_format": "-{n}-"}, text=False),
    V("page_number_of_donglan", "donglan_2022", codes=["PAGENO_FORM"], pdf={"page_format": "第{n}页"}, text=False),
]


def build(variant: dict) -> Doc:
    doc = copy.deepcopy(load(variant["base"]))
    for change in variant["changes"]:
        change(doc)
    return doc


def main() -> None:
    OUT.mkdir(exist_ok=True)
    gold = []
    for variant in VARIANTS:
        doc = build(variant)
        files = []
        if variant["text"]:
            (OUT / f"{variant['name']}.txt").write_text(render_text(doc), encoding="utf-8")
            files.append(f"{variant['name']}.txt")
        if variant["markdown"]:
            (OUT / f"{variant['name']}.md").write_text(render_markdown(doc), encoding="utf-8")
            files.append(f"{variant['name']}.md")
        if variant["pdf"] is not None:
            render_pdf(doc, OUT / f"{variant['name']}.pdf", **variant["pdf"])
            files.append(f"{variant['name']}.pdf")
        for name in files:
            previous = None
            if variant["previous"]:
                previous = f"{variant['previous']}{Path(name).suffix if Path(name).suffix == '.txt' else '.txt'}"
            codes = variant["codes"]
            if not name.endswith(".pdf"):
                codes = [c for c in codes if c not in PDF_ONLY]
            gold.append({"file": name, "previous": previous, "codes": sorted(codes), "base": variant["base"]})
    (HERE / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(gold)} documents in {OUT}", file=sys.stderr)


PDF_ONLY = {"REDLINE_MISSING", "MARK_NOT_RED", "TITLE_SIZE", "PAGENO_FORM"}

if __name__ == "__main__":
    main()
