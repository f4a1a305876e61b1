"""The task a question about responsibility or a deadline is about."""

from __future__ import annotations

from policykb.bot.answers.context import Context
from policykb.bot.answers.kind import Kit
from policykb.bot.answers.responsibility import match_tasks
from policykb.kb.records import Task


def asked_task(kit: Kit, ctx: Context) -> Task | None:
    """The task that best fits the question by words; else the task of the target nearest in meaning;
    else the task nearest in meaning; ``None`` when none clearly fits."""
    tasks = kit.records.near(ctx, "tasks")
    matches = match_tasks(ctx.q.text, ctx.evidence, tasks, ctx.ranked)
    task = matches[0].task if matches and matches[0].support >= kit.thresholds.owner else None
    if task is None:
        target = kit.meaning.target(ctx)
        task = kit.index.documents[target.doc_id].task_for(target.path, target.start) if target else None
    if task is None:
        task = kit.meaning.task(ctx, tasks)
    return task
