"""PDF reader on pdfplumber: chars with font, size, colour and position; rules."""

from __future__ import annotations

import io
from typing import Optional

from .. import errors
from .pdf_chars import Glyph, glyphs_to_lines, horizontal_rule, to_rgb
from .primitives import Page, RawDocument, Rule


def _glyphs(page) -> list[Glyph]:
    glyphs = []
    for c in page.chars:
        if not c.get("upright", True):
            continue
        glyphs.append(
            Glyph(
                text=c["text"],
                x0=c["x0"],
                x1=c["x1"],
                top=c["top"],
                bottom=c["bottom"],
                size=c["size"],
                font=c.get("fontname") or "",
                color=to_rgb(c.get("non_stroking_color")),
            )
        )
    return glyphs


def _rules(page, number: int) -> list[Rule]:
    rules = []
    for obj in page.lines:
        rule = horizontal_rule(
            number, obj["x0"], obj["x1"], obj["top"], obj["bottom"], to_rgb(obj.get("stroking_color"))
        )
        if rule:
            rules.append(rule)
    for obj in page.rects:
        color = obj.get("non_stroking_color") if obj.get("fill") else obj.get("stroking_color")
        rule = horizontal_rule(number, obj["x0"], obj["x1"], obj["top"], obj["bottom"], to_rgb(color))
        if rule:
            rules.append(rule)
    return rules


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
            page_count = len(pdf.pages)
        except Exception as exc:
            raise errors.CorruptFile(f"the PDF page tree is damaged ({type(exc).__name__})", path) from exc
        if page_count > max_pages:
            raise errors.TooLarge(f"{page_count} pages, more than the limit of {max_pages}", path)
        pages = []
        for number, page in enumerate(pdf.pages, start=1):
            try:
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
        pdf.close()
