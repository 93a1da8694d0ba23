"""The SQLite store: five tables, WAL mode, one transaction per document.

``documents`` one row per parsed file (``sha256`` UNIQUE), with the Report as JSON;
``sections`` and ``metrics`` one row per section / metric, pointing at their document;
``tables`` one row per table cell (document, table, row, column, text, standard key);
``errors`` one row per file that could not be parsed (code and message).
Only the process that opened the database writes to it.

``connect`` refuses, each with its own error (``errors.DatabaseFault`` and subclasses, one
line and one exit code in the CLI): a folder that does not exist, a file that is not a
SQLite database, one shorter than its header says (truncated), one that fails ``PRAGMA
quick_check`` (before ingest writes a row into it), a read-only one for writing. Export and
compare open the database read-only (``mode=ro``; ``immutable`` in a read-only folder,
where SQLite cannot make the WAL's shared-memory file). ``database_error`` names what an
``sqlite3.Error`` met later means (a full disk, a corrupt page …).
"""

from __future__ import annotations

import json
import os
import sqlite3
import urllib.parse
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Collection, Iterator, NamedTuple, Optional

from .. import errors
from ..elements.issuers import issuer_key
from ..elements.reporting import report_year

SCHEMA_VERSION = 4  # 2: the tables table; 3: documents.parser (version, rules hash, options);
# 4: metrics.period_role and metrics.state. Older databases gain them.

# table -> [(column, SQL declaration)]; the export types follow the declarations
TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("id", "INTEGER PRIMARY KEY"), ("path", "TEXT NOT NULL"), ("sha256", "TEXT NOT NULL UNIQUE"),
        ("format", "TEXT"), ("doc_type", "TEXT"), ("issuers", "TEXT"), ("issuer_key", "TEXT"),
        ("docno_raw", "TEXT"), ("docno_agency_code", "TEXT"), ("docno_year", "INTEGER"),
        ("docno_serial", "INTEGER"), ("title", "TEXT"), ("year_reported", "INTEGER"),
        ("year_source", "TEXT"), ("signature_date", "TEXT"), ("printed_on", "TEXT"),
        ("pages", "INTEGER"), ("warnings", "TEXT"), ("parsed_at", "TEXT"), ("report_json", "TEXT NOT NULL"),
        ("parser", "TEXT"),  # parser version, rules hash and options: another parser means parse again
    ],
    "sections": [
        ("id", "INTEGER PRIMARY KEY"),
        ("document_id", "INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE"),
        ("ord", "INTEGER"), ("number", "TEXT"), ("level", "INTEGER"), ("heading", "TEXT"), ("path", "TEXT"),
    ],
    "metrics": [
        ("id", "INTEGER PRIMARY KEY"),
        ("document_id", "INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE"),
        ("ord", "INTEGER"), ("key", "TEXT"), ("object", "TEXT"), ("action", "TEXT"), ("value", "REAL"),
        ("unit", "TEXT"), ("qualifier", "TEXT"), ("kind", "TEXT"), ("change", "TEXT"), ("period", "TEXT"),
        ("page", "INTEGER"), ("line", "INTEGER"), ("text", "TEXT"), ("sentence", "TEXT"), ("section", "TEXT"),
        ("period_role", "TEXT"), ("state", "TEXT"),
    ],
    "tables": [
        ("id", "INTEGER PRIMARY KEY"),
        ("document_id", "INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE"),
        ("ord", "INTEGER"), ("table_index", "INTEGER"), ("caption", "TEXT"), ("form", "TEXT"),
        ("row_index", "INTEGER"), ("column_index", "INTEGER"), ("row_span", "INTEGER"), ("column_span", "INTEGER"),
        ("header", "INTEGER"), ("text", "TEXT"), ("key", "TEXT"), ("value", "REAL"), ("page", "INTEGER"),
    ],
    "errors": [
        ("id", "INTEGER PRIMARY KEY"), ("path", "TEXT NOT NULL"), ("sha256", "TEXT"), ("code", "TEXT NOT NULL"),
        ("message", "TEXT"), ("failed_at", "TEXT"),
    ],
}
INDEXES = [
    "CREATE INDEX IF NOT EXISTS sections_document ON sections(document_id)",
    "CREATE INDEX IF NOT EXISTS metrics_document ON metrics(document_id)",
    "CREATE INDEX IF NOT EXISTS metrics_key ON metrics(key)",
    "CREATE INDEX IF NOT EXISTS tables_document ON tables(document_id)",
    "CREATE INDEX IF NOT EXISTS documents_issuer ON documents(issuer_key, year_reported)",
    # storing a document deletes the row of an older content at its path, and its errors row:
    # without these every write scans both tables
    "CREATE INDEX IF NOT EXISTS documents_path ON documents(path)",
    "CREATE INDEX IF NOT EXISTS errors_sha256 ON errors(sha256)",
    "CREATE INDEX IF NOT EXISTS errors_path ON errors(path)",
    # an unreadable file has no sha256: it is known by its path
    "CREATE UNIQUE INDEX IF NOT EXISTS errors_file ON errors(ifnull(sha256, 'path:' || path))",
]
TIMESTAMPS = {"parsed_at", "failed_at"}
JSON_COLUMNS = {"documents": {"issuers", "warnings", "report_json"}, "sections": {"path"}, "metrics": {"section"}}


SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_BYTES = 100
QUICK_CHECK_ERRORS = 3  # problems quick_check names in the message


def connect(path: str | Path, *, create: bool = True) -> sqlite3.Connection:
    """Open the database for writing (``create``: made when missing, checked with ``PRAGMA
    quick_check`` when it exists), or read-only for export and compare (``create=False``: it
    must exist and be a govdoc ingest database). Autocommit, transactions via ``transaction``.
    Every failure is an ``errors.DatabaseFault`` (or ``DiskFull``)."""
    path = Path(path)
    try:
        return _open_write(path) if create else _open_read(path)
    except sqlite3.Error as exc:
        raise database_error(exc, path) from exc


def _open_write(path: Path) -> sqlite3.Connection:
    folder = path.parent
    if not folder.is_dir():
        raise errors.DatabaseMissing(f"the folder {_show(folder)} does not exist", _show(path))
    existed = path.exists()
    if existed:
        check_file(path)
    if not os.access(folder, os.W_OK) or (existed and not os.access(path, os.W_OK)):
        what = "the database file" if existed and os.access(folder, os.W_OK) else f"its folder {_show(folder)}"
        raise errors.DatabaseReadOnly(f"cannot write to the database: {what} is read-only", _show(path))
    conn = sqlite3.connect(path, isolation_level=None, timeout=60)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if existed and path.stat().st_size:
            quick_check(conn, path)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # in WAL mode: atomic and safe against a killed process
        conn.execute("PRAGMA foreign_keys=ON")
        _check_version(version, path)
        if version < SCHEMA_VERSION:
            _migrate(conn)
        else:  # indexes added within a schema version
            _index(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _open_read(path: Path) -> sqlite3.Connection:
    if not path.exists():
        where = path.parent
        raise errors.DatabaseMissing(f"no database here (the folder {_show(where)} does not exist)"
                                     if not where.is_dir() else "no database here", _show(path))
    check_file(path)
    uri = "file:" + urllib.parse.quote(os.fsencode(path.absolute())) + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=60)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorname", "") != "SQLITE_CANTOPEN" or os.access(path.parent, os.W_OK):
            raise
        # a WAL database in a read-only folder: no shared-memory file can be made beside it,
        # and nothing can write to it either
        conn = sqlite3.connect(uri.replace("mode=ro", "immutable=1"), uri=True, isolation_level=None)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    try:
        if version == 0:
            raise errors.NotADatabase("a SQLite database, but not one of govdoc ingest (no govdoc tables)",
                                      _show(path))
        _check_version(version, path)
        conn.row_factory = sqlite3.Row
        if version < SCHEMA_VERSION:
            _shim(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _check_version(version: int, path: Path) -> None:
    if version > SCHEMA_VERSION:
        raise errors.DatabaseFault(f"schema version {version}; this govdoc-parser reads up to {SCHEMA_VERSION}",
                                   _show(path))


def _migrate(conn: sqlite3.Connection) -> None:
    """Create the tables, and add the columns a later schema version added."""
    with transaction(conn):
        for table, columns in TABLES.items():
            body = ", ".join(f"{name} {decl}" for name, decl in columns)
            conn.execute(f"CREATE TABLE IF NOT EXISTS {table} ({body})")
            present = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
            for name, decl in columns:
                if name not in present:  # a column a later schema version added
                    conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {decl.replace('NOT NULL', '')}")
        _index(conn)
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")


def _index(conn: sqlite3.Connection) -> None:
    for statement in INDEXES:
        conn.execute(statement)


def _shim(conn: sqlite3.Connection) -> None:
    """An older database opened read-only reads as the current schema: temporary views (which
    come before the database's own tables by name) give the missing tables and columns as NULL."""
    for table, columns in TABLES.items():
        present = {row[1] for row in conn.execute(f"PRAGMA main.table_info({table})")}
        if present >= {name for name, _ in columns}:
            continue
        values = ", ".join(name if name in present else f"NULL AS {name}" for name, _ in columns)
        source = f"main.{table}" if present else "(SELECT 1) WHERE 0"
        conn.execute(f"CREATE TEMP VIEW {table} AS SELECT {values} FROM {source}")


def check_file(path: Path) -> None:
    """Refuse what is no SQLite database (``NotADatabase``), or one cut short (``DatabaseTruncated``:
    shorter than the size its header gives), from its first bytes; an empty file is a new database."""
    if path.is_dir():
        raise errors.NotADatabase("a folder, not a database file", _show(path))
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(HEADER_BYTES)
    except OSError as exc:
        raise errors.DatabaseFault(f"cannot read the database ({exc.strerror or exc})", _show(path)) from exc
    if not size:
        return
    if len(head) < len(SQLITE_MAGIC):
        if SQLITE_MAGIC.startswith(head):
            raise errors.DatabaseTruncated(f"truncated: {size} bytes, less than a SQLite header", _show(path))
        raise errors.NotADatabase("not a SQLite database", _show(path))
    if not head.startswith(SQLITE_MAGIC):
        raise errors.NotADatabase("not a SQLite database", _show(path))
    if len(head) < HEADER_BYTES:
        raise errors.DatabaseTruncated(f"truncated: {size} bytes, less than a SQLite header", _show(path))
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    wal = path.with_name(path.name + "-wal")
    valid = pages and head[24:28] == head[92:96]  # the header's page count is valid (SQLite's file format, 1.3.7)
    if valid and size < pages * page_size and not (wal.exists() and wal.stat().st_size):
        raise errors.DatabaseTruncated(f"truncated: {size} bytes of the {pages * page_size} its header gives",
                                       _show(path))


def quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """``DatabaseCorrupt`` unless SQLite's ``PRAGMA quick_check`` finds the database sound
    (b-trees, pages, records; it reads every page once, without checking that indexes match)."""
    try:
        problems = [row[0] for row in conn.execute(f"PRAGMA quick_check({QUICK_CHECK_ERRORS})")]
    except sqlite3.DatabaseError as exc:  # so damaged that the check itself stops
        if getattr(exc, "sqlite_errorname", "SQLITE_CORRUPT").startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
            problems = [str(exc)]
        else:
            raise
    if problems != ["ok"]:
        text = "; ".join(line for p in problems for line in p.splitlines() if not line.startswith("***"))
        raise errors.DatabaseCorrupt(f"the database is damaged (quick_check: {text})", _show(path))


def database_error(exc: BaseException, path: str | Path) -> errors.GovdocError:
    """The user's error for what SQLite raised on ``path``."""
    if isinstance(exc, errors.GovdocError):
        return exc
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    where = _show(Path(path))
    folder = Path(path).parent
    if name.startswith("SQLITE_FULL") or "disk is full" in text or (
            name.startswith("SQLITE_IOERR") and _no_space(folder)):
        return errors.DiskFull(f"the disk is full: {text}", where)
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text:
        return errors.DatabaseCorrupt(f"the database is damaged ({text})", where)
    if name.startswith("SQLITE_NOTADB") or "not a database" in text:
        return errors.NotADatabase("not a SQLite database", where)
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return errors.DatabaseReadOnly(f"cannot write to the database ({text})", where)
    if name.startswith("SQLITE_CANTOPEN") and not folder.is_dir():
        return errors.DatabaseMissing(f"the folder {_show(folder)} does not exist", where)
    return errors.DatabaseFault(text or type(exc).__name__, where)


def _no_space(folder: Path) -> bool:
    try:
        return os.statvfs(folder).f_bavail == 0
    except (OSError, AttributeError):
        return False


def _show(path: Path) -> str:
    return text_of(str(path))


def text_of(value: str) -> str:
    r"""``value`` as valid UTF-8 text: the undecodable bytes of a file name (lone surrogates, by
    ``surrogateescape``) become ``\xNN`` escapes, other lone surrogates ``\udNNN``.

    >>> text_of("a\udcffb.txt"), text_of("青川.txt")
    ('a\\xffb.txt', '青川.txt')
    """
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        pass
    try:
        data = value.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return data.decode("utf-8", "backslashreplace")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # (a COMMIT that failed, on a full disk, leaves the transaction open)
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # the first error is the one to report
        raise


def known_hashes(conn: sqlite3.Connection, *, retry: Optional[Collection[str]] = (),
                 parser: Optional[str] = None) -> set[str]:
    """sha256 of every file already stored: parsed (by ``parser``, when given), or failed with a
    code not in ``retry``.

    ``retry=None`` retries every failed file.
    """
    query, values = "SELECT sha256 FROM documents", []
    if parser is not None:
        query, values = query + " WHERE parser = ?", [parser]
    if retry is not None:
        codes = list(retry)
        query += (" UNION SELECT sha256 FROM errors WHERE sha256 IS NOT NULL"
                  f" AND code NOT IN ({', '.join('?' * len(codes))})")
        values += codes
    return {row[0] for row in conn.execute(query, values)}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _insert_sql(table: str, row: dict, verb: str = "INSERT") -> str:
    return f"{verb} INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})"


def document_row(path: str, sha256: str, report: dict, report_json: str, parser: Optional[str] = None) -> dict:
    header = report.get("header") or {}
    number = header.get("document_number") or {}
    year = report_year(report)
    issuers = header.get("issuers") or []
    warnings = [w["code"] for w in report.get("warnings", [])] + ([year.warning] if year.warning else [])
    return {
        "path": path, "sha256": sha256, "format": report["source"]["format"], "doc_type": report.get("doc_type"),
        "issuers": _json(issuers),
        "issuer_key": (report.get("reporting") or {}).get("issuer_key") or (issuer_key(issuers[0]) if issuers else None),
        "docno_raw": number.get("raw"), "docno_agency_code": number.get("agency_code"),
        "docno_year": number.get("year"), "docno_serial": number.get("serial"),
        "title": report.get("title"), "year_reported": year.value, "year_source": year.source,
        "signature_date": (report.get("signature") or {}).get("date"),
        "printed_on": (report.get("imprint") or {}).get("printed_on"),
        "pages": report["source"].get("pages"), "warnings": _json(warnings),
        "parsed_at": _now(), "report_json": report_json, "parser": parser,
    }


def section_rows(report: dict) -> list[dict]:
    """Every section depth first, with its path: the number+heading labels from the top down
    (rows of the child tables leave out ``document_id``, known only once the document is stored)."""
    rows = []
    stack = [(section, []) for section in reversed(report.get("sections", []))]
    while stack:
        section, parents = stack.pop()
        path = parents + [section["number"] + section["heading"]]
        rows.append({"ord": len(rows), "number": section["number"],
                     "level": section["level"], "heading": section["heading"], "path": _json(path)})
        stack.extend((child, path) for child in reversed(section.get("children", [])))
    return rows


def metric_rows(report: dict) -> list[dict]:
    fields = ("key", "object", "action", "value", "unit", "qualifier", "kind", "change", "period", "period_role", "state")
    return [
        {"ord": i, **{f: m.get(f) for f in fields},
         "page": (m.get("where") or {}).get("page"), "line": (m.get("where") or {}).get("line"),
         "text": m.get("text"), "sentence": m.get("sentence"), "section": _json(m.get("section", []))}
        for i, m in enumerate(report.get("metrics", []))
    ]


def cell_rows(report: dict) -> list[dict]:
    """One row per cell of every table (the main document's, then the attached ones')."""
    tables = list(report.get("tables") or []) + [
        t for attached in report.get("attached_documents") or [] for t in attached.get("tables") or []]
    rows = []
    for index, table in enumerate(tables):
        for cell in table["cells"]:
            rows.append({
                "ord": len(rows), "table_index": index, "caption": table.get("caption"),
                "form": table.get("form"), "row_index": cell["row"], "column_index": cell["column"],
                "row_span": cell["row_span"], "column_span": cell["column_span"], "header": int(cell["header"]),
                "text": cell["text"], "key": cell.get("key"), "value": _figure(cell["text"]),
                "page": (cell.get("where") or {}).get("page"),
            })
    return rows


def _figure(text: str):
    from ..tables.standard import value_of

    return value_of(text)


class DocumentRows(NamedTuple):
    """The rows of one parsed file, made where it was parsed (a worker), so that the one
    process that writes only inserts them; the child rows have no ``document_id`` yet."""

    document: dict
    sections: list[dict]
    metrics: list[dict]
    tables: list[dict]


CHILD_TABLES = ("sections", "metrics", "tables")


def document_rows(path: str, sha256: str, report_json: str, parser: Optional[str] = None) -> DocumentRows:
    report = json.loads(report_json)
    return DocumentRows(document_row(text_of(path), sha256, report, report_json, parser),
                        section_rows(report), metric_rows(report), cell_rows(report))


def write_document(conn: sqlite3.Connection, path: str, sha256: str, report_json: str,
                   parser: Optional[str] = None, replace: bool = False) -> bool:
    """Store one Report (JSON text) and its sections, metrics and table cells in one transaction
    (``write_rows``)."""
    return write_rows(conn, document_rows(path, sha256, report_json, parser), replace=replace)


def write_rows(conn: sqlite3.Connection, rows: DocumentRows, replace: bool = False) -> bool:
    """Store one document's rows in one transaction.

    When the rows name their ``parser`` (the parser's version, rules hash and options), a row of
    this file parsed by another parser, and the row of an older content of the same path (an
    edited file), are replaced; ``replace`` replaces this file's row whatever parsed it. False
    when a document with this sha256 is already there (nothing is written).
    """
    row = rows.document
    path, sha256, parser = row["path"], row["sha256"], row["parser"]
    with transaction(conn):
        if parser is not None or replace:
            conn.execute("DELETE FROM documents WHERE (sha256 = ? AND (? OR ifnull(parser, '') != ?))"
                         " OR (path = ? AND sha256 != ?)", (sha256, replace, parser or "", path, sha256))
        cursor = conn.execute(_insert_sql("documents", row, "INSERT OR IGNORE"), tuple(row.values()))
        if cursor.rowcount == 0:
            return False
        document_id = cursor.lastrowid
        for table in CHILD_TABLES:
            children = getattr(rows, table)
            if children:
                sql = _insert_sql(table, {"document_id": document_id, **children[0]})
                conn.executemany(sql, [(document_id, *child.values()) for child in children])
        conn.execute("DELETE FROM errors WHERE sha256 = ? OR (sha256 IS NULL AND path = ?)", (sha256, path))
    return True


def write_error(conn: sqlite3.Connection, path: str, sha256: Optional[str], code: str, message: str) -> None:
    """Record (or replace) the failure of one file."""
    row = {"path": text_of(path), "sha256": sha256, "code": code, "message": text_of(message), "failed_at": _now()}
    with transaction(conn):
        conn.execute(_insert_sql("errors", row, "INSERT OR REPLACE"), tuple(row.values()))


def error_of(conn: sqlite3.Connection, sha256: Optional[str]) -> Optional[tuple[str, str]]:
    """(code, message) of the failure recorded for this content, if any."""
    row = conn.execute("SELECT code, message FROM errors WHERE sha256 = ?", (sha256,)).fetchone()
    return (row[0], row[1]) if row else None
