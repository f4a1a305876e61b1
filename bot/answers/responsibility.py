"""Answers about responsibility: who leads and who co-operates on a task, and what a unit does."""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykb.bot.answers.finding import Finding
from policykb.bot.evidence import Evidence
from policykb.bot.kinds import QuestionKind
from policykb.kb.duties import listed_alone, partition, roles
from policykb.kb.lexicon import CO_NAMES, DUTY_MENTION_WORDS, LEAD_NAMES, UNITS_ASKED, alternation
from policykb.kb.records import DocumentRecord, Responsibility, Task
from policykb.kb.units import BODY_MENTION, PlanUnits, UnitShelf, stretches, written_short
from policykb.prompts.library import Phrases

GENERIC_TITLE_SUFFIX = ("工程", "制度", "建设", "机制", "行动")
CO_ASKED = re.compile(
    rf"(?:{alternation(CO_NAMES)})(?:的|牵头单位的)?(?:单位|部门)|(?:单位|部门|谁)(?:来|去)?(?:{alternation(CO_NAMES)})"
)
"""A question asking the co-operating units (``配合单位有哪些``, ``哪些部门配合``, ``谁来协助``)."""
LEAD_ASKED = re.compile(rf"{alternation(LEAD_NAMES)}|责任单位|负责单位|谁负责|哪些单位负责")


def co_not_named(question: str, finding: Finding | None) -> dict[str, str] | None:
    """The task and its lead when ``question`` asks only who co-operates on a task whose record names no
    co-operating unit (``提升甲效率的配合单位有哪些？`` of a task ``（牵头单位：甲局）``): the plan does not say, and
    its lead units are not the answer; else ``None``."""
    facts = finding.facts if finding is not None and finding.kind == QuestionKind.OWNER else {}
    if facts.get("co_units", True) or not facts.get("lead_units"):
        return None
    if not CO_ASKED.search(question) or LEAD_ASKED.search(question) or not UNITS_ASKED.search(question):
        return None
    return {"task": str(facts.get("task", "")), "lead": "、".join(facts["lead_units"])}


DUTY_SAID = re.compile(alternation(DUTY_MENTION_WORDS))
"""A duty a who-question asks (``由哪个部门牵头``) or a sentence states (``甲局负责``, ``责任单位：乙局``)."""


def says_who(kind: QuestionKind, question: str, units: list[str], finding: Finding) -> bool:
    """Whether a plain sentence quoted for a who-question says who as asked: for a unit's tasks
    (``区乙局牵头哪些任务``) it names the unit; for a task's role (``…由哪个部门牵头``) it states a duty, not only a
    name shaped as a body's (``比省定分办时限再快``). Another kind of question, or an owner question that asks no duty
    (``报哪个部门备案``), is answered by any sentence that fits it. Only units the question writes count (a
    question's ``各级政府`` may have been read as some plan's ``区政府``)."""
    said = "\n".join(finding.lines)
    asked = [unit for unit in units if written_short(unit, question)]  # not a unit a loose alias read into it
    if kind == QuestionKind.UNIT_TASKS and asked:
        return any(written_short(unit, said) for unit in asked)
    named = [m.group(0) for m in BODY_MENTION.finditer(question)]
    if kind in (QuestionKind.UNIT_TASKS, QuestionKind.OWNER) and named and not asked:
        return any(written_short(body, said) for body in named)  # a body no plan's units know, not in the sentence
    if kind == QuestionKind.OWNER and DUTY_SAID.search(question):
        return DUTY_SAID.search(said) is not None
    return True


@dataclass
class TaskMatch:
    task: Task
    score: float
    support: float


def rank_bonus(section: str, ranked_sections: list[str]) -> float:
    """1, 1/2, 1/3 … for the first retrieved chunk inside ``section``; 0 if none is."""
    for rank, label in enumerate(ranked_sections):
        if label == section or label.startswith(section + " > "):
            return 1.0 / (rank + 1)
    return 0.0


def match_tasks(question: str, evidence: Evidence, tasks: list[Task], ranked_sections: list[str]) -> list[TaskMatch]:
    """Tasks ordered by how well they fit the question."""
    matches = []
    for task in tasks:
        support = evidence.coverage(f"{task.section} {task.text}")
        title = task.title
        named = title in question or (len(title) > 4 and _strip_generic(title) in question)
        score = 0.4 * evidence.coverage(title) + 0.4 * support + 0.3 * rank_bonus(task.section, ranked_sections)
        matches.append(TaskMatch(task, score + (1.0 if named else 0.0), 1.0 if named else support))
    return sorted(matches, key=lambda m: -m.score)


def _strip_generic(title: str) -> str:
    for suffix in GENERIC_TITLE_SUFFIX:
        if title.endswith(suffix):
            return title[: -len(suffix)]
    return title


def role_lines(r: Responsibility, phrases: Phrases) -> list[str]:
    """Who answers for a task, by the one lead/co rule of :mod:`policykb.kb.duties`: a line of the units that
    lead and one of those that co-operate; a sole unit's line (a responsible unit's line when a label only lists
    it: ``负责部门：甲``); or, where the plan names no lead (units sharing the work by their duties), one line of
    every unit."""
    lead, co = roles(r)
    if listed_alone(r):
        return [phrases("owner.listed", units="、".join(lead))]
    if r.mode == "sole":
        return [phrases("owner.sole", units="、".join(lead))]
    if r.mode == "lead_co":
        co_line = [phrases("owner.co", units="、".join(co))] if co else []
        return [phrases("owner.lead", units="、".join(lead)), *co_line]
    return [phrases("owner.shared", units="、".join(co))]


def owner_lines(task: Task, phrases: Phrases) -> list[str]:
    """The lines that state who leads, who co-operates, and the bracket itself."""
    r = task.responsibility
    heading = "owner.heading" if task.section else "owner.heading_plain"  # never an empty “（）”
    lines = [phrases(heading, task=task.title, section=task.section), *role_lines(r, phrases)]
    if task.deadline:
        lines.append(phrases("owner.deadline", deadline=task.deadline))
    if r.notes:
        lines.append(phrases("owner.notes", notes="；".join(r.notes)))
    lines.append(phrases("owner.evidence", bracket=f"［{r.raw}］"))
    return lines


def deadline_lines(task: Task, phrases: Phrases) -> list[str]:
    """By when a task is due, then who answers for it."""
    due = phrases("owner.deadline", deadline=task.deadline) if task.deadline else phrases("owner.no_deadline")
    lines = owner_lines(task, phrases)
    return [lines[0], due, *[line for line in lines[1:] if not line.startswith(due.split("：")[0])]]


def unit_task_lines(
    unit: str, tasks: list[Task], phrases: Phrases, lead_only: bool, plan: PlanUnits | None = None
) -> list[str]:
    """A unit's tasks: those it leads (or alone is responsible for) first, then the rest.

    ``plan``: the plan's units, by which a name as written (``市场监管局``) is the plan's ``市市场监管局``.
    """
    leads, others = partition(unit, tasks, plan.names_of if plan is not None else list)
    lines = [phrases("unit_tasks.summary", unit=unit, total=len(leads) + len(others), lead=len(leads), co=len(others))]
    groups = [("unit_tasks.lead_group", leads)] + ([] if lead_only else [("unit_tasks.co_group", others)])
    for header, group in groups:
        if not group:
            continue
        lines.append(phrases(header))
        for n, task in enumerate(group, 1):
            mark = phrases("unit_tasks.shared_mark") if task.responsibility.mode == "shared" else ""
            item = "unit_tasks.item" if task.section else "unit_tasks.item_plain"
            lines.append(phrases(item, n=n, task=task.title + mark, section=task.section))
            if task.deadline:
                lines.append(phrases("unit_tasks.item_deadline", deadline=task.deadline))
            lines.append(phrases("unit_tasks.item_evidence", bracket=f"［{task.responsibility.raw}］"))
    return lines


@dataclass
class UnitTasks:
    """What a question about units' tasks is answered with: lines, the tasks cited, the facts."""

    lines: list[str]
    tasks: list[Task]
    facts: dict


def unit_tasks_by_plan(
    shelf: UnitShelf, question: str, docs: list[DocumentRecord], phrases: Phrases, lead_only: bool, most: int = 5
) -> UnitTasks | None:
    """The tasks of each unit the question names, plan by plan (``docs`` best match first, at most ``most``).

    A unit is looked up within each plan: one city's 市发改委 is not another's, and neither is a county's
    县发展改革局. Several plans answering stand each under their own title; never merged.
    """
    found: list[tuple[DocumentRecord, PlanUnits, str, list[Task]]] = []
    said = stretches(question)
    for doc in docs:
        if len({f[0].doc_id for f in found}) >= most:
            break  # the best ``most`` plans are found: the rest are not read
        plan = shelf.of(doc.doc_id)
        for unit in plan.find(question) if plan.directory.names_any(said) else ():  # a plan naming none: no scan
            own = [t for t in doc.tasks if unit in plan.names_of(t.responsibility.units)]
            if own:
                found.append((doc, plan, unit, own))
    plans = list(dict.fromkeys(doc.doc_id for doc, *_ in found))[:most]
    if not found:
        return None
    lines: list[str] = []
    tasks: list[Task] = []
    facts: dict = {"units": list(dict.fromkeys(unit for *_, unit, _ in found))}
    if len(plans) > 1:
        facts["plans"] = []
    shown = ""
    for doc, plan, unit, own in (f for f in found if f[0].doc_id in plans):
        if len(plans) > 1:
            if doc.doc_id != shown:
                lines.append(phrases("document.plan", title=doc.title, place=doc.place or "—"))
            facts["plans"].append({"doc_id": doc.doc_id, "title": doc.title, "unit": unit})
        shown = doc.doc_id
        lines.extend(unit_task_lines(unit, own, phrases, lead_only, plan))
        tasks.extend(own)
    if len(found) == 1:  # one unit of one plan: the one task it leads, which “配合单位有哪些？” then asks of
        doc, plan, unit, own = found[0]
        leads = partition(unit, own, plan.names_of)[0]
        facts["led"] = leads[0].title if len(leads) == 1 else ""
    return UnitTasks(lines, tasks, facts)
