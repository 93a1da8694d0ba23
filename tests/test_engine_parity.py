"""Both PDF engines (pdfplumber, pdfium) give the same Report, and agree on what PDF operators mean."""

from __future__ import annotations

import pytest

from govdoc_parser import errors, parse
from govdoc_parser.read import read_document

from .conftest import CORPORA, FIXTURES, SHARED

FOREIGN = SHARED / "corpus" / "foreign"
CORPUS_PDFS = sorted((CORPORA / "out").glob("pdf-*/*.pdf"))
FOREIGN_PDFS = sorted(FOREIGN.glob("*/*.pdf")) if FOREIGN.exists() else []
ENGINES = ("pdfplumber", "pdfium")
BBOX_TOLERANCE = 1.5  # points


@pytest.fixture(autouse=True)
def _no_ocr(monkeypatch):
    """OCR fills text-less pages alike for both engines, and slowly: leave it out here."""
    try:
        from govdoc_parser.read import ocr
    except ImportError:
        return
    monkeypatch.setattr(ocr, "needs_ocr", lambda raw: False)


def _report(path, engine: str) -> dict:
    try:
        report = parse(path, engine=engine)
    except errors.GovdocError as exc:
        return {"error": exc.code}
    data = report.model_dump(mode="json")
    for key in ("engine", "producer"):
        data["source"].pop(key)
    return data


def differences(a, b, path: str = "") -> list[str]:
    """Where two Report dicts differ; bboxes may differ by BBOX_TOLERANCE.

    >>> differences({"x": [1, {"bbox": [0, 0, 10, 10]}]}, {"x": [1, {"bbox": [0.5, 0, 10, 11]}]})
    []
    >>> differences({"t": "a", "n": [1, 2]}, {"t": "b", "n": [1]})
    ['.n: 2 items != 1', '.t: a != b']
    """
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in sorted(set(a) | set(b)) for d in differences(a.get(k), b.get(k), f"{path}.{k}")]
    if path.endswith(".bbox") and isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [] if all(abs(x - y) <= BBOX_TOLERANCE for x, y in zip(a, b)) else [f"{path}: {a} != {b}"]
    if isinstance(a, list) and isinstance(b, list):
        found = [f"{path}: {len(a)} items != {len(b)}"] if len(a) != len(b) else []
        return found + [d for i, (x, y) in enumerate(zip(a, b)) for d in differences(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: {a} != {b}"]


def _assert_same(path) -> None:
    found = differences(*(_report(path, engine) for engine in ENGINES))
    assert not found, f"{len(found)} differences, first: " + "; ".join(found[:5])


@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_corpus_pdf_same_report(path):
    _assert_same(path)


@pytest.mark.parametrize("path", FOREIGN_PDFS, ids=lambda p: p.name)
def test_foreign_pdf_same_report(path):
    _assert_same(path)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name,error", [("encrypted.pdf", errors.Encrypted), ("truncated.pdf", errors.CorruptFile)])
def test_unreadable_pdfs_fail_alike(engine, name, error):
    with pytest.raises(error):
        read_document(FIXTURES / "errors" / name, engine=engine)


@pytest.mark.parametrize("engine", ENGINES)
def test_page_limit(engine, tmp_path):
    path = tmp_path / "two.pdf"
    path.write_bytes(_pdf([b"BT /F1 12 Tf 72 700 Td (A) Tj ET"] * 2))
    with pytest.raises(errors.TooLarge):
        read_document(path, engine=engine, max_pages=1)
    assert len(read_document(path, engine=engine, max_pages=2).pages) == 2


# -- what the operators mean: tiny hand-made PDFs -----------------------------------------------


def _pdf(pages: list[bytes], to_unicode: bytes = b"") -> bytes:
    """A PDF whose pages draw ``pages`` (content streams) with /F1 = Helvetica, 842 pt high."""
    cmap = b""
    if to_unicode:
        cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapType 2 def\n"
                b"1 begincodespacerange <00> <FF> endcodespacerange\n" + to_unicode +
                b"\nendcmap CMapName currentdict /CMap defineresource pop end end")
    n = len(pages)
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica" + (b" /ToUnicode 4 0 R" if cmap else b"") + b" >>"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (5 + 2 * i) for i in range(n)), n),
               font, b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap)]
    for i, content in enumerate(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R >>" % (6 + 2 * i))
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def _lines(tmp_path, engine: str, pdf: bytes):
    path = tmp_path / "t.pdf"
    path.write_bytes(pdf)
    return read_document(path, engine=engine).pages[0].lines


@pytest.mark.parametrize("engine", ENGINES)
def test_char_spacing_follows_every_glyph(engine, tmp_path):
    # Tc after the last glyph of a Tj moves the next Tj too (pdfminer.six issue #1128)
    one = _lines(tmp_path, engine, _pdf([b"BT /F1 10 Tf 2 Tc 100 700 Td (HH) Tj (H) Tj ET"]))[0]
    width = 7.22  # Helvetica H at 10 pt
    assert one.text == "HHH"
    assert one.char_x[2][0] == pytest.approx(100 + 2 * (width + 2), abs=0.02)


@pytest.mark.parametrize("engine", ENGINES)
def test_glyph_box_is_the_em_box(engine, tmp_path):
    line = _lines(tmp_path, engine, _pdf([b"BT /F1 20 Tf 100 700 Td (Hg) Tj ET"]))[0]
    baseline = 842 - 700
    assert line.bbox[1] == pytest.approx(baseline - 0.88 * 20, abs=0.02)
    assert line.bbox[3] == pytest.approx(baseline + 0.12 * 20, abs=0.02)


@pytest.mark.parametrize("engine", ENGINES)
def test_non_bmp_character_survives(engine, tmp_path):
    # code A maps to U+20BB7 (a surrogate pair in UTF-16), B to 吉
    cmap = b"2 beginbfchar <41> <D842DFB7> <42> <5409> endbfchar"
    line = _lines(tmp_path, engine, _pdf([b"BT /F1 16 Tf 100 700 Td (BAB) Tj ET"], to_unicode=cmap))[0]
    assert line.text == "吉\U00020bb7吉"
    assert len(line.char_x) == len(line.text)


@pytest.mark.parametrize("engine", ENGINES)
def test_rules_from_rects_lines_and_askew_bars(engine, tmp_path):
    content = (b"1 0 0 rg 60 700 400 2 re f "  # red filled bar
               b"0 0 1 RG 1 w 60 650 m 460 650 l S "  # blue stroked line
               b"0 1 0 rg 60 600 m 460 600.05 l 460 601.5 l 60 601.5 l h f "  # green bar 0.05 pt askew
               b"60 500 m 460 500 l 460 560 l 60 560 l h f")  # a box, not a rule
    path = tmp_path / "rules.pdf"
    path.write_bytes(_pdf([content]))
    rules = read_document(path, engine=engine).pages[0].rules
    assert [(round(r.top), r.color) for r in rules] == [(140, (1.0, 0.0, 0.0)), (192, (0.0, 0.0, 1.0)),
                                                        (240, (0.0, 1.0, 0.0))]


@pytest.mark.parametrize("engine", ENGINES)
def test_rotated_page_is_read_as_displayed(engine, tmp_path):
    # a landscape page stored portrait with /Rotate 90, its content turned to display upright
    content = b"q 0 1 -1 0 595 0 cm BT /F1 12 Tf 100 500 Td (Hello) Tj ET 1 0 0 rg 100 400 400 2 re f Q"
    path = tmp_path / "rotated.pdf"
    path.write_bytes(_pdf([content]).replace(b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 595 842] /Rotate 90"))
    page = read_document(path, engine=engine, ocr=False).pages[0]
    assert (page.width, page.height) == (842, 595)
    assert [(line.text, line.bbox[0]) for line in page.lines] == [("Hello", 100.0)]
    assert [(r.x0, r.top) for r in page.rules] == [(100.0, 193.0)]
