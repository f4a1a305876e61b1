"""Lead or co-operating: the one rule by which a unit's tasks are split, for answers, the page and exports.

A unit *leads* a task when its bracket names it among the leads (a sole owner leads too); it *co-operates*
when the bracket names it among the co-operating units or among those sharing the work by their duties
(``按职责分工负责``, no lead named). A unit named both ways leads, and each task counts once for a unit
however often its bracket names it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal

from policykb.kb.lexicon import GENERIC_GROUP, LOCAL_GROUP, ROLELESS_LABEL
from policykb.kb.records import DocumentRecord, Responsibility, Task

Role = Literal["lead", "co"]


def is_local_group(unit: str) -> bool:
    """Whether ``unit`` names local governments as a group (``各区、县级市``, ``试点城市政府``, ``园区管委会``)."""
    return bool(LOCAL_GROUP.search(unit.strip()))


def listed_alone(responsibility: Responsibility) -> bool:
    """Whether the task's one unit is only listed under a label without roles (``负责部门：甲``): the plan names
    it alone but never says it leads, so an answer states it as the responsible unit, not as a lead."""
    return responsibility.mode == "sole" and bool(ROLELESS_LABEL.match(responsibility.raw))


def is_generic_group(unit: str) -> bool:
    """Whether ``unit`` names no unit in particular (``各有关单位``, ``相关部门``)."""
    return bool(GENERIC_GROUP.search(unit.strip()))


Names = Callable[[list[str]], list[str]]  # units as a plan writes them → the names they stand for in it


def role(unit: str, responsibility: Responsibility, names: Names = list) -> Role | None:
    """``lead`` or ``co`` for ``unit`` in ``responsibility``; ``None`` when the bracket does not name it.

    ``names`` resolves the bracket's units within their plan (``市场监管局`` → the plan's ``市市场监管局``).
    """
    if unit in names(responsibility.lead_units):
        return "lead"
    if unit in names(responsibility.co_units):
        return "co"
    return None


def roles(responsibility: Responsibility, names: Names = list) -> tuple[list[str], list[str]]:
    """The units that lead and the units that co-operate, each once, in bracket order; no unit in both."""
    lead = list(dict.fromkeys(names(responsibility.lead_units)))
    return lead, [u for u in dict.fromkeys(names(responsibility.co_units)) if u not in lead]


def partition(unit: str, tasks: Iterable[Task], names: Names = list) -> tuple[list[Task], list[Task]]:
    """``unit``'s tasks in their order: those it leads, and those it co-operates on or shares."""
    lead: list[Task] = []
    co: list[Task] = []
    for task in tasks:
        found = role(unit, task.responsibility, names)
        if found is not None:
            (lead if found == "lead" else co).append(task)
    return lead, co


def unit_counts(documents: Iterable[DocumentRecord]) -> list[tuple[str, int, int]]:
    """``(unit, tasks it leads, tasks it co-operates on)`` for every unit named, most tasks first."""
    return task_counts(task for doc in documents for task in doc.tasks)


def task_counts(tasks: Iterable[Task], names: Names = list) -> list[tuple[str, int, int]]:
    """``(unit, tasks it leads, tasks it co-operates on)`` over ``tasks``, most tasks first; ``names`` resolves
    the brackets' units within their plan. A group of no unit in particular (``县直各有关单位``) is nobody to pick
    or chart and is left out; local governments as a group (``各乡镇人民政府``) stay: they have duties."""
    counts: dict[str, list[int]] = {}
    for task in tasks:
        lead, co = roles(task.responsibility, names)
        for column, units in enumerate((lead, co)):
            for unit in units:
                if not is_generic_group(unit):
                    counts.setdefault(unit, [0, 0])[column] += 1
    return sorted(((u, c[0], c[1]) for u, c in counts.items()), key=lambda x: (-(x[1] + x[2]), -x[1]))
