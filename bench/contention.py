"""How busy the rest of the machine was while we measured.

The bench may share its 2 cores with other work; every stage records how many
cores *other* processes used during it (system busy time from ``/proc/stat``
minus this process's own CPU time), so a slow figure can be told apart from a
busy machine.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _system_busy_seconds() -> float:
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    values = [int(v) for v in fields]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    guest = sum(values[8:10]) if len(values) > 9 else 0  # already counted in user/nice
    return (sum(values) - idle - guest) / TICK


def _own_cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


@dataclass
class CpuWindow:
    """A measurement window: call :meth:`close` at its end."""

    wall: float
    busy: float
    own: float

    @classmethod
    def open(cls) -> CpuWindow:
        return cls(time.monotonic(), _system_busy_seconds(), _own_cpu_seconds())

    def close(self) -> dict[str, float]:
        """Wall seconds, our CPU cores used, other processes' cores used (averages over the window)."""
        wall = max(time.monotonic() - self.wall, 1e-9)
        busy = _system_busy_seconds() - self.busy
        own = _own_cpu_seconds() - self.own
        return {"wall_s": wall, "own_cores": own / wall, "other_cores": max(0.0, (busy - own) / wall)}


def other_load(seconds: float = 2.0) -> float:
    """Cores used by other processes over the next ``seconds`` (we are idle meanwhile)."""
    window = CpuWindow.open()
    time.sleep(seconds)
    return window.close()["other_cores"]


def wait_for_quiet(limit_s: float, threshold: float = 0.5, log=print) -> float:
    """Wait up to ``limit_s`` for other processes to use under ``threshold`` cores; the last load seen."""
    deadline = time.monotonic() + limit_s
    load = other_load(1.0)
    announced = False
    while load >= threshold and time.monotonic() < deadline:
        if not announced:
            log(f"machine busy (other processes use {load:.1f} cores): waiting up to {limit_s:.0f} s for it to calm down")
            announced = True
        load = other_load(3.0)
    return load
