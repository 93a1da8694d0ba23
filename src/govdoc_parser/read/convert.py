"""Old Word/WPS files (OLE .doc/.wps, RTF saved as .doc) read through LibreOffice.

A copy of the bytes is converted to DOCX in a temporary directory, by ``soffice`` with a
user profile of its own in that directory (so conversions can run in parallel, and as
root), stdin closed, within ``TIME_LIMIT`` seconds; the DOCX reader then reads the result.
The input file is never touched, nothing is written beside it. Without LibreOffice the
file is refused with ``UnsupportedFormat``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

import regex

from .. import errors
from .primitives import RawDocument

TIME_LIMIT = 120  # seconds for one conversion
PROGRAMS = ("soffice", "libreoffice")
_VERSION = regex.compile(r"LibreOffice/(\d[\d.]*\d)")


def program() -> Optional[str]:
    """The LibreOffice executable on PATH, or None."""
    return next((found for found in map(shutil.which, PROGRAMS) if found), None)


def read(data: bytes, name: str, sha256: str, suffix: str, kind: str) -> RawDocument:
    """``kind`` is what ``sniff`` saw (``ole`` or ``rtf``); ``suffix`` the file's, lower case."""
    label = "wps" if suffix == ".wps" else "doc"
    soffice = program()
    if soffice is None:
        what = "an RTF document" if kind == "rtf" else "an old Word/WPS binary file (.doc/.wps)"
        raise errors.UnsupportedFormat(
            f"{what} is read through LibreOffice, which is not installed: install LibreOffice (`soffice` on "
            "PATH) or convert the file to DOCX or PDF by hand (Save As in Word or WPS)",
            name,
        )
    with tempfile.TemporaryDirectory(prefix="govdoc-convert-") as tmp:
        converted = _convert(soffice, data, Path(tmp), ".rtf" if kind == "rtf" else f".{label}", name)
    from . import docx

    raw = docx.read(converted, name, sha256)
    raw.warnings.append(("CONVERTED_BY_LIBREOFFICE", _note("RTF" if kind == "rtf" else label.upper(), raw.producer)))
    raw.format, raw.producer = label, None  # the producer of the DOCX is LibreOffice, not the file's
    return raw


def _note(source: str, producer: Optional[str]) -> str:
    version = _VERSION.search(producer or "")
    return f"converted from {source} to DOCX by LibreOffice{' ' + version.group(1) if version else ''}"


def _convert(soffice: str, data: bytes, tmp: Path, suffix: str, name: str) -> bytes:
    source, out = tmp / f"input{suffix}", tmp / "out"
    source.write_bytes(data)
    command = [soffice, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless", "--norestore",
               "--convert-to", "docx", "--outdir", str(out), str(source)]
    code, stderr = _run(command, name)
    result = out / "input.docx"
    if code != 0 or not result.is_file() or result.stat().st_size == 0:
        detail = _last_error(stderr) or (f"exit status {code}" if code else "no DOCX was written")
        raise errors.CorruptFile(f"LibreOffice could not convert the file to DOCX ({detail}): "
                                 "damaged, or not a Word/WPS document", name)
    return result.read_bytes()


def _run(command: list[str], name: str) -> tuple[int, str]:
    # a session of its own: soffice starts soffice.bin, and a timeout has to stop both
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, start_new_session=True)
    except OSError as exc:
        raise errors.UnsupportedFormat(f"LibreOffice could not be started ({exc.strerror or exc})", name) from exc
    try:
        _, stderr = process.communicate(timeout=TIME_LIMIT)
    except subprocess.TimeoutExpired:
        _kill(process)
        raise errors.ParseTimeout(f"LibreOffice did not convert the file within {TIME_LIMIT} s", name) from None
    except BaseException:  # the parse's own timeout (SIGALRM) or ^C: leave no LibreOffice behind
        _kill(process)
        raise
    return process.returncode, stderr.decode("utf-8", "replace")


def _kill(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.communicate()


def _last_error(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip() and not line.startswith("Warning:")]
    return lines[-1][:200] if lines else ""
