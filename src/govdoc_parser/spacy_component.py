"""The metric extractor as a spaCy pipeline component (optional extra ``[spacy]``).

Usage::

    import spacy
    nlp = spacy.blank("zh")
    nlp.add_pipe("govdoc_metrics")
    doc = nlp("共排查矛盾纠纷262起，化解261起。")
    [(s.text, s._.metric.object) for s in doc.spans["govdoc_metrics"]]
    # [('262起', '矛盾纠纷'), ('261起', '矛盾纠纷')]

The component needs no model and no tokenizer beyond ``spacy.blank("zh")`` (whose
default segmenter is per character): it runs the rule engine on each line of the text
and turns every Metric into a span of ``doc.spans["govdoc_metrics"]``, labelled with
the metric's lexicon key (or its kind), the Metric record itself in ``span._.metric``.
The record is kept as plain data (``span._.metric_data``), so docs still serialise
(``Doc.to_bytes``, ``DocBin``, ``nlp.pipe(n_process=2)``).

The core package never imports this module; it is registered by the
``spacy_factories`` entry point and, when imported, by ``@Language.factory``.
"""

from __future__ import annotations

from typing import Any

from .metrics import extract_metrics, line_units
from .model import Metric

FACTORY = "govdoc_metrics"
SPANS_KEY = "govdoc_metrics"
EXTENSION = "metric"
DATA_EXTENSION = "metric_data"

try:  # spaCy is an optional extra
    from spacy.language import Language
    from spacy.tokens import Doc, Span
except ImportError:  # pragma: no cover - exercised only without spaCy
    Language = None


class GovdocMetrics:
    """Callable pipeline component: Doc in, Doc with metric spans out."""

    def __init__(self, name: str = FACTORY, spans_key: str = SPANS_KEY) -> None:
        self.name = name
        self.spans_key = spans_key
        if not Span.has_extension(DATA_EXTENSION):
            Span.set_extension(DATA_EXTENSION, default=None)
        if not Span.has_extension(EXTENSION):
            Span.set_extension(EXTENSION, getter=_metric_of)

    def __call__(self, doc: "Doc") -> "Doc":
        spans = []
        for metric in extract_metrics(line_units(doc.text)):
            start, end = metric.where.span
            span = doc.char_span(start, end, label=metric.key or metric.kind, alignment_mode="expand")
            if span is not None:
                span._.set(DATA_EXTENSION, metric.model_dump(mode="json"))
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


def _metric_of(span: "Span"):
    data = span._.get(DATA_EXTENSION)
    return None if data is None else Metric.model_validate(data)


if Language is not None:

    @Language.factory(FACTORY, default_config={"spans_key": SPANS_KEY})
    def make_govdoc_metrics(nlp: "Language", name: str, spans_key: str) -> GovdocMetrics:
        """spaCy factory ``govdoc_metrics``."""
        return GovdocMetrics(name, spans_key)

else:  # pragma: no cover

    def make_govdoc_metrics(*args: Any, **kwargs: Any) -> Any:
        raise ImportError("the govdoc_metrics component needs spaCy: pip install 'govdoc-parser[spacy]'")


__all__ = ["GovdocMetrics", "make_govdoc_metrics", "FACTORY", "SPANS_KEY"]
