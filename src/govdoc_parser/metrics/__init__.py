"""Metric extraction: paragraphs in, ``Metric`` records out.

Rules are data (``rules/*.toml``: units, qualifiers, changes, periods, exclusions, word
classes, the metric lexicon); the modules here are the small engine that reads them:

- ``numbers``: numerals (Arabic, Chinese, 万/亿, 百分之);
- ``script``: the matching view (simplified, half-width, pinyin removed) with offsets;
- ``mentions``: numbers with unit and qualifier, minus dates, ordinals, codes, titles;
- ``objects``: what each number counts and the verb that governs it;
- ``engine``: clauses, inheritance, 分别 lists, changes, periods, Metric records;
- ``lexicon``: stable keys; ``scoring``: the metrics-annotation.md scoring rule.

>>> [(m.text, m.object, m.action) for m in extract_metrics([TextUnit("共排查矛盾纠纷 262 起，化解 261 起。")])]
[('262 起', '矛盾纠纷', '排查'), ('261 起', '矛盾纠纷', '化解')]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Optional, Sequence

from ..model import Metric, Where
from .engine import extract_from_text


@dataclass
class TextUnit:
    """One paragraph or heading line of a report, as the pipeline hands it over."""

    text: str  # as in the document, no line breaks inside
    offset: int = 0  # where ``text`` starts in the Report body text
    section: Sequence[str] = ()  # enclosing section labels, outermost first
    # maps a unit-local [start, end) span to a Where (page + bbox, or line); None: span only
    locate: Optional[Callable[[int, int], Where]] = None


def line_units(text: str) -> Iterator[TextUnit]:
    r"""One TextUnit per non-empty line of *text*, offsets into *text*.

    >>> [(u.text, u.offset) for u in line_units("化解261起\n\n办结12件")]
    [('化解261起', 0), ('办结12件', 8)]
    """
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            yield TextUnit(body, offset=offset)
        offset += len(line)


def extract_metrics(units: Iterable[TextUnit]) -> list[Metric]:
    """Every metric of *units*, in text order."""
    metrics: list[Metric] = []
    for unit in units:
        metrics.extend(extract_from_text(unit.text, unit.offset, unit.section, unit.locate))
    return metrics


__all__ = ["TextUnit", "line_units", "extract_metrics", "Metric", "Where"]
