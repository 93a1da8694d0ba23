"""Issue acceptance on the real seed report (text taken from a PDF, with page-break splits)."""

import json

import pytest

from govdoc_parser import parse
from govdoc_parser.evaluation import exact_norm

from .conftest import shared_path


@pytest.fixture(scope="module")
def seed():
    path = next(shared_path("seeds").glob("*.txt"))
    return parse(path)


def test_header(seed):
    h = seed.header
    assert h.issuer_mark == "中共平顶山市城乡一体化示范区工作委员会文件"
    assert h.document_number.raw == "平示范工〔2021〕117号"
    assert (h.document_number.agency_code, h.document_number.year, h.document_number.serial) == ("平示范工", 2021, 117)
    assert h.signatories == ["张毅", "刘明毓"]


def test_title_and_addressees(seed):
    assert exact_norm(seed.title) == exact_norm("示范区党工委 示范区管委会关于2021年度法治政府建设情况的报告")
    assert seed.doc_type == "报告"
    assert seed.addressees == ["市委"]


def test_section_tree(seed):
    assert [s.heading for s in seed.sections] == ["加强组织领导", "把握工作重点", "下一步工作打算"]
    assert [len(s.children) for s in seed.sections] == [0, 9, 4]
    assert all(s.level == 2 for s in seed.sections[1].children)


def test_paragraphs_whole_across_page_breaks(seed):
    texts = [p.text for s in seed.iter_sections() for p in s.paragraphs]
    assert any("规范示范区有关会务工作的通知" in t for t in texts)
    assert any("大力普及安全常识和自救逃生知识技能" in t for t in texts)
    assert any("研究解决法治政府建设重大问题。充分发挥" in t for t in texts)
    assert all(t.endswith(("。", "；", "”")) for t in texts), [t[-10:] for t in texts]


def test_dates_and_imprint(seed):
    assert seed.signature.date == "2021-12-31"
    assert seed.imprint.printed_by == "平顶山市城乡一体化示范区综合办公室"
    assert seed.imprint.printed_on == "2022-01-04"


def test_every_paragraph_has_provenance(seed):
    body = seed.body_text()
    for section in seed.iter_sections():
        for p in section.paragraphs:
            start, end = p.where.span
            assert body[start:end] == p.text
            assert p.where.line is not None


def test_gold_fields_match(seed):
    gold = json.loads(next(shared_path("seeds").glob("*.gold.json")).read_text(encoding="utf-8"))
    flat = [(s.number, s.level, s.heading) for s in seed.iter_sections()]
    assert flat == [(s["number"], s["level"], s["heading"]) for s in gold["sections"]]
