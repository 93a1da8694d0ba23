"""Bad files give one line on stderr and a distinct exit code, never a traceback."""

import subprocess
import sys

import pytest

from .conftest import FIXTURES

CASES = {
    "empty.pdf": (4, "empty_file"),
    "html_named.pdf": (5, "wrong_format"),
    "truncated.pdf": (6, "corrupt"),
    "encrypted.pdf": (7, "encrypted"),
    "scanned.pdf": (8, "no_text_layer"),
}


def run_parse(path):
    return subprocess.run(
        [sys.executable, "-m", "govdoc_parser.cli", "parse", str(path)],
        capture_output=True, text=True, timeout=120,
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_gives_one_line_error(name):
    exit_code, code = CASES[name]
    result = run_parse(FIXTURES / "errors" / name)
    assert result.returncode == exit_code
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"[{code}]" in lines[0]
    assert "Traceback" not in result.stderr


def test_missing_file(tmp_path):
    result = run_parse(tmp_path / "nope.pdf")
    assert result.returncode == 3 and "Traceback" not in result.stderr


def test_debug_shows_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "govdoc_parser.cli", "parse", "--debug", str(FIXTURES / "errors" / "encrypted.pdf")],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 7 and "Traceback" in result.stderr
