"""What a progress table reports of a task by the period a question names (``到12月…完成了多少户``).

A progress report's table gives each task a column per period (``进展情况(6月)`` / ``进展情况(12月)``,
``一季度`` / ``四季度``). A question that names one of those periods asks the cell of its task under that column,
not the task's own figure nor another period's.
"""

from __future__ import annotations

import re

from policykb.bot.answers.context import Context
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.kind import Kind
from policykb.bot.answers.task import asked_task
from policykb.bot.kinds import QuestionKind
from policykb.ingest.tables import parse_row, rows_above
from policykb.kb.records import DocumentRecord, Task

__all__ = ["PeriodCell"]

PERIOD = re.compile(r"(?<![\d年])(?P<period>(?:1[0-2]|[1-9])月|[一二三四1-4]季度|[上下]半年)(?:份|底|末)?")
"""A period a question names, not a day or a year's month (``12月``, ``三季度``, ``上半年``)."""


class PeriodCell(Kind):
    """The cell under the column of the period the question names, in the row of the task it asks about."""

    name = "period"

    def find(self, ctx: Context) -> Finding | None:
        periods = {found.group("period") for found in PERIOD.finditer(ctx.q.text)}
        if len(periods) != 1:
            return None
        task = asked_task(self.kit, ctx)
        doc = self.kit.index.documents.get(task.doc_id) if task is not None else None
        if task is None or doc is None:
            return None
        cell = _cell_of(doc, task, periods.pop())
        if cell is None or not re.search(r"\d", cell[1]):
            return None
        header, text = cell
        lines = [f"{task.title}（{header}）：{text}"]
        facts = {"task": task.title, "column": header, "cell": text}
        return Finding(lines, [self.records.task_chunk(task)], QuestionKind.FACT, facts)


def _cell_of(doc: DocumentRecord, task: Task, period: str) -> tuple[str, str] | None:
    """The column name and cell of ``task``'s row under the only column that names ``period``, else ``None``."""
    row = parse_row(doc.text[task.start : task.end])
    header = _header_above(doc.text, task.start, len(row)) if row else None
    if row is None or header is None:
        return None
    columns = [n for n, name in enumerate(header) if _names_period(name, period)]
    if len(columns) != 1 or not row[columns[0]].strip():
        return None
    return header[columns[0]], row[columns[0]].strip()


def _names_period(name: str, period: str) -> bool:
    return any(found.group("period") == period for found in PERIOD.finditer(name))


def _header_above(text: str, start: int, width: int) -> list[str] | None:
    """The first row of ``width`` cells of the table whose row begins at ``start``, else ``None``."""
    return next((cells for cells in reversed(rows_above(text, start)) if len(cells) == width), None)
