"""The SQLite store: five tables, WAL mode, one transaction per document.

``documents`` one row per parsed file (``sha256`` UNIQUE), with the Report as JSON;
``sections`` and ``metrics`` one row per section / metric, pointing at their document;
``tables`` one row per table cell (document, table, row, column, text, standard key);
``errors`` one row per file that could not be parsed (code and message).
Only the process that opened the database writes to it.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Collection, Iterator, Optional

from ..elements.issuers import issuer_key
from ..elements.reporting import report_year

SCHEMA_VERSION = 3  # 2: the tables table; 3: documents.parser (version, rules hash, options). Older gain them.

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
    # an unreadable file has no sha256: it is known by its path
    "CREATE UNIQUE INDEX IF NOT EXISTS errors_file ON errors(ifnull(sha256, 'path:' || path))",
]
TIMESTAMPS = {"parsed_at", "failed_at"}
JSON_COLUMNS = {"documents": {"issuers", "warnings", "report_json"}, "sections": {"path"}, "metrics": {"section"}}


def connect(path: str | Path, *, create: bool = True) -> sqlite3.Connection:
    """Open (and create when needed) the database; autocommit, transactions via ``transaction``."""
    if not create and not Path(path).is_file():
        raise FileNotFoundError(f"no database at {path}")
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=60)
    version = conn.execute("PRAGMA user_version").fetchone()[0]  # DatabaseError when not SQLite
    if not create and version == 0:
        conn.close()
        raise sqlite3.DatabaseError(f"{path} is not a govdoc ingest database")
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")  # in WAL mode: atomic and safe against a killed process
    conn.execute("PRAGMA foreign_keys=ON")
    if version > SCHEMA_VERSION:
        raise RuntimeError(f"{path} has schema version {version}; this govdoc-parser reads up to {SCHEMA_VERSION}")
    if version == SCHEMA_VERSION:
        return conn
    with transaction(conn):
        for table, columns in TABLES.items():
            body = ", ".join(f"{name} {decl}" for name, decl in columns)
            conn.execute(f"CREATE TABLE IF NOT EXISTS {table} ({body})")
            present = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
            for name, decl in columns:
                if name not in present:  # a column a later schema version added
                    conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {decl.replace('NOT NULL', '')}")
        for statement in INDEXES:
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


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


def section_rows(document_id: int, report: dict) -> list[dict]:
    """Every section depth first, with its path: the number+heading labels from the top down."""
    rows = []
    stack = [(section, []) for section in reversed(report.get("sections", []))]
    while stack:
        section, parents = stack.pop()
        path = parents + [section["number"] + section["heading"]]
        rows.append({"document_id": document_id, "ord": len(rows), "number": section["number"],
                     "level": section["level"], "heading": section["heading"], "path": _json(path)})
        stack.extend((child, path) for child in reversed(section.get("children", [])))
    return rows


def metric_rows(document_id: int, report: dict) -> list[dict]:
    fields = ("key", "object", "action", "value", "unit", "qualifier", "kind", "change", "period")
    return [
        {"document_id": document_id, "ord": i, **{f: m.get(f) for f in fields},
         "page": (m.get("where") or {}).get("page"), "line": (m.get("where") or {}).get("line"),
         "text": m.get("text"), "sentence": m.get("sentence"), "section": _json(m.get("section", []))}
        for i, m in enumerate(report.get("metrics", []))
    ]


def cell_rows(document_id: int, report: dict) -> list[dict]:
    """One row per cell of every table (the main document's, then the attached ones')."""
    tables = list(report.get("tables") or []) + [
        t for attached in report.get("attached_documents") or [] for t in attached.get("tables") or []]
    rows = []
    for index, table in enumerate(tables):
        for cell in table["cells"]:
            rows.append({
                "document_id": document_id, "ord": len(rows), "table_index": index, "caption": table.get("caption"),
                "form": table.get("form"), "row_index": cell["row"], "column_index": cell["column"],
                "row_span": cell["row_span"], "column_span": cell["column_span"], "header": int(cell["header"]),
                "text": cell["text"], "key": cell.get("key"), "value": _figure(cell["text"]),
                "page": (cell.get("where") or {}).get("page"),
            })
    return rows


def _figure(text: str):
    from ..tables.standard import value_of

    return value_of(text)


def write_document(conn: sqlite3.Connection, path: str, sha256: str, report_json: str,
                   parser: Optional[str] = None, replace: bool = False) -> bool:
    """Store one Report (JSON text) and its sections, metrics and table cells in one transaction.

    With ``parser`` (the parser's version, rules hash and options), a row of this file parsed by
    another parser, and the row of an older content of the same path (an edited file), are
    replaced; ``replace`` replaces this file's row whatever parsed it. False when a document with
    this sha256 is already there (nothing is written).
    """
    report = json.loads(report_json)
    with transaction(conn):
        if parser is not None or replace:
            conn.execute("DELETE FROM documents WHERE (sha256 = ? AND (? OR ifnull(parser, '') != ?))"
                         " OR (path = ? AND sha256 != ?)", (sha256, replace, parser or "", path, sha256))
        row = document_row(path, sha256, report, report_json, parser)
        cursor = conn.execute(_insert_sql("documents", row, "INSERT OR IGNORE"), tuple(row.values()))
        if cursor.rowcount == 0:
            return False
        for table, rows in (("sections", section_rows(cursor.lastrowid, report)),
                            ("metrics", metric_rows(cursor.lastrowid, report)),
                            ("tables", cell_rows(cursor.lastrowid, report))):
            if rows:
                conn.executemany(_insert_sql(table, rows[0]), [tuple(r.values()) for r in rows])
        conn.execute("DELETE FROM errors WHERE sha256 = ? OR (sha256 IS NULL AND path = ?)", (sha256, path))
    return True


def write_error(conn: sqlite3.Connection, path: str, sha256: Optional[str], code: str, message: str) -> None:
    """Record (or replace) the failure of one file."""
    row = {"path": path, "sha256": sha256, "code": code, "message": message, "failed_at": _now()}
    with transaction(conn):
        conn.execute(_insert_sql("errors", row, "INSERT OR REPLACE"), tuple(row.values()))
