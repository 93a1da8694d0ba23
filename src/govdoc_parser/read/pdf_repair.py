"""Whether a PDF is damaged in a way its reader silently repairs.

pdfium (and pdfminer) read a PDF whose cross-reference offsets are wrong by scanning the
file for objects, cut a page tree that loops, and count the pages a tree holds whatever its
``/Count`` says. That is right, but the Report should say that the file was damaged: the
text read may not be all the document holds. ``damage(data)`` names the first such damage
found, from a quick parse of the raw bytes (no object is decoded but cross-reference and
object streams, and the page tree's nodes):

- the ``startxref`` offset is missing, or points at no cross-reference table or stream;
- an entry of a cross-reference section points at no ``N G obj`` of its own number;
- the page tree visits a node twice (a loop, or a page listed twice);
- the root's ``/Count`` differs from the pages the tree holds.

Anything this parser does not read (encrypted object streams, other filters, a missing
object) means "cannot tell": no damage is reported. A PDF repaired this way gets the
warning ``PDF_REPAIRED`` (``read._read_pdf``), whatever the engine.
"""

from __future__ import annotations

import re
import zlib
from typing import Optional

MAX_DECODED = 64 * 1024 * 1024  # bytes of one cross-reference or object stream, decoded
MAX_SECTIONS = 1000  # cross-reference sections in one chain of /Prev
MAX_NODES = 1_000_000  # page-tree nodes walked

_WS = rb"[\x00\t\n\x0c\r ]"
_OBJ_AT = re.compile(_WS + rb"*(\d+)" + _WS + rb"+(\d+)" + _WS + rb"*obj\b")
_STARTXREF = re.compile(rb"startxref" + _WS + rb"*(\d+)")
_SUBSECTION = re.compile(_WS + rb"*(\d+)" + _WS + rb"+(\d+)" + _WS + rb"*(?:\r\n|\r|\n)?")
_ENTRY = re.compile(_WS + rb"*(\d{1,10})" + _WS + rb"+(\d{1,5})" + _WS + rb"*([nf])")
_TRAILER = re.compile(_WS + rb"*trailer" + _WS + rb"*")
_REF = rb"(\d+)" + _WS + rb"+(\d+)" + _WS + rb"+R"
_KEY_REF = {key: re.compile(rb"/" + key + _WS + rb"*" + _REF) for key in (b"Root", b"Pages", b"Kids", b"Length")}
_KEY_INT = {key: re.compile(rb"/" + key + _WS + rb"*(\d+)(?![\d.])(?!" + _WS + rb"+\d+" + _WS + rb"+R)")
            for key in (b"Prev", b"XRefStm", b"Size", b"Count", b"Length", b"N", b"First", b"Predictor",
                        b"Columns")}
_KEY_ARRAY = {key: re.compile(rb"/" + key + _WS + rb"*\[([^\]]*)\]") for key in (b"W", b"Index", b"Kids")}
_HAS_KIDS = re.compile(rb"/Kids\b")
_FILTER = re.compile(rb"/Filter" + _WS + rb"*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_NAME = re.compile(rb"/([A-Za-z0-9]+)")
_STREAM = re.compile(_WS + rb"*stream(?:\r\n|\n|\r)")


class _CannotTell(Exception):
    """Something this quick parser does not read: no verdict."""


def damage(data: bytes) -> Optional[str]:
    """What is damaged in the PDF ``data``, or None (sound, or this parser cannot tell)."""
    try:
        return _Pdf(data).damage()
    except (_CannotTell, ValueError, IndexError, KeyError, zlib.error, RecursionError, MemoryError):
        return None


class _Pdf:
    def __init__(self, data: bytes):
        self.data = data
        start = data.find(b"%PDF-", 0, 1024)
        self.base = max(start, 0)  # offsets count from the header (pdfium does the same with junk before it)
        self.entries: dict[int, tuple] = {}  # object number -> ("n", offset) | ("c", stream, index) | ("f",)
        self.trailers: list[bytes] = []
        self.object_streams: dict[int, tuple[bytes, list[tuple[int, int]], int]] = {}

    # -- cross-reference sections ---------------------------------------------------------

    def damage(self) -> Optional[str]:
        found = None
        for found in _STARTXREF.finditer(self.data, max(0, len(self.data) - 65536)):
            pass
        if found is None:
            return "no startxref: the cross-reference table was rebuilt by scanning the file"
        offset = int(found[1])
        problem = self._read_sections(offset)
        if problem:
            return problem
        problem = self._check_offsets()
        if problem:
            return problem
        return self._check_page_tree()

    def _read_sections(self, offset: int) -> Optional[str]:
        todo, seen = [offset], set()
        first = True
        while todo:
            offset = todo.pop(0)
            if offset in seen or len(seen) >= MAX_SECTIONS:
                continue
            seen.add(offset)
            at = self.base + offset
            if at >= len(self.data):
                return f"a cross-reference offset ({offset}) points past the end of the file"
            match = re.compile(_WS + rb"*xref").match(self.data, at)
            if match:
                trailer = self._read_table(match.end())
            elif (header := _OBJ_AT.match(self.data, at)) and b"/XRef" in self._dictionary(header.end())[:4096]:
                trailer = self._read_stream_section(header.end())
            else:
                where = "startxref" if first else "/Prev"
                return f"{where} ({offset}) points at no cross-reference table: the table was rebuilt by scanning"
            first = False
            self.trailers.append(trailer)
            follow = [m for key in (b"XRefStm", b"Prev") if (m := _KEY_INT[key].search(trailer))]
            todo.extend(int(m[1]) for m in follow)
        return None

    def _read_table(self, at: int) -> bytes:
        data = self.data
        while True:
            trailer = _TRAILER.match(data, at)
            if trailer:
                return self._dictionary(trailer.end())
            section = _SUBSECTION.match(data, at)
            if not section:
                raise _CannotTell("neither a subsection nor the trailer")
            first, count = int(section[1]), int(section[2])
            at = section.end()
            for number in range(first, first + count):
                entry = _ENTRY.match(data, at)
                if not entry:
                    raise _CannotTell("a malformed entry")
                at = entry.end()
                self.entries.setdefault(number, ("n", int(entry[1])) if entry[3] == b"n" else ("f",))

    def _read_stream_section(self, at: int) -> bytes:
        dictionary = self._dictionary(at)
        widths = [int(w) for w in _KEY_ARRAY[b"W"].search(dictionary)[1].split()]
        size = int(_KEY_INT[b"Size"].search(dictionary)[1])
        index = _KEY_ARRAY[b"Index"].search(dictionary)
        ranges = [int(n) for n in index[1].split()] if index else [0, size]
        rows = self._stream_data(at, dictionary)
        step = sum(widths)
        if len(widths) != 3 or not step:
            raise _CannotTell("unusual /W")
        position = 0
        for first, count in zip(ranges[::2], ranges[1::2]):
            for number in range(first, first + count):
                row = rows[position:position + step]
                position += step
                if len(row) < step:
                    raise _CannotTell("a short cross-reference stream")
                fields, start = [], 0
                for width in widths:
                    fields.append(int.from_bytes(row[start:start + width], "big"))
                    start += width
                kind = fields[0] if widths[0] else 1
                if kind == 1:
                    self.entries.setdefault(number, ("n", fields[1]))
                elif kind == 2:
                    self.entries.setdefault(number, ("c", fields[1], fields[2]))
                else:
                    self.entries.setdefault(number, ("f",))
        return dictionary

    def _check_offsets(self) -> Optional[str]:
        wrong = []
        for number, entry in self.entries.items():
            if entry[0] != "n" or number == 0 or entry[1] == 0:  # (some writers mark unused numbers so)
                continue
            header = _OBJ_AT.match(self.data, self.base + entry[1])
            if not header or int(header[1]) != number:
                wrong.append(number)
        if wrong:
            return (f"{len(wrong)} of {len(self.entries)} cross-reference offsets point at no object of their "
                    f"number (object {wrong[0]} first): the file was read by scanning for its objects")
        return None

    # -- objects ------------------------------------------------------------------------------

    def _dictionary(self, at: int) -> bytes:
        """The ``<< … >>`` that starts (after blanks) at ``at``."""
        data = self.data
        start = data.find(b"<<", at, at + 64)
        if start < 0:
            raise _CannotTell("no dictionary")
        depth, i, end = 0, start, len(data)
        while i < end:
            c = data[i]
            if c == 0x3C:  # <
                if data[i + 1] == 0x3C:
                    depth += 1
                    i += 2
                    continue
                close = data.find(b">", i)  # a hex string
                i = close + 1 if close > 0 else end
                continue
            if c == 0x3E and data[i + 1] == 0x3E:  # >>
                depth -= 1
                i += 2
                if depth == 0:
                    return data[start:i]
                continue
            if c == 0x28:  # ( a literal string, with nesting and escapes
                i = self._string_end(i)
                continue
            i += 1
        raise _CannotTell("an unclosed dictionary")

    def _string_end(self, i: int) -> int:
        data, depth = self.data, 0
        while i < len(data):
            c = data[i]
            if c == 0x5C:  # backslash
                i += 2
                continue
            if c == 0x28:
                depth += 1
            elif c == 0x29:
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        return i

    def _stream_data(self, at: int, dictionary: bytes) -> bytes:
        """The decoded data of the stream whose dictionary starts at ``at``."""
        data = self.data
        start = data.find(b"<<", at) + len(dictionary)
        keyword = _STREAM.match(data, start)
        if not keyword:
            raise _CannotTell("no stream keyword")
        begin = keyword.end()
        length = _KEY_INT[b"Length"].search(dictionary)
        if length and data.startswith(b"endstream", _skip_blanks(data, begin + int(length[1]))):
            raw = data[begin:begin + int(length[1])]
        else:
            end = data.find(b"endstream", begin)
            if end < 0:
                raise _CannotTell("no endstream")
            raw = data[begin:end].rstrip(b"\r\n")
        filters = _FILTER.search(dictionary)
        names = _NAME.findall(filters[1]) if filters else []
        for name in names:
            if name not in (b"FlateDecode", b"Fl"):
                raise _CannotTell("a filter other than FlateDecode")
            inflater = zlib.decompressobj()
            raw = inflater.decompress(raw, MAX_DECODED)
            if inflater.unconsumed_tail:
                raise _CannotTell("too large")
        predictor = _KEY_INT[b"Predictor"].search(dictionary)
        if predictor and int(predictor[1]) >= 10:
            columns = _KEY_INT[b"Columns"].search(dictionary)
            raw = _unpredict(raw, int(columns[1]) if columns else 1)
        elif predictor and int(predictor[1]) > 1:
            raise _CannotTell("a TIFF predictor")
        return raw

    def _object(self, number: int) -> bytes:
        """The text of object ``number`` (from its number to its end, or its stream's start)."""
        entry = self.entries.get(number)
        if entry is None or entry[0] == "f":
            raise _CannotTell("a missing object")
        if entry[0] == "n":
            at = self.base + entry[1]
            header = _OBJ_AT.match(self.data, at)
            if not header:
                raise _CannotTell("an object not at its offset")
            end = self.data.find(b"endobj", header.end())
            stream = self.data.find(b"stream", header.end(), end if end > 0 else len(self.data))
            stop = min(x for x in (end, stream, len(self.data)) if x >= 0)
            return self.data[header.end():stop]
        stream, index = entry[1], entry[2]
        text, offsets, first = self._object_stream(stream)
        if index >= len(offsets):
            raise _CannotTell("an index past the object stream")
        begin = first + offsets[index][1]
        end = first + offsets[index + 1][1] if index + 1 < len(offsets) else len(text)
        return text[begin:end]

    def _object_stream(self, number: int) -> tuple[bytes, list[tuple[int, int]], int]:
        if number not in self.object_streams:
            entry = self.entries.get(number)
            if not entry or entry[0] != "n":
                raise _CannotTell("an object stream that is not a plain object")
            header = _OBJ_AT.match(self.data, self.base + entry[1])
            if not header:
                raise _CannotTell("an object stream not at its offset")
            dictionary = self._dictionary(header.end())
            text = self._stream_data(header.end(), dictionary)
            count, first = int(_KEY_INT[b"N"].search(dictionary)[1]), int(_KEY_INT[b"First"].search(dictionary)[1])
            numbers = [int(n) for n in text[:first].split()]
            offsets = list(zip(numbers[:2 * count:2], numbers[1:2 * count:2]))
            self.object_streams[number] = (text, offsets, first)
        return self.object_streams[number]

    # -- the page tree ------------------------------------------------------------------------

    def _check_page_tree(self) -> Optional[str]:
        root = next((m for t in self.trailers if (m := _KEY_REF[b"Root"].search(t))), None)
        if root is None:
            raise _CannotTell("no /Root")
        pages = _KEY_REF[b"Pages"].search(self._object(int(root[1])))
        if pages is None:
            raise _CannotTell("no /Pages")
        top = int(pages[1])
        declared = _KEY_INT[b"Count"].search(self._object(top))
        stack, seen, leaves = [top], set(), 0
        while stack:
            number = stack.pop()
            if number in seen:
                return f"the page tree visits object {number} twice (a loop): it was read with the loop cut"
            seen.add(number)
            if len(seen) > MAX_NODES:
                raise _CannotTell("a huge page tree")
            text = self._object(number)
            if not _HAS_KIDS.search(text):
                leaves += 1
                continue
            kids = _KEY_ARRAY[b"Kids"].search(text)
            if kids:
                body = kids[1]
            else:
                indirect = _KEY_REF[b"Kids"].search(text)
                if not indirect:
                    raise _CannotTell("unreadable /Kids")
                body = self._object(int(indirect[1]))
            refs = re.findall(_REF, body)
            stack.extend(int(n) for n, _ in reversed(refs))
        if declared and int(declared[1]) != leaves:
            return f"the page tree's /Count is {int(declared[1])}, but it holds {leaves} pages"
        return None


def _skip_blanks(data: bytes, at: int) -> int:
    while at < len(data) and data[at] in b"\x00\t\n\x0c\r ":
        at += 1
    return at


def _unpredict(data: bytes, columns: int) -> bytes:
    """Undo the PNG predictors (one filter byte per row of ``columns`` bytes)."""
    out, previous = bytearray(), bytearray(columns)
    row_size = columns + 1
    for start in range(0, len(data) - columns, row_size):
        kind, row = data[start], bytearray(data[start + 1:start + row_size])
        for i in range(len(row)):
            left = row[i - 1] if i else 0
            up = previous[i]
            if kind == 1:
                row[i] = (row[i] + left) & 0xFF
            elif kind == 2:
                row[i] = (row[i] + up) & 0xFF
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                corner = previous[i - 1] if i else 0
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                row[i] = (row[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
            elif kind != 0:
                raise _CannotTell("an unknown PNG predictor")
        out += row
        previous = row
    return bytes(out)
