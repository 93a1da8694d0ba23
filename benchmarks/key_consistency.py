"""Cross-year key consistency (issue 3) on the corpora/ annual report series.

    python benchmarks/key_consistency.py [-v] [RENDITION ...]   (default: pdf-reportlab text)

For each issuer with annual reports of several years (corpora/gold/<issuer>_<year>_report),
gold metrics are matched to predicted ones by (value, unit, qualifier) and grouped by gold
key; a group found in two or more years is *recurring*, and *inconsistent* unless all its
predicted keys are one and the same non-null key. Also prints how many matched gold
metrics got any key. ``-v`` lists the inconsistent groups. The same check is the test
tests/test_metric_keys_cross_year.py.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import govdoc_parser
from govdoc_parser.metrics.scoring import match_key

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
SUFFIX = {"pdf-reportlab": ".pdf", "pdf-libreoffice": ".pdf", "text": ".txt", "docx": ".docx", "html": ".html",
          "ofd": ".ofd", "scan": ".pdf"}
ANNUAL = re.compile(r"(?P<issuer>[a-z]+)_(?P<year>\d{4})_report")
MISSING = "MISSING"


def annual_series() -> dict[str, dict[str, str]]:
    series: dict[str, dict[str, str]] = defaultdict(dict)
    for gold in sorted((CORPORA / "gold").glob("*.gold.json")):
        found = ANNUAL.fullmatch(gold.name.removesuffix(".gold.json"))
        if found:
            series[found["issuer"]][found["year"]] = found.group(0)
    return {issuer: years for issuer, years in series.items() if len(years) >= 2}


def keyed_pairs(stem: str, rendition: str) -> list[tuple[str, object]]:
    """(gold key, predicted key, None or MISSING) for the keyed gold metrics of one file."""
    report = govdoc_parser.parse(CORPORA / "out" / rendition / (stem + SUFFIX[rendition]))
    pool = defaultdict(list)
    for metric in report.metrics:
        pool[match_key(metric)].append(metric)
    gold = json.loads((CORPORA / "gold" / f"{stem}.gold.json").read_text(encoding="utf-8"))["metrics"]
    pairs = []
    for expected in gold:
        if expected.get("key"):
            candidates = pool.get(match_key(expected))
            pairs.append((expected["key"], candidates.pop(0).key if candidates else MISSING))
    return pairs


def measure(rendition: str, verbose: bool) -> tuple[int, int, int, int]:
    recurring = inconsistent = matched = keyed = 0
    for issuer, years in annual_series().items():
        groups: dict[str, list[tuple[str, object]]] = defaultdict(list)
        for year, stem in sorted(years.items()):
            for gold_key, predicted in keyed_pairs(stem, rendition):
                groups[gold_key].append((year, predicted))
                matched += predicted != MISSING
                keyed += predicted not in (None, MISSING)
        issuer_recurring = issuer_bad = 0
        for gold_key, items in sorted(groups.items()):
            if len({year for year, _ in items}) < 2:
                continue
            issuer_recurring += 1
            predicted = {key for _, key in items}
            if len(predicted) != 1 or None in predicted or MISSING in predicted:
                issuer_bad += 1
                if verbose:
                    print(f"    {issuer} {gold_key}: {items}")
        print(f"  {rendition:16} {issuer:10} recurring {issuer_recurring:3}  inconsistent {issuer_bad:3}")
        recurring += issuer_recurring
        inconsistent += issuer_bad
    return recurring, inconsistent, matched, keyed


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    renditions = [a for a in argv if not a.startswith("-")] or ["pdf-reportlab", "text"]
    failed = False
    for rendition in renditions:
        recurring, inconsistent, matched, keyed = measure(rendition, verbose)
        print(f"{rendition}: recurring {recurring}, inconsistent {inconsistent}; "
              f"matched gold metrics with a key {keyed}/{matched}")
        failed |= inconsistent > 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
