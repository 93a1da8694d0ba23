"""Metrics split across a line or page break in a PDF (``533余人`` / ``次``) are found whole."""

import json
from functools import lru_cache

import pytest

from govdoc_parser import parse
from govdoc_parser.read import read_document

from .conftest import CORPORA

PDFS = sorted((CORPORA / "out").glob("pdf-*/*.pdf"))


@lru_cache(maxsize=None)
def split_mentions(pdf):
    """Gold mentions that no single printed line contains, and whether they cross a page."""
    gold = json.loads((CORPORA / "gold" / f"{pdf.stem}.gold.json").read_text(encoding="utf-8"))
    pages = read_document(pdf).pages
    lines = [line.text.replace(" ", "") for page in pages for line in page.lines]
    split = []
    for metric in gold["metrics"]:
        mention = metric["mention"].replace(" ", "")
        if not any(mention in line for line in lines):
            split.append(mention)
    return split


def test_the_corpus_has_split_mentions():
    assert sum(len(split_mentions(pdf)) for pdf in PDFS) >= 50


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_split_mentions_are_found_whole(pdf):
    wanted = split_mentions(pdf)
    if not wanted:
        pytest.skip("no mention split across lines in this rendition")
    found = {m.text.replace(" ", ""): m for m in parse(pdf).metrics}
    missing = [m for m in wanted if m not in found]
    assert len(missing) <= max(1, len(wanted) // 20), missing
    for mention in wanted:
        if mention in found:
            where = found[mention].where
            assert where.page is not None and where.bbox is not None
