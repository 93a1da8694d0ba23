"""Declarative rule tables (TOML) and the functions that load them.

Parsing TOML is pure Python and costs about 25 ms for all the tables, a tenth of the
start-up budget of ``govdoc parse``. So each parsed table is kept in a marshal cache, keyed
by the file's content, in ``$GOVDOC_CACHE`` or ``~/.cache/govdoc-parser``; without a
writable cache directory the tables are simply parsed every time.

Every table shipped with the package is also checked by its typed model in ``rules/schema.py``
(unknown keys, patterns that do not compile, values out of range: ``RuleTableError`` naming the
file and the key). Checking happens only when the cache misses, so a warm start never imports
the models; the cache key covers the table's content, its place in the package and the source
of ``schema.py``, so a changed model re-checks every table once. See docs/rules.md.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Optional

_HERE = Path(__file__).parent
_PACKAGE = _HERE.parent
_PACKAGE_PREFIX = os.path.abspath(_PACKAGE) + os.sep
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


class RuleTableError(ValueError):
    """A rule table that does not parse or does not match its model; the message names the
    file, the key path (``level[2].pattern``) and the problem."""


def load_toml(path: Path, table: Optional[str] = None) -> dict:
    """The TOML file at ``path`` as a dict, from the cache when its content has not changed.

    A file of the package is checked by the model of its table (``rules/headings``, its path in
    the package without ``.toml``) before it is cached; ``table`` names the model for a file
    elsewhere (a copy being edited). Other files are parsed without a model.
    """
    content = path.read_bytes()
    named = table is not None
    table = table or _table_id(path)
    key = hashlib.sha1(content)
    key.update(b"\0" + (table or "").encode() + b"\0" + _schema_digest())
    cached = _cache_dir() / f"{path.stem}-{key.hexdigest()[:16]}-{_MARSHAL_TAG}.marshal"
    try:
        return marshal.loads(cached.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    try:
        data = tomllib.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RuleTableError(f"{path}: not a valid TOML file: {exc}") from None
    if table is not None:
        from . import schema  # pydantic models: built only when a table is (re)checked

        if named or schema.has_model(table):  # a package table without a model: tests/test_rule_tables.py fails
            data = schema.validate(table, data, path)
    _store(cached, data)
    return data


def _table_id(path: Path) -> Optional[str]:
    """``rules/headings`` for the package's ``rules/headings.toml``, None outside the package."""
    absolute = os.path.abspath(path)  # a string test first: resolve() costs more than the cache read
    if absolute.startswith(_PACKAGE_PREFIX):
        inside = absolute[len(_PACKAGE_PREFIX):]
    else:  # reached through a symbolic link, or not in the package
        try:
            inside = str(Path(path).resolve().relative_to(_PACKAGE.resolve()))
        except ValueError:
            return None
    return inside.removesuffix(".toml").replace(os.sep, "/")


@lru_cache(maxsize=None)
def _schema_digest() -> bytes:
    try:
        return hashlib.sha1((_HERE / "schema.py").read_bytes()).digest()
    except OSError:
        return b""


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
