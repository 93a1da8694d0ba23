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
  ``CorruptFile`` or ``TooLarge`` (under a memory cap, so does any ``out_of_memory``
  failure); a GovdocError raised without a path gets ``path``.
- ``out_of_memory(exc)``: whether an exception is an allocation that failed, in Python or in
  a native library (``std::bad_alloc``, a shared object that cannot be mapped …); under a
  memory cap those are ``TooLarge`` too.
- ``run_capped(nbytes, work)``: ``work()`` in a forked child under the cap, the parent
  waiting uncapped: a native library that aborts, crashes or exits when an allocation fails
  (OpenBLAS, OpenCV, onnxruntime under 100 to 600 MB) then still ends in ``TooLarge``.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
import threading
from contextlib import contextmanager
from typing import Callable, Iterator, Optional

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


TOO_LARGE_MESSAGE = "reading it needs more memory than allowed"
_cap: Optional[int] = None  # the address space this process was capped at


def limit_memory(nbytes: Optional[int]) -> bool:
    """Cap the address space of this process at ``nbytes``; False where that is not possible."""
    global _cap
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
    _cap = limit
    return True


# what native libraries say when an allocation or a mapping fails
_NO_MEMORY = ("bad_alloc", "failed to map segment", "cannot allocate memory", "out of memory",
              "memory allocation failed", "not enough memory", "failed to allocate", "allocation failed")


def out_of_memory(exc: Optional[BaseException]) -> bool:
    """A MemoryError anywhere in ``exc``'s chain; under a memory cap also what a native library
    raises when it cannot allocate or map memory (an ImportError of a library that cannot be
    mapped, ``std::bad_alloc`` …).

    >>> out_of_memory(ValueError("x")), out_of_memory(MemoryError())
    (False, True)
    >>> try:
    ...     try:
    ...         raise MemoryError
    ...     except MemoryError as inner:
    ...         raise ValueError("while writing") from inner
    ... except ValueError as outer:
    ...     out_of_memory(outer)
    True
    """
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, MemoryError):
            return True
        if _cap and (isinstance(exc, OSError) and exc.errno == errno.ENOMEM
                     or any(words in str(exc).lower() for words in _NO_MEMORY)):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


# signals a process is ended with from outside (an interrupt, a closed pipe): passed on, not too_large
_FROM_OUTSIDE = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGPIPE", "SIGQUIT")
                 if hasattr(signal, name)}


def run_capped(nbytes: int, work: Callable[[], None]) -> Optional[str]:
    """Run ``work()`` with the address space capped at ``nbytes``.

    Where it can (POSIX, standard streams that are files), in a forked child while this
    process waits: when the child ends by itself (its ``work`` returned or raised
    SystemExit), this process raises ``SystemExit`` with the child's exit code. When the
    child dies instead (a signal such as SIGSEGV or SIGABRT, or a native library calling
    ``exit`` when an allocation failed), the return value says how, for a ``too_large``
    error, and what native libraries wrote to stderr in the child (OpenBLAS: "Memory
    allocation still failed …") is dropped: the caller's one line says it. Elsewhere
    ``work()`` runs here under the cap (``limit_memory``), and None is returned after it.
    """
    if not _can_fork():
        limit_memory(nbytes)
        work()
        return None
    import tempfile

    sys.stdout.flush()
    sys.stderr.flush()
    read, write = os.pipe()
    noise = tempfile.TemporaryFile()  # what native libraries write to stderr in the child
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        sys.stderr = os.fdopen(os.dup(2), "w", buffering=1, encoding=sys.stderr.encoding, errors=sys.stderr.errors)
        os.dup2(noise.fileno(), 2)  # file descriptor 2, where C code writes; Python's stderr stays
        code = _run_child(nbytes, work)
        os.write(write, str(code).encode())
        os._exit(code)
    os.close(write)
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the child, which ends
    try:
        _, status = os.waitpid(pid, 0)
        with os.fdopen(read, "rb") as pipe:
            told = pipe.read()
    finally:
        signal.signal(signal.SIGINT, previous)
    with noise:
        if told:  # the child ended by itself: what libraries said is passed on
            noise.seek(0)
            sys.stderr.flush()
            while block := noise.read(1 << 16):
                os.write(2, block)
    if told:
        raise SystemExit(int(told))
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        if number in _FROM_OUTSIDE:
            raise SystemExit(128 + number)
        return f"the process died of {signal.Signals(number).name}"
    return f"a library ended the process (exit code {os.WEXITSTATUS(status)})"


def _can_fork() -> bool:
    if not hasattr(os, "fork"):
        return False
    try:
        sys.stdout.fileno()
        sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):  # streams captured in memory (a test runner)
        return False
    return True


def _run_child(nbytes: int, work: Callable[[], None]) -> int:
    """Run ``work`` and return the exit code it ended with."""
    code: object = 0
    try:
        limit_memory(nbytes)
        work()
    except SystemExit as done:
        code = done.code
    except KeyboardInterrupt:
        code = 130
    except BaseException:  # noqa: BLE001 - a bug: shown as it would be without the fork
        import traceback

        traceback.print_exc()
        code = 1
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    return code


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
        raise errors.TooLarge(TOO_LARGE_MESSAGE, path) from exc
    except Exception as exc:
        if out_of_memory(exc):  # under a memory cap: a native library that could not allocate or map
            raise errors.TooLarge(TOO_LARGE_MESSAGE, path) from exc
        raise


def check_lines(lines: Iterator[str], path: Optional[str]) -> None:
    """Refuse a line longer than MAX_LINE_CHARS (some stages take time quadratic in it)."""
    longest = max((len(text) for text in lines), default=0)
    if longest > MAX_LINE_CHARS:
        raise errors.TooLarge(f"a line of {longest} characters, more than the limit of {MAX_LINE_CHARS}", path)
