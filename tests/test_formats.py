"""Every rendition of a corpus document gives the same Report fields as its reportlab PDF."""

from __future__ import annotations

import json
from functools import lru_cache

import pytest

from govdoc_parser import parse
from govdoc_parser.evaluation import edit_distance
from govdoc_parser.model import Report

from .conftest import CORPORA

OUT = CORPORA / "out"
IDS = sorted(p.stem for p in (OUT / "pdf-reportlab").glob("*.pdf"))
RENDITIONS = {"html": "html/{}.html", "docx": "docx/{}.docx", "ofd": "ofd/{}.ofd"}
CASES = [(doc, fmt) for doc in IDS for fmt, pattern in RENDITIONS.items() if (OUT / pattern.format(doc)).exists()]
SCANS = sorted(p.stem for p in (OUT / "scan").glob("*.pdf"))


@lru_cache(maxsize=None)
def _pdf(doc: str) -> Report:
    return parse(OUT / "pdf-reportlab" / f"{doc}.pdf")


def _sections(sections) -> list[tuple[str, int, str]]:
    flat = []
    for s in sections:
        flat.append((s.number, s.level, s.heading))
        flat.extend(_sections(s.children))
    return flat


def fields(report: Report) -> dict:
    """The fields every format must agree on."""
    header = report.header
    number = header.document_number
    return {
        "issuer_mark": header.issuer_mark,
        "issuers": header.issuers,
        "document_number": number.normalized if number else None,
        "signatories": header.signatories,
        "title": report.title,
        "doc_type": report.doc_type,
        "addressees": report.addressees,
        "sections": _sections(report.sections),
        "signature_date": report.signature.date,
        "metrics": [(m.value, m.unit) for m in report.metrics],
    }


def _without_spaces(found: dict) -> dict:
    # the space between two organs in a title ("中共云岭县委 云岭县人民政府关于…") is a gap of
    # half an em in a PDF or a scan, at the edge of what row grouping calls a space
    return {**found, "title": (found["title"] or "").replace(" ", "")}


@pytest.mark.parametrize("doc,fmt", CASES, ids=[f"{d}-{f}" for d, f in CASES])
def test_rendition_matches_pdf(doc, fmt):
    report = parse(OUT / RENDITIONS[fmt].format(doc))
    assert report.source.format == fmt
    assert _without_spaces(fields(report)) == _without_spaces(fields(_pdf(doc)))
    gold = json.loads((CORPORA / "gold" / f"{doc}.gold.json").read_text(encoding="utf-8"))
    assert report.title == gold["title"]


def test_html_metadata_and_provenance():
    doc = IDS[0]
    report = parse(OUT / "html" / f"{doc}.html")
    assert report.header.where.line is not None and report.header.where.page is None
    from govdoc_parser.read import read_document

    raw = read_document(OUT / "html" / f"{doc}.html")
    assert raw.metadata["发文字号"] == fields(_pdf(doc))["document_number"]
    assert not any("分享到" in l.text or "网站标识码" in l.text for p in raw.pages for l in p.lines)


def test_ofd_has_geometry_like_the_pdf():
    doc = IDS[0]
    ofd, pdf = parse(OUT / "ofd" / f"{doc}.ofd"), _pdf(doc)
    assert ofd.source.pages == pdf.source.pages
    assert ofd.header.where.page == 1
    mark_box, pdf_box = ofd.header.where.bbox, pdf.header.where.bbox
    assert all(abs(a - b) < 3 for a, b in zip(mark_box, pdf_box))


@pytest.mark.parametrize("doc", SCANS)
def test_scan_matches_pdf(doc):
    pytest.importorskip("rapidocr_onnxruntime")
    report = parse(OUT / "scan" / f"{doc}.pdf", metrics=False)
    assert report.source.ocr
    got, want = _without_spaces(fields(report)), _without_spaces(fields(_pdf(doc)))
    for key in ("issuer_mark", "issuers", "document_number", "signatories", "title", "addressees", "signature_date"):
        assert got[key] == want[key], key
    assert [s[:2] for s in got["sections"]] == [s[:2] for s in want["sections"]]
    assert _accuracy("".join(s[2] for s in got["sections"]), "".join(s[2] for s in want["sections"])) > 0.9


def _accuracy(got: str, want: str) -> float:
    """1 - edit distance / length."""
    return 1 - edit_distance(got, want) / max(len(want), 1)


def test_image_file(tmp_path):
    pytest.importorskip("rapidocr_onnxruntime")
    import pypdfium2

    doc = SCANS[0] if SCANS else IDS[0]
    pdf = pypdfium2.PdfDocument(OUT / "pdf-reportlab" / f"{doc}.pdf")
    image = pdf[0].render(scale=150 / 72).to_pil().convert("RGB")
    pdf.close()
    image.save(tmp_path / "page1.png", dpi=(150, 150))
    report = parse(tmp_path / "page1.png", metrics=False)
    assert report.source.format == "image" and report.source.ocr
    want = _pdf(doc)
    assert report.header.issuer_mark == want.header.issuer_mark
    assert report.header.document_number.normalized == want.header.document_number.normalized
    assert report.title == want.title
