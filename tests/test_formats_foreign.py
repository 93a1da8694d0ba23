"""DOCX, OFD, DOC/WPS and scans made by other tools (../shared/corpus/foreign); hostile containers."""

from __future__ import annotations

import importlib.util
import io
import shutil
import subprocess
import zipfile

import pytest

from govdoc_parser import parse
from govdoc_parser.errors import GovdocError
from govdoc_parser.read import convert

from .conftest import CORPORA, SHARED, shared_path

FOREIGN = SHARED / "corpus" / "foreign"
SUFFIXES = ("*.docx", "*.dotx", "*.ofd", "*.doc", "*.wps")
FILES = sorted(p for s in SUFFIXES for p in FOREIGN.glob(f"*/{s}")) if FOREIGN.exists() else []
SCANS = ["guan911-arch__GongWenSignSystem/jikong_header.pdf", "guan911-arch__GongWenSignSystem/weijian_header.pdf"]
OCR = importlib.util.find_spec("rapidocr_onnxruntime") is not None


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_parses_or_fails_clearly(path):
    if path.suffix in (".doc", ".wps") and convert.program() is None:
        with pytest.raises(GovdocError) as info:
            parse(path, metrics=False)
        assert info.value.code == "unsupported_format" and "LibreOffice" in info.value.message
        return
    report = parse(path, metrics=False)
    assert report.source.format in ("docx", "ofd", "doc", "wps")
    assert report.header.issuer_mark or report.title or report.sections or report.signature.date


@pytest.mark.parametrize("name", SCANS)
def test_foreign_scan(name):
    path = shared_path("corpus", "foreign", *name.split("/"))
    if not OCR:
        with pytest.raises(GovdocError) as info:
            parse(path, metrics=False)
        assert info.value.code == "no_text_layer"
        return
    try:
        report = parse(path, metrics=False)
    except GovdocError:
        return  # a blank form may still hold too little text
    assert report.source.ocr


def test_same_fields_as_the_pdf():
    base = shared_path("corpus", "foreign", "Lawliet-lgtm__copilot-help")
    pdf = parse(base / "test.pdf", metrics=False)
    for name in ("test.docx", "test.ofd"):
        other = parse(base / name, metrics=False)
        assert other.header.document_number.raw == pdf.header.document_number.raw == "国防部发〔2012〕21号"
        assert other.title == pdf.title == "国防部关于放假的通知"
        assert other.addressees == pdf.addressees == ["各有关单位"]
        assert other.imprint.printed_on == pdf.imprint.printed_on


def test_known_fields():
    base = shared_path("corpus", "foreign")
    n = parse(base / "ofdrw__ofdrw" / "n.ofd", metrics=False)  # hex colours "#ee #20 #25"
    assert n.header.document_number.raw == "路卫发〔2011〕76号"
    assert n.title == "关于同意张阿三同志辞职的批复" and n.addressees == ["区中医院"]
    assert n.header.issuer_mark.endswith("文件")
    std = parse(base / "kamisky__GB-T-9704-2012-gongwen-format" / "公文样例_standard.docx", metrics=False)
    assert std.header.document_number.raw == "云办发〔2026〕12号" and std.header.copy_number == "000001"
    assert [s.number for s in std.sections] == ["一、", "二、"]
    lists = parse(base / "Mrered__GongWen-Tamplate-Lite" / "out.docx", metrics=False)  # Word list numbers
    assert [s.number for s in lists.sections][:3] == ["一、", "二、", "三、"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
@pytest.mark.parametrize("name", ["test.doc", "test.wps"])
def test_doc_converted_to_docx(name, tmp_path):
    source = shared_path("corpus", "foreign", "Lawliet-lgtm__copilot-help", name)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "docx", "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    report = parse(tmp_path / f"{source.stem}.docx", metrics=False)
    assert report.header.document_number.raw.startswith("国防部发〔20")


# -- hostile containers --------------------------------------------------------------------

def _zip(tmp_path, name, members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for member, data in members.items():
            z.writestr(member, data)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue())
    return path


OFD_XML = '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>{}</ofd:DocRoot></ofd:DocBody></ofd:OFD>'


@pytest.mark.parametrize("members,code", [
    ({"OFD.xml": OFD_XML.format("../../etc/passwd")}, "corrupt"),  # zip slip
    ({"OFD.xml": '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'}, "corrupt"),
    ({"OFD.xml": '<!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>'}, "corrupt"),
    ({"OFD.xml": "<a>" * 5000 + "</a>" * 5000}, "corrupt"),  # deep nesting
    ({"OFD.xml": OFD_XML.format("Doc_0/Document.xml"), "Doc_0/Document.xml": "<d>" + " " * (4 << 20) + "</d>"}, "too_large"),
    ({"OFD.xml": OFD_XML.format("Doc_0/Document.xml")}, "corrupt"),  # missing part
])
def test_hostile_ofd(tmp_path, members, code):
    with pytest.raises(GovdocError) as info:
        parse(_zip(tmp_path, "bad.ofd", members), metrics=False)
    assert info.value.code == code


def test_hostile_docx(tmp_path):
    entity = '<!DOCTYPE w [<!ENTITY b "x">]><w:document xmlns:w="w"><w:body/></w:document>'
    with pytest.raises(GovdocError) as info:
        parse(_zip(tmp_path, "bad.docx", {"word/document.xml": entity}), metrics=False)
    assert info.value.code == "corrupt"
    with pytest.raises(GovdocError) as info:
        parse(_zip(tmp_path, "other.docx", {"hello.txt": "x"}), metrics=False)
    assert info.value.code == "unsupported_format"
    data = (CORPORA / "out" / "docx").glob("*.docx").__next__().read_bytes()
    (tmp_path / "cut.docx").write_bytes(data[: len(data) // 2])
    with pytest.raises(GovdocError) as info:
        parse(tmp_path / "cut.docx", metrics=False)
    assert info.value.code == "corrupt"


def test_html_portal_page(tmp_path):
    page = """<html><head><meta charset="gbk"><title>t</title><script>var a="通知";</script>
    <style>.red{color:#f00}</style></head><body>
    <div class="nav"><a>首页</a><a>政务公开</a><a>政府文件</a></div>
    <div class="breadcrumb">当前位置：首页 &gt; 政务公开</div>
    <table class="info"><tr><td>索引号：</td><td>000014349/2018-00213</td><td>发文字号：</td><td>云政发〔2024〕3号</td></tr>
    <tr><td>成文日期：</td><td>2024年3月1日</td><td>发布机构：</td><td>云岭市人民政府</td></tr></table>
    <h1>云岭市人民政府关于印发工作要点的通知</h1>
    <div id="content"><p class="red">云岭市人民政府文件</p><p>各县（市、区）人民政府，市直各单位：</p>
    <p>　　现将《工作要点》印发给你们，请认真贯彻执行。各地各部门要结合实际抓好落实。</p>
    <p><strong>一、总体要求</strong></p><p>　　坚持依法行政，推进政务公开标准化规范化。</p><p>&nbsp;</p>
    <p style="text-align:right">云岭市人民政府</p><p style="text-align:right">2024年3月1日</p></div>
    <div class="share">分享到：微信 微博</div><div class="footer">网站标识码 版权所有</div></body></html>"""
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gbk"))
    report = parse(path, metrics=False)
    assert report.title == "云岭市人民政府关于印发工作要点的通知"
    assert report.header.issuers == ["云岭市人民政府"]
    assert report.addressees == ["各县（市、区）人民政府", "市直各单位"]
    assert [s.heading for s in report.sections] == ["总体要求"]
    assert report.signature.date == "2024-03-01"
    assert report.header.document_number.raw == "云政发〔2024〕3号"  # from the 信息公开 table
    assert "FROM_PORTAL_METADATA" in [w.code for w in report.warnings]
