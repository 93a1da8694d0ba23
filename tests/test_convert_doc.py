"""DOC and WPS files read through LibreOffice (read/convert.py), and refused clearly without it."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import pytest

from govdoc_parser import parse
from govdoc_parser.errors import CorruptFile, GovdocError, ParseTimeout, UnsupportedFormat
from govdoc_parser.read import convert

from .conftest import CORPORA, FIXTURES, shared_path

needs_soffice = pytest.mark.skipif(convert.program() is None, reason="LibreOffice (soffice) not installed")
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="the fake soffice is a shell script")
OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
LAWLIET = ("corpus", "foreign", "Lawliet-lgtm__copilot-help")


def gold(name: str) -> dict:
    path = shared_path("corpus", "foreign", "gold", LAWLIET[-1], f"{name}.gold.json")
    return json.loads(path.read_text(encoding="utf-8"))


@needs_soffice
@pytest.mark.parametrize("name", ["test.wps", "master_template.doc", "master_template.wps"])
def test_converted_file_against_gold(name):
    path = shared_path(*LAWLIET, name)
    want = gold(name)
    report = parse(path, metrics=False)
    assert report.source.format == path.suffix[1:]
    assert report.source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert report.title == want["title"]
    assert report.header.document_number is not None
    assert report.header.document_number.raw == want["header"]["document_number"]["raw"]
    assert report.signature.date == want["signature"]["date"]
    assert report.addressees == want.get("addressees", [])
    warning = next(w for w in report.warnings if w.code == "CONVERTED_BY_LIBREOFFICE")
    assert warning.message.startswith(f"converted from {path.suffix[1:].upper()} to DOCX by LibreOffice")


@needs_soffice
def test_doc_gives_what_its_docx_gives():
    doc = parse(shared_path(*LAWLIET, "master_template.doc"), metrics=False)
    docx = parse(shared_path(*LAWLIET, "master_template.docx"), metrics=False)
    assert doc.source.format == "doc" and docx.source.format == "docx"
    assert doc.title == docx.title and doc.header.issuer_mark == docx.header.issuer_mark
    assert doc.header.document_number == docx.header.document_number
    assert doc.signature.date == docx.signature.date


@needs_soffice
def test_doc_without_gold():
    report = parse(shared_path(*LAWLIET, "test.doc"), metrics=False)  # differs from test.wps; as printed in it
    assert report.source.format == "doc"
    assert report.title == "国防部关于教育部放假的通知"
    assert report.header.document_number.raw == "国防部发〔2023〕33号"
    assert report.addressees == ["各有关单位"]


@needs_soffice
def test_generated_doc_matches_its_docx(tmp_path):
    source = CORPORA / "out" / "docx" / "qingchuan_sfj_2024_letter.docx"
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, stdin=subprocess.DEVNULL, timeout=180)
    doc = parse(tmp_path / f"{source.stem}.doc", metrics=False)
    docx = parse(source, metrics=False)
    assert doc.source.format == "doc" and doc.title and doc.title == docx.title
    assert doc.header.document_number == docx.header.document_number
    assert doc.addressees == docx.addressees
    assert [s.number for s in doc.sections] == [s.number for s in docx.sections]
    assert doc.signature.date == docx.signature.date


@needs_soffice
def test_input_untouched_and_temp_dir_removed(tmp_path, monkeypatch):
    folder, temp = tmp_path / "in", tmp_path / "temp"
    folder.mkdir()
    temp.mkdir()
    data = shared_path(*LAWLIET, "test.wps").read_bytes()
    (folder / "公文 (1).wps").write_bytes(data)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    parse(folder / "公文 (1).wps", metrics=False)
    assert [p.name for p in folder.iterdir()] == ["公文 (1).wps"]
    assert (folder / "公文 (1).wps").read_bytes() == data
    assert list(temp.iterdir()) == []


@needs_soffice
def test_rtf_saved_as_doc():
    report = parse(FIXTURES / "bad" / "rtf_named.doc", metrics=False)
    assert report.source.format == "doc"
    assert report.title == "关于做好2024年法治宣传教育工作的通知"
    assert report.header.document_number.raw == "青司发〔2024〕5号"


def test_html_saved_as_doc_is_read_as_html():
    report = parse(FIXTURES / "bad" / "html_named.doc", metrics=False)
    assert report.source.format == "html"
    assert report.title == "关于做好2024年法治宣传教育工作的通知"


@needs_soffice
def test_damaged_doc_is_corrupt(tmp_path):
    (tmp_path / "bad.doc").write_bytes(OLE_HEADER + bytes(2048))
    with pytest.raises(CorruptFile) as info:
        parse(tmp_path / "bad.doc", metrics=False)
    assert "LibreOffice could not convert" in info.value.message


def test_without_libreoffice(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name, *args, **kwargs: None)
    (tmp_path / "old.doc").write_bytes(OLE_HEADER + bytes(512))
    (tmp_path / "rtf.doc").write_bytes(rb"{\rtf1\ansi \u20851?\u20110?}")
    for name in ("old.doc", "rtf.doc"):
        with pytest.raises(UnsupportedFormat) as info:
            parse(tmp_path / name, metrics=False)
        assert "install" in info.value.message and "LibreOffice" in info.value.message
        assert "convert the file to DOCX or PDF by hand" in info.value.message


def test_without_libreoffice_cli(tmp_path):
    (tmp_path / "old.wps").write_bytes(OLE_HEADER + bytes(512))
    done = subprocess.run([sys.executable, "-m", "govdoc_parser.cli", "parse", str(tmp_path / "old.wps")],
                          capture_output=True, text=True, timeout=120, env={**os.environ, "PATH": str(tmp_path)})
    assert done.returncode == 12 and done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].endswith("[unsupported_format]") and "LibreOffice" in lines[0]


def fake_soffice(tmp_path, monkeypatch, body: str):
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    (tmp_path / "old.doc").write_bytes(OLE_HEADER + bytes(512))
    return tmp_path / "old.doc"


def running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False


@posix_only
@pytest.mark.parametrize("limit", ["conversion", "parse"])
def test_timeout_kills_the_conversion(tmp_path, monkeypatch, limit):
    pids = tmp_path / "pids"
    sleep = f'"{sys.executable}" -c "import time; time.sleep(60)"'
    path = fake_soffice(tmp_path, monkeypatch, f'{sleep} &\necho $! > "{pids}"\nwait')
    if limit == "conversion":
        monkeypatch.setattr(convert, "TIME_LIMIT", 1)
    started = time.monotonic()
    with pytest.raises(ParseTimeout) as info:
        parse(path, metrics=False, timeout=1 if limit == "parse" else None)
    assert time.monotonic() - started < 10
    message = "LibreOffice did not convert the file within 1 s" if limit == "conversion" else "(--timeout)"
    assert message in info.value.message
    child = int(pids.read_text())
    for _ in range(50):
        if not running(child):
            break
        time.sleep(0.1)
    assert not running(child)


@posix_only
def test_failed_conversion_is_one_clear_error(tmp_path, monkeypatch):
    path = fake_soffice(tmp_path, monkeypatch, 'echo "Warning: noise" >&2\necho "Error: no filter" >&2\nexit 3')
    with pytest.raises(GovdocError) as info:
        parse(path, metrics=False)
    assert info.value.code == "corrupt"
    assert "(Error: no filter)" in info.value.one_line() and "\n" not in info.value.one_line()
