"""Distinct copies of documents (for ingest tests and benchmarks): same content, new sha256.

Each copy gets a unique marker where its format ignores it or keeps it harmless: a PDF
comment after ``%%EOF``, an HTML comment, the ZIP comment of a DOCX/OFD, a last line of text.
"""

from __future__ import annotations

import shutil
import zipfile
from itertools import cycle, islice
from pathlib import Path
from typing import Iterable


def mark(path: Path, marker: str) -> None:
    """Make ``path`` unique by adding ``marker`` in a way its format tolerates."""
    suffix = path.suffix.lower()
    if suffix in (".docx", ".ofd"):
        with zipfile.ZipFile(path, "a") as archive:
            archive.comment = marker.encode()
        return
    tail = {".pdf": f"\n% {marker}\n", ".html": f"\n<!-- {marker} -->\n", ".htm": f"\n<!-- {marker} -->\n"}
    with open(path, "ab") as handle:
        handle.write(tail.get(suffix, f"\n{marker}\n").encode())


def distinct_copies(sources: Iterable[Path], folder: Path, count: int) -> list[Path]:
    """``count`` copies of ``sources`` (cycled) in ``folder``, each with its own sha256."""
    folder.mkdir(parents=True, exist_ok=True)
    copies = []
    for i, source in enumerate(islice(cycle(list(sources)), count)):
        target = folder / f"{i:04d}_{source.name}"
        shutil.copyfile(source, target)
        mark(target, f"copy {i:04d}")
        copies.append(target)
    return copies
