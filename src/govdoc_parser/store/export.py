"""Tables of an ingest database out as CSV, JSON lines, Parquet or a pandas DataFrame.

``sections`` and ``metrics`` rows come with their document's sha256, path, issuer key and
year reported. In JSON lines the JSON-valued columns (issuers, path, section …) are
decoded; CSV and Parquet keep them as JSON text. Parquet needs pyarrow (the ``parquet``
extra), imported only when asked for.

CSV follows RFC 4180 as Excel reads it: CRLF line ends, and every value holding a comma,
a quote, ``\r`` or ``\n`` quoted. ``bom=True`` starts it with a UTF-8 byte-order mark, which
Excel needs to read Chinese text as UTF-8 rather than the system code page; ``govdoc
export`` writes it by default (``--no-bom`` leaves it out), ``export()`` only when asked.
A file is written whole or not at all: to a temporary file in the same folder, renamed
over ``output`` at the end (missing folders are created). ``to_dataframe`` keeps INTEGER
columns as integers (pandas' nullable ``Int64``, NULL as ``<NA>``) rather than floats.

The database is opened read-only (``db.connect(create=False)``) and never written to; a
database that cannot be read raises one of ``errors.DatabaseFault``, a full disk under the
output ``errors.DiskFull`` (nothing is left of the output file).
"""

from __future__ import annotations

import csv
import errno
import io
import json
import sqlite3
import sys
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Iterator, Optional

from .. import errors
from .db import JSON_COLUMNS, TABLES, connect, database_error

FORMATS = ("csv", "jsonl", "parquet")
_DOCUMENT = [("document_sha256", "d.sha256"), ("document_path", "d.path"),
             ("issuer_key", "d.issuer_key"), ("year_reported", "d.year_reported")]


class ExportError(Exception):
    """Export cannot go on (missing optional dependency, unknown table …)."""


def query(table: str) -> str:
    if table not in TABLES:
        raise ExportError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    if table in ("documents", "errors"):
        return f"SELECT * FROM {table} ORDER BY id"
    extra = ", ".join(f"{expr} AS {name}" for name, expr in _DOCUMENT)
    return (f"SELECT t.id, t.document_id, {extra}, {', '.join('t.' + c for c, _ in TABLES[table][2:])} "
            f"FROM {table} t JOIN documents d ON d.id = t.document_id ORDER BY t.document_id, t.ord")


def column_types(table: str) -> dict[str, str]:
    """Column -> INTEGER | REAL | TEXT, in the order ``query(table)`` returns them."""
    declared = {name: decl.split()[0] for name, decl in TABLES[table]}
    if table in ("documents", "errors"):
        return declared
    extra = {name: "INTEGER" if name == "year_reported" else "TEXT" for name, _ in _DOCUMENT}
    own = list(declared.items())
    return {**dict(own[:2]), **extra, **dict(own[2:])}


def _to_stdout(path: Optional[Path]) -> bool:
    return path is None or str(path) == "-"


@contextmanager
def _output(path: Optional[Path], encoding: str = "utf-8"):
    """stdout, or a file that appears whole when the block ends (``output.files.atomic_open``)."""
    if _to_stdout(path):
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a replaced stdout that takes only text
            if encoding == "utf-8-sig":
                sys.stdout.write("\ufeff")
            yield sys.stdout
            return
        sys.stdout.flush()
        handle = io.TextIOWrapper(buffer, encoding=encoding, newline="")  # our line ends, untranslated
        try:
            yield handle
        finally:
            handle.flush()
            handle.detach()  # stdout stays open
        return
    from ..output.files import atomic_open

    with atomic_open(path, "w", encoding=encoding, newline="") as handle:
        yield handle


def _batches(conn, table: str, size: int = 10_000) -> Iterator[list[tuple]]:
    cursor = conn.execute(query(table))
    while batch := cursor.fetchmany(size):
        yield [tuple(row) for row in batch]


def export(db: str | Path, table: str = "metrics", fmt: str = "csv", output: Optional[Path] = None, *,
           bom: bool = False) -> int:
    """Write ``table`` to ``output`` (stdout when None or '-'); returns the number of rows.
    ``bom``: start a CSV with the UTF-8 byte-order mark (for Excel)."""
    try:
        return _export(db, table, fmt, output, bom)
    except sqlite3.Error as exc:
        raise database_error(exc, db) from exc
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise errors.DiskFull(f"the disk is full: cannot write the output ({exc.strerror})",
                                  "stdout" if _to_stdout(output) else str(output)) from exc
        raise


def _export(db: str | Path, table: str, fmt: str, output: Optional[Path], bom: bool) -> int:
    columns = list(column_types(table))
    with closing(connect(db, create=False)) as conn:
        if fmt == "parquet":
            return _parquet(conn, table, output)
        count = 0
        with _output(output, "utf-8-sig" if bom and fmt == "csv" else "utf-8") as handle:
            # CRLF, so that a value holding \r is quoted too (the csv module quotes the line end's characters)
            writer = csv.writer(handle, lineterminator="\r\n") if fmt == "csv" else None
            if writer:
                writer.writerow(columns)
            decode = JSON_COLUMNS.get(table, set())
            for batch in _batches(conn, table):
                count += len(batch)
                if writer:
                    writer.writerows(batch)
                    continue
                for row in batch:
                    record = {c: json.loads(v) if c in decode and v is not None else v for c, v in zip(columns, row)}
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return count


def _parquet(conn, table: str, output: Optional[Path]) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExportError("Parquet export needs pyarrow: pip install 'govdoc-parser[parquet]'") from None
    if output is None or str(output) == "-":
        raise ExportError("Parquet export needs an output file (-o FILE)")
    arrow = {"INTEGER": pa.int64(), "REAL": pa.float64(), "TEXT": pa.string()}
    schema = pa.schema([(name, arrow[kind]) for name, kind in column_types(table).items()])
    from ..output.files import atomic_path

    count = 0
    with atomic_path(output) as temporary, pq.ParquetWriter(str(temporary), schema) as writer:
        for batch in _batches(conn, table):
            count += len(batch)
            writer.write_table(pa.Table.from_pylist([dict(zip(schema.names, row)) for row in batch], schema))
    return count


def to_dataframe(db: str | Path, table: str = "metrics"):
    """``table`` as a pandas DataFrame, columns as in ``export``; INTEGER columns as ``Int64``
    (a column with NULLs would otherwise turn into floats: 2023.0)."""
    try:
        import pandas as pd
    except ImportError:
        raise ImportError("to_dataframe needs pandas: pip install pandas") from None
    with closing(connect(db, create=False)) as conn:
        try:
            frame = pd.read_sql_query(query(table), conn)
        except sqlite3.Error as exc:
            raise database_error(exc, db) from exc
    integers = {name: "Int64" for name, kind in column_types(table).items() if kind == "INTEGER" and name in frame}
    return frame.astype(integers)
