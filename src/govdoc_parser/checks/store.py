"""Findings and indicators of an archive: two tables of our own in the ingest database
(``check_findings``: one row per finding; ``check_indicators``: one row per document), and the
previous year's report of the same issuer looked up there. The ingest tables are read, never
written."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Optional

from ..model import Report
from .model import CheckResult, Indicators

FINDINGS = "check_findings"
INDICATORS = "check_indicators"
# scalar indicators, one column each (parts and areas go in as JSON)
_SCALARS = [name for name, field in Indicators.model_fields.items() if name not in ("parts", "areas")]


def _columns() -> dict[str, list[tuple[str, str]]]:
    types = {int: "INTEGER", float: "REAL", bool: "INTEGER"}

    def decl(name):
        annotation = str(Indicators.model_fields[name].annotation)
        for py, sql in types.items():
            if py.__name__ in annotation:
                return sql
        return "TEXT"

    document = [("document_id", "INTEGER"), ("document_sha256", "TEXT NOT NULL"), ("document_path", "TEXT")]
    return {
        FINDINGS: [("id", "INTEGER PRIMARY KEY"), *document, ("ord", "INTEGER"), ("code", "TEXT NOT NULL"),
                   ("severity", "TEXT"), ("message", "TEXT"), ("rule", "TEXT"), ("page", "INTEGER"),
                   ("line", "INTEGER"), ("span_start", "INTEGER"), ("span_end", "INTEGER"), ("text", "TEXT")],
        INDICATORS: [("id", "INTEGER PRIMARY KEY"), *document, ("title", "TEXT"), ("checked_at", "TEXT"),
                     *[(name, decl(name)) for name in _SCALARS], ("parts", "TEXT"), ("areas", "TEXT"),
                     ("codes", "TEXT")],
    }


def open_db(path: str | Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=60)
    conn.row_factory = sqlite3.Row
    for table, columns in _columns().items():
        conn.execute(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(f'{n} {d}' for n, d in columns)})")
        present = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        for name, decl in columns:
            if name not in present:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {decl.replace('NOT NULL', '')}")
        conn.execute(f"CREATE INDEX IF NOT EXISTS {table}_sha ON {table}(document_sha256)")
    conn.commit()
    return conn


def _has_documents(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='documents'").fetchone() is not None


def archived_reports(conn: sqlite3.Connection) -> Iterator[tuple[int, Report]]:
    """(document id, Report) of every document the ingest stored."""
    if not _has_documents(conn):
        return
    for row in conn.execute("SELECT id, report_json FROM documents ORDER BY id"):
        try:
            yield row["id"], Report.model_validate_json(row["report_json"])
        except ValueError:
            continue


def _issuer_and_year(report: Report) -> tuple[Optional[str], Optional[int]]:
    reporting = getattr(report, "reporting", None)
    key = getattr(reporting, "issuer_key", None)
    year = getattr(reporting, "year", None)
    if year is None:
        from .view import View

        view = View(report)
        year = view.reporting_year[0] if view.annual_report else None
    return key, year


def previous_report(conn: sqlite3.Connection, report: Report) -> Optional[Report]:
    """The same issuer's report of the year before, from the ingest's documents table."""
    if not _has_documents(conn):
        return None
    key, year = _issuer_and_year(report)
    if not key or year is None:
        return None
    row = conn.execute("SELECT report_json FROM documents WHERE issuer_key = ? AND year_reported = ? "
                       "AND sha256 != ? ORDER BY id LIMIT 1", (key, year - 1, report.source.sha256)).fetchone()
    if row is None:
        return None
    try:
        return Report.model_validate_json(row["report_json"])
    except ValueError:
        return None


def save(conn: sqlite3.Connection, report: Report, result: CheckResult, document_id: Optional[int] = None) -> None:
    """Replace the rows of this document (by sha256) with ``result``."""
    sha, path = report.source.sha256, report.source.path
    if document_id is None and _has_documents(conn):
        row = conn.execute("SELECT id FROM documents WHERE sha256 = ?", (sha,)).fetchone()
        document_id = row["id"] if row else None
    with conn:
        conn.execute(f"DELETE FROM {FINDINGS} WHERE document_sha256 = ?", (sha,))
        conn.execute(f"DELETE FROM {INDICATORS} WHERE document_sha256 = ?", (sha,))
        for ord_, f in enumerate(result.findings):
            w = f.where
            conn.execute(
                f"INSERT INTO {FINDINGS} (document_id, document_sha256, document_path, ord, code, severity, message, "
                "rule, page, line, span_start, span_end, text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (document_id, sha, path, ord_, f.code, f.severity, f.message, f.rule, w.page if w else None,
                 w.line if w else None, w.span[0] if w and w.span else None, w.span[1] if w and w.span else None,
                 f.text))
        ind = result.indicators.model_dump(mode="json")
        names = ["document_id", "document_sha256", "document_path", "title", "checked_at", *_SCALARS, "parts",
                 "areas", "codes"]
        values = [document_id, sha, path, result.title, datetime.now(timezone.utc).isoformat(timespec="seconds"),
                  *[ind[n] for n in _SCALARS], json.dumps(ind["parts"], ensure_ascii=False),
                  json.dumps(ind["areas"], ensure_ascii=False),
                  json.dumps(sorted(set(result.codes())), ensure_ascii=False)]
        conn.execute(f"INSERT INTO {INDICATORS} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", values)


def sheet(conn: sqlite3.Connection, table: str = INDICATORS) -> str:
    """A table as CSV (UTF-8, CRLF, a header row): one sheet for hundreds of reports."""
    cursor = conn.execute(f"SELECT * FROM {table} ORDER BY id")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([d[0] for d in cursor.description])
    for row in cursor:
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue()
