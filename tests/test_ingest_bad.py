"""One batch over good documents and the whole bad corpus: every good file ingested, every
bad one recorded in ``errors`` with its code, nothing lost, nothing crashed."""

import json
import shutil
import sqlite3

import govdoc_parser
from govdoc_parser.read import convert, ocr
from govdoc_parser.store.ingest import file_sha256

from .conftest import CORPORA, FIXTURES
from .test_ingest import GOOD

BAD = FIXTURES / "bad"


def test_a_batch_of_good_and_hostile_files(tmp_path):
    manifest = json.loads((BAD / "manifest.json").read_text(encoding="utf-8"))["files"]
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in GOOD:
        shutil.copy(CORPORA / "out" / name, folder)
    for name in manifest:
        shutil.copy(BAD / name, folder / f"bad_{name}")
    files = sorted(folder.iterdir())  # named one by one: images and .bin files are tried too
    summary = govdoc_parser.ingest(files, db=tmp_path / "b.sqlite", workers=2, timeout=60)

    conn = sqlite3.connect(tmp_path / "b.sqlite")
    documents = {sha for (sha,) in conn.execute("SELECT sha256 FROM documents")}
    errors = dict(conn.execute("SELECT sha256, code FROM errors"))
    outcome = {sha: "report" for sha in documents} | errors
    want = {}
    for name, entry in manifest.items():
        code = entry["expect"] if ocr.available() else entry.get("without_ocr", entry["expect"])
        code = code if convert.program() else entry.get("without_soffice", code)
        want.setdefault(file_sha256(folder / f"bad_{name}"), code)  # copies of one content count once
    for name in GOOD:
        want[file_sha256(folder / name.split("/")[-1])] = "report"
    assert outcome == want
    assert summary.found == len(files) and summary.failed == len(errors) and summary.parsed == len(documents)
    assert "crashed" not in summary.errors and "internal" not in summary.errors
