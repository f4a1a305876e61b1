"""Percentiles and medians, the way the report quotes them."""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-quantile (0–1) by linear interpolation between closest ranks."""
    if not values:
        return math.nan
    ordered = sorted(values)
    pos = q * (len(ordered) - 1)
    low = math.floor(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def latency_summary(values_ms: Sequence[float]) -> dict[str, float]:
    """p50, p95, p99, mean and max of one run's latencies (ms), with the count."""
    return {
        "n": len(values_ms),
        "p50": percentile(values_ms, 0.50),
        "p95": percentile(values_ms, 0.95),
        "p99": percentile(values_ms, 0.99),
        "mean": statistics.fmean(values_ms) if values_ms else math.nan,
        "max": max(values_ms) if values_ms else math.nan,
    }


def median(values: Iterable[float | None]) -> float:
    got = [v for v in values if v is not None and not math.isnan(v)]
    return statistics.median(got) if got else math.nan


def median_of_runs(runs: Sequence[dict[str, float]]) -> dict[str, float]:
    """Per key, the median over runs (each run a :func:`latency_summary`)."""
    keys = runs[0].keys() if runs else ()
    return {k: median(r[k] for r in runs) for k in keys}


def spread(values: Sequence[float]) -> tuple[float, float]:
    got = [v for v in values if v is not None and not math.isnan(v)]
    return (min(got), max(got)) if got else (math.nan, math.nan)
