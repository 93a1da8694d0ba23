"""Time govdoc parsing against raw PDF char extraction, per stage, with memory and start-up.

    python benchmarks/bench_parse.py                 # every corpora/out/pdf-*/*.pdf
    python benchmarks/bench_parse.py a.pdf b.pdf --repeat 5

Each measurement is the best of --repeat runs per file (CPU time of this process, so other
processes on the machine disturb it less), summed over the files. Memory and start-up are
measured in fresh subprocesses.
"""

from __future__ import annotations

import argparse
import compileall
import ctypes
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENGINES = ("pdfplumber", "pdfium")
STAGES = {  # pipeline.py attribute -> stage name, in the order parse_raw calls them
    "read_document": "read",
    "build_layout": "layout",
    "label_document": "labels",
    "parse_front": "elements",
    "parse_body": "elements",
    "parse_tail": "elements",
    "_extract_metrics": "metrics",
    "table_metrics": "metrics",
}


def raw_pdfplumber(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            len(page.chars)
        return len(pdf.pages)


def raw_pdfium(path: Path) -> int:
    """Text, box, font size and fill colour of every char, as a pypdfium2 user would get them."""
    import pypdfium2
    import pypdfium2.raw as c

    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    pdf = pypdfium2.PdfDocument(path)
    for page in pdf:
        textpage = page.get_textpage()
        text = textpage.get_text_range()  # noqa: F841
        handle = textpage.raw
        for i in range(textpage.count_chars()):
            c.FPDFText_GetCharBox(handle, i, left, right, bottom, top)
            c.FPDFText_GetFontSize(handle, i)
            c.FPDFText_GetFillColor(handle, i, r, g, b, a)
        textpage.close()
        page.close()
    pages = len(pdf)
    pdf.close()
    return pages


def best(repeat: int, fn, *args, **kwargs) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn(*args, **kwargs)
        times.append(time.process_time() - start)
    return min(times)


@contextmanager
def stage_timer(totals: dict):
    """Wrap the stage functions pipeline.py calls, adding their CPU time to ``totals``."""
    from govdoc_parser import pipeline

    originals = {name: getattr(pipeline, name) for name in STAGES}

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                totals[STAGES[name]] = totals.get(STAGES[name], 0.0) + time.process_time() - start

        return wrapper

    for name, fn in originals.items():
        setattr(pipeline, name, timed(name, fn))
    try:
        yield
    finally:
        for name, fn in originals.items():
            setattr(pipeline, name, fn)


def page_count(path: Path) -> int:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


MEMORY_SCRIPT = """
import resource, sys
import govdoc_parser
govdoc_parser.parse(sys.argv[1], engine=sys.argv[2])
try:  # VmHWM: ru_maxrss of a child on Linux may report the parent's peak from before exec
    kib = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
except OSError:
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // (1024 if sys.platform == "darwin" else 1)
print(kib)
"""


def peak_rss_mb(path: Path, engine: str) -> float:
    out = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, str(path), engine], capture_output=True, text=True,
                         check=True)
    return int(out.stdout.split()[-1]) / 1024


def startup_seconds(command: list[str], runs: int = 5) -> tuple[float, float]:
    """Best wall time and best CPU time (user + system) of running ``command``."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(walls), min(cpus)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        cpu = next((l.split(":", 1)[1].strip() for l in lscpu.splitlines() if l.startswith("Model name")), cpu)
    except OSError:
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}, load average {load}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = args.paths or sorted(ROOT.glob("corpora/out/pdf-*/*.pdf"))
    if not paths:
        sys.exit("no PDFs: pass paths or generate corpora/out/pdf-*/")
    import govdoc_parser
    from govdoc_parser.read import read_document

    print(f"machine: {machine()}")
    sizes = {p: page_count(p) for p in paths}
    pages = sum(sizes.values())
    print(f"{len(paths)} PDFs, {pages} pages, best of {args.repeat}, CPU seconds\n")

    results: dict[str, float] = {"raw pdfplumber (a)": 0.0, "raw pypdfium2 (b)": 0.0}
    stages = {engine: {} for engine in ENGINES}
    for path in paths:
        results["raw pdfplumber (a)"] += best(args.repeat, raw_pdfplumber, path)
        results["raw pypdfium2 (b)"] += best(args.repeat, raw_pdfium, path)
        for engine in ENGINES:
            read_document(path, engine=engine)  # warm: imports, compiled rule patterns
            for metrics in (False, True):
                key = f"parse {engine}" + (" + metrics" if metrics else "")
                results[key] = results.get(key, 0.0) + best(
                    args.repeat, govdoc_parser.parse, path, engine=engine, metrics=metrics)
            totals: dict[str, float] = {}
            with stage_timer(totals):
                total = best(1, govdoc_parser.parse, path, engine=engine)
            totals["other"] = total - sum(totals.values())
            for name, seconds in totals.items():
                stages[engine][name] = stages[engine].get(name, 0.0) + seconds

    raw_a, raw_b = results["raw pdfplumber (a)"], results["raw pypdfium2 (b)"]
    print(f"{'':34} {'ms/page':>8} {'pages/s':>8} {'/(a)':>6} {'/(b)':>6}")
    for name, seconds in results.items():
        print(f"{name:34} {seconds / pages * 1e3:8.2f} {pages / seconds:8.1f} {seconds / raw_a:6.2f} "
              f"{seconds / raw_b:6.2f}")

    print("\nstages (one run with metrics), ms/page:")
    names = list(dict.fromkeys(STAGES.values())) + ["other"]
    print(f"{'':12}" + "".join(f"{n:>10}" for n in names))
    for engine in ENGINES:
        print(f"{engine:12}" + "".join(f"{stages[engine].get(n, 0.0) / pages * 1e3:10.2f}" for n in names))

    longest = max(paths, key=sizes.get)
    print(f"\npeak RSS parsing {longest.name} ({sizes[longest]} pages), fresh process:")
    for engine in ENGINES:
        print(f"  {engine:12} {peak_rss_mb(longest, engine):6.1f} MB")

    small = min(paths, key=lambda p: (abs(sizes[p] - 4), p.name))
    # bytecode as pip writes it at install time: without it (an editable install under
    # PYTHONDONTWRITEBYTECODE) every process compiles the sources again, about 0.1 s
    compileall.compile_dir(Path(govdoc_parser.__file__).parent, quiet=1)
    govdoc = shutil.which("govdoc")
    command = [govdoc] if govdoc else [sys.executable, "-m", "govdoc_parser.cli"]
    print(f"\nstart-up on {small.name} ({sizes[small]} pages), best of 5:   wall s   CPU s")
    runs = {"python -c pass": [sys.executable, "-c", "pass"], "govdoc --version": command + ["--version"]}
    for engine in ENGINES:
        runs[f"govdoc parse --engine {engine}"] = command + ["parse", "--engine", engine, str(small)]
        runs[f"govdoc parse --engine {engine} --no-metrics"] = command + ["parse", "--engine", engine, "--no-metrics", str(small)]
    for label, argv in runs.items():
        wall, cpu = startup_seconds(argv)
        print(f"  {label:44} {wall:6.3f}  {cpu:6.3f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n(this benchmark process peaked at {peak:.0f} MB)")


if __name__ == "__main__":
    main()
