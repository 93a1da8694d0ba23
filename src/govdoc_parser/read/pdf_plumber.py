"""PDF reader on pdfplumber: chars with font, size, colour and position; rules."""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Optional

from .. import errors
from . import pdf_guard
from .pdf_chars import ASCENT, DESCENT, Glyph, glyphs_to_lines, shape_rules, snap, to_rgb
from .primitives import Page, RawDocument, Rule


def _glyphs(page) -> list[Glyph]:
    glyphs = []
    for c in page.chars:
        if not c.get("upright", True):
            continue
        glyphs.append(
            Glyph(
                text=c["text"],
                x0=snap(c["x0"]),
                x1=snap(c["x1"]),
                top=snap(c["top"]),
                bottom=snap(c["bottom"]),
                size=snap(c["size"]),
                font=c.get("fontname") or "",
                color=to_rgb(c.get("non_stroking_color")),
            )
        )
    return glyphs


@lru_cache(maxsize=None)
def _device_class():
    """pdfplumber's layout device with two fixes, so that chars sit where pdfium puts them.

    - Character spacing (Tc) follows every glyph: pdfminer adds it only between the glyphs of
      one string (pdfminer.six issue #1128), so each Tj of a justified line started Tc too far left.
    - A horizontal glyph's box is its em box (pdf_chars.ASCENT/DESCENT around the baseline), not
      one placed by the font's declared Descent, which producers often leave at 0 (LibreOffice).
    """
    from pdfminer.utils import apply_matrix_rect, translate_matrix
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class Device(PDFPageAggregatorWithMarkedContent):
        def render_string_horizontal(self, seq, matrix, pos, font, fontsize, scaling, charspace, wordspace,
                                     rise, dxscale, ncs, graphicstate):
            x, y = pos
            for obj in seq:
                if isinstance(obj, (int, float)):
                    x -= obj * dxscale
                elif isinstance(obj, bytes):
                    for cid in font.decode(obj):
                        x += self.render_char(translate_matrix(matrix, (x, y)), font, fontsize, scaling, rise,
                                              cid, ncs, graphicstate)
                        x += charspace + (wordspace if cid == 32 else 0.0)
            return (x, y)

        def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
            adv = super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)
            if not font.is_vertical():
                item = self.cur_item._objs[-1]
                em = (0.0, rise - DESCENT * fontsize, item.adv, rise + ASCENT * fontsize)
                item.set_bbox(apply_matrix_rect(matrix, em))
            return adv

    return Device


def _lay_out(pdf, page) -> None:
    """Fill pdfplumber's layout cache of ``page`` using _device_class()."""
    from pdfminer.pdfinterp import PDFPageInterpreter

    device = _device_class()(pdf.rsrcmgr, pageno=page.page_number, laparams=pdf.laparams)
    PDFPageInterpreter(pdf.rsrcmgr, device).process_page(page.page_obj)
    page._layout = device.get_result()


def _rules(page, number: int) -> list[Rule]:
    # pdfminer calls a straight-edged shape that is not exactly axis-aligned (a red bar 0.05 pt
    # askew) a curve; such shapes with few corners can be rules too, as they are for pdfium.
    straight = [c for c in page.curves if len(c["pts"]) <= 6 and all(s[0] in "mlh" for s in c["path"])]
    rules = []
    for obj in page.lines + page.rects + straight:
        filled = obj["object_type"] != "line" and obj.get("fill")
        color = obj.get("non_stroking_color") if filled else obj.get("stroking_color")
        stroked_box = obj["object_type"] == "rect" and not filled and obj.get("stroke")
        rules += shape_rules(number, obj["x0"], obj["x1"], obj["top"], obj["bottom"], to_rgb(color),
                             box_edges=bool(stroked_box))
    return sorted(rules, key=lambda r: (r.top, r.x0))


def _producer(metadata: dict) -> Optional[str]:
    for key in ("Producer", "Creator"):
        value = metadata.get(key)
        if isinstance(value, bytes):
            value = value.decode("latin-1", "replace")
        if value:
            return str(value)
    return None


def _open(data: bytes, path: str):
    import pdfplumber

    pdf_guard.bound_pdfminer_inflate()  # here, not for every PDF: pdfminer loads only for this engine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfplumber wraps pdfminer's many exception types
        causes = _causes(exc)
        if any(isinstance(c, (PDFPasswordIncorrect, PDFEncryptionError)) for c in causes):
            raise errors.Encrypted("the PDF is encrypted with a user password", path) from exc
        if any(isinstance(c, PDFSyntaxError) for c in causes):
            raise errors.CorruptFile("the PDF is damaged or truncated", path) from exc
        raise errors.CorruptFile(f"the PDF cannot be opened ({type(causes[-1]).__name__})", path) from exc


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception, its chained causes and exceptions passed as its arguments."""
    found, todo = [], [exc]
    while todo:
        current = todo.pop()
        if current is None or current in found:
            continue
        found.append(current)
        todo.extend(a for a in current.args if isinstance(a, BaseException))
        todo.extend([current.__cause__, current.__context__])
    return found


def read(data: bytes, path: str, sha256: str, *, max_pages: int) -> RawDocument:
    pdf = _open(data, path)
    try:
        try:
            pdf_guard.count_pages(pdf.doc, max_pages, path)  # before pdfplumber walks the whole tree
            page_count = len(pdf.pages)
        except errors.GovdocError:
            raise
        except Exception as exc:
            raise errors.CorruptFile(f"the PDF page tree is damaged ({type(exc).__name__})", path) from exc
        if page_count > max_pages:
            raise errors.TooLarge(f"{page_count} pages, more than the limit of {max_pages}", path)
        pages = []
        for number, page in enumerate(pdf.pages, start=1):
            try:
                _lay_out(pdf, page)
                lines = glyphs_to_lines(_glyphs(page), number)
                rules = _rules(page, number)
            except errors.GovdocError:
                raise
            except Exception as exc:
                raise errors.CorruptFile(
                    f"page {number} cannot be read ({type(exc).__name__})", path
                ) from exc
            pages.append(Page(number, float(page.width), float(page.height), lines, rules))
        return RawDocument(
            path=path,
            sha256=sha256,
            format="pdf",
            pages=pages,
            producer=_producer(pdf.metadata or {}),
            engine="pdfplumber",
            has_geometry=True,
        )
    finally:
        pdf_guard.close(pdf)
