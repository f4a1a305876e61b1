"""An exclusive lock so that two ingests never interleave; readers never take it."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class IngestBusyError(RuntimeError):
    """Another ingest holds the lock."""


@contextmanager
def ingest_lock(path: Path, wait: bool = True) -> Iterator[None]:
    """Hold the ingest lock file at ``path`` for the duration of the block.

    Raises:
        IngestBusyError: ``wait`` is false and another ingest holds the lock.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError as exc:
            raise IngestBusyError("另一个导入任务正在进行，请稍后再试") from exc
        yield
    finally:
        os.close(fd)
