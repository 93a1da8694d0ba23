"""Ingest on Dask (a LocalCluster of 2 worker processes): the rows of local ingest, after a worker
is killed too; bad files as error rows, re-runs that skip, time limits; the Parquet dataset."""

import os
import signal
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import govdoc_parser
from govdoc_parser.store.db import TIMESTAMPS
from govdoc_parser.store.samples import distinct_copies

from .conftest import CORPORA, FIXTURES, SHARED

distributed = pytest.importorskip("distributed")
pa = pytest.importorskip("pyarrow")
import pyarrow.dataset as ds  # noqa: E402 - after the skip

from govdoc_parser.store import dask_ingest  # noqa: E402 - only with dask

COPIES = 30
BAD = {"empty.pdf": "empty_file", "html_named.pdf": "wrong_format", "truncated.pdf": "corrupt"}
TABLES = ("documents", "sections", "metrics", "tables", "errors")


def sources():
    out = CORPORA / "out"
    few = [sorted(p for p in out.glob(pattern) if "long" not in p.name)[:n]
           for pattern, n in (("html/*.html", 3), ("docx/*.docx", 3), ("pdf-reportlab/*.pdf", 3), ("ofd/*.ofd", 2))]
    real = sorted((SHARED / "corpus" / "real").glob("*.txt"))[:6]
    return sorted(out.glob("text/*.txt")) + [p for group in few for p in group] + real


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dask") / "in"
    distinct_copies(sources(), folder, COPIES)
    for name in BAD:
        shutil.copy(FIXTURES / "errors" / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def local_rows(corpus):
    db = corpus.parent / "local.sqlite"
    summary = govdoc_parser.ingest(corpus, db=db, workers=2)
    assert (summary.parsed, summary.failed) == (COPIES, len(BAD)), str(summary)
    return dump(db)


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as client:
        yield client


def dump(db) -> dict:
    """Every table's rows without ids and timestamps, a child row keyed by its document's sha256."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    out = {}
    for table in TABLES:
        child = table not in ("documents", "errors")
        query = (f"SELECT t.*, d.sha256 AS document FROM {table} t JOIN documents d ON d.id = t.document_id"
                 if child else f"SELECT * FROM {table}")
        out[table] = sorted((tuple((k, row[k]) for k in row.keys() if k not in {"id", "document_id", *TIMESTAMPS})
                             for row in conn.execute(query)), key=repr)
    conn.close()
    return out


def assert_same_rows(db, expected: dict) -> None:
    rows = dump(db)
    for table in TABLES:
        assert len(rows[table]) == len(expected[table]), table
        assert rows[table] == expected[table], f"{table} rows differ"


def test_dask_ingest_stores_the_rows_of_local_ingest_and_a_rerun_skips(client, corpus, local_rows, tmp_path):
    db = tmp_path / "dask.sqlite"
    summary = govdoc_parser.ingest(corpus, db=db, client=client)
    assert (summary.parsed, summary.failed) == (COPIES, len(BAD)), str(summary)
    assert dict(summary.errors) == {code: 1 for code in BAD.values()}
    assert_same_rows(db, local_rows)
    again = govdoc_parser.ingest(corpus, db=db, client=client)
    assert (again.parsed, again.failed, again.skipped) == (0, 0, COPIES + len(BAD))


def _worker_busy(client, run: threading.Thread) -> tuple[str, list]:
    """A Dask worker that is running a task now, and its tasks (none when the run ended first)."""
    while run.is_alive():
        busy = {address: keys for address, keys in client.processing().items() if keys}
        if busy:
            return next(iter(busy.items()))
        time.sleep(0.01)
    return "", []


def test_a_worker_killed_mid_run_loses_nothing(client, corpus, local_rows, tmp_path):
    db = tmp_path / "killed.sqlite"
    pids = client.run(os.getpid)
    result = {}
    run = threading.Thread(target=lambda: result.update(summary=govdoc_parser.ingest(corpus, db=db, client=client)))
    run.start()
    deadline = time.monotonic() + 60
    while not (db.exists() and _stored(db)) and time.monotonic() < deadline:  # well into the run
        time.sleep(0.01)
    address, tasks = _worker_busy(client, run)
    assert tasks, "the run ended before a worker could be killed"
    os.kill(pids[address], signal.SIGKILL)
    run.join(timeout=240)
    assert not run.is_alive()
    summary = result["summary"]
    assert pids[address] not in client.run(os.getpid).values()  # that process is gone (its nanny made another)
    assert (summary.parsed, summary.failed) == (COPIES, len(BAD)), str(summary)
    assert_same_rows(db, local_rows)


def test_a_task_that_kills_every_worker_it_runs_on_is_crashed(client):
    from govdoc_parser.store.ingest import CRASHED, outcome

    tracker = dask_ingest.DaskExecutor(client)
    future = tracker.track(client.submit(os.abort, pure=False))  # SIGABRT: the Dask worker process dies
    assert outcome(future) == (CRASHED, dask_ingest.KILLED)  # after allowed-failures + 1 deaths, no retry left
    client.wait_for_workers(2, timeout=120)  # the nannies made new ones


def _stored(db) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


def test_the_time_limit_holds_on_dask_workers(client, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPORA / "out" / "pdf-reportlab" / "qingchuan_2022_report.pdf", folder)
    db = tmp_path / "slow.sqlite"
    summary = govdoc_parser.ingest(folder, db=db, client=client, timeout=0.001)
    assert dict(summary.errors) == {"timeout": 1}, str(summary)
    [(code,)] = sqlite3.connect(db).execute("SELECT code FROM errors").fetchall()
    assert code == "timeout"


def _parquet(folder: Path, table: str) -> list[dict]:
    return ds.dataset(folder / table, format="parquet", partitioning="hive").to_table().to_pylist()


def test_parquet_dataset_holds_the_records_of_the_database_by_year_and_issuer(client, corpus, local_rows, tmp_path):
    out = tmp_path / "parquet"
    summary = govdoc_parser.ingest(corpus, parquet_dir=out, client=client, batch_size=4)
    assert (summary.parsed, summary.failed) == (COPIES, len(BAD)), str(summary)
    documents = _parquet(out, "documents")
    for record in documents:  # the folders partition by the columns' values
        assert record.pop("year") == (record["year_reported"] or 0)
        assert record.pop("issuer") == (record["issuer_key"] or "unknown")
    expected = {dict(row)["sha256"]: dict(row) for row in local_rows["documents"]}
    assert {r["sha256"]: {k: v for k, v in r.items() if k not in TIMESTAMPS} for r in documents} == expected
    metrics = {(r.pop("document_sha256"), r["ord"]): r for r in _parquet(out, "metrics")}
    assert len(metrics) == len(local_rows["metrics"])
    for row in map(dict, local_rows["metrics"]):
        record = metrics[row.pop("document"), row["ord"]]
        assert {k: record[k] for k in row} == row
    for table in ("sections", "tables"):
        assert len(_parquet(out, table)) == len(local_rows[table])
    errors = ds.dataset(out / "errors", format="parquet").to_table().to_pylist()
    assert sorted((Path(e["path"]).name, e["code"]) for e in errors) == sorted(BAD.items())
    again = govdoc_parser.ingest(corpus, parquet_dir=out, client=client, batch_size=4)
    assert (again.parsed, again.failed, again.skipped) == (0, 0, COPIES + len(BAD))
    assert len(_parquet(out, "documents")) == COPIES


def test_parquet_files_of_a_batch_never_recorded_are_removed_on_the_next_run(client, corpus, tmp_path):
    out = tmp_path / "parquet"
    govdoc_parser.ingest(corpus, parquet_dir=out, client=client)
    metrics = len(_parquet(out, "metrics"))
    part = next((out / "metrics").glob("*/*/part-*.parquet"))
    shutil.copy(part, part.with_name("part-0000killedrun00.parquet"))  # as a run killed before its manifest line
    assert len(_parquet(out, "metrics")) > metrics
    again = govdoc_parser.ingest(corpus, parquet_dir=out, client=client)
    assert again.parsed == 0 and len(_parquet(out, "metrics")) == metrics


def test_parquet_folder_in_use_or_of_another_parser_is_one_error(client, corpus, tmp_path, monkeypatch):
    import fcntl

    out = tmp_path / "parquet"
    govdoc_parser.ingest(corpus, parquet_dir=out, client=client)
    with open(out / dask_ingest.MANIFEST) as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as another ingest writing there
        with pytest.raises(govdoc_parser.errors.ParquetDatasetError, match="another ingest is writing"):
            govdoc_parser.ingest(corpus, parquet_dir=out, client=client)
    monkeypatch.setattr(dask_ingest, "parser_id", lambda **options: "9.9.9+otherrules+engine=pdfium")
    with pytest.raises(govdoc_parser.errors.ParquetDatasetError, match="made by another parser"):
        govdoc_parser.ingest(corpus, parquet_dir=out, client=client)


def test_cli_dask_local_cluster_into_parquet(corpus, tmp_path):
    out = tmp_path / "cli"
    command = [sys.executable, "-m", "govdoc_parser.cli", "ingest", str(corpus), "--dask", "local:2",
               "--parquet", str(out)]
    first = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert first.returncode == 1, first.stderr  # the bad files failed
    assert f"{COPIES} parsed" in first.stdout and f"{len(BAD)} failed" in first.stdout
    assert len(_parquet(out, "documents")) == COPIES


def test_unreachable_scheduler_is_one_error(monkeypatch):
    monkeypatch.setattr(dask_ingest, "CONNECT_SECONDS", 1)
    with pytest.raises(govdoc_parser.errors.DaskUnavailable, match="cannot reach the Dask scheduler"):
        with dask_ingest.cluster_client("tcp://127.0.0.1:9"):
            pass


def test_without_dask_one_line_and_its_exit_code(corpus, tmp_path):
    script = ("import sys; sys.modules['distributed'] = None; from govdoc_parser.cli import run; "
              f"sys.argv = ['govdoc', 'ingest', {str(corpus)!r}, '--db', {str(tmp_path / 'x.sqlite')!r}, "
              "'--dask', 'local']; run()")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == govdoc_parser.errors.DaskUnavailable.exit_code
    assert result.stderr.strip().splitlines() == [
        "govdoc: error: --dask needs dask.distributed: pip install 'govdoc-parser[dask]' [dask]"]


def test_parse_never_imports_dask(tmp_path):
    report = CORPORA / "out" / "text" / "qingchuan_2022_report.txt"
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "govdoc_parser.cli", "parse", str(report),
                             "-o", str(tmp_path / "r.json")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "govdoc_parser.pipeline" in imported
    assert not {m for m in imported if m.split(".")[0] in ("dask", "distributed")}
