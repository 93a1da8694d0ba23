"""Limits that keep one hostile or broken file from taking a parse, or a machine, down.

- Sizes: ``MAX_FILE_BYTES`` for any input, ``MAX_TEXT_BYTES`` for text and HTML,
  ``MAX_LINE_CHARS`` for one line of text, ``MAX_STREAM_BYTES`` for one PDF stream once
  inflated, ``MAX_IMAGE_PIXELS`` for an image to OCR. Over a limit: ``errors.TooLarge``.
- ``time_limit(seconds)``: ``errors.ParseTimeout`` in the main thread after ``seconds``
  (a POSIX interval timer, SIGALRM). A no-op without ``signal.setitimer`` (Windows), off
  the main thread, or when the caller already runs an interval timer of its own.
- ``limit_memory(nbytes)``: cap this process's address space (RLIMIT_AS), so that a bomb
  ends in a MemoryError, not in the machine swapping; meant for worker processes.
- ``contained(path)``: a RecursionError or MemoryError raised anywhere in a parse becomes
  ``CorruptFile`` or ``TooLarge``; a GovdocError raised without a path gets ``path``.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator, Optional

from . import errors

MB = 1024 * 1024
MAX_FILE_BYTES = 512 * MB
MAX_TEXT_BYTES = 8 * MB
MAX_LINE_CHARS = 100_000
MAX_STREAM_BYTES = 128 * MB
MAX_IMAGE_PIXELS = 100_000_000
DEFAULT_MEMORY_BYTES = 2048 * MB  # for ingest workers
REPEAT_SECONDS = 1.0  # the alarm repeats, in case library code swallows the first exception


def _can_alarm() -> bool:
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )


@contextmanager
def time_limit(seconds: Optional[float]) -> Iterator[None]:
    """Raise ``ParseTimeout`` when the block runs longer than ``seconds`` (None or 0: no limit).

    >>> import time
    >>> with time_limit(0.05):
    ...     time.sleep(1)
    Traceback (most recent call last):
    govdoc_parser.errors.ParseTimeout: no result within 0.05 s (--timeout)
    """
    if not seconds or not _can_alarm():
        yield
        return
    fired = False

    def expired() -> errors.ParseTimeout:
        return errors.ParseTimeout(f"no result within {seconds:g} s (--timeout)")

    def on_alarm(signum, frame):
        nonlocal fired
        fired = True
        raise expired()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT_SECONDS)
    try:
        yield
    except errors.ParseTimeout:
        raise
    except BaseException as exc:  # the timeout, caught and wrapped by library code
        if fired:
            raise expired() from exc
        raise
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if fired:  # swallowed by library code: the result may be incomplete
        raise expired()


def limit_memory(nbytes: Optional[int]) -> bool:
    """Cap the address space of this process at ``nbytes``; False where that is not possible."""
    if not nbytes:
        return False
    try:
        import resource
    except ImportError:  # not POSIX
        return False
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = nbytes if hard == resource.RLIM_INFINITY else min(nbytes, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        return False
    return True


@contextmanager
def contained(path: Optional[str]) -> Iterator[None]:
    """Turn what Python raises on hostile input into the error classes users see."""
    try:
        yield
    except errors.GovdocError as exc:
        if exc.path is None:
            exc.path = path
        raise
    except RecursionError as exc:
        raise errors.CorruptFile("structures nested too deeply to read (a damaged or hostile file)", path) from exc
    except MemoryError as exc:
        raise errors.TooLarge("reading it needs more memory than allowed", path) from exc


def check_lines(lines: Iterator[str], path: Optional[str]) -> None:
    """Refuse a line longer than MAX_LINE_CHARS (some stages take time quadratic in it)."""
    longest = max((len(text) for text in lines), default=0)
    if longest > MAX_LINE_CHARS:
        raise errors.TooLarge(f"a line of {longest} characters, more than the limit of {MAX_LINE_CHARS}", path)
