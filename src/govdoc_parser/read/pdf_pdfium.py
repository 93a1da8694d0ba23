"""PDF reader on pypdfium2 (``engine="pdfium"``): the same Glyphs and rules as pdf_plumber, faster.

Calls from Python into C cost about a microsecond each, so the hot loop makes only two per
character (its text object and its box). Everything constant within a text object (font, size,
colour, render mode, matrix, baseline) is read once per object, and the page text comes from
one FPDFText_GetText call.
"""

from __future__ import annotations

import ctypes
import math
from array import array
from typing import Optional

import pypdfium2_raw as pdfium_c  # the bare bindings: the pypdfium2 helpers cost 15 ms to import

from .. import errors
from .pdf_chars import ASCENT, DESCENT, Glyph, em_box, glyphs_to_lines, segment_rules, shape_rules, snap
from .primitives import RGB, Page, RawDocument, Rule

# pdfium ignores a second initialisation, so pypdfium2 (OCR rendering) may still do its own
pdfium_c.FPDF_InitLibraryWithConfig(pdfium_c.FPDF_LIBRARY_CONFIG(version=2, m_pUserFontPaths=None, m_pIsolate=None,
                                                                 m_v8EmbedderSlot=0))

_P, _I, _D, _F = ctypes.c_void_p, ctypes.c_int, ctypes.c_double, ctypes.c_float


def _c(name: str, restype, *argtypes):
    """pdfium's ``name`` with plain pointer arguments: ctypes converts those faster than typed ones."""
    address = ctypes.cast(getattr(pdfium_c, name), _P).value
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_count_chars = _c("FPDFText_CountChars", _I, _P)
_get_text = _c("FPDFText_GetText", _I, _P, _I, _I, _P)
_get_unicode = _c("FPDFText_GetUnicode", ctypes.c_uint, _P, _I)
_text_object = _c("FPDFText_GetTextObject", _P, _P, _I)
_loose_box = _c("FPDFText_GetLooseCharBox", _I, _P, _I, _P)
_char_origin = _c("FPDFText_GetCharOrigin", _I, _P, _I, _P, _P)
_count_objects = _c("FPDFPage_CountObjects", _I, _P)
_get_object = _c("FPDFPage_GetObject", _P, _P, _I)
_form_count = _c("FPDFFormObj_CountObjects", _I, _P)
_form_object = _c("FPDFFormObj_GetObject", _P, _P, ctypes.c_ulong)
_object_type = _c("FPDFPageObj_GetType", _I, _P)
_object_bounds = _c("FPDFPageObj_GetBounds", _I, _P, _P, _P, _P, _P)
_object_matrix = _c("FPDFPageObj_GetMatrix", _I, _P, _P)
_fill_color = _c("FPDFPageObj_GetFillColor", _I, _P, _P, _P, _P, _P)
_stroke_color = _c("FPDFPageObj_GetStrokeColor", _I, _P, _P, _P, _P, _P)
_draw_mode = _c("FPDFPath_GetDrawMode", _I, _P, _P, _P)
_count_segments = _c("FPDFPath_CountSegments", _I, _P)
_get_segment = _c("FPDFPath_GetPathSegment", _P, _P, _I)
_segment_point = _c("FPDFPathSegment_GetPoint", _I, _P, _P, _P)
_segment_type = _c("FPDFPathSegment_GetType", _I, _P)
_mediabox = _c("FPDFPage_GetMediaBox", _I, _P, _P, _P, _P, _P)
_text_matrix = _c("FPDFText_GetMatrix", _I, _P, _I, _P)
_font_size = _c("FPDFText_GetFontSize", _D, _P, _I)
_object_font = _c("FPDFTextObj_GetFont", _P, _P)
_font_name = _c("FPDFFont_GetBaseFontName", ctypes.c_size_t, _P, _P, ctypes.c_size_t)
_render_mode = _c("FPDFTextObj_GetTextRenderMode", _I, _P)
_map_error = _c("FPDFText_HasUnicodeMapError", _I, _P, _I)

_BOLD_MODES = {pdfium_c.FPDF_TEXTRENDERMODE_FILL_STROKE, pdfium_c.FPDF_TEXTRENDERMODE_FILL_STROKE_CLIP}
_MOVETO, _LINETO = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO
_TEXT, _PATH, _FORM = pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
_HYPHEN_MARKS = {0x02: "-", 0xFFFE: "-"}  # str.translate table
_SKIP = ()  # style of a text object that is not read (rotated, mirrored)
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _handle(pointer) -> int:
    return ctypes.cast(pointer, _P).value or 0


class _Scratch:
    """Output arguments of pdfium calls, allocated once per document, with their addresses.

    They are ``array`` buffers: unpacking one is several times faster than a ctypes array.
    """

    def __init__(self):
        self.box = array("f", bytes(16))  # FS_RECTF (left, top, right, bottom), or bounds (l, b, r, t)
        self.matrix = array("f", bytes(24))  # FS_MATRIX a, b, c, d, e, f
        self.point = array("d", bytes(16))
        self.rgba = array("I", bytes(16))
        self.ints = array("i", bytes(8))
        self.name = ctypes.create_string_buffer(128)
        self.box_at, self.matrix_at, self.point_at, self.rgba_at, self.ints_at = (
            x.buffer_info()[0] for x in (self.box, self.matrix, self.point, self.rgba, self.ints)
        )
        self.name_at = ctypes.addressof(self.name)

    def rgb(self, getter, obj: int) -> Optional[RGB]:
        """Colour from a pdfium getter (0..255 RGBA) as RGB in 0..1."""
        at = self.rgba_at
        if not getter(obj, at, at + 4, at + 8, at + 12):
            return None
        r, g, b, _ = self.rgba
        return (r / 255.0, g / 255.0, b / 255.0)


# -- characters ---------------------------------------------------------------------------------


def _page_text(tp: int, n: int) -> list[str] | str:
    """One string per char index; a surrogate pair becomes the whole char and an empty string.

    pdfium marks a hyphen that ends a line as U+0002 or U+FFFE: those become "-".
    """
    buf = (ctypes.c_ushort * (n + 1))()
    got = _get_text(tp, 0, n, buf)
    units = buf[:n]
    if got - 1 == n:
        text = bytes(buf)[: 2 * n].decode("utf-16-le", "surrogatepass")
        if len(text) == n:
            return text.translate(_HYPHEN_MARKS)
    else:  # pdfium left some chars out of the text: ask for each one
        units = [_get_unicode(tp, i) for i in range(n)]
    chars = [chr(u).translate(_HYPHEN_MARKS) for u in units]
    for i in range(n - 1):
        if 0xD800 <= units[i] < 0xDC00 and 0xDC00 <= units[i + 1] < 0xE000:
            chars[i] = chr(0x10000 + ((units[i] - 0xD800) << 10) + units[i + 1] - 0xDC00)
            chars[i + 1] = ""
    return chars


def _style(tp: int, index: int, obj: int, page_top: float, s: _Scratch, fonts: dict) -> tuple:
    """(font, size, colour, bold, top, bottom, unmapped) of a text object; _SKIP if not upright.

    top/bottom are None when the object is rotated: each char then has its own baseline.
    unmapped: the first char seen in the object's font had no Unicode mapping, so each char of
    that font is checked.
    """
    _text_matrix(tp, index, s.matrix_at)
    a, b, c, d, _, f = s.matrix
    if not (a * d > 0 and b * c <= 0):  # pdfminer's "upright": skip vertical and mirrored text
        return _SKIP
    straight = abs(b) < 1e-6 * abs(a)
    size = snap(_font_size(tp, index) * (abs(d) if straight else math.hypot(c, d)))
    handle = _object_font(obj)
    font = fonts.get(handle)
    if font is None:
        length = _font_name(handle, s.name_at, 128)
        name = s.name.raw[: max(length - 1, 0)].decode("utf-8", "replace")
        font = fonts[handle] = (name, _map_error(tp, index) == 1)
    # the matrix moves to the object's start, text rise included: one baseline for the whole
    # object, unless it is rotated
    top, bottom = em_box(page_top - f, size) if straight else (None, None)
    if straight and d < 0:  # upside down (pdfminer's "upright" too): the em box hangs the other way
        top, bottom = snap(page_top - f - DESCENT * size), snap(page_top - f + ASCENT * size)
    bold = _render_mode(obj) in _BOLD_MODES
    return (font[0], size, s.rgb(_fill_color, obj), bold, top, bottom, font[1])


def _glyphs(tp: int, page_top: float, s: _Scratch, styles: dict[int, tuple]) -> list[Glyph]:
    """The page's glyphs; ``styles`` gets the style of each text object met."""
    n = _count_chars(tp)
    if n <= 0:
        return []
    text = _page_text(tp, n)
    fonts: dict[int, tuple] = {}
    glyphs: list[Glyph] = []
    append, text_object, loose_box = glyphs.append, _text_object, _loose_box
    box, box_at = s.box, s.box_at
    last = style = None
    for i in range(n):
        ch = text[i]
        if not ch or ch.isspace():  # pdfium's generated spaces and line breaks are all whitespace
            continue
        obj = text_object(tp, i)
        if obj != last:  # chars come object by object: unpack a style once per run
            last, style = obj, styles.get(obj)
            if style is None:
                style = styles[obj] = _style(tp, i, obj, page_top, s, fonts) if obj else _SKIP
            if style is not _SKIP:
                font, size, color, bold, top, bottom, unmapped = style
                odd, wide = top is None or unmapped, 2.5 * size
        if style is _SKIP:
            continue
        loose_box(tp, i, box_at)
        x0, x1 = box[0], box[2]
        if odd or x1 - x0 > wide:
            ch, x0, x1, y0, y1 = _odd_char(tp, i, ch, x0, x1, style, page_top, s)
        else:
            y0, y1 = top, bottom
        # snap() inlined: this runs for every char
        append(Glyph(ch, (x0 * 100.0 + 0.5) // 1.0 / 100.0, (x1 * 100.0 + 0.5) // 1.0 / 100.0, y0, y1, size,
                     font, color, bold))
    return glyphs


def _odd_char(tp: int, i: int, ch: str, x0: float, x1: float, style: tuple, page_top: float, s: _Scratch):
    """Text and box of a char that is rotated, in a vertical font or maybe unmapped."""
    size, top, bottom, unmapped = style[1], style[4], style[5], style[6]
    if unmapped and _map_error(tp, i) == 1:
        ch = "\ufffd"
    vertical = x1 - x0 > 2.5 * size  # pdfium's box of a vertical-font glyph ignores the matrix
    if top is None or vertical:
        _char_origin(tp, i, s.point_at, s.point_at + 8)
        x, baseline = s.point[0], page_top - s.point[1]
        top, bottom = em_box(baseline, size)
        if vertical:  # the origin is the bottom left of the glyph's em square, as in pdfminer
            x0, x1, top, bottom = x, x + size, snap(baseline - size), snap(baseline)
    return ch, x0, x1, top, bottom


# -- rules --------------------------------------------------------------------------------------


def _multiply(m: tuple, n: tuple) -> tuple:
    """m then n, both (a, b, c, d, e, f)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _matrix(obj: int, s: _Scratch) -> tuple:
    return tuple(s.matrix) if _object_matrix(obj, s.matrix_at) else _IDENTITY


def _subpaths(obj: int, ctm: tuple, s: _Scratch) -> list[list[tuple[float, float]]]:
    """Straight-edged subpaths of a path object as page points (curved ones are dropped)."""
    a, b, c, d, e, f = ctm
    xy, at = s.box, s.box_at
    paths: list[list] = []
    straight = True
    for k in range(_count_segments(obj)):
        seg = _get_segment(obj, k)
        kind = _segment_type(seg)
        _segment_point(seg, at, at + 4)
        x, y = xy[0], xy[1]
        point = (a * x + c * y + e, b * x + d * y + f)
        if kind == _MOVETO or not paths:
            if paths and not straight:
                paths.pop()
            paths.append([point])
            straight = True
        else:
            paths[-1].append(point)
            straight = straight and kind == _LINETO
    if paths and not straight:
        paths.pop()
    return paths


def _rules(page: int, number: int, page_top: float, s: _Scratch, text_objects) -> list[Rule]:
    rules: list[Rule] = []
    at = s.box_at
    todo = [(_get_object(page, i), None) for i in range(_count_objects(page))]
    while todo:
        obj, parent = todo.pop()
        kind = _TEXT if obj in text_objects else _object_type(obj)
        if kind == _FORM:
            ctm = _multiply(_matrix(obj, s), parent or _IDENTITY)
            todo.extend((_form_object(obj, k), ctm) for k in range(_form_count(obj)))
            continue
        if kind != _PATH or not _object_bounds(obj, at, at + 4, at + 8, at + 12):
            continue
        left, low, right, high = s.box
        if parent is None and max(right - left, high - low) < 8.0:
            continue  # too small to hold a rule (inside forms the bounds are in form space)
        _draw_mode(obj, s.ints_at, s.ints_at + 4)
        filled, stroked = s.ints[0] != 0, s.ints[1] != 0
        ctm = _multiply(_matrix(obj, s), parent) if parent else _matrix(obj, s)
        fill = s.rgb(_fill_color, obj) if filled else None
        stroke = s.rgb(_stroke_color, obj)
        for points in _subpaths(obj, ctm, s):
            if len(points) > 6 and stroked and not filled:  # a grid drawn as one long polyline
                rules += segment_rules(number, points, page_top, stroke)
                continue
            if len(points) < 2 or len(points) > 6:
                continue
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            color = fill if filled and len(points) > 2 else stroke
            rules += shape_rules(number, min(xs), max(xs), page_top - max(ys), page_top - min(ys), color,
                                 box_edges=stroked and not filled and len(points) >= 4)
    rules.sort(key=lambda r: (r.top, r.x0))
    return rules


# -- document -----------------------------------------------------------------------------------


def _open(data: bytes, path: str):
    doc = pdfium_c.FPDF_LoadMemDocument64(data, len(data), None)
    if doc:
        return doc
    code = pdfium_c.FPDF_GetLastError()
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        raise errors.Encrypted("the PDF is encrypted with a user password", path)
    if code == pdfium_c.FPDF_ERR_SECURITY:
        raise errors.Encrypted("the PDF uses an unsupported security handler", path)
    if code == pdfium_c.FPDF_ERR_FORMAT:
        raise errors.CorruptFile("the PDF is damaged or truncated", path)
    raise errors.CorruptFile(f"the PDF cannot be opened (pdfium error {code})", path)


def _meta(doc, key: str) -> Optional[str]:
    tag = key.encode("ascii") + b"\0"
    size = pdfium_c.FPDF_GetMetaText(doc, tag, None, 0)
    if size <= 2:
        return None
    buf = ctypes.create_string_buffer(size)
    pdfium_c.FPDF_GetMetaText(doc, tag, buf, size)
    return buf.raw[: size - 2].decode("utf-16-le", "replace") or None


def _load_page(doc, index: int, path: str, s: _Scratch):
    """The page and its media box, turned to how it is displayed when it has a /Rotate.

    Like pdfminer, text is read in display space: the content is transformed by the display
    matrix and the rotation dropped (in memory only), so upright text stays upright.
    """
    page = pdfium_c.FPDF_LoadPage(doc, index)
    if not page:
        raise errors.CorruptFile(f"page {index + 1} cannot be read", path)
    at = s.box_at
    if _mediabox(_handle(page), at, at + 4, at + 8, at + 12):
        x0, y0, x1, y1 = s.box
    else:
        x0, y0, x1, y1 = 0.0, 0.0, pdfium_c.FPDF_GetPageWidthF(page), pdfium_c.FPDF_GetPageHeightF(page)
    turns = pdfium_c.FPDFPage_GetRotation(page) % 4  # quarter turns clockwise
    if not turns:
        return page, (x0, y0, x1, y1)
    display = {1: (0, -1, 1, 0, -y0, x1), 2: (-1, 0, 0, -1, x1, y1), 3: (0, 1, -1, 0, y1, -x0)}[turns]
    pdfium_c.FPDFPage_TransFormWithClip(page, pdfium_c.FS_MATRIX(*display), None)
    width, height = (y1 - y0, x1 - x0) if turns % 2 else (x1 - x0, y1 - y0)
    pdfium_c.FPDFPage_SetMediaBox(page, 0, 0, width, height)
    pdfium_c.FPDFPage_SetCropBox(page, 0, 0, width, height)
    pdfium_c.FPDFPage_SetRotation(page, 0)
    pdfium_c.FPDF_ClosePage(page)  # the page parses its new content when loaded again
    page = pdfium_c.FPDF_LoadPage(doc, index)
    if not page:
        raise errors.CorruptFile(f"page {index + 1} cannot be read", path)
    return page, (0.0, 0.0, width, height)


def _read_page(doc, index: int, path: str, s: _Scratch) -> Page:
    number = index + 1
    page, (x0, y0, x1, y1) = _load_page(doc, index, path, s)
    try:
        textpage = pdfium_c.FPDFText_LoadPage(page)
        if not textpage:
            raise errors.CorruptFile(f"page {number} cannot be read (no text page)", path)
        styles: dict[int, tuple] = {}
        try:
            glyphs = _glyphs(_handle(textpage), y1, s, styles)
        finally:
            pdfium_c.FPDFText_ClosePage(textpage)
        rules = _rules(_handle(page), number, y1, s, styles)  # text objects met need no type check
        return Page(number, x1 - x0, y1 - y0, glyphs_to_lines(glyphs, number), rules)
    finally:
        pdfium_c.FPDF_ClosePage(page)


def read(data: bytes, path: str, sha256: str, *, max_pages: int) -> RawDocument:
    doc = _open(data, path)
    try:
        page_count = pdfium_c.FPDF_GetPageCount(doc)
        if page_count > max_pages:
            raise errors.TooLarge(f"{page_count} pages, more than the limit of {max_pages}", path)
        scratch = _Scratch()
        pages = [_read_page(doc, i, path, scratch) for i in range(page_count)]
        return RawDocument(
            path=path,
            sha256=sha256,
            format="pdf",
            pages=pages,
            producer=_meta(doc, "Producer") or _meta(doc, "Creator"),
            engine="pdfium",
            has_geometry=True,
        )
    finally:
        pdfium_c.FPDF_CloseDocument(doc)
