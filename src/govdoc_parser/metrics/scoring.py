"""The scoring rule of metrics-annotation.md, reusable by tests and ``govdoc eval``.

Within one file, predicted and gold metrics are matched as multisets of
(value to 4 significant digits, unit, qualifier); units are compared after mapping
traditional to simplified characters and 个百分点 to pp. A gold metric marked
``"doubtful": true`` is neither a miss when unmatched nor makes a match an error.
Among matched pairs, ``object`` is right when one string contains the other or their
character-level F1 is at least 0.5; ``kind`` and ``change`` are compared exactly.

>>> gold = [{"value": 262, "unit": "起", "qualifier": "exact", "object": "矛盾纠纷"}]
>>> counts = score_file([{"value": 262.0, "unit": "起", "qualifier": "exact", "object": "排查矛盾纠纷"}], gold)
>>> counts.tp, counts.fp, counts.fn, counts.object_right
(1, 0, 0, 1)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, fields
from typing import Any, Iterable, Mapping, Optional, Union

from .numbers import significant
from .script import fold

Record = Union[Mapping[str, Any], Any]  # a gold dict, a Metric, or a Metric dump


def _get(record: Record, name: str) -> Any:
    if isinstance(record, Mapping):
        return record.get(name)
    return getattr(record, name, None)


def normalise_unit(unit: Optional[str]) -> str:
    """Unit as compared: simplified, 个百分点 -> pp.

    >>> normalise_unit("個百分點"), normalise_unit("項"), normalise_unit(None)
    ('pp', '项', '')
    """
    unit = fold(unit or "")
    return "pp" if unit == "个百分点" else unit


def match_key(record: Record) -> tuple[float, str, str]:
    """What a predicted and a gold metric must share to match."""
    return (
        significant(float(_get(record, "value"))),
        normalise_unit(_get(record, "unit")),
        _get(record, "qualifier") or "exact",
    )


def char_f1(predicted: str, gold: str) -> float:
    """Character-level F1 of two strings (as multisets of characters).

    >>> round(char_f1("村居法律顾问", "村居"), 2)
    0.5
    """
    if not predicted or not gold:
        return 0.0
    common = sum((Counter(predicted) & Counter(gold)).values())
    if not common:
        return 0.0
    precision, recall = common / len(predicted), common / len(gold)
    return 2 * precision * recall / (precision + recall)


def object_matches(predicted: Optional[str], gold: Optional[str]) -> bool:
    """Containment either way, or character F1 of at least 0.5.

    >>> object_matches("街道各部门报送合同", "合同"), object_matches("方面", "具体措施")
    (True, False)
    """
    if not predicted or not gold:
        return not predicted and not gold
    predicted, gold = fold(predicted), fold(gold)
    return predicted in gold or gold in predicted or char_f1(predicted, gold) >= 0.5


@dataclass
class Counts:
    """Mention-level counts; add them up across files with ``+``."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    ignored: int = 0  # predictions matched to doubtful gold
    object_right: int = 0
    kind_right: int = 0
    change_right: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def matched(self) -> int:
        return self.tp

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def object_accuracy(self) -> float:
        return self.object_right / self.tp if self.tp else 1.0

    def as_dict(self) -> dict[str, float]:
        data: dict[str, float] = {f.name: getattr(self, f.name) for f in fields(self)}
        data.update(precision=self.precision, recall=self.recall, f1=self.f1,
                    object_accuracy=self.object_accuracy)
        return data


def score_file(predicted: Iterable[Record], gold: Iterable[Mapping[str, Any]]) -> Counts:
    """Counts for one file: *predicted* metrics against its *gold* metric dicts."""
    pool: dict[tuple, list[Record]] = {}
    for record in predicted:
        pool.setdefault(match_key(record), []).append(record)
    gold = list(gold)
    counts = Counts()
    for item in sorted(gold, key=lambda g: bool(g.get("doubtful"))):
        candidates = pool.get(match_key(item), [])
        if not candidates:
            counts.fn += 0 if item.get("doubtful") else 1
            continue
        chosen = max(candidates, key=lambda p: _object_similarity(p, item))
        candidates.remove(chosen)
        if item.get("doubtful"):
            counts.ignored += 1
            continue
        counts.tp += 1
        counts.object_right += object_matches(_get(chosen, "object"), item.get("object"))
        counts.kind_right += (_get(chosen, "kind") or "count") == (item.get("kind") or "count")
        counts.change_right += _get(chosen, "change") == item.get("change")
    counts.fp += sum(len(left) for left in pool.values())
    return counts


def _object_similarity(predicted: Record, gold: Mapping[str, Any]) -> tuple[bool, float]:
    p, g = _get(predicted, "object"), gold.get("object")
    return object_matches(p, g), char_f1(fold(p or ""), fold(g or ""))


Pairs = Mapping[str, tuple[Iterable[Record], Iterable[Mapping[str, Any]]]]


def score_corpus(files: Pairs) -> tuple[dict[str, Counts], Counts]:
    """Per-file counts and their total, for {name: (predicted, gold)}."""
    per_file = {name: score_file(p, g) for name, (p, g) in files.items()}
    total = sum(per_file.values(), Counts())
    return per_file, total


def format_scores(per_file: Mapping[str, Counts], total: Counts) -> str:
    """A plain table: one line per file, then the total."""
    lines = [f"{'file':48} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6} {'obj':>6}"]
    for name, c in list(per_file.items()) + [("TOTAL", total)]:
        lines.append(
            f"{name[:48]:48} {c.tp:4d} {c.fp:4d} {c.fn:4d} "
            f"{c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.object_accuracy:6.3f}"
        )
    return "\n".join(lines)
