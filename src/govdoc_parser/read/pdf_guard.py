"""Guards for PDFs, before and while an engine reads them.

- ``check_complete``: a PDF ends with ``%%EOF`` (within its last ``TAIL_BYTES``); a
  truncated download does not, and would otherwise parse into a silently shorter report.
- ``bound_pdfminer_inflate``: pdfminer inflates FlateDecode streams whole
  (``zlib.decompress``); its module gets a ``zlib`` whose inflation stops at
  ``limits.MAX_STREAM_BYTES`` per stream with ``TooLarge``, so a stream of a few
  kilobytes that inflates to gigabytes (doubly deflated zeros) is refused, not allocated.
- ``count_pages``: the page count of a pdfminer document, refused with ``TooLarge`` when
  the page tree declares (``/Count``) or holds more than ``max_pages`` pages, without
  walking a tree of millions; a page tree nested thousands deep ends in RecursionError,
  which the pipeline reports as ``corrupt``.
- ``close``: pdfplumber's ``PDF.close`` drops its cache of pages, then walks the whole
  page tree again to close each: for a refused PDF, the very walk refused. This one
  closes the pages loaded, if any, and the stream.
"""

from __future__ import annotations

import itertools
import zlib

from .. import errors, limits

TAIL_BYTES = 2048


def check_complete(data: bytes, path: str) -> None:
    if b"%%EOF" not in data[-TAIL_BYTES:]:
        raise errors.CorruptFile("the PDF is truncated or damaged (no %%EOF at its end)", path)


class _Inflater:
    """``zlib.decompressobj()`` that stops at MAX_STREAM_BYTES of output."""

    def __init__(self, *args):
        self._inflater = zlib.decompressobj(*args)
        self._out = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = limits.MAX_STREAM_BYTES - self._out + 1
        out = self._inflater.decompress(data, min(max_length, room) if max_length else room)
        self._out += len(out)
        if self._out > limits.MAX_STREAM_BYTES:
            raise _too_large()
        return out

    def flush(self, *args) -> bytes:
        return self._inflater.flush(*args)

    def __getattr__(self, name):
        return getattr(self._inflater, name)


def _too_large() -> errors.TooLarge:
    return errors.TooLarge(
        f"a PDF stream inflates past {limits.MAX_STREAM_BYTES // limits.MB} MB (a decompression bomb?)"
    )


def _decompress(data: bytes, *args) -> bytes:
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, limits.MAX_STREAM_BYTES + 1)
    if len(out) > limits.MAX_STREAM_BYTES:
        raise _too_large()
    if not inflater.eof:  # what zlib.decompress reports for a truncated stream
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return out


class _BoundedZlib:
    """The parts of the ``zlib`` module pdfminer uses, bounded."""

    error = zlib.error
    decompress = staticmethod(_decompress)
    decompressobj = _Inflater


def bound_pdfminer_inflate() -> None:
    from pdfminer import pdftypes

    pdftypes.zlib = _BoundedZlib  # type: ignore[assignment]


def count_pages(doc, max_pages: int, path: str) -> int:
    """Pages of the pdfminer ``doc``; ``TooLarge`` past ``max_pages``, declared or found."""
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdftypes import resolve1

    try:
        declared = resolve1(resolve1(doc.catalog.get("Pages")).get("Count"))
    except AttributeError:  # no page tree root: pdfminer looks for pages in the xref
        declared = None
    if isinstance(declared, int) and declared > max_pages:
        raise errors.TooLarge(f"the PDF declares {declared} pages, more than the limit of {max_pages}", path)
    found = sum(1 for _ in itertools.islice(PDFPage.create_pages(doc), max_pages + 1))
    if found > max_pages:
        raise errors.TooLarge(f"more than {max_pages} pages (the limit)", path)
    return found


def close(pdf) -> None:
    for page in getattr(pdf, "_pages", []):  # the pages pdfplumber loaded, if any
        page.close()
    if not pdf.stream_is_external:
        pdf.stream.close()
