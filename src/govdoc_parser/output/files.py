"""Files that are whole or absent: written to a temporary file in the same folder, then
renamed over the target with ``os.replace`` (atomic on POSIX and Windows within one file
system). A failure at any point, an interrupt included, removes the temporary file and
leaves the target as it was.

>>> import pathlib, shutil, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_atomic(folder / "a" / "b.json", "{}\\n")
>>> (folder / "a" / "b.json").read_text()
'{}\\n'
>>> try:
...     with atomic_open(folder / "c.txt") as handle:
...         _ = handle.write("half")
...         raise ValueError("the writer failed")
... except ValueError:
...     pass
>>> sorted(p.name for p in folder.iterdir())
['a']
>>> shutil.rmtree(folder)
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator, Optional

_umask: Optional[int] = None


def _default_mode() -> int:
    """The mode a plain ``open(path, "w")`` would give (mkstemp makes files 0600)."""
    global _umask
    if _umask is None:
        _umask = os.umask(0o022)
        os.umask(_umask)
    return 0o666 & ~_umask


@contextmanager
def atomic_path(target: str | Path, *, make_dirs: bool = True) -> Iterator[Path]:
    """A temporary path beside ``target`` to write to (by a library that wants a file name);
    renamed to ``target`` when the block ends without an exception, removed otherwise.
    ``make_dirs``: create the missing folders of ``target`` first."""
    target = Path(target)
    if make_dirs:
        target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        try:
            mode = target.stat().st_mode & 0o7777  # replacing a file keeps its mode
        except FileNotFoundError:
            mode = _default_mode()
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_open(target: str | Path, mode: str = "w", *, encoding: Optional[str] = "utf-8",
                newline: Optional[str] = None, make_dirs: bool = True) -> Iterator[IO]:
    """``open(target, mode)`` whose result appears only when the block succeeds."""
    binary = "b" in mode
    with atomic_path(target, make_dirs=make_dirs) as temporary:
        with open(temporary, mode, encoding=None if binary else encoding,
                  newline=None if binary else newline) as handle:
            yield handle


def write_atomic(target: str | Path, data: str | bytes, *, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``target`` whole or not at all."""
    with atomic_open(target, "wb" if isinstance(data, bytes) else "w", encoding=encoding) as handle:
        handle.write(data)
