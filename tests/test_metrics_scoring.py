"""The scoring rule of metrics-annotation.md."""

from govdoc_parser.metrics.scoring import Counts, char_f1, format_scores, object_matches, score_corpus, score_file
from govdoc_parser.model import Metric


def gold(value, unit, qualifier="exact", obj=None, **extra):
    return {"value": value, "unit": unit, "qualifier": qualifier, "object": obj, "kind": "count",
            "change": None, **extra}


def test_multiset_match_on_value_unit_qualifier():
    predicted = [Metric(text="262起", value=262, unit="起", object="矛盾纠纷"),
                 Metric(text="262起", value=262, unit="起", object="矛盾纠纷"),
                 Metric(text="5次", value=5, unit="次")]
    counts = score_file(predicted, [gold(262, "起", obj="矛盾纠纷"), gold(7, "次")])
    assert (counts.tp, counts.fp, counts.fn) == (1, 2, 1)
    assert counts.precision == 1 / 3 and counts.recall == 1 / 2


def test_value_to_four_significant_digits_and_unit_folding():
    predicted = [Metric(text="1.2萬余次", value=12000.4, unit="次", qualifier="more_than"),
                 Metric(text="6.4個百分點", value=6.4, unit="個百分點", kind="percent")]
    counts = score_file(predicted, [gold(12000, "次", "more_than"), gold(6.4, "pp", kind="percent")])
    assert (counts.tp, counts.fp, counts.fn) == (2, 0, 0)


def test_qualifier_must_match():
    counts = score_file([Metric(text="533人次", value=533, unit="人次")], [gold(533, "人次", "more_than")])
    assert (counts.tp, counts.fp, counts.fn) == (0, 1, 1)


def test_doubtful_gold_is_neither_missed_nor_wrong():
    predicted = [Metric(text="两级", value=2, unit="级")]
    counts = score_file(predicted, [gold(2, "级", doubtful=True), gold(4, "级", doubtful=True)])
    assert (counts.tp, counts.fp, counts.fn, counts.ignored) == (0, 0, 0, 1)


def test_object_containment_or_char_f1():
    assert object_matches("街道各部门报送合同", "合同")
    assert object_matches("习近平法治思想专题学习", "习近平法治思想专题集中学习")
    assert not object_matches("方面", "具体措施")
    assert not object_matches(None, "具体措施")
    assert round(char_f1("abcd", "abef"), 2) == 0.5


def test_matched_pairs_prefer_the_right_object():
    predicted = [Metric(text="4次", value=4, unit="次", object="专题研讨"),
                 Metric(text="4次", value=4, unit="次", object="法治建设专题会议")]
    counts = score_file(predicted, [gold(4, "次", obj="法治建设专题会议"), gold(4, "次", obj="专题研讨")])
    assert counts.tp == 2 and counts.object_right == 2


def test_kind_and_change_compared_exactly():
    predicted = [Metric(text="50%以上", value=50, unit="%", qualifier="at_least", kind="percent", change="decrease")]
    counts = score_file(predicted, [gold(50, "%", "at_least", kind="percent", change="decrease")])
    assert counts.kind_right == 1 and counts.change_right == 1


def test_totals_and_table():
    per_file, total = score_corpus({
        "a.txt": ([Metric(text="3次", value=3, unit="次")], [gold(3, "次")]),
        "b.txt": ([], [gold(5, "件")]),
    })
    assert total == Counts(tp=1, fp=0, fn=1, object_right=1, kind_right=1, change_right=1)
    assert total.f1 == 2 / 3
    assert "TOTAL" in format_scores(per_file, total)
    assert total.as_dict()["recall"] == 0.5
