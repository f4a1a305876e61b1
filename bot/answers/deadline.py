"""By when a task is due, then who answers for it."""

from __future__ import annotations

from policykb.bot.answers.context import Context
from policykb.bot.answers.fact import Fact
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.kind import Kind
from policykb.bot.answers.plain_facts import PLAN_SPAN_ASKED
from policykb.bot.answers.responsibility import deadline_lines
from policykb.bot.answers.task import asked_task
from policykb.bot.kinds import QuestionKind


class Deadline(Kind):
    """The deadline of the task the question is about.

    A task whose bracket sets no time may still state one in its text (``到2025年，…完成改造``): then the
    dated sentence that best fits the question answers, and only without one is the time said to be unset.
    """

    name = QuestionKind.DEADLINE

    def find(self, ctx: Context) -> Finding | None:
        if PLAN_SPAN_ASKED.search(ctx.q.text):
            stated = Fact(self.kit).stated_span(ctx)
            if stated is not None:
                return stated  # 规划期限是哪几年: the plan's own span (规划期限为2026-2030年), no task's time
        task = asked_task(self.kit, ctx)
        if task is None:
            return None
        if not task.deadline:
            stated = Fact(self.kit).find(ctx, need_date=True)
            if stated is not None:
                return stated
        facts = {"task": task.title, "deadline": task.deadline, "lead_units": task.responsibility.lead_units}
        return Finding(
            deadline_lines(task, self.phrases), [self.records.task_chunk(task)], QuestionKind.DEADLINE, facts
        )
