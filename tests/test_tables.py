"""Tables: read as tables in every reader, kept out of the text, keyed against the standard form,
checked, exported. Truth: hand-written documents here, the gold of the three real 年报 in
../shared/corpus/foreign/gold (every cell), and our corpus's gold."""

import json

import pytest

from govdoc_parser import parse
from govdoc_parser.evaluation import evaluate_folder
from govdoc_parser.pipeline import parse_raw
from govdoc_parser.read import html, text

from .conftest import CORPORA, shared_path

REQUESTS_HTML = """<html><body><div class="article">
<h1>青川市司法局2023年政府信息公开工作年度报告</h1>
<p>一、总体情况</p><p>2023年，本局认真落实政府信息公开各项要求。</p>
<p>三、收到和处理政府信息公开申请情况</p>
<table border="1">
<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>
    <td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>12</td><td>2</td><td>0</td><td>0</td><td>1</td><td>0</td><td>15</td></tr>
<tr><td colspan="3">二、上年结转政府信息公开申请数量</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
<tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>9</td><td>2</td><td>0</td><td>0</td><td>1</td><td>0</td><td>12</td></tr>
<tr><td colspan="2">（七）总计</td><td>9</td><td>2</td><td>0</td><td>0</td><td>1</td><td>0</td><td>12</td></tr>
<tr><td colspan="3">四、结转下年度继续办理</td><td>3</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>4</td></tr>
</table>
<p>五、存在的主要问题及改进情况</p><p>依申请公开答复质量有待提高。</p>
</div></body></html>"""


def _html_report(source: str):
    return parse_raw(html.read(source.encode("utf-8"), "t.html", "0" * 64))


def test_html_table_is_a_table_with_spans_and_never_a_section():
    report = _html_report(REQUESTS_HTML)
    [table] = report.tables
    assert table.caption == "三、收到和处理政府信息公开申请情况"
    assert (table.n_rows, table.n_columns, table.header_rows, table.header_columns) == (8, 10, 3, 3)
    assert table.rows()[3] == ["一、本年新收政府信息公开申请数量", "", "", "12", "2", "0", "0", "1", "0", "15"]
    merged = next(c for c in table.cells if c.text == "三、本年度办理结果")
    assert (merged.row_span, merged.column_span) == (2, 1)
    assert [s.number + s.heading for s in report.iter_sections()] == [
        "一、总体情况", "三、收到和处理政府信息公开申请情况", "五、存在的主要问题及改进情况"]
    assert "本年新收" not in report.body_text()


def test_standard_keys_and_arithmetic_checks():
    report = _html_report(REQUESTS_HTML)
    keyed = {c.key: c.text for c in report.tables[0].cells if c.key}
    assert keyed["gov_info_disclosure.requests.new.natural_person"] == "12"
    assert keyed["gov_info_disclosure.requests.new.legal_person.legal_services"] == "1"
    assert keyed["gov_info_disclosure.requests.result.total.total"] == "12"
    assert keyed["gov_info_disclosure.requests.carried_forward.total"] == "4"
    failures = [w.message for w in report.warnings if w.code == "TABLE_CHECK_FAILED"]
    # written to fail twice: 结转 total 4 is not 3 + 0…, and 15 + 1 received ≠ 12 + 4 handled only in column total
    assert any("total_column [carried_forward]" in f for f in failures)
    assert any("received_equals_handled [natural_person]" in f for f in failures)
    assert not any("[legal_person.commercial]" in f for f in failures)


def test_table_figures_are_metrics_with_their_labels_and_provenance():
    report = _html_report(REQUESTS_HTML)
    metric = next(m for m in report.metrics if m.key == "gov_info_disclosure.requests.new.total")
    assert metric.value == 15 and metric.text == "15"
    assert metric.object == "一、本年新收政府信息公开申请数量 | 申请人情况 / 总计"
    assert (metric.where.table, metric.where.row, metric.where.column) == (0, 3, 9)
    assert metric.sentence == "三、收到和处理政府信息公开申请情况"


def test_text_tables_with_pipes_and_tabs():
    source = "关于报送数据的通知\n各单位：\n请按下表报送。\n一、报送安排\n| 序号 | 单位 | 时间 |\n|---|---|---|\n| 1 | 市司法局 | 3月15日 |\n2\t市财政局\t3月20日\n二、其他事项\n请按时报送。\n"
    report = parse_raw(text.read(source.encode("utf-8"), "t.md", "0" * 64))
    [table] = report.tables
    assert table.rows() == [["序号", "单位", "时间"], ["1", "市司法局", "3月15日"], ["2", "市财政局", "3月20日"]]
    assert [s.number for s in report.sections] == ["一、", "二、"]


def test_to_dataframe_names_columns_by_their_headers():
    pytest.importorskip("pandas")
    frame = _html_report(REQUESTS_HTML).tables[0].to_dataframe()
    assert list(frame.columns)[:2] == ["申请人情况/自然人", "申请人情况/法人或其他组织/商业企业"]
    assert frame.loc[("一、本年新收政府信息公开申请数量",) * 3, "申请人情况/总计"] == "15"


def test_corpus_table_in_every_rendition():
    gold = json.loads((CORPORA / "gold" / "qingchuan_sfj_2024_consult_letter.gold.json").read_text(encoding="utf-8"))
    for folder, suffix in (("pdf-reportlab", ".pdf"), ("pdf-libreoffice", ".pdf"), ("docx", ".docx"),
                           ("html", ".html"), ("text", ".txt")):
        report = parse(CORPORA / "out" / folder / f"qingchuan_sfj_2024_consult_letter{suffix}", metrics=False)
        tables = [t for a in report.attached_documents for t in a.tables]
        assert [(t.caption, t.rows()) for t in tables] == [(g["caption"], g["rows"]) for g in gold["tables"]], folder


def test_real_annual_reports_cell_f1_and_keys():
    """The three real 年报 with every cell annotated by hand."""
    foreign = shared_path("corpus", "foreign")
    result = evaluate_folder(foreign / "gold", foreign)
    assert result.exact["table_cells"].f1 >= 0.98, result.exact["table_cells"]
    assert result.exact["sections"].precision >= 0.99  # no table row became a section
    report = parse(foreign / "zxj6827111-blip__KIROGOVCOMPARE" / "hzq2023_working.pdf")
    figures = [c for t in report.tables for c in t.cells if c.text.replace(".", "").isdigit()]
    assert figures and all(c.key for c in figures)
    by_key = {m.key: m for m in report.metrics if m.key}
    assert by_key["gov_info_disclosure.proactive.penalty.decisions"].value == 4119
    fees = by_key["gov_info_disclosure.proactive.fees.amount"]
    assert (fees.value, fees.unit, fees.kind) == (7730.28, "万元", "money")
    # this report's 行政复议 总计 says 0 beside 10 upheld and 1 corrected
    assert any(w.code == "TABLE_CHECK_FAILED" and "reconsideration_total" in w.message for w in report.warnings)


def test_export_tables(tmp_path):
    from govdoc_parser import ingest
    from govdoc_parser.store.export import export

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report.html").write_text(REQUESTS_HTML, encoding="utf-8")
    ingest([str(folder)], db=str(tmp_path / "r.sqlite"), workers=1)
    out = tmp_path / "cells.csv"
    # cells counted by hand, a merged cell once: 2 + 3 + 5 + 8 + 8 + 9 + 8 + 8
    assert export(tmp_path / "r.sqlite", "tables", "csv", out) == 51
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0].endswith("row_index,column_index,row_span,column_span,header,text,key,value,page")
    assert any("gov_info_disclosure.requests.new.total,15.0" in r for r in rows)


def test_ofd_table_drawn_with_paths():
    """A 公文处理笺 (routing slip) in OFD: its grid is drawn with stroked paths."""
    slip = shared_path("corpus", "foreign", "ofdrw__ofdrw", "signout.ofd")
    report = parse(slip, metrics=False)
    [table] = report.tables
    first = [text for text in table.rows()[0] if text]
    assert first == ["来文文号", "府办专督〔2020〕24号", "来文单位", "市人民政府办公室"]


def test_scanned_table_rules_give_a_grid(tmp_path):
    """A page of a 年报 rendered to an image and read by OCR: the table's drawn rules (rows and
    columns) make the grid; the labels of its header are read into their cells."""
    pytest.importorskip("rapidocr_onnxruntime")
    import pypdfium2

    page = pypdfium2.PdfDocument(CORPORA / "out" / "pdf-reportlab" / "qingchuan_sfj_2023_gov_info_report.pdf")[2]
    image = tmp_path / "page.png"
    page.render(scale=200 / 72).to_pil().convert("L").save(image)
    report = parse(image, metrics=False)
    requests = next(t for t in report.tables if t.caption == "三、收到和处理政府信息公开申请情况")
    assert requests.n_columns == 10
    assert requests.rows()[1][3:5] == ["自然人", "法人或其他组织"]
    assert "申请人情况" in requests.rows()[0]
