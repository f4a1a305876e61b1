"""The task ledger (工作台账): every task of every plan with its lead and co units and its deadline, as written
and as a date.

One :class:`LedgerRow` per milestone: a task due ``2021年6月底前…，2022年底前…`` has two rows, a task with no
deadline one row with status ``none``. Rows are picked by plan, unit (as lead, as co, or either) and a
:class:`~policykb.kb.windows.Window` of dates or standing (ongoing, recurring). Overdue means the date has
passed on the day given (the ledger never reads the clock itself: “today” is always passed in).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from policykb.ingest.duedates import DATED, Due, due_dates, plan_year, stated_deadlines
from policykb.kb.duties import roles
from policykb.kb.records import DocumentRecord, Task
from policykb.kb.units import UnitShelf
from policykb.kb.windows import Window

__all__ = ["ROLES", "LedgerRow", "between", "ledger_rows", "pick", "select", "unit_counts"]

ROLES = ("any", "lead", "co")
NONE = "none"


@dataclass(frozen=True)
class LedgerRow:
    """One milestone of one task: the plan, the task, who answers for it, and when it is due."""

    doc_id: str
    plan: str
    number: str
    task: str
    section: str
    lead: tuple[str, ...]
    co: tuple[str, ...]
    deadline: str  # the task's deadline as written, whole
    milestone: str  # the words of this milestone (``2022年底前``), or the deadline when it has one
    status: str  # dated, ongoing, recurring, undatable, none
    due: str = ""  # ISO date when dated
    start: int = 0  # the task's offset in its plan (the same task's milestones share it)

    @property
    def units(self) -> tuple[str, ...]:
        return (*self.lead, *self.co)

    def due_date(self) -> date | None:
        return date.fromisoformat(self.due) if self.due else None

    def overdue(self, today: date) -> bool:
        """Whether the date has passed on ``today`` (a task due today is not overdue)."""
        due = self.due_date()
        return due is not None and due < today

    def to_dict(self) -> dict[str, object]:
        return {
            "doc_id": self.doc_id, "plan": self.plan, "number": self.number, "task": self.task,
            "section": self.section, "lead_units": list(self.lead), "co_units": list(self.co),
            "deadline": self.deadline, "milestone": self.milestone, "status": self.status, "due": self.due or None,
        }  # fmt: skip


def ledger_rows(documents: Iterable[DocumentRecord], shelf: UnitShelf | None = None) -> list[LedgerRow]:
    """The ledger of ``documents``: their tasks' milestones in plan order; units as each plan names them."""
    documents = list(documents)
    shelf = shelf or UnitShelf.of_documents(documents)
    rows: list[LedgerRow] = []
    for doc in documents:
        year = plan_year(doc.title, doc.number, doc.date)
        names = shelf.of(doc.doc_id).names_of
        for task in doc.tasks:
            lead, co = roles(task.responsibility, names)
            written = deadline_text(task)
            milestones = due_dates(written, year) or [Due(written, NONE)]
            for due in milestones:
                rows.append(
                    LedgerRow(
                        doc.doc_id, doc.title, doc.number, task.title, task.section, tuple(lead), tuple(co),
                        written, due.text, due.status, due.date, task.start,
                    )
                )  # fmt: skip
    return rows


def deadline_text(task: Task) -> str:
    """The task's deadline as written; where its bracket or label sets none, every deadline its own text states
    (``2021年6月底前完成…，2022年底前全面推开`` → both; ``年底前基本实现…``; ``到2020年，…``)."""
    written = task.deadline
    if written and (written not in task.text or written in task.responsibility.raw):
        return written  # a label line or the bracket
    return "，".join(stated_deadlines(task.text)) or written


def pick(
    rows: Iterable[LedgerRow],
    window: Window | None = None,
    unit: str = "",
    role: str = "any",
    doc_ids: Iterable[str] | None = None,
    shelf: UnitShelf | None = None,
) -> list[LedgerRow]:
    """The rows in ``window``, of plans ``doc_ids`` (all when ``None``), where ``unit`` is ``role`` (``lead``,
    ``co`` or ``any``); dated rows in date order first, then standing ones in plan order."""
    if role not in ROLES:
        raise ValueError(f"角色应为 {'、'.join(ROLES)} 之一：{role}")
    plans = set(doc_ids) if doc_ids is not None else None
    chosen = [
        r for r in rows
        if (plans is None or r.doc_id in plans)
        and (window is None or window.holds(r.status, r.due_date()))
        and (not unit or _has_unit(r, unit, role, shelf))
    ]  # fmt: skip
    return sorted(chosen, key=lambda r: (r.status != DATED, r.due or "", r.doc_id, r.start))


def _has_unit(row: LedgerRow, unit: str, role: str, shelf: UnitShelf | None) -> bool:
    names = set(shelf.of(row.doc_id).find(unit)) if shelf is not None else set()
    names.add(unit)
    held = {"lead": row.lead, "co": row.co, "any": row.units}[role]
    return bool(names & set(held))


def unit_counts(rows: Iterable[LedgerRow], today: date) -> list[tuple[str, int, int, int]]:
    """``(unit, tasks it leads, tasks it co-operates on, of them overdue)`` over ``rows``, most tasks first; a task
    counts once however many milestones it has."""
    seen: set[tuple[str, int, str]] = set()
    counts: dict[str, list[int]] = {}
    late: set[tuple[str, int]] = {(r.doc_id, r.start) for r in rows if r.overdue(today)}
    for row in rows:
        for column, units in enumerate((row.lead, row.co)):
            for unit in units:
                key = (row.doc_id, row.start, unit)
                if key in seen:
                    continue
                seen.add(key)
                count = counts.setdefault(unit, [0, 0, 0])
                count[column] += 1
                count[2] += (row.doc_id, row.start) in late
    return sorted(((u, c[0], c[1], c[2]) for u, c in counts.items()), key=lambda x: (-(x[1] + x[2]), -x[1], x[0]))


def between(due_after: date | None, due_before: date | None) -> Window | None:
    """The window of dates from ``due_after`` to ``due_before`` (both included, either open); ``None`` for none."""
    if due_after is None and due_before is None:
        return None
    if due_after and due_before and due_after > due_before:
        raise ValueError(f"起始日期 {due_after} 晚于截止日期 {due_before}")
    return Window("", start=due_after, end=due_before)


def select(
    documents: Iterable[DocumentRecord],
    shelf: UnitShelf | None = None,
    unit: str = "",
    role: str = "any",
    window: Window | None = None,
) -> list[LedgerRow]:
    """The ledger of ``documents`` picked by ``unit`` in ``role`` and ``window``: what the CLI, the API and the
    page export."""
    documents = list(documents)
    shelf = shelf or UnitShelf.of_documents(documents)
    return pick(ledger_rows(documents, shelf), window, unit, role, shelf=shelf)
