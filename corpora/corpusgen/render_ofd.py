"""OFD rendition (GB/T 33190): the reportlab page layout written as an OFD package.

The layout is exactly the one of ``render_pdf.Writer`` (same line breaking, positions,
fonts and sizes): the writer draws onto ``OfdCanvas``, a stand-in for the few reportlab
canvas calls it makes, which records text runs and paths and writes them as OFD parts:

    OFD.xml -> Doc_0/Document.xml -> Doc_0/PublicRes.xml (fonts, colour spaces)
            -> Doc_0/Pages/Page_N/Content.xml (TextObject/TextCode with DeltaX, PathObject)

Coordinates are millimetres from the top-left corner. Red is written in a CMYK colour
space when the document's style asks for CMYK red, in RGB otherwise, so both notations
are exercised. Fonts are referenced by name, not embedded (readers substitute).

    cd corpora && python -m corpusgen.render_ofd [ID ...]      # default: every corpus document
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from reportlab.pdfbase import pdfmetrics

from .render_pdf import PAGE_H, PAGE_W, Writer

MM = 72 / 25.4
FONT_NAMES = {"FS": "仿宋", "KT": "楷体", "HT": "黑体"}
FONT_IDS = {"FS": 3, "KT": 4, "HT": 5}
RGB_SPACE, CMYK_SPACE = 1, 2


def _mm(v: float) -> str:
    return f"{v / MM:.3f}".rstrip("0").rstrip(".")


class _Text:
    """reportlab's text object, as far as Writer uses it."""

    def __init__(self, canvas: "OfdCanvas"):
        self.canvas = canvas
        self.x = self.y = 0.0
        self.font, self.size, self.char_space, self.hscale, self.mode = "FS", 16.0, 0.0, 100.0, 0

    def setTextOrigin(self, x, y):
        self.x, self.y = x, y

    def setFont(self, font, size):
        self.font, self.size = font, size

    def setCharSpace(self, value):
        self.char_space = value

    def setHorizScale(self, value):
        self.hscale = value

    def setTextRenderMode(self, mode):
        self.mode = mode

    def textOut(self, text):
        self.canvas.runs.append((self.x, self.y, text, self.font, self.size, self.char_space, self.hscale,
                                 self.mode, self.canvas.fill))


class _Path:
    def __init__(self):
        self.points: list[tuple[str, float, float]] = []

    def moveTo(self, x, y):
        self.points.append(("M", x, y))

    def lineTo(self, x, y):
        self.points.append(("L", x, y))

    def close(self):
        self.points.append(("C", 0.0, 0.0))


class OfdCanvas:
    """Records what Writer draws, page by page, and writes the OFD package on ``save``."""

    def __init__(self, path: Path, cmyk_red: bool):
        self.path, self.cmyk_red = path, cmyk_red
        self.pages: list[list[str]] = []
        self.runs: list = []
        self.objects: list[str] = []
        self.fill = self.stroke = (0.0, 0.0, 0.0)
        self.line_width = 1.0
        self.states: list = []
        self.next_id = 10
        self.title = self.author = ""

    # -- state ------------------------------------------------------------------
    def saveState(self):
        self.states.append((self.fill, self.stroke, self.line_width))

    def restoreState(self):
        self.fill, self.stroke, self.line_width = self.states.pop()

    def setFillColor(self, color):
        self.fill = tuple(color.rgb())

    def setStrokeColor(self, color):
        self.stroke = tuple(color.rgb())

    def setLineWidth(self, width):
        self.line_width = width

    def setTitle(self, title):
        self.title = title

    def setAuthor(self, author):
        self.author = author

    def setSubject(self, _):
        pass

    def setCreator(self, _):
        pass

    # -- drawing ------------------------------------------------------------------
    def beginText(self):
        return _Text(self)

    def drawText(self, text: _Text):
        for run in self.runs:
            self.objects.append(self._text_object(*run))
        self.runs.clear()

    def beginPath(self):
        return _Path()

    def line(self, x0, y0, x1, y1):
        self._path([("M", x0, y0), ("L", x1, y1)], stroke=True, fill=False)

    def rect(self, x, y, w, h, stroke=1, fill=0):
        corners = [("M", x, y), ("L", x + w, y), ("L", x + w, y + h), ("L", x, y + h), ("C", 0, 0)]
        self._path(corners, stroke=bool(stroke), fill=bool(fill))

    def circle(self, cx, cy, r, stroke=1, fill=0):
        points = [("M" if k == 0 else "L", cx + r * math.cos(k * math.pi / 18), cy + r * math.sin(k * math.pi / 18))
                  for k in range(37)]
        self._path(points, stroke=bool(stroke), fill=bool(fill))

    def drawPath(self, path: _Path, stroke=1, fill=0):
        self._path(path.points, stroke=bool(stroke), fill=bool(fill))

    def showPage(self):
        self.pages.append(self.objects)
        self.objects = []

    # -- OFD objects ----------------------------------------------------------------
    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    def _color(self, tag: str, rgb) -> str:
        if self.cmyk_red and rgb[0] > 0.9 and rgb[1] < 0.1 and rgb[2] < 0.1:
            return f'<ofd:{tag} Value="0 255 255 0" ColorSpace="{CMYK_SPACE}"/>'
        value = " ".join(str(round(c * 255)) for c in rgb)
        return f'<ofd:{tag} Value="{value}" ColorSpace="{RGB_SPACE}"/>'

    def _text_object(self, x, y, text, font, size, char_space, hscale, mode, fill) -> str:
        scale = hscale / 100.0
        advances = [(pdfmetrics.stringWidth(ch, font, size) + char_space) * scale for ch in text]
        top = PAGE_H - y - size * 0.88
        width = sum(advances)
        weight = ' Weight="700"' if mode == 2 else ""
        delta = " ".join(_mm(a) for a in advances[:-1])
        delta_attr = f' DeltaX="{delta}"' if delta else ""
        return (
            f'<ofd:TextObject ID="{self._id()}" Font="{FONT_IDS[font]}" Size="{_mm(size)}"{weight} '
            f'Boundary="{_mm(x)} {_mm(top)} {_mm(width)} {_mm(size * 1.12)}">'
            f'{self._color("FillColor", fill)}'
            f'<ofd:TextCode X="0" Y="{_mm(size * 0.88)}"{delta_attr}>{escape(text)}</ofd:TextCode></ofd:TextObject>'
        )

    def _path(self, points, stroke: bool, fill: bool) -> None:
        xs = [p[1] for p in points if p[0] != "C"]
        tops = [PAGE_H - p[2] for p in points if p[0] != "C"]
        x0, y0 = min(xs), min(tops)
        data = " ".join(p[0] if p[0] == "C" else f"{p[0]} {_mm(p[1] - x0)} {_mm(PAGE_H - p[2] - y0)}" for p in points)
        colors = (self._color("StrokeColor", self.stroke) if stroke else "") + (
            self._color("FillColor", self.fill) if fill else "")
        self.objects.append(
            f'<ofd:PathObject ID="{self._id()}" Stroke="{str(stroke).lower()}" Fill="{str(fill).lower()}" '
            f'LineWidth="{_mm(self.line_width)}" '
            f'Boundary="{_mm(x0)} {_mm(y0)} {_mm(max(xs) - x0)} {_mm(max(tops) - y0)}">'
            f"{colors}<ofd:AbbreviatedData>{data}</ofd:AbbreviatedData></ofd:PathObject>"
        )

    def save(self):
        ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
        head = '<?xml version="1.0" encoding="UTF-8"?>\n'
        parts = {
            "OFD.xml": f'<ofd:OFD {ns} Version="1.1" DocType="OFD"><ofd:DocBody><ofd:DocInfo>'
            f"<ofd:DocID>{hashlib.md5(self.title.encode()).hexdigest()}</ofd:DocID><ofd:Title>{escape(self.title)}</ofd:Title>"
            f"<ofd:Author>{escape(self.author)}</ofd:Author><ofd:Creator>govdoc-parser corpora (render_ofd.py)</ofd:Creator>"
            "<ofd:CreationDate>2024-01-01</ofd:CreationDate></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
            "Doc_0/PublicRes.xml": f'<ofd:Res {ns} BaseLoc="Res"><ofd:ColorSpaces>'
            f'<ofd:ColorSpace ID="{RGB_SPACE}" Type="RGB"/><ofd:ColorSpace ID="{CMYK_SPACE}" Type="CMYK"/></ofd:ColorSpaces>'
            "<ofd:Fonts>" + "".join(f'<ofd:Font ID="{FONT_IDS[k]}" FontName={quoteattr(v)}/>' for k, v in FONT_NAMES.items())
            + "</ofd:Fonts></ofd:Res>",
            "Doc_0/Document.xml": f"<ofd:Document {ns}><ofd:CommonData><ofd:MaxUnitID>{self.next_id}</ofd:MaxUnitID>"
            f"<ofd:PageArea><ofd:PhysicalBox>0 0 {_mm(PAGE_W)} {_mm(PAGE_H)}</ofd:PhysicalBox></ofd:PageArea>"
            "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>"
            + "".join(f'<ofd:Page ID="{i + 1}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(self.pages)))
            + "</ofd:Pages></ofd:Document>",
        }
        for i, objects in enumerate(self.pages):
            parts[f"Doc_0/Pages/Page_{i}/Content.xml"] = (
                f'<ofd:Page {ns}><ofd:Content><ofd:Layer ID="{i + 2}" Type="Body">' + "".join(objects)
                + "</ofd:Layer></ofd:Content></ofd:Page>"
            )
        with zipfile.ZipFile(self.path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, xml in parts.items():
                z.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), head + xml, zipfile.ZIP_DEFLATED)


class OfdWriter(Writer):
    """render_pdf's Writer drawing onto an OfdCanvas."""

    def __init__(self, doc, path: Path):
        super().__init__(doc, path)  # builds a reportlab canvas that is never saved
        self.c = OfdCanvas(path, cmyk_red=doc.style.get("red") == "cmyk")
        self.c.setTitle(doc.title)
        self.c.setAuthor(doc.issuers[0])


def render_ofd(doc, path: Path) -> int:
    """Write the OFD; return the number of pages."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return OfdWriter(doc, path).render()


def main(argv: list[str]) -> int:
    from .source import load_doc, load_source

    here = Path(__file__).resolve().parents[1]
    docs = [load_source(p) for p in sorted((here / "src").glob("*.toml"))]
    docs += [load_doc(json.loads(p.read_text(encoding="utf-8"))) for p in sorted((here / "src" / "generated").glob("*.json"))]
    docs = [d for d in docs if not argv or d.id in argv]
    for doc in docs:
        pages = render_ofd(doc, here / "out" / "ofd" / f"{doc.id}.ofd")
        print(f"ofd {doc.id}: {pages} pages", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
