"""Batch ingest: find documents, parse them on an executor, store each in one transaction.

Which files: a file named explicitly is always tried; inside folders (walked recursively,
hidden files and folders left out) only files whose suffix is in ``DOCUMENT_SUFFIXES``.
Those include formats not read yet (.doc, .wps, .rtf …): they are recorded in ``errors``
with code ``unsupported_format``, so the user sees them; anything else (images, JSON,
archives …) is ignored and only counted.

Links: inside the folders, a symbolic link (to a file or a folder) is followed only when
its target is inside one of the folders given, unless ``follow_links``; the others are
counted (``outside_links``), not read, so that a link to ``/etc/passwd`` in a shared folder
does not end in the database. A file named explicitly is read wherever it points.

A file whose name is not valid UTF-8 (the bytes of another encoding) cannot be stored by
its path: it is one row in ``errors`` (code ``invalid_file_name``; its path with the bad
bytes as ``\\xNN``, and every byte of the name in hex in the message), and the batch goes on.

Idempotent and resumable: a file whose sha256 is already in ``documents`` or ``errors`` is
skipped, as is a second copy of the same content in one batch. Workers only parse and
return the Report JSON (or an error code); this process alone writes, one transaction per
file, so a run killed at any moment leaves whole documents only, and the next run does
the rest. The one error that is not final is ``crashed`` (the worker process died: a
segfault, an out-of-memory kill, or the whole process group being killed, when workers
may die a moment before this process does): those files are tried again on the next run,
but a file whose worker died the same way (the same exit code) on two runs is final,
``crashed_twice``, and only ``retry_errors`` tries it again.

The database is checked before anything is written (``db.connect``); a failure of the
database, at the start or in mid-batch (a full disk), stops the batch with one of the
``errors.DatabaseFault`` errors or ``errors.DiskFull``, after the last whole document.

The executor is anything with ``submit(fn, *args) -> concurrent.futures.Future``. Each
parse stops itself after ``timeout`` seconds (``ParseTimeout``); the default ``WorkerPool``
also kills a worker still busy ``KILL_GRACE`` later (stuck in C code) and caps each
worker's address space at ``max_memory`` bytes. With ``client=`` (a Dask cluster,
``store.dask_ingest``) each Dask worker runs such a pool of its own, so the same limits
hold there; with your own executor, time limits are that executor's business, and
``rows_task`` must be importable where it runs.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections import Counter
from concurrent.futures import Executor, Future, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .. import __version__, limits
from ..errors import DaskUnavailable, GovdocError
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
CRASHED_TWICE = "crashed_twice"  # the worker died the same way on two runs: final
INVALID_FILE_NAME = "invalid_file_name"  # the name is not UTF-8: the path cannot be stored as text
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
    outside_links: int = 0  # links in the folders to files or folders outside them, not followed
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
        if self.outside_links:
            lines.append(f"left out {self.outside_links} links to files or folders outside the folders given "
                         "(--follow-links follows them)")
        return "\n".join(lines)


def find_documents(paths: Iterable[str | Path], *, follow_links: bool = False,
                   outside: Optional[list[Path]] = None) -> tuple[list[Path], int]:
    """The files to ingest, in a stable order, and how many non-documents were ignored.

    Links inside the folders whose target is outside all folders given are left out (and
    appended to ``outside``) unless ``follow_links``, which also walks linked folders.
    """
    roots = list(map(Path, paths))
    folders = [root.resolve() for root in roots if root.is_dir()]
    files, ignored, seen = [], 0, set()
    for root in roots:
        if root.is_dir():
            found = []
            for path in _walk(root, follow_links, folders, outside):
                if not path.is_file():
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


def _walk(root: Path, follow_links: bool, folders: list[Path], outside: Optional[list[Path]]) -> list[Path]:
    """Every file under ``root`` (hidden files and folders left out), sorted. Without
    ``follow_links``, links out of ``folders`` are left out (and put in ``outside``) and linked
    folders are not walked (as before); with it, each folder is walked once (links may loop)."""
    found, visited = [], set()
    for top, dirs, names in os.walk(root, followlinks=follow_links):
        if follow_links:
            real = os.path.realpath(top)
            if real in visited:
                dirs[:] = []
                continue
            visited.add(real)
        top = Path(top)
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in names:
            path = top / name
            if name.startswith("."):
                continue
            if not follow_links and path.is_symlink() and not _inside(path.resolve(), folders):
                if outside is not None and path.exists():
                    outside.append(path)
                continue
            found.append(path)
        if outside is not None and not follow_links:
            outside.extend(top / name for name in dirs
                           if (top / name).is_symlink() and not _inside((top / name).resolve(), folders))
    return sorted(found)


def _inside(target: Path, folders: list[Path]) -> bool:
    return any(target == folder or folder in target.parents for folder in folders)


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


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
        if limits.out_of_memory(exc):  # the Report's JSON, or a native library, past the memory cap
            return "too_large", limits.TOO_LARGE_MESSAGE
        return "internal", f"{type(exc).__name__}: {exc}"


def rows_task(path: str, sha256: str, parser: Optional[str], **options) -> tuple[Optional[str], object]:
    """Runs in a worker: (None, ``db.DocumentRows``) or (error code, message). The rows are made
    here rather than by the one process that writes, which then only inserts them."""
    code, payload = parse_task(path, **options)
    if code:
        return code, payload
    try:
        return None, store.document_rows(path, sha256, payload, parser)
    except Exception as exc:  # noqa: BLE001 - a report this code cannot store
        if limits.out_of_memory(exc):
            return "too_large", limits.TOO_LARGE_MESSAGE
        return "internal", f"storing the report: {type(exc).__name__}: {exc}"


def outcome(future: Future) -> tuple[Optional[str], object]:
    """A task's (code, payload), or the code of how its run failed."""
    try:
        return future.result()
    except DaskUnavailable:  # the cluster is lost: the batch stops there, the next run does the rest
        raise
    except GovdocError as exc:  # ParseTimeout from the pool
        return exc.code, exc.message
    except WorkerDied as exc:
        return CRASHED, str(exc)
    except Exception as exc:  # noqa: BLE001 - whatever a plugged-in executor raises
        return "internal", f"{type(exc).__name__}: {exc}"


class Failures:
    """Records failed files in ``summary`` and through ``record(path, sha256, code, message)``; a
    file whose worker died the same way as on the run before (``previous(sha256)``) is final."""

    def __init__(self, summary: IngestSummary, record, previous):
        self.summary, self.record, self.previous = summary, record, previous

    def __call__(self, path: Path | str, sha256: Optional[str], code: str, message: str) -> None:
        if code == CRASHED and self.previous(sha256) == (CRASHED, message):
            code, message = CRASHED_TWICE, f"{message}, on two runs: not tried again without --retry-errors"
        self.record(str(path), sha256, code, message)
        self.summary.failed += 1
        self.summary.errors[code] += 1


def select(files: Iterable[Path], done: set[str], summary: IngestSummary,
           failed: Failures) -> Iterator[tuple[Path, str]]:
    """(path, sha256) of each file to parse, as it is hashed (so that parsing starts at once):
    not in ``done``, readable, named in UTF-8, and not a second copy of the same content."""
    for path in files:
        try:
            sha256 = file_sha256(path)
        except OSError as exc:
            failed(path, None, "unreadable", f"cannot read the file ({exc.strerror or exc})")
            continue
        if sha256 in done:
            summary.skipped += 1
            continue
        done.add(sha256)
        if _utf8(str(path)):
            yield path, sha256
        else:
            failed(path, sha256, INVALID_FILE_NAME, "the file name is not valid UTF-8 (its bytes in hex: "
                   f"{os.fsencode(path).hex()}); rename the file to ingest it")


def ingest(
    paths: str | Path | Iterable[str | Path],
    *,
    db: Optional[str | Path] = None,
    workers: Optional[int] = None,
    timeout: Optional[float] = DEFAULT_TIMEOUT,
    max_memory: Optional[int] = DEFAULT_MEMORY,
    max_pages: int = 2000,
    engine: str = DEFAULT_ENGINE,
    metrics: bool = True,
    ocr: bool = True,
    retry_errors: bool = False,
    force: bool = False,
    follow_links: bool = False,
    executor: Optional[Executor] = None,
    client=None,
    parquet_dir: Optional[str | Path] = None,
    batch_size: Optional[int] = None,
    progress: bool = False,
) -> IngestSummary:
    """Parse every document under ``paths`` into the SQLite database ``db``.

    ``workers`` processes (default: all cores), ``timeout`` seconds per file (None: no
    limit), ``max_memory`` bytes of address space per worker (None: no cap); ``max_pages``,
    ``engine``, ``metrics`` and ``ocr`` as for ``parse``; ``retry_errors`` tries again the
    files recorded in ``errors``; ``progress`` draws a bar on stderr when it is a terminal.
    A file stored by another parser version, other rule tables or other options is parsed
    again and replaces its row, and so does a file whose content changed at the same path;
    ``force`` parses every file again. ``follow_links``: follow links inside the folders to
    files and folders outside them.

    ``client``, a ``distributed.Client``: the files are parsed on its Dask cluster (each
    Dask worker runs its parses in worker processes of its own, under the same time and
    memory limits) and stored here as usual; with ``parquet_dir`` the Dask workers write a
    Parquet dataset there instead of ``db``, ``batch_size`` files a task (see
    ``store.dask_ingest``).

    A database that cannot be used (missing folder, not a database, truncated, corrupt,
    read-only, full disk) raises one of ``errors.DatabaseFault`` or ``errors.DiskFull``.
    """
    options = {"engine": engine, "max_pages": max_pages, "metrics": metrics, "ocr": ocr, "timeout": timeout}
    kill_after = timeout and timeout + KILL_GRACE
    if parquet_dir is not None:
        if client is None or db is not None or executor is not None or force:
            raise ValueError("parquet_dir= takes a Dask client=, and neither db=, executor= nor force=")
        from .dask_ingest import ingest_parquet

        return ingest_parquet(paths, parquet_dir, client=client, options=options, kill_after=kill_after,
                              max_memory=max_memory, retry_errors=retry_errors, follow_links=follow_links,
                              batch_size=batch_size, progress=progress)
    if db is None:
        raise TypeError("ingest() needs db= (or parquet_dir= with a Dask client=)")
    if client is not None and executor is not None:
        raise ValueError("ingest() takes client= or executor=, not both")
    started = time.monotonic()
    conn = store.connect(db)  # checked before the walk and the workers
    try:
        summary, files = survey(paths, str(db), follow_links)
    except BaseException:
        conn.close()
        raise
    bar = Progress(len(files), enabled=None if progress else False)
    owned = executor is None
    if client is not None:
        from .dask_ingest import DaskExecutor

        executor = DaskExecutor(client, timeout=kill_after, memory_limit=max_memory)
    pool = executor or WorkerPool(workers, timeout=kill_after, memory_limit=max_memory, preload=PRELOAD)
    failed = Failures(summary, lambda *error: store.write_error(conn, *error),
                      lambda sha256: store.error_of(conn, sha256))
    try:
        parser = parser_id(engine=engine, metrics=metrics, ocr=ocr)
        done = set() if force else store.known_hashes(conn, retry=None if retry_errors else {CRASHED}, parser=parser)
        futures = {pool.submit(rows_task, str(path), sha256, parser, **options): (path, sha256)
                   for path, sha256 in select(files, done, summary, failed)}
        for future in as_completed(futures):
            path, sha256 = futures.pop(future)
            code, payload = outcome(future)
            if code:
                failed(path, sha256, code, payload)
            elif store.write_rows(conn, payload, replace=force):
                summary.parsed += 1
            else:  # another process stored it meanwhile
                summary.skipped += 1
            bar.update(summary.parsed, summary.skipped, summary.failed)
    except BaseException as exc:
        if owned:
            pool.terminate()
        if isinstance(exc, sqlite3.Error):  # a full disk, a page found damaged …: one line, its own code
            raise store.database_error(exc, db) from exc
        raise
    finally:
        bar.update(summary.parsed, summary.skipped, summary.failed, force=True)
        bar.close()
        conn.close()
        summary.seconds = time.monotonic() - started
    if owned:
        pool.shutdown()
    return summary


def survey(paths, where: str, follow_links: bool) -> tuple[IngestSummary, list[Path]]:
    """The files to ingest under ``paths``, and a summary that counts them."""
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    outside: list[Path] = []
    files, ignored = find_documents(paths, follow_links=follow_links, outside=outside)
    return IngestSummary(db=where, found=len(files), ignored=ignored, outside_links=len(outside)), files
