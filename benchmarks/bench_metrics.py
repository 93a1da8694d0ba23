"""Cost of the metrics stage: ms per 1,000 characters, and its share of a whole parse.

    python benchmarks/bench_metrics.py [FILES...]   (default: corpora PDFs and texts)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from govdoc_parser.pipeline import parse_file

ROOT = Path(__file__).resolve().parents[1]


def best_of(n: int, fn) -> float:
    times = []
    for _ in range(n):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def measure(path: Path) -> tuple[float, float, int]:
    with_metrics = best_of(3, lambda: parse_file(path, metrics=True))
    without = best_of(3, lambda: parse_file(path, metrics=False))
    chars = len(parse_file(path, metrics=False).body_text())
    return with_metrics, without, chars


def main(paths: list[str]) -> None:
    files = [Path(p) for p in paths] or sorted((ROOT / "corpora" / "out" / "pdf-reportlab").glob("*.pdf")) + sorted(
        (ROOT / "corpora" / "out" / "text").glob("*.txt"))
    groups: dict[str, list[tuple[float, float, int]]] = {}
    for path in files:
        groups.setdefault(path.suffix, []).append(measure(path))
    print(f"{'input':8} {'files':>5} {'chars':>8} {'parse s':>8} {'metrics s':>9} {'ms/1k chars':>11} {'share':>6}")
    for suffix, rows in groups.items():
        total_with = sum(r[0] for r in rows)
        total_without = sum(r[1] for r in rows)
        chars = sum(r[2] for r in rows)
        metrics = max(total_with - total_without, 0.0)
        print(f"{suffix:8} {len(rows):>5} {chars:>8} {total_with:>8.3f} {metrics:>9.3f} "
              f"{metrics * 1000 / (chars / 1000):>11.3f} {metrics / total_with:>6.1%}")


if __name__ == "__main__":
    main(sys.argv[1:])
