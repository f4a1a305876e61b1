"""An exclusive lock so that two ingests never interleave; readers never take it."""

from __future__ import annotations

import fcntl
import os
import socket
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from policykb.kb.store import KnowledgeStore


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


class Lease:
    """An expiring lease held in the store itself, so ingests on several machines sharing one
    Chroma server never interleave. A killed holder's lease expires after ``ttl`` seconds;
    a live holder renews it as it makes progress.
    """

    def __init__(self, store: KnowledgeStore, ttl: float = 300.0) -> None:
        self.store = store
        self.ttl = ttl
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

    def acquire(self, timeout: float = 3600.0, poll: float = 0.5) -> None:
        """Wait for the lease.

        Raises:
            IngestBusyError: another ingest held it for longer than ``timeout``.
        """
        deadline = time.monotonic() + timeout
        while True:
            holder = self.store.lease_holder()
            if holder is None or holder["expires"] < time.time() or holder["owner"] == self.owner:
                self.renew()
                time.sleep(0.05)
                confirmed = self.store.lease_holder()
                if confirmed and confirmed["owner"] == self.owner:
                    return
            if time.monotonic() > deadline:
                raise IngestBusyError("另一个导入任务正在进行，请稍后再试")
            time.sleep(poll)

    def renew(self) -> None:
        self.store.write_lease(self.owner, time.time() + self.ttl)

    def release(self) -> None:
        self.store.clear_lease(self.owner)


@contextmanager
def holding(lease: Lease) -> Iterator[Lease]:
    lease.acquire()
    try:
        yield lease
    finally:
        lease.release()
