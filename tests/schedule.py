"""Replay per-file seconds through `make test`'s hand-out of test files to its processes, to see when each ends.

    python -m tests.schedule /tmp/files.cpu [--workers 2]

The file is what ``POLICYKB_FILE_CPU`` writes (one line ``<test file> <seconds>`` a file and process; lines of one
file are added up). Files go out in the order ``tests/conftest.py`` gives them in a worker (``HEAVY_FILES`` first,
longest first, then the rest alphabetically), each to the process that is free first, as pytest-xdist's
``--dist loadfile`` does (it gives a process its next file when two tests of the current one are left; the replay
ignores that overlap). The replay assumes a process has a core of its own: on an idle machine with as many cores as
processes, the longest process's seconds are the wall the suite cannot beat with this order.
"""

from __future__ import annotations

import argparse
import heapq
from collections import defaultdict
from pathlib import Path

__all__ = ["file_seconds", "hand_out", "main"]

TESTS = Path(__file__).resolve().parent


def file_seconds(path: Path) -> dict[str, float]:
    """Seconds per test file, added up over the lines of ``path``."""
    seconds: dict[str, float] = defaultdict(float)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            name, value = line.rsplit(maxsplit=1)
            seconds[name] += float(value)
    return dict(seconds)


def hand_out(order: list[str], seconds: dict[str, float], workers: int) -> list[tuple[float, list[str]]]:
    """Each process's end (seconds from the start) and its files, the files given out in ``order``."""
    free = [(0.0, n, []) for n in range(workers)]
    for name in order:
        at, n, files = heapq.heappop(free)
        files.append(name)
        heapq.heappush(free, (at + seconds.get(name, 0.0), n, files))
    return [(at, files) for at, _, files in sorted(free, key=lambda w: w[1])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seconds", type=Path, help="per-file seconds, as POLICYKB_FILE_CPU writes them")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    from tests.conftest import HEAVY_FILES

    seconds = file_seconds(args.seconds)
    files = sorted(p.name for p in TESTS.glob("test_*.py"))
    rank = {name: place for place, name in enumerate(HEAVY_FILES)}
    order = sorted(files, key=lambda name: rank.get(name, len(HEAVY_FILES)))
    ends = hand_out(order, seconds, args.workers)
    for n, (at, names) in enumerate(ends):
        print(f"process {n}: ends at {at:.0f} s, {len(names)} files, last {', '.join(names[-3:])}")
    total, makespan = sum(seconds.values()), max(at for at, _ in ends)
    print(f"makespan {makespan:.0f} s; all files {total:.0f} s, {total / args.workers:.0f} s a process")


if __name__ == "__main__":
    main()
