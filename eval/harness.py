"""Run the eval set through the bot and measure every kind of question.

Per kind accuracy, refusal precision and recall, recall@1/@5 and MRR of the gold
section, latency p50/p95 — for each retrieval choice and embedding model asked for.
"""

from __future__ import annotations

import json
import math
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from tqdm import tqdm

from policykb.eval.scoring import Verdict, judge, section_rank

Asker = Callable[[str], dict[str, Any]]


def load_jsonl(shipped: str, path: Path | None = None) -> list[dict[str, Any]]:
    """One object per line of ``path``, or of the file named ``shipped`` in ``eval/`` when ``path`` is ``None``."""
    if path is None:
        text = resources.files("policykb.eval").joinpath(shipped).read_text(encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def load_questions(path: Path | None = None) -> list[dict[str, Any]]:
    """The eval set (default: the one shipped in ``eval/questions.jsonl``)."""
    return load_jsonl("questions.jsonl", path)


@dataclass
class RunResult:
    """Metrics of one configuration over the eval set."""

    name: str
    settings: dict[str, Any]
    total: int = 0
    correct: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)
    refusal: dict[str, float] = field(default_factory=dict)
    retrieval: dict[str, float] = field(default_factory=dict)
    latency_ms: dict[str, float] = field(default_factory=dict)
    failures: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    outcomes: list[dict[str, Any]] = field(default_factory=list)  # one per question: id, kind, split, right…

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, Any]:
        data = self.__dict__.copy()
        data["accuracy"] = self.accuracy
        return data


def percentile(values: Iterable[float | None], q: float) -> float:
    """The ``q``-quantile (0–1) by linear interpolation between closest ranks, ``None`` and NaN left out;
    NaN when no value is left. The one percentile of the eval, the bench and the load check."""
    ordered = sorted(v for v in values if v is not None and not math.isnan(v))
    if not ordered:
        return math.nan
    pos = q * (len(ordered) - 1)
    low = math.floor(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def run(
    name: str,
    ask: Asker,
    items: Iterable[dict[str, Any]],
    settings: dict[str, Any],
    progress: bool = True,
    judge: Callable[[dict[str, Any], dict[str, Any]], Verdict] = judge,
) -> RunResult:
    """Ask every question of ``items`` through ``ask`` and score the answers (by ``judge``: the strict scorer)."""
    items = list(items)
    result = RunResult(name=name, settings=settings, total=len(items))
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failures: dict[str, list[dict[str, Any]]] = defaultdict(list)
    latencies: list[float] = []
    ranks: list[int] = []
    refused_right = refused = unanswerable = 0
    for item in tqdm(items, desc=f"eval {name}", unit="题", disable=not progress):
        start = time.perf_counter()
        answer = ask(item["question"])
        latencies.append((time.perf_counter() - start) * 1000)
        verdict = judge(item, answer)
        kinds[item["kind"]][1] += 1
        if verdict.correct:
            kinds[item["kind"]][0] += 1
            result.correct += 1
        else:
            failures[item["kind"]].append(
                {
                    "id": item["id"],
                    "question": item["question"],
                    "reasons": verdict.reasons,
                    "answer": answer["answer"][:160],
                }
            )
        result.outcomes.append(
            {
                "id": item["id"],
                "kind": item["kind"],
                "split": item.get("split", ""),
                "correct": verdict.correct,
                "answerable": bool(item["answerable"]),
                "refused": not answer["answerable"],
                "confidence": answer.get("confidence", "full"),
            }
        )
        rank = section_rank(item, answer)
        if rank is not None:
            ranks.append(rank)
        unanswerable += not item["answerable"]
        refused += not answer["answerable"]
        refused_right += (not answer["answerable"]) and (not item["answerable"])
    result.by_kind = dict(kinds)
    result.failures = dict(failures)
    result.refusal = {
        "precision": refused_right / refused if refused else 0.0,
        "recall": refused_right / unanswerable if unanswerable else 0.0,
    }
    result.retrieval = {
        "recall@1": sum(1 for r in ranks if r == 1) / len(ranks) if ranks else 0.0,
        "recall@5": sum(1 for r in ranks if 1 <= r <= 5) / len(ranks) if ranks else 0.0,
        "mrr": sum(1 / r for r in ranks if r) / len(ranks) if ranks else 0.0,
    }
    result.latency_ms = {"p50": percentile(latencies, 0.5), "p95": percentile(latencies, 0.95)}
    return result


@dataclass
class SplitScore:
    """Accuracy per kind and refusal precision and recall of one split of the eval set."""

    split: str
    total: int = 0
    correct: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)
    refusal: dict[str, float] = field(default_factory=dict)
    partial: int = 0  # answers given from the closest clause, with a caution

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def split_scores(result: RunResult) -> list[SplitScore]:
    """The scores of ``result`` on each split of the eval set (``tune``, ``heldout``), in that order."""
    names = sorted({o["split"] for o in result.outcomes if o["split"]}, key=lambda s: (s != "tune", s))
    scores = []
    for name in names:
        rows = [o for o in result.outcomes if o["split"] == name]
        score = SplitScore(name, total=len(rows), correct=sum(o["correct"] for o in rows))
        for row in rows:
            cell = score.by_kind.setdefault(row["kind"], [0, 0])
            cell[0] += row["correct"]
            cell[1] += 1
        refused = [o for o in rows if o["refused"]]
        unanswerable = [o for o in rows if not o["answerable"]]
        right = sum(1 for o in refused if not o["answerable"])
        score.refusal = {
            "precision": right / len(refused) if refused else 0.0,
            "recall": right / len(unanswerable) if unanswerable else 0.0,
        }
        score.partial = sum(1 for o in rows if o["confidence"] == "partial" and not o["refused"])
        scores.append(score)
    return scores
