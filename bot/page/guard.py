"""Password checks that resist guessing: constant-time comparison, a growing wait and a lockout per client.

:class:`PasswordGuard` keeps, per client (an IP address), how many wrong passwords it has sent in a row.
After each wrong one the client must wait longer before the next try (1 s, 2 s, 4 s, …); after
``max_failures`` wrong ones it is locked out for ``lockout`` seconds. While a client waits or is locked
out its tries are refused without the password being looked at, so guessing costs time, not just a request.
Nothing here blocks a worker thread: a refusal is returned at once with the time to wait.
"""

from __future__ import annotations

import copy
import hmac
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

MAX_FAILURES = 5
FIRST_WAIT = 1.0  # seconds after the first wrong password; doubled after each further one
LOCKOUT = 15 * 60.0
MAX_CLIENTS = 10_000  # clients remembered at most; the oldest are forgotten first


def same_secret(given: str | None, expected: str) -> bool:
    """Whether ``given`` equals a non-empty ``expected``, compared in constant time."""
    return bool(expected) and hmac.compare_digest((given or "").encode("utf-8"), expected.encode("utf-8"))


@dataclass
class Failures:
    """One client's wrong passwords in a row and when it may try again."""

    count: int = 0
    retry_at: float = 0.0


@dataclass(frozen=True)
class Verdict:
    """The outcome of one try: ``ok``; else whether the password was ``wrong`` (checked) and how long to ``wait``."""

    ok: bool
    wrong: bool = False
    wait: str = ""


class PasswordGuard:
    """Checks one password for many clients, slowing down and locking out those who guess."""

    def __init__(
        self,
        password: str,
        max_failures: int = MAX_FAILURES,
        first_wait: float = FIRST_WAIT,
        lockout: float = LOCKOUT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._password = password
        self.max_failures, self.first_wait, self.lockout, self.clock = max_failures, first_wait, lockout, clock
        self._clients: dict[str, Failures] = {}
        self._lock = threading.Lock()

    def check(self, client: str, given: str | None) -> Verdict:
        """Try ``given`` for ``client``; refused unchecked while the client must wait or is locked out."""
        with self._lock:
            now = self.clock()
            record = self._clients.get(client)
            if record is not None and now < record.retry_at:
                return Verdict(False, wait=self.wait_message(record, record.retry_at - now))
            if same_secret(given, self._password):
                self._clients.pop(client, None)
                return Verdict(True)
            record = self._fail(client, record, now)
            return Verdict(False, wrong=True, wait=self.wait_message(record, record.retry_at - now))

    def sharing(self, password: str) -> PasswordGuard:
        """A guard of another password that counts failures with this one: one lock-out for every check."""
        other = copy.copy(self)  # the same ``_clients`` and ``_lock``
        other._password = password
        return other

    def begin(self, client: str) -> str | None:
        """Start a try checked elsewhere (the page login): why ``client`` may not try now, else ``None``, with
        the try counted as a failure at once, before the password is checked, so that tries sent together
        are refused but the first; :meth:`succeeded` takes it back when the password was right."""
        with self._lock:
            now = self.clock()
            record = self._clients.get(client)
            if record is not None and now < record.retry_at:
                return self.wait_message(record, record.retry_at - now)
            self._fail(client, record, now)
            return None

    def refused(self, client: str) -> str | None:
        """Why ``client`` may not try now (it must wait or is locked out), else ``None``."""
        with self._lock:
            record = self._clients.get(client)
            now = self.clock()
            return self.wait_message(record, record.retry_at - now) if record and now < record.retry_at else None

    def failed(self, client: str) -> None:
        """Count a wrong password checked elsewhere (e.g. the page login)."""
        with self._lock:
            self._fail(client, self._clients.get(client), self.clock())

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._clients.pop(client, None)

    def _fail(self, client: str, record: Failures | None, now: float) -> Failures:
        if record is None or record.count >= self.max_failures:  # new, or back after a lockout: start over
            record = Failures()
        record.count += 1
        wait = self.lockout if record.count >= self.max_failures else self.first_wait * 2 ** (record.count - 1)
        record.retry_at = now + wait
        self._clients.pop(client, None)
        self._clients[client] = record  # most recent last, so the oldest is forgotten first
        while len(self._clients) > MAX_CLIENTS:
            del self._clients[next(iter(self._clients))]
        return record

    def wait_message(self, record: Failures, seconds: float) -> str:
        wait = max(1, math.ceil(seconds))
        if record.count >= self.max_failures:
            return f"密码连续错误 {record.count} 次，已锁定，请 {math.ceil(wait / 60)} 分钟后再试。"
        return f"请 {wait} 秒后再试。"
