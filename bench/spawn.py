"""Start a worker (or a CLI command) in a fresh process, stream its progress, collect its result."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from pathlib import Path
from typing import Any

from bench.system import ROOT, CpuWindow, git_commit, say

QUIET_ENV = {
    "ANONYMIZED_TELEMETRY": "False",
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "TOKENIZERS_PARALLELISM": "false",
    "PYTHONWARNINGS": "ignore",
    "GRADIO_ANALYTICS_ENABLED": "False",
}


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QUIET_ENV)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env.update(extra or {})
    return env


def _pump(stream, label: str, tail: deque[str], echo: bool) -> None:
    for raw in iter(stream.readline, ""):
        line = raw.rstrip("\n")
        if not line.strip():
            continue
        tail.append(line)
        if echo and ("[" in line[:3] or "Error" in line or "Traceback" in line):
            # worker progress lines already carry a timestamp; re-prefix with the stage label
            text = line.split("] ", 1)[1] if line.startswith("[") and "] " in line else line
            say(text, prefix=label)


def run_worker(task: str, args: dict[str, Any], label: str, timeout_s: float, env: dict[str, str] | None = None, echo: bool = True) -> dict[str, Any]:
    """Run ``bench.worker`` task ``task`` in a new process; its result, or ``{"error": ...}``."""
    with tempfile.TemporaryDirectory(prefix="policykb-bench-") as tmp:
        args = {**args, "task": task, "result": str(Path(tmp) / "result.json")}
        arg_file = Path(tmp) / "args.json"
        args["spawned_at"] = time.time()
        arg_file.write_text(json.dumps(args, ensure_ascii=False, default=str), encoding="utf-8")
        tail: deque[str] = deque(maxlen=30)
        proc = subprocess.Popen(
            [sys.executable, "-m", "bench.worker", str(arg_file)],
            cwd=ROOT,
            env=child_env(env),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        pump = threading.Thread(target=_pump, args=(proc.stdout, label, tail, echo), daemon=True)
        pump.start()
        try:
            proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()  # the worker this function started, by its own handle
            proc.wait()
            pump.join(timeout=5)
            say(f"timed out after {timeout_s:.0f} s", prefix=label)
            return {"error": f"timed out after {timeout_s:.0f} s", "tail": list(tail)}
        pump.join(timeout=5)
        result_file = Path(args["result"])
        if not result_file.exists():
            return {"error": f"worker exited with {proc.returncode} and no result", "tail": list(tail)}
        result = json.loads(result_file.read_text(encoding="utf-8"))
        if "error" in result:
            result["tail"] = list(tail)[-12:]
            say(f"failed: {result['error']}", prefix=label)
        return result


def run_command(argv: list[str], env: dict[str, str] | None, timeout_s: float) -> dict[str, Any]:
    """Wall time of a command from spawn to exit (e.g. ``policykb ask …``)."""
    window = CpuWindow.open()  # the child's CPU counts as ours once it has been waited for
    start = time.perf_counter()
    try:
        done = subprocess.run(argv, cwd=ROOT, env=child_env(env), capture_output=True, text=True, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout_s:.0f} s", "wall_s": None}
    wall = time.perf_counter() - start
    out = {"wall_s": wall, "returncode": done.returncode, "stdout": done.stdout[-300:], "cpu": window.close(), "commit": git_commit(ROOT)}
    if done.returncode != 0:
        out["error"] = done.stderr[-500:]
    return out
