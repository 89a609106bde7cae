"""Progress on the terminal: one line per stage, a live token counter while the model writes."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class TerminalProgress:
    def __init__(self, stream: TextIO = sys.stderr, quiet: bool = False) -> None:
        self.stream = stream
        self.quiet = quiet
        self.started = time.perf_counter()
        self.tty = stream.isatty()
        self._stage_started = self.started
        self._live = False

    def _elapsed(self) -> str:
        return f"[{time.perf_counter() - self.started:6.1f}s]"

    def _end_live(self) -> None:
        if self._live:
            self.stream.write("\n")
            self._live = False

    def notify(self, message: str) -> None:
        if self.quiet:
            return
        self._end_live()
        self._stage_started = time.perf_counter()
        self.stream.write(f"{self._elapsed()} {message}\n")
        self.stream.flush()

    def on_token(self, count: int) -> None:
        if self.quiet or not self.tty or count % 4:
            return
        rate = count / max(time.perf_counter() - self._stage_started, 1e-6)
        self.stream.write(f"\r{self._elapsed()}   {count} tokens ({rate:.1f} tokens/s)  ")
        self.stream.flush()
        self._live = True

    def done(self) -> None:
        self._end_live()
