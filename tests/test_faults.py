"""Faults found by breaking inputs on purpose: each gives its clear error or a valid Report."""

import io
import zipfile

from click.testing import CliRunner

from govdoc_parser.cli import main
from govdoc_parser.pipeline import parse_raw
from govdoc_parser.read import valid_unicode
from govdoc_parser.read.primitives import Line, Page, RawDocument

from .conftest import CORPORA


def _damage_deflate(data: bytes, member: str) -> bytes:
    """Flip bytes inside the compressed data of ``member`` (the zip directory stays intact)."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 20
    damaged = bytearray(data)
    for i in range(start, start + 40):
        damaged[i] ^= 0x5A
    return bytes(damaged)


def test_docx_with_damaged_deflate_data_is_corrupt_not_internal(tmp_path):
    source = (CORPORA / "out" / "docx" / "qingchuan_2022_report.docx").read_bytes()
    bad = tmp_path / "bad.docx"
    bad.write_bytes(_damage_deflate(source, "word/document.xml"))
    result = CliRunner().invoke(main, ["parse", str(bad)])
    assert result.exit_code == 6, result.output  # corrupt, not 70 (internal)
    assert "cannot be inflated" in result.output


def test_lone_surrogates_become_replacement_characters_with_a_warning():
    raw = RawDocument(path="x.pdf", sha256="0" * 64, format="pdf",
                      pages=[Page(1, lines=[Line(text="青川市司法局\udc80文件"), Line(text="关于\ud800报告")])])
    report = parse_raw(valid_unicode(raw))
    text = report.model_dump_json()  # raised a serialisation error before
    assert "\ufffd" in text.encode("utf-8").decode("utf-8") or "\\ufffd" in text
    assert [w.code for w in report.warnings if w.code == "INVALID_UNICODE"] == ["INVALID_UNICODE"]


# ---------------------------------------------------------------- the database of ingest, export and compare

import contextlib  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import sqlite3  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

import govdoc_parser  # noqa: E402

from .conftest import FIXTURES  # noqa: E402

TEXTS = CORPORA / "out" / "text"
ISSUER = "青川市人民政府"


def _copy_texts(folder: Path, names=("qingchuan_2021_report.txt", "qingchuan_2022_report.txt")) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(TEXTS / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    """A small ingest database (two reports of one issuer) and a folder with one more report."""
    root = tmp_path_factory.mktemp("stored")
    _copy_texts(root / "in")
    _copy_texts(root / "more", ("qingchuan_2023_report.txt",))
    govdoc_parser.ingest(root / "in", db=root / "good.sqlite", workers=1)
    return root


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govdoc_parser.cli", *args], capture_output=True, text=True,
                          timeout=300)


def _one_error_line(result: subprocess.CompletedProcess, exit_code: int, code: str) -> None:
    assert result.returncode == exit_code, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("govdoc: error:")]
    assert len(lines) == 1 and lines[0].endswith(f"[{code}]"), result.stderr


def _three_commands(db: Path, more: Path, tmp_path: Path):
    """ingest, export and compare on ``db``: their results."""
    return (_cli("ingest", str(more), "--db", str(db), "--workers", "1"),
            _cli("export", "--db", str(db), "--table", "documents", "-o", str(tmp_path / "out.csv")),
            _cli("compare", "--db", str(db), "--issuer", ISSUER))


def _damage_page(db: Path, table: str) -> None:
    """Overwrite the header of ``table``'s root page: SQLite's quick_check names it."""
    conn = sqlite3.connect(db)
    page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(db.read_bytes())
    start = (page - 1) * size + (100 if page == 1 else 0)
    data[start:start + 12] = b"\xff" * 12
    db.write_bytes(bytes(data))


def test_a_corrupt_database_is_refused_before_ingest_writes(stored, tmp_path):
    db = tmp_path / "corrupt.sqlite"
    shutil.copy(stored / "good.sqlite", db)
    _damage_page(db, "tables")  # a table text reports never write to: ingest wrote on, with exit 0
    before = db.read_bytes()
    ingest, export, compare = _three_commands(db, stored / "more", tmp_path)
    _one_error_line(ingest, 14, "db_corrupt")
    assert "quick_check" in ingest.stderr
    assert db.read_bytes() == before  # nothing written
    assert export.returncode in (0, 14) and compare.returncode in (0, 14)  # what they read may be sound
    (tmp_path / "out.csv").unlink(missing_ok=True)
    _damage_page(db, "documents")
    for result in _three_commands(db, stored / "more", tmp_path):
        _one_error_line(result, 14, "db_corrupt")
    assert not (tmp_path / "out.csv").exists()


def test_a_truncated_database_is_refused(stored, tmp_path):
    db = tmp_path / "cut.sqlite"
    data = (stored / "good.sqlite").read_bytes()
    for keep in (len(data) // 2, 60):
        db.write_bytes(data[:keep])
        for result in _three_commands(db, stored / "more", tmp_path):
            _one_error_line(result, 15, "db_truncated")
        assert db.read_bytes() == data[:keep]


def test_a_file_that_is_not_a_database_is_refused(stored, tmp_path):
    db = tmp_path / "notes.sqlite"
    db.write_text("这不是数据库\n" * 100, encoding="utf-8")
    for result in _three_commands(db, stored / "more", tmp_path):
        _one_error_line(result, 16, "not_a_database")
    other = tmp_path / "other.sqlite"  # SQLite, but not a govdoc database: export and compare refuse it
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    _one_error_line(_cli("export", "--db", str(other)), 16, "not_a_database")
    _one_error_line(_cli("compare", "--db", str(other), "--issuer", ISSUER), 16, "not_a_database")


def test_a_database_in_a_missing_folder(stored, tmp_path):
    db = tmp_path / "no" / "such" / "folder" / "x.sqlite"
    for result in _three_commands(db, stored / "more", tmp_path):
        _one_error_line(result, 18, "db_missing")
    assert not (tmp_path / "no").exists()
    _one_error_line(_cli("export", "--db", str(tmp_path / "absent.sqlite")), 18, "db_missing")


@contextlib.contextmanager
def _mounted(folder: Path, options: str):
    """A tmpfs at ``folder`` (root only); skips the test where it cannot be mounted."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@contextlib.contextmanager
def _read_only_folder(folder: Path):
    """``folder`` made read-only: a read-only mount for root (who may write anywhere else), the
    permission bits for anyone else."""
    if os.geteuid() != 0:
        for path in [*folder.iterdir(), folder]:
            path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield folder
        finally:
            for path in [folder, *folder.iterdir()]:
                path.chmod(0o755 if path.is_dir() else 0o644)
        return
    saved = {p.name: p.read_bytes() for p in folder.iterdir()}
    with _mounted(folder, "size=16m"):
        for name, data in saved.items():
            (folder / name).write_bytes(data)
        if subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True).returncode:
            pytest.skip("cannot remount the tmpfs read-only")
        yield folder


def test_a_read_only_database_ingest_refuses_export_and_compare_read(stored, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    shutil.copy(stored / "good.sqlite", folder / "good.sqlite")
    with _read_only_folder(folder):
        db = folder / "good.sqlite"
        ingest, export, compare = _three_commands(db, stored / "more", tmp_path)
        _one_error_line(ingest, 17, "db_read_only")
        assert export.returncode == 0, export.stderr
        assert len((tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines()) == 3  # header, 2 reports
        assert compare.returncode == 0 and "2021" in compare.stdout and "2022" in compare.stdout, compare.stderr
        assert sorted(p.name for p in folder.iterdir()) == ["good.sqlite"]


def test_export_and_compare_do_not_write_to_the_database(stored, tmp_path):
    db = tmp_path / "old.sqlite"
    shutil.copy(stored / "good.sqlite", db)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version=2")  # an older schema: export used to upgrade it, writing
    conn.commit()
    conn.close()
    before = db.read_bytes()
    assert _cli("export", "--db", str(db), "--table", "documents", "-o", str(tmp_path / "d.csv")).returncode == 0
    assert _cli("compare", "--db", str(db), "--issuer", ISSUER).returncode == 0
    assert db.read_bytes() == before


def test_a_full_disk_stops_ingest_and_export_with_one_line(stored, tmp_path):
    with _mounted(tmp_path / "full", "size=1m") as folder:
        db = folder / "x.sqlite"
        many = _copy_texts(tmp_path / "many", sorted(p.name for p in TEXTS.glob("*.txt")))
        result = _cli("ingest", str(many), "--db", str(db), "--workers", "1")
        _one_error_line(result, 19, "disk_full")
        conn = sqlite3.connect(db)  # what was stored is whole
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] < len(list(many.iterdir()))
        conn.close()
        with contextlib.suppress(OSError), open(folder / "ballast", "wb") as handle:  # whatever room is left
            while True:
                handle.write(bytes(1 << 16))
        before = sorted(p.name for p in folder.iterdir())
        result = _cli("export", "--db", str(stored / "good.sqlite"), "--table", "documents",
                      "-o", str(folder / "documents.csv"))
        _one_error_line(result, 19, "disk_full")
        assert sorted(p.name for p in folder.iterdir()) == before  # no partial file


def test_a_full_disk_in_mid_batch_is_one_error(tmp_path, monkeypatch):
    """The same without a tmpfs: the database reports a full disk when the second report is stored."""
    from govdoc_parser.store import db as store

    calls = []
    real = store.write_rows

    def full(conn, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            conn.execute("PRAGMA max_page_count = 1")  # SQLite's own way to a full database
        return real(conn, *args, **kwargs)

    monkeypatch.setattr(store, "write_rows", full)
    folder = _copy_texts(tmp_path / "in", ("qingchuan_2021_report.txt", "qingchuan_2022_report.txt",
                                           "qingchuan_2023_report.txt"))
    with pytest.raises(govdoc_parser.errors.DiskFull):
        govdoc_parser.ingest(folder, db=tmp_path / "x.sqlite", workers=1)
    conn = sqlite3.connect(tmp_path / "x.sqlite")
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# ---------------------------------------------------------------- file names, links

BAD_NAME = b"\xff\xfe\xe9t\xe9_report.txt"  # Latin-1 bytes: not UTF-8


def test_a_file_name_that_is_not_utf8_is_one_error_row_and_the_batch_goes_on(tmp_path):
    folder = _copy_texts(tmp_path / "in")
    bad = os.path.join(os.fsencode(folder), BAD_NAME)
    shutil.copy(TEXTS / "qingchuan_2023_report.txt", bad)
    summary = govdoc_parser.ingest(folder, db=tmp_path / "n.sqlite", workers=1)
    assert (summary.parsed, summary.failed) == (2, 1), str(summary)
    conn = sqlite3.connect(tmp_path / "n.sqlite")
    [(path, code, message)] = conn.execute("SELECT path, code, message FROM errors").fetchall()
    assert code == "invalid_file_name"
    assert path == os.fsencode(folder).decode() + "/\\xff\\xfe\\xe9t\\xe9_report.txt"  # readable
    assert bytes.fromhex(message.split("hex: ")[1].split(")")[0]) == bad  # and lossless
    again = govdoc_parser.ingest(folder, db=tmp_path / "n.sqlite", workers=1)
    assert (again.parsed, again.failed, again.skipped) == (0, 0, 3)  # final: not tried again


def test_parse_of_a_file_name_that_is_not_utf8_works(tmp_path):
    bad = os.path.join(os.fsencode(tmp_path), BAD_NAME)
    shutil.copy(TEXTS / "qingchuan_2023_report.txt", bad)
    result = subprocess.run([sys.executable, "-m", "govdoc_parser.cli", "parse", bad], capture_output=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    report = json.loads(result.stdout)
    assert report["source"]["path"].endswith("\\xff\\xfe\\xe9t\\xe9_report.txt") and report["title"]


def test_ingest_does_not_follow_links_out_of_its_folders(tmp_path):
    folder = _copy_texts(tmp_path / "in", ("qingchuan_2021_report.txt",))
    outside = _copy_texts(tmp_path / "outside", ("yunling_2022_report.txt",))
    (folder / "passwd.txt").symlink_to(outside / "yunling_2022_report.txt")  # like a link to /etc/passwd
    (folder / "elsewhere").symlink_to(outside, target_is_directory=True)
    (folder / "z_inside.txt").symlink_to(folder / "qingchuan_2021_report.txt")  # inside: the same file, once
    summary = govdoc_parser.ingest(folder, db=tmp_path / "l.sqlite", workers=1)
    paths = [r[0] for r in sqlite3.connect(tmp_path / "l.sqlite").execute("SELECT path FROM documents")]
    assert paths == [str(folder / "qingchuan_2021_report.txt")]
    assert (summary.found, summary.parsed, summary.outside_links) == (1, 1, 2), str(summary)
    assert "outside" in str(summary) and "--follow-links" in str(summary)
    # both folders given: the link stays inside them
    both = govdoc_parser.ingest([folder, outside], db=tmp_path / "b.sqlite", workers=1)
    assert (both.parsed, both.outside_links) == (2, 0)
    # --follow-links: the link's content and the linked folder's are taken
    result = _cli("ingest", str(folder), "--db", str(tmp_path / "f.sqlite"), "--workers", "1", "--follow-links")
    assert result.returncode == 0, result.stderr
    assert sqlite3.connect(tmp_path / "f.sqlite").execute("SELECT count(*) FROM documents").fetchone()[0] == 2


# ---------------------------------------------------------------- memory

def test_max_memory_gives_too_large_every_time(tmp_path):
    """A scan (OCR loads large native libraries) under caps of 100 to 600 MB: the Report or too_large,
    never a signal, a traceback or an internal error."""
    from govdoc_parser.read import ocr

    source = FIXTURES / "bad" / "blank_page.png"  # OCR: opencv, onnxruntime, OpenBLAS
    expected = {"no_text_layer"} if not ocr.available() else {"no_text_layer", "report"}
    for megabytes in (100, 200, 300, 400, 500, 600):
        result = _cli("parse", "--max-memory", str(megabytes), str(source))
        assert "Traceback" not in result.stderr, (megabytes, result.stderr[-2000:])
        if result.returncode == 0:
            assert "report" in expected
            continue
        codes = {8: "no_text_layer", 10: "too_large"}
        assert result.returncode in codes, (megabytes, result.returncode, result.stderr[-2000:])
        _one_error_line(result, result.returncode, codes[result.returncode])


def test_memory_error_while_writing_the_report_is_too_large(monkeypatch):
    from govdoc_parser.model import Report

    def exhausted(self, *args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(Report, "model_dump_json", exhausted)
    result = CliRunner().invoke(main, ["parse", str(TEXTS / "qingchuan_2021_report.txt")])
    assert result.exit_code == 10, result.output
    assert result.output.strip().endswith("[too_large]") and len(result.output.strip().splitlines()) == 1


class _CrashingExecutor:
    """Every task's worker dies the same way (as a native crash under the memory cap does)."""

    def submit(self, fn, *args, **kwargs):
        from concurrent.futures import Future

        from govdoc_parser.store.pool import WorkerDied

        future = Future()
        future.set_exception(WorkerDied("the worker process died (exit code -11)"))
        return future


def test_a_file_that_crashed_twice_the_same_way_is_final(tmp_path):
    folder = _copy_texts(tmp_path / "in", ("qingchuan_2021_report.txt",))
    db = tmp_path / "c.sqlite"
    first = govdoc_parser.ingest(folder, db=db, executor=_CrashingExecutor())
    assert first.errors == {"crashed": 1}
    second = govdoc_parser.ingest(folder, db=db, executor=_CrashingExecutor())  # tried again: crashed is not final
    assert second.errors == {"crashed_twice": 1}
    third = govdoc_parser.ingest(folder, db=db, workers=1)  # final: not parsed on every resume
    assert (third.parsed, third.skipped) == (0, 1)
    [(code, message)] = sqlite3.connect(db).execute("SELECT code, message FROM errors").fetchall()
    assert code == "crashed_twice" and "exit code -11" in message
    retried = govdoc_parser.ingest(folder, db=db, workers=1, retry_errors=True)
    assert retried.parsed == 1


# ---------------------------------------------------------------- PDFs that pdfium repairs

@pytest.mark.parametrize("name", ["broken_xref.pdf", "page_tree_loop.pdf", "count_ten_million.pdf"])
def test_a_repaired_pdf_says_so(name):
    report = govdoc_parser.parse(FIXTURES / "bad" / name)
    assert "PDF_REPAIRED" in [w.code for w in report.warnings]


def test_a_sound_pdf_has_no_repair_warning():
    for path in [FIXTURES / "bad" / "good_notice.pdf", FIXTURES / "bad" / "trailing_garbage.pdf",
                 *sorted((CORPORA / "out").glob("pdf-*/*.pdf"))[::4]]:
        report = govdoc_parser.parse(path, metrics=False)
        assert "PDF_REPAIRED" not in [w.code for w in report.warnings], path


# ---------------------------------------------------------------- found by scripts/fuzz.py

def _rezip(data: bytes, rename: dict) -> bytes:
    """The ZIP ``data`` again, with members renamed (to '' too: a member without a name)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(zipfile.ZipInfo(rename.get(info.filename, info.filename)), source.read(info))
    return out.getvalue()


@pytest.mark.parametrize("source, member, exit_code", [
    ("docx/qingchuan_sfj_2024_letter.docx", "word/_rels/document.xml.rels", 0),
    ("ofd/chenghu_2021_report.ofd", "Doc_0/Pages/Page_0/Content.xml", 6),
])
def test_a_zip_member_without_a_name_is_no_internal_error(tmp_path, source, member, exit_code):
    path = tmp_path / Path(source).name
    path.write_bytes(_rezip((CORPORA / "out" / source).read_bytes(), {member: ""}))
    result = CliRunner().invoke(main, ["parse", str(path)])  # IndexError in zipfile's is_dir: exit 70
    assert result.exit_code == exit_code, result.output[-500:]


def test_a_zip_of_an_unknown_version_is_corrupt(tmp_path):
    data = bytearray((CORPORA / "out" / "ofd" / "chenghu_2021_report.ofd").read_bytes())
    directory = data.rfind(b"PK\x01\x02")
    data[directory + 6:directory + 8] = (0x7F).to_bytes(2, "little")  # version needed to extract: 12.7
    path = tmp_path / "new.ofd"
    path.write_bytes(bytes(data))
    result = CliRunner().invoke(main, ["parse", str(path)])  # NotImplementedError from zipfile: exit 70
    assert result.exit_code == 6 and "[corrupt]" in result.output, result.output[-500:]
