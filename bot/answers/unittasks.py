"""What a unit does: the tasks it leads, then those it co-operates on, plan by plan."""

from __future__ import annotations

from policykb.bot.answers.context import Context
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.kind import Kind
from policykb.bot.answers.perplan import MAX_PLANS
from policykb.bot.answers.responsibility import unit_tasks_by_plan
from policykb.bot.kinds import QuestionKind


class UnitTasks(Kind):
    """The tasks of every unit the question names, resolved within each plan; each plan's under its own title,
    best match first."""

    name = QuestionKind.UNIT_TASKS

    def find(self, ctx: Context) -> Finding | None:
        docs = list({d.doc_id: d for d in [*self.records.surfaced(ctx), *ctx.docs]}.values())
        lead_only = ctx.q.focus == "lead"
        found = unit_tasks_by_plan(self.kit.index.units, ctx.q.text, docs, self.phrases, lead_only, MAX_PLANS)
        if found is None:
            return None
        return Finding(
            found.lines, [self.records.task_chunk(t) for t in found.tasks], QuestionKind.UNIT_TASKS, found.facts
        )
