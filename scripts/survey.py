"""Parse every file under a folder and print a markdown table of what was found.

    python scripts/survey.py ../shared/corpus/foreign > docs/foreign.md

Each file is parsed in a child process with a time limit, so a hang or crash in one file
shows as a row, not as a stopped survey.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

SKIP = {".md", ".json"}


def survey_one(path: Path, timeout: float) -> dict:
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "govdoc_parser.cli", "parse", "--compact", str(path)],
            capture_output=True, text=True, timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"result": f"timeout after {timeout:.0f} s", "seconds": timeout}
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
        traceback = "Traceback" in done.stderr
        return {"result": ("TRACEBACK " if traceback else "") + tail.split(": error: ")[-1], "seconds": seconds}
    report = json.loads(done.stdout)
    header = report["header"]
    return {
        "result": "ok",
        "seconds": seconds,
        "title": report["title"],
        "docno": (header["document_number"] or {}).get("raw"),
        "addressees": "、".join(report["addressees"][:3]) + ("…" if len(report["addressees"]) > 3 else ""),
        "sections": sum(1 for _ in _walk(report["sections"])),
        "metrics": len(report["metrics"]),
        "date": report["signature"]["date"],
    }


def _walk(sections):
    for section in sections:
        yield section
        yield from _walk(section["children"])


def main(folder: str, timeout: float = 60.0) -> None:
    root = Path(folder)
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() not in SKIP)
    print("| file | result | title | 发文字号 | 主送 | 成文日期 | sections | metrics | s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for path in files:
        row = survey_one(path, timeout)
        cells = [str(path.relative_to(root)), row["result"], row.get("title") or "", row.get("docno") or "",
                 row.get("addressees") or "", row.get("date") or "", str(row.get("sections", "")),
                 str(row.get("metrics", "")), f"{row['seconds']:.2f}"]
        print("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:2], *(float(a) for a in sys.argv[2:3]))
