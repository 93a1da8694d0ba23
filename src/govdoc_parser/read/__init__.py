"""Stage 1, read: a file becomes a RawDocument of pages of Lines (see primitives)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import regex

from .. import errors, limits
from . import pdf_guard
from .primitives import Line, Page, RawDocument, Rule

__all__ = ["read_document", "sniff", "Line", "Page", "RawDocument", "Rule"]

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
ENGINES = ("pdfium", "pdfplumber")
DEFAULT_ENGINE = "pdfium"  # about 4 times faster than pdfplumber (bench_parse.py), same Report (test_engine_parity.py)


def sniff(data: bytes) -> str:
    """Name the format from the first bytes, whatever the file is called.

    >>> sniff(b"%PDF-1.7 ..."), sniff(b"PK\\x03\\x04..."), sniff(b"<!DOCTYPE html>"), sniff("公文".encode())
    ('pdf', 'zip', 'html', 'text')
    """
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    lowered = head[:200].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in lowered:
        return "html"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        return "image"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    return "text"


def _describe(kind: str) -> str:
    return {
        "zip": "a ZIP container (DOCX/OFD?)",
        "ole": "an old Word/WPS binary file",
        "html": "an HTML page",
        "image": "an image",
        "text": "text",
        "pdf": "a PDF",
        "rtf": "an RTF document",
    }.get(kind, kind)


# What a file's suffix promises; a file whose content is another kind is refused as
# wrong_format. Other suffixes (or none) are read by their content.
EXPECTED_KINDS = {
    ".pdf": {"pdf"},
    ".docx": {"zip"}, ".dotx": {"zip"}, ".ofd": {"zip"},
    ".doc": {"ole", "zip", "html", "rtf"}, ".wps": {"ole", "zip"},  # Word saves HTML and RTF as .doc too
    ".txt": {"text"}, ".text": {"text"}, ".md": {"text"}, ".markdown": {"text"}, ".csv": {"text"},
    ".html": {"html", "text"}, ".htm": {"html", "text"}, ".xhtml": {"html", "text"},
    ".png": {"image"}, ".jpg": {"image"}, ".jpeg": {"image"}, ".tif": {"image"}, ".tiff": {"image"},
    ".gif": {"image"},
}


def read_document(
    path: str | Path, *, engine: str = DEFAULT_ENGINE, max_pages: int = 2000, ocr: bool = True
) -> RawDocument:
    """Read any supported file. ``ocr``: read pages without a text layer by OCR when the
    OCR extra is installed (image inputs always need it)."""
    return valid_unicode(_read(path, engine, max_pages, ocr))


_SURROGATE = regex.compile(r"[\ud800-\udfff]")


def valid_unicode(raw: RawDocument) -> RawDocument:
    """Lone UTF-16 surrogates (a damaged font map or text stream) become U+FFFD, with a warning:
    every later stage and the JSON output need valid Unicode. A path from a file name that is
    not UTF-8 keeps its bytes, as ``\\xNN`` escapes."""
    replaced = 0
    for page in raw.pages:
        for line in page.lines:
            if _SURROGATE.search(line.text):
                line.text, count = _SURROGATE.subn("\ufffd", line.text)
                replaced += count
    if replaced:
        raw.warnings.append(("INVALID_UNICODE", f"{replaced} characters were not valid Unicode; replaced by U+FFFD"))
    if _SURROGATE.search(raw.path):  # a file name that is not UTF-8: its bytes as \xNN
        try:
            raw.path = raw.path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # surrogates that stand for no byte
            raw.path = raw.path.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw


def _read(path: str | Path, engine: str, max_pages: int, ocr: bool) -> RawDocument:
    path = Path(path)
    name = str(path)
    data = _read_bytes(path)
    if not data.strip(b" \t\r\n\x0b\x0c\x00"):  # zero bytes: a download that never arrived
        raise errors.EmptyFile("the file is empty (nothing but blanks or zero bytes)", name)
    sha256 = hashlib.sha256(data).hexdigest()
    kind = sniff(data)
    suffix = path.suffix.lower()
    if kind not in EXPECTED_KINDS.get(suffix, {kind}):
        raise errors.WrongFormat(f"named {suffix} but the content is {_describe(kind)}", name)
    if kind in ("text", "html") and len(data) > limits.MAX_TEXT_BYTES:
        raise errors.TooLarge(f"{len(data) // limits.MB} MB of {_describe(kind)}, more than the limit of "
                              f"{limits.MAX_TEXT_BYTES // limits.MB} MB", name)
    if kind == "pdf":
        return _read_pdf(data, name, sha256, engine, max_pages, ocr)
    if kind == "text":
        from . import text

        return text.read(data, name, sha256, markdown_hint=suffix in {".md", ".markdown"})
    if kind == "html":
        from . import html

        return html.read(data, name, sha256)
    if kind == "zip":
        return _read_zip(data, name, sha256, max_pages)
    if kind == "image":
        if not ocr:
            raise errors.NoTextLayer("an image has no text layer and OCR is switched off", name)
        from . import ocr as ocr_reader

        return ocr_reader.read_image(data, name, sha256, max_pages=max_pages)
    if kind == "ole" or (kind == "rtf" and suffix == ".doc"):  # Word saves RTF as .doc too
        from . import convert

        return convert.read(data, name, sha256, suffix, kind)
    raise errors.UnsupportedFormat(f"{_describe(kind)} is not supported yet", name)


def _read_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > limits.MAX_FILE_BYTES:
            raise errors.TooLarge(f"{path.stat().st_size // limits.MB} MB, more than the limit of "
                                  f"{limits.MAX_FILE_BYTES // limits.MB} MB", str(path))
        return path.read_bytes()
    except IsADirectoryError as exc:
        raise errors.FileUnreadable("is a directory, not a file", str(path)) from exc
    except OSError as exc:
        raise errors.FileUnreadable(f"cannot read the file ({exc.strerror or exc})", str(path)) from exc


def zip_kind(data: bytes) -> str:
    """``docx``, ``ofd``, ``zip`` (another kind) or ``damaged`` from the member names."""
    import io
    import zipfile

    try:
        names = {n.lstrip("/").lower() for n in zipfile.ZipFile(io.BytesIO(data)).namelist()}
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError):  # (an unknown ZIP version)
        return "damaged"
    if any(n.startswith("word/") and n.endswith(".xml") and "document" in n for n in names):
        return "docx"
    if "ofd.xml" in names:
        return "ofd"
    return "zip"


def _read_zip(data: bytes, name: str, sha256: str, max_pages: int) -> RawDocument:
    kind = zip_kind(data)
    if kind == "damaged":
        raise errors.CorruptFile("a damaged or truncated ZIP container (DOCX/OFD?)", name)
    if kind == "docx":
        from . import docx

        return docx.read(data, name, sha256)
    if kind == "ofd":
        from . import ofd

        return ofd.read(data, name, sha256, max_pages=max_pages)
    raise errors.UnsupportedFormat("a ZIP container that is neither a DOCX nor an OFD document", name)


def _read_pdf(data: bytes, name: str, sha256: str, engine: str, max_pages: int, ocr: bool) -> RawDocument:
    if engine == "pdfium":
        from . import pdf_pdfium as reader

        pdf_guard.check_streams(data, name)  # pdfium inflates streams without a bound
    elif engine == "pdfplumber":
        from . import pdf_plumber as reader
    else:
        raise ValueError(f"unknown PDF engine {engine!r}; choose one of {', '.join(ENGINES)}")
    pdf_guard.check_complete(data, name)
    raw = reader.read(data, name, sha256, max_pages=max_pages)
    if not raw.pages:
        raise errors.CorruptFile("the PDF has no pages", name)
    from .pdf_repair import damage

    if problem := damage(data):  # read, but only as the engine repaired it: say so
        raw.warnings.append(("PDF_REPAIRED", f"the PDF is damaged and was read as repaired ({problem})"))
    if not ocr:
        return raw
    from . import ocr as ocr_reader

    return ocr_reader.fill_scanned_pages(raw, data) if ocr_reader.needs_ocr(raw) else raw
