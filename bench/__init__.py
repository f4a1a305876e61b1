"""policykb's benchmark: ``python -m bench`` measures the engine and writes ``bench/RESULTS.md``.

Stages (each timed measurement runs in a fresh subprocess, see :mod:`bench.worker`):
cold start, ingest of the shipped plan, warm latency over the eval questions,
scaling to generated corpora of N × the plan, and the same for LangChain's stock
recipe. ``python -m bench --help`` lists the options.
"""
