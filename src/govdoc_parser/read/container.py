"""Safe access to zip-of-XML formats (DOCX, OFD): members read in memory, XML parsed defensively.

- Nothing is extracted to disk; member names are resolved inside the archive only, and a
  name that climbs above the root (``../``) is refused (zip slip).
- Zip bombs: at most ``MAX_MEMBERS`` members, ``MAX_MEMBER`` bytes per member and
  ``MAX_TOTAL`` bytes read in all (counted while inflating, whatever the header claims),
  and a compression ratio of at most ``MAX_RATIO`` for members over 1 MB.
- XML: a DOCTYPE or ENTITY declaration is refused before parsing (no entity expansion,
  no external entities), and elements nested deeper than ``MAX_DEPTH`` are refused.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from xml.etree import ElementTree as ET

from .. import errors

MAX_MEMBERS = 20_000
MAX_MEMBER = 64 * 1024 * 1024
MAX_TOTAL = 256 * 1024 * 1024
MAX_RATIO = 200
MAX_DEPTH = 256
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class Archive:
    """A zip archive opened from bytes, with bounded reads and XML parsing."""

    def __init__(self, data: bytes, path: str, kind: str):
        self.path, self.kind, self.read_total = path, kind, 0
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError) as exc:  # (an unknown ZIP version)
            raise errors.CorruptFile(f"the {kind} container is not a readable ZIP ({exc})", path) from exc
        if len(infos) > MAX_MEMBERS:
            raise errors.TooLarge(f"the {kind} container has {len(infos)} members", path)
        # a member without a name is no part of anything
        self.names = {i.filename.lstrip("/"): i for i in infos if i.filename and not i.is_dir()}
        self.lower = {n.lower(): n for n in self.names}

    def resolve(self, name: str, base: str = "") -> str | None:
        """An archive member for ``name``, absolute (``/Doc_0/x.xml``) or relative to ``base``."""
        name = name.strip().replace("\\", "/")
        joined = name.lstrip("/") if name.startswith("/") else posixpath.join(base, name)
        normal = posixpath.normpath(joined) if joined else ""
        if normal.startswith("../") or normal == ".." or posixpath.isabs(normal):
            raise errors.CorruptFile(f"the {self.kind} refers outside its container: {name!r}", self.path)
        if normal in self.names:
            return normal
        return self.lower.get(normal.lower())

    def has(self, name: str) -> bool:
        return self.resolve(name) is not None

    def read(self, name: str) -> bytes:
        member = self.resolve(name)
        if member is None:
            raise errors.CorruptFile(f"the {self.kind} lacks its part {name!r}", self.path)
        info = self.names[member]
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise errors.TooLarge(f"{member} expands {info.file_size // max(info.compress_size, 1)}-fold (zip bomb?)", self.path)
        limit = min(MAX_MEMBER, MAX_TOTAL - self.read_total)
        try:
            with self.zip.open(info) as stream:
                data = stream.read(limit + 1)
        except (zipfile.BadZipFile, zlib.error, RuntimeError, OSError, EOFError, ValueError,
                NotImplementedError) as exc:  # (an unknown compression method or ZIP version)
            raise errors.CorruptFile(f"{member} cannot be inflated ({exc})", self.path) from exc
        if len(data) > limit:
            raise errors.TooLarge(f"{member} or the whole {self.kind} inflates past the size limit", self.path)
        self.read_total += len(data)
        return data

    def xml(self, name: str) -> ET.Element:
        return parse_xml(self.read(name), f"{self.path}:{name}")


def parse_xml(data: bytes, where: str) -> ET.Element:
    """Parse XML that declares no DTD or entities and nests at most MAX_DEPTH deep."""
    probe = data[:4096]
    if probe.startswith((b"\xff\xfe", b"\xfe\xff")):
        probe = data.decode("utf-16", "replace").encode("utf-8", "replace")
    if _DECLARATION.search(probe) or _DECLARATION.search(data):
        raise errors.CorruptFile("XML with a DOCTYPE or ENTITY declaration is refused", where)
    parser = ET.XMLPullParser(events=("start", "end"))
    depth = 0
    root = None
    try:
        for start in range(0, len(data), 1 << 16):
            parser.feed(data[start : start + (1 << 16)])
            for event, element in parser.read_events():
                if event == "start":
                    depth += 1
                    root = element if root is None else root
                    if depth > MAX_DEPTH:
                        raise errors.CorruptFile(f"XML nested deeper than {MAX_DEPTH} levels", where)
                else:
                    depth -= 1
        parser.close()
    except ET.ParseError as exc:
        raise errors.CorruptFile(f"malformed XML ({exc})", where) from exc
    if root is None:
        raise errors.CorruptFile("empty XML part", where)
    return root


def local(tag: str) -> str:
    """Tag name without its namespace: ``{ns}Page`` -> ``Page``."""
    return tag.rsplit("}", 1)[-1]
