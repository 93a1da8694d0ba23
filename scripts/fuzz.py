#!/usr/bin/env python3
"""A mutation fuzzer for every input format: damaged copies of sound documents through
``govdoc parse``, each in its own process with a time limit, recording what must not happen.

    python scripts/fuzz.py --mutants 5000 --jobs 2 --seed 16 --keep fuzz-findings --markdown

Seeds are documents of every format the parser reads: PDFs of three producers and a scan,
DOCX, OFD, HTML, text, Markdown, PNG and JPEG images (a scanned page, rendered here), and
DOC and WPS when LibreOffice is installed (converted here from the DOCX). Mutant ``i`` of
seed ``s`` is made by ``random.Random(f"{s}/{i}")``, so a run is repeatable and any one
mutant can be made again (``--only I``). Its seed document goes round by weight, its damage
is drawn from those that fit the format:

- any file: bit flips, bytes set to edge values, a cut at the end or in the middle, a chunk
  duplicated or repeated, random bytes inserted, two chunks swapped;
- ZIP containers (DOCX, OFD): an entry dropped, renamed or doubled, the deflate data of an
  entry damaged with the directory intact, a header or directory field damaged, an entry's
  XML damaged and the container rebuilt, an entry inflated a thousandfold;
- XML and HTML: the text cut, an end tag dropped, an element duplicated or nested hundreds
  deep, a DOCTYPE with an entity, attribute values and namespaces changed, stray markup;
- PDF: numbers (offsets, lengths, counts, coordinates) set to edge values, keywords
  (obj, stream, xref, trailer, R, << >>) dropped or swapped, objects duplicated;
- text: control characters, invalid UTF-8, byte-order marks, NULs, very long lines.

Each mutant runs ``python -m govdoc_parser.cli parse --timeout T`` (T = ``--timeout``). A
Report (exit 0 with JSON) or one of the documented errors (its exit code, one line on
stderr ending in ``[code]``) is right. Findings are: exit 70 (internal error), a traceback,
death by a signal, no result within T plus a grace (a hang: the process group is killed),
a peak resident size over ``--memory-mb`` (a blow-up; measured with ``wait4``), and anything
else (another exit code, more lines on stderr, output that is not JSON). ``--keep DIR``
keeps each finding's mutant and its stderr; ``--json FILE`` writes every outcome;
``--markdown`` prints the section of docs/robustness.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import warnings
import zipfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Optional

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora" / "out"
FIXTURES = ROOT / "tests" / "fixtures"
DEFAULT_SEED = 16
DEFAULT_TIMEOUT = 30.0  # seconds the parse may take (its --timeout)
GRACE = 30.0  # more seconds before the process counts as hung and is killed
DEFAULT_MEMORY_MB = 1536  # peak resident size above which a mutant is a memory blow-up
SAFETY_AS_BYTES = 8 << 30  # address space cap on each parse, so a blow-up cannot take the machine

# --------------------------------------------------------------------------- seeds


@dataclass
class Seed:
    name: str  # the seed's label, e.g. pdf-reportlab
    suffix: str
    data: bytes
    kind: str  # pdf | zip | html | text | image | ole
    slow: bool = False  # OCR or LibreOffice: seconds per parse


def _read(path: Path) -> Optional[bytes]:
    return path.read_bytes() if path.exists() else None


def _scan_page(scale: float = 1.2) -> Optional[object]:
    """A page of a scanned report, rendered (PIL image), for the image seeds."""
    source = CORPORA / "scan" / "qingchuan_sfj_2024_letter.pdf"
    if not source.exists():
        return None
    try:
        import pypdfium2
    except ImportError:
        return None
    pdf = pypdfium2.PdfDocument(str(source))
    try:
        return pdf[0].render(scale=scale, grayscale=True).to_pil()
    finally:
        pdf.close()


def _image(fmt: str) -> Optional[bytes]:
    page = _scan_page()
    if page is None:
        return None
    out = io.BytesIO()
    page.save(out, format=fmt, **({"quality": 80} if fmt == "JPEG" else {"optimize": True}))
    return out.getvalue()


def _converted(suffix: str, docx: Path) -> Optional[bytes]:
    """``docx`` converted by LibreOffice (``doc``; ``wps``: the DOC bytes, which WPS Office reads)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or not docx.exists():
        return None
    with tempfile.TemporaryDirectory() as tmp:
        try:
            subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                            "--convert-to", "doc", "--outdir", tmp, str(docx)],
                           capture_output=True, timeout=180, check=False)
        except subprocess.TimeoutExpired:
            return None
        out = Path(tmp) / (docx.stem + ".doc")
        return out.read_bytes() if out.exists() else None


def load_seeds(include_slow: bool = True) -> list[Seed]:
    """Every seed that can be had here (images need pypdfium2 and Pillow, DOC/WPS LibreOffice)."""
    plain = [
        ("pdf-reportlab", ".pdf", "pdf", CORPORA / "pdf-reportlab" / "qingchuan_sfj_2024_letter.pdf"),
        ("pdf-chromium", ".pdf", "pdf", CORPORA / "pdf-chromium" / "yunling_gov_office_2024_portal_notice.pdf"),
        ("pdf-libreoffice", ".pdf", "pdf", CORPORA / "pdf-libreoffice" / "qingchuan_2021_report.pdf"),
        ("docx", ".docx", "zip", CORPORA / "docx" / "qingchuan_sfj_2024_letter.docx"),
        ("ofd", ".ofd", "zip", CORPORA / "ofd" / "chenghu_2021_report.ofd"),
        ("html", ".html", "html", CORPORA / "html" / "qingchuan_scjgj_sfj_2024_notice.html"),
        ("txt", ".txt", "text", CORPORA / "text" / "qingchuan_sfj_2024_letter.txt"),
        ("md", ".md", "text", ROOT / "corpora" / "checks" / "out" / "clean_donglan_2022_md.md"),
    ]
    seeds = [Seed(name, suffix, data, kind) for name, suffix, kind, path in plain if (data := _read(path))]
    if not include_slow:
        return seeds
    scan = _read(CORPORA / "scan" / "qingchuan_sfj_2024_letter.pdf")
    if scan:
        seeds.append(Seed("pdf-scan", ".pdf", scan, "pdf", slow=True))
    for name, fmt in (("png", "PNG"), ("jpg", "JPEG")):
        if data := _image(fmt):
            seeds.append(Seed(name, "." + name, data, "image", slow=True))
    doc = _converted("doc", CORPORA / "docx" / "qingchuan_sfj_2024_letter.docx")
    if doc:
        seeds.append(Seed("doc", ".doc", doc, "ole", slow=True))
        seeds.append(Seed("wps", ".wps", doc, "ole", slow=True))
    return seeds


# --------------------------------------------------------------------------- mutations

Mutation = Callable[[random.Random, bytes], tuple[bytes, str]]
EDGE_BYTES = (0x00, 0xFF, 0x7F, 0x80, 0x3C, 0x3E, 0x28, 0x29, 0x25, 0x0A, 0x0D, 0x30, 0x39, 0x2F)


def _span(rng: random.Random, size: int, most: int = 4096) -> tuple[int, int]:
    start = rng.randrange(max(size, 1))
    return start, min(size, start + rng.randint(1, max(1, min(most, size))))


def bit_flips(rng, data):
    out = bytearray(data)
    count = rng.choice((1, 1, 2, 4, 8, 32))
    for _ in range(count):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out), f"bit-flips x{count}"


def edge_bytes(rng, data):
    out = bytearray(data)
    count = rng.choice((1, 2, 8))
    for _ in range(count):
        out[rng.randrange(len(out))] = rng.choice(EDGE_BYTES)
    return bytes(out), f"edge-bytes x{count}"


def cut_end(rng, data):
    keep = rng.randrange(1, len(data))
    return data[:keep], f"cut-end at {keep}/{len(data)}"


def cut_middle(rng, data):
    start, end = _span(rng, len(data))
    return data[:start] + data[end:], f"cut-middle {start}:{end}"


def duplicate(rng, data):
    start, end = _span(rng, len(data))
    at = rng.randrange(len(data))
    return data[:at] + data[start:end] + data[at:], f"duplicate {start}:{end} at {at}"


def repeat(rng, data):
    start, end = _span(rng, len(data), 256)
    times = rng.choice((10, 100, 1000))
    return data[:start] + data[start:end] * times + data[end:], f"repeat {start}:{end} x{times}"


def insert_random(rng, data):
    at = rng.randrange(len(data))
    junk = bytes(rng.randrange(256) for _ in range(rng.choice((1, 16, 256))))
    return data[:at] + junk + data[at:], f"insert {len(junk)} random bytes at {at}"


def swap(rng, data):
    a, b = sorted((_span(rng, len(data), 1024), _span(rng, len(data), 1024)))
    if a[1] > b[0]:
        return data[b[0]:b[1]] + data, "swap (overlap): prefix copy"
    return data[:a[0]] + data[b[0]:b[1]] + data[a[1]:b[0]] + data[a[0]:a[1]] + data[b[1]:], f"swap {a} {b}"


BYTE_MUTATIONS: list[Mutation] = [bit_flips, edge_bytes, cut_end, cut_middle, duplicate, repeat, insert_random, swap]


# XML and HTML, on the text

_TAG = re.compile(rb"<(/?)([A-Za-z][\w:.-]*)[^<>]*?(/?)>")
_ATTRIBUTE = re.compile(rb'([\w:.-]+)="([^"]*)"')
_NAMESPACE = re.compile(rb'xmlns(?::\w+)?="([^"]*)"')
EDGE_VALUES = (b"", b"-1", b"0", b"99999999999", b"1e308", b"NaN", b"-0.0", b"2147483648", b"&#0;", b"\xff\xfe",
               b"1 2 3 4 5", b"<", b'"')


def xml_cut(rng, text):
    at = rng.randrange(len(text))
    return text[:at], f"xml-cut at {at}"


def xml_drop_end_tag(rng, text):
    ends = [m for m in _TAG.finditer(text) if m[1]]
    if not ends:
        return xml_cut(rng, text)
    m = rng.choice(ends)
    return text[:m.start()] + text[m.end():], f"xml-drop {m[0][:40]!r}"


def _element(rng, text) -> Optional[tuple[int, int]]:
    """The span of a random element (start tag to its end tag), roughly."""
    starts = [m for m in _TAG.finditer(text) if not m[1] and not m[3]]
    for _ in range(8):
        if not starts:
            return None
        m = rng.choice(starts)
        end = text.find(b"</" + m[2] + b">", m.end())
        if end > 0:
            return m.start(), end + len(m[2]) + 3
    return None


def xml_duplicate(rng, text):
    span = _element(rng, text)
    if span is None:
        return duplicate(rng, text)
    times = rng.choice((2, 50, 500))
    chunk = text[span[0]:span[1]]
    return text[:span[1]] + chunk * times + text[span[1]:], f"xml-duplicate {chunk[:30]!r} x{times}"


def xml_nest(rng, text):
    span = _element(rng, text)
    if span is None:
        return xml_cut(rng, text)
    m = _TAG.match(text, span[0])
    depth = rng.choice((50, 300, 3000))
    opening, closing = text[m.start():m.end()], b"</" + m[2] + b">"
    chunk = text[span[0]:span[1]]
    return (text[:span[0]] + opening * depth + chunk + closing * depth + text[span[1]:],
            f"xml-nest {m[2].decode(errors='replace')} x{depth}")


def xml_entity(rng, text):
    decl = rng.choice((b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">]>', b'<!DOCTYPE d SYSTEM "file:///etc/passwd">',
                       b'<!DOCTYPE html>'))
    start = text.find(b"?>") + 2 if text.startswith(b"<?xml") else 0
    return text[:start] + decl + text[start:], f"xml-doctype {decl[:20]!r}"


def xml_attribute(rng, text):
    attributes = list(_ATTRIBUTE.finditer(text))
    if not attributes:
        return xml_garbage(rng, text)
    m = rng.choice(attributes)
    value = rng.choice(EDGE_VALUES)
    return text[:m.start(2)] + value + text[m.end(2):], f"xml-attribute {m[1][:20]!r}={value!r}"


def xml_namespace(rng, text):
    spaces = list(_NAMESPACE.finditer(text))
    if not spaces:
        return xml_attribute(rng, text)
    m = rng.choice(spaces)
    return text[:m.start(1)] + b"urn:x-fuzz" + text[m.end(1):], f"xml-namespace {m[1][:40]!r}"


def xml_garbage(rng, text):
    at = rng.randrange(len(text))
    junk = rng.choice((b"<", b"&", b"]]>", b"<![CDATA[", b"<!--", b"\x01\x02", b"\xc3\x28", b"&#xD800;", b"<a b=",
                       b"</>", b"<?x", b"&amp"))
    return text[:at] + junk + text[at:], f"xml-garbage {junk!r} at {at}"


XML_MUTATIONS: list[Mutation] = [xml_cut, xml_drop_end_tag, xml_duplicate, xml_nest, xml_entity, xml_attribute,
                                 xml_namespace, xml_garbage]


# ZIP containers

def _entries(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def _zip(entries: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore")  # a name twice, on purpose
        for name, content in entries:
            archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), content,
                             compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _xml_entry(rng, entries):
    xml = [(i, len(content)) for i, (info, content) in enumerate(entries) if info.filename.endswith((".xml", ".rels"))]
    if not xml:
        return None
    return rng.choices([i for i, _ in xml], weights=[size for _, size in xml])[0]


def zip_xml(rng, data):
    entries = _entries(data)
    index = _xml_entry(rng, entries)
    if index is None:
        return bit_flips(rng, data)
    mutated, what = rng.choice(XML_MUTATIONS)(rng, entries[index][1])
    named = [(info.filename, mutated if i == index else content) for i, (info, content) in enumerate(entries)]
    return _zip(named), f"zip-xml {entries[index][0].filename}: {what}"


def zip_drop(rng, data):
    entries = _entries(data)
    index = rng.randrange(len(entries))
    return (_zip([(info.filename, content) for i, (info, content) in enumerate(entries) if i != index]),
            f"zip-drop {entries[index][0].filename}")


def zip_rename(rng, data):
    entries = _entries(data)
    index = rng.randrange(len(entries))
    old = entries[index][0].filename
    new = rng.choice((old.upper(), "../" + old, "/" + old, old + "x", old.replace("/", "\\"), ""))
    return (_zip([(new if i == index else info.filename, content) for i, (info, content) in enumerate(entries)]),
            f"zip-rename {old} -> {new!r}")


def zip_double(rng, data):
    entries = _entries(data)
    index = rng.randrange(len(entries))
    info, content = entries[index]
    twin = content[: len(content) // 2] if rng.random() < 0.5 else content
    return (_zip([(i.filename, c) for i, c in entries] + [(info.filename, twin)]), f"zip-double {info.filename}")


def zip_inflate(rng, data):
    entries = _entries(data)
    index = _xml_entry(rng, entries)
    if index is None:
        return zip_drop(rng, data)
    info, content = entries[index]
    times = rng.choice((100, 1000))
    span = _element(rng, content)
    grown = content[:span[1]] + content[span[0]:span[1]] * times + content[span[1]:] if span else content * 2
    return (_zip([(i.filename, grown if j == index else c) for j, (i, c) in enumerate(entries)]),
            f"zip-inflate {info.filename} x{times}")


def zip_deflate_damage(rng, data):
    """Bytes of one entry's compressed data changed; the directory stays as it was."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = [i for i in archive.infolist() if i.compress_size > 8]
    if not infos:
        return bit_flips(rng, data)
    info = rng.choice(infos)
    head = data[info.header_offset:info.header_offset + 30]
    start = info.header_offset + 30 + int.from_bytes(head[26:28], "little") + int.from_bytes(head[28:30], "little")
    out = bytearray(data)
    for _ in range(rng.choice((1, 4, 40))):
        out[start + rng.randrange(info.compress_size)] ^= rng.randrange(1, 256)
    return bytes(out), f"zip-deflate {info.filename}"


def zip_header(rng, data):
    """A field of a local header, a directory record or the end record changed."""
    marks = [m.start() for m in re.finditer(rb"PK(?:\x03\x04|\x01\x02|\x05\x06)", data)]
    if not marks:
        return bit_flips(rng, data)
    at = rng.choice(marks) + rng.randrange(4, 30)
    out = bytearray(data)
    if at < len(out):
        out[at] = rng.choice((0x00, 0xFF, out[at] ^ 0x01, 0x7F))
    return bytes(out), f"zip-header byte {at}"


ZIP_MUTATIONS: list[Mutation] = [zip_xml, zip_xml, zip_xml, zip_drop, zip_rename, zip_double, zip_inflate,
                                 zip_deflate_damage, zip_header]


# PDF

_NUMBER = re.compile(rb"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")
_KEYWORD = re.compile(rb"\b(?:obj|endobj|stream|endstream|xref|trailer|startxref|R)\b|<<|>>")
_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b.*?endobj", re.S)
PDF_NUMBERS = (b"0", b"-1", b"1", b"4294967296", b"99999999999999999999", b"-2147483649", b"1e308", b"3.4e38",
               b"0.000001", b"10000000")


def pdf_number(rng, data):
    numbers = list(_NUMBER.finditer(data[:200_000])) or list(_NUMBER.finditer(data))
    if not numbers:
        return bit_flips(rng, data)
    out = data
    changes = []
    for m in sorted(rng.sample(numbers, min(len(numbers), rng.choice((1, 1, 3)))), key=lambda m: -m.start()):
        value = rng.choice(PDF_NUMBERS)
        out = out[:m.start()] + value + out[m.end():]
        changes.append(f"{m[0].decode()}->{value.decode()}")
    return out, "pdf-number " + ", ".join(changes)


def pdf_keyword(rng, data):
    keywords = list(_KEYWORD.finditer(data))
    if not keywords:
        return bit_flips(rng, data)
    m = rng.choice(keywords)
    new = rng.choice((b"", b"obj", b"endobj", b"stream", b">>", b"<<", b"R", b"null", b"%"))
    return data[:m.start()] + new + data[m.end():], f"pdf-keyword {m[0].decode()} -> {new.decode()!r}"


def pdf_duplicate_object(rng, data):
    objects = list(_OBJECT.finditer(data))
    if not objects:
        return duplicate(rng, data)
    m = rng.choice(objects)
    at = rng.choice((m.start(), m.end(), data.rfind(b"xref") if b"xref" in data else m.end()))
    return data[:at] + m[0] + b"\n" + data[at:], f"pdf-duplicate-object {m[0][:12]!r}"


PDF_MUTATIONS: list[Mutation] = [pdf_number, pdf_number, pdf_keyword, pdf_duplicate_object]


# text

def text_insert(rng, data):
    junk = rng.choice((b"\x00" * 64, b"\x1b[31m", b"\xef\xbb\xbf", b"\xff\xfe", b"\xc3\x28\xa0\xa1", b"\r" * 100,
                       "\u202e\u200b\ufeff".encode(), b"\xed\xa0\x80", ("长" * 200_000).encode(),
                       b"# " * 5000, b"|" * 3000 + b"\n", ("一、" * 2000).encode(), b"\x0c" * 10))
    at = rng.randrange(len(data))
    return data[:at] + junk + data[at:], f"text-insert {junk[:12]!r}x{len(junk)} at {at}"


TEXT_MUTATIONS: list[Mutation] = [text_insert, text_insert]


def mutations_for(seed: Seed) -> list[Mutation]:
    extra = {"zip": ZIP_MUTATIONS, "pdf": PDF_MUTATIONS, "html": [*XML_MUTATIONS, text_insert],
             "text": [*TEXT_MUTATIONS, xml_garbage]}.get(seed.kind, [])
    return BYTE_MUTATIONS + extra * 2


# --------------------------------------------------------------------------- the plan


@dataclass
class Mutant:
    index: int
    seed: str
    suffix: str
    mutation: str
    data: bytes = field(repr=False)


def schedule(seeds: list[Seed], slow_weight: int = 1, fast_weight: int = 4) -> list[Seed]:
    """The round: each fast seed ``fast_weight`` times, each slow one ``slow_weight`` times."""
    return [s for s in seeds for _ in range(slow_weight if s.slow else fast_weight)]


def make_mutant(index: int, base: int, round_: list[Seed]) -> Mutant:
    seed = round_[index % len(round_)]
    rng = random.Random(f"{base}/{index}")
    data, what = seed.data, ""
    for step in range(rng.choice((1, 1, 1, 2, 3))):  # sometimes several damages on top of each other
        if not data:
            break
        mutation = rng.choice(mutations_for(seed))
        try:
            data, done = mutation(rng, data)
        except Exception:  # noqa: BLE001 - a ZIP already too damaged to rebuild (BadZipFile, zlib.error …)
            data, done = bit_flips(rng, data)
        what += ("; " if step else "") + done
    return Mutant(index, seed.name, seed.suffix, what, data)


# --------------------------------------------------------------------------- running


@dataclass
class Outcome:
    index: int
    seed: str
    mutation: str
    outcome: str  # report | an error code | finding:<kind>
    exit: Optional[int]
    seconds: float
    peak_mb: float
    stderr: str = ""

    @property
    def finding(self) -> bool:
        return self.outcome.startswith("finding:")


def _exit_codes() -> dict[int, str]:
    from govdoc_parser.errors import ALL_ERRORS

    return {error.exit_code: error.code for error in ALL_ERRORS}


def run_parse(path: Path, timeout: float, engine: Optional[str] = None, ocr: bool = True,
              memory_mb: float = DEFAULT_MEMORY_MB) -> tuple[Optional[int], float, float, bytes, bytes, bool]:
    """(exit code or None when hung, seconds, peak MB, stdout, stderr, hung) of one ``govdoc parse``."""
    command = [sys.executable, "-m", "govdoc_parser.cli", "parse", "--compact", "--timeout", f"{timeout:g}"]
    command += (["--engine", engine] if engine else []) + ([] if ocr else ["--no-ocr"]) + [str(path)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                   start_new_session=True, cwd=path.parent)
        try:
            resource.prlimit(process.pid, resource.RLIMIT_AS, (SAFETY_AS_BYTES, SAFETY_AS_BYTES))
        except (OSError, ValueError, AttributeError):
            pass  # it may have ended already
        deadline, hung = started + timeout + GRACE, False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                hung = True
                os.killpg(process.pid, signal.SIGKILL)
                _, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.01)
        seconds = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        try:  # a LibreOffice or other grandchild left behind
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        out.seek(0)
        err.seek(0)
        return (None if hung else process.returncode, seconds, usage.ru_maxrss / 1024, out.read(), err.read(), hung)


def judge(mutant: Mutant, result, codes: dict[int, str], memory_mb: float) -> Outcome:
    exit_code, seconds, peak, stdout, stderr, hung = result
    text = stderr.decode("utf-8", "replace")
    lines = [line for line in text.splitlines() if line.strip()]

    def outcome(kind: str) -> Outcome:
        return Outcome(mutant.index, mutant.seed, mutant.mutation, kind, exit_code, round(seconds, 2),
                       round(peak, 1), text[-3000:])

    if hung:
        return outcome("finding:hang")
    if "Traceback (most recent call last)" in text:
        return outcome("finding:traceback")
    if exit_code is not None and exit_code < 0:
        return outcome(f"finding:signal {signal.Signals(-exit_code).name}")
    if exit_code == 70:
        return outcome("finding:internal")
    if peak > memory_mb:
        return outcome("finding:memory")
    if exit_code == 0:
        try:
            json.loads(stdout)
        except ValueError:
            return outcome("finding:output not JSON")
        return outcome("finding:stderr" if lines else "report")
    code = codes.get(exit_code)
    if code is None:
        return outcome(f"finding:exit {exit_code}")
    if len(lines) != 1 or not lines[0].startswith("govdoc: error:") or not lines[0].endswith(f"[{code}]"):
        return outcome("finding:stderr")
    return outcome(code)


@dataclass
class Run:
    seed: int
    mutants: int
    seconds: float
    outcomes: list[Outcome]
    seeds: dict[str, int]

    def findings(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.finding]

    def table(self) -> dict[str, Counter]:
        by_seed: dict[str, Counter] = {}
        for o in self.outcomes:
            by_seed.setdefault(o.seed, Counter())[o.outcome] += 1
        return by_seed


def fuzz(mutants: int, *, seed: int = DEFAULT_SEED, jobs: int = 2, timeout: float = DEFAULT_TIMEOUT,
         memory_mb: float = DEFAULT_MEMORY_MB, include_slow: bool = True, slow_weight: int = 1,
         fast_weight: int = 4, engine: Optional[str] = None, keep: Optional[Path] = None,
         only: Optional[list[int]] = None, progress: bool = False) -> Run:
    """Make and run ``mutants`` mutants (or the ``only`` ones); every outcome is in the Run."""
    seeds = load_seeds(include_slow)
    round_ = schedule(seeds, slow_weight, fast_weight)
    codes = _exit_codes()
    indexes = only if only is not None else list(range(mutants))
    outcomes: list[Outcome] = []
    lock = threading.Lock()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="govdoc-fuzz-") as tmp:
        def one(index: int) -> Outcome:
            mutant = make_mutant(index, seed, round_)
            path = Path(tmp) / f"m{index:06d}{mutant.suffix}"
            path.write_bytes(mutant.data)
            try:
                result = judge(mutant, run_parse(path, timeout, engine, memory_mb=memory_mb), codes, memory_mb)
                if result.finding and keep is not None:
                    keep.mkdir(parents=True, exist_ok=True)
                    shutil.copy(path, keep / path.name)
                    (keep / (path.name + ".txt")).write_text(
                        f"{result.outcome}\nseed {mutant.seed}: {mutant.mutation}\nexit {result.exit}\n\n{result.stderr}",
                        encoding="utf-8")
            finally:
                path.unlink(missing_ok=True)
            with lock:
                outcomes.append(result)
                if progress:
                    done = len(outcomes)
                    bad = sum(o.finding for o in outcomes)
                    print(f"\r{done}/{len(indexes)} mutants, {bad} findings", end="", file=sys.stderr, flush=True)
            return result

        with ThreadPoolExecutor(jobs) as pool:
            list(pool.map(one, indexes))
    if progress:
        print(file=sys.stderr)
    outcomes.sort(key=lambda o: o.index)
    return Run(seed, len(indexes), time.monotonic() - started, outcomes,
               {s.name: len(s.data) for s in seeds})


# --------------------------------------------------------------------------- reporting


def markdown(run: Run, jobs: int, timeout: float, memory_mb: float) -> str:
    import platform

    findings = run.findings()
    kinds = Counter(o.outcome.split(":", 1)[1] for o in findings)
    codes = sorted({o.outcome for o in run.outcomes if not o.finding}, key=lambda c: (c != "report", c))
    table = run.table()
    slowest = max(run.outcomes, key=lambda o: o.seconds)
    peak = max(run.outcomes, key=lambda o: o.peak_mb)
    found = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or \
        "no exit 70, no traceback, no signal, no hang, no memory blow-up"
    lines = [
        "## Fuzzing: mutants of every format",
        "",
        f"Generated by `python scripts/fuzz.py --mutants {run.mutants} --seed {run.seed} --jobs {jobs} --markdown` "
        f"(Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores): each mutant through "
        f"`govdoc parse --timeout {timeout:g}` in its own process; a hang is no result {timeout + GRACE:g} s after "
        f"the start, a memory blow-up a peak resident size over {memory_mb:g} MB. The damages and how seeds are "
        "chosen: the script's docstring; `tests/test_fuzz.py` runs a few hundred of them in every test run.",
        "",
        f"{run.mutants} mutants in {run.seconds / 60:.1f} min: **{len(findings)} findings** ({found}). "
        f"Slowest {slowest.seconds:.1f} s ({slowest.seed}, {slowest.outcome}); "
        f"largest peak {peak.peak_mb:.0f} MB ({peak.seed}, {peak.outcome}).",
        "",
        "| seed | bytes | mutants | " + " | ".join(codes) + " | findings |",
        "|---|---|---|" + "---|" * len(codes) + "---|",
    ]
    for name in run.seeds:
        counts = table.get(name, Counter())
        bad = sum(n for k, n in counts.items() if k.startswith("finding:"))
        lines.append(f"| {name} | {run.seeds[name]:,} | {sum(counts.values())} | "
                     + " | ".join(str(counts.get(c, 0) or "") for c in codes) + f" | {bad} |")
    if findings:
        lines += ["", "| mutant | seed | damage | finding | exit |", "|---|---|---|---|---|"]
        for o in findings[:50]:
            lines.append(f"| {o.index} | {o.seed} | {o.mutation[:80]} | {o.outcome[8:]} | {o.exit} |")
    return "\n".join(lines) + "\n"


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mutants", type=int, default=500)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="the parse's --timeout (s)")
    parser.add_argument("--memory-mb", type=float, default=DEFAULT_MEMORY_MB, help="peak RSS that is a blow-up")
    parser.add_argument("--engine", help="PDF engine (default: the parser's)")
    parser.add_argument("--no-slow", action="store_true", help="leave out the OCR and LibreOffice seeds")
    parser.add_argument("--slow-weight", type=int, default=1)
    parser.add_argument("--fast-weight", type=int, default=4)
    parser.add_argument("--only", type=int, nargs="*", help="run these mutant numbers only")
    parser.add_argument("--keep", type=Path, help="folder for the mutants that gave findings")
    parser.add_argument("--json", type=Path, help="write every outcome here")
    parser.add_argument("--markdown", action="store_true", help="print the docs/robustness.md section")
    args = parser.parse_args(argv)
    run = fuzz(args.mutants, seed=args.seed, jobs=args.jobs, timeout=args.timeout, memory_mb=args.memory_mb,
               include_slow=not args.no_slow, slow_weight=args.slow_weight, fast_weight=args.fast_weight,
               engine=args.engine, keep=args.keep, only=args.only, progress=sys.stderr.isatty())
    if args.json:
        args.json.write_text(json.dumps([asdict(o) for o in run.outcomes], ensure_ascii=False, indent=1),
                             encoding="utf-8")
    for o in run.findings():
        print(f"FINDING mutant {o.index} ({o.seed}: {o.mutation}): {o.outcome[8:]}, exit {o.exit}\n"
              f"  {o.stderr.strip().splitlines()[-1] if o.stderr.strip() else ''}", file=sys.stderr)
    if args.markdown:
        print(markdown(run, args.jobs, args.timeout, args.memory_mb))
    else:
        counts = Counter(o.outcome for o in run.outcomes)
        print(f"{run.mutants} mutants in {run.seconds:.0f} s: {len(run.findings())} findings; "
              + ", ".join(f"{n} {k}" for k, n in counts.most_common()))
    return 1 if run.findings() else 0


if __name__ == "__main__":
    sys.exit(main())
