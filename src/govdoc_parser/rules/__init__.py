"""Declarative rule tables (TOML) and the functions that load them.

Parsing TOML is pure Python and costs about 25 ms for all the tables, a tenth of the
start-up budget of ``govdoc parse``. So each parsed table is kept in a marshal cache, keyed
by the file's content, in ``$GOVDOC_CACHE`` or ``~/.cache/govdoc-parser``; without a
writable cache directory the tables are simply parsed every time.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tomllib
from functools import lru_cache
from pathlib import Path

_HERE = Path(__file__).parent
_MARSHAL_TAG = f"py{sys.version_info[0]}{sys.version_info[1]}-m{marshal.version}"


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """Load ``rules/<name>.toml`` once.

    >>> "page_number_patterns" in load("furniture")
    True
    """
    return load_toml(_HERE / f"{name}.toml")


@lru_cache(maxsize=None)
def rules_hash() -> str:
    """A hash of every rule table shipped with the package (first 16 hex digits of sha256):
    Reports parsed with other tables carry another hash."""
    digest = hashlib.sha256()
    for path in sorted(_HERE.parent.rglob("*.toml")):
        digest.update(path.relative_to(_HERE.parent).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def load_toml(path: Path) -> dict:
    """The TOML file at ``path`` as a dict, from the cache when its content has not changed."""
    content = path.read_bytes()
    cached = _cache_dir() / f"{path.stem}-{hashlib.sha1(content).hexdigest()[:16]}-{_MARSHAL_TAG}.marshal"
    try:
        return marshal.loads(cached.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    table = tomllib.loads(content.decode("utf-8"))
    _store(cached, table)
    return table


def _cache_dir() -> Path:
    configured = os.environ.get("GOVDOC_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "govdoc-parser"


def _store(cached: Path, table: dict) -> None:
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps(table))
        partial.replace(cached)  # atomic: parallel workers never read half a file
    except (OSError, ValueError):  # read-only home, or a value marshal cannot write
        pass
