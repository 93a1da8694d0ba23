"""DOCX reader (zipfile + ElementTree): paragraphs in order, run styles, borders as rules.

A DOCX has no page geometry: where a line falls on a page is decided by the word
processor at print time. So the reader does not invent boxes. It gives one Line per
paragraph (or per manual line break) with ``line_no`` = the paragraph's ordinal, its
dominant font size, colour and weight, ``markup`` from heading styles (``h1``..``h6``) or
an all-bold paragraph, and ``blank_before`` for empty paragraphs, and the layout stage
treats it like a text input. Word already tells where paragraphs start and end, which is
what the geometric stage has to guess from PDF lines; the red colour of the 发文机关标志
and the sizes stay available to the element parsers, and provenance stays honest
(paragraph numbers, not made-up boxes).

Order: body paragraphs, table cells row by row, text boxes (``w:txbxContent``) just
before the paragraph that anchors them, one branch of each ``mc:AlternateContent``.
Headers and footers are page furniture (running titles, page numbers) and are not read
into the lines. Paragraph borders (``w:pBdr``), table top/bottom borders and line shapes
become Rules; without geometry their ``top``/``bottom`` hold the paragraph ordinal they
sit under, and ``x1`` the rule's width in points.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterator, Optional
from xml.etree import ElementTree as ET

import regex

from .. import errors
from ..text import numerals
from .container import Archive, local
from .normalize import clean_line
from .primitives import RGB, GridCell, Line, Page, RawDocument, Rule, TableGrid

_EMU_PER_PT = 12700
_TWIPS_PER_PT = 20
_DEFAULT_WIDTH = 156 * 72 / 25.4
_NAMED_COLORS = {"red": (1.0, 0.0, 0.0), "black": (0.0, 0.0, 0.0), "darkred": (0.55, 0.0, 0.0)}
_HEADING_NAME = regex.compile(r"^(?:heading|标题)\s*([1-6])$", regex.IGNORECASE)
_CONTAINERS = {"hyperlink", "smartTag", "ins", "sdt", "sdtContent", "customXml", "fldSimple", "bdo", "dir", "moveTo"}
_SKIPPED = {"del", "moveFrom", "pPr", "rPr", "instrText", "delText", "proofErr", "bookmarkStart", "bookmarkEnd"}


def _attr(el: Optional[ET.Element], name: str) -> Optional[str]:
    if el is None:
        return None
    for key, value in el.attrib.items():
        if key == name or key.endswith("}" + name):
            return value
    return None


def _child(el: Optional[ET.Element], name: str) -> Optional[ET.Element]:
    if el is None:
        return None
    for c in el:
        if local(c.tag) == name:
            return c
    return None


def _on(el: Optional[ET.Element]) -> Optional[bool]:
    """A toggle property (``<w:b/>``, ``<w:b w:val="0"/>``); None when absent."""
    if el is None:
        return None
    return (_attr(el, "val") or "true").lower() not in ("0", "false", "off", "none")


def hex_color(value: Optional[str]) -> Optional[RGB]:
    """``FF0000`` / ``#ff0000`` / ``red`` / ``auto`` to RGB 0..1 (auto is black).

    >>> hex_color("FF0000"), hex_color("auto"), hex_color("#e00")
    ((1.0, 0.0, 0.0), (0.0, 0.0, 0.0), (0.9333333333333333, 0.0, 0.0))
    """
    if not value:
        return None
    value = value.strip().lstrip("#").lower()
    if value == "auto":
        return (0.0, 0.0, 0.0)
    if value in _NAMED_COLORS:
        return _NAMED_COLORS[value]
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    if len(value) != 6 or not regex.fullmatch(r"[0-9a-f]{6}", value):
        return None
    return tuple(int(value[i : i + 2], 16) / 255.0 for i in (0, 2, 4))  # type: ignore[return-value]


@dataclass(frozen=True)
class RunStyle:
    size: Optional[float] = None
    color: Optional[RGB] = None
    bold: Optional[bool] = None
    hidden: Optional[bool] = None
    font: Optional[str] = None

    def over(self, rpr: Optional[ET.Element]) -> "RunStyle":
        """This style with the properties set in ``rpr`` on top."""
        if rpr is None:
            return self
        size = _attr(_child(rpr, "sz"), "val")
        fonts = _child(rpr, "rFonts")
        return RunStyle(
            size=float(size) / 2 if size and size.replace(".", "", 1).isdigit() else self.size,
            color=hex_color(_attr(_child(rpr, "color"), "val")) or self.color,
            bold=_on(_child(rpr, "b")) if _child(rpr, "b") is not None else self.bold,
            hidden=_on(_child(rpr, "vanish")) if _child(rpr, "vanish") is not None else self.hidden,
            font=(_attr(fonts, "eastAsia") or _attr(fonts, "ascii")) if fonts is not None else self.font,
        )


@dataclass
class Styles:
    """styles.xml: document defaults and the basedOn chains of paragraph and run styles."""

    default: RunStyle = field(default_factory=RunStyle)
    by_id: dict[str, ET.Element] = field(default_factory=dict)
    default_paragraph: Optional[str] = None

    @classmethod
    def load(cls, root: Optional[ET.Element]) -> "Styles":
        styles = cls()
        if root is None:
            return styles
        defaults = _child(root, "docDefaults")
        styles.default = RunStyle().over(_child(_child(defaults, "rPrDefault"), "rPr"))
        for el in root:
            if local(el.tag) == "style" and _attr(el, "styleId"):
                styles.by_id[_attr(el, "styleId")] = el
                if _attr(el, "type") == "paragraph" and _attr(el, "default") in ("1", "true"):
                    styles.default_paragraph = _attr(el, "styleId")
        return styles

    def chain(self, style_id: Optional[str]) -> list[ET.Element]:
        """The style and its ancestors, root first."""
        found: list[ET.Element] = []
        while style_id and style_id in self.by_id and len(found) < 20:
            style = self.by_id[style_id]
            if style in found:
                break
            found.append(style)
            style_id = _attr(_child(style, "basedOn"), "val")
        return found[::-1]

    def run_style(self, base: RunStyle, style_id: Optional[str]) -> RunStyle:
        for style in self.chain(style_id):
            base = base.over(_child(style, "rPr"))
        return base

    def heading_level(self, style_id: Optional[str], ppr: Optional[ET.Element]) -> Optional[int]:
        outline = _attr(_child(ppr, "outlineLvl"), "val")
        for style in self.chain(style_id):
            name = (_attr(_child(style, "name"), "val") or "").strip()
            if name.lower() == "title":
                return 1
            if m := _HEADING_NAME.match(name):
                return int(m.group(1))
            outline = outline or _attr(_child(_child(style, "pPr"), "outlineLvl"), "val")
        if outline and outline.isdigit() and int(outline) < 6:
            return int(outline) + 1
        return None

    def borders(self, style_id: Optional[str], ppr: Optional[ET.Element]) -> dict[str, Optional[RGB]]:
        found: dict[str, Optional[RGB]] = {}
        for holder in [_child(s, "pPr") for s in self.chain(style_id)] + [ppr]:
            for edge in list(_child(holder, "pBdr") or []):
                if local(edge.tag) in ("top", "bottom"):
                    found[local(edge.tag)] = _border_color(edge)
        return {k: v for k, v in found.items() if v is not None}


def _border_color(edge: ET.Element) -> Optional[RGB]:
    """The colour of a drawn border, None for ``nil``/``none``."""
    if (_attr(edge, "val") or "nil") in ("nil", "none"):
        return None
    return hex_color(_attr(edge, "color")) or (0.0, 0.0, 0.0)


def chinese_number(n: int) -> str:
    """Word's ``chineseCounting`` numerals (``text.numerals.format``).

    >>> chinese_number(1), chinese_number(10), chinese_number(12), chinese_number(20), chinese_number(105)
    ('一', '十', '十二', '二十', '一百零五')
    """
    return numerals.format(n)


def format_number(n: int, fmt: str) -> str:
    """One level's counter in a Word number format (``decimal``, ``chineseCounting`` ...)."""
    if fmt.startswith(("chineseCounting", "japaneseCounting", "ideographDigital", "taiwaneseCounting")):
        return chinese_number(n)
    if fmt == "ideographTraditional":
        return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10]
    if fmt.startswith("decimalEnclosedCircle") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        roman = ""
        for value, symbol in [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                              (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]:
            roman += symbol * (n // value)
            n %= value
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("none", "bullet"):
        return ""
    if fmt == "decimalFullWidth":
        return str(n).translate({ord(d): chr(0xFF10 + int(d)) for d in "0123456789"})
    return str(n)


@dataclass
class Numbering:
    """numbering.xml: list numbers that Word draws but does not store in the text."""

    levels: dict[str, dict[int, tuple[int, str, str, str]]] = field(default_factory=dict)  # numId -> ilvl -> (start, fmt, text, suffix)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Optional[ET.Element]) -> "Numbering":
        numbering = cls()
        if root is None:
            return numbering
        abstract = {}
        for el in root:
            if local(el.tag) == "abstractNum":
                lvls = {}
                for lvl in el:
                    if local(lvl.tag) == "lvl" and (_attr(lvl, "ilvl") or "").isdigit():
                        start = _attr(_child(lvl, "start"), "val") or "1"
                        lvls[int(_attr(lvl, "ilvl"))] = (
                            int(start) if start.isdigit() else 1,
                            _attr(_child(lvl, "numFmt"), "val") or "decimal",
                            _attr(_child(lvl, "lvlText"), "val") or "",
                            _attr(_child(lvl, "suff"), "val") or "tab",
                        )
                abstract[_attr(el, "abstractNumId")] = lvls
        for el in root:
            if local(el.tag) == "num":
                numbering.levels[_attr(el, "numId") or ""] = abstract.get(_attr(_child(el, "abstractNumId"), "val"), {})
        return numbering

    def label(self, num_id: Optional[str], ilvl: int) -> str:
        """The next label of list ``num_id`` at level ``ilvl`` (``一、``, ``（二）``, ``3.``)."""
        levels = self.levels.get(num_id or "", {})
        if ilvl not in levels:
            return ""
        counts = self.counters.setdefault(num_id or "", {})
        counts[ilvl] = counts.get(ilvl, levels[ilvl][0] - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        _, fmt, text, suffix = levels[ilvl]
        if fmt == "bullet":
            return ""

        def number(m: regex.Match) -> str:
            level = int(m.group(1)) - 1
            start, level_fmt = levels.get(level, (1, "decimal", "", ""))[:2]
            return format_number(counts.get(level, start), level_fmt)

        label = regex.sub(r"%([1-9])", number, text).strip()
        return label + (" " if label and suffix != "nothing" and label[-1].isascii() and label[-1] != "." else "")


@dataclass
class _Char:
    text: str
    style: RunStyle


@dataclass
class _Reader:
    styles: Styles
    numbering: Numbering
    width: float
    lines: list[Line] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    paragraphs: int = 0
    blank: bool = False
    autonumbered: int = 0
    table_number: Optional[int] = None  # the data table being read
    tables_seen: int = 0
    grids: list[TableGrid] = field(default_factory=list)

    # -- block level -------------------------------------------------------------
    def blocks(self, parent: ET.Element) -> None:
        for el in parent:
            name = local(el.tag)
            if name == "p":
                self.paragraph(el)
            elif name == "tbl":
                self.table(el)
            elif name == "AlternateContent":
                self.blocks(_branch(el))
            elif name in ("sdt", "sdtContent", "customXml", "txbxContent", "ins"):
                self.blocks(el)

    def table(self, tbl: ET.Element) -> None:
        borders = {local(e.tag): _border_color(e) for e in list(_child(_child(tbl, "tblPr"), "tblBorders") or [])}
        if borders.get("top"):
            self.rule(borders["top"], self.width, after=self.paragraphs)
        outer = self.table_number
        if self.table_number is None and _is_data_table(tbl):  # a layout table (版记, 文号 and 签发人) is not
            self.table_number = self.tables_seen
            self.tables_seen += 1
            self.grids.append(self.table_grid(tbl, self.table_number))
        else:
            self.table_rows(tbl)
        self.table_number = outer
        if borders.get("bottom"):
            self.rule(borders["bottom"], self.width, after=self.paragraphs)

    def table_rows(self, tbl: ET.Element) -> None:
        for row in tbl:
            if local(row.tag) == "tr":
                for cell in _row_cells(row):
                    self.blocks(cell)

    def table_grid(self, tbl: ET.Element, number: int) -> TableGrid:
        """Read a data table cell by cell: grid columns from w:gridSpan (and w:gridBefore),
        rows merged by w:vMerge; a cell's text is its paragraphs joined, whitespace removed."""
        cells: list[GridCell] = []
        open_cells: dict[int, GridCell] = {}  # grid column -> the cell a vMerge continues
        rows = [r for r in tbl if local(r.tag) == "tr"]
        n_cols = 0
        for r, row in enumerate(rows):
            col = int(_attr(_child(_child(row, "trPr"), "gridBefore"), "val") or 0)
            for tc in _row_cells(row):
                tcpr = _child(tc, "tcPr")
                span = int(_attr(_child(tcpr, "gridSpan"), "val") or 1)
                merge = _child(tcpr, "vMerge")
                first = len(self.lines)
                self.blocks(tc)
                text = regex.sub(r"\s+", "", "".join(l.text for l in self.lines[first:]))
                if merge is not None and _attr(merge, "val") in (None, "continue") and col in open_cells:
                    above = open_cells[col]
                    above.row_span = r - above.row + 1
                    above.text += text
                else:
                    line_no = self.lines[first].line_no if len(self.lines) > first else None
                    cell = GridCell(row=r, col=col, text=text, col_span=span, line_no=line_no)
                    cells.append(cell)
                    open_cells[col] = cell
                col += span
            n_cols = max(n_cols, col)
        return TableGrid(number=number, n_rows=len(rows), n_cols=n_cols, cells=cells)

    def rule(self, color: Optional[RGB], width: float, after: int) -> None:
        self.rules.append(Rule(page=1, x0=0.0, x1=width, top=float(after), bottom=float(after), color=color))

    def paragraph(self, p: ET.Element) -> None:
        ppr = _child(p, "pPr")
        style_id = _attr(_child(ppr, "pStyle"), "val") or self.styles.default_paragraph
        base = self.styles.run_style(self.styles.default, style_id)
        for box, shapes in list(_objects(p)):
            if box is not None:
                self.blocks(box)
            for color, width in shapes:
                self.rule(color, width, after=self.paragraphs)
        self.paragraphs += 1
        number = self.paragraphs
        label = self.list_label(style_id, ppr)
        borders = self.styles.borders(style_id, ppr)
        if "top" in borders:
            self.rule(borders["top"], self.width, after=number - 1)
        level = self.styles.heading_level(style_id, ppr)
        lines = _split_lines(list(_chars(p, base, self.styles)))
        if label and any(c.text.strip() for c in lines[0]):
            lines[0][:0] = [_Char(label, lines[0][0].style)]
        for chars in lines:
            self.add_line(chars, number, level)
        if "bottom" in borders:
            self.rule(borders["bottom"], self.width, after=number)

    def list_label(self, style_id: Optional[str], ppr: Optional[ET.Element]) -> str:
        """The list number Word draws before the paragraph (numPr of the paragraph or its style)."""
        num_id, ilvl = None, None
        for holder in [_child(s, "pPr") for s in self.styles.chain(style_id)] + [ppr]:
            numpr = _child(holder, "numPr")
            num_id = _attr(_child(numpr, "numId"), "val") or num_id
            ilvl = _attr(_child(numpr, "ilvl"), "val") or ilvl
        if num_id in (None, "0"):
            return ""
        self.autonumbered += 1
        return self.numbering.label(num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0)

    def add_line(self, chars: list[_Char], number: int, level: Optional[int]) -> None:
        visible = [c for c in chars if not c.style.hidden]
        text = regex.sub(r"[\t ]{2,}|\t", " ", "".join(c.text for c in visible))
        text = clean_line(text)
        if not text:
            self.blank = True
            return
        styled = [c for c in visible if regex.match(r"\p{Han}", c.text)] or [c for c in visible if c.text.strip()]
        bold_share = sum(1 for c in styled if c.style.bold) / max(len(styled), 1)
        markup = f"h{level}" if level else ("bold" if bold_share == 1.0 else None)
        self.lines.append(
            Line(
                text=text,
                size=_mode([c.style.size for c in styled]),
                font=_mode([c.style.font for c in styled]),
                color=_mode([c.style.color for c in styled]) or (0.0, 0.0, 0.0),
                bold=bold_share > 0.5,
                line_no=number,
                markup=markup,
                blank_before=self.blank,
                table=self.table_number,
            )
        )
        self.blank = False


def _row_cells(row: ET.Element):
    for cell in row:
        if local(cell.tag) == "tc":
            yield cell
        elif local(cell.tag) in ("sdt", "customXml"):
            yield from (tc for tc in cell.iter() if local(tc.tag) == "tc")


def _is_data_table(tbl: ET.Element) -> bool:
    """Two rows and two columns at least: a table of data, not one that only places text."""
    rows = [r for r in tbl if local(r.tag) == "tr"]
    return len(rows) >= 2 and max((sum(local(c.tag) == "tc" for c in r) for r in rows), default=0) >= 2


def _mode(values: list):
    counts = Counter(v for v in values if v is not None)
    return counts.most_common(1)[0][0] if counts else None


def _branch(alternate: ET.Element) -> ET.Element:
    """One branch of ``mc:AlternateContent``: the first Choice, else the Fallback."""
    for name in ("Choice", "Fallback"):
        chosen = _child(alternate, name)
        if chosen is not None:
            return chosen
    return ET.Element("empty")


def _objects(p: ET.Element) -> Iterator[tuple[Optional[ET.Element], list[tuple[Optional[RGB], float]]]]:
    """Text boxes and line shapes drawn in a paragraph's runs (one AlternateContent branch)."""
    todo = list(p)[::-1]
    while todo:
        el = todo.pop()
        name = local(el.tag)
        if name == "txbxContent":
            yield el, []
            continue
        if name == "AlternateContent":
            todo.append(_branch(el))
            continue
        shape = _line_shape(el)
        if shape is not None:
            yield None, [shape]
        todo.extend(list(el)[::-1])


def _line_shape(el: ET.Element) -> Optional[tuple[Optional[RGB], float]]:
    """A straight horizontal line drawn as a DrawingML or VML shape: (colour, width pt)."""
    name = local(el.tag)
    if name == "wsp":
        geometry = next((g for g in el.iter() if local(g.tag) == "prstGeom"), None)
        if _attr(geometry, "prst") not in ("line", "straightConnector1"):
            return None
        ext = next((x for x in el.iter() if local(x.tag) == "ext" and _attr(x, "cx")), None)
        width = int(_attr(ext, "cx") or 0) / _EMU_PER_PT
        line = next((x for x in el.iter() if local(x.tag) == "ln"), None)
        rgb = next((x for x in (line.iter() if line is not None else []) if local(x.tag) == "srgbClr"), None)
        return hex_color(_attr(rgb, "val")) or (0.0, 0.0, 0.0), width
    if name == "line" and _attr(el, "from") is not None:
        x0 = _pt(_attr(el, "from").split(",")[0])
        x1 = _pt((_attr(el, "to") or "0,0").split(",")[0])
        return hex_color(_attr(el, "strokecolor")) or (0.0, 0.0, 0.0), abs(x1 - x0)
    return None


def _pt(value: str) -> float:
    """A VML length (``12pt``, ``3.5mm``, ``1in``, bare = px) in points."""
    m = regex.match(r"\s*(-?[\d.]+)\s*([a-z]*)", value or "")
    if not m:
        return 0.0
    number, unit = float(m.group(1)), m.group(2)
    return number * {"pt": 1, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72, "px": 0.75, "": 0.75}.get(unit, 1)


def _chars(p: ET.Element, base: RunStyle, styles: Styles) -> Iterator[_Char]:
    """The characters of a paragraph with their run style; ``\\n`` marks a line break."""
    in_instruction = [False]  # between a complex field's begin and separate: its code, not text

    def walk(el: ET.Element) -> Iterator[_Char]:
        for child in el:
            name = local(child.tag)
            if name == "r":
                yield from run(child)
            elif name == "AlternateContent":
                yield from walk(_branch(child))
            elif name in _CONTAINERS:
                yield from walk(child)

    def run(r: ET.Element) -> Iterator[_Char]:
        rpr = _child(r, "rPr")
        style = styles.run_style(base, _attr(_child(rpr, "rStyle"), "val")).over(rpr)
        for child in r:
            name = local(child.tag)
            if name == "fldChar":
                kind = _attr(child, "fldCharType")
                in_instruction[0] = kind == "begin" or (in_instruction[0] and kind not in ("separate", "end"))
            elif in_instruction[0]:
                continue
            elif name == "t":
                yield _Char(child.text or "", style)
            elif name == "tab" or name == "ptab":
                yield _Char("\t", style)
            elif name in ("br", "cr") and _attr(child, "type") not in ("page", "column"):
                yield _Char("\n", style)
            elif name == "noBreakHyphen":
                yield _Char("-", style)
            elif name == "sym" and _attr(child, "char"):
                code = int(_attr(child, "char"), 16)
                if code < 0xF000:
                    yield _Char(chr(code), style)

    yield from walk(p)


def _split_lines(chars: list[_Char]) -> list[list[_Char]]:
    lines: list[list[_Char]] = [[]]
    for c in chars:
        if c.text == "\n":
            lines.append([])
        else:
            lines[-1].append(c)
    return lines


def _relationships(archive: Archive, part: str) -> dict[str, tuple[str, str]]:
    """Id -> (type suffix, resolved target) from the part's ``_rels`` file."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if not archive.has(rels):
        return {}
    found = {}
    for rel in archive.xml(rels):
        target = _attr(rel, "Target") or ""
        if _attr(rel, "TargetMode") == "External":
            continue
        kind = (_attr(rel, "Type") or "").rsplit("/", 1)[-1]
        resolved = archive.resolve(target, folder)
        if resolved:
            found[_attr(rel, "Id") or ""] = (kind, resolved)
    return found


def _text_width(body: ET.Element) -> float:
    """Text column width from the last section's page size and margins, in points."""
    sect = _child(body, "sectPr")
    try:
        page = float(_attr(_child(sect, "pgSz"), "w"))
        margins = _child(sect, "pgMar")
        return (page - float(_attr(margins, "left")) - float(_attr(margins, "right"))) / _TWIPS_PER_PT
    except (TypeError, ValueError):
        return _DEFAULT_WIDTH


def read(data: bytes, path: str, sha256: str) -> RawDocument:
    archive = Archive(data, path, "DOCX")
    main = next((t for k, t in _relationships(archive, "").values() if k == "officeDocument"), None)
    main = main or archive.resolve("word/document.xml")
    if main is None:
        raise errors.WrongFormat("a ZIP file without a Word document part", path)
    root = archive.xml(main)
    body = _child(root, "body")
    if body is None:
        raise errors.CorruptFile("the Word document has no body", path)
    parts = {k: t for k, t in _relationships(archive, main).values()}
    styles = Styles.load(archive.xml(parts["styles"]) if "styles" in parts else None)
    numbering = Numbering.load(archive.xml(parts["numbering"]) if "numbering" in parts else None)
    reader = _Reader(styles, numbering, _text_width(body))
    reader.blocks(body)
    warnings = []
    if reader.autonumbered:
        warnings.append(("DOCX_LIST_NUMBERS", f"{reader.autonumbered} list numbers computed from numbering.xml, as Word draws them"))
    if not reader.lines:
        raise errors.EmptyFile("the Word document has no text", path)
    return RawDocument(
        path=path,
        sha256=sha256,
        format="docx",
        pages=[Page(number=1, lines=reader.lines, rules=reader.rules)],
        tables=reader.grids,
        producer=_producer(archive),
        engine="docx",
        warnings=warnings,
    )


def _producer(archive: Archive) -> Optional[str]:
    if not archive.has("docProps/app.xml"):
        return None
    try:
        app = archive.xml("docProps/app.xml")
    except errors.GovdocError:
        return None
    name = (_child(app, "Application").text or "").strip() if _child(app, "Application") is not None else ""
    version = _child(app, "AppVersion")
    return " ".join(x for x in (name, (version.text or "").strip() if version is not None else "") if x) or None
