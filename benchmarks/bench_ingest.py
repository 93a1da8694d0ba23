"""Ingest throughput: reports per second with 1 and 2 workers, and peak memory per worker.

    python benchmarks/bench_ingest.py [--count 200] [--workers 1 2] [--no-write]

Makes COUNT distinct copies of the rendered corpus reports (corpora/out, every format but
scans), ingests them into a fresh SQLite database per worker count, prints the numbers and
writes them into docs/ingest.md between the benchmark markers.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from govdoc_parser.store.ingest import PRELOAD, ingest
from govdoc_parser.store.pool import WorkerPool, default_workers
from govdoc_parser.store.samples import distinct_copies

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "ingest.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def peak_rss_mb(pid: int) -> float:
    """VmHWM: the most resident memory the process ever had (Linux)."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(folder: Path, workers: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        pool = WorkerPool(workers, preload=PRELOAD)
        started = time.monotonic()
        summary = ingest(folder, db=Path(tmp) / "bench.sqlite", executor=pool)
        seconds = time.monotonic() - started
        pids = pool.worker_pids()
        memory, cpu = [peak_rss_mb(pid) for pid in pids], sum(map(cpu_seconds, pids))
        pool.shutdown()
    assert summary.failed == 0 and len(pids) == workers, str(summary)
    return {"workers": workers, "reports": summary.parsed, "seconds": seconds,
            "rate": summary.parsed / seconds, "worker_peak_mb": max(memory), "cpu": cpu / summary.parsed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-write", action="store_true", help="only print, leave docs/ingest.md alone")
    args = parser.parse_args()
    sources = sorted(p for p in (ROOT / "corpora" / "out").glob("*/*report*")
                     if p.parent.name != "scan" and p.is_file())
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        copies = distinct_copies(sources, Path(tmp), args.count)
        mix = Counter(p.suffix.lstrip(".") for p in copies)
        results = [run(Path(tmp), workers) for workers in args.workers]
    machine = (f"{default_workers()} cores (nproc), {platform.machine()}, Python {platform.python_version()}, "
               f"{platform.system()}; load average {load:.1f} at start")
    lines = [(f"{args.count} reports ({', '.join(f'{n} {k}' for k, n in sorted(mix.items()))}), "
              f"copies of corpora/out/*/*report* with unique trailing markers; {machine}."), "",
             "| workers | reports/s | seconds | worker CPU s per report | peak RSS per worker (MB) |",
             "|---|---|---|---|---|"]
    lines += [f"| {r['workers']} | {r['rate']:.2f} | {r['seconds']:.1f} | {r['cpu']:.2f} | {r['worker_peak_mb']:.0f} |"
              for r in results]
    lines.append("\nWith idle cores the rate is bound by CPU time: about "
                 + ", ".join(f"{r['workers'] / r['cpu']:.1f} reports/s with {r['workers']}" for r in results)
                 + " workers (workers / CPU s per report); the wall-clock rate above is lower when the"
                 " machine is shared (see the load average).")
    lines.append(f"Load average {os.getloadavg()[0]:.1f} at the end. Parent process peak RSS "
                 f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB. "
                 f"Measured {time.strftime('%Y-%m-%d')} with `python benchmarks/bench_ingest.py`.")
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        doc = DOC.read_text(encoding="utf-8")
        before, _, rest = doc.partition(START)
        DOC.write_text(f"{before}{START}\n{text}\n{END}{rest.partition(END)[2]}", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
