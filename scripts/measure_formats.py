#!/usr/bin/env python3
"""Measure the DOCX/OFD/scan readers for docs/formats.md.

    python scripts/measure_formats.py > /tmp/formats.md

1. Every DOCX/DOTX/OFD/DOC/WPS/scan file in ../shared/corpus/foreign: result or error
   code, title, 发文字号, 主送.
2. OCR on corpora/out/scan/*.pdf: character accuracy (1 - edit distance / length) of
   each page's text against the reportlab PDF's text layer (whitespace removed), and
   seconds per page (wall clock and CPU).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOREIGN = ROOT.parent / "shared" / "corpus" / "foreign"
sys.path.insert(0, str(ROOT / "src"))

from govdoc_parser import parse  # noqa: E402
from govdoc_parser.errors import GovdocError  # noqa: E402
from govdoc_parser.evaluation import edit_distance  # noqa: E402
from govdoc_parser.read import read_document  # noqa: E402


def foreign_table() -> list[str]:
    rows = ["| file | result | title | 发文字号 | 主送 |", "|---|---|---|---|---|"]
    names = ("*.docx", "*.dotx", "*.ofd", "*.doc", "*.wps")
    files = sorted(p for n in names for p in FOREIGN.glob(f"*/{n}"))
    files += [FOREIGN / "guan911-arch__GongWenSignSystem" / n for n in ("jikong_header.pdf", "weijian_header.pdf")]
    files.append(FOREIGN / "zhuyandong__gongwenfont" / "党政机关公文格式.pdf")
    for path in files:
        start = time.perf_counter()
        try:
            r = parse(path, metrics=False)
        except GovdocError as exc:
            rows.append(f"| {path.parent.name.split('__')[0]}/{path.name} | error `{exc.code}` | | | |")
            continue
        took = time.perf_counter() - start
        number = r.header.document_number.raw if r.header.document_number else "—"
        result = f"{r.source.format}{' (OCR)' if r.source.ocr else ''}, {took:.1f} s"
        rows.append(f"| {path.parent.name.split('__')[0]}/{path.name} | {result} | {r.title or '—'} | {number} | "
                    f"{'、'.join(r.addressees) or '—'} |")
    return rows


def converted_table() -> list[str]:
    """.doc/.wps converted to DOCX by LibreOffice (when installed), then parsed."""
    import shutil
    import subprocess
    import tempfile

    rows = ["| file | converted | title | 发文字号 | 主送 |", "|---|---|---|---|---|"]
    if shutil.which("soffice") is None:
        return rows + ["| (LibreOffice not installed) | | | | |"]
    for path in sorted(p for n in ("*.doc", "*.wps") for p in FOREIGN.glob(f"*/{n}")):
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to",
                            "docx", "--outdir", tmp, str(path)], check=True, capture_output=True, timeout=180)
            try:
                r = parse(Path(tmp) / f"{path.stem}.docx", metrics=False)
            except GovdocError as exc:
                rows.append(f"| {path.name} | error `{exc.code}` | | | |")
                continue
        number = r.header.document_number.raw if r.header.document_number else "—"
        rows.append(f"| {path.parent.name.split('__')[0]}/{path.name} | docx | {r.title or '—'} | {number} | "
                    f"{'、'.join(r.addressees) or '—'} |")
    return rows


def ocr_table() -> list[str]:
    rows = ["| document | pages | chars | accuracy | s/page (wall) | s/page (CPU) |", "|---|---|---|---|---|---|"]
    total_chars = total_errors = total_pages = 0
    total_wall = total_cpu = 0.0
    for scan in sorted((ROOT / "corpora" / "out" / "scan").glob("*.pdf")):
        truth = read_document(ROOT / "corpora" / "out" / "pdf-reportlab" / scan.name)
        wall, cpu = time.perf_counter(), time.process_time()
        raw = read_document(scan)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        chars = errors = 0
        for want, got in zip(truth.pages, raw.pages):
            a = "".join(l.text for l in want.lines).replace(" ", "")
            b = "".join(l.text for l in got.lines).replace(" ", "")
            chars += len(a)
            errors += edit_distance(a, b)
        pages = len(raw.pages)
        rows.append(f"| {scan.stem} | {pages} | {chars} | {1 - errors / chars:.4f} | {wall / pages:.1f} | {cpu / pages:.1f} |")
        total_chars += chars
        total_errors += errors
        total_pages += pages
        total_wall += wall
        total_cpu += cpu
    rows.append(f"| **all** | {total_pages} | {total_chars} | **{1 - total_errors / total_chars:.4f}** | "
                f"{total_wall / total_pages:.1f} | {total_cpu / total_pages:.1f} |")
    return rows


if __name__ == "__main__":
    print("\n".join(foreign_table()))
    print()
    print("\n".join(converted_table()))
    print()
    print("\n".join(ocr_table()))
