"""govdoc-parser: Chinese official documents (公文) and annual reports into data.

>>> import govdoc_parser
>>> callable(govdoc_parser.parse)
True
"""

from __future__ import annotations

__version__ = "0.2.0"

from typing import TYPE_CHECKING

from .errors import GovdocError

if TYPE_CHECKING:
    from .model import Metric, Report

__all__ = ["parse", "ingest", "to_dataframe", "Report", "Metric", "GovdocError", "__version__"]


def parse(path, *, engine: str = "pdfium", metrics: bool = True, max_pages: int = 2000, ocr: bool = True,
          timeout: float | None = None) -> Report:
    """Parse one document (PDF, text, markdown, HTML, DOCX, OFD or an image) into a Report.

    ``engine``: ``pdfium`` (fast) or ``pdfplumber`` for PDFs, which give the same Report;
    ``ocr``: OCR pages without a text layer when the OCR extra is installed;
    ``timeout``: seconds before ``ParseTimeout``
    (default: no limit; enforced on the main thread of POSIX systems only). Every failure
    raises a ``GovdocError`` subclass (see ``govdoc_parser.errors``).
    """
    from .pipeline import parse_file

    return parse_file(path, engine=engine, metrics=metrics, max_pages=max_pages, ocr=ocr, timeout=timeout)


def ingest(paths, *, db, **options):
    """Parse every document under ``paths`` into the SQLite database ``db``; returns an IngestSummary.

    Options: ``workers`` (default: all cores), ``timeout`` (seconds per file, default 300),
    ``max_pages``, ``engine``, ``metrics``, ``ocr``, ``retry_errors``, ``executor``, ``progress``
    (see ``govdoc_parser.store.ingest.ingest``).
    """
    from .store.ingest import ingest as run

    return run(paths, db=db, **options)


def to_dataframe(db, table: str = "metrics"):
    """A table of an ingest database as a pandas DataFrame (needs pandas)."""
    from .store.export import to_dataframe as convert

    return convert(db, table)


def __getattr__(name: str):
    # the models are built on first use: pydantic costs 0.2 s, too much for `govdoc --help`
    if name in ("Report", "Metric"):
        from . import model

        return getattr(model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
