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
