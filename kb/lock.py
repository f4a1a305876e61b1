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

from policykb.kb.storage import LeaseRecord, LeaseStore

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
    Chroma server never interleave.

    It holds by construction: every claim is a new record numbered one above the current lease, inserted
    only if absent (:meth:`~policykb.kb.storage.LeaseStore.claim_lease`), so of two writers claiming at
    once exactly one gets the number. The current lease is the highest-numbered one; a writer takes over
    an expired or released lease by claiming the next number, and writes no record but its own (pruning
    deletes only numbers below the one it holds), so a takeover never removes a newer lease. A killed (or
    stopped) holder's lease expires after ``ttl`` seconds; a live holder renews it from a background thread
    every ``ttl / 3`` seconds, through every phase of its work, and checks it still holds it before each
    write.
    """

    def __init__(self, store: LeaseStore, ttl: float = 300.0) -> None:
        self.store = store
        self.ttl = ttl
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.number: int | None = None  # of the lease this writer claimed last
        self.lost = False
        self._stop = threading.Event()
        self._renewer: threading.Thread | None = None

    def acquire(self, timeout: float = 3600.0, poll: float = 0.5) -> None:
        """Wait for the lease: claim it as soon as it is free (never held, released, or expired).

        Raises:
            IngestBusyError: another ingest held it for longer than ``timeout``.
        """
        deadline = time.monotonic() + timeout
        while not self._try_claim():
            if time.monotonic() > deadline:
                raise IngestBusyError("另一个导入任务正在进行，请稍后再试")
            time.sleep(poll)  # the holder is working: look again later

    def _try_claim(self) -> bool:
        """Claim the next lease number if the current lease is free; whether this writer now holds it."""
        current = self.store.latest_lease()
        if current is not None and not current.released and current.expires >= time.time():
            return False
        number = (current.number if current else 0) + 1
        if not self.store.claim_lease(LeaseRecord(number, self.owner, time.time() + self.ttl)):
            return False  # another writer claimed this number first
        self.number, self.lost = number, False
        if not self._holds(self.store.latest_lease()):
            return False  # a number already pruned, claimed again: a newer lease exists
        if current is not None and not current.released:
            log.warning("took over the ingest lease of %s, which expired", current.owner)
        self.store.prune_leases(below=number)
        log.info("ingest lease %d acquired by %s", number, self.owner)
        return True

    def _holds(self, current: LeaseRecord | None) -> bool:
        """Whether ``current`` (the highest-numbered lease) is this writer's, live and not released."""
        return (
            not self.lost
            and current is not None
            and current.number == self.number
            and current.owner == self.owner
            and not current.released
            and current.expires >= time.time()
        )

    def check(self) -> None:
        """Make sure this lease is still held: ours, the newest, and not expired.

        Raises:
            IngestConflictError: it expired (the holder was paused or stalled past ``ttl``) or
                another ingest has taken it over since.
        """
        if not self._holds(self.store.latest_lease()):
            self.lost = True
            raise IngestConflictError(f"导入任务停顿超过 {self.ttl:g} 秒，已由另一个导入任务接手。{RERUN}")

    def renew(self) -> None:
        """Extend the lease by ``ttl`` from now, if it is still held.

        Raises:
            IngestConflictError: see :meth:`check`; a lost lease is never taken back (rewriting this
                writer's own record cannot: a newer number stays the current lease).
        """
        self.check()  # so this writer holds ``self.number``
        self.store.write_lease(LeaseRecord(int(self.number or 0), self.owner, time.time() + self.ttl))

    def release(self) -> None:
        """Mark this writer's lease released, so the next writer need not wait for it to expire."""
        if self.number is None or not self._holds(self.store.latest_lease()):
            return  # lost or never held: nothing of ours is current
        self.store.write_lease(LeaseRecord(self.number, self.owner, time.time(), released=True))
        log.info("ingest lease %d released by %s", self.number, self.owner)

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
