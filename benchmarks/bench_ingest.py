"""Ingest throughput: reports per second with 1 and 2 workers, locally and on a Dask LocalCluster.

    python benchmarks/bench_ingest.py [--count 200] [--workers 1 2] [--dask] [--formats pdf ...]
                                      [--repeat 3] [--no-write]

Makes COUNT distinct copies of the rendered corpus reports (corpora/out, every format but
scans, or only ``--formats``), ingests them into a fresh SQLite database per run, ``--repeat``
times for each worker count (the runs interleaved, the fastest kept: the machine may be
shared), prints the numbers and writes them into docs/ingest.md between the benchmark markers
(only for the default corpus: ``--formats`` and ``--no-write`` only print). ``--dask`` adds
the same ingest on a Dask LocalCluster of 1 and 2 worker processes (one thread each).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
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


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rpartition(")")[2].split()[1])
            except OSError:  # ended meanwhile
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def total_cpu() -> float:
    """CPU seconds of this process and of every live process below it (workers, fork servers, Dask)."""
    total = 0.0
    for pid in [os.getpid(), *descendants(os.getpid())]:
        try:
            total += cpu_seconds(pid)
        except OSError:
            pass
    return total


def run_local(folder: Path, workers: int, tmp: Path) -> dict:
    pool = WorkerPool(workers, preload=PRELOAD)
    cpu, own, started = total_cpu(), time.process_time(), time.monotonic()
    summary = ingest(folder, db=tmp / f"local{workers}_{time.monotonic_ns()}.sqlite", executor=pool)
    seconds = time.monotonic() - started
    pids = pool.worker_pids()
    used, own = total_cpu() - cpu, time.process_time() - own  # the workers are still alive here
    memory = max(peak_rss_mb(pid) for pid in pids)
    pool.shutdown()
    assert summary.failed == 0 and len(pids) == workers, str(summary)
    return result("local", workers, summary, seconds, used, own, memory)


def run_dask(client, folder: Path, workers: int, tmp: Path) -> dict:
    cpu, own, started = total_cpu(), time.process_time(), time.monotonic()
    summary = ingest(folder, db=tmp / f"dask{workers}_{time.monotonic_ns()}.sqlite", client=client)
    seconds = time.monotonic() - started
    used, own = total_cpu() - cpu, time.process_time() - own
    assert summary.failed == 0, str(summary)
    return result("dask", workers, summary, seconds, used, own, None)


def result(mode: str, workers: int, summary, seconds: float, cpu: float, driver: float, memory) -> dict:
    """``cpu``: CPU seconds of all processes; ``driver``: of this one (walk, hash, write)."""
    return {"mode": mode, "workers": workers, "reports": summary.parsed, "seconds": seconds,
            "rate": summary.parsed / seconds, "cpu": cpu / summary.parsed, "driver": driver / summary.parsed,
            "worker_peak_mb": memory}


def local_cluster(stack: ExitStack, workers: int):
    from distributed import Client, LocalCluster

    cluster = stack.enter_context(LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                               dashboard_address=":0"))
    client = stack.enter_context(Client(cluster))
    client.run(lambda: None)  # the workers are up
    return client


def measure(folder: Path, args, tmp: Path) -> list[dict]:
    """The fastest of ``args.repeat`` runs per mode and worker count, the runs interleaved."""
    runs: dict[tuple, list[dict]] = {}
    with ExitStack() as stack:
        clients = {w: local_cluster(stack, w) for w in args.workers} if args.dask else {}
        for _ in range(args.repeat):
            for workers in args.workers:
                runs.setdefault(("local", workers), []).append(run_local(folder, workers, tmp))
                if args.dask:
                    runs.setdefault(("dask", workers), []).append(run_dask(clients[workers], folder, workers, tmp))
    best = []
    for key, results in runs.items():
        fastest = min(results, key=lambda r: r["seconds"])
        fastest["all_seconds"] = [r["seconds"] for r in results]
        best.append(fastest)
    return sorted(best, key=lambda r: (r["mode"] != "local", r["workers"]))


def report(results: list[dict], args, mix: Counter, load: float) -> str:
    machine = (f"{default_workers()} cores (nproc), {platform.machine()}, Python {platform.python_version()}, "
               f"{platform.system()}; load average {load:.1f} at start")
    single = {r["mode"]: r["seconds"] for r in results if r["workers"] == 1}
    lines = [(f"{args.count} reports ({', '.join(f'{n} {k}' for k, n in sorted(mix.items()))}), copies of "
              f"corpora/out/*/*report* with unique trailing markers; {machine}. Fastest of {args.repeat} "
              "interleaved runs (all runs' seconds in the last column)."), "",
             "| ingest | workers | reports/s | seconds | × 1 worker | CPU s per report: all processes "
             "| of them the driver | peak RSS per worker (MB) | runs (s) |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        speedup = single[r["mode"]] / r["seconds"] if r["mode"] in single else float("nan")
        memory = f"{r['worker_peak_mb']:.0f}" if r["worker_peak_mb"] else "–"
        lines.append(f"| {r['mode']} | {r['workers']} | {r['rate']:.1f} | {r['seconds']:.2f} | {speedup:.2f} | "
                     f"{r['cpu']:.3f} | {r['driver']:.4f} | {memory} | "
                     f"{', '.join(f'{s:.1f}' for s in r['all_seconds'])} |")
    lines.append("")
    lines.append(f"Load average {os.getloadavg()[0]:.1f} at the end. Measured {time.strftime('%Y-%m-%d')} with "
                 f"`python benchmarks/bench_ingest.py {' '.join(sys.argv[1:])}`.")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--dask", action="store_true", help="also on a Dask LocalCluster (needs the dask extra)")
    parser.add_argument("--formats", nargs="+", help="only these suffixes (pdf, docx …)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="only print, leave docs/ingest.md alone")
    args = parser.parse_args()
    sources = sorted(p for p in (ROOT / "corpora" / "out").glob("*/*report*")
                     if p.parent.name != "scan" and p.is_file()
                     and (not args.formats or p.suffix.lstrip(".") in args.formats))
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        copies = distinct_copies(sources, Path(tmp) / "in", args.count)
        mix = Counter(p.suffix.lstrip(".") for p in copies)
        results = measure(Path(tmp) / "in", args, Path(tmp))
    text = report(results, args, mix, load)
    print(text)
    if not args.no_write and not args.formats:
        doc = DOC.read_text(encoding="utf-8")
        before, _, rest = doc.partition(START)
        DOC.write_text(f"{before}{START}\n{text}\n{END}{rest.partition(END)[2]}", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
