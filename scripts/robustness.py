"""Run every file of tests/fixtures/bad/ and ../shared/corpus/foreign/ through ``govdoc
parse`` and print a markdown report: outcome against expectation, exit code, lines on
stderr, seconds. Time limits: 60 s for the bad corpus (as its test), the CLI default of
300 s for the foreign one (real documents, scans read by OCR).

    python scripts/robustness.py > docs/robustness.md

Expected outcomes: tests/fixtures/bad/manifest.json for the bad corpus; for the foreign
corpus, ``FOREIGN_EXPECTED`` below, DOC/WPS refused when LibreOffice is not installed,
everything else a Report.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from govdoc_parser import limits
from govdoc_parser.read import DEFAULT_ENGINE, ENGINES, convert

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "fixtures" / "bad"
FOREIGN = ROOT.parent / "shared" / "corpus" / "foreign"
TIMEOUTS = {"bad": 60, "foreign": 300}
FOREIGN_EXPECTED = {"sample_report_2023_beijing.pdf": "garbled_text"}  # fonts without a Unicode map


LIMITS = f"""## Limits

| limit | value | over it |
|---|---|---|
| file size | {limits.MAX_FILE_BYTES // limits.MB} MB | `too_large` |
| text or HTML file | {limits.MAX_TEXT_BYTES // limits.MB} MB | `too_large` |
| one line of text | {limits.MAX_LINE_CHARS:,} characters | `too_large` |
| one PDF stream, inflated | {limits.MAX_STREAM_BYTES // limits.MB} MB | `too_large` |
| pages (declared `/Count` or found), image frames | `--max-pages`, 2000 | `too_large` |
| image to OCR (file, or image in a scanned PDF page) | {limits.MAX_IMAGE_PIXELS // 1_000_000} million pixels | `too_large` |
| ZIP (DOCX, OFD) | see `read/container.py` | `too_large` |
| XML nesting (DOCX, OFD), DOCTYPE/ENTITY | 256 levels; refused | `corrupt` |
| nesting in a PDF (RecursionError anywhere) | Python's recursion limit | `corrupt` |
| memory (MemoryError anywhere) | `--max-memory` (ingest workers: 2048 MB) | `too_large` |
| time | `--timeout` (CLI default 300 s; library: none) | `timeout` |
"""


def expected_bad(entry: dict, engine: str | None = None) -> str:
    if convert.program() is None and "without_soffice" in entry:
        return entry["without_soffice"]
    return entry.get(engine, entry["expect"]) if engine else entry["expect"]


def expected_foreign(path: Path) -> str:
    if path.suffix.lower() in (".doc", ".wps") and convert.program() is None:
        return "unsupported_format"
    return FOREIGN_EXPECTED.get(path.name, "report")


def run(path: Path, timeout: float, engine: str) -> dict:
    started = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "govdoc_parser.cli", "parse", "--compact", "--engine", engine, "--timeout",
             str(timeout), str(path)],
            capture_output=True, text=True, timeout=timeout + 60,
        )
    except subprocess.TimeoutExpired:
        return {"outcome": "hung", "exit": "", "stderr": 0, "seconds": time.monotonic() - started, "message": ""}
    lines = done.stderr.splitlines()
    if done.returncode == 0:
        outcome = "report"
    elif lines and lines[-1].endswith("]"):
        outcome = lines[-1].rsplit("[", 1)[-1].rstrip("]")
    else:
        outcome = "?"
    if "Traceback" in done.stderr:
        outcome = "TRACEBACK " + outcome
    message = lines[-1].split(": error: ", 1)[-1].split(": ", 1)[-1] if lines else ""
    return {"outcome": outcome, "exit": done.returncode, "stderr": len(lines),
            "seconds": time.monotonic() - started, "message": message}


def table(rows: list[tuple[str, str, dict]]) -> list[str]:
    out = ["| file | expected | outcome | exit | stderr lines | s | message |", "|---|---|---|---|---|---|---|"]
    for name, want, row in rows:
        mark = "" if row["outcome"] == want else " **(unexpected)**"
        cells = [name, want, row["outcome"] + mark, str(row["exit"]), str(row["stderr"]), f"{row['seconds']:.1f}",
                 row["message"][:90]]
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return out


def main() -> None:
    manifest = json.loads((BAD / "manifest.json").read_text(encoding="utf-8"))["files"]
    other = next(engine for engine in ENGINES if engine != DEFAULT_ENGINE)
    jobs = [(BAD / name, expected_bad(entry), TIMEOUTS["bad"], DEFAULT_ENGINE) for name, entry in sorted(manifest.items())]
    jobs += [(BAD / name, expected_bad(entry, other), TIMEOUTS["bad"], other)
             for name, entry in sorted(manifest.items()) if name.endswith(".pdf")]
    foreign = sorted(p for p in FOREIGN.rglob("*") if p.is_file()) if FOREIGN.exists() else []
    jobs += [(path, expected_foreign(path), TIMEOUTS["foreign"], DEFAULT_ENGINE) for path in foreign]
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda job: run(job[0], job[2], job[3]), jobs))
    rows = [(str(p.relative_to(BAD if p.is_relative_to(BAD) else FOREIGN)), want, r)
            for (p, want, _, _), r in zip(jobs, results)]
    n_other = sum(1 for job in jobs if job[3] == other)
    bad_rows, other_rows = rows[: len(manifest)], rows[len(manifest) : len(manifest) + n_other]
    foreign_rows = rows[len(manifest) + n_other :]
    unexpected = sum(r["outcome"] != want for _, want, r in rows)
    counts: dict[str, int] = {}
    for _, want, _ in bad_rows:
        counts[want] = counts.get(want, 0) + 1
    print("# Robustness: bad, hostile and foreign files\n")
    print(f"Generated by `python scripts/robustness.py > docs/robustness.md` (Python {platform.python_version()}, "
          f"{platform.machine()}, {os.cpu_count()} cores): each file through `govdoc parse --timeout S` in its own "
          f"process, two at a time, with the default engine ({DEFAULT_ENGINE}), and the bad PDFs again with "
          f"{other}. S is {TIMEOUTS['bad']} for the bad corpus, {TIMEOUTS['foreign']} (the default) for the "
          "foreign one. Seconds are wall time and include start-up.\n")
    print(f"{len(rows)} runs, {unexpected} with an unexpected outcome; slowest "
          f"{max(r['seconds'] for _, _, r in rows):.1f} s.\n")
    print(LIMITS)
    print(f"## tests/fixtures/bad ({len(bad_rows)} files)\n")
    print("Expected outcomes: " + ", ".join(f"{n} {code}" for code, n in sorted(counts.items())) +
          ". What each file is: `tests/fixtures/bad/manifest.json`; "
          "the generator: `tests/fixtures/make_bad_fixtures.py`.\n")
    print("\n".join(table(bad_rows)))
    print(f"\n## tests/fixtures/bad, the PDFs with --engine {other} ({len(other_rows)} files)\n")
    print("\n".join(table(other_rows)))
    if foreign_rows:
        print(f"\n## ../shared/corpus/foreign ({len(foreign_rows)} files)\n")
        print("What each Report holds (文号, title, 主送, headings): docs/foreign.md.\n")
        print("\n".join(table(foreign_rows)))
    sys.exit(1 if unexpected else 0)


if __name__ == "__main__":
    main()
