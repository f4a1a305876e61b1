"""What a unit does: the tasks it leads, then those it co-operates on, plan by plan."""

from __future__ import annotations

from policykb.bot.answers.context import Context
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.kind import Kind
from policykb.bot.responsibility import unit_task_lines
from policykb.kb.records import Chunk


class UnitTasks(Kind):
    """The tasks of every unit the question names; each plan's under its own title."""

    name = "unit_tasks"

    def find(self, ctx: Context) -> Finding | None:
        tasks = [t for d in ctx.docs for t in d.tasks]
        lines: list[str] = []
        cited: list[Chunk] = []
        lead_only = ctx.q.focus == "lead"
        for unit in ctx.q.units:
            own = [t for t in tasks if unit in t.responsibility.units]
            plans = list(dict.fromkeys(t.doc_id for t in own))
            for doc_id in plans:  # one plan's tasks under its own title: a unit of one city is not another's
                in_plan = [t for t in own if t.doc_id == doc_id]
                if len(plans) > 1:
                    doc = self.kit.index.documents[doc_id]
                    lines.append(self.phrases("document.plan", title=doc.title, place=doc.place or "—"))
                lines.extend(unit_task_lines(unit, in_plan, self.phrases, lead_only))
                cited.extend(self.records.task_chunk(t) for t in in_plan)
        if not lines:
            return None
        return Finding(lines, cited, "unit_tasks", {"units": ctx.q.units})
