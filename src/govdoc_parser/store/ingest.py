"""Batch ingest: find documents, parse them on an executor, store each in one transaction.

Which files: a file named explicitly is always tried; inside folders (walked recursively,
hidden files and folders left out) only files whose suffix is in ``DOCUMENT_SUFFIXES``.
Those include formats not read yet (.doc, .wps, .rtf …): they are recorded in ``errors``
with code ``unsupported_format``, so the user sees them; anything else (images, JSON,
archives …) is ignored and only counted.

Idempotent and resumable: a file whose sha256 is already in ``documents`` or ``errors`` is
skipped, as is a second copy of the same content in one batch. Workers only parse and
return the Report JSON (or an error code); this process alone writes, one transaction per
file, so a run killed at any moment leaves whole documents only, and the next run does
the rest. The one error that is not final is ``crashed`` (the worker process died: a
segfault, an out-of-memory kill, or the whole process group being killed, when workers
may die a moment before this process does): those files are tried again on the next run.

The executor is anything with ``submit(fn, *args) -> concurrent.futures.Future``. Each
parse stops itself after ``timeout`` seconds (``ParseTimeout``); the default ``WorkerPool``
also kills a worker still busy ``KILL_GRACE`` later (stuck in C code) and caps each
worker's address space at ``max_memory`` bytes; with your own executor
(e.g. Dask: ``ingest(paths, db=..., executor=distributed.Client(...).get_executor())``),
time limits are that executor's business, and ``parse_task`` must be importable there.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections import Counter
from concurrent.futures import Executor, Future, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from .. import __version__
from ..errors import GovdocError
from ..read import DEFAULT_ENGINE
from . import db as store
from .pool import WorkerDied, WorkerPool
from .progress import Progress

DOCUMENT_SUFFIXES = frozenset({
    ".pdf", ".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".docx", ".ofd",
    ".doc", ".wps", ".rtf", ".odt",
})
DEFAULT_TIMEOUT = 300.0
DEFAULT_MEMORY = 2048 * 1024 * 1024  # bytes of address space per worker
KILL_GRACE = 10.0  # seconds after the timeout before the pool kills a worker stuck in C code
CRASHED = "crashed"  # the worker died; not final, retried on the next run
# imported once by the fork server, so a new or replaced worker starts warm
PRELOAD = ("govdoc_parser.pipeline", "govdoc_parser.read.pdf_plumber")


@dataclass
class IngestSummary:
    db: str
    found: int = 0  # document files found
    parsed: int = 0
    skipped: int = 0  # already in the database, or the same content twice in this batch
    failed: int = 0
    ignored: int = 0  # files in the folders that are not documents
    errors: Counter = field(default_factory=Counter)  # error code -> files
    seconds: float = 0.0

    def __str__(self) -> str:
        rate = (self.parsed + self.failed) / self.seconds if self.seconds else 0.0
        lines = [(f"{self.found} files: {self.parsed} parsed, {self.skipped} skipped (already in {self.db}, "
                  f"or duplicates), {self.failed} failed; {self.seconds:.1f} s, {rate:.1f} files/s")]
        if self.errors:
            lines.append("failed: " + ", ".join(f"{n} {code}" for code, n in sorted(self.errors.items())))
        if self.ignored:
            lines.append(f"ignored {self.ignored} files that are not documents")
        return "\n".join(lines)


def find_documents(paths: Iterable[str | Path]) -> tuple[list[Path], int]:
    """The files to ingest, in a stable order, and how many non-documents were ignored."""
    files, ignored, seen = [], 0, set()
    for root in map(Path, paths):
        if root.is_dir():
            found = []
            for path in sorted(root.rglob("*")):
                if not path.is_file() or any(part.startswith(".") for part in path.relative_to(root).parts):
                    continue
                if path.suffix.lower() in DOCUMENT_SUFFIXES:
                    found.append(path)
                else:
                    ignored += 1
        else:
            found = [root]
        for path in found:
            if path.resolve() not in seen:
                seen.add(path.resolve())
                files.append(path)
    return files, ignored


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def parser_id(**options) -> str:
    """What made a stored Report: parser version, rules hash and the options that change it.

    >>> parser_id(engine="pdfium", metrics=True, ocr=True).startswith(__version__ + "+")
    True
    """
    from ..rules import rules_hash

    return f"{__version__}+{rules_hash()}+" + ",".join(f"{k}={v}" for k, v in sorted(options.items()))


def parse_task(path: str, **options) -> tuple[Optional[str], str]:
    """Runs in a worker: (None, Report JSON) or (error code, message); ``options`` go to ``parse_file``."""
    from ..pipeline import parse_file

    try:
        return None, parse_file(path, **options).model_dump_json()
    except GovdocError as exc:
        return exc.code, exc.message
    except Exception as exc:  # noqa: BLE001 - a bug in the parser must not stop the batch
        return "internal", f"{type(exc).__name__}: {exc}"


def _outcome(future: Future) -> tuple[Optional[str], str]:
    try:
        return future.result()
    except GovdocError as exc:  # ParseTimeout from the pool
        return exc.code, exc.message
    except WorkerDied as exc:
        return CRASHED, str(exc)
    except Exception as exc:  # noqa: BLE001 - whatever a plugged-in executor raises
        return "internal", f"{type(exc).__name__}: {exc}"


def ingest(
    paths: str | Path | Iterable[str | Path],
    *,
    db: str | Path,
    workers: Optional[int] = None,
    timeout: Optional[float] = DEFAULT_TIMEOUT,
    max_memory: Optional[int] = DEFAULT_MEMORY,
    max_pages: int = 2000,
    engine: str = DEFAULT_ENGINE,
    metrics: bool = True,
    ocr: bool = True,
    retry_errors: bool = False,
    force: bool = False,
    executor: Optional[Executor] = None,
    progress: bool = False,
) -> IngestSummary:
    """Parse every document under ``paths`` into the SQLite database ``db``.

    ``workers`` processes (default: all cores), ``timeout`` seconds per file (None: no
    limit), ``max_memory`` bytes of address space per worker (None: no cap); ``max_pages``,
    ``engine``, ``metrics`` and ``ocr`` as for ``parse``; ``retry_errors`` tries again the
    files recorded in ``errors``; ``progress`` draws a bar on stderr when it is a terminal.
    A file stored by another parser version, other rule tables or other options is parsed
    again and replaces its row, and so does a file whose content changed at the same path;
    ``force`` parses every file again.
    """
    started = time.monotonic()
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    files, ignored = find_documents(paths)
    summary = IngestSummary(db=str(db), found=len(files), ignored=ignored)
    bar = Progress(len(files), enabled=None if progress else False)
    conn = store.connect(db)
    kill_after = timeout and timeout + KILL_GRACE
    pool = executor or WorkerPool(workers, timeout=kill_after, memory_limit=max_memory, preload=PRELOAD)

    def failed(path: Path, sha256: Optional[str], code: str, message: str) -> None:
        store.write_error(conn, str(path), sha256, code, message)
        summary.failed += 1
        summary.errors[code] += 1

    try:
        parser = parser_id(engine=engine, metrics=metrics, ocr=ocr)
        done = set() if force else store.known_hashes(conn, retry=None if retry_errors else {CRASHED}, parser=parser)
        todo = []
        for path in files:
            try:
                sha256 = file_sha256(path)
            except OSError as exc:
                failed(path, None, "unreadable", f"cannot read the file ({exc.strerror or exc})")
                continue
            if sha256 in done:
                summary.skipped += 1
            else:
                done.add(sha256)
                todo.append((path, sha256))
        options = {"engine": engine, "max_pages": max_pages, "metrics": metrics, "ocr": ocr, "timeout": timeout}
        futures = {pool.submit(parse_task, str(path), **options): (path, sha256) for path, sha256 in todo}
        for future in as_completed(futures):
            path, sha256 = futures.pop(future)
            code, payload = _outcome(future)
            if not code:
                try:
                    stored = store.write_document(conn, str(path), sha256, payload, parser, replace=force)
                except sqlite3.Error:  # the database itself fails: stop
                    raise
                except Exception as exc:  # noqa: BLE001 - a report this code cannot store
                    code, payload = "internal", f"storing the report: {type(exc).__name__}: {exc}"
            if code:
                failed(path, sha256, code, payload)
            elif stored:
                summary.parsed += 1
            else:  # another process stored it meanwhile
                summary.skipped += 1
            bar.update(summary.parsed, summary.skipped, summary.failed)
    except BaseException:
        if executor is None:
            pool.terminate()
        raise
    finally:
        bar.update(summary.parsed, summary.skipped, summary.failed, force=True)
        bar.close()
        conn.close()
        summary.seconds = time.monotonic() - started
    if executor is None:
        pool.shutdown()
    return summary
