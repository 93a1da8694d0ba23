"""The seed report: exactly its 10 gold metrics, with value, unit, qualifier and object."""

from govdoc_parser.metrics.scoring import match_key, object_matches

from .metrics_helpers import SEEDS, gold_metrics, metrics_of_file, require

SEED = "000_5b27542bcf530cca.txt"


def test_seed_has_exactly_its_gold_metrics():
    path = require(SEEDS / SEED)
    predicted = metrics_of_file(path)
    gold = gold_metrics(path)
    assert len(gold) == 10
    assert [match_key(m) for m in predicted] == [match_key(g) for g in gold]
    for metric, expected in zip(predicted, gold, strict=True):
        assert metric.text.replace(" ", "") == expected["mention"].replace(" ", "")
        assert object_matches(metric.object, expected["object"]), (metric.text, metric.object)
        assert (metric.kind, metric.change) == (expected["kind"], expected["change"])


def test_seed_metrics_in_detail():
    predicted = metrics_of_file(require(SEEDS / SEED))
    by_text = {m.text: m for m in predicted}
    assert by_text["533余人次"].qualifier == "more_than"
    assert by_text["50%以上"].action == "缩减" and by_text["50%以上"].change == "decrease"
    assert by_text["261 起"].object == "矛盾纠纷" and by_text["261 起"].action == "化解"
    assert by_text["261 起"].key == "dispute_resolution.disputes_resolved"
    assert by_text["831件"].period == "2021年以来"
    assert by_text["47个"].period == "截至8月上旬"
