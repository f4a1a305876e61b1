"""policykb's benchmark: ``python -m bench`` measures the engine and writes ``bench/RESULTS.md`` (see README)."""
