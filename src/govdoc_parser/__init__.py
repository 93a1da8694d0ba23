"""govdoc-parser: Chinese official documents (公文) and annual reports into data.

>>> import govdoc_parser
>>> callable(govdoc_parser.parse)
True
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import GovdocError
from .model import Metric, Report

__all__ = ["parse", "Report", "Metric", "GovdocError", "__version__"]


def parse(path, *, engine: str = "pdfplumber", metrics: bool = True, max_pages: int = 2000) -> Report:
    """Parse one document (PDF, text or markdown) into a Report."""
    from .pipeline import parse_file

    return parse_file(path, engine=engine, metrics=metrics, max_pages=max_pages)
