"""The ledger as the API and the page ask for it: filters by plan, unit, role, window or dates, on a given day.

One query (:class:`LedgerQuery`) for ``GET /v1/tasks`` and the 时间节点 tab; it reads only the index, never
the clock (the day is passed in: ``settings.today`` or the page's “as of” date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from policykb.kb.export import JOIN
from policykb.kb.index import KnowledgeIndex
from policykb.kb.ledger import LedgerRow, between, select, unit_counts
from policykb.kb.ledger_export import LEDGER_FORMATS, due_label, ledger_file
from policykb.kb.windows import NAMED_WINDOWS, named_window, parse_day

__all__ = [
    "JOIN",
    "LEDGER_FORMATS",
    "NAMED_WINDOWS",
    "LedgerQuery",
    "LedgerView",
    "due_label",
    "ledger_file",
    "ledger_view",
]  # fmt: skip  (the page reaches the ledger's files and windows through here, never kb/ itself)


@dataclass(frozen=True)
class LedgerQuery:
    """What is asked of the ledger: every field may be empty (no filter)."""

    plan: str = ""  # a document id or part of a title
    unit: str = ""
    role: str = "any"  # lead, co or any
    window: str = ""  # 已逾期、本月、本季度、本年、长期, or empty
    due_before: str = ""  # YYYY-MM-DD, included
    due_after: str = ""  # YYYY-MM-DD, included
    as_of: str = ""  # YYYY-MM-DD: the day overdue and the windows are read on (empty: today)


@dataclass
class LedgerView:
    """The rows picked, the day they were read on, and counts per unit."""

    rows: list[LedgerRow]
    as_of: date
    counts: list[tuple[str, int, int, int]]

    def to_dict(self) -> dict[str, Any]:
        data = [{**r.to_dict(), "overdue": r.overdue(self.as_of)} for r in self.rows]
        units = [{"unit": u, "lead": lead, "co": co, "overdue": late} for u, lead, co, late in self.counts]
        return {"object": "list", "as_of": self.as_of.isoformat(), "data": data, "units": units}


def ledger_view(index: KnowledgeIndex, query: LedgerQuery, today: date) -> LedgerView:
    """The ledger rows ``query`` picks from ``index``.

    Raises:
        KeyError: the plan matches no document.
        ValueError: a date, role or window is not one.
    """
    as_of = parse_day(query.as_of) if query.as_of else today
    ids = index.resolve_documents(query.plan or None) or list(index.documents)
    window = named_window(query.window, as_of) if query.window else None
    dates = between(*(parse_day(d) if d else None for d in (query.due_after, query.due_before)))
    documents = [index.documents[i] for i in ids]
    rows = select(documents, index.units, query.unit.strip(), query.role or "any", window or dates)  # type: ignore[arg-type]
    if window is not None and dates is not None:  # a named window narrowed further by dates
        rows = [r for r in rows if dates.holds(r.status, r.due_date())]
    return LedgerView(rows, as_of, unit_counts(rows, as_of))
