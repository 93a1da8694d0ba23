"""govdoc check: every rule on a document that breaks it and on one that keeps it (the corpus of
corpora/checks, one deliberate deviation per document), the seed, the rule tables, the model and
its JSON schema, the command line (json, text, markdown, --previous, --db, --sheet)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner

import govdoc_parser
from govdoc_parser.checks import check
from govdoc_parser.checks.content import classify_heading, classify_opening
from govdoc_parser.checks.formal import ordinal
from govdoc_parser.checks.model import SCHEMA_PATH, CheckResult, json_schema
from govdoc_parser.checks.similarity import repeated_share
from govdoc_parser.checks.tables import all_codes, load
from govdoc_parser.checks.view import View
from govdoc_parser.cli import main
from govdoc_parser.model import Paragraph, Report, Section, Signature, Source

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "checks"
GOLD = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
SEED = ROOT.parent / "shared" / "seeds" / "000_5b27542bcf530cca.txt"

NAMED = ["CONTENT_MISSING_MEASURES", "CONTENT_MISSING_SHORTCOMINGS", "CONTENT_MISSING_FIRST_RESPONSIBLE",
         "CONTENT_MISSING_NEXT_YEAR", "DATE_AFTER_DEADLINE", "TITLE_NO_YEAR", "DOCNO_BRACKET", "HEADING_SEQUENCE",
         "DATE_NOT_ARABIC", "PLACEHOLDER_TEXT", "SIMILAR_TO_PREVIOUS_YEAR"]


@lru_cache(maxsize=None)
def parsed(name: str) -> Report:
    return govdoc_parser.parse(CORPUS / "out" / name)


def codes_of(entry: dict) -> list[str]:
    previous = parsed(entry["previous"]) if entry.get("previous") else None
    return sorted(set(check(parsed(entry["file"]), previous).codes()))


# --- the corpus: each document gives exactly its codes --------------------------------------


@pytest.mark.parametrize("entry", GOLD, ids=[e["file"] + (" vs " + e["previous"] if e["previous"] else "") for e in GOLD])
def test_corpus_document_gives_exactly_its_codes(entry):
    assert codes_of(entry) == entry["codes"]


def test_every_code_has_two_breaking_documents_and_clean_ones():
    breaking = defaultdict(set)
    for entry in GOLD:
        for code in entry["codes"]:
            breaking[code].add(entry["base"] + ":" + entry["file"])
    for code in NAMED + [c for c in all_codes() if c in breaking]:
        assert len(breaking[code]) >= 2, f"{code}: fewer than two documents break it"
    clean = [e for e in GOLD if not e["codes"]]
    assert len({e["base"] for e in clean}) >= 8
    # each named code is kept by documents of the same bases that break it
    for code in NAMED:
        bases = {e["base"] for e in GOLD if code in e["codes"]}
        assert bases & {e["base"] for e in clean}, code


# --- the seed ---------------------------------------------------------------------------------


@pytest.mark.skipif(not SEED.exists(), reason="../shared is absent")
def test_seed_lacks_the_shortcomings_part_and_nothing_else():
    report = govdoc_parser.parse(SEED)
    result = govdoc_parser.check(report)
    assert result.codes() == ["CONTENT_MISSING_SHORTCOMINGS"]
    finding = result.findings[0]
    assert finding.severity == "error" and "存在的不足和原因" in finding.message
    assert "第二十三条" in finding.rule and finding.where.line == 11
    i = result.indicators
    assert (i.annual_report, i.reporting_year, i.deadline, i.submitted_on_time) == (True, 2021, "2022-03-01", True)
    assert (i.required_parts_present, i.required_parts_total) == (3, 4)
    assert i.parts["first_responsible_person"].present  # 区管委会主任切实履行…第一责任人职责 opens a paragraph
    assert i.parts["next_year_plan"].headings == ["三、下一步工作打算"]


# --- rules and their pieces -------------------------------------------------------------------


def _report(title=None, paragraphs=(), sections=(), date=None, date_raw=None, addressees=(), issuers=()):
    report = Report(source=Source(path="x.txt", sha256="0", format="text"), title=title,
                    doc_type="报告" if title and title.endswith("报告") else None,
                    preamble=[Paragraph(text=t) for t in paragraphs], sections=list(sections),
                    signature=Signature(date=date, date_raw=date_raw), addressees=list(addressees))
    report.header.issuers = list(issuers)
    return report


@pytest.mark.parametrize("heading, parts", [
    ("存在的不足和原因", ["shortcomings_and_causes"]),
    ("存在的问题和不足", ["shortcomings_and_causes"]),
    ("工作中的短板弱项", ["shortcomings_and_causes"]),
    ("党政主要负责人履行推进法治建设第一责任人职责情况", ["first_responsible_person"]),
    ("主要负责同志履行推进法治建设职责情况", ["first_responsible_person"]),
    ("下一步工作打算", ["next_year_plan"]),
    ("今后工作安排", ["next_year_plan"]),
    ("2024年度推进法治政府建设的主要安排", ["next_year_plan"]),
    ("2023年度推进法治政府建设的主要举措和成效", ["measures_and_results"]),
    ("存在的不足和下一步工作打算", ["shortcomings_and_causes", "next_year_plan"]),
    ("其他需要报告的情况", ["other"]),
    ("加强组织领导", []),  # a part by area: the default part when it is a level-1 section
    ("主要负责人切实履行第一责任人职责", ["first_responsible_person"]),
    ("加强党的领导，压实第一责任人责任", []),  # a measure about the duty, not the leaders' performance
    ("统筹谋划今后发展", []),
    ("问题与不足", ["shortcomings_and_causes"]),
    ("需要改进的方面", ["shortcomings_and_causes"]),
    ("主要负责同志履职情况", ["first_responsible_person"]),
    ("下步打算", ["next_year_plan"]),
    ("2024年重点工作", ["next_year_plan"]),
    ("下一年度工作安排", ["next_year_plan"]),
])
def test_heading_variants(heading, parts):
    view = View(_report(title="某县人民政府关于2023年度法治政府建设情况的报告"))
    assert classify_heading(heading, 1, view) == parts


@pytest.mark.parametrize("text, parts", [
    ("区管委会主任切实履行推进法治政府建设第一责任人职责，对创建工作亲自部署。", ["first_responsible_person"]),
    ("区委书记、区长切实履行推进法治建设第一责任人职责，研究法治议题7次。", ["first_responsible_person"]),
    ("严格落实党政主要负责人履行推进法治建设第一责任人职责规定，开展述法。", []),
    ("一年来，全市法治政府建设虽然取得了一定成效，但与群众期盼相比仍有差距。", ["shortcomings_and_causes"]),
    ("针对督察中存在的问题，逐项建立整改台账。", []),
    ("下一步，县司法局将做好三项工作。", ["next_year_plan"]),
    ("2024年，县政府将重点抓好以下工作。", ["next_year_plan"]),
    ("2024年工作安排：一是加强组织领导；二是推进执法规范化。", ["next_year_plan"]),
    ("2023年工作开展情况：一是加强组织领导。", []),
    ("存在的不足和原因。一是执法力量不足。", ["shortcomings_and_causes"]),
    ("党政主要负责人履行推进法治建设第一责任人职责情况。县长带头学法。", ["first_responsible_person"]),
    ("2023年，县政府将法治建设纳入绩效考核。", []),  # the reporting year: 将 is 把
])
def test_paragraph_openings(text, parts):
    view = View(_report(title="某县人民政府关于2023年度法治政府建设情况的报告"))
    assert classify_opening(text, view) == parts


def test_a_report_without_any_part_has_four_findings_and_a_notice_none():
    body = ["县政府坚持依法行政，" * 30]
    report = _report(title="某县人民政府关于2023年度法治政府建设情况的报告", paragraphs=body)
    assert check(report, layout=False).codes() == ["CONTENT_MISSING_SHORTCOMINGS", "CONTENT_MISSING_FIRST_RESPONSIBLE",
                                                   "CONTENT_MISSING_NEXT_YEAR", "CONTENT_MISSING_MEASURES"] or \
        sorted(check(report, layout=False).codes()) == sorted(
            ["CONTENT_MISSING_MEASURES", "CONTENT_MISSING_SHORTCOMINGS", "CONTENT_MISSING_FIRST_RESPONSIBLE",
             "CONTENT_MISSING_NEXT_YEAR"])
    notice = _report(title="某县人民政府办公室关于做好2023年度法治政府建设情况报告报送工作的通知", paragraphs=body)
    assert check(notice, layout=False).codes() == []


@pytest.mark.parametrize("issuer, addressee, date, late", [
    ("某县人民政府", "县委", "2024-03-01", False),  # on the day: in time
    ("某县人民政府", "县委", "2024-03-02", True),
    ("某省司法厅", "省委", "2024-03-02", True),  # a department: 1 March
    ("某省人民政府", "党中央", "2024-03-20", False),  # a province: 1 April
    ("某省人民政府", "党中央", "2024-04-02", True),
    ("北京市人民政府", "党中央", "2024-03-31", False),
    ("中共某县委员会", "市委", "2024-02-28", False),
    ("新疆维吾尔自治区人民政府", "党中央、国务院", "2024-03-25", False),
    ("中共某某省委", "党中央", "2024-03-25", False),
    ("某自治区某市人民政府", "市委", "2024-03-25", True),
])
def test_deadline_by_level(issuer, addressee, date, late):
    report = _report(title=f"{issuer}关于2023年度法治政府建设情况的报告", date=date, date_raw=date,
                     addressees=[addressee], issuers=[issuer])
    assert ("DATE_AFTER_DEADLINE" in check(report, layout=False).codes()) == late


def test_reporting_year_from_the_body_when_the_title_has_none():
    report = _report(title="某县人民政府法治政府建设年度报告", paragraphs=["2023年，县政府坚持依法行政。"],
                     date="2024-03-20", date_raw="2024年3月20日")
    result = check(report, layout=False)
    assert {"TITLE_NO_YEAR", "DATE_AFTER_DEADLINE"} <= set(result.codes())
    assert (result.indicators.reporting_year, result.indicators.reporting_year_source) == (2023, "body")


def test_titles_of_annual_reports():
    assert View(_report(title="某区2023年法治政府建设工作总结")).annual_report
    two = View(_report(title="某县关于2023年度法治政府建设情况和2024年工作安排的报告"))
    assert two.annual_report and two.reporting_year == (2023, "title")
    for title in ("某县2024年法治政府建设工作要点", "关于印发某县法治政府建设实施方案的通知", "某市2025年政府工作报告",
                  "某县2023年政府信息公开工作年度报告"):
        assert not View(_report(title=title)).annual_report, title


def test_a_five_year_review_names_no_single_year():
    report = _report(title="某区五年法治政府建设工作情况报告", paragraphs=["五年来，我区坚持依法行政。"])
    assert "TITLE_NO_YEAR" not in check(report, layout=False).codes()


@pytest.mark.parametrize("numbers, bad", [
    (["一、", "二、", "三、"], []),
    (["一、", "二、", "四、"], ["四、"]),
    (["一、", "二、", "二、"], ["二、"]),
    (["二、", "三、"], ["二、"]),
    (["一、", "二、", "一、", "二、"], []),  # numbered again from 一: a long document's next part
])
def test_heading_sequence(numbers, bad):
    sections = [Section(number=n, level=1, heading=f"标题{i}") for i, n in enumerate(numbers)]
    found = [f for f in check(_report(title="通知", sections=sections), layout=False).findings
             if f.code == "HEADING_SEQUENCE"]
    assert [f.text[:2] for f in found] == bad


def test_heading_numbers_may_run_on_through_the_document():
    """1. 2. under （一）, 3. 4. under （二）: a 方案's numbering, no deviation; 1. under （二) too."""
    def part(n, items):
        return Section(number=f"（{n}）", level=2, heading="部分",
                       children=[Section(number=f"{i}.", level=3, heading="事项") for i in items])
    top = Section(number="一、", level=1, heading="任务", children=[part("一", [1, 2]), part("二", [3, 4])])
    assert "HEADING_SEQUENCE" not in check(_report(title="意见", sections=[top]), layout=False).codes()
    skip = Section(number="一、", level=1, heading="任务", children=[part("一", [1, 2]), part("二", [4, 5])])
    assert "HEADING_SEQUENCE" in check(_report(title="意见", sections=[skip]), layout=False).codes()


@pytest.mark.parametrize("number, value", [("一、", 1), ("（十二）", 12), ("3.", 3), ("(4)", 4), ("二十、", 20)])
def test_ordinal(number, value):
    assert ordinal(number) == value


@pytest.mark.parametrize("text, found", [
    ("XX县司法局", True), ("××局", True), ("＊＊＊同志", True), ("2024年X月X日", True), ("20XX年", True),
    ("□□县", True), ("（此处填写单位名称）", True), ("○○县", True),
    ("二〇二四年二月二十日", False), ("LED显示屏", False), ("X光机", False), ("3×4米", False), ("张某某诉某局", False),
])
def test_placeholders(text, found):
    report = _report(title="通知", paragraphs=[f"经查，{text}已按要求整改。"])
    assert ("PLACEHOLDER_TEXT" in check(report, layout=False).codes()) == found


def test_similarity_folds_figures_and_counts_paragraphs():
    def doc(*texts):
        return _report(paragraphs=list(texts))
    before = doc("全年共办理行政复议案件367件，纠错41件，纠错率11.2%。", "新建公共法律服务站点12个，覆盖全部乡镇和街道。")
    after = doc("全年共办理行政复议案件412件，纠错39件，纠错率9.5%。", "组织领导干部旁听庭审活动，参加人员达到八百人次。")
    assert repeated_share(after, before) == (0.5, 1, 2)  # half: not more than half
    assert "SIMILAR_TO_PREVIOUS_YEAR" not in check(after, before, layout=False).codes()
    copied = doc("全年共办理行政复议案件412件，纠错39件，纠错率9.5%。", "新建公共法律服务站点15个，覆盖全部乡镇和街道。")
    assert "SIMILAR_TO_PREVIOUS_YEAR" in check(copied, before, layout=False).codes()


def test_every_code_has_its_rule_and_message():
    for code in all_codes():
        from govdoc_parser.checks.tables import code_info

        info = code_info(code)
        assert info["severity"] in ("error", "warning", "info") and info["rule"] and info["message"]
        assert "GB/T 9704" in info["rule"] or "规定" in info["rule"] or "纲要" in info["rule"], code
    assert set(NAMED) <= set(all_codes())


def test_rule_tables_are_data():
    """The deadline of a level is read from the table: another table, another finding."""
    assert load("deadlines")["default"]["deadline"] == "03-01"
    names = [p["key"] for p in load("parts")["part"]]
    assert names[:4] == ["measures_and_results", "shortcomings_and_causes", "first_responsible_person", "next_year_plan"]


# --- model, schema, indicators ----------------------------------------------------------------


def test_result_is_a_validated_model_with_its_schema():
    result = check(parsed("clean_yunxi_2023.txt"))
    assert isinstance(result, CheckResult)
    assert CheckResult.model_validate_json(result.model_dump_json()) == result
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == json_schema(), \
        "check.schema.json is stale: python -m govdoc_parser.checks.model"
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(json.loads(result.model_dump_json()), json_schema())


def test_indicators_of_a_clean_report():
    i = check(parsed("clean_yunxi_2023.txt")).indicators
    assert (i.reporting_year, i.issuer_level, i.date, i.deadline, i.days_after_year_end, i.days_after_deadline) == \
        (2023, "default", "2024-02-20", "2024-03-01", 51, -10)
    assert i.required_parts_present == i.required_parts_total == 4
    assert 0.8 < sum(p.share for p in i.parts.values()) <= 1.0  # the opening paragraph belongs to no part
    assert i.has_causes and i.shortcoming_items == 3 and i.shortcomings_quantified
    assert (i.plan_items, i.plan_items_with_target) == (4, 3)
    assert i.heading_depth == 2 and i.hierarchy_standard and i.areas_covered >= 5
    assert i.metric_count > 10 and i.rate_count >= 3 and i.metrics_per_1000_chars > 10
    assert (i.has_signature, i.has_date, i.has_docno, i.has_recipient) == (True, True, True, True)
    assert i.placeholders == 0 and i.similarity_prev_year is None


def test_where_points_into_the_body_text():
    report = parsed("placeholder_xx_yunxi.txt")
    finding = next(f for f in check(report).findings if f.code == "PLACEHOLDER_TEXT")
    start, end = finding.where.span
    assert report.body_text()[start:end] == "XX"
    assert finding.where.line is not None


def test_printed_page_checks_need_the_source():
    report = parsed("mark_black_donglan.pdf")
    assert check(report).codes() == ["MARK_NOT_RED"]
    assert check(report, layout=False).codes() == []
    moved = report.model_copy(deep=True)
    moved.source.path = "/nonexistent/file.pdf"
    assert check(moved).codes() == []  # the file is gone: not measured


# --- command line -----------------------------------------------------------------------------


def test_cli_json_prints_findings_and_indicators():
    result = CliRunner().invoke(main, ["check", str(CORPUS / "out" / "late_yunxi.txt"), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data)[:2] == ["findings", "indicators"]
    assert [f["code"] for f in data["findings"]] == ["DATE_AFTER_DEADLINE"]
    assert data["indicators"]["days_after_deadline"] == 11


def test_cli_previous_text_and_markdown():
    out = CORPUS / "out"
    result = CliRunner().invoke(main, ["check", str(out / "clean_yunxi_2023.txt"), "--previous",
                                       str(out / "prev_yunxi_2022_copy.txt")])
    assert result.exit_code == 0 and "SIMILAR_TO_PREVIOUS_YEAR" in result.output and "依据" in result.output
    result = CliRunner().invoke(main, ["check", str(out / "measures_yunxi.txt"), str(out / "clean_donglan_2022.txt"),
                                       "--format", "markdown"])
    assert result.exit_code == 0 and result.output.count("## ") == 2 and "`CONTENT_MISSING_MEASURES`" in result.output


def test_cli_several_files_json_is_a_list_and_a_missing_file_its_exit_code(tmp_path):
    out = CORPUS / "out"
    result = CliRunner().invoke(main, ["check", str(out / "clean_yunxi_2023.txt"), str(tmp_path / "missing.pdf"),
                                       "--format", "json"])
    assert result.exit_code == 3
    assert len(json.loads(result.stdout)) == 1


def test_cli_db_writes_tables_finds_the_previous_year_and_a_sheet(tmp_path):
    db, sheet = tmp_path / "reports.sqlite", tmp_path / "sheet.csv"
    out = CORPUS / "out"
    govdoc_parser.ingest([str(out / "prev_tongwan_2023_copy.txt")], db=db, workers=1)
    # a file checked against the archive: the same issuer's report of the year before is there
    result = CliRunner().invoke(main, ["check", str(out / "similar_tongwan.txt"), "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [f["code"] for f in data["findings"]] == ["SIMILAR_TO_PREVIOUS_YEAR"]
    assert data["indicators"]["previous_year"] == 2023
    # the archive itself: every stored document, one row each, and the sheet
    result = CliRunner().invoke(main, ["check", "--db", str(db), "--sheet", str(sheet)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM check_indicators").fetchone()[0] == 2
        rows = conn.execute("SELECT code, severity, document_path FROM check_findings").fetchall()
    assert [r[0] for r in rows] == ["SIMILAR_TO_PREVIOUS_YEAR"] and rows[0][2].endswith("similar_tongwan.txt")
    lines = sheet.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("id,document_id,document_sha256") and len(lines) == 3


def test_parse_does_not_load_the_checks():
    code = ("import sys, govdoc_parser.cli; "
            "assert not any(m.startswith('govdoc_parser.checks.') and m != 'govdoc_parser.checks.cli' for m in sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True)
