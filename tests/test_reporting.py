"""Issuer and reporting year as Report fields, with the rule that gave each, and compare --issuer
on them (hand-written documents; the real report texts of ../shared/corpus/real)."""

import re

import pytest

import govdoc_parser
from govdoc_parser.elements.issuers import issuer_key
from govdoc_parser.pipeline import parse_raw
from govdoc_parser.read import text
from govdoc_parser.store import compare

from .conftest import shared_path


def _parse(source: str):
    return parse_raw(text.read(source.encode("utf-8"), "t.txt", "0" * 64), metrics=False)


@pytest.mark.parametrize("source, issuer, issuer_source, year, year_source, warning", [
    ("青川市司法局文件\n青司发〔2024〕3号\n青川市司法局关于2023年度法治政府建设情况的报告\n市委：\n现报告如下。\n青川市司法局\n2024年2月1日\n",
     "青川市司法局", "mark", 2023, "title", None),
    ("云岭县人民政府关于2022年法治政府建设工作情况的报告\n2022年，县政府全面推进依法行政。\n",
     "云岭县人民政府", "title", 2022, "title", None),
    ("法治政府建设工作报告\n2021年，我局认真贯彻落实上级部署。\n澄湖新区管理委员会\n2022年1月20日\n",
     "澄湖新区管理委员会", "signature", 2021, "body", None),
    ("法治政府建设工作报告\n今年以来，我局认真贯彻落实上级部署。\n澄湖新区管理委员会\n2022年1月20日\n",
     "澄湖新区管理委员会", "signature", 2021, "signature_date", "YEAR_FROM_DATE"),
    ("---\nunit: 松岚市司法局（转载）\nyear: 2020\n---\n松岚市司法局法治政府建设年度报告\n一年来，我局坚持依法行政。\n",
     "松岚市司法局", "front_matter", 2020, "front_matter", None),
])
def test_issuer_and_year_with_their_rule(source, issuer, issuer_source, year, year_source, warning):
    report = _parse(source)
    got = report.reporting
    assert (got.issuer, got.issuer_source, got.year, got.year_source) == (issuer, issuer_source, year, year_source)
    assert got.issuer_key == issuer_key(issuer)
    assert (warning in [w.code for w in report.warnings]) if warning else "YEAR_FROM_DATE" not in [w.code for w in report.warnings]


def test_traditional_script_gives_the_same_issuer_key():
    assert issuer_key("青川市人民政府") == issuer_key("青川市人民政府文件") == "青川市政府"
    assert issuer_key("內蒙古自治區人民政府") == issuer_key("内蒙古自治区政府")


def test_compare_issuer_on_every_real_text_that_names_its_unit(tmp_path):
    from govdoc_parser import ingest

    real = shared_path("corpus", "real")
    db = tmp_path / "real.sqlite"
    ingest([str(real)], db=str(db), workers=1)
    units = {}
    for path in sorted(real.glob("*.txt")):
        m = re.search(r"^unit:\s*(.+?)\s*$", path.read_text(encoding="utf-8")[:2000], re.M)
        if m:
            units[path.name] = re.sub(r"[（(][^（）()]*[）)]\s*$", "", m.group(1))
    assert len(units) >= 30
    for name, unit in units.items():
        result = compare.from_db(db, unit)
        assert any(doc.endswith(name) or name in doc for doc in _paths(db, result)), (name, unit)
    with pytest.raises(compare.UnknownIssuer):
        compare.from_db(db, "不存在的机关")


def _paths(db, result) -> list[str]:
    return [doc["name"] for doc in result.documents]  # compare names each report by its path


def test_period_roles_and_where_compare_puts_them():
    source = ("青川市司法局关于2022年度法治政府建设情况的报告\n"
              "2022年，全局新承接行政审批事项12项，累计承接55项。"
              "2021年共受理行政复议案件50件，2022年受理行政复议案件64件。"
              "截至年底，全市共有人民调解委员会328个。力争2023年调解成功率达到98%。\n")
    report = _parse(source)
    roles = {m.text: m.period_role for m in _metrics(source)}
    assert roles == {"12项": "year", "55项": "cumulative", "50件": "prior_year", "64件": "year",
                     "328个": "stock", "98%": "target"}
    assert report.reporting.year == 2022


def _metrics(source: str):
    return parse_raw(text.read(source.encode("utf-8"), "t.txt", "0" * 64)).metrics


def test_compare_keeps_only_the_years_own_figures_in_its_column():
    metric = lambda text, value, role, period=None: {"key": "k", "object": "o", "value": value, "unit": "件",
                                                     "text": text, "period_role": role, "period": period}
    result = compare.compare([
        (2021, "2021 report", [metric("48件", 48, "year")]),
        (2022, "2022 report", [metric("64件", 64, "year"), metric("50件", 50, "prior_year", "2021年"),
                               metric("300件", 300, "cumulative", "2018年以来")]),
    ])
    cells = {row["year"]: row for row in result.rows}
    assert sorted(v["value"] for v in cells[2021]["values"]) == [48, 50]
    assert cells[2021]["value"] == 48 and cells[2021]["conflict"]  # the 2021 report's own figure is primary,
    assert cells[2022]["value"] == 64 and cells[2022]["yoy"] == 16  # and the change is computed from it
    assert all(v["value"] != 300 for row in result.rows for v in row["values"])


def test_levels_and_before_after_values():
    source = ("青川市司法局关于2022年度法治政府建设情况的报告\n"
              "2022年，全市公职律师增至1208名，审批时限由60天压减到45天，行政复议案件同比增长12%。\n")
    states = {m.text: m.state for m in _metrics(source)}
    assert states == {"1208名": "after", "60天": "before", "45天": "after", "12%": None}
    metric = lambda text, value, change, state: {"key": "k", "object": "o", "value": value, "unit": "名",
                                                 "text": text, "change": change, "state": state}
    result = compare.compare([(2021, "a", [metric("1100名", 1100, None, None)]),
                              (2022, "b", [metric("1208名", 1208, "increase", "after")])])
    [row_2021, row_2022] = result.rows  # one row: the level reached is the year's level, not a change
    assert (row_2022["value"], row_2022["change"], row_2022["yoy"]) == (1208, None, 108)


@pytest.mark.parametrize("sentence, expected", [
    # a period bound by 的 to the value before is not the value after's
    ("行政执法案卷优良率由2022年的92.5%提升至94.8%。", {"92.5%": ("prior_year", "before"), "94.8%": ("year", "after")}),
    # the base of a comparison is no period, for the change nor for the values after it
    ("全年受理复议案件19件，较2022年下降17.4%，其中维持15件。",
     {"19件": ("year", None), "17.4%": ("year", None), "15件": ("year", None)}),
    ("免罚清单事项由上年的28项扩充至41项。", {"28项": ("year", "before"), "41项": ("year", "after")}),
    # what 累计 reaches since a year is cumulative; a running total without one stays a stock
    ("自2021年推行免罚清单，累计不予处罚案件达到790件。", {"790件": ("cumulative", "after")}),
    ("集成套餐累计达到52个。", {"52个": ("stock", "after")}),
    # 拟出台的文件 are documents, not a target
    ("对拟出台的规范性文件开展合法性审核102件。", {"102件": ("year", None)}),
    ("拟于明年新建调解室10个。", {"10个": ("target", None)}),
    ("实现每个村（社区）不少于10名法律明白人。", {"不少于10名": ("other", None)}),  # a norm per village
])
def test_period_roles_on_held_out_phrasings(sentence, expected):
    metrics = _metrics(f"青川市市场监督管理局2023年法治政府建设工作情况报告\n2023年，{sentence}\n")
    assert {m.text: (m.period_role, m.state) for m in metrics} == expected


def test_figures_under_the_plan_heading_are_targets():
    source = ("青川市司法局2023年法治政府建设工作情况报告\n一、主要工作\n全年组织培训12期。\n"
              "二、2024年工作打算\n全年组织培训不少于15期。\n")
    assert {m.text: m.period_role for m in _metrics(source)} == {"12期": "year", "不少于15期": "target"}


@pytest.mark.parametrize("sentence, expected", [
    ("全县持证执法人员1210名，较2022年的1126名增加84名。",  # the base is a state before; two years' change is no year's
     {"1210名": ("year", None), "1126名": ("year", "before"), "84名": ("other", None)}),
    ("全年受理复议案件143件，较上年的58件增长53.4%。",
     {"143件": ("year", None), "58件": ("year", "before"), "53.4%": ("year", None)}),
    ("行政处罚案件较2023年减少12件。", {"12件": ("year", None)}),
    ("宪法宣传周期间开展集中宣传活动92场。", {"92场": ("year", None)}),  # 期间 of a week
    ("“八五”普法期间累计开展普法活动1500余场。", {"1500余场": ("cumulative", None)}),
    # titles awarded over the years are counted: what 累计 reaches is cumulative, even after a 年内 clause
    ("年内新增省级法治政府建设示范项目2个，全市累计达到4个。", {"2个": ("year", None), "4个": ("cumulative", "after")}),
    ("“一件事一次办”集成套餐累计达到52个。", {"52个": ("stock", "after")}),  # a level of services held
])
def test_changes_and_their_bases(sentence, expected):
    metrics = _metrics(f"桐溪县人民政府关于2024年度法治政府建设情况的报告\n2024年，{sentence}\n")
    assert {m.text: (m.period_role, m.state) for m in metrics} == expected


@pytest.mark.parametrize("title, issuer", [
    ("洪泽区人民政府2023年政府信息公开工作年度报告", "洪泽区人民政府"),
    ("静海区2023年度法治政府建设情况报告", "静海区"),
    ("2023年法治政府建设工作报告", None),
])
def test_a_report_title_names_its_unit_before_the_year(title, issuer):
    [reporting] = [govdoc_parser.parse(f"{title}\n全年主动公开信息1136条。\n".encode(), name="r.txt").reporting]
    assert reporting.issuer == issuer and reporting.issuer_source == ("title" if issuer else None)
