"""pdf_guard.check_streams: decompression bombs refused on the raw bytes, before pdfium reads them."""

import tracemalloc
import zlib

import pytest

from govdoc_parser import errors
from govdoc_parser.read import pdf_guard

from .conftest import CORPORA, FIXTURES

BAD = FIXTURES / "bad"
REPORTLAB = sorted((CORPORA / "out" / "pdf-reportlab").glob("*.pdf"))


def pdf_with_stream(filters: bytes, data: bytes, eol: bytes = b"\n") -> bytes:
    """A PDF-like byte string: one stream object with ``/Filter filters`` (a wrong /Length)."""
    return (b"%PDF-1.7\n1 0 obj\n<</Length 3/Filter" + filters + b">>\nstream" + eol + data
            + b"\nendstream\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def deflated(data: bytes, times: int = 1) -> bytes:
    for _ in range(times):
        data = zlib.compress(data, 9)
    return data


@pytest.mark.parametrize("name", ["flate_bomb.pdf", "image_bomb.pdf"])
def test_bombs_refused(name):
    path = BAD / name
    with pytest.raises(errors.TooLarge, match="inflates past 128 MB") as refused:
        pdf_guard.check_streams(path.read_bytes(), str(path))
    assert refused.value.path == str(path)


def test_bomb_refused_in_bounded_memory():
    tracemalloc.start()
    try:
        with pytest.raises(errors.TooLarge):
            pdf_guard.check_streams((BAD / "flate_bomb.pdf").read_bytes(), "flate_bomb.pdf")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2_000_000  # a few chunks, not the 128 MB counted


@pytest.mark.parametrize("path", REPORTLAB + [BAD / "good_notice.pdf"], ids=lambda p: p.name)
def test_normal_pdfs_pass(path):
    pdf_guard.check_streams(path.read_bytes(), str(path))


def test_corpus_present():
    assert len(REPORTLAB) >= 10


@pytest.mark.parametrize("filters", [b"/FlateDecode", b"[/FlateDecode]", b"/Fl", b" /Flate#44ecode"])
def test_single_layer_against_limit(filters):
    pdf = pdf_with_stream(filters, deflated(bytes(10_000)))
    pdf_guard.check_streams(pdf, "x.pdf", limit=10_000)
    with pytest.raises(errors.TooLarge, match="past 9999 bytes"):
        pdf_guard.check_streams(pdf, "x.pdf", limit=9_999)


def test_crlf_after_keyword():
    pdf = pdf_with_stream(b"/FlateDecode", deflated(bytes(10_000)), eol=b"\r\n")
    with pytest.raises(errors.TooLarge):
        pdf_guard.check_streams(pdf, "x.pdf", limit=9_999)


def test_layers_chained_in_order():
    twice = deflated(bytes(1_000_000), 2)
    with pytest.raises(errors.TooLarge):
        pdf_guard.check_streams(pdf_with_stream(b"[/FlateDecode/FlateDecode]", twice), "x.pdf", limit=999_999)
    pdf_guard.check_streams(pdf_with_stream(b"[/FlateDecode/FlateDecode]", twice), "x.pdf", limit=1_000_000)
    # the first layer alone is small: a non-Flate second filter stops the count there
    pdf_guard.check_streams(pdf_with_stream(b"[/FlateDecode/DCTDecode]", twice), "x.pdf", limit=10_000)
    # a stream whose first filter is not Flate is not inflated at all
    pdf_guard.check_streams(pdf_with_stream(b"[/ASCIIHexDecode/FlateDecode]", twice), "x.pdf", limit=10)


def test_unfiltered_and_object_streams():
    pdf_guard.check_streams(pdf_with_stream(b"[]", bytes(100_000)), "x.pdf", limit=10)
    objects = pdf_with_stream(b"/FlateDecode/Type/ObjStm/N 1/First 4", deflated(b"2 0 " + b" " * 50_000))
    with pytest.raises(errors.TooLarge):
        pdf_guard.check_streams(objects, "x.pdf", limit=10_000)


TEXT = deflated(b"".join(b"line %d\n" % i for i in range(5000)))  # 49 kB


@pytest.mark.parametrize("filters, data", [
    (b"/FlateDecode", b"\x78\x9c" + b"\xff" * 500),  # a zlib header, then no valid block
    (b"/FlateDecode", TEXT[:200] + b"\xff" * 20 + TEXT[220:]),  # damaged in the middle
    (b"/FlateDecode", b"not zlib at all" * 40),
    (b"[/FlateDecode/FlateDecode]", deflated(bytes(50_000))),  # deflated once, declared twice
], ids=["bad-block", "bad-middle", "not-zlib", "second-layer"])
def test_corrupt_zlib_passes(filters, data):
    pdf_guard.check_streams(pdf_with_stream(filters, data), "x.pdf", limit=100_000)
