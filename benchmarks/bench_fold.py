"""Cost of ``text.fold``: milliseconds to fold 1 MB (UTF-8) of report text.

    python benchmarks/bench_fold.py

Three texts of 1 MB each, built from the bundled corpus: as printed (simplified, the
fast path), the same with full-width digits, and the same in traditional characters
(every foldable character changes). The target is well under 50 ms per MB.
"""

from __future__ import annotations

import time
from pathlib import Path

from govdoc_parser.text.fold import fold, traditional

ROOT = Path(__file__).resolve().parents[1]
MEGABYTE = 1_000_000


def sample() -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora" / "out" / "text").glob("*.txt"))]
    text = "\n".join(texts) or "关于2022年度法治政府建设情况的报告。共排查矛盾纠纷262起，化解261起。\n"
    repeated = text * (MEGABYTE // len(text.encode("utf-8")) + 1)
    while len(repeated.encode("utf-8")) > MEGABYTE:
        repeated = repeated[: len(repeated) * 99 // 100]
    return repeated


def best_ms(text: str, rounds: int = 7) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fold(text)
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    simplified = sample()
    back = {v: k for k, v in traditional().items()}
    variants = {
        "simplified": simplified,
        "full-width digits": simplified.translate({c: c + 0xFEE0 for c in range(ord("0"), ord("9") + 1)}),
        "traditional": "".join(back.get(ch, ch) for ch in simplified),
    }
    fold("warm up 關")
    print(f"{'text':18} {'chars':>8} {'MB':>5} {'ms':>7}")
    for name, text in variants.items():
        size = len(text.encode("utf-8")) / MEGABYTE
        print(f"{name:18} {len(text):8d} {size:5.2f} {best_ms(text):7.1f}")


if __name__ == "__main__":
    main()
