#!/usr/bin/env python3
"""Rebuild the govdoc-parser test corpus: gold JSON and every rendering.

    python corpora/build.py                # everything (needs reportlab, python-docx, soffice)
    python corpora/build.py --no-office    # skip the LibreOffice PDFs (keeps existing ones)
    python corpora/build.py --no-chromium  # skip the browser-printed PDFs (keeps existing ones)
    python corpora/build.py --check        # only validate sources and compare gold on disk

Sources: corpora/src/*.toml (hand-written) and corpora/src/generated/*.json (written by
corpusgen/longdoc.py from hand-written paragraph pools).  Outputs: corpora/gold/,
corpora/out/{text,html,pdf-reportlab,docx,pdf-libreoffice}/, corpora/out/pdf-chromium/ for
documents whose source asks for it (meta.extra_producers) and corpora/manifest.json.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpusgen import longdoc  # noqa: E402
from corpusgen.source import Doc, load_doc, load_source  # noqa: E402

SRC = HERE / "src"
GOLD = HERE / "gold"
OUT = HERE / "out"
BOTTOM_PT = (37 + 225) * 72 / 25.4   # 版心 bottom edge, from the page top


def load_all() -> list[Doc]:
    longdoc.write_sources(SRC / "generated")
    docs = [load_source(p) for p in sorted(SRC.glob("*.toml"))]
    for p in sorted((SRC / "generated").glob("*.json")):
        docs.append(load_doc(json.loads(p.read_text(encoding="utf-8"))))
    ids = [d.id for d in docs]
    if len(set(ids)) != len(ids):
        raise SystemExit("duplicate document ids")
    return docs


def validate(doc: Doc, text: str) -> list[str]:
    """Internal consistency of a document and its gold; returns problems."""
    problems = []
    g = doc.gold()
    body = text
    pos = 0
    for m in g["metrics"]:
        i = body.find(m["mention"], pos)
        if i < 0:
            problems.append(f"{doc.id}: mention {m['mention']!r} not found in order")
        else:
            pos = i + len(m["mention"])
        if m["context"].find(m["mention"]) < 0:
            problems.append(f"{doc.id}: context does not hold mention {m['mention']!r}")
        if m["object"] and m["object"] not in text:
            problems.append(f"{doc.id}: object {m['object']!r} is not written in the text")
        if m["key"] and not re.fullmatch(r"[a-z_]+\.[a-z0-9_]+", m["key"]):
            problems.append(f"{doc.id}: bad key {m['key']!r}")
    heads = g["sections"] + [s for secs in g.get("attachment_sections", {}).values() for s in secs]
    for s in heads:
        if s["heading"].endswith(("。", "，", "；", "：")):
            problems.append(f"{doc.id}: heading ends with punctuation: {s['heading']}")
        if (s["number"] + s["heading"]) not in text.replace("　", ""):
            if s["number"] + "　" + s["heading"] not in text:
                problems.append(f"{doc.id}: heading not printed: {s['number']}{s['heading']}")
    for t in g.get("tables", []):
        for row in t["rows"]:
            for cell in row:
                if cell and cell not in text:
                    problems.append(f"{doc.id}: table cell not printed: {cell}")
    for a in doc.attachments:
        if a.label and a.label not in ("附件",) and not re.fullmatch(r"附件\d+", a.label):
            problems.append(f"{doc.id}: odd attachment label {a.label!r}")
    if doc.gov_info is not None:
        # the form tables: keys declared by the schema, the schema's checks fail exactly where
        # the source says it printed figures that do not add up
        from corpusgen import govinfo
        form = govinfo.load_form()
        problems += [f"{doc.id}: key not in {govinfo.FORM_TOML.name}: {k}"
                     for k in govinfo.undeclared_keys(doc.gov_info, doc.form_tables, form)]
        key = lambda f: (f["table"], f["check"], f["row_or_column"])  # noqa: E731
        failed = sorted(govinfo.run_checks(doc.gov_info, doc.form_tables, form), key=key)
        expected = sorted(doc.expected_check_failures, key=key)
        if failed != expected:
            problems.append(f"{doc.id}: checks failing {[key(f) for f in failed]}, "
                            f"expected {[key(f) for f in expected]}")
        captions = {t["caption"] for t in g.get("tables", [])}
        if doc.gov_info.fee_unit == "caption" and not any("单位：万元" in c for c in captions):
            problems.append(f"{doc.id}: fee unit in the caption, but no caption has 单位：万元")
        if not re.search(r"政府信息公开.{0,6}年度报告", doc.title):
            problems.append(f"{doc.id}: title does not match the form's title_pattern")
    if "pdf-chromium" in doc.extra_producers and not doc.portal.get("url"):
        problems.append(f"{doc.id}: pdf-chromium needs portal.url and portal.printed_at")
    # every character must exist in the embedded fonts
    from corpusgen.render_pdf import has_glyph
    for ch in sorted(set(text)):
        if ch.isspace():
            continue
        for font in ("FS", "KT", "HT"):
            if not has_glyph(font, ch):
                problems.append(f"{doc.id}: {font} lacks glyph {ch!r} U+{ord(ch):04X}")
    return problems


def sha256(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def pdf_pages(p: Path) -> int:
    out = subprocess.run(["pdfinfo", str(p)], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else 0


def normalise_lo_pdf(path: Path, date_iso: str) -> None:
    """Make a LibreOffice PDF byte-reproducible: fixed CreationDate, /ID, /DocChecksum.

    Replacements keep the byte length, so the xref table stays valid.
    """
    data = path.read_bytes()
    stamp = "D:" + date_iso.replace("-", "") + "090000Z'"

    def fix_date(m):
        old = m.group(1)
        new = stamp.encode()[: len(old)].ljust(len(old), b"0")
        return b"/CreationDate(" + new + b")"

    data = re.sub(rb"/CreationDate\(([^)]*)\)", fix_date, data)
    body_hash = hashlib.md5(re.sub(rb"/ID \[[^\]]*\]|/DocChecksum /[0-9A-F]+", b"", data)).hexdigest().upper()
    data = re.sub(rb"/ID \[ <[0-9A-F]+>\n<[0-9A-F]+> \]",
                  f"/ID [ <{body_hash}>\n<{body_hash}> ]".encode(), data)
    data = re.sub(rb"/DocChecksum /[0-9A-F]{32}", f"/DocChecksum /{body_hash}".encode(), data)
    path.write_bytes(data)


def imprint_gap_lines(pdf: Path) -> int:
    """Blank lines that would move the 版记 to the bottom of the last page."""
    import pdfplumber

    with pdfplumber.open(pdf) as p:
        page = p.pages[-1]
        words = page.extract_words()
        bottoms = [w["bottom"] for w in words if "印发" in w["text"]]
        if not bottoms:
            return 0
        gap = BOTTOM_PT - (max(bottoms) + 9)
        return max(0, int(gap // 28.95))


FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont><rejectfont>
    <glob>/usr/share/fonts/truetype/liberation/*</glob>
    <glob>/usr/share/fonts/truetype/liberation2/*</glob>
  </rejectfont></selectfont>
</fontconfig>
"""


def font_env() -> dict:
    """The environment for soffice and chromium: the system fonts less Liberation.

    Chromium's Debian package pulls in fonts-liberation, and with it LibreOffice would
    substitute Liberation Serif for Times New Roman instead of DejaVu Serif (other line
    breaks, other page counts).  Rejecting it keeps the renderings the same whether or not
    chromium is installed.
    """
    path = Path(tempfile.gettempdir()) / "govdoc-corpora-fonts.conf"
    if not path.exists() or path.read_text() != FONTS_CONF:
        path.write_text(FONTS_CONF)
    return dict(os.environ, FONTCONFIG_FILE=str(path))


def soffice_convert(docx_paths: list[Path], outdir: Path) -> None:
    """Convert each file in its own soffice run with a fresh profile.

    One file per process keeps the output byte-stable: in a batch, LibreOffice's font
    object order depends on what the earlier documents of the batch loaded.
    """
    env = font_env()
    for p in docx_paths:
        with tempfile.TemporaryDirectory() as prof:
            cmd = ["soffice", f"-env:UserInstallation=file://{prof}", "--headless",
                   "--convert-to", "pdf", "--outdir", str(outdir), str(p)]
            subprocess.run(cmd, check=True, capture_output=True, env=env)


def pdf_signature(p: Path) -> tuple[int, str]:
    """What a LibreOffice PDF says: page count and positioned text (not the byte layout)."""
    text = subprocess.run(["pdftotext", "-layout", str(p), "-"], capture_output=True,
                          text=True).stdout
    return pdf_pages(p), text


def build_office(docs: list[Doc]) -> None:
    """docx + LibreOffice PDFs.

    LibreOffice's PDF export is not byte-stable (the order of the embedded font objects
    varies from run to run, even for the same input).  To keep the committed files
    stable, a freshly converted PDF replaces the committed one only when its pages or
    text differ.
    """
    from corpusgen.render_docx import render_docx

    ddir, pdir = OUT / "docx", OUT / "pdf-libreoffice"
    ddir.mkdir(parents=True, exist_ok=True)
    pdir.mkdir(parents=True, exist_ok=True)
    committed = {}
    for d in docs:
        p = pdir / f"{d.id}.pdf"
        if p.exists():
            committed[d.id] = (p.read_bytes(), pdf_signature(p))
    # pass 1: plain conversion, to measure where the 版记 table ended up
    paths = []
    for d in docs:
        render_docx(d, ddir / f"{d.id}.docx")
        paths.append(ddir / f"{d.id}.docx")
    soffice_convert(paths, pdir)
    imprint_gap_lines_used: dict[str, int] = {}
    # pass 2: pad with blank lines (as clerks do) so the 版记 sits at the page bottom
    redo = []
    for d in docs:
        n = imprint_gap_lines(pdir / f"{d.id}.pdf")
        imprint_gap_lines_used[d.id] = n
        if n:
            render_docx(d, ddir / f"{d.id}.docx", imprint_spacer=n)
            redo.append(ddir / f"{d.id}.docx")
    pages1 = {p.stem: pdf_pages(pdir / f"{p.stem}.pdf") for p in redo}
    soffice_convert(redo, pdir)
    # a pad that spilled onto a new page is one line too many: back off
    for _ in range(3):
        spill = []
        for p in redo:
            d = next(x for x in docs if x.id == p.stem)
            n = imprint_gap_lines_used.get(d.id, 0)
            if pdf_pages(pdir / f"{d.id}.pdf") > pages1[d.id] and n > 0:
                imprint_gap_lines_used[d.id] = n - 1
                render_docx(d, p, imprint_spacer=n - 1)
                spill.append(p)
        if not spill:
            break
        soffice_convert(spill, pdir)
    for d in docs:
        p = pdir / f"{d.id}.pdf"
        normalise_lo_pdf(p, d.date_iso)
        old = committed.get(d.id)
        if old and old[1] == pdf_signature(p):
            p.write_bytes(old[0])


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def chromium_print(html: Path, url: str, printed_at: str, out: Path) -> None:
    """Print a portal page as a reader does: headless Chromium's --print-to-pdf, whose
    default header (date and time, page title) and footer (URL, `1/3`) stay on.

    The page is served from a local HTTP server under its portal URL (the host is mapped
    to the server with --host-resolver-rules), so the footer shows the portal address,
    not a file path.  The clock is frozen at ``printed_at`` (Asia/Shanghai) with
    libfaketime and the browser runs in zh-CN, so the header reads `2024/3/20 10:15`.
    """
    chrome = shutil.which("chromium") or shutil.which("chromium-browser")
    u = urllib.parse.urlsplit(url)
    with tempfile.TemporaryDirectory() as site, tempfile.TemporaryDirectory() as prof:
        dest = Path(site) / u.path.lstrip("/")
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(html, dest)
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=site))
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            env = dict(font_env(), LANG="zh_CN.UTF-8", LANGUAGE="zh_CN", TZ="Asia/Shanghai")
            cmd = ["faketime", "-f", "@" + printed_at, chrome, "--headless", "--disable-gpu",
                   "--no-sandbox", "--no-first-run", "--lang=zh-CN", f"--user-data-dir={prof}",
                   f"--host-resolver-rules=MAP {u.hostname} 127.0.0.1:{server.server_address[1]}",
                   f"--print-to-pdf={out}", url]
            subprocess.run(cmd, env=env, capture_output=True, timeout=300, check=True)
        finally:
            server.shutdown()
            server.server_close()
    # the frozen clock still ticks: pin the two dates to the second
    stamp = "D:" + re.sub(r"\D", "", printed_at)
    data = out.read_bytes()
    data = re.sub(rb"/(CreationDate|ModDate) \(D:\d{14}",
                  lambda m: b"/" + m.group(1) + b" (" + stamp.encode(), data)
    out.write_bytes(data)


def build_chromium(docs: list[Doc]) -> None:
    todo = [d for d in docs if "pdf-chromium" in d.extra_producers]
    if not todo:
        return
    missing = [t for t in ("faketime",) if shutil.which(t) is None]
    if shutil.which("chromium") is None and shutil.which("chromium-browser") is None:
        missing.append("chromium")
    if missing:
        print(f"{', '.join(missing)} not found: browser-printed PDFs not rebuilt", file=sys.stderr)
        return
    outdir = OUT / "pdf-chromium"
    outdir.mkdir(parents=True, exist_ok=True)
    for d in todo:
        p = outdir / f"{d.id}.pdf"
        old = (p.read_bytes(), pdf_signature(p)) if p.exists() else None
        chromium_print(OUT / "html" / f"{d.id}.html", d.portal["url"], d.portal["printed_at"], p)
        # like LibreOffice, keep the committed bytes when pages and positioned text agree
        if old and old[1] == pdf_signature(p):
            p.write_bytes(old[0])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-office", action="store_true", help="skip docx + LibreOffice PDFs")
    ap.add_argument("--no-chromium", action="store_true", help="skip the browser-printed PDFs")
    ap.add_argument("--check", action="store_true", help="validate only; compare gold on disk")
    ap.add_argument("--only", help="comma-separated document ids")
    args = ap.parse_args(argv)

    from corpusgen.render_html import render_html
    from corpusgen.render_text import render_text

    docs = load_all()
    if args.only:
        keep = set(args.only.split(","))
        docs = [d for d in docs if d.id in keep]
    problems = []
    for d in docs:
        problems += validate(d, render_text(d))
    if problems:
        print("\n".join(problems))
        return 1
    if args.check:
        stale = [d.id for d in docs
                 if not (GOLD / f"{d.id}.gold.json").exists()
                 or json.loads((GOLD / f"{d.id}.gold.json").read_text(encoding="utf-8")) != d.gold()]
        if stale:
            print("gold out of date:", ", ".join(stale))
            return 1
        print(f"{len(docs)} documents OK")
        return 0

    from corpusgen.render_pdf import render_pdf

    for sub in ("text", "html", "pdf-reportlab"):
        (OUT / sub).mkdir(parents=True, exist_ok=True)
    GOLD.mkdir(exist_ok=True)
    for d in docs:
        (GOLD / f"{d.id}.gold.json").write_text(
            json.dumps(d.gold(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        (OUT / "text" / f"{d.id}.txt").write_text(render_text(d), encoding="utf-8")
        (OUT / "html" / f"{d.id}.html").write_text(render_html(d), encoding="utf-8")
        render_pdf(d, OUT / "pdf-reportlab" / f"{d.id}.pdf")
        print("built", d.id, file=sys.stderr)
    if not args.no_office:
        if shutil.which("soffice") is None:
            print("soffice not found: LibreOffice PDFs not rebuilt", file=sys.stderr)
        else:
            build_office(docs)
    if not args.no_chromium:
        build_chromium(docs)

    # manifest over everything on disk
    all_docs = load_all()
    manifest = {"documents": []}
    producers = {
        "text": ("text", "corpusgen.render_text"),
        "html": ("html", "corpusgen.render_html"),
        "pdf-reportlab": ("pdf", "reportlab canvas (corpusgen.render_pdf)"),
        "docx": ("docx", "python-docx (corpusgen.render_docx)"),
        "pdf-libreoffice": ("pdf", "LibreOffice headless from out/docx"),
        "pdf-chromium": ("pdf", "headless Chromium --print-to-pdf of out/html (default header/footer)"),
    }
    for d in all_docs:
        entry = {"id": d.id, "doc_type": d.doc_type, "issuers": d.issuers,
                 "year": d.meta.get("year"), "issuer_group": d.meta.get("issuer_group"),
                 "gold": f"gold/{d.id}.gold.json", "renderings": []}
        if d.new_in_round2:
            # added in the second corpus round (joint marks, appended documents, 章/条,
            # tables, a browser-printed page): the parser may not handle them yet
            entry["new_in_round2"] = True
        for sub, (fmt, producer) in producers.items():
            ext = {"text": "txt", "html": "html", "docx": "docx"}.get(sub, "pdf")
            p = OUT / sub / f"{d.id}.{ext}"
            if not p.exists():
                continue
            r = {"path": str(p.relative_to(HERE)), "format": fmt, "producer": producer,
                 "sha256": sha256(p), "bytes": p.stat().st_size}
            if ext == "pdf":
                r["pages"] = pdf_pages(p)
            entry["renderings"].append(r)
        manifest["documents"].append(entry)
    (HERE / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                                        encoding="utf-8")
    print(f"{len(docs)} documents built", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
