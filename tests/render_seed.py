"""Render the seed report (a plain-text 公文 in ../shared/seeds) as a GB/T 9704-style PDF.

Used by tests/test_seed_rendered.py.  Everything is written at test time into a temporary
folder; no text of the real document is stored in the repository.

Producers:

* ``render_reportlab``: pages drawn with reportlab's canvas and an embedded TrueType CJK
  font found with fontconfig;
* ``render_docx`` + ``soffice_pdf``: a Word document built with python-docx, converted by
  LibreOffice (``soffice --headless --convert-to pdf``);
* ``render_html`` + ``chromium_pdf``: an HTML page printed by headless Chromium.

The 上行文 header line: 发文字号 one character in from the left, ``签发人：`` and the names
one character in from the right, on the same line.  How the names are separated is the
``names`` argument of each producer (see ``NAME_MODES``).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

MM = 72 / 25.4
PAGE_W, PAGE_H = 595.28, 841.89       # A4
LEFT = 28 * MM                        # 版心: 156 mm × 225 mm, 37 mm from the top, 28 mm from the left
TOP = 37 * MM
BODY_W = 156 * MM
BODY_H = 225 * MM
RIGHT = LEFT + BODY_W
BOTTOM = TOP + BODY_H
PITCH = 28.95                         # 22 lines per 版心
SIZE = 16                             # 3号
CHAR = SIZE                           # one 字
TITLE_SIZE = 22                       # 2号
IMPRINT_SIZE = 14                     # 4号

# how the 签发人 names are separated, per producer
NAME_MODES = {
    "reportlab": ("space", "spaces", "ideographic", "gap"),
    "libreoffice": ("space", "tab"),
    "chromium": ("space", "gap"),
}
SEPARATORS = {"space": " ", "spaces": "  ", "ideographic": "\u3000", "tab": "\t", "gap": ""}


# -- the seed text -----------------------------------------------------------------------------
@dataclass
class Seed:
    mark: str
    document_number: str
    signatory_label: str
    signatories: list[str]
    title_lines: list[str]
    addressee: str
    blocks: list[tuple[str, str]] = field(default_factory=list)   # ("heading" | "para", text)
    date: str = ""
    imprint_by: str = ""
    imprint_on: str = ""


_DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
_NUMBER = re.compile(r"〔\d{4}〕\d+号$")
_CLOSED = tuple("。；：！？”）》")


def _strip_md(line: str) -> str:
    return line.lstrip("#").strip().strip("*").strip()


def _cjk_spaces(text: str) -> str:
    """Drop the spaces a PDF-to-text step put between CJK and Latin/digits (关于 2021 年度)."""
    return re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])\s+(?=[\u4e00-\u9fff])", "", text)


def load_seed(path: Path) -> Seed:
    """The parts of the seed text, read by its layout (``#`` marks, the 〔〕 number, the
    ``签发人`` line, the addressee's ``：``, the date line, ``…印发``)."""
    lines = [l.strip() for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    it = iter(lines)
    mark = _strip_md(next(l for l in it if l.startswith("#")))
    number = next(l for l in it if _NUMBER.search(l))
    sig = next(l for l in it if l.startswith("签发人"))
    label, _, names = sig.partition("：")
    title = _strip_md(next(l for l in it if l.startswith("#")))
    addressee = next(it)
    if not addressee.endswith("："):
        raise ValueError(f"no addressee line after the title: {addressee!r}")
    # the title: organs on the first line, from 关于 on the second
    k = title.find("关于")
    title_lines = [title[:k].strip(), _cjk_spaces(title[k:])] if k > 0 else [_cjk_spaces(title)]
    seed = Seed(mark=mark, document_number=number, signatory_label=label + "：",
                signatories=names.split(), title_lines=title_lines, addressee=addressee)
    rest = list(it)
    di = next(i for i, l in enumerate(rest) if _DATE.match(l))
    for l in rest[:di]:
        if l.startswith("#"):
            seed.blocks.append(("heading", _strip_md(l)))
        elif seed.blocks and seed.blocks[-1][0] == "para" and not seed.blocks[-1][1].endswith(_CLOSED):
            # a paragraph the text split at a page break: whole again
            seed.blocks[-1] = ("para", seed.blocks[-1][1] + l)
        else:
            seed.blocks.append(("para", l))
    seed.date = rest[di]
    for l in rest[di + 1:]:
        if l.endswith("印发"):
            seed.imprint_on = l
        elif not seed.imprint_by:
            seed.imprint_by = l
    return seed


# -- fonts -------------------------------------------------------------------------------------
@dataclass
class CjkFont:
    path: str
    index: int
    family: str


def cjk_fonts() -> list[CjkFont]:
    """Installed TrueType-outline fonts covering Chinese (fontconfig ``:lang=zh``).

    CFF-based OpenType fonts (Noto CJK) are left out: reportlab cannot embed them.
    """
    if shutil.which("fc-list") is None:
        return []
    out = subprocess.run(["fc-list", "-f", r"%{file}|%{index}|%{family}|%{fontformat}\n", ":lang=zh"],
                         capture_output=True, text=True).stdout
    fonts = []
    for row in sorted(set(out.splitlines())):
        parts = row.split("|")
        if len(parts) != 4 or parts[3] != "TrueType" or not parts[0].lower().endswith((".ttf", ".ttc")):
            continue
        fonts.append(CjkFont(parts[0], int(parts[1] or 0), parts[2].split(",")[0]))
    return fonts


def any_cjk_font() -> bool:
    """Whether fontconfig knows any font covering Chinese (what LibreOffice and Chromium use)."""
    if shutil.which("fc-list") is None:
        return False
    out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True).stdout
    return bool(out.strip())


def _pick(fonts: list[CjkFont], words: tuple[str, ...]) -> CjkFont | None:
    def rank(f: CjkFont):
        simplified = "CN" in f.family or not re.search(r"\b(TW|HK|MBE)\b", f.family)
        return (not simplified, f.index, f.family)
    hits = [f for f in fonts if any(w in f.family for w in words)]
    return min(hits, key=rank) if hits else None


def reportlab_fonts() -> dict[str, str]:
    """Register 宋/仿宋, 楷 and 黑 stand-ins with reportlab; {role: font name}.  Empty when no
    usable CJK font is installed."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    usable = []
    for f in cjk_fonts():
        try:
            font = TTFont(f"Seed-{Path(f.path).stem}-{f.index}", f.path, subfontIndex=f.index)
        except Exception:  # noqa: BLE001 - fonts reportlab cannot read are skipped
            continue
        if ord("签") in font.face.charToGlyph:
            usable.append((f, font))
    if not usable:
        return {}
    fonts = [f for f, _ in usable]
    by_font = {id(f): font for f, font in usable}
    song = _pick(fonts, ("Ming", "Song", "宋", "FangSong")) or fonts[0]
    kai = _pick(fonts, ("Kai", "楷")) or song
    hei = _pick(fonts, ("Hei", "黑")) or song
    roles = {}
    for role, f in (("song", song), ("kai", kai), ("hei", hei)):
        font = by_font[id(f)]
        if font.fontName not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(font)
        roles[role] = font.fontName
    return roles


# -- producer 1: reportlab ---------------------------------------------------------------------
_NO_START = set("，。、；：？！）》」』”’%％．…·,.;:?!)]}")
_NO_END = set("（《「『“‘([{")


class _Canvas:
    def __init__(self, path: Path, fonts: dict[str, str]):
        from reportlab.pdfgen import canvas

        self.fonts = fonts
        self.c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1)
        self.page = 1
        self.y = TOP            # top of the next line slot, from the page top

    def width(self, text: str, role: str = "song", size: float = SIZE) -> float:
        from reportlab.pdfbase import pdfmetrics

        return pdfmetrics.stringWidth(text, self.fonts[role], size)

    def text(self, x: float, base: float, text: str, role: str = "song", size: float = SIZE,
             red: bool = False, hscale: float = 100.0) -> float:
        """Draw ``text`` with its baseline ``base`` points below the page top; the advance."""
        from reportlab.lib.colors import Color

        c = self.c
        c.saveState()
        if red:
            c.setFillColor(Color(1, 0, 0))
        t = c.beginText()
        t.setTextOrigin(x, PAGE_H - base)
        t.setFont(self.fonts[role], size)
        if hscale != 100.0:
            t.setHorizScale(hscale)
        t.textOut(text)
        c.drawText(t)
        c.restoreState()
        return self.width(text, role, size) * hscale / 100

    def rule(self, top: float, red: bool = False, width: float = 1.0):
        from reportlab.lib.colors import Color

        c = self.c
        c.saveState()
        c.setStrokeColor(Color(1, 0, 0) if red else Color(0, 0, 0))
        c.setLineWidth(width)
        c.line(LEFT, PAGE_H - top, RIGHT, PAGE_H - top)
        c.restoreState()

    def baseline(self, slot_top: float) -> float:
        return slot_top + PITCH / 2 + SIZE * 0.36

    def footer(self):
        label = f"— {self.page} —"
        w = self.width(label, "song", IMPRINT_SIZE)
        x = RIGHT - CHAR - w if self.page % 2 else LEFT + CHAR
        self.text(x, BOTTOM + 7 * MM + IMPRINT_SIZE, label, "song", IMPRINT_SIZE)

    def new_page(self):
        self.footer()
        self.c.showPage()
        self.page += 1
        self.y = TOP

    def break_lines(self, text: str, role: str, first: float, rest: float) -> list[str]:
        """Greedy breaking, Latin/digit runs kept whole, simple 避头尾."""
        tokens = re.findall(r"[0-9A-Za-z.%\-/]+|.", text)
        lines, cur, avail = [], [], first
        i = 0
        while i < len(tokens):
            t = tokens[i]
            if cur and self.width("".join(cur) + t, role) > avail + 0.01:
                if t[0] in _NO_START and len(cur) > 2:
                    cur.pop()
                    i -= 1
                while len(cur) > 2 and cur[-1][-1] in _NO_END:
                    cur.pop()
                    i -= 1
                lines.append("".join(cur))
                cur, avail = [], rest
                continue
            cur.append(t)
            i += 1
        if cur:
            lines.append("".join(cur))
        return lines

    def paragraph(self, text: str, role: str = "song", indent: float = 2 * CHAR):
        for k, line in enumerate(self.break_lines(text, role, BODY_W - indent, BODY_W)):
            if self.y + PITCH > BOTTOM + 0.01:
                self.new_page()
            self.text(LEFT + (indent if k == 0 else 0), self.baseline(self.y), line, role)
            self.y += PITCH


def render_reportlab(seed: Seed, out: Path, names: str = "space") -> Path:
    """The seed as a reportlab PDF; ``names``: how the 签发人 names are separated
    (``space`` one U+0020, ``spaces`` two, ``ideographic`` U+3000, ``gap`` no character:
    each name its own text object, one character apart)."""
    fonts = reportlab_fonts()
    if not fonts:
        raise RuntimeError("no TrueType CJK font installed (fc-list :lang=zh)")
    pdf = _Canvas(out, fonts)
    c = pdf.c
    c.setTitle(" ".join(seed.title_lines))
    c.setCreator("tests/render_seed.py (reportlab canvas)")
    # 发文机关标志: red, centred, 35 mm below the 版心 top, condensed to fit the 版心
    msize = 36
    mw = pdf.width(seed.mark, "song", msize)
    hscale = min(100.0, BODY_W * 0.95 / mw * 100)
    mark_top = TOP + 35 * MM
    pdf.text(LEFT + (BODY_W - mw * hscale / 100) / 2, mark_top + msize * 0.86, seed.mark, "song",
             msize, red=True, hscale=hscale)
    # 发文字号 left (空一字), 签发人 right (空一字), two lines below the mark
    base = pdf.baseline(mark_top + msize + 2 * PITCH - 8)
    pdf.text(LEFT + CHAR, base, seed.document_number)
    sep = SEPARATORS[names]
    gap = CHAR if names == "gap" else 0.0
    names_w = (sum(pdf.width(n, "kai") for n in seed.signatories)
               + (len(seed.signatories) - 1) * (pdf.width(sep, "kai") + gap))
    x = RIGHT - CHAR - names_w - pdf.width(seed.signatory_label)
    x += pdf.text(x, base, seed.signatory_label)
    if names == "gap":
        for n in seed.signatories:
            x += pdf.text(x, base, n, "kai") + gap
    else:
        pdf.text(x, base, sep.join(seed.signatories), "kai")
    # red rule 4 mm below the number
    rule = base + 3 + 4 * MM
    pdf.rule(rule, red=True)
    # title: two lines below the rule, centred
    pdf.y = rule + 2 * PITCH - PITCH / 2
    tp = TITLE_SIZE * 1.45
    for line in seed.title_lines:
        w = pdf.width(line, "song", TITLE_SIZE)
        pdf.text(LEFT + (BODY_W - w) / 2, pdf.y + tp / 2 + TITLE_SIZE * 0.36, line, "song", TITLE_SIZE)
        pdf.y += tp
    pdf.y += PITCH
    pdf.paragraph(seed.addressee, indent=0)
    for kind, text in seed.blocks:
        pdf.paragraph(text, "hei" if kind == "heading" else "song")
    # 成文日期: two lines down, 右空四字
    pdf.y += PITCH
    if pdf.y + PITCH > BOTTOM:
        pdf.new_page()
    w = pdf.width(seed.date)
    pdf.text(RIGHT - 4 * CHAR - w, pdf.baseline(pdf.y), seed.date)
    pdf.y += PITCH
    # 版记 at the foot of the last page, between two rules
    if pdf.y + 2 * PITCH > BOTTOM:
        pdf.new_page()
    top = BOTTOM - PITCH
    pdf.rule(top, width=0.75)
    b = top + PITCH / 2 + IMPRINT_SIZE * 0.36
    pdf.text(LEFT + CHAR, b, seed.imprint_by, "song", IMPRINT_SIZE)
    w = pdf.width(seed.imprint_on, "song", IMPRINT_SIZE)
    pdf.text(RIGHT - CHAR - w, b, seed.imprint_on, "song", IMPRINT_SIZE)
    pdf.rule(BOTTOM, width=0.75)
    pdf.footer()
    c.showPage()
    c.save()
    return out


# -- producer 2: python-docx, then LibreOffice -------------------------------------------------
FANGSONG = "仿宋_GB2312"
KAITI = "楷体_GB2312"
HEITI = "黑体"
XBS = "方正小标宋简体"


def render_docx(seed: Seed, out: Path, names: str = "space") -> Path:
    """The seed as a 公文 template in Word would set it; ``names``: ``space`` (one U+0020
    between the names) or ``tab`` (a left tab stop before each further name)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(297 - 37 - 225)
    sec.left_margin, sec.right_margin = Mm(28), Mm(210 - 28 - 156)

    def font(run, name, size=SIZE, red=False, scale=None):
        run.font.name = name
        rpr = run._element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = OxmlElement("w:rFonts")
            rpr.insert(0, rfonts)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            rfonts.set(qn(attr), name)
        run.font.size = Pt(size)
        if red:
            run.font.color.rgb = RGBColor(0xFF, 0, 0)
        if scale:
            w = OxmlElement("w:w")
            w.set(qn("w:val"), str(scale))
            rpr.append(w)

    def para(text="", name=FANGSONG, size=SIZE, align=None, first=0.0, left=0.0, right=0.0,
             before=0.0, exact=PITCH, red=False, scale=None):
        p = doc.add_paragraph()
        f = p.paragraph_format
        if align is not None:
            f.alignment = align
        f.space_before, f.space_after = Pt(before), Pt(0)
        f.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        f.line_spacing = Pt(exact)
        f.first_line_indent, f.left_indent, f.right_indent = Pt(first), Pt(left), Pt(right)
        if text:
            font(p.add_run(text), name, size, red, scale)
        return p

    def border(p, side, color="000000", sz=8, space=1):
        ppr = p._element.get_or_add_pPr()
        bdr = ppr.find(qn("w:pBdr"))
        if bdr is None:
            bdr = OxmlElement("w:pBdr")
            ppr.append(bdr)
        e = OxmlElement(f"w:{side}")
        for k, v in (("val", "single"), ("sz", str(sz)), ("space", str(space)), ("color", color)):
            e.set(qn(f"w:{k}"), v)
        bdr.append(e)

    # 发文机关标志, condensed to one line
    msize = 26
    scale = min(100, int(BODY_W * 0.95 / (len(seed.mark) * msize) * 100))
    para(seed.mark, FANGSONG, msize, WD_ALIGN_PARAGRAPH.CENTER, before=35 * MM, exact=msize * 1.3,
         red=True, scale=scale)
    # 发文字号 + 签发人 on one line, red rule as the paragraph's bottom border
    p = para(left=CHAR, before=2 * PITCH - 8)
    label_w = len(seed.signatory_label) * CHAR
    name_w = [len(n) * CHAR for n in seed.signatories]
    total = label_w + sum(name_w) + (len(name_w) - 1) * CHAR
    x_label = BODY_W - CHAR - total              # tab positions count from the left margin
    stops = p.paragraph_format.tab_stops
    stops.add_tab_stop(Pt(x_label), WD_TAB_ALIGNMENT.LEFT)
    font(p.add_run(seed.document_number), FANGSONG)
    font(p.add_run("\t" + seed.signatory_label), FANGSONG)
    if names == "tab":
        x = x_label + label_w
        for i, n in enumerate(seed.signatories):
            if i:
                x += name_w[i - 1] + CHAR
                stops.add_tab_stop(Pt(x), WD_TAB_ALIGNMENT.LEFT)
                font(p.add_run("\t"), KAITI)
            font(p.add_run(n), KAITI)
    else:
        font(p.add_run(SEPARATORS[names].join(seed.signatories)), KAITI)
    border(p, "bottom", "FF0000", sz=12, space=4)
    # title
    for i, line in enumerate(seed.title_lines):
        para(line, XBS, TITLE_SIZE, WD_ALIGN_PARAGRAPH.CENTER, before=2 * PITCH if i == 0 else 0,
             exact=TITLE_SIZE * 1.45)
    para(seed.addressee, before=PITCH)
    for kind, text in seed.blocks:
        para(text, HEITI if kind == "heading" else FANGSONG, first=2 * CHAR)
    para(seed.date, align=WD_ALIGN_PARAGRAPH.RIGHT, right=4 * CHAR, before=2 * PITCH)
    # 版记: one line between two rules
    p = para(left=CHAR, right=CHAR, before=2 * PITCH, size=IMPRINT_SIZE)
    p.paragraph_format.tab_stops.add_tab_stop(Pt(BODY_W - 2 * CHAR), WD_TAB_ALIGNMENT.RIGHT)
    font(p.add_run(seed.imprint_by), FANGSONG, IMPRINT_SIZE)
    font(p.add_run("\t" + seed.imprint_on), FANGSONG, IMPRINT_SIZE)
    border(p, "top")
    border(p, "bottom")
    # page number — N —
    fp = sec.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    fp.paragraph_format.right_indent = Pt(CHAR)
    font(fp.add_run("— "), FANGSONG, IMPRINT_SIZE)
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    fp._element.append(fld)
    font(fp.add_run(" —"), FANGSONG, IMPRINT_SIZE)
    doc.core_properties.title = " ".join(seed.title_lines)
    doc.save(str(out))
    return out


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def soffice_pdf(docx: Path, workdir: Path, timeout: float = 240) -> Path:
    """LibreOffice's PDF of ``docx``, with a fresh profile under ``workdir``."""
    exe = soffice()
    profile = workdir / "profile"
    outdir = workdir / "pdf"
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
           "--outdir", str(outdir), str(docx)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    pdf = outdir / (docx.stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError(f"soffice made no PDF (rc {proc.returncode}): {proc.stderr[-2000:]}")
    return pdf


# -- producer 3: HTML, printed by headless Chromium --------------------------------------------
_CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { margin: 0; font-family: "仿宋_GB2312", "FangSong", "AR PL UMing CN", serif;
       font-size: 16pt; line-height: 28.95pt; }
p { margin: 0; text-indent: 2em; text-align: justify; }
.mark { color: #f00; text-align: center; font-size: 19pt; line-height: 1.3; text-indent: 0;
        margin-top: 35mm; }
.number { display: flex; justify-content: space-between; padding: 0 1em; margin-top: 50pt;
          text-indent: 0; }
.kai { font-family: "楷体_GB2312", "KaiTi", "AR PL UKai CN", serif; }
.gap { margin-left: 1em; }
.rule { border-bottom: 1pt solid #f00; margin-top: 4mm; }
h1 { font-size: 22pt; line-height: 1.45; font-weight: normal; text-align: center; margin: 0; }
h1.first { margin-top: 50pt; }
.addressee { text-indent: 0; margin-top: 28.95pt; }
h2 { font-family: "黑体", "SimHei", "WenQuanYi Zen Hei", sans-serif; font-size: 16pt;
     font-weight: normal; margin: 0; text-indent: 2em; }
.date { text-align: right; padding-right: 4em; margin-top: 57.9pt; text-indent: 0; }
.imprint { display: flex; justify-content: space-between; padding: 0 1em; font-size: 14pt;
           border-top: 0.75pt solid #000; border-bottom: 0.75pt solid #000; margin-top: 57.9pt;
           text-indent: 0; }
"""


def render_html(seed: Seed, out: Path, names: str = "space") -> Path:
    """The seed as one HTML page; ``names``: ``space`` (one U+0020 between the names) or
    ``gap`` (each name its own span, a margin of one character, no character between)."""
    e = html.escape
    if names == "gap":
        who = "".join(f'<span class="kai{" gap" if i else ""}">{e(n)}</span>'
                      for i, n in enumerate(seed.signatories))
    else:
        who = f'<span class="kai">{e(SEPARATORS[names].join(seed.signatories))}</span>'
    parts = [
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{e(' '.join(seed.title_lines))}</title><style>{_CSS}</style></head><body>",
        f'<div class="mark">{e(seed.mark)}</div>',
        f'<div class="number"><span>{e(seed.document_number)}</span>'
        f"<span>{e(seed.signatory_label)}{who}</span></div>",
        '<div class="rule"></div>',
    ]
    parts += [f'<h1{" class=first" if i == 0 else ""}>{e(l)}</h1>' for i, l in enumerate(seed.title_lines)]
    parts.append(f'<p class="addressee">{e(seed.addressee)}</p>')
    for kind, text in seed.blocks:
        parts.append(f"<h2>{e(text)}</h2>" if kind == "heading" else f"<p>{e(text)}</p>")
    parts.append(f'<p class="date">{e(seed.date)}</p>')
    parts.append(f'<div class="imprint"><span>{e(seed.imprint_by)}</span>'
                 f"<span>{e(seed.imprint_on)}</span></div>")
    parts.append("</body></html>")
    out.write_text("\n".join(parts), encoding="utf-8")
    return out


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def chromium_pdf(page: Path, out: Path, workdir: Path, timeout: float = 180) -> Path:
    """Headless Chromium's --print-to-pdf of ``page``, without the browser's header/footer."""
    cmd = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           f"--user-data-dir={workdir / 'chrome-profile'}", "--no-pdf-header-footer",
           "--print-to-pdf-no-header", f"--print-to-pdf={out}", page.as_uri()]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if not out.exists():
        raise RuntimeError(f"chromium made no PDF (rc {proc.returncode}): {proc.stderr[-2000:]}")
    return out


# -- what the PDF's text layer holds -----------------------------------------------------------
def line_chars(pdf: Path, needle: str = "签发人") -> list[tuple[int, str, float, float]]:
    """What pdfium reads on the line that holds ``needle`` (first page it occurs on): every
    character whose box is on that line, and every whitespace character (pdfium's generated
    spaces too) between them in reading order, as (index, char, left x, right x) in reading
    order."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        for page in doc:
            tp = page.get_textpage()
            n = tp.count_chars()
            chars = [tp.get_text_range(i, 1) for i in range(n)]
            text = "".join(c[:1] or "\ufffd" for c in chars)
            k = text.find(needle)
            if k < 0:
                continue
            boxes = [tp.get_charbox(i) for i in range(n)]
            _, bottom, _, top = boxes[k]
            on_line = [i for i in range(n)
                       if text[i].strip() and bottom - 1 <= (boxes[i][1] + boxes[i][3]) / 2 <= top + 1]
            lo, hi = min(on_line), max(on_line)
            keep = set(on_line) | {i for i in range(lo, hi + 1) if not text[i].strip()}
            return [(i, text[i], boxes[i][0], boxes[i][2]) for i in sorted(keep)]
    finally:
        doc.close()
    return []


def format_chars(chars: list[tuple[int, str, float, float]]) -> str:
    return " ".join(f"{c!r}@{x0:.1f}-{x1:.1f}" for _, c, x0, x1 in chars)
