"""The goals of issue 8 (2 CPU cores), and whether a measurement meets them."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Goal:
    key: str
    text: str
    limit: float
    unit: str

    def verdict(self, value: float | None) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "not measured"
        return "met" if value <= self.limit else "missed"


GOALS = [
    Goal("plan_retrieval_p95", "warm retrieval p95 on the plan", 50, "ms"),
    Goal("plan_answer_p95", "full offline answer p95 on the plan", 150, "ms"),
    Goal("big_retrieval_p95", "warm retrieval p95 at 1,000×", 100, "ms"),
    Goal("big_answer_p95", "full offline answer p95 at 1,000×", 250, "ms"),
    Goal("plan_ingest", "ingest of the plan incl. model load (fresh process)", 10, "s"),
    Goal("reingest", "re-ingest unchanged (`policykb ingest`, fresh process)", 2, "s"),
    Goal("cold_start", "cold start to first answer (`policykb ask`, fresh process)", 8, "s"),
    Goal("big_serve_rss", "serving the 1,000× corpus: peak RSS", 2048, "MiB"),
]
