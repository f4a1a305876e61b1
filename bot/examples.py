"""Example questions for the chat page, derived from the indexed records (never hard-coded).

Each document contributes questions of the kinds the bot answers best: a numeric
target (“到2025年清洁取暖率提高到多少？”), who leads a task (“交通物流节能减排工程由哪些单位牵头？”)
and what a unit does (“市发改委负责哪些任务？”). The picks are deterministic and spread
over the document, so the same index always shows the same examples.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TypeVar

from policykb.kb.duties import is_generic_group, is_local_group
from policykb.kb.export import unit_counts
from policykb.kb.lexicon import QUESTION_COMPARATORS, alternation
from policykb.kb.records import DocumentRecord, Target, Task

T = TypeVar("T")

# Comparator words a question can reuse as is ("下降多少", "达到多少").
_QUESTION_COMPARATORS = re.compile(rf"^({alternation(QUESTION_COMPARATORS)})$")
_ELLIPSIS_TAIL = re.compile(r"….*$")


def target_question(target: Target) -> str | None:
    """A question whose answer is ``target``'s quantity, or ``None`` when no natural one exists."""
    comparator = _ELLIPSIS_TAIL.sub("", target.comparator)
    if target.verb_first or not target.indicator or not _QUESTION_COMPARATORS.match(comparator):
        return None
    if target.year.isdigit():
        when = f"到{target.year}年，"
    elif target.year == "十四五":
        when = "“十四五”时期，"
    else:
        when = ""
    return f"{when}{target.indicator}{comparator}多少？"


def task_question(task: Task) -> str | None:
    """Who leads (or, without a lead, who is responsible for) ``task``."""
    if not task.title or not task.responsibility.units:
        return None
    if task.responsibility.lead_units:
        return f"{task.title}由哪些单位牵头？"
    return f"{task.title}由哪些单位负责？"


def unit_question(unit: str) -> str:
    return f"{unit}负责哪些任务？"


def spread(items: Sequence[T], n: int) -> list[T]:
    """``n`` items evenly spread over ``items`` (first one included), in order."""
    if n <= 0 or not items:
        return []
    if n >= len(items):
        return list(items)
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def document_questions(doc: DocumentRecord, targets: int = 3, tasks: int = 2, units: int = 1) -> dict[str, list[str]]:
    """Example questions about one document, by kind (``target``, ``task``, ``unit``)."""
    target_qs = [q for q in (target_question(t) for t in doc.targets) if q]
    lead_tasks = [t for t in doc.tasks if t.responsibility.lead_units]
    task_qs = [q for q in (task_question(t) for t in lead_tasks or doc.tasks) if q]
    unit_names = [u for u, _, _ in unit_counts([doc]) if not (is_generic_group(u) or is_local_group(u))]
    return {
        "target": spread(target_qs, targets),
        "task": spread(task_qs, tasks),
        "unit": [unit_question(u) for u in unit_names[:units]],
    }


def example_questions(documents: Iterable[DocumentRecord], limit: int = 6) -> list[str]:
    """Up to ``limit`` example questions: each kind in turn, and within a kind each document in turn.

    So a short list still shows every kind of question and every document.
    """
    per_doc = [document_questions(d) for d in documents]
    depth = max((len(qs) for by_kind in per_doc for qs in by_kind.values()), default=0)
    out: list[str] = []
    for rank in range(depth):
        for kind in ("target", "task", "unit"):
            for by_kind in per_doc:
                if rank < len(by_kind[kind]) and by_kind[kind][rank] not in out:
                    out.append(by_kind[kind][rank])
    return out[:limit]
