"""An exclusive lock so that two ingests never interleave; readers never take it."""

from __future__ import annotations

import fcntl
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from policykb.kb.storage import LeaseRecord, LeaseStore

log = logging.getLogger(__name__)
RERUN = "本次导入未写入索引，请重新运行导入。"


class IngestBusyError(RuntimeError):
    """Another ingest holds the lock."""


class IngestConflictError(IngestBusyError):
    """Another ingest took over or changed the index while this one ran; nothing of this one was committed."""


def holder_of(owner: str, since: float = 0.0, expires: float = 0.0) -> str:
    """Who holds the lock or lease, in words: host, process, since when and until when (local time)."""
    host, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    words = f"主机 {host or '未知'} 上的进程 {pid or '未知'}"
    if since:
        words += f"，自 {_clock(since)} 起"
    if expires:
        words += f"，租约到 {_clock(expires)} 为止（届时未续期即可接手）"
    return words


def _clock(moment: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(moment))


def is_dead(owner: str) -> bool:
    """Whether ``owner`` (``host:pid:…``) is a process of this host that no longer exists."""
    host, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:  # e.g. another user's process: it exists
        return False
    return False


Waiting = Callable[[str], None]


@contextmanager
def ingest_lock(path: Path, wait: bool = True, on_wait: Waiting | None = None) -> Iterator[None]:
    """Hold the ingest lock file at ``path`` for the duration of the block (its holder is written in it).

    Args:
        wait: wait for another holder to finish; else refuse at once.
        on_wait: told once, in words, whom the ingest waits for.

    Raises:
        IngestBusyError: ``wait`` is false and another ingest holds the lock.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            busy = f"另一个导入任务正在进行（{_lock_holder(path)}）"
            if not wait:
                raise IngestBusyError(f"{busy}，请稍后再试（或加 --wait 等待）。") from None
            (on_wait or log.warning)(f"{busy}，正在等待其完成……")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{socket.gethostname()}:{os.getpid()}\n{time.time()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)


def _lock_holder(path: Path) -> str:
    """The holder the lock file names (written by :func:`ingest_lock`), in words."""
    try:
        owner, since = (path.read_text(encoding="utf-8").split("\n") + ["", ""])[:2]
        return holder_of(owner, float(since or 0))
    except (OSError, ValueError):
        return "持有者未知"


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
        self.since = 0.0  # when it claimed it
        self.lost = False
        self._stop = threading.Event()
        self._renewer: threading.Thread | None = None

    def acquire(
        self, timeout: float = 3600.0, poll: float = 0.5, wait: bool = True, on_wait: Waiting | None = None
    ) -> None:
        """Wait for the lease: claim it as soon as it is free (never held, released, expired, or held by a
        process of this host that no longer exists).

        Args:
            wait: wait (up to ``timeout``) for another holder; else refuse at once.
            on_wait: told, in words, whom the ingest waits for (once per holder).

        Raises:
            IngestBusyError: another ingest holds it (``wait`` false), or held it for longer than ``timeout``.
        """
        deadline = time.monotonic() + timeout
        told: set[tuple[int, str]] = set()
        while not self._try_claim():
            holder = self.store.latest_lease()
            busy = "另一个导入任务正在进行" + (f"（{self.holder_words(holder)}）" if holder else "")
            if not wait:
                raise IngestBusyError(f"{busy}，请稍后再试（或加 --wait 等待）。")
            if time.monotonic() > deadline:
                raise IngestBusyError(f"{busy}，请稍后再试。")
            if holder is not None and (holder.number, holder.owner) not in told:
                told.add((holder.number, holder.owner))
                (on_wait or log.warning)(f"{busy}，正在等待……")
            time.sleep(poll)  # the holder is working: look again later

    @staticmethod
    def holder_words(lease: LeaseRecord) -> str:
        return holder_of(lease.owner, lease.since, lease.expires)

    def _try_claim(self) -> bool:
        """Claim the next lease number if the current lease is free; whether this writer now holds it."""
        current = self.store.latest_lease()
        live = current is not None and not current.released and current.expires >= time.time()
        if live and not is_dead(current.owner):  # type: ignore[union-attr]
            return False
        number = (current.number if current else 0) + 1
        now = time.time()
        if not self.store.claim_lease(LeaseRecord(number, self.owner, now + self.ttl, since=now)):
            return False  # another writer claimed this number first
        self.number, self.lost, self.since = number, False, now
        if not self._holds(self.store.latest_lease()):
            return False  # a number already pruned, claimed again: a newer lease exists
        if current is not None and not current.released:
            why = "its process no longer exists" if live else "it expired"
            log.warning("took over the ingest lease of %s: %s", current.owner, why)
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
        self.store.write_lease(LeaseRecord(int(self.number or 0), self.owner, time.time() + self.ttl, since=self.since))

    def release(self) -> None:
        """Mark this writer's lease released, so the next writer need not wait for it to expire."""
        if self.number is None or not self._holds(self.store.latest_lease()):
            return  # lost or never held: nothing of ours is current
        self.store.write_lease(LeaseRecord(self.number, self.owner, time.time(), released=True, since=self.since))
        log.info("ingest lease %d released by %s", self.number, self.owner)

    def regain(self, wait: bool = True, on_wait: Waiting | None = None) -> None:
        """Hold the lease again if another writer took it over (this one stalled past ``ttl``): wait for it
        like :meth:`acquire`, then renew it as before. A writer does so only to plan its work again on what
        the other one committed, never to write what it planned before."""
        if self.number is not None and self._holds(self.store.latest_lease()):
            return
        kept = self._renewer is not None and not self._stop.is_set()  # inside :meth:`kept_alive`
        self._stop_renewing()
        self.acquire(wait=wait, on_wait=on_wait)
        if kept:
            self._start_renewing()

    @contextmanager
    def kept_alive(self) -> Iterator[Lease]:
        """Renew the lease from a background thread while the block runs, whatever it is doing."""
        self._start_renewing()
        try:
            yield self
        finally:
            self._stop_renewing()

    def _start_renewing(self) -> None:
        self._stop.clear()
        self._renewer = threading.Thread(target=self._renew_until_stopped, name="lease-renewer", daemon=True)
        self._renewer.start()

    def _stop_renewing(self) -> None:
        self._stop.set()
        if self._renewer is not None:
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
def holding(lease: Lease, wait: bool = True, on_wait: Waiting | None = None) -> Iterator[Lease]:
    """Acquire ``lease`` (see :meth:`Lease.acquire`), keep it renewed while the block runs, release it after."""
    lease.acquire(wait=wait, on_wait=on_wait)
    try:
        with lease.kept_alive():
            yield lease
    finally:
        lease.release()
