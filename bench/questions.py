"""The questions the bench asks: the eval set, in a fixed shuffled order.

The eval file is grouped by kind; a run cut short by its time budget must still
be a fair sample, so the order is shuffled once with a fixed seed (the same at
every corpus size).
"""

from __future__ import annotations

import random
from typing import Any

SEED = 8
FIRST_QUESTION = "清洁取暖率要到多少？"


def bench_questions(limit: int | None = None) -> list[dict[str, Any]]:
    from policykb.eval.harness import load_questions

    items = load_questions()
    random.Random(SEED).shuffle(items)
    return items[:limit] if limit else items
