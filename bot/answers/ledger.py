"""From a date or a period to its tasks: what is due by a date or in a window, what is overdue, what is ongoing.

The answer is the complete set from the ledger (:mod:`policykb.kb.ledger`): every milestone in the window and
none outside it, in date order, each with its plan, the deadline as written and its date, lead and co units
apart. A unit the question names narrows it to that unit's tasks (as lead, as co, or either); the document
filter (or the plan the question names) to those plans. Tasks whose deadline cannot be dated are said to be
left out, never guessed into the window.
"""

from __future__ import annotations

from datetime import date

from policykb.bot.answers.context import Context
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.kind import Kind
from policykb.bot.kinds import QuestionKind
from policykb.ingest.duedates import DATED, UNDATABLE
from policykb.kb.export import JOIN
from policykb.kb.ledger import LedgerRow, ledger_rows, pick
from policykb.kb.records import Task
from policykb.kb.windows import Window, window_of

MAX_ITEMS = 60  # items listed in a chat answer; the whole set is in the ledger export
ROLE_OF_FOCUS = {"lead": "lead", "co": "co", "all": "any"}
ROLE_WORDS = {"lead": "牵头", "co": "配合", "any": "牵头或配合"}


class Ledger(Kind):
    """The tasks of a window of time, from the ledger of the question's plans."""

    name = QuestionKind.LEDGER

    def find(self, ctx: Context) -> Finding | None:
        today = self.kit.today or date.today()
        window = window_of(ctx.q.text, today)
        if window is None:
            return None
        shelf = self.kit.index.units
        rows = ledger_rows(ctx.docs, shelf)  # type: ignore[arg-type]
        role = ROLE_OF_FOCUS.get(ctx.q.focus, "any")
        units = ctx.q.units or [""]
        chosen: list[LedgerRow] = []
        undatable: list[LedgerRow] = []
        for unit in units:
            chosen += [r for r in pick(rows, window, unit, role, shelf=shelf) if r not in chosen]  # type: ignore[arg-type]
            undatable += [r for r in pick(rows, None, unit, role, shelf=shelf) if r.status == UNDATABLE]  # type: ignore[arg-type]
        undatable = list(dict.fromkeys(undatable))
        lines = self._lines(window, chosen, undatable, "、".join(ctx.q.units), role)
        cited = [self.records.task_chunk(self._task(r)) for r in chosen[:MAX_ITEMS]]
        facts = {
            "window": window.label,
            "as_of": window.as_of.isoformat() if window.as_of else None,
            "unit": "、".join(ctx.q.units),
            "role": role,
            "tasks": [r.to_dict() for r in chosen],
            "undatable": [r.to_dict() for r in undatable],
        }
        return Finding(lines, cited, QuestionKind.LEDGER, facts)

    def _task(self, row: LedgerRow) -> Task:
        doc = self.kit.index.documents[row.doc_id]
        return next(t for t in doc.tasks if t.start == row.start)

    def _lines(
        self, window: Window, chosen: list[LedgerRow], undatable: list[LedgerRow], unit: str, role: str
    ) -> list[str]:
        scope = f"{unit}{ROLE_WORDS[role]}的" if unit else ""
        if not chosen:
            lines = [self.phrases("ledger.empty", window=window.label, scope=scope)]
        else:
            lines = [self.phrases("ledger.summary", window=window.label, scope=scope, count=len(chosen))]
        for n, row in enumerate(chosen[:MAX_ITEMS], 1):
            lines += self._item(n, row, window)
        if len(chosen) > MAX_ITEMS:
            lines.append(self.phrases("ledger.more", count=len(chosen) - MAX_ITEMS))
        if window.kind == DATED and undatable:
            tasks = JOIN.join(dict.fromkeys(f"{r.task}（{r.milestone}）" for r in undatable))
            lines.append(self.phrases("ledger.undatable", count=len(undatable), tasks=tasks))
        if window.overdue and chosen:
            lines.append(self.phrases("ledger.overdue_note", as_of=f"{window.as_of:%Y-%m-%d}"))
        return lines

    def _item(self, n: int, row: LedgerRow, window: Window) -> list[str]:
        lines = [self.phrases("ledger.item", n=n, task=row.task, plan=row.plan, section=row.section or "文首")]
        due = row.due if row.status == DATED else ("长期" if row.status == "ongoing" else "定期")
        lines.append(self.phrases("ledger.item_due", deadline=row.milestone, due=due))
        if row.lead:
            lines.append(self.phrases("ledger.item_lead", units=JOIN.join(row.lead)))
        if row.co:
            lines.append(self.phrases("ledger.item_co", units=JOIN.join(row.co)))
        return lines
