"""Who is responsible for a task: who leads, who co-operates, and the bracket that says so."""

from __future__ import annotations

from policykb.bot.answers.context import Context
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.kind import Kind
from policykb.bot.answers.responsibility import owner_lines
from policykb.bot.answers.task import asked_task
from policykb.bot.kinds import QuestionKind


class Owner(Kind):
    """The units responsible for the task the question is about."""

    name = QuestionKind.OWNER

    def find(self, ctx: Context) -> Finding | None:
        task = asked_task(self.kit, ctx)
        if task is None:
            return None
        facts = {
            "task": task.title,
            "lead_units": task.responsibility.lead_units,
            "co_units": task.responsibility.co_units,
            "deadline": task.deadline,
        }
        return Finding(owner_lines(task, self.phrases), [self.records.task_chunk(task)], QuestionKind.OWNER, facts)
