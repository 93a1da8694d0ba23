"""The labelling stage and the structures it gives the Report, on short documents written for
these tests (the expected values are written by hand), and the foreign gold set measured."""

from click.testing import CliRunner

from govdoc_parser.cli import main
from govdoc_parser.elements.header import parse_front
from govdoc_parser.evaluation import evaluate_folder
from govdoc_parser.labels import LABELS, label_document
from govdoc_parser.layout import Block, build_layout
from govdoc_parser.pipeline import parse_raw
from govdoc_parser.read import text
from govdoc_parser.read.primitives import Line

from .conftest import shared_path

NOTICE_WITH_PLAN = """青川市人民政府办公室文件
青政办发〔2024〕9号
青川市人民政府办公室关于印发《青川市行政执法协调监督实施方案》的通知
各县（市、区）人民政府，市政府各部门、各直属机构：
《青川市行政执法协调监督实施方案》已经市政府同意，现印发给你们，请认真贯彻执行。
青川市人民政府办公室
2024年3月8日
（此件公开发布）
青川市行政执法协调监督实施方案
为加强行政执法协调监督，制定本方案。
一、总体要求
坚持问题导向，完善监督机制。
二、主要任务
（一）健全执法监督制度
1.建立执法监督清单。各部门于4月底前报送。
2.开展执法案卷评查。每年组织一次。
三、保障措施
"""

REGULATION = """青川市人民政府公告
第3号
《青川市公共数据管理办法》已经市政府常务会议审议通过，现予公布，自2024年5月1日起施行。
青川市人民政府
2024年4月2日
青川市公共数据管理办法
第一章 总则
第一条 为了规范公共数据管理，制定本办法。
第二条 本办法适用于本市行政区域内公共数据的管理活动：
（一）公共数据的汇聚；
（二）公共数据的共享和开放。
第二章 数据共享
第三条 公共数据以共享为原则，不共享为例外。
"""

LIST_IN_BODY = """关于做好材料报送的通知
各科室：
现将有关事项通知如下。
一、报送内容
1.本年度工作总结，包括主要做法、取得的成效和存在的不足；
2.下一年度工作计划。
二、报送时间
请于12月20日前报送。
"""


def _parse(source: str):
    return parse_raw(text.read(source.encode("utf-8"), "t.txt", "0" * 64), metrics=False)


def _labels(source: str) -> list[tuple[str, str]]:
    layout = build_layout(text.read(source.encode("utf-8"), "t.txt", "0" * 64))
    labelled = label_document(layout)
    return [(b.label, b.text) for b in labelled.blocks]


def test_every_block_gets_one_label_from_the_closed_set():
    labels = _labels(NOTICE_WITH_PLAN)
    assert len(labels) == NOTICE_WITH_PLAN.count("\n")
    assert all(label in LABELS for label, _ in labels)
    assert ("issuer_mark", "青川市人民政府办公室文件") in labels
    assert ("docno_line", "青政办发〔2024〕9号") in labels
    assert ("date", "2024年3月8日") in labels and ("note", "（此件公开发布）") in labels


def test_appended_plan_is_an_attached_document_not_sections_of_the_notice():
    report = _parse(NOTICE_WITH_PLAN)
    assert report.title == "青川市人民政府办公室关于印发《青川市行政执法协调监督实施方案》的通知"
    assert report.sections == []
    assert report.signature.date == "2024-03-08" and report.note == "（此件公开发布）"
    [plan] = report.attached_documents
    assert plan.label == "附件" and plan.title == "青川市行政执法协调监督实施方案"
    assert [(s.number, s.heading) for s in plan.sections] == [("一、", "总体要求"), ("二、", "主要任务"), ("三、", "保障措施")]
    assert [(s.number, s.heading) for s in plan.sections[1].children[0].children] == [
        ("1.", "建立执法监督清单"), ("2.", "开展执法案卷评查")]
    body = report.body_text()
    for unit in plan.sections[1].children[0].children:
        start, end = unit.where.span
        assert body[start:end] == unit.number + unit.heading


def test_addressees_split_between_complete_organ_names():
    report = _parse(NOTICE_WITH_PLAN)
    assert report.addressees == ["各县（市、区）人民政府", "市政府各部门、各直属机构"]
    assert report.where["addressees"].line == 4


def test_regulation_chapters_are_sections_and_articles_keep_their_items():
    report = _parse(REGULATION)
    [attached] = report.attached_documents
    assert attached.title == "青川市公共数据管理办法"
    assert [(s.number, s.kind, s.level, s.heading) for s in attached.sections] == [
        ("第一章", "chapter", 1, "总则"), ("第二章", "chapter", 1, "数据共享")]
    first = attached.sections[0]
    assert [a.number for a in first.articles] == ["第一条", "第二条"]
    assert [p.text for p in first.articles[1].items] == ["（一）公共数据的汇聚；", "（二）公共数据的共享和开放。"]
    assert first.children == []


def test_numbered_list_in_body_style_is_not_a_section():
    report = _parse(LIST_IN_BODY)
    assert [(s.number, s.heading) for s in report.iter_sections()] == [("一、", "报送内容"), ("二、", "报送时间")]
    assert [p.text for p in report.sections[0].paragraphs] == [
        "1.本年度工作总结，包括主要做法、取得的成效和存在的不足；", "2.下一年度工作计划。"]


def test_letter_spaced_joint_mark_gives_one_issuer_per_organ():
    report = _parse("青 川 市 司 法 局\n青 川 市 财 政 局  文 件\n青司发〔2024〕2号\n关于开展调研的通知\n各科室：\n请按时参加。\n")
    assert report.header.issuer_mark == "青川市司法局青川市财政局文件"
    assert report.header.issuers == ["青川市司法局", "青川市财政局"]


TRADITIONAL = """青川市司法局文件
青司發〔2023〕５號
青川市司法局關於2022年度法治政府建設情況的報告
市委：
現將我局2022年度法治政府建設情況報告如下。
一、主要舉措
全年辦理行政復議案件１２件。
二、存在的不足
青川市司法局
２０２３年１月１０日
抄送：市政府辦公室。
青川市司法局辦公室 ２０２３年１月１０日印發
"""


def test_traditional_script_and_full_width_digits_are_matched_folded_and_read_as_printed():
    report = _parse(TRADITIONAL)
    assert report.doc_type == "报告"
    assert report.title == "青川市司法局關於2022年度法治政府建設情況的報告"
    number = report.header.document_number
    assert (number.raw, number.year, number.serial, number.normalized) == ("青司發〔2023〕５號", 2023, 5, "青司发〔2023〕5号")
    assert [(s.number, s.heading) for s in report.sections] == [("一、", "主要舉措"), ("二、", "存在的不足")]
    assert report.signature.date == "2023-01-10"
    assert report.imprint.copied_to == ["市政府辦公室"]
    assert (report.imprint.printed_by, report.imprint.printed_on) == ("青川市司法局辦公室", "2023-01-10")


def test_signatories_split_at_glyph_gaps_without_spaces():
    # 签发人：张毅 刘明毓 set with a 0.3 em gap and no space character (as some producers print it)
    chars, x = [], 300.0
    for ch in "签发人：张毅刘明毓":
        chars.append((x, x + 16))
        x += 16 + (4.8 if ch == "毅" else 0)
    line = Line(text="签发人：张毅刘明毓", page=1, bbox=(300, 100, x, 116), size=16, char_x=chars)
    block = Block(lines=[line])
    block.label = "signer_line"
    assert parse_front([block]).header.signatories == ["张毅", "刘明毓"]


def test_explain_prints_each_block_with_its_label(tmp_path):
    source = tmp_path / "notice.txt"
    source.write_text(NOTICE_WITH_PLAN, encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", "--explain", str(source)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == NOTICE_WITH_PLAN.count("\n")
    assert any("attachment_start" in l or "title[1]" in l for l in lines)
    assert any(l.split()[1] == "addressee" for l in lines)


def test_foreign_gold_soft_f1():
    """The 28 real and third-party files with independent gold (../shared/corpus/foreign/gold)."""
    foreign = shared_path("corpus", "foreign")
    result = evaluate_folder(foreign / "gold", foreign)
    total = sum(result.soft.values(), type(result.soft["title"])())
    assert total.f1 >= 0.95, total
    assert result.soft["sections"].f1 >= 0.95, result.soft["sections"]


def test_docs_list_every_label():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "labels.md").read_text(encoding="utf-8")
    assert all(f"| `{label}` |" in doc for label in LABELS)
