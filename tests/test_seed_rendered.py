"""The seed report rendered to PDF by several producers, each parsed like any other PDF.

Issue: "The seed itself, rendered to PDF by three of four producers, gives 签发人: 张毅刘明毓";
"On the seed rendered to PDF, 签发人 are 张毅 and 刘明毓".

At test time the seed text (../shared/seeds, never copied here) is set as a GB/T 9704 上行文
(red 发文机关标志; 发文字号 left with 签发人 right on the same line; title; 主送; body;
成文日期; 版记) by

* reportlab with an embedded CJK TrueType font: the names separated by one space, two
  spaces, an ideographic space, or by nothing but a gap (each name its own text object);
* python-docx + LibreOffice: the names separated by a space or by a tab;
* HTML + headless Chromium: the names separated by a space or by a margin (no character).

Every rendering must give the gold values of the seed.  Each PDF is rendered and parsed once
per module (module-scoped fixture; the project has no ``slow`` marker).  A wrong 签发人 is
reported with what pdfium reads on that line, character by character with x positions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from govdoc_parser import parse
from govdoc_parser.evaluation import exact_norm
from govdoc_parser.model import Report

from . import render_seed as rs
from .conftest import shared_path

SEED = "000_5b27542bcf530cca"
RENDERINGS = [f"{producer}-{mode}" for producer, modes in rs.NAME_MODES.items() for mode in modes]


@dataclass
class Rendered:
    name: str
    pdf: Path
    report: Report

    def signatory_line(self) -> str:
        return rs.format_chars(rs.line_chars(self.pdf, "签发人"))

    def context(self) -> str:
        h = self.report.header
        return (f"[{self.name}] parser: signatories={h.signatories!r}, "
                f"document_number={h.document_number.raw if h.document_number else None!r}, "
                f"title={self.report.title!r}; pdfium chars of the 签发人 line (char@x0-x1): "
                f"{self.signatory_line()}")


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(shared_path("seeds", f"{SEED}.gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed(gold) -> rs.Seed:
    s = rs.load_seed(shared_path("seeds", f"{SEED}.txt"))
    # the renderings draw the names as the seed text has them
    assert s.signatories == gold["header"]["signatories"], s.signatories
    return s


def _need_cjk_font(tool: str):
    if not rs.any_cjk_font():
        pytest.skip(f"no CJK font installed (fc-list :lang=zh finds none): {tool} would print "
                    "the seed as missing glyphs; install fonts-wqy-zenhei or fonts-arphic-uming")


def _render(name: str, seed: rs.Seed, tmp: Path) -> Path:
    producer, mode = name.split("-", 1)
    if producer == "reportlab":
        pytest.importorskip("reportlab", reason="reportlab not installed (pip install -e '.[test]')")
        if not rs.reportlab_fonts():
            pytest.skip("no CJK TrueType font reportlab can embed (fc-list ':lang=zh:fontformat=TrueType' "
                        "finds none; Noto CJK is CFF and cannot be embedded): apt-get install "
                        "fonts-wqy-zenhei or fonts-arphic-uming")
        return rs.render_reportlab(seed, tmp / f"{name}.pdf", mode)
    if producer == "libreoffice":
        pytest.importorskip("docx", reason="python-docx not installed (pip install -e '.[test]')")
        if rs.soffice() is None:
            pytest.skip("LibreOffice (soffice) not installed")
        _need_cjk_font("LibreOffice")
        return rs.soffice_pdf(rs.render_docx(seed, tmp / f"{name}.docx", mode), tmp)
    if producer == "chromium":
        if rs.chromium() is None:
            pytest.skip("Chromium not installed")
        _need_cjk_font("Chromium")
        return rs.chromium_pdf(rs.render_html(seed, tmp / f"{name}.html", mode), tmp / f"{name}.pdf", tmp)
    raise AssertionError(name)


@pytest.fixture(scope="module", params=RENDERINGS)
def rendered(request, seed, tmp_path_factory) -> Rendered:
    name = request.param
    pdf = _render(name, seed, tmp_path_factory.mktemp(name))
    return Rendered(name, pdf, parse(pdf))


def test_rendering_draws_the_names(rendered, seed):
    """The PDF's 签发人 line holds the label and the names in order (a check of the renderer)."""
    chars = rs.line_chars(rendered.pdf, "签发人")
    drawn = "".join(c for _, c, _, _ in chars if c.strip())
    assert seed.signatory_label + "".join(seed.signatories) in drawn, rendered.signatory_line()


def test_signatories(rendered, gold):
    assert rendered.report.header.signatories == gold["header"]["signatories"], rendered.context()


def test_document_number(rendered, gold):
    want = gold["header"]["document_number"]
    got = rendered.report.header.document_number
    assert got is not None, rendered.context()
    assert (got.raw, got.agency_code, got.year, got.serial) == (
        want["raw"], want["agency_code"], want["year"], want["serial"]), rendered.context()


def test_issuer(rendered, gold):
    h = rendered.report.header
    assert h.issuer_mark == gold["header"]["issuer_mark"], rendered.context()
    assert h.issuers == gold["header"]["issuers"], rendered.context()


def test_title_and_type(rendered, gold):
    # the title is compared without spaces, as tests/test_seed.py does
    assert exact_norm(rendered.report.title) == exact_norm(gold["title"]), rendered.context()
    assert rendered.report.doc_type == gold["doc_type"], rendered.context()


def test_addressees(rendered, gold):
    assert rendered.report.addressees == gold["addressees"], rendered.context()


def test_date(rendered, gold):
    assert rendered.report.signature.date == gold["signature"]["date"], rendered.context()


def test_imprint(rendered, gold):
    imprint = rendered.report.imprint
    assert imprint is not None, rendered.context()
    assert (imprint.printed_by, imprint.printed_on) == (
        gold["imprint"]["printed_by"], gold["imprint"]["printed_on"]), rendered.context()
