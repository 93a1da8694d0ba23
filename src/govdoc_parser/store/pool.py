"""A process pool in the ``concurrent.futures.Executor`` style, with a time limit per task.

Each of ``workers`` slots is a thread in the parent that feeds tasks, one at a time, to its
own worker process through a pipe. A task that runs longer than ``timeout`` seconds has its
worker process killed (whatever it is stuck in, C code included) and replaced; its future
fails with ``ParseTimeout``. A worker that dies (segfault, out-of-memory kill) fails its
future with ``WorkerDied`` and is replaced too. The rest of the batch goes on.

``memory_limit`` caps each worker's address space (RLIMIT_AS, POSIX): a decompression
bomb then ends in a MemoryError or the death of that one worker, not in the machine
swapping.

Workers start from a fork server (or spawn where there is none) rather than fork, since
the parent runs threads; ``preload`` names modules the fork server imports once.
Functions submitted must be importable by their module name in the workers, so a worker
never needs the caller's ``__main__``, and it is not given one: multiprocessing would
otherwise run the caller's script again in every worker, which breaks a script without an
``if __name__ == "__main__":`` guard (every worker starts the batch anew) and ``python -``
(the "script" ``<stdin>`` cannot be found; the workers die). Notebooks and the REPL have no
main script and work either way.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys
import threading
import types
from contextlib import contextmanager
from concurrent.futures import Executor, Future
from typing import Optional, Sequence

from ..errors import ParseTimeout
from ..limits import limit_memory


class WorkerDied(RuntimeError):
    """The worker process ended while running a task."""


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _serve(conn, memory_limit: Optional[int] = None) -> None:
    """Worker process main loop: run (fn, args, kwargs) tasks until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    limit_memory(memory_limit)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if task is None:
            return
        fn, args, kwargs = task
        try:
            reply = (True, fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
            reply = (False, exc)
        try:
            conn.send(reply)
        except (EOFError, OSError):
            return
        except Exception as exc:  # noqa: BLE001 - the result or exception does not pickle
            conn.send((False, RuntimeError(f"{type(exc).__name__} sending the result back: {exc}")))


_START_LOCK = threading.Lock()


@contextmanager
def _without_main():
    """While a worker starts, ``__main__`` is an empty module: multiprocessing then gives the
    worker no main script or module to import again (``spawn.get_preparation_data`` reads
    ``sys.modules['__main__']``), the same as when the parent is a notebook or the REPL.
    Only the ``sys.modules`` entry changes, for the moment ``Process.start`` takes; the
    caller's module object is left alone."""
    with _START_LOCK:
        main = sys.modules.get("__main__")
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            yield
        finally:
            if main is None:
                sys.modules.pop("__main__", None)
            else:
                sys.modules["__main__"] = main


@contextmanager
def _as_parent():
    """Let a daemonic process (a Dask worker, by default) start workers: multiprocessing
    refuses, since a daemon's children would outlive it, but ours end with their parent
    anyway (they are daemonic themselves, and each reads a pipe that closes with it)."""
    config = multiprocessing.current_process()._config  # noqa: SLF001 - where multiprocessing keeps the flag
    daemon = config.get("daemon")
    config["daemon"] = False
    try:
        yield
    finally:
        if daemon is not None:
            config["daemon"] = daemon
        else:
            config.pop("daemon", None)


class _Worker:
    def __init__(self, context, memory_limit: Optional[int] = None):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, memory_limit), daemon=True)
        with _without_main(), _as_parent():
            self.process.start()
        child.close()

    def run(self, task, timeout: Optional[float]):
        """(ok, value) from the worker; raises TimeoutError or WorkerDied."""
        try:
            self.conn.send(task)
            ready = self.conn.poll(timeout)
            if ready:
                return self.conn.recv()
        except (EOFError, OSError) as exc:
            self.process.join(1)
            raise WorkerDied(f"the worker process died (exit code {self.process.exitcode})") from exc
        raise TimeoutError

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(5)
        if self.process.is_alive():
            self.kill()
        self.conn.close()


class WorkerPool(Executor):
    """``submit(fn, *args, **kwargs) -> Future`` on ``workers`` processes, ``timeout`` s per task,
    ``memory_limit`` bytes of address space per worker."""

    def __init__(self, workers: Optional[int] = None, *, timeout: Optional[float] = None,
                 memory_limit: Optional[int] = None, preload: Sequence[str] = ()):
        methods = multiprocessing.get_all_start_methods()
        self._context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if preload and self._context.get_start_method() == "forkserver":
            self._context.set_forkserver_preload(list(preload))
        self.timeout = timeout or None
        self.memory_limit = memory_limit or None
        self._tasks: queue.SimpleQueue = queue.SimpleQueue()
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._slots = [threading.Thread(target=self._slot, daemon=True, name=f"govdoc-worker-{i}")
                       for i in range(workers or default_workers())]
        for slot in self._slots:
            slot.start()

    def submit(self, fn, /, *args, **kwargs) -> Future:
        if self._closed:
            raise RuntimeError("cannot submit after shutdown")
        future: Future = Future()
        self._tasks.put((future, (fn, args, kwargs)))
        return future

    def worker_pids(self) -> list[int]:
        """Process ids of the live workers (e.g. to read their memory use)."""
        with self._lock:
            return [w.process.pid for w in self._workers if w.process.is_alive()]

    def _slot(self) -> None:
        worker = None
        while (item := self._tasks.get()) is not None:
            future, task = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                if worker is None:
                    worker = _Worker(self._context, self.memory_limit)
                    with self._lock:
                        self._workers.add(worker)
                ok, value = worker.run(task, self.timeout)
            except Exception as exc:  # noqa: BLE001 - timeout, a dead worker, or one that would not start
                if worker is not None:
                    with self._lock:
                        self._workers.discard(worker)
                    worker.kill()
                    worker = None
                if isinstance(exc, TimeoutError):
                    exc = ParseTimeout(f"no result within {self.timeout:g} s; the worker was stopped")
                future.set_exception(exc)
                continue
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)
        if worker is not None:
            worker.stop()

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._closed = True
        if cancel_futures:
            while True:
                try:
                    item = self._tasks.get_nowait()
                except queue.Empty:
                    break
                if item is not None:
                    item[0].cancel()
        for _ in self._slots:
            self._tasks.put(None)
        if wait:
            for slot in self._slots:
                slot.join()

    def terminate(self) -> None:
        """Stop now: cancel what has not started and kill the workers."""
        self.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            workers = list(self._workers)
        for worker in workers:
            worker.process.kill()
