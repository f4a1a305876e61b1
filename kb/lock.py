"""An exclusive lock so that two ingests never interleave; readers never take it."""

from __future__ import annotations

import fcntl
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from policykb.kb.store import KnowledgeStore

log = logging.getLogger(__name__)
RERUN = "本次导入未写入索引，请重新运行导入。"


class IngestBusyError(RuntimeError):
    """Another ingest holds the lock."""


class IngestConflictError(IngestBusyError):
    """Another ingest took over or changed the index while this one ran; nothing of this one was committed."""


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
    Chroma server never interleave. A killed (or stopped) holder's lease expires after ``ttl``
    seconds; a live holder renews it from a background thread every ``ttl / 3`` seconds, through
    every phase of its work, and checks it still holds it before each write.
    """

    def __init__(self, store: KnowledgeStore, ttl: float = 300.0) -> None:
        self.store = store
        self.ttl = ttl
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.lost = False
        self._stop = threading.Event()
        self._renewer: threading.Thread | None = None

    def acquire(self, timeout: float = 3600.0, poll: float = 0.5) -> None:
        """Wait for the lease.

        Raises:
            IngestBusyError: another ingest held it for longer than ``timeout``.
        """
        deadline = time.monotonic() + timeout
        while True:
            holder = self.store.lease_holder()
            if holder is None or holder["expires"] < time.time() or holder["owner"] == self.owner:
                self._claim()
                time.sleep(0.05)
                confirmed = self.store.lease_holder()
                if confirmed and confirmed["owner"] == self.owner:
                    return
            if time.monotonic() > deadline:
                raise IngestBusyError("另一个导入任务正在进行，请稍后再试")
            time.sleep(poll)

    def _claim(self) -> None:
        self.lost = False
        self.store.write_lease(self.owner, time.time() + self.ttl)

    def check(self) -> None:
        """Make sure this lease is still held: ours, and not expired.

        Raises:
            IngestConflictError: it expired (the holder was paused or stalled past ``ttl``) or
                another ingest has taken it over since.
        """
        holder = self.store.lease_holder()
        if self.lost or holder is None or holder["owner"] != self.owner or holder["expires"] < time.time():
            self.lost = True
            raise IngestConflictError(f"导入任务停顿超过 {self.ttl:g} 秒，已由另一个导入任务接手。{RERUN}")

    def renew(self) -> None:
        """Extend the lease by ``ttl`` from now, if it is still held.

        Raises:
            IngestConflictError: see :meth:`check`; a lost lease is never taken back.
        """
        self.check()
        self.store.write_lease(self.owner, time.time() + self.ttl)

    def release(self) -> None:
        self.store.clear_lease(self.owner)

    @contextmanager
    def kept_alive(self) -> Iterator[Lease]:
        """Renew the lease from a background thread while the block runs, whatever it is doing."""
        self._stop.clear()
        self._renewer = threading.Thread(target=self._renew_until_stopped, name="lease-renewer", daemon=True)
        self._renewer.start()
        try:
            yield self
        finally:
            self._stop.set()
            self._renewer.join()

    def _renew_until_stopped(self) -> None:
        while not self._stop.wait(self.ttl / 3):
            try:
                self.renew()
            except IngestConflictError:
                return  # lost: the holder's next check refuses to write
            except Exception as exc:  # noqa: BLE001 - a server hiccup: try again at the next beat
                log.warning("could not renew the ingest lease: %s", exc)


@contextmanager
def holding(lease: Lease) -> Iterator[Lease]:
    """Acquire ``lease``, keep it renewed while the block runs, release it after."""
    lease.acquire()
    try:
        with lease.kept_alive():
            yield lease
    finally:
        lease.release()
