"""Versioned data: a document stored by another parser (version, rule tables, options) or with
other content at the same path is parsed again and replaces its row; --force parses all again."""

import shutil
import sqlite3

import govdoc_parser
from govdoc_parser.store import ingest as ingest_module

from .conftest import CORPORA


def _rows(db):
    return sqlite3.connect(db).execute("SELECT path, sha256, parser FROM documents ORDER BY path").fetchall()


def test_other_parser_edited_file_and_force(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    report = folder / "report.txt"
    shutil.copy(CORPORA / "out" / "text" / "qingchuan_2022_report.txt", report)
    db = tmp_path / "r.sqlite"
    first = govdoc_parser.ingest([folder], db=db, workers=1)
    assert first.parsed == 1
    again = govdoc_parser.ingest([folder], db=db, workers=1)
    assert (again.parsed, again.skipped) == (0, 1)

    monkeypatch.setattr(ingest_module, "parser_id", lambda **options: "9.9.9+otherrules+engine=pdfium")
    newer = govdoc_parser.ingest([folder], db=db, workers=1)
    assert newer.parsed == 1
    [(path, sha256, parser)] = _rows(db)
    assert parser == "9.9.9+otherrules+engine=pdfium"

    report.write_text(report.read_text(encoding="utf-8") + "\n（此件公开发布）\n", encoding="utf-8")
    edited = govdoc_parser.ingest([folder], db=db, workers=1)
    assert edited.parsed == 1
    [(path2, sha2, _)] = _rows(db)  # one row for the path: the edited file replaced the old one
    assert path2 == path and sha2 != sha256

    forced = govdoc_parser.ingest([folder], db=db, workers=1, force=True)
    assert forced.parsed == 1 and len(_rows(db)) == 1
    metrics = sqlite3.connect(db).execute("SELECT count(*) FROM metrics").fetchone()[0]
    assert metrics == len(govdoc_parser.parse(report).metrics)  # the replaced rows' metrics are gone
