"""Progress lines on stderr: elapsed time, stage, message."""

from __future__ import annotations

import sys
import time

_START = time.monotonic()


def say(message: str, prefix: str = "bench") -> None:
    elapsed = time.monotonic() - _START
    minutes, seconds = divmod(int(elapsed), 60)
    print(f"[{minutes:02d}:{seconds:02d} {prefix}] {message}", file=sys.stderr, flush=True)
