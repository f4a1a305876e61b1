"""The task a question about responsibility or a deadline is about."""

from __future__ import annotations

from policykb.bot.answers.context import Context
from policykb.bot.answers.kind import Kit
from policykb.bot.answers.responsibility import match_tasks
from policykb.kb.records import Task


def asked_task(kit: Kit, ctx: Context) -> Task | None:
    """The task that best fits the question by words; else the task of the target nearest in meaning;
    else the task nearest in meaning; ``None`` when none clearly fits.

    A task the words fit must also hold what the question names (or its title be named whole): 固定资产投资
    shares 投资 with a question about 工业投资 but is not its task."""
    tasks = kit.records.near(ctx, "tasks")
    matches = match_tasks(ctx.q.text, ctx.evidence, tasks, ctx.ranked)
    task = matches[0].task if matches and matches[0].support >= kit.thresholds.owner else None
    if task is not None and matches[0].support < 1.0 and not _names_it(kit, ctx, task):
        task = None
    if task is None:
        target = kit.meaning.target(ctx)
        task = kit.index.documents[target.doc_id].task_for(target.path, target.start) if target else None
    if task is None:
        task = kit.meaning.task(ctx, tasks)
    return task


def _names_it(kit: Kit, ctx: Context, task: Task) -> bool:
    """Whether the task's section and text lack no more of the question's named things than a partial answer may
    (治污 said as 污染物减排 is lacking but little; 工业 of 工业投资 is much)."""
    return kit.meaning.explains(ctx, f"{task.section} {task.text}", kit.thresholds.clause_missing)
