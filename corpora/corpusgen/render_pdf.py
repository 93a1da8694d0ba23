"""PDF producer 1: pages drawn by hand with reportlab's canvas, GB/T 9704 geometry.

Fonts are embedded TrueType subsets from Debian's CJK font packages (AR PL UMing for
仿宋/宋体/小标宋, AR PL UKai for 楷体, WenQuanYi Zen Hei for 黑体).  Coordinates below are
measured from the top of the page (``top``) and converted to reportlab's bottom-up
system only when drawing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import CMYKColor, Color
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from .source import SPANNED, Block, Doc, table_regions

MM = 72 / 25.4
PAGE_W, PAGE_H = 595.28, 841.89
LEFT = 28 * MM
TOP = 37 * MM
BODY_W = 156 * MM
BODY_H = 225 * MM
BOTTOM = TOP + BODY_H            # 版心 bottom, from page top
RIGHT = LEFT + BODY_W
PITCH = 28.95                    # fixed line pitch (22 lines per 版心)
SIZE = 16                        # 3号
CHAR = SIZE                      # one 字 (indent unit)

FONT_FILES = {
    "FS": ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),      # 仿宋 / 宋体 stand-in
    "KT": ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),       # 楷体 stand-in
    "HT": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),    # 黑体 stand-in
}
_registered = False


def register_fonts() -> None:
    global _registered
    if _registered:
        return
    for name, (path, idx) in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, path, subfontIndex=idx))
    _registered = True


def has_glyph(font: str, ch: str) -> bool:
    register_fonts()
    return ord(ch) in pdfmetrics.getFont(font).face.charToGlyph


NO_START = set("，。、；：？！）》」』”’%％．…·,.;:?!)]}")
NO_END = set("（《「『“‘([{")
RED_RGB = Color(1, 0, 0)
RED_CMYK = CMYKColor(0, 1, 1, 0)


@dataclass
class Seg:
    text: str
    font: str
    size: float = SIZE
    bold: str | None = None   # None | "stroke" | "double"


def tokens(segs: list[Seg]):
    """Split styled text into breakable tokens (Latin/digit runs stay together)."""
    out = []
    for s in segs:
        buf = ""
        for ch in s.text:
            if ch.isascii() and (ch.isalnum() or ch in ".%-/"):
                buf += ch
                continue
            if buf:
                out.append((buf, s))
                buf = ""
            out.append((ch, s))
        if buf:
            out.append((buf, s))
    return out


def width(text: str, seg: Seg) -> float:
    return pdfmetrics.stringWidth(text, seg.font, seg.size)


def break_lines(segs: list[Seg], first_width: float, width_rest: float):
    """Greedy CJK line breaking with simple 避头尾 rules.

    Returns a list of lines; each line is a list of (text, seg) tokens.
    """
    toks = tokens(segs)
    lines, cur, cur_w = [], [], 0.0
    avail = first_width
    i = 0
    while i < len(toks):
        t, s = toks[i]
        w = width(t, s)
        if cur and cur_w + w > avail + 0.01:
            # the token does not fit: apply 避头尾 before breaking
            if t[0] in NO_START and len(cur) > 2:
                # push the last token down with the punctuation (and any run of
                # punctuation before it)
                while True:
                    back = cur.pop()
                    cur_w -= width(*back)
                    i -= 1
                    if back[0][0] not in NO_START or len(cur) <= 2:
                        break
            while len(cur) > 2 and cur[-1][0][-1] in NO_END:
                cur.pop()
                i -= 1
            lines.append(cur)
            cur, cur_w, avail = [], 0.0, width_rest
            continue
        cur.append((t, s))
        cur_w += w
        i += 1
    if cur:
        lines.append(cur)
    return lines


def table_widths(nat: list[float], minw: list[float], total: float) -> list[float]:
    """Column widths filling ``total``: natural widths scaled up, or, when they do not fit,
    each column's minimum plus a share of what is left in proportion to its excess."""
    if sum(nat) <= total:
        return [w * total / sum(nat) for w in nat]
    excess = [max(0.0, n - m) for n, m in zip(nat, minw)]
    room = total - sum(minw)
    return [m + e * room / sum(excess) for m, e in zip(minw, excess)]


class Writer:
    def __init__(self, doc: Doc, path: Path):
        register_fonts()
        self.doc = doc
        st = doc.style
        self.red = RED_CMYK if st.get("red") == "cmyk" else RED_RGB
        self.bold_mode = st.get("bold", "none")
        self.c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1,
                               pageCompression=1)
        self.c.setTitle(doc.title)
        self.c.setAuthor(doc.issuers[0])
        self.c.setSubject(doc.doc_type)
        self.c.setCreator("govdoc-parser corpora/build.py (reportlab canvas)")
        self.page = 1
        self.y = TOP          # top of the next line slot, from the page top

    # -- primitives ---------------------------------------------------------------
    def baseline(self, slot_top: float, size: float = SIZE, pitch: float = PITCH) -> float:
        return slot_top + pitch / 2 + size * 0.36

    def draw_text(self, x: float, base_top: float, text: str, seg: Seg,
                  char_space: float = 0.0, color=None, hscale: float = 100.0) -> float:
        """Draw text with baseline at ``base_top`` (from page top); return the advance."""
        c = self.c
        c.saveState()
        if color is not None:
            c.setFillColor(color)
            c.setStrokeColor(color)
        passes = [(0.0, 0)]
        if seg.bold == "double":
            passes = [(0.0, 0), (0.3, 0)]
        for dx, mode in passes:
            t = c.beginText()
            t.setTextOrigin(x + dx, PAGE_H - base_top)
            t.setFont(seg.font, seg.size)
            if char_space:
                t.setCharSpace(char_space)
            if hscale != 100.0:
                t.setHorizScale(hscale)
            if seg.bold == "stroke":
                c.setLineWidth(seg.size * 0.03)
                t.setTextRenderMode(2)
            t.textOut(text)
            c.drawText(t)
        c.restoreState()
        n = len(text)
        return (width(text, seg) + n * char_space) * hscale / 100.0

    def new_page(self):
        self.footer()
        self.c.showPage()
        self.page += 1
        self.y = TOP

    def footer(self):
        label = f"— {self.page} —"
        seg = Seg(label, "FS", 14)
        w = width(label, seg)
        base = BOTTOM + 7 * MM + 12
        x = RIGHT - 14 - w if self.page % 2 else LEFT + 14
        self.draw_text(x, base, label, seg)

    def ensure_room(self, pitch: float = PITCH):
        if self.y + pitch > BOTTOM + 0.5:
            self.new_page()

    def skip(self, n: float = 1):
        self.y += n * PITCH
        if self.y > BOTTOM:
            self.new_page()

    # -- paragraphs -----------------------------------------------------------------
    def paragraph(self, segs: list[Seg], indent: float = 2 * CHAR, hang: float = 0.0,
                  justify: bool = True, align: str = "left", right_indent: float = 0.0):
        avail_first = BODY_W - indent - right_indent
        avail_rest = BODY_W - hang - right_indent
        lines = break_lines(segs, avail_first, avail_rest)
        for li, line in enumerate(lines):
            self.ensure_room()
            x0 = LEFT + (indent if li == 0 else hang)
            avail = avail_first if li == 0 else avail_rest
            nat = sum(width(t, s) for t, s in line)
            n_chars = sum(len(t) for t, _ in line)
            cs = 0.0
            last = li == len(lines) - 1
            if justify and not last and n_chars > 1:
                cs = max(0.0, (avail - nat) / (n_chars - 1))
                if cs > 4:  # a short line forced by 避头尾: do not stretch absurdly
                    cs = 0.0
            if align == "center":
                x0 = LEFT + (BODY_W - nat) / 2
            elif align == "right":
                x0 = RIGHT - right_indent - nat
            base = self.baseline(self.y)
            x = x0
            # merge consecutive tokens of the same style into one text run
            runs: list[tuple[str, Seg]] = []
            for t, s in line:
                if runs and runs[-1][1] is s:
                    runs[-1] = (runs[-1][0] + t, s)
                else:
                    runs.append((t, s))
            for t, s in runs:
                x += self.draw_text(x, base, t, s, char_space=cs)
            self.y += PITCH

    def block(self, b: Block):
        fs = Seg("", "FS")
        if b.kind == "heading":
            font = {1: "HT", 2: "KT"}.get(b.level, "FS")
            bold = self.bold_mode if b.level == 1 and self.bold_mode != "none" else None
            self.paragraph([Seg(b.text, font, bold=bold)], justify=True)
        elif b.kind == "runin":
            head_len = len(b.number) + len(b.heading) + 1   # through the first 。
            font = {1: "HT", 2: "KT"}.get(b.level, "FS")
            bold = None
            if b.level == 3 and self.doc.style.get("bold_l3"):
                bold = self.bold_mode
            self.paragraph([Seg(b.text[:head_len], font, bold=bold), Seg(b.text[head_len:], "FS")])
        elif b.kind == "flush":
            self.paragraph([Seg(b.text, "FS")], indent=0)
        elif b.kind == "chapter":
            # 第一章　总则: centred 黑体, half a line of space above
            self.y += PITCH * 0.5
            self.paragraph([Seg(b.text, "HT")], indent=0, justify=False, align="center")
        elif b.kind == "article":
            n = len(b.number)
            self.paragraph([Seg(b.text[:n], "HT"), Seg(b.text[n:], "FS")])
        elif b.kind == "table":
            self.table(b)
        else:
            self.paragraph([Seg(b.text, "FS")])

    def table(self, b: Block):
        """A ruled table across the 版心: head rows in 黑体, cells centred, merged cells
        (``^`` rowspan, ``<`` colspan) drawn as one box.

        A table with the ``split`` option runs on over page breaks between rows (a merged
        cell cut by the break is drawn on both pages, its text lines where they fall); with
        ``repeat`` its head rows are drawn again at the top of the next page.
        """
        rows = b.rows
        opts = b.opts
        size = opts.get("size", 12)
        pad = 4 if size >= 12 else 3
        lead = 17 if size >= 12 else round(size * 1.35, 2)
        ncol, nrow = len(rows[0]), len(rows)
        regions = table_regions(rows)
        font = ["HT" if b.bold_row(ri) else "FS" for ri in range(nrow)]
        if "widths" in opts:
            colw = [w * BODY_W / sum(opts["widths"]) for w in opts["widths"]]
        else:
            nat, minw = [], []
            for ci in range(ncol):
                ws = [width(r[ci], Seg("", font[ri], size)) for ri, r in enumerate(rows)
                      if r[ci] not in SPANNED and regions[(ri, ci)][1] == 1]
                nat.append(min(max(ws + [2 * size]), 12 * size) + 2 * pad)
                head = rows[0][ci] if regions.get((0, ci), (1, 2))[1] == 1 else ""
                minw.append(max(width(head, Seg("", font[0], size)), 2 * size) + 2 * pad)
            colw = table_widths(nat, minw, BODY_W)
        col_x = [LEFT]
        for w in colw:
            col_x.append(col_x[-1] + w)
        lines = {}
        for (ri, ci), (nr, nc) in regions.items():
            cw = (colw[ci] if nc == 1 else col_x[ci + nc] - col_x[ci]) - 2 * pad
            seg = Seg(rows[ri][ci], font[ri], size)
            lines[(ri, ci)] = ["".join(t for t, _ in l) for l in break_lines([seg], cw, cw)]
        heights = []
        for ri in range(nrow):
            need = [len(lines[(ri, ci)]) for ci in range(ncol)
                    if (ri, ci) in regions and regions[(ri, ci)][0] == 1]
            heights.append(max(need + [1]) * lead + 2 * pad)
        for (ri, ci), (nr, nc) in regions.items():   # a tall merged cell stretches its last row
            short = len(lines[(ri, ci)]) * lead + 2 * pad - sum(heights[ri:ri + nr])
            if nr > 1 and short > 0:
                heights[ri + nr - 1] += short
        # rows on each page
        if not opts.get("split"):
            if sum(heights) > BODY_H:
                raise ValueError("table taller than a page")
            if self.y + sum(heights) > BOTTOM:
                self.new_page()
            pages = [list(range(nrow))]
        else:
            head = b.head_rows
            if self.y + 4 + sum(heights[:min(nrow, head + 2)]) > BOTTOM:
                self.new_page()
            pages, cur, cur_h = [], [], 0.0
            avail = BOTTOM - (self.y + 4)
            for ri in range(nrow):
                if cur and ri >= head and cur_h + heights[ri] > avail:
                    pages.append(cur)
                    avail = BODY_H - 4
                    cur = list(range(head)) if opts.get("repeat") else []
                    cur_h = sum(heights[:head]) if opts.get("repeat") else 0.0
                cur.append(ri)
                cur_h += heights[ri]
            pages.append(cur)
        vtop = [0.0]
        for h in heights:
            vtop.append(vtop[-1] + h)
        c = self.c
        for pi, prow in enumerate(pages):
            if pi:
                self.new_page()
            top = self.y + 4
            pos = {}
            y = top
            for ri in prow:
                pos[ri] = y
                y += heights[ri]
            bottom = y
            c.saveState()
            c.setStrokeColor(Color(0, 0, 0))
            c.setLineWidth(0.75)
            for (ri, ci), (nr, nc) in regions.items():
                here = [r for r in range(ri, ri + nr) if r in pos]
                if not here:
                    continue
                x0, x1 = col_x[ci], col_x[ci + nc]
                y0 = pos[here[0]]
                y1 = pos[here[-1]] + heights[here[-1]]
                c.line(x0, PAGE_H - y0, x1, PAGE_H - y0)          # top
                c.line(x0, PAGE_H - y0, x0, PAGE_H - y1)          # left
                txt = lines[(ri, ci)]
                seg = Seg("", font[ri], size)
                if len(here) == nr:
                    ty = (y0 + y1) / 2 - len(txt) * lead / 2
                    spots = [ty + k * lead + lead / 2 for k in range(len(txt))]
                else:   # cut by the page break: lines placed as in the whole cell
                    tv = (vtop[ri] + vtop[ri + nr]) / 2 - len(txt) * lead / 2
                    spots = []
                    for k in range(len(txt)):
                        v = tv + k * lead + lead / 2
                        r = next((r for r in range(ri, ri + nr) if v < vtop[r + 1]), ri + nr - 1)
                        spots.append(pos[r] + v - vtop[r] if r in pos else None)
                for t, sy in zip(txt, spots):
                    if sy is None:
                        continue
                    w = width(t, seg)
                    self.draw_text((x0 + x1 - w) / 2, sy + size * 0.36, t,
                                   Seg(t, seg.font, size))
            c.line(col_x[-1], PAGE_H - top, col_x[-1], PAGE_H - bottom)   # right
            c.line(col_x[0], PAGE_H - bottom, col_x[-1], PAGE_H - bottom)  # bottom
            c.restoreState()
            self.y = bottom
        self.y = self.y + 4 + PITCH * 0.3

    # -- document zones -------------------------------------------------------------
    def letterhead(self):
        doc = self.doc
        c = self.c
        y = TOP
        for k in ("copy_number", "classification", "urgency"):
            v = getattr(doc, k)
            if v:
                self.draw_text(LEFT, self.baseline(y), v,
                               Seg(v, "HT" if k != "copy_number" else "FS"))
                y += PITCH
        if doc.order_layout:
            return self.order_letterhead(y)
        size = doc.style.get("mark_size", 42 if len(doc.issuer_names) == 1 else 30)
        mark_top = TOP + 35 * MM
        mseg = Seg("", "FS", size, bold="stroke")
        if len(doc.issuer_names) == 1:
            text = doc.issuer_mark
            w = width(text, mseg)
            hscale = min(100.0, BODY_W * 0.92 / w * 100)
            w *= hscale / 100
            self.draw_text(LEFT + (BODY_W - w) / 2, mark_top + size * 0.86, text,
                           Seg(text, "FS", size, bold="stroke"), color=self.red, hscale=hscale)
            mark_bottom = mark_top + size
        else:
            names = doc.issuer_names
            suffix = doc.mark_suffix
            gap = size * 0.35
            wn = max(width(n, mseg) for n in names)
            ws = width(suffix, mseg) if suffix else 0
            total = wn + (size * 0.6 + ws if suffix else 0)
            hscale = min(100.0, BODY_W * 0.92 / total * 100)
            x0 = LEFT + (BODY_W - total * hscale / 100) / 2
            for i, n in enumerate(names):
                top_i = mark_top + i * (size + gap)
                # names are spread to the same width (distributed alignment)
                cs = (wn - width(n, mseg)) / max(1, len(n) - 1)
                if doc.style.get("mark_spread") == "glyphs":
                    # letter-spaced by hand: every glyph its own text object, wide gaps
                    x = x0
                    for ch in n:
                        adv = self.draw_text(x, top_i + size * 0.86, ch,
                                             Seg(ch, "FS", size, bold="stroke"),
                                             color=self.red, hscale=hscale)
                        x += adv + cs * hscale / 100
                    continue
                self.draw_text(x0, top_i + size * 0.86, n, Seg(n, "FS", size, bold="stroke"),
                               char_space=cs, color=self.red, hscale=hscale)
            stack_h = len(names) * size + (len(names) - 1) * gap
            if suffix:
                ssize = size * 1.3
                xs = x0 + (wn + size * 0.6) * hscale / 100
                self.draw_text(xs, mark_top + stack_h / 2 + ssize * 0.34, suffix,
                               Seg(suffix, "FS", ssize, bold="stroke"), color=self.red,
                               hscale=hscale)
            mark_bottom = mark_top + stack_h
        # 发文字号 (and 签发人) two lines below the mark
        slot = mark_bottom + 2 * PITCH - 8
        base = self.baseline(slot)
        fs = Seg("", "FS")
        if doc.signatories:
            if doc.document_number:
                self.draw_text(LEFT + CHAR, base, doc.document_number, fs)
            label = "签发人："
            names = doc.signatories
            # two names per line, right side, one character in from the right edge
            rows = [names[i:i + 2] for i in range(0, len(names), 2)]
            name_w = max(width("　".join(r), Seg("", "KT")) for r in rows)
            x_label = RIGHT - CHAR - name_w - width(label, fs)
            spread = doc.style.get("signatory_spread")
            if spread:
                # names drawn glyph by glyph: a two-character name spread over three
                # characters, names a full character apart (as typed with spaces)
                name_w = max(sum(max(len(n), 3) for n in r) * CHAR + (len(r) - 1) * CHAR
                             for r in rows)
                x_label = RIGHT - CHAR - name_w - width(label, fs)
            for ri, r in enumerate(rows):
                b = base + ri * PITCH
                if ri == 0:
                    self.draw_text(x_label, b, label, fs)
                if spread:
                    x = x_label + width(label, fs)
                    for n in r:
                        step = CHAR * 2 if len(n) == 2 else CHAR
                        for ch in n:
                            self.draw_text(x, b, ch, Seg(ch, "KT"))
                            x += step
                        x += CHAR - (step - CHAR)
                    continue
                self.draw_text(x_label + width(label, fs), b, "　".join(r), Seg("", "KT"))
            base += (len(rows) - 1) * PITCH
        elif doc.document_number:
            w = width(doc.document_number, fs)
            self.draw_text(LEFT + (BODY_W - w) / 2, base, doc.document_number, fs)
        # red rule 4 mm below the 发文字号
        rule_y = base + 3 + 4 * MM
        c.saveState()
        c.setStrokeColor(self.red)
        c.setFillColor(self.red)
        thick = self.doc.style.get("rule_width", 1.0)
        if doc.style.get("star"):
            star_r = 9
            mid = LEFT + BODY_W / 2
            c.setLineWidth(thick)
            c.line(LEFT, PAGE_H - rule_y, mid - star_r - 4, PAGE_H - rule_y)
            c.line(mid + star_r + 4, PAGE_H - rule_y, RIGHT, PAGE_H - rule_y)
            self._star(mid, rule_y, star_r)
        elif doc.style.get("rule") == "rect":
            c.rect(LEFT, PAGE_H - rule_y - thick / 2, BODY_W, thick, stroke=0, fill=1)
        else:
            c.setLineWidth(thick)
            c.line(LEFT, PAGE_H - rule_y, RIGHT, PAGE_H - rule_y)
        c.restoreState()
        self.y = rule_y + 2 * PITCH - PITCH / 2

    def order_letterhead(self, y: float):
        """命令/公告 layout: red `organ + 公告` 20 mm below the 版心 top, 第N号 two lines
        below it, the body two lines below the number; no red rule, no other title."""
        doc = self.doc
        size = doc.style.get("mark_size", 42)
        mark_top = TOP + 20 * MM
        text = doc.issuer_mark
        seg = Seg(text, "FS", size, bold="stroke")
        w = width(text, seg)
        hscale = min(100.0, BODY_W * 0.92 / w * 100)
        w *= hscale / 100
        self.draw_text(LEFT + (BODY_W - w) / 2, mark_top + size * 0.86, text, seg,
                       color=self.red, hscale=hscale)
        slot = mark_top + size + 2 * PITCH - 8
        fs = Seg("", "FS")
        if doc.document_number:
            dn = doc.document_number
            self.draw_text(LEFT + (BODY_W - width(dn, fs)) / 2, self.baseline(slot), dn, fs)
        self.y = slot + 3 * PITCH

    def _star(self, cx: float, cy_top: float, r: float):
        import math
        pts = []
        for k in range(10):
            ang = math.pi / 2 + k * math.pi / 5
            rr = r if k % 2 == 0 else r * 0.382
            pts.append((cx + rr * math.cos(ang), PAGE_H - cy_top + rr * math.sin(ang) - r * 0.1))
        p = self.c.beginPath()
        p.moveTo(*pts[0])
        for q in pts[1:]:
            p.lineTo(*q)
        p.close()
        self.c.drawPath(p, stroke=0, fill=1)

    def title(self):
        if self.doc.order_layout:
            return
        tp = 22 * 1.45
        for line in self.doc.title_lines:
            seg = Seg(line, "FS", 22, bold="stroke")
            w = width(line, seg)
            self.draw_text(LEFT + (BODY_W - w) / 2, self.y + tp / 2 + 22 * 0.36, line, seg)
            self.y += tp
        self.y += PITCH * (0.9 if self.doc.plain_layout else 0.4)

    def signature(self):
        doc = self.doc
        fs = Seg("", "FS")
        self.skip(1)
        names = list(doc.signature_issuers) + ([doc.signer] if doc.signer else [])
        need = (len(names) + 1 + (1 if doc.note else 0)) * PITCH
        if doc.style.get("seal"):
            need += PITCH
        if self.y + need > BOTTOM:
            self.new_page()
        if doc.style.get("seal"):
            self.y += PITCH * 0.6
        date_w = width(doc.date_raw, fs)
        date_x = RIGHT - 4 * CHAR - date_w
        cx = date_x + date_w / 2
        first = self.y
        for n in names:
            w = width(n, fs)
            self.draw_text(cx - w / 2, self.baseline(self.y), n, fs)
            self.y += PITCH
        self.draw_text(date_x, self.baseline(self.y), doc.date_raw, fs)
        self.y += PITCH
        if doc.style.get("seal"):
            c = self.c
            c.saveState()
            c.setStrokeColor(self.red)
            c.setFillColor(self.red)
            c.setLineWidth(2.2)
            cy = (first + self.y) / 2 - 6
            c.circle(cx, PAGE_H - cy, 42, stroke=1, fill=0)
            self._star(cx, cy - 2, 12)
            c.restoreState()
        if doc.note:
            self.paragraph([Seg(doc.note, "FS")], justify=False)

    def attachment_note(self):
        doc = self.doc
        if not doc.attachment_note_lines:
            return
        self.skip(1)
        fs = Seg("", "FS")
        lines = doc.attachment_note_lines
        lab = width("附件：", fs)
        for i, l in enumerate(lines):
            if i == 0:
                self.paragraph([Seg(l, "FS")], indent=2 * CHAR, hang=2 * CHAR + lab + 8,
                               justify=False)
            else:
                self.paragraph([Seg(l, "FS")], indent=2 * CHAR + lab,
                               hang=2 * CHAR + lab + 8, justify=False)

    def attachments(self):
        doc = self.doc
        for a in doc.attachments:
            self.new_page()
            if a.label:
                self.draw_text(LEFT, self.baseline(self.y), a.label, Seg(a.label, "HT"))
                self.y += 2 * PITCH
            self.title_lines(a.title_lines)
            self.y += PITCH * 0.5
            for b in a.blocks:
                self.block(b)

    def title_lines(self, lines):
        tp = 22 * 1.45
        for line in lines:
            seg = Seg(line, "FS", 22, bold="stroke")
            w = width(line, seg)
            self.draw_text(LEFT + (BODY_W - w) / 2, self.y + tp / 2 + 22 * 0.36, line, seg)
            self.y += tp

    def imprint(self):
        doc = self.doc
        if not (doc.copied_to_line or doc.printed_line):
            return
        s14 = Seg("", "FS", 14)
        rows: list[list[tuple[str, Seg]]] = []
        if doc.copied_to_line:
            lab = width("抄送：", s14)
            lines = break_lines([Seg(doc.copied_to_line, "FS", 14)], BODY_W - 28, BODY_W - 28 - lab)
            rows_cc = ["".join(t for t, _ in l) for l in lines]
        else:
            rows_cc = []
        n_rows = len(rows_cc) + (1 if doc.printed_line else 0)
        height = n_rows * PITCH + 4
        if self.y + height + PITCH * 0.5 > BOTTOM:
            self.new_page()
        c = self.c
        top = BOTTOM - height
        c.saveState()
        c.setStrokeColor(Color(0, 0, 0))
        c.setLineWidth(1.0)
        c.line(LEFT, PAGE_H - top, RIGHT, PAGE_H - top)
        y = top + 2
        for i, r in enumerate(rows_cc):
            x = LEFT + 14 + (0 if i == 0 else width("抄送：", s14))
            self.draw_text(x, y + PITCH / 2 + 14 * 0.36, r, Seg(r, "FS", 14))
            y += PITCH
        if doc.printed_line:
            if rows_cc:
                c.setLineWidth(0.7)
                c.line(LEFT, PAGE_H - y, RIGHT, PAGE_H - y)
            by, on = doc.printed_line
            b = y + PITCH / 2 + 14 * 0.36
            self.draw_text(LEFT + 14, b, by, Seg(by, "FS", 14))
            w = width(on, s14)
            self.draw_text(RIGHT - 14 - w, b, on, Seg(on, "FS", 14))
        c.setLineWidth(1.0)
        c.line(LEFT, PAGE_H - BOTTOM, RIGHT, PAGE_H - BOTTOM)
        c.restoreState()

    def render(self) -> int:
        doc = self.doc
        if not doc.plain_layout:   # a plain report opens with its title
            self.letterhead()
        self.title()
        if doc.addressees_line:
            self.paragraph([Seg(doc.addressees_line, "FS")], indent=0, justify=True)
        for b in doc.blocks:
            self.block(b)
        self.attachment_note()
        self.signature()
        self.attachments()
        self.imprint()
        self.footer()
        self.c.showPage()
        self.c.save()
        return self.page


def render_pdf(doc: Doc, path: Path) -> int:
    """Write the PDF; return the number of pages."""
    return Writer(doc, path).render()
