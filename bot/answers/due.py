"""A deadline from the retrieved sentence that states it, when no task record holds the task.

A sentence answers when it covers the question's content as a clause answer must (:mod:`.clause`) and holds a
time expression (``于每季度末月20日前``, ``2019年上半年``, ``2012年底前``, ``“十四五”末``, ``每年12月底前``); the
answer gives the time of the clause piece that best holds the question, then the sentence with its section.
A question of two parts (``什么时候启动、什么时候完成？``; ``A要在何时…？B又要在何时…？``) is answered part by part.
"""

from __future__ import annotations

import re

from policykb.bot.answers.clause import MIN_HELD, by_parts, part_context, retrieved_sentences
from policykb.bot.answers.context import Context
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.kind import Kind
from policykb.bot.answers.parts import question_parts
from policykb.bot.answers.plain_facts import DUE_DATE, QUALIFYING
from policykb.bot.answers.sentences import cover
from policykb.bot.answers.task import asked_task
from policykb.bot.evidence import Evidence
from policykb.bot.kinds import QuestionKind
from policykb.kb.lexicon import PARTIAL_LEAD
from policykb.kb.text import split_spans

__all__ = ["TIME_PHRASE", "DueClause", "due_times", "undated", "when_parts"]

_BY = r"(?:前|以前|之前)"
TIME_PHRASE = re.compile(
    r"(?:于|在|到|至)?(?:"
    rf"\d{{4}}年(?:\d{{1,2}}月(?:\d{{1,2}}日)?)?(?:上半年|下半年|[一二三四]季度|年?底|年?末|中)?{_BY}?"
    rf"|每(?:年|季度|半年|月)(?:末月|最后一个月的?)?(?:\d{{1,2}}月)?(?:底|末)?(?:\d{{1,2}}日)?{_BY}"
    rf"|每(?:年|季度|半年)(?:末月)?(?:\d{{1,2}}月)(?:底|末)?(?:\d{{1,2}}日)?"
    r"|“?[一二三四五六七八九十]+五”?(?:末|期间|时期)"
    r")"
)
DIGIT = re.compile(r"\d")
YEAR = re.compile(r"\d{4}年")
STARTING = re.compile(r"(?:第?[一二三四1-4]季度|[上下]半年|\d{1,2}月(?:\d{1,2}日)?)?(?:开始|起)")
"""What makes a time a start, not a time something is due (``从2023年第一季度开始``, ``自2024年1月起``)."""
WHEN_ASKED = re.compile(r"何时|什么时[候间]|啥时候|哪一?年|哪天")


class DueClause(Kind):
    """The time a retrieved sentence sets for the task the question names, cited with the sentence."""

    name = "due"

    def find(self, ctx: Context, whole: Finding | None = None) -> Finding | None:
        """The answer from the retrieved sentences when ``whole`` (the task record's answer) is ``None`` or the
        question asks several times; a part no sentence holds is named as not given."""
        parts = when_parts(ctx.q.text)
        if len(parts) < 2:
            return self._within(ctx, whole) if undated(whole) else whole or self.find_one(ctx)
        found = [self.find_one(part_context(self.kit.index, ctx, part)) for part in parts]
        if not any(found):
            return whole
        return by_parts(self.phrases, parts, found, QuestionKind.DEADLINE)

    def _within(self, ctx: Context, whole: Finding) -> Finding:
        """The time a sentence of the task's own text sets (``…，实施期限至2026年12月31日``) when its record gives
        none; else the record's answer (no time written)."""
        stated = self.find_one(ctx)
        task = asked_task(self.kit, ctx)
        if stated is None or task is None:
            return whole
        own = self.kit.index.documents[task.doc_id].text[task.start : task.end]
        return stated if stated.facts["sentence"] in own else whole

    def find_one(self, ctx: Context) -> Finding | None:
        """The time of the one retrieved sentence that best covers the question and states one."""
        th = self.thresholds
        best = None
        for r in retrieved_sentences(self.records, ctx):
            if not due_times(r.sentence):
                continue
            held = cover(ctx.evidence, r.plan, f"{r.section} {r.sentence}")
            score = 0.8 * held.support + 0.2 / (r.rank + 1)
            if best is None or score > best[0]:
                best = (score, held, r.sentence, r.section, r.chunk)
        if best is None:
            return None
        _, held, sentence, section, chunk = best
        if held.support < th.clause or held.lacking > th.clause_missing:
            return None  # another task, or a thing the question names is not in the sentence
        if held.weight < MIN_HELD * self.kit.index.bm25.max_idf or ctx.evidence.neighbour(sentence):
            return None
        time = _time_of(ctx.evidence, sentence)
        full = held.lacking <= th.missing
        lines = [
            self.phrases("owner.deadline", deadline=time),
            self.phrases("fact.quote", sentence=sentence, section=section),
        ]
        facts = {"deadline": time, "sentence": sentence, "section": section}
        return Finding(
            [PARTIAL_LEAD, *lines] if not full else lines,
            [chunk],
            QuestionKind.DEADLINE,
            facts,
            "full" if full else "partial",
        )


def due_times(sentence: str) -> list[str]:
    """The time expressions of ``sentence`` a task can be due by: a year inside a document's title or naming a plan
    to be drawn up (``出台2022年“某某”工作推进方案``) is none (:data:`~.plain_facts.DUE_DATE`), nor a time something
    starts from (``从2023年第一季度开始``), nor one that says which things are meant
    (``2005年底前建成的小区``)."""
    times = []
    for found in TIME_PHRASE.finditer(sentence):
        digit = DIGIT.search(found.group(0))
        if not found.group(0) or STARTING.match(sentence, found.end()) or QUALIFYING.match(sentence, found.end()):
            continue
        at = found.start() + digit.start() if digit else -1
        if digit is None or not YEAR.match(sentence, at) or DUE_DATE.match(sentence, at):
            times.append(found.group(0))
    return times


def undated(whole: Finding | None) -> bool:
    """Whether ``whole`` is a task record's answer that gives the task no time (``完成时限：方案未写明``)."""
    return whole is not None and "deadline" in whole.facts and not whole.facts["deadline"]


def when_parts(question: str) -> list[str]:
    """The parts of a question that each ask a time: its sentences (``A在什么时间前…？B又要在何时前…？``), else
    its clauses (``A什么时候启动、什么时候完成？``, a later clause taking the first one's subject)."""
    parts = [p for p in question_parts(question) if WHEN_ASKED.search(p)]
    if len(parts) > 1:
        return parts
    asked = [question[s:e].strip("，,、？? ") for s, e in split_spans(question, "、，,")]
    asked = [p for p in asked if WHEN_ASKED.search(p)]
    if len(asked) < 2:
        return parts
    subject = asked[0][: WHEN_ASKED.search(asked[0]).start()]  # type: ignore[union-attr]
    return [asked[0], *(p if WHEN_ASKED.search(p).start() else subject + p for p in asked[1:])]  # type: ignore[union-attr]


def _time_of(evidence: Evidence, sentence: str) -> str:
    """The time expression of the clause piece of ``sentence`` that best holds the question."""
    best = (-1.0, "")
    for s, e in split_spans(sentence, "，,；;："):
        piece = sentence[s:e]
        times = due_times(piece)
        if times:
            score = evidence.coverage(piece)
            if score > best[0]:
                best = (score, times[0])
    return best[1]
