"""Comparison across years: rows by metric key, year-on-year change, issuer matching, output formats."""

import json
import shutil
import subprocess
import sys

import pytest

import govdoc_parser
from govdoc_parser.model import Metric, Report, Source
from govdoc_parser.store import compare
from govdoc_parser.store.db import connect, write_document

from .conftest import CORPORA


def report(year, metrics, issuer="青川市人民政府"):
    return Report(
        source=Source(path=f"r{year}.txt", sha256=f"{year:064d}", format="text"),
        title=f"{issuer}关于{year}年度法治政府建设情况的报告",
        header={"issuers": [issuer]},
        metrics=[Metric(text=f"{v}{u}", value=v, unit=u, **extra) for v, u, extra in metrics],
    )


CASES = [
    report(2021, [(800, "件", {"key": "admin_reconsideration.cases_received"}),
                  (95.5, "%", {"key": "admin_litigation.appearance_rate"}),
                  (12, "次", {"object": "会前学法"}),
                  (3, "%", {"key": "petitions.total", "change": "decrease"})]),
    report(2022, [(1000, "件", {"key": "admin_reconsideration.cases_received", "qualifier": "more_than"}),
                  (98, "%", {"key": "admin_litigation.appearance_rate"}),
                  (10, "次", {"object": "会前学法"}), (14, "次", {"object": "会前学法"})]),
    report(2023, [(900, "件", {"key": "admin_reconsideration.cases_received", "period": "2021年以来"}),
                  (100, "%", {"key": "admin_litigation.appearance_rate"})], issuer="青川市政府"),
]


def rows_by(comparison):
    return {(r["metric"], r["change"], r["year"]): r for r in comparison.rows}


def test_year_on_year_change_only_between_comparable_cells():
    result = compare.compare((r.title and 2021 + i, r.title, [m.model_dump() for m in r.metrics])
                             for i, r in enumerate(CASES))
    rows = rows_by(result)
    assert result.years == [2021, 2022, 2023]
    cases = rows[("admin_reconsideration.cases_received", None, 2022)]
    assert (cases["value"], cases["qualifier"], cases["yoy"], cases["yoy_pct"]) == (1000, "more_than", 200, 25.0)
    assert rows[("admin_reconsideration.cases_received", None, 2023)]["yoy"] is None  # a period, not a year
    rate = rows[("admin_litigation.appearance_rate", None, 2022)]
    assert (rate["yoy"], rate["yoy_pct"]) == (2.5, None)  # points, never a relative change of a rate
    study = rows[("会前学法", None, 2022)]  # the object stands in for a missing key
    assert [v["value"] for v in study["values"]] == [10, 14] and study["conflict"]
    assert (study["value"], study["yoy"]) == (14, 2)  # two values: the larger (the whole) is primary
    assert rows[("petitions.total", "decrease", 2021)]["value"] == 3  # a stated change is its own row


def test_from_db_matches_issuer_names_loosely(tmp_path):
    db = tmp_path / "r.sqlite"
    conn = connect(db)
    for i, case in enumerate(CASES):
        write_document(conn, f"r{i}.txt", case.source.sha256, case.model_dump_json())
    conn.close()
    for name in ("青川市人民政府", "青川市政府文件", " 青川市 人民政府"):
        assert compare.from_db(db, name).years == [2021, 2022, 2023]
    with pytest.raises(compare.UnknownIssuer) as unknown:  # an unknown issuer names the closest known ones
        compare.from_db(db, "云岭县人民政府")
    assert unknown.value.closest == ["青川市政府"]


def test_renderings_align_wide_characters():
    result = compare.compare([(2021, "a", [m.model_dump() for m in CASES[0].metrics]),
                              (2022, "b", [m.model_dump() for m in CASES[1].metrics])])
    table = compare.render(result, "table").splitlines()
    assert table[0].split() == ["metric", "2021", "2022"]
    column = compare.width(table[0][:table[0].index("2022")])
    for line in table[2:]:  # the 2022 cells start in the same terminal column, CJK labels or not
        cell = line.split("  ")[-1].strip()
        if "2022" not in line and ("14次" in cell or "98%" in cell):
            assert compare.width(line[:line.index(cell)]) == column, table
    assert ">1000件 (≈+200, ≈+25.0%)" in "\n".join(table)
    assert "14次 (+2, +16.7%) [also 10次]" in "\n".join(table)
    markdown = compare.render(result, "markdown").splitlines()
    assert markdown[0] == "| metric | 2021 | 2022 |" and markdown[1] == "| --- | --- | --- |"
    records = json.loads(compare.render(result, "json"))
    assert records["years"] == [2021, 2022] and len(records["rows"]) == len(result.rows)
    assert compare.render(result, "csv").splitlines()[0] == ",".join(compare.LONG_COLUMNS)


def test_cli_compares_report_json_files(tmp_path):
    paths = []
    for case in CASES:
        paths.append(tmp_path / f"{case.source.sha256[-4:]}.json")
        paths[-1].write_text(case.model_dump_json(), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "govdoc_parser.cli", "compare", *map(str, paths),
                             "--format", "csv"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "3 reports, years 2021, 2022, 2023" in result.stderr
    assert "admin_litigation.appearance_rate,admin_litigation.appearance_rate,,,,2022,98.0,%" in result.stdout  # label: none for a key the lexicon lacks
    usage = subprocess.run([sys.executable, "-m", "govdoc_parser.cli", "compare", "--db", str(paths[0])],
                           capture_output=True, text=True, timeout=60)
    assert usage.returncode == 2 and "--issuer" in usage.stderr


def test_ingested_corpus_reports_line_up_by_year(tmp_path):
    sources = [CORPORA / "out" / "text" / f"qingchuan_{year}_report.txt" for year in (2021, 2022, 2023)]
    if not all(p.exists() for p in sources):
        pytest.skip("corpora reports not rendered")
    for source in sources:
        shutil.copy(source, tmp_path / source.name)
    db = tmp_path / "q.sqlite"
    govdoc_parser.ingest(tmp_path, db=db, workers=1)
    result = compare.from_db(db, "青川市政府")
    assert result.years == [2021, 2022, 2023] and result.rows
    assert any(r["yoy"] is not None for r in result.rows)


def metric(value, unit, sentence, section=(), **extra):
    return {"text": f"{value}{unit}", "value": value, "unit": unit, "sentence": sentence, "section": list(section),
            "key": "admin_reconsideration.cases_received", **extra}


def test_every_value_keeps_its_document_line_and_sentence():
    result = compare.compare([
        (2021, "a.txt", [metric(40, "件", "全年受理行政复议案件40件", where={"line": 12, "span": [8, 11]})]),
        (2022, "b.pdf", [metric(50, "件", "全年受理行政复议案件50件", where={"page": 3, "line": 4}),
                         metric(50, "件", "受理行政复议案件50件，同比增长25%", where={"page": 5, "line": 1})]),
    ])
    row = rows_by(result)[("admin_reconsideration.cases_received", None, 2022)]
    assert (row["document"], row["page"], row["line"], row["sentence"]) == ("b.pdf", 3, 4, "全年受理行政复议案件50件")
    assert not row["conflict"] and [s["page"] for s in row["values"][0]["sources"]] == [3, 5]  # one value, two places
    first = rows_by(result)[("admin_reconsideration.cases_received", None, 2021)]
    assert first["values"][0]["sources"][0]["span"] == [8, 11]
    lines = compare.render(result, "csv").splitlines()
    assert lines[2].startswith("admin_reconsideration.cases_received,") and ",b.pdf,3,4,全年受理行政复议案件50件," in lines[2]


def test_primary_value_is_the_one_in_the_keys_section_then_the_whole():
    home = ["二、严格规范公正文明执法", "（三）依法化解行政争议"]
    result = compare.compare([
        (2021, "a", [metric(40, "件", "受理行政复议案件40件", section=["二、规范执法", "（三）化解行政争议"])]),
        (2022, "b", [metric(90, "件", "市司法局受理咨询90件", section=["一、强化法治宣传"]),
                     metric(50, "件", "受理行政复议案件50件", section=home)]),
        (2023, "c", [metric(70, "件", "受理行政复议案件70件", section=home),
                     metric(30, "件", "市政府受理行政复议案件30件", section=home)]),
    ])
    rows = rows_by(result)
    in_section = rows[("admin_reconsideration.cases_received", None, 2022)]
    assert (in_section["value"], in_section["yoy"], in_section["conflict"]) == (50, 10, True)
    assert [v["primary"] for v in in_section["values"]] == [False, True]
    whole = rows[("admin_reconsideration.cases_received", None, 2023)]
    assert (whole["value"], whole["yoy"]) == (70, 20)


def test_money_is_shown_in_the_unit_written_with_the_amount_kept():
    money = dict(key="admin_compensation.amount", kind="money")
    result = compare.compare([
        (2021, "a", [{**metric(3200000.0, "元", "赔偿金额320万元", **money), "text": "320万元"}]),
        (2022, "b", [{**metric(4100000.0, "元", "赔偿金额410万元", **money), "text": "410万元"}]),
    ])
    row = rows_by(result)[("admin_compensation.amount", None, 2022)]
    assert (row["value"], row["unit"], row["text"], row["yoy"]) == (410, "万元", "410万元", 90)
    assert row["values"][0]["yuan"] == 4100000.0


def test_database_keeps_period_roles_so_cumulative_figures_stay_out_of_year_columns(tmp_path):
    cumulative = {"period": "2018年以来", "period_role": "cumulative"}
    cases = [report(2021, [(40, "件", {"key": "admin_reconsideration.cases_received"})]),
             report(2022, [(50, "件", {"key": "admin_reconsideration.cases_received"}),
                           (300, "件", {"key": "admin_reconsideration.cases_received", **cumulative})])]
    db = tmp_path / "r.sqlite"
    conn = connect(db)
    for case in cases:
        write_document(conn, case.source.path, case.source.sha256, case.model_dump_json())
    conn.close()
    row = rows_by(compare.from_db(db, "青川市人民政府"))[("admin_reconsideration.cases_received", None, 2022)]
    assert (row["value"], row["yoy"], row["conflict"], row["document"]) == (50, 10, False, "r2022.txt")


def test_reports_of_two_lexicon_versions_are_not_compared(tmp_path):
    paths = []
    for case, rules in zip(CASES[:2], ("aaaa", "bbbb")):
        case = case.model_copy(deep=True)
        case.source.parser_version, case.source.rules_hash = "0.2.0", rules
        paths.append(tmp_path / f"{rules}.json")
        paths[-1].write_text(case.model_dump_json(), encoding="utf-8")
    with pytest.raises(compare.MixedVersions, match="0.2.0\\+aaaa, 0.2.0\\+bbbb"):
        compare.from_reports(paths)
    db = tmp_path / "r.sqlite"
    conn = connect(db)
    for i, (case, parser) in enumerate(zip(CASES, ("0.2.0+aaaa+engine=pdfium", "0.2.0+aaaa+engine=pdfplumber",
                                                   "0.2.1+aaaa+engine=pdfium"))):
        write_document(conn, f"r{i}.txt", case.source.sha256, case.model_dump_json(), parser)
    conn.close()
    with pytest.raises(compare.MixedVersions, match="ingest again"):
        compare.from_db(db, "青川市人民政府")


def test_a_restatement_in_the_next_report_is_a_conflict_only_when_it_disagrees():
    prior = {"period": "2021年", "period_role": "prior_year"}
    for restated, conflict in ((40, False), (45, True)):
        result = compare.compare([
            (2021, "a", [metric(40, "件", "全年受理行政复议案件40件")]),
            (2022, "b", [metric(50, "件", "受理行政复议案件50件"), metric(restated, "件", "2021年受理…", **prior)]),
        ])
        row = rows_by(result)[("admin_reconsideration.cases_received", None, 2021)]
        assert (row["value"], row["conflict"], len(row["values"])) == (40, conflict, 2)
        assert row["values"][1]["period"] == "restated in the 2022 report"
        assert rows_by(result)[("admin_reconsideration.cases_received", None, 2022)]["yoy"] == 10


def test_keyed_changes_are_signed_so_rises_and_falls_share_a_row():
    yoy = {"key": "admin_enforcement.penalty_cases_yoy", "unit": "%"}
    result = compare.compare([
        (2023, "a", [{"text": "8.9%", "value": 8.9, "change": "increase", "sentence": "同比增长8.9%", **yoy}]),
        (2024, "b", [{"text": "4.6%", "value": 4.6, "change": "decrease", "sentence": "同比下降4.6%", **yoy}]),
    ])
    assert [(r["year"], r["value"], r["change"]) for r in result.rows] == [(2023, 8.9, None), (2024, -4.6, None)]
    assert result.rows[1]["yoy"] is None  # a change of a change is no figure
