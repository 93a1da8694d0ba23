"""OFD reader (GB/T 33190): a ZIP of XML parts, read in memory through ``container``.

OFD.xml -> DocBody/DocRoot -> Document.xml (page size, PublicRes/DocumentRes, Pages) ->
each page's Content.xml (and its template pages): TextObject/TextCode and PathObject,
also inside PageBlock and CompositeObject groups.

Coordinates are millimetres from the top-left corner; they become points (x 72/25.4).
A TextObject's Boundary places its own coordinate system, an optional CTM transforms
it, and each TextCode gives the baseline origin (X, Y) of its first glyph and the
advances DeltaX/DeltaY (``g N v`` repeats v N times). Every glyph is given to the same
row grouping as PDF characters (``pdf_chars``), so WPS's one-object-per-glyph output and
one-object-per-line output give the same Lines. Colours are ``R G B`` in 0..255, ``#rr
#gg #bb`` hex, or gray/CMYK through a ColorSpace resource. Thin wide PathObjects are
Rules.
"""

from __future__ import annotations

import posixpath
from typing import Optional
from xml.etree import ElementTree as ET

import regex

from .. import errors
from .container import Archive, local
from .pdf_chars import Glyph, glyphs_to_lines, shape_rules
from .primitives import RGB, Page, RawDocument, Rule

MM = 72 / 25.4
ASCENT, DESCENT = 0.86, 0.14  # glyph box above/below the baseline, share of the size
MAX_PAGES = 2000
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _floats(text: Optional[str]) -> list[float]:
    values = []
    for part in (text or "").replace(",", " ").split():
        try:
            values.append(float(part))
        except ValueError:
            continue
    return values


def deltas(text: Optional[str]) -> list[float]:
    """DeltaX/DeltaY with the ``g count value`` repetition expanded.

    >>> deltas("g 3 5.5 2.7"), deltas("1 2")
    ([5.5, 5.5, 5.5, 2.7], [1.0, 2.0])
    """
    values: list[float] = []
    parts = (text or "").split()
    i = 0
    while i < len(parts):
        if parts[i] == "g" and i + 2 < len(parts):
            try:
                values.extend([float(parts[i + 2])] * min(int(parts[i + 1]), 100_000))
            except ValueError:
                pass
            i += 3
            continue
        try:
            values.append(float(parts[i]))
        except ValueError:
            pass
        i += 1
    return values


def parse_color(value: Optional[str], space: str = "RGB") -> Optional[RGB]:
    """An OFD colour value in 0..1 RGB.

    >>> parse_color("255 0 0"), parse_color("#ee #20 #25")[0], parse_color("128", "GRAY")
    ((1.0, 0.0, 0.0), 0.9333333333333333, (0.5019607843137255, 0.5019607843137255, 0.5019607843137255))
    """
    if not value:
        return None
    try:
        parts = [int(p[1:], 16) if p.startswith("#") else float(p) for p in value.split()]
    except ValueError:
        return None
    parts = [max(0.0, min(255.0, float(p))) / 255.0 for p in parts]
    if space == "GRAY" or len(parts) == 1:
        return (parts[0],) * 3 if parts else None
    if space == "CMYK" and len(parts) >= 4:
        c, m, y, k = parts[:4]
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return (parts[0], parts[1], parts[2]) if len(parts) >= 3 else None


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


class _Resources:
    """Fonts and colour spaces from PublicRes / DocumentRes."""

    def __init__(self):
        self.fonts: dict[str, str] = {}
        self.spaces: dict[str, str] = {}

    def load(self, archive: Archive, name: str, base: str) -> None:
        member = archive.resolve(name, base)
        if member is None:
            return
        for el in archive.xml(member).iter():
            tag = local(el.tag)
            if tag == "Font":
                self.fonts[el.get("ID", "")] = el.get("FontName") or el.get("FamilyName") or ""
            elif tag == "ColorSpace":
                self.spaces[el.get("ID", "")] = (el.get("Type") or "RGB").upper()

    def color(self, el: Optional[ET.Element]) -> Optional[RGB]:
        if el is None:
            return None
        return parse_color(el.get("Value"), self.spaces.get(el.get("ColorSpace", ""), "RGB"))


def _child(el: ET.Element, name: str) -> Optional[ET.Element]:
    return next((c for c in el if local(c.tag) == name), None)


class _PageReader:
    def __init__(self, number: int, resources: _Resources):
        self.number = number
        self.res = resources
        self.glyphs: list[Glyph] = []
        self.rules: list[Rule] = []

    def objects(self, parent: ET.Element, depth: int = 0) -> None:
        for el in parent:
            tag = local(el.tag)
            if tag in ("Layer", "PageBlock", "Content") and depth < 50:
                self.objects(el, depth + 1)
            elif tag == "TextObject":
                self.text(el)
            elif tag == "PathObject":
                self.path(el)

    def _frame(self, el: ET.Element) -> Matrix:
        box = _floats(el.get("Boundary"))
        ctm = _floats(el.get("CTM"))
        ctm_m: Matrix = tuple(ctm) if len(ctm) == 6 else IDENTITY  # type: ignore[assignment]
        x, y = (box[0], box[1]) if len(box) >= 2 else (0.0, 0.0)
        return _multiply(ctm_m, (1.0, 0.0, 0.0, 1.0, x, y))

    def text(self, el: ET.Element) -> None:
        frame = self._frame(el)
        scale_y = (frame[2] ** 2 + frame[3] ** 2) ** 0.5 or 1.0
        size = float(el.get("Size") or 0) * scale_y * MM
        fill = el.get("Fill", "true").lower() != "false"
        color = self.res.color(_child(el, "FillColor")) if fill else self.res.color(_child(el, "StrokeColor"))
        color = color or (0.0, 0.0, 0.0)
        font = self.res.fonts.get(el.get("Font", ""), "")
        bold = int(float(el.get("Weight") or 400)) >= 700
        hscale = float(el.get("HScale") or 1.0)
        x = y = 0.0
        for code in el:
            if local(code.tag) != "TextCode":
                continue
            x = float(code.get("X") or x)
            y = float(code.get("Y") or y)
            dx, dy = deltas(code.get("DeltaX")), deltas(code.get("DeltaY"))
            text = code.text or ""
            for i, ch in enumerate(text):
                advance = dx[i] if i < len(dx) else (dx[-1] if dx else float(el.get("Size") or 0) * (0.5 if ch.isascii() else 1.0))
                x0, base = _apply(frame, x, y)
                x1, _ = _apply(frame, x + advance * hscale, y)
                if ch.strip():
                    self.glyphs.append(
                        Glyph(text=ch, x0=min(x0, x1) * MM, x1=max(x0, x1) * MM, top=base * MM - ASCENT * size,
                              bottom=base * MM + DESCENT * size, size=round(size, 1), font=font, color=color, bold=bold)
                    )
                x += advance
                y += dy[i] if i < len(dy) else 0.0

    def path(self, el: ET.Element) -> None:
        box = _floats(el.get("Boundary"))
        if len(box) < 4:
            return
        stroke = el.get("Stroke", "true").lower() != "false"
        fill = el.get("Fill", "false").lower() == "true"
        color = (self.res.color(_child(el, "StrokeColor")) if stroke else None) or (
            self.res.color(_child(el, "FillColor")) if fill else None) or (0.0, 0.0, 0.0)
        # the Boundary is the path's box on the page (GB/T 33190 §8.1); its CTM only places the
        # drawing inside it, and some writers put page offsets there too
        x0, top, x1, bottom = box[0], box[1], box[0] + box[2], box[1] + box[3]
        data = (_child(el, "AbbreviatedData").text or "") if _child(el, "AbbreviatedData") is not None else ""
        straight = bool(data.strip()) and not regex.search(r"[BQAbqa]", data)  # lines only: no curve, no arc
        self.rules += shape_rules(self.number, min(x0, x1) * MM, max(x0, x1) * MM,
                                  min(top, bottom) * MM, max(top, bottom) * MM, color,
                                  box_edges=stroke and not fill and straight)  # a stroked cell box of a table


def _templates(archive: Archive, document: ET.Element, doc_dir: str) -> dict[str, str]:
    """TemplatePage ID -> member (background content shared by pages)."""
    common = _child(document, "CommonData")
    found = {}
    for tpl in (common if common is not None else []):
        if local(tpl.tag) == "TemplatePage" and tpl.get("BaseLoc"):
            member = archive.resolve(tpl.get("BaseLoc"), doc_dir)
            if member:
                found[tpl.get("ID", "")] = member
    return found


def _page_members(archive: Archive, document: ET.Element, doc_dir: str) -> list[str]:
    pages = _child(document, "Pages")
    members = []
    for page in (pages if pages is not None else []):
        if local(page.tag) != "Page" or not page.get("BaseLoc"):
            continue
        member = archive.resolve(page.get("BaseLoc"), doc_dir)
        if member is None:
            raise errors.CorruptFile(f"the OFD lacks the page part {page.get('BaseLoc')!r}", archive.path)
        members.append(member)
    return members


def _page_size(document: ET.Element, content: ET.Element) -> tuple[float, float]:
    common = _child(document, "CommonData")
    for area in (_child(content, "Area"), _child(common, "PageArea") if common is not None else None):
        box = _floats(_child(area, "PhysicalBox").text) if area is not None and _child(area, "PhysicalBox") is not None else []
        if len(box) == 4:
            return box[2] * MM, box[3] * MM
    return 210 * MM, 297 * MM


def read(data: bytes, path: str, sha256: str, *, max_pages: int = MAX_PAGES) -> RawDocument:
    archive = Archive(data, path, "OFD")
    root = archive.xml("OFD.xml")
    body = next((el for el in root.iter() if local(el.tag) == "DocBody"), None)
    doc_root = next((el for el in (body.iter() if body is not None else []) if local(el.tag) == "DocRoot"), None)
    if doc_root is None or not (doc_root.text or "").strip():
        raise errors.CorruptFile("OFD.xml names no DocRoot", path)
    doc_member = archive.resolve(doc_root.text)
    if doc_member is None:
        raise errors.CorruptFile(f"the OFD lacks its document {doc_root.text.strip()!r}", path)
    doc_dir = posixpath.dirname(doc_member)
    document = archive.xml(doc_member)
    resources = _Resources()
    common = _child(document, "CommonData")
    for el in (common if common is not None else []):
        if local(el.tag) in ("PublicRes", "DocumentRes") and el.text:
            resources.load(archive, el.text.strip(), doc_dir)
    members = _page_members(archive, document, doc_dir)
    if len(members) > max_pages:
        raise errors.TooLarge(f"{len(members)} pages, more than the limit of {max_pages}", path)
    templates = _templates(archive, document, doc_dir)
    pages = []
    for number, member in enumerate(members, start=1):
        content = archive.xml(member)
        reader = _PageReader(number, resources)
        for ref in content:
            if local(ref.tag) == "Template" and ref.get("TemplateID") in templates:
                reader.objects(_child(archive.xml(templates[ref.get("TemplateID")]), "Content") or ET.Element("none"))
        reader.objects(_child(content, "Content") if _child(content, "Content") is not None else content)
        width, height = _page_size(document, content)
        pages.append(Page(number, width, height, glyphs_to_lines(reader.glyphs, number), reader.rules))
    return RawDocument(
        path=path, sha256=sha256, format="ofd", pages=pages, producer=_producer(root),
        engine="ofd", has_geometry=True,
    )


def _producer(root: ET.Element) -> Optional[str]:
    for el in root.iter():
        if local(el.tag) == "Creator" and (el.text or "").strip():
            return el.text.strip()
    return None
