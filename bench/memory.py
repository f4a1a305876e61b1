"""Peak and current resident memory of this process (``/proc/self/status``), and sizes on disk."""

from __future__ import annotations

import resource
from pathlib import Path


def _status_kib(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def peak_rss_mib() -> float:
    """Peak resident set size (VmHWM) so far, in MiB; ``ru_maxrss`` where /proc is missing."""
    kib = _status_kib("VmHWM")
    if kib is None:
        kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kib / 1024


def rss_mib() -> float:
    """Current resident set size (VmRSS), in MiB."""
    kib = _status_kib("VmRSS")
    return (kib or 0) / 1024


def disk_mib(path: Path) -> float:
    """Allocated size of everything under ``path`` (like ``du``), in MiB."""
    total = 0
    if path.is_file():
        return path.stat().st_blocks * 512 / 2**20
    for p in path.rglob("*"):
        try:
            if p.is_file() and not p.is_symlink():
                total += p.stat().st_blocks * 512
        except OSError:
            continue
    return total / 2**20
