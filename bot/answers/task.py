"""The task a question about responsibility or a deadline is about."""

from __future__ import annotations

from policykb.bot.answers.context import Context
from policykb.bot.answers.kind import Kit
from policykb.bot.answers.plan_names import plan_words
from policykb.bot.answers.responsibility import match_tasks
from policykb.kb.records import Task


def asked_task(kit: Kit, ctx: Context) -> Task | None:
    """The task that best fits the question by words; else the task of the target nearest in meaning;
    else the task nearest in meaning; ``None`` when none clearly fits.

    A task the words fit is not the one asked when a target near it holds what the task lacks of the question's
    named things, and more of the question: 固定资产投资 shares 投资 with a question about 工业投资, and the target
    工业投资增长12% (whose bracket was not read) holds 工业 too."""
    tasks = kit.records.near(ctx, "tasks")
    matches = match_tasks(ctx.q.text, ctx.evidence, tasks, ctx.ranked)
    task = matches[0].task if matches and matches[0].support >= kit.thresholds.owner else None
    if task is not None and matches[0].support < 1.0 and _better_target(kit, ctx, task):
        task = None
    if task is None:
        target = kit.meaning.target(ctx)
        task = kit.index.documents[target.doc_id].task_for(target.path, target.start) if target else None
    if task is None:
        task = kit.meaning.task(ctx, tasks)
    if task is not None and _headed_elsewhere(kit, ctx, task):
        return None
    return task


def _better_target(kit: Kit, ctx: Context, task: Task) -> bool:
    """Whether ``task`` lacks more of the question's named things than an answer may, and a target near the question
    holds them all and covers more of the question than the task does."""
    text = f"{task.section} {task.text}"
    lacking = [(word, share) for word, share in ctx.evidence.named() if not ctx.evidence.holds(word, text)]
    if sum(share for _, share in lacking) <= kit.thresholds.missing:
        return False
    if _named_by_another_plan(kit, ctx, task, {word for word, _ in lacking}):
        return True
    own = ctx.evidence.coverage(text)
    for target in kit.records.near(ctx, "targets"):
        said = f"{' '.join(target.path)} {target.sentence}"
        if all(ctx.evidence.holds(w, said) for w, _ in lacking) and ctx.evidence.coverage(said) > own:
            return True
    return False


def _named_by_another_plan(kit: Kit, ctx: Context, task: Task, lacking: set[str]) -> bool:
    """Whether the things ``task`` lacks, as the question writes them (``工业投资``, not its word ``投资``), are never
    written by the task's plan but are by another plan the question is asked of: that plan is the one asked about (a
    county plan that sets only 规模以上工业增加值 does not answer for 工业投资 beside a district's plan that does)."""
    phrases = _asked_phrases(ctx, lacking)
    if not phrases or any(phrase in kit.index.documents[task.doc_id].text for phrase in phrases):
        return False
    others = [doc for doc in ctx.shelf or ctx.docs if doc.doc_id != task.doc_id]
    return any(all(phrase in doc.text for phrase in phrases) for doc in others)


def _asked_phrases(ctx: Context, words: set[str]) -> list[str]:
    """The runs of the question's named things, as it writes them one after another, that hold one of ``words``
    (``工业投资`` of ``工业投资增长目标谁负责`` for 投资)."""
    runs: list[list[str]] = []
    for word, _ in ctx.evidence.named():
        if runs and "".join(runs[-1]) + word in (ctx.plain or ctx.q.text):
            runs[-1].append(word)
        else:
            runs.append([word])
    return ["".join(run) for run in runs if words.intersection(run)]


def _headed_elsewhere(kit: Kit, ctx: Context, task: Task) -> bool:
    """Whether the question names another item of ``task``'s plan: the named things the task lacks, more than an
    answer may, are all held by the heading of another section of that plan (``2.推动服务规范落实`` of a page cut before
    its bracket of units, asked of beside ``1.推进服务标准化`` and its bracket), and that heading covers more of the
    question than the task does. That item says no more than the page holds; the task beside it is not the one asked."""
    document = kit.index.documents[task.doc_id]
    text = f"{plan_words([document])} {task.section} {task.text}"  # the words that name its plan hold for it
    lacking = [(word, share) for word, share in ctx.evidence.named() if not ctx.evidence.holds(word, text)]
    if sum(share for _, share in lacking) <= kit.thresholds.missing:
        return False
    headings = {chunk.path[-1] for chunk in document.chunks if chunk.path and chunk.path[-1] not in text}
    own = ctx.evidence.coverage(text)
    return any(
        all(ctx.evidence.holds(word, heading) for word, _ in lacking) and ctx.evidence.coverage(heading) > own
        for heading in headings
    )
