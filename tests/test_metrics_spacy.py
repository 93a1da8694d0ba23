"""The optional spaCy component (skipped when spaCy is not installed)."""

import pytest

spacy = pytest.importorskip("spacy")

from spacy.tokens import Doc  # noqa: E402

from govdoc_parser import spacy_component  # noqa: E402


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh")  # per-character segmenter, no model download
    nlp.add_pipe("govdoc_metrics")
    return nlp


def test_spans_carry_metrics(nlp):
    doc = nlp("共排查矛盾纠纷 262 起，化解261起。\n全區累計組織各類學習、培訓、宣講1.2萬余次。")
    spans = doc.spans["govdoc_metrics"]
    assert [s.text for s in spans] == ["262 起", "261起", "1.2萬余次"]
    assert [s._.metric.object for s in spans] == ["矛盾纠纷", "矛盾纠纷", "各類學習、培訓、宣講"]
    assert spans[1].label_ == "dispute_resolution.disputes_resolved"
    assert spans[2]._.metric.value == 12000


def test_docs_still_serialise(nlp):
    doc = nlp("审核合同5份")
    copy = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert copy.spans["govdoc_metrics"][0]._.metric.object == "合同"


def test_factory_and_config(nlp):
    assert "govdoc_metrics" in nlp.pipe_names
    other = spacy.blank("zh")
    other.add_pipe("govdoc_metrics", config={"spans_key": "figures"})
    doc = other("召开会议3次")
    assert [s.text for s in doc.spans["figures"]] == ["3次"]
    assert spacy_component.make_govdoc_metrics is not None


def test_core_does_not_import_spacy():
    import subprocess
    import sys

    code = "import sys, govdoc_parser.metrics as m; m.extract_metrics([]); print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
