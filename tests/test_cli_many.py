"""govdoc parse of several inputs, stdin and Markdown; parse() of bytes and file objects;
ingest without a __main__ guard; exports that Excel opens and that are whole or absent."""

import csv
import io
import json
import shutil
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

import govdoc_parser
from govdoc_parser.cli import main
from govdoc_parser.store.export import export

from .conftest import CORPORA, FIXTURES, ROOT

PDF = CORPORA / "out" / "pdf-reportlab" / "qingchuan_2022_report.pdf"
DOCX = CORPORA / "out" / "docx" / "yunling_2023_report.docx"
LETTER = CORPORA / "out" / "docx" / "qingchuan_sfj_2024_consult_letter.docx"  # 附件2 has a table
TEXTS = [CORPORA / "out" / "text" / name for name in ("qingchuan_2021_report.txt", "yunling_2023_report.txt")]
TRUNCATED = FIXTURES / "errors" / "truncated.pdf"  # exit 6, corrupt


def govdoc(*args, input=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "govdoc_parser.cli", *map(str, args)], input=input,
                          capture_output=True, timeout=300, cwd=cwd)


def without_path(report) -> dict:
    dump = report.model_dump()
    dump["source"].pop("path")
    return dump


@pytest.fixture
def folder(tmp_path):
    """Two documents (one in a subfolder), a hidden one and a file that is no document."""
    root = tmp_path / "docs"
    (root / "sub").mkdir(parents=True)
    shutil.copy(TEXTS[0], root / TEXTS[0].name)
    shutil.copy(TEXTS[1], root / "sub" / TEXTS[1].name)
    shutil.copy(TEXTS[0], root / ".hidden.txt")
    (root / "notes.json").write_text("{}", encoding="utf-8")
    return root


def test_several_files_and_a_folder_into_an_output_folder(tmp_path, folder):
    out = tmp_path / "out" / "reports"  # created, parents too
    done = govdoc("parse", PDF, DOCX, folder, "--output", out)
    assert done.returncode == 0, done.stderr
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == ["qingchuan_2021_report.json", "qingchuan_2022_report.json", "sub/yunling_2023_report.json",
                       "yunling_2023_report.json"]
    report = govdoc_parser.Report.model_validate_json((out / "qingchuan_2022_report.json").read_text(encoding="utf-8"))
    assert report.source.path == str(PDF) and report.title
    stored = json.loads((out / "sub" / "yunling_2023_report.json").read_text(encoding="utf-8"))
    assert stored["source"]["path"] == str(folder / "sub" / TEXTS[1].name)
    assert done.stdout == b""
    stderr = done.stderr.decode()
    assert stderr.count("\n") == 1 and "4 files: 4 parsed, 0 failed" in stderr  # no progress bar off a terminal


def test_several_inputs_without_output_print_json_lines(folder):
    done = govdoc("parse", folder, "--no-metrics")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode().splitlines()
    assert [json.loads(line)["source"]["path"] for line in lines] == [
        str(folder / TEXTS[0].name), str(folder / "sub" / TEXTS[1].name)]


def test_same_stem_twice_gives_two_outputs(tmp_path):
    out = tmp_path / "out"
    pdf = CORPORA / "out" / "pdf-reportlab" / "yunling_2023_report.pdf"
    done = govdoc("parse", pdf, DOCX, "-o", out, "--no-metrics")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["yunling_2023_report.docx.json", "yunling_2023_report.pdf.json"]


def test_glob_patterns_are_expanded(tmp_path, folder):
    done = govdoc("parse", str(folder / "**" / "*.txt"), "--no-metrics", "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.stem + ".json" for p in TEXTS)
    nothing = govdoc("parse", str(folder / "*.pdf"), TEXTS[0], "--no-metrics")
    assert nothing.returncode == 1 and b"no file matches this pattern [unreadable]" in nothing.stderr


def test_stdin(tmp_path):
    done = govdoc("parse", "-", input=PDF.read_bytes())
    assert done.returncode == 0, done.stderr
    report = govdoc_parser.Report.model_validate_json(done.stdout)
    assert report.source.path == "<stdin>"
    assert without_path(report) == without_path(govdoc_parser.parse(PDF))
    shell = subprocess.run(f"cat '{PDF}' | '{sys.executable}' -m govdoc_parser.cli parse - --compact",
                           shell=True, capture_output=True, timeout=300)
    assert shell.returncode == 0 and json.loads(shell.stdout)["source"]["sha256"] == report.source.sha256
    bad = govdoc("parse", "-", input=TRUNCATED.read_bytes())
    assert bad.returncode == 6 and bad.stderr.decode().startswith("govdoc: error: <stdin>: ")


@pytest.mark.parametrize("path", [PDF, DOCX, TEXTS[0], CORPORA / "out" / "html" / "chenghu_2021_report.html"],
                         ids=lambda p: p.suffix)
def test_parse_path_bytes_and_file_object_agree(path):
    data = path.read_bytes()
    from_path = govdoc_parser.parse(path)
    from_bytes = govdoc_parser.parse(data)
    with open(path, "rb") as handle:
        from_file = govdoc_parser.parse(handle)
    from_memory = govdoc_parser.parse(io.BytesIO(data))
    assert (from_path.source.path, from_bytes.source.path, from_file.source.path, from_memory.source.path) == (
        str(path), "<bytes>", str(path), "<bytes>")
    assert without_path(from_path) == without_path(from_bytes) == without_path(from_file) == without_path(from_memory)
    assert from_bytes.source.sha256 == from_path.source.sha256


def test_parse_bytes_errors_name_the_bytes_not_a_copy():
    with pytest.raises(govdoc_parser.GovdocError) as caught:
        govdoc_parser.parse(TRUNCATED.read_bytes())
    assert caught.value.code == "corrupt" and caught.value.one_line().startswith("<bytes>: ")
    with pytest.raises(govdoc_parser.GovdocError) as caught:
        govdoc_parser.parse(b"%PDF-1.4 not really", name="upload.docx")
    assert caught.value.code == "wrong_format" and caught.value.path == "upload.docx"
    with pytest.raises(TypeError, match="'rb'"):
        with open(TEXTS[0], encoding="utf-8") as handle:
            govdoc_parser.parse(handle)


def test_markdown_has_the_title_headings_and_table_rows(tmp_path):
    done = govdoc("parse", LETTER, "--format", "markdown")
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode()
    assert text.startswith("# 青川市司法局关于商请报送2023年度行政执法统计数据的函\n")
    assert "# 附件2　行政执法统计数据报送安排表" in text and "## 一、报送安排" in text
    assert "| 序号 | 报送单位 | 报送内容 | 联系科室 | 报送时间 |" in text
    assert "| 1 | 市市场监督管理局 | 行政许可、行政处罚、行政检查数据 | 法规科 | 2024年3月15日前 |" in text
    out = tmp_path / "md"
    assert govdoc("parse", LETTER, PDF, "--format", "markdown", "-o", out).returncode == 0
    assert sorted(p.name for p in out.iterdir()) == ["qingchuan_2022_report.md", "qingchuan_sfj_2024_consult_letter.md"]
    assert (out / "qingchuan_2022_report.md").read_text(encoding="utf-8").startswith(
        "# 青川市人民政府关于2022年度法治政府建设情况的报告\n\n青政报〔2023〕4号\n")


def test_one_bad_file_among_good_ones(tmp_path):
    done = govdoc("parse", TEXTS[0], TRUNCATED, TEXTS[1], "--no-metrics", "-o", tmp_path / "out")
    assert done.returncode == 1
    lines = done.stderr.decode().splitlines()
    assert lines[0] == f"govdoc: error: {TRUNCATED}: the PDF is truncated or damaged (no %%EOF at its end) [corrupt]"
    assert "3 files: 2 parsed, 1 failed (1 corrupt)" in lines[1] and len(lines) == 2
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.stem + ".json" for p in TEXTS)
    # one file keeps its own exit code and prints no summary
    single = govdoc("parse", TRUNCATED)
    assert single.returncode == 6 and single.stderr.decode().count("\n") == 1


def test_no_partial_output_when_a_write_fails(tmp_path, monkeypatch):
    from govdoc_parser.output import files

    def disk_full(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", disk_full)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["parse", str(TEXTS[0]), str(TEXTS[1]), "--no-metrics", "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.count("cannot write") == 2 and "No space left on device [output]" in result.stderr
    assert list(out.iterdir()) == []  # neither the reports nor their temporary files
    single = CliRunner().invoke(main, ["parse", str(TEXTS[0]), "--no-metrics", "-o", str(out / "one.json")])
    assert single.exit_code == 19 and "[disk_full]" in single.stderr  # one file: the full disk's own code
    assert list(out.iterdir()) == []


def test_no_output_file_when_the_parse_fails(tmp_path):
    target = tmp_path / "report.json"
    done = govdoc("parse", TRUNCATED, "-o", target)
    assert done.returncode == 6 and not target.exists() and list(tmp_path.iterdir()) == []


def test_atomic_write_keeps_the_old_file_on_failure(tmp_path):
    from govdoc_parser.output.files import atomic_open

    target = tmp_path / "metrics.csv"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_open(target) as handle:
            handle.write("new, half written")
            raise RuntimeError("the database went away")
    assert target.read_text(encoding="utf-8") == "old\n" and [p.name for p in tmp_path.iterdir()] == ["metrics.csv"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("many")
    for path in TEXTS:
        shutil.copy(path, folder / path.name)
    (folder / "empty.txt").write_text("")
    path = folder.parent / "many.sqlite"
    govdoc_parser.ingest(folder, db=path, workers=1)
    return path


def test_csv_for_excel_bom_crlf_and_quoted_line_breaks(db, tmp_path):
    copy = tmp_path / "copy.sqlite"
    shutil.copy(db, copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE metrics SET sentence = 'first\rsecond' WHERE id = (SELECT MIN(id) FROM metrics)")
        conn.execute("UPDATE metrics SET sentence = 'first\nsecond' WHERE id = (SELECT MAX(id) FROM metrics)")
    out = tmp_path / "m.csv"
    done = govdoc("export", "--db", copy, "-o", out)
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,document_id,") and b"\r\n" in data
    assert b'"first\rsecond"' in data and b'"first\nsecond"' in data
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["sentence"] == "first\rsecond" and rows[-1]["sentence"] == "first\nsecond"
    assert len(rows) == export(copy, "metrics", "csv", tmp_path / "again.csv")
    plain = govdoc("export", "--db", copy, "--no-bom", "-o", out)
    assert plain.returncode == 0 and out.read_bytes().startswith(b"id,document_id,")
    to_stdout = govdoc("export", "--db", copy, "--table", "documents")
    assert to_stdout.stdout.startswith(b"\xef\xbb\xbfid,path,")
    assert not (tmp_path / "again.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # export() only when asked


def test_failed_export_leaves_no_file(db, tmp_path, monkeypatch):
    from govdoc_parser.store import export as module

    def batches(conn, table, size=10_000):
        yield [tuple(row) for row in conn.execute(module.query(table)).fetchmany(2)]
        raise sqlite3.OperationalError("database disk image is malformed")

    monkeypatch.setattr(module, "_batches", batches)
    for fmt in ("csv", "jsonl", "parquet"):
        if fmt == "parquet":
            pytest.importorskip("pyarrow")
        with pytest.raises(govdoc_parser.errors.DatabaseCorrupt):  # the sqlite error, as one of ours
            export(db, "metrics", fmt, tmp_path / f"m.{fmt}")
    assert list(tmp_path.iterdir()) == []


def test_dataframe_integer_columns_stay_integers(db):
    pytest.importorskip("pandas")
    metrics = govdoc_parser.to_dataframe(db, "metrics")
    for column in ("id", "document_id", "year_reported", "ord", "page", "line"):
        assert str(metrics[column].dtype) == "Int64", column
    assert metrics["page"].isna().all() and metrics["line"].notna().all()  # text inputs: lines, no pages
    assert str(metrics["value"].dtype) == "float64"
    documents = govdoc_parser.to_dataframe(db, "documents")
    assert str(documents["year_reported"].dtype) == "Int64" and set(documents["year_reported"]) == {2021, 2023}


SCRIPT = f"""
import sys
sys.path.insert(0, {str(ROOT / "src")!r})
import govdoc_parser
summary = govdoc_parser.ingest({[str(p) for p in TEXTS]!r}, db=sys.argv[1] if len(sys.argv) > 1 else DB, workers=2,
                               metrics=False)
print(summary)
"""


@pytest.mark.parametrize("how", ["script", "stdin"])
def test_ingest_without_a_main_guard(tmp_path, how):
    db = tmp_path / "g.sqlite"
    if how == "script":
        script = tmp_path / "unguarded.py"
        script.write_text(SCRIPT, encoding="utf-8")
        done = subprocess.run([sys.executable, str(script), str(db)], capture_output=True, text=True, timeout=300,
                              cwd=tmp_path)
    else:
        done = subprocess.run([sys.executable, "-"], input=f"DB = {str(db)!r}\n" + SCRIPT, capture_output=True,
                              text=True, timeout=300, cwd=tmp_path)
    assert "Traceback" not in done.stderr and done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("2 files: 2 parsed, 0 skipped"), done.stdout
