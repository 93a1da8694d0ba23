"""Exit codes of the batch commands: ingest, eval and compare exit 1 (as parse of several inputs)
when a file failed or when nothing was found or matched, 0 when all went well."""

import json
import shutil
import subprocess
import sys

from govdoc_parser.model import Metric, Report, Source

from .conftest import CORPORA, FIXTURES

SOME_FAILED = 1
TEXT = CORPORA / "out" / "text" / "qingchuan_2021_report.txt"
GOLD = CORPORA / "gold" / "qingchuan_2021_report.gold.json"
TRUNCATED = FIXTURES / "errors" / "truncated.pdf"  # corrupt


def govdoc(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "govdoc_parser.cli", *map(str, args)], capture_output=True,
                          text=True, timeout=300, cwd=cwd)


def folder_of(tmp_path, name, *files):
    folder = tmp_path / name
    folder.mkdir()
    for path in files:
        shutil.copy(path, folder / path.name)
    return folder


# ---------------------------------------------------------------- ingest

def test_ingest_of_good_files_exits_0_and_so_does_its_rerun(tmp_path):
    folder = folder_of(tmp_path, "in", TEXT)
    db = tmp_path / "r.sqlite"
    first = govdoc("ingest", folder, "--db", db, "--workers", "1")
    assert first.returncode == 0, first.stderr
    again = govdoc("ingest", folder, "--db", db, "--workers", "1")
    assert again.returncode == 0, again.stderr
    assert "1 skipped" in again.stdout


def test_ingest_with_a_failed_file_exits_1_and_keeps_the_good_ones(tmp_path):
    folder = folder_of(tmp_path, "in", TEXT, TRUNCATED)
    db = tmp_path / "r.sqlite"
    result = govdoc("ingest", folder, "--db", db, "--workers", "1")
    assert result.returncode == SOME_FAILED, result.stderr
    assert "1 parsed" in result.stdout and "1 failed" in result.stdout and "1 corrupt" in result.stdout
    # the failure is recorded: a rerun skips it and has nothing new that failed
    again = govdoc("ingest", folder, "--db", db, "--workers", "1")
    assert again.returncode == 0, again.stdout
    retried = govdoc("ingest", folder, "--db", db, "--workers", "1", "--retry-errors")
    assert retried.returncode == SOME_FAILED, retried.stdout


def test_ingest_of_a_folder_without_documents_exits_1(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "notes.json").write_text("{}", encoding="utf-8")
    result = govdoc("ingest", folder, "--db", tmp_path / "r.sqlite", "--workers", "1")
    assert result.returncode == SOME_FAILED
    assert "no document" in result.stderr and str(folder) in result.stderr


# ---------------------------------------------------------------- eval

def test_eval_of_a_paired_gold_file_exits_0(tmp_path):
    gold = folder_of(tmp_path, "gold", GOLD)
    inputs = folder_of(tmp_path, "docs", TEXT)
    result = govdoc("eval", gold, "--inputs", inputs)
    assert result.returncode == 0, result.stderr
    assert "files: 1, errors: 0" in result.stdout


def test_eval_without_any_pair_exits_1(tmp_path):
    gold = folder_of(tmp_path, "gold", GOLD)
    inputs = tmp_path / "docs"
    inputs.mkdir()
    result = govdoc("eval", gold, "--inputs", inputs)
    assert result.returncode == SOME_FAILED
    assert "no gold file" in result.stderr


def test_eval_with_an_input_that_fails_to_parse_exits_1(tmp_path):
    gold = folder_of(tmp_path, "gold", GOLD)
    inputs = tmp_path / "docs"
    inputs.mkdir()
    shutil.copy(TRUNCATED, inputs / "qingchuan_2021_report.pdf")
    result = govdoc("eval", gold, "--inputs", inputs, "--suffix", ".pdf")
    assert result.returncode == SOME_FAILED
    assert "errors: 1" in result.stdout and "1 of 1 inputs failed to parse" in result.stderr


# ---------------------------------------------------------------- compare

def report_json(folder, name, title, metrics=()):
    path = folder / name
    report = Report(source=Source(path=name, sha256="0" * 64, format="text"), title=title,
                    header={"issuers": ["青川市人民政府"]}, metrics=list(metrics))
    path.write_text(report.model_dump_json(), encoding="utf-8")
    return path


def test_compare_of_reports_without_a_year_exits_1(tmp_path):
    path = report_json(tmp_path, "a.json", "青川市人民政府关于法治政府建设情况的报告")
    result = govdoc("compare", path, "-o", tmp_path / "out.csv", "--format", "csv")
    assert result.returncode == SOME_FAILED
    assert "no report with a year" in result.stderr
    assert not (tmp_path / "out.csv").exists()


def test_compare_of_reports_without_figures_exits_1(tmp_path):
    path = report_json(tmp_path, "a.json", "青川市人民政府关于2021年度法治政府建设情况的报告")
    result = govdoc("compare", path)
    assert result.returncode == SOME_FAILED
    assert "no figure" in result.stderr


def test_compare_of_reports_with_figures_exits_0(tmp_path):
    figure = Metric(text="800件", value=800, unit="件", key="admin_reconsideration.cases_received")
    path = report_json(tmp_path, "a.json", "青川市人民政府关于2021年度法治政府建设情况的报告", [figure])
    result = govdoc("compare", path, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["years"] == [2021]


def test_compare_of_an_unknown_issuer_exits_1(tmp_path):
    db = tmp_path / "r.sqlite"
    ingested = govdoc("ingest", folder_of(tmp_path, "in", TEXT), "--db", db, "--workers", "1")
    assert ingested.returncode == 0, ingested.stderr
    result = govdoc("compare", "--db", db, "--issuer", "云岭省人民政府")
    assert result.returncode == SOME_FAILED
    assert "青川" in result.stderr  # the closest known issuer is named
