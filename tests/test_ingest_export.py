"""Export of an ingest database: CSV, JSON lines, Parquet, pandas; clear errors without the extras."""

import csv
import json
import shutil
import subprocess
import sys

import pytest

import govdoc_parser
from govdoc_parser.store.export import ExportError, column_types, export

from .conftest import CORPORA


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    for name in ("qingchuan_2021_report.txt", "yunling_2023_report.txt"):
        shutil.copy(CORPORA / "out" / "text" / name, folder / name)
    (folder / "empty.txt").write_text("")
    path = folder.parent / "export.sqlite"
    govdoc_parser.ingest(folder, db=path, workers=1)
    return path


@pytest.mark.parametrize("table", ["metrics", "documents", "sections", "errors"])
def test_csv_has_one_row_per_stored_row(db, table, tmp_path):
    out = tmp_path / "t.csv"
    count = export(db, table, "csv", out)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == count and list(rows[0]) == list(column_types(table))
    assert count >= {"metrics": 1, "documents": 2, "sections": 2, "errors": 1}[table]


def test_jsonl_decodes_json_columns(db, tmp_path):
    out = tmp_path / "m.jsonl"
    export(db, "sections", "jsonl", out)
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert isinstance(first["path"], list) and first["year_reported"] in (2021, 2023)
    assert first["document_sha256"] and first["issuer_key"]


def test_parquet_and_dataframe_agree(db, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    pytest.importorskip("pandas")
    out = tmp_path / "m.parquet"
    count = export(db, "metrics", "parquet", out)
    table = pq.read_table(out)
    frame = govdoc_parser.to_dataframe(db, "metrics")
    assert table.num_rows == count == len(frame) and table.column_names == list(frame.columns)
    assert str(table.schema.field("value").type) == "double"


def test_missing_extras_give_one_clear_line(db, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ExportError, match=r"pip install 'govdoc-parser\[parquet\]'"):
        export(db, "metrics", "parquet", tmp_path / "m.parquet")
    with pytest.raises(ImportError, match="to_dataframe needs pandas"):
        govdoc_parser.to_dataframe(db)


def test_cli_export_to_stdout(db):
    result = subprocess.run([sys.executable, "-m", "govdoc_parser.cli", "export", "--db", str(db),
                             "--table", "documents", "--format", "jsonl"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    titles = {json.loads(line)["title"] for line in result.stdout.splitlines()}
    assert "青川市人民政府关于2021年度法治政府建设情况的报告" in titles
