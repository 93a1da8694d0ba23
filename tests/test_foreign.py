"""Files made by other producers (../shared/corpus/foreign): a Report or a clear error.

OCR is switched off here (scans are read by OCR in test_formats_foreign), so the scans
must say plainly that they have no text layer.
"""

import pytest

from govdoc_parser import parse
from govdoc_parser.errors import GovdocError

from .conftest import SHARED, shared_path

FOREIGN = SHARED / "corpus" / "foreign"
PDFS = sorted(FOREIGN.glob("*/*.pdf")) if FOREIGN.exists() else []
EXPECTED_ERRORS = {"jikong_header.pdf": "no_text_layer", "weijian_header.pdf": "no_text_layer",
                   "sample_report_2023_beijing.pdf": "garbled_text"}


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_pdf_parses_or_fails_clearly(path):
    if path.name in EXPECTED_ERRORS:
        with pytest.raises(GovdocError) as info:
            parse(path, metrics=False, ocr=False)
        assert info.value.code == EXPECTED_ERRORS[path.name]
    else:
        report = parse(path, metrics=False, ocr=False)
        assert report.source.pages and report.source.pages > 0


def test_known_fields_found():
    base = shared_path("corpus", "foreign")
    wps = parse(base / "Lawliet-lgtm__copilot-help" / "test.pdf", metrics=False, ocr=False)
    assert wps.header.document_number.raw == "国防部发〔2012〕21号"
    assert wps.title == "国防部关于放假的通知"
    assert wps.addressees == ["各有关单位"]
    assert wps.imprint.printed_on == "2012-12-12"
    typst = parse(base / "gigu003__typst-formats" / "govdoc__template.pdf", metrics=False)
    assert typst.header.issuers == ["河南省癌症中心", "河南省肿瘤医院"]
    assert typst.header.document_number.year == 2025
    csrc = parse(base / "xuzhijian17__Yii2-backend" / "关于发布《证券投资基金销售适用性指导意见》的通知.pdf", metrics=False)
    assert csrc.header.document_number.normalized == "证监基金字〔2007〕278号"  # 字 belongs to the 代字 (foreign gold)
    assert csrc.signature.date == "2007-10-12"
    assert csrc.addressees[0] == "各基金管理公司"
