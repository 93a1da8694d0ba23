"""Batch ingest: good and bad files in one batch, time and page limits, idempotence, the pool."""

import operator
import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

import govdoc_parser
from govdoc_parser.read import convert
from govdoc_parser.store.db import TIMESTAMPS, connect, write_error
from govdoc_parser.store.ingest import file_sha256, find_documents
from govdoc_parser.store.pool import WorkerDied, WorkerPool

from .conftest import CORPORA, FIXTURES

GOOD = [
    "text/qingchuan_2021_report.txt", "text/yunling_2022_report.txt", "html/chenghu_2023_report.html",
    "docx/qingchuan_2023_report.docx", "pdf-reportlab/qingchuan_sfj_2024_letter.pdf",
]
BAD = {"empty.pdf": "empty_file", "html_named.pdf": "wrong_format", "truncated.pdf": "corrupt",
       "encrypted.pdf": "encrypted", "old_word.doc": "corrupt" if convert.program() else "unsupported_format"}


def dump(db: Path) -> dict:
    """Every table's rows without ids and timestamps, children keyed by their document's sha256."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    out = {}
    for table in ("documents", "sections", "metrics", "errors"):
        join = "" if table in ("documents", "errors") else " JOIN documents d ON d.id = t.document_id"
        extra = "" if not join else ", d.sha256 AS document"
        rows = conn.execute(f"SELECT t.*{extra} FROM {table} t{join}").fetchall()
        out[table] = sorted((tuple((k, r[k]) for k in r.keys() if k not in {"id", "document_id", *TIMESTAMPS})
                            for r in rows), key=repr)
    conn.close()
    return out


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch")
    for name in GOOD:
        shutil.copy(CORPORA / "out" / name, folder / Path(name).name)
    for name in BAD:
        if (FIXTURES / "errors" / name).exists():
            shutil.copy(FIXTURES / "errors" / name, folder / name)
    (folder / "old_word.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    (folder / "notes.json").write_text("{}")  # not a document: ignored
    (folder / ".hidden.txt").write_text("2021年，隐藏文件")  # hidden: ignored
    db = folder.parent / "batch.sqlite"
    summary = govdoc_parser.ingest(folder, db=db, workers=2, timeout=120)
    return folder, db, summary


def test_every_good_file_in_documents_every_bad_in_errors(batch):
    folder, db, summary = batch
    conn = connect(db)
    documents = {r["sha256"]: r for r in conn.execute("SELECT * FROM documents")}
    errors = {r["path"]: r for r in conn.execute("SELECT * FROM errors")}
    for name in GOOD:
        assert file_sha256(folder / Path(name).name) in documents, name
    for name, code in BAD.items():
        assert errors[str(folder / name)]["code"] == code, name
        assert errors[str(folder / name)]["message"]
    assert (summary.parsed, summary.failed, summary.skipped, summary.ignored) == (len(GOOD), len(BAD), 0, 1)
    assert summary.errors == {code: list(BAD.values()).count(code) for code in BAD.values()}
    assert f"failed: {list(BAD.values()).count('corrupt')} corrupt" in str(summary)
    report = documents[file_sha256(folder / "qingchuan_2021_report.txt")]
    assert (report["year_reported"], report["year_source"], report["issuer_key"]) == (2021, "title", "青川市政府")
    assert report["docno_year"] == 2022 and report["signature_date"].startswith("2022")
    sections = conn.execute("SELECT * FROM sections WHERE document_id = ?", (report["id"],)).fetchall()
    assert [s["level"] for s in sections][:1] == [1] and sections[0]["path"].startswith('["一、')
    letter = documents[file_sha256(folder / "qingchuan_sfj_2024_letter.pdf")]
    assert letter["year_reported"] is None and "YEAR_NOT_FOUND" in letter["warnings"]


def test_second_run_skips_everything_and_changes_nothing(batch):
    folder, db, _ = batch
    before = dump(db)
    summary = govdoc_parser.ingest(folder, db=db, workers=1)
    assert (summary.parsed, summary.failed, summary.skipped) == (0, 0, len(GOOD) + len(BAD))
    assert dump(db) == before


def test_retry_errors_parses_failed_files_again(batch, tmp_path):
    folder, db, _ = batch
    copy = tmp_path / "copy.sqlite"
    shutil.copy(db, copy)
    summary = govdoc_parser.ingest(folder, db=copy, workers=1, retry_errors=True)
    assert (summary.parsed, summary.failed) == (0, len(BAD))
    assert dump(copy) == dump(db)


def test_walk_takes_documents_named_or_in_folders(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.PDF").write_bytes(b"x")
    (tmp_path / "c.png").write_bytes(b"x")
    (tmp_path / "d.bin").write_bytes(b"x")
    files, ignored = find_documents([tmp_path, tmp_path / "d.bin", tmp_path / "a.txt"])
    assert [f.name for f in files] == ["a.txt", "b.PDF", "d.bin"] and ignored == 2


def _repeat_pages(source, target, times: int) -> None:
    import pypdfium2

    pdf, original = pypdfium2.PdfDocument.new(), pypdfium2.PdfDocument(source)
    for _ in range(times):
        pdf.import_pages(original)
    pdf.save(target)


def test_timeout_and_page_limit_protect_the_batch(tmp_path):
    slow = CORPORA / "out" / "pdf-reportlab" / "songlan_2023_long_report.pdf"
    if not slow.exists():
        pytest.skip("corpora long report not rendered")
    _repeat_pages(slow, tmp_path / "slow.pdf", times=8)
    shutil.copy(CORPORA / "out" / "text" / "qingchuan_2022_report.txt", tmp_path / "fast.txt")
    db = tmp_path / "t.sqlite"
    # the slower engine takes several seconds on these 320 pages (20 ms a page or more), on any machine
    summary = govdoc_parser.ingest(tmp_path, db=db, workers=1, timeout=2.0, engine="pdfplumber")
    assert summary.errors == {"timeout": 1} and summary.parsed == 1
    summary = govdoc_parser.ingest(tmp_path / "slow.pdf", db=db, workers=1, max_pages=2, retry_errors=True)
    assert summary.errors == {"too_large": 1}
    codes = [r[0] for r in sqlite3.connect(db).execute("SELECT code FROM errors")]
    assert codes == ["too_large"]  # the retry replaced the timeout row


def test_pool_recycles_workers_after_timeout_crash_and_error():
    with WorkerPool(2, timeout=1) as pool:
        futures = [pool.submit(time.sleep, 30), pool.submit(os._exit, 3), pool.submit(operator.truediv, 1, 0),
                   pool.submit(pow, 2, 10), pool.submit(os.getpid)]
        with pytest.raises(govdoc_parser.errors.ParseTimeout):
            futures[0].result()
        with pytest.raises(WorkerDied):
            futures[1].result()
        with pytest.raises(ZeroDivisionError):
            futures[2].result()
        assert futures[3].result() == 1024
        assert futures[4].result() in pool.worker_pids()


def test_a_crashed_file_is_tried_again(tmp_path):
    source = tmp_path / "report.txt"
    shutil.copy(CORPORA / "out" / "text" / "qingchuan_2023_report.txt", source)
    db = tmp_path / "c.sqlite"
    write_error(connect(db), str(source), file_sha256(source), "crashed", "the worker process died")
    summary = govdoc_parser.ingest(source, db=db, workers=1)
    assert summary.parsed == 1
    assert sqlite3.connect(db).execute("SELECT count(*) FROM errors").fetchone()[0] == 0
