"""benchmarks/eval_compare.py: the pair counting on a hand-made example with known scores, the
gold files' shape, and one run over our own corpus series (the scores are measured, not asserted)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "eval_compare.py"
ROLES = {"year", "cumulative", "prior_year", "stock", "target", "other"}


def _load():
    spec = importlib.util.spec_from_file_location("eval_compare", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_compare"] = module
    spec.loader.exec_module(module)
    return module


ev = _load()


def item(name, year, concept, role="year", row="R1", column=None, own=True, annotated=True, key=None, parsed=True):
    return ev.Item(id=name, series="s", year=year, text=name, sentence_start=name, annotated=annotated,
                   concept=concept, role=role, metric={"key": key} if parsed else None,
                   row=row if parsed else None, column=(column or year) if parsed and row else None,
                   own=own if parsed and row else False)


def example():
    return [
        item("a1", 2021, "A"),
        item("a2", 2022, "A"),
        item("a3", 2023, "A", row="R2"),  # the same quantity in another row
        item("a4", 2024, "A", parsed=False),  # annotated, no longer extracted
        item("b1", 2022, "B"),  # another quantity in A's row (same column as a2: no pair with it)
        item("c1", 2023, "C", role="prior_year"),  # an earlier year's figure shown as 2023's
        item("u1", 2023, None, annotated=False),  # extracted, not annotated: its pairs are not judged
        item("x1", 2021, "A", row=None),  # left out by compare
    ]


def test_pairs_on_a_hand_made_example():
    items = example()
    shown = {frozenset((a.id, b.id)) for a, b in ev.shown_pairs(items)}
    assert shown == {frozenset(p) for p in [("a1", "a2"), ("a1", "b1"), ("a1", "c1"), ("a2", "c1"), ("b1", "c1"),
                                            ("a1", "u1"), ("a2", "u1"), ("b1", "u1")]}
    gold = {frozenset((a.id, b.id)) for a, b in ev.gold_pairs(items)}
    # A in 2021 (a1, x1), 2022, 2023, 2024: every pair across years; a1-x1 are one year
    assert len(gold) == 9 and frozenset(("a1", "x1")) not in gold
    counts = ev.alignment(items)
    assert (counts["shown"], counts["shown_right"], counts["unjudged_pairs"]) == (5, 1, 3)
    assert (counts["gold"], counts["gold_found"]) == (9, 1)
    assert ev.ratio(counts["shown_right"], counts["shown"]) == pytest.approx(0.2)
    assert ev.ratio(counts["gold_found"], counts["gold"]) == pytest.approx(1 / 9)


def test_a_restated_figure_is_no_leak_and_no_own_value():
    items = [item("a1", 2021, "A"), item("p", 2022, "A", role="prior_year", column=2021, own=False),
             item("c", 2022, "A", role="cumulative", row=None)]
    assert ev.leaks(items)["leaked"] == 0 and ev.leaks(items)["other"] == 2
    assert ev.leaks(example())["leaked"] == 1  # c1
    assert ev.alignment(items)["gold"] == 0  # prior_year and cumulative figures make no gold pair
    # shown in one row but in the earlier year's column: a pair shown (right), not a gold pair found
    assert ev.alignment([item("a1", 2021, "A"), item("a2", 2022, "A", column=2021, own=False),
                         item("a3", 2023, "A")])["gold_found"] == 1


def test_key_judgements():
    items = [item("k1", 2021, "A", key="K"), item("k2", 2022, "A", key="K"), item("k3", 2023, "B", key="K"),
             item("k4", 2023, "A", key="L"), item("k5", 2022, None, key="M"),
             item("k6", 2021, "C", key="N"), item("k7", 2022, "D", key="N"), item("k8", 2023, "E", key=None)]
    judged = ev.key_judgements(items)
    assert set(judged) == {"k1", "k2", "k3", "k4", "k5", "k6", "k7"}  # k8 has no key
    assert {k for k, right in judged.items() if right} == {"k1", "k2"}


def test_match_by_text_and_sentence_start():
    metrics = [{"text": "5件", "sentence": "全年审查文件5件"}, {"text": "5件", "sentence": "另行审查合同5件"},
               {"text": "9次", "sentence": "某某会议研究9次，并且"}]
    annotations = [{"text": "5件", "sentence_start": "另行审查合同5件"}, {"text": "5件", "sentence_start": "全年审查文件5件"},
                   {"text": "9次", "sentence_start": "某某会议研究9次"}, {"text": "7次", "sentence_start": "没有了"}]
    assert ev.match(annotations, metrics) == [1, 0, 2, None]


def test_gold_files_are_well_formed():
    series = ev.load_series()
    assert {s["series"] for s in series} >= {"qingchuan", "yunling", "chenghu", "tianjin_jinghai"}
    for s in series:
        assert s.get("root") in ("project", "shared")
        years = [d["year"] for d in s["documents"]]
        # our series span years; a real issuer may have one report only (its keys are still judged)
        assert len(set(years)) >= (2 if s["root"] == "project" else 1), s["series"]
        for document in s["documents"]:
            assert not Path(document["file"]).is_absolute()
            for metric in document["metrics"]:
                assert metric["role"] in ROLES
                assert len(metric["sentence_start"]) <= ev.START
                assert metric["concept"] is None or metric["concept"].replace("_", "").isalnum()


def test_shared_series_are_skipped_without_shared(tmp_path):
    results, skipped = ev.evaluate(shared=tmp_path / "absent", roots={"shared"})
    assert results == [] and "tianjin_jinghai" in skipped


def test_run_over_our_corpus_series():
    results, skipped = ev.evaluate(roots={"project"})
    ours = {r.series for r in results if ev.group_of(r) == "our corpus"}
    assert ours == {"qingchuan", "yunling", "chenghu"} and not skipped
    for counts in [r.counts for r in results] + [ev.total(results)]:
        assert counts["annotated"] > 0 and counts["gold"] > 0
        for name, value in ev.rates(counts).items():
            assert value is None or 0.0 <= value <= 1.0, name
    page = ev.report(results, skipped)
    assert "| total: our corpus |" in page and "python benchmarks/eval_compare.py" in page
    json.dumps({r.series: ev.rates(r.counts) for r in results})
