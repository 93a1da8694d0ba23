"""Per-code precision and recall of `govdoc check` on its corpus (corpora/checks: documents with
one deliberate deviation each, and clean ones), and on the seed when ../shared is there.

    python benchmarks/eval_checks.py                 # the table, for docs/checks.md
    python benchmarks/eval_checks.py --verbose       # and every document that disagrees
    python benchmarks/eval_checks.py --project       # also the project's own corpus (corpora/out)

A document counts once per code: a code is predicted when at least one finding has it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "checks"
SEED = ROOT.parent / "shared" / "seeds" / "000_5b27542bcf530cca.txt"
SEED_CODES = ["CONTENT_MISSING_SHORTCOMINGS"]

# The project's own corpus (corpora/out: written by other sessions for the parser, not for the
# checks; every rendition): its deviations, by document, whatever the rendition.
PROJECT = ROOT / "corpora" / "out"
PROJECT_RENDITIONS = ["text", "pdf-reportlab", "pdf-libreoffice", "pdf-chromium", "docx", "html", "ofd"]
PROJECT_CODES = {
    "chenghu_2021_report": ["DATE_AFTER_DEADLINE"],  # signed 2022-03-04, a 新区管委会: due 1 March
    "chenghu_2023_report": ["DATE_AFTER_DEADLINE"],  # signed 2024-03-06
    "yunling_2021_report": ["DATE_NOT_ARABIC"],  # 二〇二二年二月十八日
}

# the codes the issue names (tested by name), then ours
NAMED = ["CONTENT_MISSING_MEASURES", "CONTENT_MISSING_SHORTCOMINGS", "CONTENT_MISSING_FIRST_RESPONSIBLE",
         "CONTENT_MISSING_NEXT_YEAR", "DATE_AFTER_DEADLINE", "TITLE_NO_YEAR", "DOCNO_BRACKET", "HEADING_SEQUENCE",
         "DATE_NOT_ARABIC", "PLACEHOLDER_TEXT", "SIMILAR_TO_PREVIOUS_YEAR"]


def project_entries() -> list[dict]:
    entries = []
    for rendition in PROJECT_RENDITIONS:
        for path in sorted((PROJECT / rendition).glob("*.*")):
            entries.append({"file": str(path), "previous": None, "codes": PROJECT_CODES.get(path.stem, []),
                            "base": path.stem})
    return entries


def evaluate(verbose: bool = False, gold: list | None = None) -> tuple[dict, list, int]:
    import govdoc_parser
    from govdoc_parser.checks import check
    from govdoc_parser.checks.tables import all_codes

    if gold is None:
        gold = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
        if SEED.exists():
            gold.append({"file": str(SEED), "previous": None, "codes": SEED_CODES, "base": "seed"})
    parsed: dict[str, object] = {}

    def parse(name):
        if name not in parsed:
            path = Path(name) if Path(name).is_absolute() else CORPUS / "out" / name
            parsed[name] = govdoc_parser.parse(path)
        return parsed[name]

    tp, fp, fn = Counter(), Counter(), Counter()
    disagreements = []
    for entry in gold:
        report = parse(entry["file"])
        previous = parse(entry["previous"]) if entry.get("previous") else None
        found = set(check(report, previous).codes())
        expected = set(entry["codes"])
        for code in found & expected:
            tp[code] += 1
        for code in found - expected:
            fp[code] += 1
        for code in expected - found:
            fn[code] += 1
        if found != expected:
            disagreements.append((entry["file"], entry.get("previous"), sorted(expected), sorted(found)))
    codes = list(dict.fromkeys(NAMED + all_codes()))
    table = {}
    for code in codes:
        support = tp[code] + fn[code]
        p = tp[code] / (tp[code] + fp[code]) if tp[code] + fp[code] else None
        r = tp[code] / support if support else None
        table[code] = {"tp": tp[code], "fp": fp[code], "fn": fn[code], "precision": p, "recall": r}
    if verbose:
        for name, previous, expected, found in disagreements:
            print(f"{name}{' vs ' + previous if previous else ''}: expected {expected} found {found}", file=sys.stderr)
    return table, disagreements, len(gold)


def markdown(table: dict, documents: int, what: str) -> str:
    def fmt(x):
        return "—" if x is None else f"{x:.2f}"

    lines = [f"{documents} documents ({what}).",
             "", "| code | named in the issue | TP | FP | FN | precision | recall |", "|---|---|---|---|---|---|---|"]
    for code, row in table.items():
        if row["tp"] + row["fp"] + row["fn"] == 0:
            continue
        lines.append(f"| `{code}` | {'yes' if code in NAMED else ''} | {row['tp']} | {row['fp']} | {row['fn']} | "
                     f"{fmt(row['precision'])} | {fmt(row['recall'])} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument("--project", action="store_true",
                        help="also every rendition of the project's own corpus (corpora/out)")
    args = parser.parse_args()
    start = time.perf_counter()
    table, disagreements, documents = evaluate(args.verbose)
    print(markdown(table, documents, "corpora/checks/gold.json" + (" + the seed" if SEED.exists() else "")))
    print(f"\n{len(disagreements)} documents disagree with their gold; {time.perf_counter() - start:.1f} s", file=sys.stderr)
    if args.project:
        start = time.perf_counter()
        table, disagreements, documents = evaluate(args.verbose, project_entries())
        print()
        print(markdown(table, documents, "corpora/out, every rendition but the scans: written for the parser"))
        print(f"\n{len(disagreements)} documents disagree; {time.perf_counter() - start:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
