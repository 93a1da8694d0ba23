"""Stage 1, read: a file becomes a RawDocument of pages of Lines (see primitives)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .. import errors
from .primitives import Line, Page, RawDocument, Rule

__all__ = ["read_document", "sniff", "Line", "Page", "RawDocument", "Rule"]

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
ENGINES = ("pdfplumber", "pdfium")


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
    return "text"


def _describe(kind: str) -> str:
    return {
        "zip": "a ZIP container (DOCX/OFD?)",
        "ole": "an old Word/WPS binary file",
        "html": "an HTML page",
        "image": "an image",
        "text": "text",
        "pdf": "a PDF",
    }.get(kind, kind)


def read_document(path: str | Path, *, engine: str = "pdfplumber", max_pages: int = 2000) -> RawDocument:
    path = Path(path)
    name = str(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise errors.FileUnreadable("is a directory, not a file", name) from exc
    except OSError as exc:
        raise errors.FileUnreadable(f"cannot read the file ({exc.strerror or exc})", name) from exc
    if not data.strip():
        raise errors.EmptyFile("the file is empty", name)
    sha256 = hashlib.sha256(data).hexdigest()
    kind = sniff(data)
    suffix = path.suffix.lower()
    if suffix == ".pdf" and kind != "pdf":
        raise errors.WrongFormat(f"named .pdf but the content is {_describe(kind)}", name)
    if kind == "pdf":
        return _read_pdf(data, name, sha256, engine, max_pages)
    if kind == "text":
        from . import text

        return text.read(data, name, sha256, markdown_hint=suffix in {".md", ".markdown"})
    raise errors.UnsupportedFormat(f"{_describe(kind)} is not supported yet", name)


def _read_pdf(data: bytes, name: str, sha256: str, engine: str, max_pages: int) -> RawDocument:
    if engine == "pdfium":
        from . import pdf_pdfium as reader
    elif engine == "pdfplumber":
        from . import pdf_plumber as reader
    else:
        raise ValueError(f"unknown PDF engine {engine!r}; choose one of {', '.join(ENGINES)}")
    return reader.read(data, name, sha256, max_pages=max_pages)
