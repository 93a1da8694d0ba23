"""Limits and detection: time limit, memory limit, size caps, bombs, encodings, non-公文 input."""

import subprocess
import sys
import threading
import time
import zlib

import pytest

import govdoc_parser
from govdoc_parser import errors, limits
from govdoc_parser.read import container, pdf_guard, read_document
from govdoc_parser.store.pool import WorkerPool

from .conftest import CORPORA, FIXTURES

BAD = FIXTURES / "bad"
LONG = CORPORA / "out" / "pdf-reportlab" / "songlan_2023_long_report.pdf"
NOTICE_FIELDS = {
    "title": "关于做好2024年法治宣传教育工作的通知", "docno": "青司发〔2024〕5号", "date": "2024-03-01",
    "addressees": ["各县（市、区）司法局", "市直各有关单位"], "sections": ["一、总体要求", "二、工作措施", "三、有关要求"],
}


def fields(report) -> dict:
    number = report.header.document_number
    return {"title": report.title, "docno": number and number.normalized, "date": report.signature.date,
            "addressees": report.addressees, "sections": [s.number + s.heading for s in report.sections]}


@pytest.mark.parametrize("name", [
    "gbk.txt", "gb18030.txt", "utf8_bom.txt", "utf16le_bom.txt", "utf16be_bom.txt", "utf16le_no_bom.txt",
    "utf32_bom.txt", "crlf.txt", "cr_only.txt", "utf8_cut_mid_char.txt", "utf8_one_bad_byte.txt",
    "gbk_cut_mid_char.txt", "good_notice.pdf", "owner_password.pdf",
])
def test_every_encoding_and_the_owner_password_pdf_give_the_same_fields(name):
    report = govdoc_parser.parse(BAD / name)
    found = fields(report)
    if name.endswith(".pdf"):  # no red 版头 in these PDFs: the issuer line joins the title
        found["title"] = found["title"].removeprefix("青川市司法局文件")
    assert found == NOTICE_FIELDS


def test_nfkc_folded_punctuation_is_read():
    report = govdoc_parser.parse(BAD / "nfkc_folded.txt")
    assert report.addressees == ["各县(市、区)司法局", "市直各有关单位"]
    assert [c.number + c.heading for c in report.sections[1].children] == ["(一)加强组织领导", "(二)创新宣传方式"]
    assert (report.title, report.signature.date) == (NOTICE_FIELDS["title"], "2024-03-01")
    assert report.header.document_number.normalized == "青司发〔2024〕5号"
    assert "MAINRECV_COLON" in {w.code for w in report.warnings}


@pytest.mark.parametrize("name", ["article.txt", "english.txt", "table.csv", "markdown_table.md"])
def test_a_document_that_is_not_a_gongwen_parses_with_nulls_and_warnings(name):
    report = govdoc_parser.parse(BAD / name)
    assert report.header.document_number is None and report.signature.date is None and not report.sections
    assert {"DATE_NOT_FOUND", "NO_SECTIONS"} <= {w.code for w in report.warnings}


def test_library_timeout():
    if not LONG.exists():
        pytest.skip("corpora long report not rendered")
    with pytest.raises(errors.ParseTimeout) as caught:
        govdoc_parser.parse(LONG, timeout=0.2, engine="pdfplumber")  # seconds on 40 pages
    assert caught.value.path == str(LONG) and caught.value.exit_code == 11


def test_time_limit_is_a_no_op_off_the_main_thread():
    outcome = []

    def work():
        with limits.time_limit(0.01):
            time.sleep(0.1)
        outcome.append("finished")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert outcome == ["finished"]


def test_time_limit_wins_over_library_code_that_swallows_exceptions():
    with pytest.raises(errors.ParseTimeout), limits.time_limit(0.05):
        try:
            time.sleep(1)
        except Exception:  # noqa: BLE001, S110 - what careless library code does
            pass


def test_cli_timeout_is_one_line_and_exit_11():
    if not LONG.exists():
        pytest.skip("corpora long report not rendered")
    done = subprocess.run([sys.executable, "-m", "govdoc_parser.cli", "parse", "--engine", "pdfplumber", "--timeout", "0.3",
                           str(LONG)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 11 and done.stderr.count("\n") == 1 and "[timeout]" in done.stderr


def test_worker_memory_limit_ends_in_memory_error_not_a_dead_machine():
    with WorkerPool(1, memory_limit=512 * limits.MB) as pool:
        with pytest.raises(MemoryError):
            pool.submit(bytearray, 2048 * limits.MB).result()
        assert pool.submit(len, "still alive").result() == 11


def test_size_caps(tmp_path, monkeypatch):
    text = tmp_path / "big.txt"
    text.write_text("法治" * 1000, encoding="utf-8")
    monkeypatch.setattr(limits, "MAX_TEXT_BYTES", 1000)
    with pytest.raises(errors.TooLarge):
        read_document(text)
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 100)
    with pytest.raises(errors.TooLarge):
        read_document(BAD / "good_notice.pdf")


def test_pdf_inflate_is_bounded(monkeypatch):
    monkeypatch.setattr(limits, "MAX_STREAM_BYTES", 1000)
    assert pdf_guard._decompress(zlib.compress(b"x" * 1000)) == b"x" * 1000
    with pytest.raises(errors.TooLarge):
        pdf_guard._decompress(zlib.compress(b"x" * 1001))
    with pytest.raises(zlib.error):  # truncated: pdfminer then tries its lenient path, bounded too
        pdf_guard._decompress(zlib.compress(b"x" * 500)[:-6])
    with pytest.raises(errors.TooLarge):
        inflater = pdf_guard._BoundedZlib.decompressobj()
        for byte in zlib.compress(bytes(5000)):
            inflater.decompress(bytes([byte]))


def test_zip_members_are_bounded_while_inflating_whatever_the_header_says(monkeypatch):
    monkeypatch.setattr(container, "MAX_MEMBER", 1024 * 1024)
    monkeypatch.setattr(container, "MAX_RATIO", 10**9)  # the header check off: the counting catches it
    archive = container.Archive((BAD / "zip_bomb.docx").read_bytes(), "zip_bomb.docx", "DOCX")
    with pytest.raises(errors.TooLarge):
        archive.read("word/document.xml")
