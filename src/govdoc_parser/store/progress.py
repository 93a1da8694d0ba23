"""A one-line progress bar on a terminal: counts, rate and time left. Silent elsewhere."""

from __future__ import annotations

import sys
import time
from typing import Optional, TextIO


class Progress:
    def __init__(self, total: int, stream: Optional[TextIO] = None, enabled: Optional[bool] = None,
                 width: int = 24):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total, self.width = total, width
        self.start = time.monotonic()
        self._drawn = 0.0

    def update(self, parsed: int, skipped: int, failed: int, *, force: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not force and now - self._drawn < 0.1):
            return
        self._drawn = now
        done = parsed + skipped + failed
        filled = self.width * done // self.total if self.total else self.width
        rate = (parsed + failed) / max(now - self.start, 1e-9)
        left = f"  {(self.total - done) / rate:.0f} s left" if rate and done < self.total else ""
        self.stream.write(
            f"\r[{'#' * filled}{'-' * (self.width - filled)}] {done}/{self.total}  parsed {parsed}"
            f"  skipped {skipped}  failed {failed}  {rate:.1f} files/s{left}\x1b[K"
        )
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self._drawn:
            self.stream.write("\n")
            self.stream.flush()
