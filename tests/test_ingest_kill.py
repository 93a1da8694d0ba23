"""Kill `govdoc ingest` (SIGKILL, workers included) at random moments, rerun: same database as one clean run."""

import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

from govdoc_parser.store.samples import distinct_copies

from .conftest import CORPORA, FIXTURES, SHARED
from .test_ingest import dump

FILES = 40
KILLS = 4


def sources():
    """Mostly text (cheap to parse), a few of each other format, the real texts when present."""
    out = CORPORA / "out"
    few = [sorted(p for p in out.glob(pattern) if "long" not in p.name)[:n]
           for pattern, n in (("html/*.html", 3), ("docx/*.docx", 3), ("pdf-reportlab/*.pdf", 2))]
    real = sorted((SHARED / "corpus" / "real").glob("*.txt"))[:17]
    return sorted(out.glob("text/*.txt")) + [p for group in few for p in group] + real


def ingest_command(folder, db):
    return [sys.executable, "-m", "govdoc_parser.cli", "ingest", str(folder), "--db", str(db), "--workers", "2"]


def consistent(db) -> None:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for table in ("sections", "metrics"):
        orphans = conn.execute(f"SELECT count(*) FROM {table} WHERE document_id NOT IN (SELECT id FROM documents)")
        assert orphans.fetchone()[0] == 0
    conn.close()


def test_sigkill_then_rerun_gives_the_clean_database(tmp_path):
    folder = tmp_path / "in"
    distinct_copies(sources(), folder, FILES - 3)
    for name in ("empty.pdf", "html_named.pdf", "truncated.pdf"):
        shutil.copy(FIXTURES / "errors" / name, folder / name)
    db, clean = tmp_path / "killed.sqlite", tmp_path / "clean.sqlite"
    started = time.monotonic()
    one = subprocess.run(ingest_command(folder, clean), capture_output=True, text=True, timeout=300)
    clean_seconds = time.monotonic() - started
    assert one.returncode == 1, one.stderr  # some files failed
    assert f"{FILES} files: " in one.stdout and "3 failed" in one.stdout
    seed = int(os.environ.get("GOVDOC_KILL_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    killed = 0
    for _ in range(KILLS):  # moments within a clean run's time, so that the first kill lands whatever the machine
        process = subprocess.Popen(ingest_command(folder, db), start_new_session=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            process.wait(timeout=rng.uniform(0.1, 0.6) * clean_seconds)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # the command, its fork server and workers
            process.wait()
            killed += 1
        if db.exists():
            consistent(db)
    final = subprocess.run(ingest_command(folder, db), capture_output=True, text=True, timeout=300)
    failed_now = int(re.search(r"\), (\d+) failed;", final.stdout)[1])  # bad files the kills kept it from
    assert final.returncode == (1 if failed_now else 0), final.stderr
    assert killed, f"every run finished before its kill (seed {seed})"
    after, expected = dump(db), dump(clean)
    for table in expected:
        differing = set(after[table]) ^ set(expected[table])
        assert not differing, f"seed {seed}: {table} rows differ, e.g. {sorted(differing, key=repr)[:2]}"
