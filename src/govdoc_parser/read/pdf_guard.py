"""Guards for PDFs, before and while an engine reads them.

- ``check_complete``: a PDF ends with ``%%EOF`` (within its last ``TAIL_BYTES``); a
  truncated download does not, and would otherwise parse into a silently shorter report.
- ``check_streams``: the same bound for pdfium, which has none of its own, checked on the
  raw bytes before pdfium opens them: each stream found by its ``stream`` keyword is
  inflated through its FlateDecode filters, counting bytes, unless its size proves it
  cannot reach the limit.
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
import re
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


def _too_large(limit: int = limits.MAX_STREAM_BYTES, path: str | None = None) -> errors.TooLarge:
    size = f"{limit // limits.MB} MB" if limit >= limits.MB else f"{limit} bytes"
    return errors.TooLarge(f"a PDF stream inflates past {size} (a decompression bomb?)", path)


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


# Where a stream's data starts: the keyword (not the end of ``endstream``), then an end of line.
_STREAM_KEYWORD = re.compile(rb"(?<![A-Za-z])stream\r?\n")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s()<>\[\]{}/%]*)")
_NAME = re.compile(rb"/([^\s()<>\[\]{}/%]*)")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")  # /FlateDecod#65 is /FlateDecode
_FLATE = {b"FlateDecode", b"Fl"}
# Deflate codes at best 258 bytes in 2 bits, so one layer inflates at most 1032 times its
# size, n layers at most 1032**n times (zlib's "technical details"; headers keep real data
# below). A stream whose size times that is within the limit cannot exceed it and is not
# inflated: for single-deflated streams (almost all), those up to 130 kB for a limit of
# 128 MB. Doubly deflated ones are inflated from 126 bytes up.
DEFLATE_MAX_RATIO = 1032
INFLATE_CHUNK = 1 << 16


def check_streams(data: bytes, path: str, limit: int = limits.MAX_STREAM_BYTES) -> None:
    r"""``TooLarge`` if a stream of the PDF ``data`` inflates past ``limit`` bytes.

    Inflated through its leading FlateDecode filters, any layer counting; corrupt data
    stops the count quietly (pdfium judges it). The dictionary is read from the bytes
    since the previous stream; ``/Length`` is ignored, the data ends at ``endstream``.

    >>> zeros = b"<</Filter/FlateDecode>> stream\n" + zlib.compress(bytes(5000)) + b"\nendstream"
    >>> check_streams(zeros, "zeros.pdf", limit=5000)
    >>> check_streams(zeros, "zeros.pdf", limit=4999)
    Traceback (most recent call last):
    govdoc_parser.errors.TooLarge: a PDF stream inflates past 4999 bytes (a decompression bomb?)
    >>> check_streams(zeros.replace(b"Flate", b"LZW"), "zeros.pdf", limit=4999)  # not inflated
    """
    start = 0
    while keyword := _STREAM_KEYWORD.search(data, start):
        end = data.find(b"endstream", keyword.end())
        end = len(data) if end < 0 else end
        layers = _flate_layers(data[start:keyword.start()])
        stream = memoryview(data)[keyword.end():end]
        if layers and len(stream) * DEFLATE_MAX_RATIO**layers > limit:
            _check_inflated_size(stream, layers, limit, path)
        start = end


def _flate_layers(dictionary: bytes) -> int:
    """How many FlateDecode filters lead the ``/Filter``; of several, the most."""
    layers = 0
    for value in _FILTER.findall(dictionary):
        names = [_ESCAPE.sub(lambda m: bytes.fromhex(m[1].decode()), name) for name in _NAME.findall(value)]
        layers = max(layers, len(list(itertools.takewhile(_FLATE.__contains__, names))))
    return layers


def _check_inflated_size(stream: memoryview, layers: int, limit: int, path: str) -> None:
    chunks = (stream[i:i + INFLATE_CHUNK] for i in range(0, len(stream), INFLATE_CHUNK))
    for _ in range(layers):
        chunks = _inflated(chunks, limit, path)
    try:
        for _ in chunks:
            pass
    except zlib.error:
        pass  # corrupt: pdfium's to judge


def _inflated(chunks, limit: int, path: str):
    """``chunks`` inflated, chunk by chunk of at most INFLATE_CHUNK bytes; TooLarge past ``limit``."""
    inflater = zlib.decompressobj()
    size = 0
    for chunk in chunks:
        while not inflater.eof and (out := inflater.decompress(chunk, INFLATE_CHUNK)):
            size += len(out)
            if size > limit:
                raise _too_large(limit, path)
            yield out
            chunk = inflater.unconsumed_tail
        if inflater.eof:
            return


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
