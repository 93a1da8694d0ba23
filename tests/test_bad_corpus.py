"""Every file of tests/fixtures/bad/ through the CLI, the PDFs with each engine: the error its
manifest names (its exit code, one line on stderr, no traceback) or a Report that validates,
within the time limit.

The files run in a few parallel subprocesses, once per session (the ``outcomes`` fixture).
Regenerate the corpus with ``python tests/fixtures/make_bad_fixtures.py``.
"""

import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import jsonschema
import pytest

from govdoc_parser.errors import ALL_ERRORS
from govdoc_parser.read import DEFAULT_ENGINE, ENGINES, convert, ocr
from govdoc_parser.schema import SCHEMA_PATH

from .conftest import FIXTURES

BAD = FIXTURES / "bad"
MANIFEST = json.loads((BAD / "manifest.json").read_text(encoding="utf-8"))["files"]
EXIT_CODES = {error.code: error.exit_code for error in ALL_ERRORS}
TIME_LIMIT = 60


# every file with the default engine, and the PDFs again with the other one
RUNS = [(name, DEFAULT_ENGINE) for name in sorted(MANIFEST)] + [
    (name, engine) for name in sorted(MANIFEST) if name.endswith(".pdf") for engine in ENGINES if engine != DEFAULT_ENGINE
]


def expected(name: str, engine: str) -> str:
    entry = MANIFEST[name]
    if not ocr.available() and "without_ocr" in entry:
        return entry["without_ocr"]
    if convert.program() is None and "without_soffice" in entry:
        return entry["without_soffice"]
    return entry.get(engine, entry["expect"])


def run_cli(run: tuple[str, str]) -> tuple[subprocess.CompletedProcess, float]:
    name, engine = run
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "govdoc_parser.cli", "parse", "--engine", engine, "--timeout", str(TIME_LIMIT),
         "--compact", str(BAD / name)],
        capture_output=True, text=True, timeout=TIME_LIMIT + 60,
    )
    return done, time.monotonic() - started


@pytest.fixture(scope="module")
def outcomes() -> dict:
    with ThreadPoolExecutor(3) as pool:
        return dict(zip(RUNS, pool.map(run_cli, RUNS)))


def test_manifest_covers_the_folder_and_the_folder_stays_small():
    files = {p.name for p in BAD.iterdir()} - {"manifest.json"}
    assert files == set(MANIFEST)
    assert len(files) >= 50
    assert sum(p.stat().st_size for p in BAD.iterdir()) < 2 * 1024 * 1024
    keys = ("expect", "without_ocr", "without_soffice", *ENGINES)
    outcomes = {e.get(key) for e in MANIFEST.values() for key in keys}
    assert outcomes - {None} <= set(EXIT_CODES) | {"report"}


@pytest.mark.parametrize("name,engine", RUNS)
def test_bad_file(name, engine, outcomes):
    done, seconds = outcomes[name, engine]
    want = expected(name, engine)
    assert "Traceback" not in done.stderr
    assert seconds < TIME_LIMIT
    if want == "report":
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""
        jsonschema.validate(json.loads(done.stdout), json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    else:
        lines = done.stderr.splitlines()
        assert len(lines) == 1 and lines[0].endswith(f"[{want}]"), done.stderr
        assert done.returncode == EXIT_CODES[want]
        assert done.stdout == ""


def test_the_generator_checks_its_packages_before_touching_the_corpus(tmp_path):
    """Without reportlab, make_bad_fixtures.py says what to install and leaves bad/ as it was."""
    script = tmp_path / "make_bad_fixtures.py"  # a copy: its output folder is bad/ beside it
    script.write_bytes((FIXTURES / "make_bad_fixtures.py").read_bytes())
    kept = tmp_path / "bad" / "kept.pdf"
    kept.parent.mkdir()
    kept.write_bytes(b"%PDF-1.4 an existing fixture")
    block_reportlab = ("import runpy, sys; sys.modules['reportlab'] = None; "
                       f"runpy.run_path({str(script)!r}, run_name='__main__')")
    done = subprocess.run([sys.executable, "-c", block_reportlab], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "needs reportlab" in done.stderr, done.stderr
    assert sorted(p.name for p in kept.parent.iterdir()) == ["kept.pdf"]
    assert kept.read_bytes() == b"%PDF-1.4 an existing fixture"
