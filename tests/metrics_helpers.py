"""Helpers for the metric tests: where shared/ is, and a plain text splitter.

The splitter stands in for the real pipeline (readers, layout, zones): it drops the
``---`` metadata block of the corpus files and makes one TextUnit per non-empty line,
with offsets into the remaining text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import pytest

from govdoc_parser.metrics import extract_metrics, line_units
from govdoc_parser.model import Metric

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
REAL = SHARED / "corpus" / "real"
REAL_GOLD = REAL / "gold"


def require(path: Path) -> Path:
    """*path*, or skip the calling test when shared/ is not there."""
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


def drop_front_matter(text: str) -> str:
    """The text without its leading ``---`` … ``---`` metadata block."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            return text[end + 5 :]
    return text


def metrics_of_file(path: Path) -> list[Metric]:
    return extract_metrics(line_units(drop_front_matter(path.read_text(encoding="utf-8"))))


def gold_metrics(path: Path) -> Optional[list[dict]]:
    """The gold metrics of a text file, or None when it has no metric gold."""
    gold = path.parent / "gold" / (path.stem + ".gold.json")
    if not gold.exists():
        gold = path.with_name(path.stem + ".gold.json")
    if not gold.exists():
        return None
    return json.loads(gold.read_text(encoding="utf-8")).get("metrics")


def metric_corpus() -> dict[str, tuple[list[Metric], list[dict]]]:
    """{file name: (predicted, gold)} for every real corpus file with metric gold."""
    files = {}
    for path in sorted(require(REAL).glob("*.txt")):
        gold = gold_metrics(path)
        if gold is not None:
            files[path.name] = (metrics_of_file(path), gold)
    return files
