"""Ingest on a Dask cluster: into the SQLite database as local ingest does, or into Parquet.

dask is imported here only, and only when asked for (``ingest(client=...)``, ``govdoc ingest
--dask``); ``govdoc parse`` never imports this module.

The tasks: with a database, one task per file (``ingest.rows_task``), whose rows come back
to this process, which writes them exactly as local ingest does (``ingest.ingest`` with a
``DaskExecutor``); with ``parquet_dir``, one task per batch of ``batch_size`` files, whose
rows the Dask worker writes into the Parquet dataset itself and whose outcome per file comes
back to the manifest.

The same guarantees as local ingest:

- time and memory limits: a Dask worker runs each parse in a ``WorkerPool`` of its own (one
  worker process per Dask thread, started once), so a parse stops itself after ``timeout``
  seconds, is killed ``KILL_GRACE`` later when stuck in C code, and runs under
  ``max_memory``; a parse that crashes its process is ``crashed``, the Dask worker lives on;
- a Dask worker lost mid-task (killed, its machine gone) means the scheduler runs its tasks
  again on another worker; a task whose workers died ``distributed.scheduler.allowed-failures``
  + 1 times (3 + 1 by default) is ``crashed`` (tried again on the next run, final when it
  happens twice, as locally);
- a re-run skips what is done: the database's rows, or the Parquet manifest;
- no duplicate rows: the database's unique sha256; in Parquet, each batch writes files named
  after the batch (a task run again writes the same files again), and a batch counts only
  once the manifest records it: files of batches it does not record (a run killed mid-way)
  are deleted at the start of the next run.

Parquet layout (``DIR/TABLE/year=YYYY/issuer=KEY/part-BATCH.parquet``, hive style): one
dataset per table ``documents``, ``sections``, ``metrics``, ``tables``, each file holding the
records ``govdoc export`` gives (without the database's ids: ``document_sha256`` links a row to
its document), ``year_reported`` and ``issuer_key`` included. The directories partition by
them, with ``year=0`` and ``issuer=unknown`` where a document has none: readers (pandas
above all) cannot read a dataset with null partition values. ``DIR/errors/errors.parquet``
holds the failed files, ``DIR/_manifest.jsonl`` one line per file done (readers leave out
names starting with ``_``).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import re
import threading
import time
from collections import defaultdict
from concurrent.futures import Executor, Future, as_completed
from contextlib import contextmanager
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator, Optional

from ..errors import DaskUnavailable, ParquetDatasetError
from . import db as store
from .export import column_types
from .ingest import (CRASHED, PRELOAD, Failures, IngestSummary, outcome, parser_id, rows_task, select,
                     survey)
from .pool import WorkerDied, WorkerPool, default_workers
from .progress import Progress

LOCAL = re.compile(r"local(?::(\d+))?")
CONNECT_SECONDS = 10
KILLED = "the Dask workers running it died, too often (KilledWorker)"
BATCH_SIZE = 16  # files per Parquet task: fewer, larger files, and a lost worker costs little
TABLES = ("documents", *store.CHILD_TABLES)
NO_YEAR, NO_ISSUER = "0", "unknown"
MANIFEST = "_manifest.jsonl"
# what Hive and Spark escape in a partition value
HIVE_SPECIAL = set('"#%\'*/:=?\\{[]^') | {chr(c) for c in range(0x20)} | {"\x7f"}


def distributed():
    """The ``distributed`` module, or the one-line error that says how to install it."""
    try:
        import distributed as module
    except ImportError:
        raise DaskUnavailable("--dask needs dask.distributed: pip install 'govdoc-parser[dask]'") from None
    return module


@contextmanager
def cluster_client(address: str, workers: Optional[int] = None) -> Iterator[object]:
    """A ``distributed.Client`` of the scheduler at ``address`` (``tcp://host:8786``), or of a
    LocalCluster started here for ``local`` (``workers`` or all cores) or ``local:N`` worker
    processes of one thread each; closed (and the cluster stopped) at the end."""
    dask = distributed()
    # the client logs a lost scheduler as tracebacks while it tries to reconnect; the one line
    # of DaskUnavailable says it
    client_log = logging.getLogger("distributed.client")
    level = client_log.level
    client_log.setLevel(logging.CRITICAL)
    try:
        with _connect(dask, address, workers) as client:
            yield client
    finally:
        client_log.setLevel(level)


@contextmanager
def _connect(dask, address: str, workers: Optional[int]) -> Iterator[object]:
    local = LOCAL.fullmatch(address.strip())
    cluster = None
    try:
        if local:
            count = int(local.group(1) or workers or default_workers())
            if count < 1:
                raise DaskUnavailable(f"a local cluster needs at least one worker, not {address}")
            cluster = dask.LocalCluster(n_workers=count, threads_per_worker=1, processes=True,
                                        dashboard_address=":0")
            client = dask.Client(cluster)
        else:
            client = dask.Client(address, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        raise DaskUnavailable(f"cannot reach the Dask scheduler at {address} ({exc})") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# ------------------------------------------------------------------ on the Dask workers

_pools: dict[tuple, WorkerPool] = {}
_pools_lock = threading.Lock()


def _parse_pool(timeout: Optional[float], memory_limit: Optional[int]) -> WorkerPool:
    """This Dask worker's pool of parse processes, one per Dask thread, made on first use."""
    with _pools_lock:
        pool = _pools.get((timeout, memory_limit))
        if pool is None:
            try:
                threads = distributed().get_worker().state.nthreads
            except ValueError:  # not on a Dask worker (a test calling the task itself)
                threads = 1
            pool = WorkerPool(threads, timeout=timeout, memory_limit=memory_limit, preload=PRELOAD)
            _pools[(timeout, memory_limit)] = pool
    return pool


def run_pooled(fn, args: tuple, kwargs: dict, limits: tuple) -> tuple[Optional[str], object]:
    """Runs on a Dask worker: ``fn(*args, **kwargs)`` in the parse pool, its (code, payload)."""
    return outcome(_parse_pool(*limits).submit(fn, *args, **kwargs))


def parquet_batch_task(items: list[tuple[str, str]], batch: str, folder: str, parser: str, options: dict,
                       limits: tuple) -> tuple[None, list[tuple[str, Optional[str], Optional[str]]]]:
    """Runs on a Dask worker: parse the (path, sha256) ``items``, write the rows of those parsed
    into the dataset, and return (sha256, error code or None, message) for each."""
    pool = _parse_pool(*limits)
    futures = [(sha256, pool.submit(rows_task, path, sha256, parser, **options)) for path, sha256 in items]
    parsed, results = [], []
    for sha256, future in futures:
        code, payload = outcome(future)
        if code:
            results.append((sha256, code, payload))
        else:
            parsed.append(payload)
            results.append((sha256, None, None))
    write_batch(Path(folder), batch, parsed)
    return None, results


def write_batch(folder: Path, batch: str, parsed: list[store.DocumentRows]) -> None:
    """One file per table and partition for this batch, each written whole (a temporary file
    renamed), under a name that is the same when the batch runs again."""
    partitions: dict[str, dict[str, list[dict]]] = defaultdict(lambda: {table: [] for table in TABLES})
    for rows in parsed:
        document = rows.document
        records = partitions[partition_of(document["year_reported"], document["issuer_key"])]
        records["documents"].append(document)
        shared = {"document_sha256": document["sha256"], "document_path": document["path"],
                  "issuer_key": document["issuer_key"], "year_reported": document["year_reported"]}
        for table in store.CHILD_TABLES:
            records[table].extend({**shared, **child} for child in getattr(rows, table))
    for partition, tables in partitions.items():
        for table, records in tables.items():
            if records:
                _write_table(folder / table / partition / f"part-{batch}.parquet", table, records)


def _write_table(target: Path, table: str, records: list[dict]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    pq.write_table(pa.Table.from_pylist(records, schema=arrow_schema(table)), temporary)
    os.replace(temporary, target)


def arrow_schema(table: str):
    """The Parquet columns of ``table``: those of ``govdoc export`` without the database's ids."""
    import pyarrow as pa

    arrow = {"INTEGER": pa.int64(), "REAL": pa.float64(), "TEXT": pa.string()}
    return pa.schema([(name, arrow[kind]) for name, kind in column_types(table).items()
                      if name not in ("id", "document_id")])


def partition_of(year: Optional[int], issuer: Optional[str]) -> str:
    """``year=2021/issuer=青川市政府``; the stand-ins for none (``0``, ``unknown``), and Hive's
    ``%XX`` escapes for the characters a path or Hive cannot hold.

    >>> partition_of(2021, "青川市政府"), partition_of(None, "a/b")
    ('year=2021/issuer=青川市政府', 'year=0/issuer=a%2Fb')
    """
    value = "".join(f"%{ord(c):02X}" if c in HIVE_SPECIAL else c for c in issuer) if issuer else NO_ISSUER
    return f"year={year if year is not None else NO_YEAR}/issuer={value}"


# ------------------------------------------------------------------ the executor for SQLite ingest

class DaskExecutor(Executor):
    """``submit(fn, *args, **kwargs) -> concurrent.futures.Future`` on a Dask cluster, each task
    run in the Dask worker's parse pool (``timeout``: seconds before a stuck parse is killed,
    ``memory_limit``: bytes of address space). A task whose Dask workers kept dying fails with
    ``WorkerDied``; one cancelled (the cluster lost) with ``DaskUnavailable``."""

    def __init__(self, client, *, timeout: Optional[float] = None, memory_limit: Optional[int] = None):
        self.client = client
        self.limits = (timeout, memory_limit)
        self._pending: set = set()  # Dask forgets a task whose last future is dropped: keep them
        self._lock = threading.Lock()

    def submit(self, fn, /, *args, **kwargs) -> Future:
        return self.track(self.client.submit(run_pooled, fn, args, kwargs, self.limits, pure=False))

    def track(self, task) -> Future:
        """A concurrent Future that settles with the Dask future ``task``."""
        future: Future = Future()
        with self._lock:
            self._pending.add(task)
        task.add_done_callback(lambda done: self._settle(done, future))
        return future

    def _settle(self, task, future: Future) -> None:
        with self._lock:
            self._pending.discard(task)
        try:
            if task.status == "finished":
                future.set_result(task.result())
            elif task.status == "cancelled":
                future.set_exception(DaskUnavailable("the task was cancelled: the Dask cluster was lost"))
            else:
                error = task.exception()
                killed = type(error).__name__ == "KilledWorker"
                future.set_exception(WorkerDied(KILLED) if killed else error)
        except BaseException as exc:  # noqa: BLE001 - fetching the result failed: the future must settle
            future.set_exception(exc)

    def terminate(self) -> None:
        """Cancel the tasks not done (the batch stops: Ctrl-C, the database failed)."""
        with self._lock:
            pending = list(self._pending)
        if pending:
            self.client.cancel(pending)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if cancel_futures:
            self.terminate()


# ------------------------------------------------------------------ Parquet ingest

class Manifest:
    """``DIR/_manifest.jsonl``: one JSON line per file done (parsed into a batch, or failed),
    appended and flushed to disk as each batch comes back; the last line of a file wins. Held
    under an exclusive lock while a run writes the dataset."""

    def __init__(self, folder: Path, parser: str):
        self.folder, self.parser = folder, parser
        self.latest: dict[str, dict] = {}  # sha256 (or path:PATH when unreadable) -> its last line
        self.batches: set[str] = set()  # batches that hold parsed files
        self._handle = None

    def __enter__(self) -> "Manifest":
        self.folder.mkdir(parents=True, exist_ok=True)
        self._handle = open(self.folder / MANIFEST, "a+", encoding="utf-8")
        try:
            fcntl.flock(self._handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._handle.close()
            raise ParquetDatasetError("another ingest is writing to this Parquet folder", str(self.folder)) from None
        self._read()
        return self

    def __exit__(self, *exc_info) -> None:
        self._handle.close()

    def _read(self) -> None:
        self._handle.seek(0)
        text = self._handle.read()
        if text and not text.endswith("\n"):  # a line cut by a killed run: the next starts afresh
            self._handle.write("\n")
        for line in text.splitlines():
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue
            if entry["code"] is None and entry["parser"] != self.parser:
                raise ParquetDatasetError(
                    f"the dataset was made by another parser ({entry['parser']}, this is {self.parser}): "
                    "ingest into a new folder", str(self.folder))
            self._note(entry)

    def _note(self, entry: dict) -> None:
        self.latest[entry["sha256"] or f"path:{entry['path']}"] = entry
        if entry["code"] is None:
            self.batches.add(entry["batch"])

    def done(self, retry_errors: bool) -> set[str]:
        """sha256 of the files parsed, and of those failed but for ``crashed`` (all, with ``retry_errors``)."""
        return {sha256 for sha256, entry in self.latest.items() if entry["sha256"] and (
            entry["code"] is None or (not retry_errors and entry["code"] != CRASHED))}

    def error_of(self, sha256: Optional[str]) -> Optional[tuple[str, str]]:
        entry = self.latest.get(sha256) if sha256 else None
        return (entry["code"], entry["message"]) if entry and entry["code"] else None

    def record(self, entries: Iterable[dict]) -> None:
        entries = list(entries)
        self._handle.write("".join(json.dumps(entry, ensure_ascii=False) + "\n" for entry in entries))
        self._handle.flush()
        os.fsync(self._handle.fileno())
        for entry in entries:
            self._note(entry)

    def entry(self, path: str, sha256: Optional[str], batch: Optional[str], code: Optional[str] = None,
              message: Optional[str] = None) -> dict:
        return {"sha256": sha256, "path": store.text_of(path), "batch": batch, "code": code,
                "message": message and store.text_of(message), "parser": self.parser,
                "at": datetime.now(timezone.utc).isoformat(timespec="seconds")}

    def failed(self, path: str, sha256: Optional[str], code: str, message: str) -> None:
        self.record([self.entry(path, sha256, None, code, message)])

    def remove_unrecorded(self) -> int:
        """Delete the files of batches the manifest does not record (a run killed before they
        were recorded), and temporary files; how many."""
        removed = 0
        for table in TABLES:
            for path in (self.folder / table).glob("*/*/*"):
                batch = path.name[len("part-"):-len(".parquet")] if path.name.startswith("part-") else None
                if batch not in self.batches:
                    path.unlink()
                    removed += 1
        return removed

    def write_errors(self) -> None:
        """``errors/errors.parquet``: the files whose last line is a failure, as in the database."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([("path", pa.string()), ("sha256", pa.string()), ("code", pa.string()),
                            ("message", pa.string()), ("failed_at", pa.string())])
        rows = [{"path": e["path"], "sha256": e["sha256"], "code": e["code"], "message": e["message"],
                 "failed_at": e["at"]} for e in self.latest.values() if e["code"]]
        target = self.folder / "errors" / "errors.parquet"
        target.parent.mkdir(exist_ok=True)
        temporary = target.with_name(f".errors.{os.getpid()}.tmp")
        pq.write_table(pa.Table.from_pylist(sorted(rows, key=lambda r: r["path"]), schema=schema), temporary)
        os.replace(temporary, target)


def batch_name(items: list[tuple[Path, str]], parser: str) -> str:
    """The same for the same files (and parser): a batch run again overwrites its own files."""
    digest = hashlib.sha256(parser.encode())
    for _, sha256 in sorted(items, key=lambda item: item[1]):
        digest.update(sha256.encode())
    return digest.hexdigest()[:20]


def batches(todo: Iterable[tuple[Path, str]], size: int, alone) -> Iterator[list[tuple[Path, str]]]:
    """``todo`` in lists of ``size``, as it comes; a file for which ``alone(sha256)`` is true (its
    worker died on the run before) in a list of its own, so that it takes no other file down."""
    todo = iter(todo)
    while chunk := list(islice(todo, size)):
        lonely = [item for item in chunk if alone(item[1])]
        yield from ([item] for item in lonely)
        rest = [item for item in chunk if not alone(item[1])]
        if rest:
            yield rest


def ingest_parquet(paths, folder: str | Path, *, client, options: dict, kill_after: Optional[float],
                   max_memory: Optional[int], retry_errors: bool, follow_links: bool,
                   batch_size: Optional[int], progress: bool) -> IngestSummary:
    """``ingest`` into a Parquet dataset in ``folder``, the Dask workers writing it."""
    started = time.monotonic()
    folder = Path(folder).absolute()
    parser = parser_id(engine=options["engine"], metrics=options["metrics"], ocr=options["ocr"])
    limits = (kill_after, max_memory)  # of the parse pools on the Dask workers
    with Manifest(folder, parser) as manifest:
        manifest.remove_unrecorded()
        summary, files = survey(paths, str(folder), follow_links)
        failed = Failures(summary, manifest.failed, manifest.error_of)
        bar = Progress(len(files), enabled=None if progress else False)
        tracker = DaskExecutor(client, timeout=kill_after, memory_limit=max_memory)
        crashed_before = {sha256 for sha256, entry in manifest.latest.items() if entry["code"] == CRASHED}
        futures: dict[Future, tuple[list, str]] = {}
        try:
            todo = select(files, manifest.done(retry_errors), summary, failed)
            for items in batches(todo, batch_size or BATCH_SIZE, crashed_before.__contains__):
                batch = batch_name(items, parser)
                arguments = ([(str(path), sha256) for path, sha256 in items], batch, str(folder), parser, options,
                             limits)
                futures[tracker.track(client.submit(parquet_batch_task, *arguments, pure=False))] = (items, batch)
            for future in as_completed(futures):
                items, batch = futures.pop(future)
                _record(manifest, failed, summary, items, batch, future)
                bar.update(summary.parsed, summary.skipped, summary.failed)
        except BaseException:
            tracker.terminate()
            raise
        finally:
            manifest.write_errors()
            bar.update(summary.parsed, summary.skipped, summary.failed, force=True)
            bar.close()
            summary.seconds = time.monotonic() - started
    return summary


def _record(manifest: Manifest, failed: Failures, summary: IngestSummary, items: list, batch: str,
            future: Future) -> None:
    """A batch's outcome into the manifest and the summary."""
    if isinstance(future.exception(), OSError):  # the worker could not write the dataset: a full disk …
        raise ParquetDatasetError(f"cannot write the dataset: {future.exception()}", str(manifest.folder))
    code, payload = outcome(future)
    if code:  # the whole task failed: its workers died
        for path, sha256 in items:
            failed(path, sha256, code, payload)
        return
    paths = {sha256: path for path, sha256 in items}
    parsed = [manifest.entry(str(paths[sha256]), sha256, batch) for sha256, error, _ in payload if not error]
    manifest.record(parsed)
    summary.parsed += len(parsed)
    for sha256, error, message in payload:
        if error:
            failed(paths[sha256], sha256, error, message)
