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

__all__ = ["parse", "check", "ingest", "to_dataframe", "Report", "Metric", "GovdocError", "__version__"]


def parse(source, *, engine: str = "pdfium", metrics: bool = True, max_pages: int = 2000, ocr: bool = True,
          timeout: float | None = None, name: str | None = None) -> Report:
    """Parse one document (PDF, text, markdown, HTML, DOCX, OFD or an image) into a Report.

    ``source``: a path (``str`` or ``os.PathLike``), the file's ``bytes``, or a binary file
    object (``open(f, "rb")``, ``sys.stdin.buffer``, ``io.BytesIO``), which is read to its
    end. All three give the same Report (``source.sha256`` included) except
    ``source.path``: for bytes ``"<bytes>"``, for a file object its ``name``; ``name``
    overrides both, and its suffix (like a path's) tells ``.md`` from ``.txt`` and refuses
    content that does not match it (``wrong_format``). Without a suffix the format is
    recognised from the content.

    ``engine``: ``pdfium`` (fast) or ``pdfplumber`` for PDFs, which give the same Report;
    ``ocr``: OCR pages without a text layer when the OCR extra is installed;
    ``timeout``: seconds before ``ParseTimeout``
    (default: no limit; enforced on the main thread of POSIX systems only). Every failure
    raises a ``GovdocError`` subclass (see ``govdoc_parser.errors``).
    """
    import os

    from .pipeline import parse_file

    options = dict(engine=engine, metrics=metrics, max_pages=max_pages, ocr=ocr, timeout=timeout)
    if isinstance(source, (str, os.PathLike)):
        report = parse_file(source, **options)
        if name is not None:
            report.source.path = name
        return report
    if isinstance(source, (bytes, bytearray, memoryview)):
        return _parse_data(bytes(source), name or "<bytes>", options)
    if hasattr(source, "read"):
        if name is None:
            given = getattr(source, "name", None)
            name = given if isinstance(given, str) else "<bytes>"  # a file opened on a descriptor: an int
        return _parse_data(_read_stream(source, name), name, options)
    raise TypeError(f"parse() takes a path, bytes or a binary file object, not {type(source).__name__}")


def _read_stream(stream, name: str) -> bytes:
    """The rest of a binary file object, at most ``limits.MAX_FILE_BYTES``."""
    from . import errors, limits

    try:
        data = stream.read(limits.MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise errors.FileUnreadable(f"cannot read the file ({exc.strerror or exc})", name) from exc
    if isinstance(data, str):
        raise TypeError("parse() needs a binary file object: open the file with mode 'rb'")
    if len(data) > limits.MAX_FILE_BYTES:
        raise errors.TooLarge(f"more than the limit of {limits.MAX_FILE_BYTES // limits.MB} MB", name)
    return bytes(data)


def _parse_data(data: bytes, name: str, options: dict) -> Report:
    """Parse ``data`` as the file ``name`` would be: written to a private temporary folder
    under a name with the same suffix, parsed as a path (so every reader and limit applies
    unchanged), then ``source.path`` and error messages name ``name``, not the copy."""
    import tempfile
    from pathlib import PurePath

    from .pipeline import parse_file

    suffix = PurePath(name).suffix if name not in ("<bytes>", "<stdin>") else ""
    with tempfile.TemporaryDirectory(prefix="govdoc-") as folder:
        copy = PurePath(folder, "document" + suffix)
        with open(copy, "wb") as handle:
            handle.write(data)
        try:
            report = parse_file(copy, **options)
        except GovdocError as exc:
            exc.message = exc.message.replace(str(copy), name)
            exc.args = (exc.message,)
            if exc.path is None or exc.path == str(copy):
                exc.path = name
            raise
    report.source.path = name
    return report


def check(report, previous=None, **options):
    """GB/T 9704 and annual-report content checks of a Report, with indicators: a validated
    ``CheckResult`` (``findings``, ``indicators``); ``previous``: the same issuer's report of the
    year before (see ``govdoc_parser.checks.check`` and docs/checks.md)."""
    from .checks import check as run

    return run(report, previous, **options)


def ingest(paths, *, db=None, **options):
    """Parse every document under ``paths`` into the SQLite database ``db``; returns an IngestSummary.

    Options: ``workers`` (default: all cores), ``timeout`` (seconds per file, default 300),
    ``max_pages``, ``engine``, ``metrics``, ``ocr``, ``retry_errors``, ``executor``, ``progress``;
    ``client``, a ``distributed.Client``: parse on its Dask cluster, and with ``parquet_dir``
    write a Parquet dataset there instead of ``db`` (see ``govdoc_parser.store.ingest.ingest``).

    Safe to call from anywhere: a script without an ``if __name__ == "__main__":`` guard,
    ``python - < script.py``, the REPL or a Jupyter notebook. The worker processes start
    from a fork server (spawn where there is none) and are never given your ``__main__``
    to import again, so your script is not run a second time in each worker and nothing
    depends on it being importable; the result is one ``IngestSummary``.
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
