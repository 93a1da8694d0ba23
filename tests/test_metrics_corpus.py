"""Real report excerpts (shared/corpus/real): precision, recall and object accuracy."""

import pytest

from govdoc_parser.metrics import extract_metrics, line_units
from govdoc_parser.metrics.scoring import format_scores, score_corpus

from .metrics_helpers import REAL, drop_front_matter, metric_corpus, require


@pytest.fixture(scope="module")
def scores():
    return score_corpus(metric_corpus())


def test_real_corpus_f1_and_object_accuracy(scores):
    per_file, total = scores
    print(format_scores(per_file, total))
    assert len(per_file) >= 30
    assert total.f1 >= 0.95, format_scores(per_file, total)
    assert total.object_accuracy >= 0.85, format_scores(per_file, total)


def test_real_corpus_kind_and_change(scores):
    _, total = scores
    assert total.kind_right == total.tp
    assert total.change_right == total.tp


def test_every_file_parses_and_spans_point_at_the_mention():
    for path in sorted(require(REAL).glob("*.txt")):
        text = drop_front_matter(path.read_text(encoding="utf-8"))
        for metric in extract_metrics(line_units(text)):
            start, end = metric.where.span
            assert text[start:end] == metric.text, (path.name, metric.text)
