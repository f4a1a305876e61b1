"""cProfile summaries small enough to quote: where a question's time goes."""

from __future__ import annotations

import cProfile
import pstats
import time
from collections.abc import Callable
from typing import Any

# Functions worth naming: the engine's own, and the libraries it spends time in.
INTERESTING = ("/policykb/", "/work/", "/kb/", "/bot/", "/ingest/", "chromadb", "jieba", "re/", "langchain", "scipy", "numpy")


def _label(func: tuple[str, int, str]) -> str:
    filename, line, name = func
    if filename == "~":
        return name
    short = filename
    for marker in ("site-packages/", "/lib/python3.11/", "/work/main/"):
        if marker in short:
            short = short.split(marker, 1)[1]
    return f"{short}:{line}({name})"


def profile_calls(call: Callable[[str], Any], items: list[str], deadline: float, top: int = 14) -> dict[str, Any]:
    """Profile ``call(item)`` for each item (until ``deadline``); the top functions by cumulative and own time."""
    profiler = cProfile.Profile()
    done = 0
    start = time.perf_counter()
    for item in items:
        if time.monotonic() > deadline and done:
            break
        profiler.enable()
        call(item)
        profiler.disable()
        done += 1
    wall = time.perf_counter() - start
    stats = pstats.Stats(profiler)
    rows = []
    for func, (cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append({"function": _label(func), "calls": nc, "own_s": tt, "cum_s": ct})
    engine = [r for r in rows if any(k in r["function"] for k in ("kb/", "bot/", "ingest/"))]
    return {
        "questions": done,
        "wall_s": wall,
        "per_question_ms": wall / max(done, 1) * 1000,
        "by_cumulative": sorted(engine, key=lambda r: -r["cum_s"])[:top],
        "by_own_time": sorted(rows, key=lambda r: -r["own_s"])[:top],
    }
