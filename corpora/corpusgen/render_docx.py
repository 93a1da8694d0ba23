"""PDF producer 2, first half: a Word document built with python-docx the way 公文 templates
are usually set up (Windows font names, exact 28.95 pt line pitch, red letterhead, red
rule as a paragraph border, 版记 as a bordered table anchored to the bottom margin,
odd/even page-number footers).  LibreOffice converts it to PDF (see build.py).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .render_pdf import table_widths
from .source import SPANNED, Block, Doc, table_regions

FANGSONG = "仿宋_GB2312"
KAITI = "楷体_GB2312"
HEITI = "黑体"
XBS = "方正小标宋简体"
SONG = "宋体"
RED = RGBColor(0xFF, 0x00, 0x00)
PITCH = Pt(28.95)
BODY_W_PT = 156 * 72 / 25.4


def _set_font(run, name: str, size: float | None = None, color=None, bold=False,
              scale: int | None = None, spacing: int | None = None):
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name if attr == "w:eastAsia" or name != FANGSONG else "Times New Roman")
    if size:
        run.font.size = Pt(size)
    if color is not None:
        run.font.color.rgb = color
    if bold:
        run.font.bold = True
    if scale:
        w = OxmlElement("w:w")
        w.set(qn("w:val"), str(scale))
        rpr.append(w)
    if spacing is not None:
        sp = OxmlElement("w:spacing")
        sp.set(qn("w:val"), str(spacing))
        rpr.append(sp)


def _pfmt(p, align=None, first_chars: int | None = 200, left: float = 0.0,
          right: float = 0.0, exact: float | None = 28.95, before: float = 0.0,
          hanging: float | None = None):
    f = p.paragraph_format
    if align is not None:
        f.alignment = align
    f.space_before = Pt(before)
    f.space_after = Pt(0)
    if exact:
        f.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        f.line_spacing = Pt(exact)
    f.left_indent = Pt(left)
    f.right_indent = Pt(right)
    if hanging is not None:
        f.first_line_indent = Pt(-hanging)
    elif first_chars:
        f.first_line_indent = Pt(16 * first_chars / 100)
        ind = p._element.get_or_add_pPr().find(qn("w:ind"))
        ind.set(qn("w:firstLineChars"), str(first_chars))
    else:
        f.first_line_indent = Pt(0)


def _border(p, side: str, color: str = "FF0000", sz: int = 12, space: int = 1):
    ppr = p._element.get_or_add_pPr()
    bdr = ppr.find(qn("w:pBdr"))
    if bdr is None:
        bdr = OxmlElement("w:pBdr")
        # pBdr must precede spacing/ind in CT_PPr
        ppr.insert(0, bdr)
    el = OxmlElement(f"w:{side}")
    el.set(qn("w:val"), "single")
    el.set(qn("w:sz"), str(sz))
    el.set(qn("w:space"), str(space))
    el.set(qn("w:color"), color)
    bdr.append(el)


def _page_field(p):
    for kind, text in (("begin", None), ("instr", " PAGE "), ("end", None)):
        r = p.add_run()
        _set_font(r, SONG, 14)
        if kind == "instr":
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = text
            r._element.append(it)
        else:
            fc = OxmlElement("w:fldChar")
            fc.set(qn("w:fldCharType"), kind)
            r._element.append(fc)


def _footer(par, align, left=0.0, right=0.0):
    _pfmt(par, align=align, first_chars=None, left=left, right=right, exact=None)
    _set_font(par.add_run("— "), SONG, 14)
    _page_field(par)
    _set_font(par.add_run(" —"), SONG, 14)


def _approx_width_chars(s: str) -> float:
    return sum(0.5 if ch.isascii() else 1.0 for ch in s)


class DocxWriter:
    def __init__(self, doc: Doc, imprint_spacer: int = 0):
        self.doc = doc
        self.imprint_spacer = imprint_spacer
        self.d = Document()
        self._setup()

    def _setup(self):
        d = self.d
        st = d.styles["Normal"]
        st.font.name = FANGSONG
        st.font.size = Pt(16)
        rpr = st.element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        rfonts.set(qn("w:eastAsia"), FANGSONG)
        rfonts.set(qn("w:ascii"), "Times New Roman")
        rfonts.set(qn("w:hAnsi"), "Times New Roman")
        sp = OxmlElement("w:spacing")
        sp.set(qn("w:val"), "-5")
        rpr.append(sp)
        pf = st.paragraph_format
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = PITCH
        pf.widow_control = False
        s = d.sections[0]
        s.page_width, s.page_height = Mm(210), Mm(297)
        s.top_margin, s.bottom_margin = Mm(37), Mm(35)
        s.left_margin, s.right_margin = Mm(28), Mm(26)
        s.header_distance, s.footer_distance = Mm(15), Mm(21)
        d.settings.odd_and_even_pages_header_footer = True
        _footer(s.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT, right=14)
        _footer(s.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT, left=14)
        # 22 lines x 28 characters document grid, as in common 公文 templates
        sect = s._sectPr
        grid = sect.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            sect.append(grid)
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), "579")
        cp = d.core_properties
        cp.author = self.doc.printed_by or self.doc.issuers[0]
        cp.last_modified_by = cp.author
        cp.title = self.doc.title
        cp.subject = self.doc.doc_type
        cp.comments = "govdoc-parser test corpus (python-docx)"
        fixed = dt.datetime.fromisoformat(self.doc.date_iso + "T09:00:00")
        cp.created = fixed
        cp.modified = fixed
        cp.revision = 1
        # python-docx's template ships with an empty first paragraph: reuse it
        self._first = d.paragraphs[0] if d.paragraphs else None

    def para(self, text: str = "", font: str = FANGSONG, size: float = 16, **kw):
        if self._first is not None:
            p, self._first = self._first, None
        else:
            p = self.d.add_paragraph()
        fmt = {k: v for k, v in kw.items() if k in ("align", "first_chars", "left", "right",
                                                     "exact", "before", "hanging")}
        _pfmt(p, **fmt)
        if text:
            r = p.add_run(text)
            _set_font(r, font, size, color=kw.get("color"), bold=kw.get("bold", False),
                      scale=kw.get("scale"))
        return p

    def letterhead(self):
        doc = self.doc
        for k in ("copy_number", "classification", "urgency"):
            v = getattr(doc, k)
            if v:
                self.para(v, HEITI if k != "copy_number" else FANGSONG, first_chars=None)
        n_pre = sum(1 for k in ("copy_number", "classification", "urgency") if getattr(doc, k))
        before = max(0.0, 35 * 72 / 25.4 - n_pre * 28.95)
        if doc.order_layout:
            # 命令/公告: mark 20 mm below the top margin, 第N号 two lines below, no red rule
            size = doc.style.get("mark_size", 42)
            scale = min(100, int(BODY_W_PT * 0.9 / (size * len(doc.issuer_mark)) * 100))
            self.para(doc.issuer_mark, XBS, size, align=WD_ALIGN_PARAGRAPH.CENTER,
                      first_chars=None, exact=size * 1.2, before=20 * 72 / 25.4, color=RED,
                      scale=scale if scale < 100 else None)
            self.para("", first_chars=None)
            self.para(doc.document_number or "", FANGSONG, align=WD_ALIGN_PARAGRAPH.CENTER,
                      first_chars=None)
            self.para("", first_chars=None)
            self.para("", first_chars=None)
            return
        if len(doc.issuer_names) == 1:
            size = doc.style.get("mark_size", 42)
            scale = min(100, int(BODY_W_PT * 0.9 / (size * len(doc.issuer_mark)) * 100))
            self.para(doc.issuer_mark, XBS, size, align=WD_ALIGN_PARAGRAPH.CENTER,
                      first_chars=None, exact=size * 1.2, before=before, color=RED,
                      scale=scale if scale < 100 else None)
        else:
            self._joint_letterhead(before)
        self.para("", first_chars=None)
        fs = FANGSONG
        if doc.signatories and len(doc.signatories) > 2:
            # 签发人 over two lines: a left tab for 签发人：, the second line's names start
            # under the first name (left indent)
            rows = ["　".join(doc.signatories[i:i + 2]) for i in range(0, len(doc.signatories), 2)]
            name_w = max(_approx_width_chars(r) for r in rows) * 16
            x_label = BODY_W_PT - 16 - 64 - name_w
            p = self.para("", first_chars=None, left=16)
            p.paragraph_format.tab_stops.add_tab_stop(Pt(x_label), WD_TAB_ALIGNMENT.LEFT)
            _set_font(p.add_run((doc.document_number or "") + "\t签发人："), fs, 16)
            _set_font(p.add_run(rows[0]), KAITI, 16)
            for r in rows[1:]:
                q = self.para("", first_chars=None, left=x_label + 64)
                _set_font(q.add_run(r), KAITI, 16)
        elif doc.signatories:
            p = self.para("", first_chars=None, left=16)
            p.paragraph_format.tab_stops.add_tab_stop(Pt(BODY_W_PT - 16 - 16),
                                                      WD_TAB_ALIGNMENT.RIGHT)
            _set_font(p.add_run((doc.document_number or "") + "\t签发人："), fs, 16)
            _set_font(p.add_run("　".join(doc.signatories[:2])), KAITI, 16)
            for i in range(2, len(doc.signatories), 2):
                q = self.para("", first_chars=None, align=WD_ALIGN_PARAGRAPH.RIGHT, right=16)
                _set_font(q.add_run("　".join(doc.signatories[i:i + 2])), KAITI, 16)
        elif doc.document_number:
            self.para(doc.document_number, fs, align=WD_ALIGN_PARAGRAPH.CENTER, first_chars=None)
        # the red rule: an empty paragraph with a red bottom border across the 版心
        rule = self.para("", first_chars=None, exact=4)
        _border(rule, "bottom", "FF0000", sz=12, space=0)
        self.para("", first_chars=None)

    def _joint_letterhead(self, before: float):
        doc = self.doc
        size = doc.style.get("mark_size", 30)
        p = self.para("", first_chars=None, exact=4, before=before - 4)
        t = self.d.add_table(rows=len(doc.issuer_names), cols=2)
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        longest = max(len(n) for n in doc.issuer_names)
        for i, name in enumerate(doc.issuer_names):
            cell = t.cell(i, 0)
            cp = cell.paragraphs[0]
            if doc.style.get("mark_spread") == "glyphs" and len(name) < longest:
                # letter-spaced with character spacing (w:spacing, twentieths of a point) on
                # all but the last glyph, instead of distributed alignment
                _pfmt(cp, align=WD_ALIGN_PARAGRAPH.LEFT, first_chars=None, exact=size * 1.25)
                extra = size * (longest - len(name)) / (len(name) - 1)
                _set_font(cp.add_run(name[:-1]), XBS, size, color=RED, spacing=round(extra * 20))
                _set_font(cp.add_run(name[-1]), XBS, size, color=RED)
                continue
            _pfmt(cp, align=WD_ALIGN_PARAGRAPH.DISTRIBUTE, first_chars=None, exact=size * 1.25)
            _set_font(cp.add_run(name), XBS, size, color=RED)
        right = t.cell(0, 1)
        if len(doc.issuer_names) > 1:
            right = right.merge(t.cell(len(doc.issuer_names) - 1, 1))
        rp = right.paragraphs[0]
        _pfmt(rp, align=WD_ALIGN_PARAGRAPH.LEFT, first_chars=None, exact=size * 1.6)
        _set_font(rp.add_run(doc.mark_suffix), XBS, size * 1.3, color=RED)
        tcpr = right._tc.get_or_add_tcPr()
        va = OxmlElement("w:vAlign")
        va.set(qn("w:val"), "center")
        tcpr.append(va)
        t.columns[0].width = Pt(size * longest + 12)
        t.columns[1].width = Pt(size * 1.3 * 2 + 20)
        for row in t.rows:
            row.cells[0].width = Pt(size * longest + 12)
            row.cells[1].width = Pt(size * 1.3 * 2 + 20)

    def title(self):
        if self.doc.order_layout:
            return
        p = self.para("", first_chars=None, align=WD_ALIGN_PARAGRAPH.CENTER, exact=33)
        for i, line in enumerate(self.doc.title_lines):
            r = p.add_run(line)
            _set_font(r, XBS, 22)
            if i < len(self.doc.title_lines) - 1:
                r.add_break()
        self.para("", first_chars=None)

    def block(self, b: Block):
        if b.kind == "heading":
            font = {1: HEITI, 2: KAITI}.get(b.level, FANGSONG)
            self.para(b.text, font, bold=(b.level == 3 and self.doc.style.get("bold_l3", False)))
        elif b.kind == "runin":
            head_len = len(b.number) + len(b.heading) + 1
            p = self.para("")
            font = {1: HEITI, 2: KAITI}.get(b.level, FANGSONG)
            _set_font(p.add_run(b.text[:head_len]), font, 16,
                      bold=(b.level == 3 and self.doc.style.get("bold_l3", False)))
            _set_font(p.add_run(b.text[head_len:]), FANGSONG, 16)
        elif b.kind == "flush":
            self.para(b.text, first_chars=None)
        elif b.kind == "chapter":
            self.para(b.text, HEITI, first_chars=None, align=WD_ALIGN_PARAGRAPH.CENTER)
        elif b.kind == "article":
            n = len(b.number)
            p = self.para("")
            _set_font(p.add_run(b.text[:n]), HEITI, 16)
            _set_font(p.add_run(b.text[n:]), FANGSONG, 16)
        elif b.kind == "table":
            self.table(b)
        else:
            self.para(b.text)

    def table(self, b: Block):
        """A ruled table (Table Grid); merged cells (``^`` above, ``<`` left) are merged
        (vMerge / gridSpan).  Form tables (with a ``|:`` options line) keep each row on one
        page (cantSplit) and, with ``repeat``, mark their head rows to repeat (tblHeader)."""
        rows = b.rows
        opts = b.opts
        size = opts.get("size", 12)
        ncol = len(rows[0])
        regions = table_regions(rows)
        t = self.d.add_table(rows=len(rows), cols=ncol)
        t.style = self.d.styles["Table Grid"]
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        if "widths" in opts:
            widths = [Pt(w * BODY_W_PT / sum(opts["widths"])) for w in opts["widths"]]
        else:
            nat = [min(max([_approx_width_chars(r[ci]) for ri, r in enumerate(rows)
                            if r[ci] not in SPANNED and regions[(ri, ci)][1] == 1] + [2]), 12) + 1
                   for ci in range(ncol)]
            minw = [max(_approx_width_chars(rows[0][ci] if regions.get((0, ci), (1, 2))[1] == 1
                                             else ""), 2) + 1 for ci in range(ncol)]
            widths = [Pt(w * 12) for w in table_widths(nat, minw, BODY_W_PT / 12)]
        t.autofit = False
        for ci, w in enumerate(widths):
            t.columns[ci].width = w   # w:gridCol, which LibreOffice follows
        for ri, r in enumerate(rows):
            for ci, text in enumerate(r):
                cell = t.cell(ri, ci)
                cell.width = widths[ci]
                if text in SPANNED:
                    continue
                cp = cell.paragraphs[0]
                _pfmt(cp, align=WD_ALIGN_PARAGRAPH.CENTER, first_chars=None,
                      exact=18 if size >= 12 else round(size * 1.4, 1))
                _set_font(cp.add_run(text), HEITI if b.bold_row(ri) else FANGSONG, size)
                if opts:   # form tables: cell lines off the page's 28.95 pt grid (compact rows)
                    snap = OxmlElement("w:snapToGrid")
                    snap.set(qn("w:val"), "0")
                    cp._element.get_or_add_pPr().find(qn("w:spacing")).addprevious(snap)
                tcpr = cell._tc.get_or_add_tcPr()
                va = OxmlElement("w:vAlign")
                va.set(qn("w:val"), "center")
                tcpr.append(va)
        if opts:
            for ri, row in enumerate(t.rows):
                trpr = row._tr.get_or_add_trPr()
                trpr.append(OxmlElement("w:cantSplit"))
                if opts.get("repeat") and ri < b.head_rows:
                    trpr.append(OxmlElement("w:tblHeader"))
        for (ri, ci), (nr, nc) in regions.items():
            if nr > 1 or nc > 1:
                t.cell(ri, ci).merge(t.cell(ri + nr - 1, ci + nc - 1))
        self.para("", first_chars=None, exact=12)

    def attachment_note(self):
        lines = self.doc.attachment_note_lines
        if not lines:
            return
        self.para("", first_chars=None)
        for i, l in enumerate(lines):
            if i == 0:
                self.para(l, left=32 + 48, hanging=48)
            else:
                self.para(l, left=32 + 48, first_chars=None)

    def signature(self):
        doc = self.doc
        self.para("", first_chars=None)
        dw = _approx_width_chars(doc.date_raw)
        for n in doc.signature_issuers:
            ri = 4 + (dw - len(n)) / 2
            self.para(n, align=WD_ALIGN_PARAGRAPH.RIGHT, first_chars=None, right=16 * ri)
        if doc.signer:
            ri = 4 + (dw - _approx_width_chars(doc.signer)) / 2
            self.para(doc.signer, align=WD_ALIGN_PARAGRAPH.RIGHT, first_chars=None, right=16 * ri)
        self.para(doc.date_raw, align=WD_ALIGN_PARAGRAPH.RIGHT, first_chars=None, right=64)
        if doc.note:
            self.para(doc.note)

    def attachments(self):
        for a in self.doc.attachments:
            p = self.para("", first_chars=None)
            p.add_run().add_break(WD_BREAK.PAGE)
            if a.label:
                self.para(a.label, HEITI, first_chars=None)
                self.para("", first_chars=None)
            p = self.para("", first_chars=None, align=WD_ALIGN_PARAGRAPH.CENTER, exact=33)
            for j, line in enumerate(a.title_lines):
                r = p.add_run(line)
                _set_font(r, XBS, 22)
                if j < len(a.title_lines) - 1:
                    r.add_break()
            self.para("", first_chars=None)
            for b in a.blocks:
                self.block(b)

    def imprint(self):
        doc = self.doc
        if not (doc.copied_to_line or doc.printed_line):
            return
        rows = (1 if doc.copied_to_line else 0) + (1 if doc.printed_line else 0)
        # blank lines push the 版记 down to the bottom of the last page (measured by a
        # first LibreOffice pass in build.py)
        for _ in range(self.imprint_spacer):
            self.para("", first_chars=None)
        t = self.d.add_table(rows=rows, cols=1)
        tbl = t._tbl
        tblpr = tbl.tblPr
        tw = OxmlElement("w:tblW")
        tw.set(qn("w:w"), str(int(156 * 56.6929)))
        tw.set(qn("w:type"), "dxa")
        old = tblpr.find(qn("w:tblW"))
        if old is not None:
            tblpr.remove(old)
        look = tblpr.find(qn("w:tblLook"))
        look.addprevious(tw)
        borders = OxmlElement("w:tblBorders")
        for side, sz in (("top", 8), ("bottom", 8), ("insideH", 4)):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), str(sz))
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
            borders.append(el)
        for side in ("left", "right", "insideV"):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:val"), "nil")
            borders.append(el)
        look.addprevious(borders)
        t.columns[0].width = Mm(156)
        i = 0
        if doc.copied_to_line:
            p = t.cell(i, 0).paragraphs[0]
            _pfmt(p, first_chars=None, left=14, right=14, exact=28.95, hanging=42)
            p.paragraph_format.left_indent = Pt(14 + 42)
            _set_font(p.add_run(doc.copied_to_line), FANGSONG, 14)
            i += 1
        if doc.printed_line:
            by, on = doc.printed_line
            p = t.cell(i, 0).paragraphs[0]
            _pfmt(p, first_chars=None, left=14, right=14, exact=28.95)
            p.paragraph_format.tab_stops.add_tab_stop(Mm(156) - Pt(28), WD_TAB_ALIGNMENT.RIGHT)
            _set_font(p.add_run(by + "\t" + on), FANGSONG, 14)
        # a document must not end with a table: add a tiny closing paragraph
        end = self.d.add_paragraph()
        _pfmt(end, first_chars=None, exact=1)

    def render(self) -> Document:
        doc = self.doc
        if not doc.plain_layout:   # a plain report opens with its title
            self.letterhead()
        self.title()
        if doc.addressees_line:
            self.para(doc.addressees_line, first_chars=None)
        for b in doc.blocks:
            self.block(b)
        self.attachment_note()
        self.signature()
        self.attachments()
        self.imprint()
        return self.d


def render_docx(doc: Doc, path: Path, imprint_spacer: int = 0) -> None:
    """Write the .docx with fixed metadata and fixed zip timestamps (reproducible)."""
    d = DocxWriter(doc, imprint_spacer).render()
    buf = io.BytesIO()
    d.save(buf)
    buf.seek(0)
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zi = zipfile.ZipInfo(item.filename, date_time=(2024, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)
