"""Field-level scores on the real documents of ../shared/corpus/real (web texts, other 公文)."""

import pytest

from govdoc_parser.evaluation import evaluate_folder

from .conftest import shared_path

FLOORS = {"title": 0.9, "sections": 0.95, "addressees": 0.95, "signature_date": 0.9,
          "document_number": 0.9, "doc_type": 0.9}


@pytest.fixture(scope="module")
def result():
    real = shared_path("corpus", "real")
    return evaluate_folder(real / "gold", real)


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_field_f1(result, field):
    assert not result.errors
    assert result.exact[field].f1 >= FLOORS[field], (field, result.exact[field])
