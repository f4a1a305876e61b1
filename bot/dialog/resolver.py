"""Reads a question in the light of the turns before it: the subject is rebuilt from the earlier user
questions (each resolved in turn, helped by our own earlier answers), then the question is read as one of the
follow-up forms (:mod:`~policykb.bot.dialog.forms`) or as it stands."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from policykb.bot.answer import Answer
from policykb.bot.answers.counted import counted_thing
from policykb.bot.dialog.forms import FORMS, residue
from policykb.bot.dialog.history import MAX_TURNS, Conversation, Turn
from policykb.bot.dialog.names import PlanNames
from policykb.bot.dialog.subject import ResolvedQuestion, Subject, core
from policykb.bot.kinds import QuestionKind
from policykb.bot.question import asks_ledger, classify
from policykb.ingest.identity import bracketed_numbers
from policykb.kb.lexicon import CONTINUE, CORRECTION, INTERROGATIVE, LEAD_IN, ORDINAL, QUESTION_END, TOPIC_SWITCH

if TYPE_CHECKING:
    from policykb.kb.index import KnowledgeIndex

__all__ = ["AnswerOf", "Resolver", "resolve"]

AnswerOf = Callable[[ResolvedQuestion], Answer | None]


class Resolver:
    """Reads a question in the light of the turns before it (offline, deterministic)."""

    def __init__(self, names: PlanNames) -> None:
        self.names = names

    def resolve(self, question: str, history: Conversation | Sequence[Turn] | None = None) -> ResolvedQuestion:
        """The standalone reading of ``question`` after ``history`` (oldest turn first)."""
        subject = self.state(history)
        return self.step(question, subject)

    def state(self, history: Conversation | Sequence[Turn] | None, answer_of: AnswerOf | None = None) -> Subject | None:
        """The subject after the history's turns, each resolved in turn.

        Args:
            history: the earlier turns, oldest first.
            answer_of: answers a resolved earlier question when its turn carries no :class:`Answer`
                of ours (an API client's history), so its structured evidence can still be read.
        """
        turns = Conversation.of(history).turns[-MAX_TURNS:]
        subject: Subject | None = None
        for turn in turns:
            resolved = self.step(turn.question, subject)
            answer = turn.answer
            if answer is None and answer_of is not None and resolved.text.strip():
                answer = answer_of(resolved)
            following = self.subject_of(resolved, answer, subject)
            if resolved.follow_up and subject is not None and not following.answered:
                following = subject  # a refused follow-up (“那2035年呢？”) leaves the subject as it was
            elif subject is not None and not following.answered and self._stays(resolved, subject):
                following.answered_in = list(subject.answered_in)  # a refused turn of no plan or place of its own
            if subject is not None:  # “这两个方案”: the plans of this turn and of the last turn about another plan
                last = subject.answered_in if subject.answered_in != following.answered_in else subject.earlier_in
                following.earlier_in = list(last)
            subject = following
        return subject

    # -- one step ---------------------------------------------------------------
    def step(self, question: str, subject: Subject | None) -> ResolvedQuestion:
        """Resolve one question against the subject of the turns before it."""
        said = (question or "").strip()
        asked = TOPIC_SWITCH.sub("", said) or said  # “换个话题，…”: the question after it
        asked = bracketed_numbers(asked)  # ``甲政办发202361号`` as a reader types it: ``甲政办发〔2023〕61号``
        asked = corrected(asked) if subject is not None else asked
        named_plan = self.names.plan_in(asked, cut_years=asks_ledger(asked))  # a year there is a window
        doc_ids = named_plan[0] if named_plan else (subject.doc_ids if subject else None)
        if named_plan and named_plan[1]:
            rest = _without_plan(asked, named_plan[1])
            if residue(rest) and classify(rest, self.names.units).kind != QuestionKind.DOCUMENT:
                # the plan scopes the turn; its name is not part of the question (unless the question is about it)
                return ResolvedQuestion(said, question_mark(rest), "plan", subject, doc_ids)
        if subject is None or not asked:
            return ResolvedQuestion(said, asked, "standalone", subject, doc_ids)
        switched = self._plan_switched(asked, subject)
        if switched is not None:
            return ResolvedQuestion(said, question_mark(switched[1]), "plan", subject, switched[0])
        whole = QUESTION_END.sub("", asked)
        # “还有呢” keeps its 还有
        body = whole if CONTINUE.match(whole) else QUESTION_END.sub("", LEAD_IN.sub("", asked))
        for form, reader in FORMS:
            text = reader(body, asked, subject, doc_ids, self.names)
            if text:
                text = self._with_place(text, subject) if form != "ellipsis" else text
                return ResolvedQuestion(said, question_mark(text), form, subject, doc_ids)
        return ResolvedQuestion(said, asked, "standalone", subject, doc_ids)

    def _plan_switched(self, asked: str, s: Subject) -> tuple[list[str] | None, str] | None:
        """``那乙市…方案的呢？`` after a question about a plan itself (``甲市…方案的文号是什么？``): the same
        question of the plan it names, ``(its documents, the question)``; ``None`` for any other turn."""
        found = PLAN_SWITCH.match(asked)
        if s.kind != QuestionKind.DOCUMENT or found is None:
            return None
        name = found.group("name")
        new, old = self.names.plan_in(name), self.names.plan_in(s.question)
        if not old or not old[1] or (new and set(new[0]) == set(old[0])):
            return None
        place = self.names.place_span(name, tagged=False)
        if not new and (place is None or name[place[0] : place[1]] in old[1]):
            return None  # it names no other plan, by its title or its place
        rest = _without_plan(s.question, old[1])
        joiner = "的" if s.question.partition(old[1])[2].startswith("的") else ""  # as the last question joined them
        return (new[0] if new else None, f"{name}{joiner}{rest}") if residue(rest) else None

    def _stays(self, resolved: ResolvedQuestion, before: Subject) -> bool:
        """Whether a turn stays with the plans the last answer came from: it names no plan or place of its own
        (after a refused “主要任务呢？”, “要建设什么样的城市？” is still asked of 甲市's plan first)."""
        return resolved.doc_ids == before.doc_ids and self.names.place_span(resolved.text) is None

    def _with_place(self, text: str, s: Subject) -> str:
        """``text`` with the plan's place the last question named, when it names none (“东浦区新开工…由哪个单位牵头？”
        then “那责任单位呢？” asks 东浦区's task), so the follow-up is asked of the same place's plans."""
        old = self.names.place_span(s.question, tagged=False)
        if old is None or self.names.place_span(text, tagged=False) is not None:
            return text
        return s.question[old[0] : old[1]] + text

    def subject_of(self, resolved: ResolvedQuestion, answer: Answer | None, before: Subject | None) -> Subject:
        """The subject a resolved turn leaves for the next one (from its text, and its answer when given)."""
        text = resolved.text
        scope = resolved.doc_ids
        q = classify(text, self.names.units)
        subject = Subject(kind=q.kind, question=text, units=list(q.units), focus=q.focus, doc_ids=scope)
        named = self.names.task_in(text, scope)
        if named:
            subject.task = named[0].title
        indicator = (
            self.names.indicator_in(text, scope)
            if q.kind in (QuestionKind.TARGET, QuestionKind.LIST, QuestionKind.FACT)
            else None
        )
        if indicator and indicator[0] is not None:
            subject.indicator = indicator[0].indicator
            if not subject.task:
                task = self.names.task_at(indicator[0].doc_id, indicator[0].section)
                subject.task = task.title if task else ""
        if answer is not None:
            self._from_answer(subject, answer)
            _listed(subject, text, answer)
        if resolved.follow_up and before is not None:
            subject.task = subject.task or before.task
            subject.indicator = subject.indicator or before.indicator
            subject.units = subject.units or list(before.units)
            if not subject.listed:  # “上面说的第二条” two turns after “…的第一条是什么？”
                subject.listed, subject.item = before.listed, before.item
        return subject

    def _from_answer(self, subject: Subject, answer: Answer) -> None:
        """Fill the subject from our own structured answer (its task, targets or units)."""
        subject.answered = answer.answerable
        if not answer.answerable:
            return
        subject.answered_in = list(dict.fromkeys(s.doc_id for s in answer.sources if s.cited and s.doc_id))
        if subject.doc_ids and subject.answered_in and not set(subject.answered_in) & set(subject.doc_ids):
            subject.doc_ids = None  # its words recalled a plan that did not answer: the answer's plans come first
        evidence = answer.evidence or {}
        if evidence.get("task"):
            subject.task = str(evidence["task"])
        targets = evidence.get("targets") or []
        if targets:
            subject.indicator = str(targets[0].get("indicator", "")) or subject.indicator
        elif evidence.get("counts"):  # “…要建几个乡镇级服务站点？” answered by a count: the thing counted
            subject.indicator = counted_thing(subject.question) or subject.indicator
        cited = [s for s in answer.sources if s.cited]
        if cited and not evidence.get("task") and answer.kind != QuestionKind.UNIT_TASKS:
            doc_id = cited[0].doc_id
            elsewhere = bool(subject.task) and not self.names.has_task(subject.task, doc_id)
            if targets or not subject.task or elsewhere:  # a title another plan shares a stretch with is not it
                task = self.names.task_at(doc_id, cited[0].section)  # the task the cited clause is in
                subject.task = task.title if task else ("" if elsewhere else subject.task)
        if evidence.get("units"):
            subject.units = [str(u) for u in evidence["units"]]
        if answer.kind == QuestionKind.UNIT_TASKS:
            subject.led = str(evidence.get("led") or "")


def _listed(subject: Subject, text: str, answer: Answer) -> None:
    """A question that asked a list's item by its place (``…的第一项预期目标是什么？``) and was answered: kept, with the
    plan and section of the item its answer cited, for a later “第三项呢？” or “上面说的第二条…”."""
    cited = next((s for s in answer.sources if s.cited and s.doc_id), None)
    if answer.answerable and cited is not None and ORDINAL.search(text):
        subject.listed, subject.item = text, (cited.doc_id, cited.section)


def corrected(question: str) -> str:
    """What a correction asks (``不是，我问的是乙市的。`` → ``乙市的呢？``): the words after its opening, read as a
    follow-up of the turn before; a question without one is itself."""
    opening = CORRECTION.match(question)
    if opening is None or not question[opening.end() :].strip():
        return question
    rest = question[opening.end() :].strip()
    return rest if INTERROGATIVE.search(rest) or QUESTION_END.sub("", rest).endswith("呢") else core(rest) + "呢？"


PLAN_SWITCH = re.compile(r"^(?:那么?)?(?P<name>[^，,。？?]{6,60}?)的?呢[？?]?$")
"""A follow-up that names another plan and nothing else (``那乙市…实施计划的呢？``)."""


def _without_plan(text: str, name: str) -> str:
    """``text`` without the plan's name and the words around it (“在《…》中，”)."""
    pattern = rf"(?:在|按照|根据|依据)?《?{re.escape(name)}》?(?:中的|里的|中|里|内|的)?[，,、：:\s]*"
    return re.sub(pattern, "", text, count=1).strip()


def question_mark(text: str) -> str:
    return QUESTION_END.sub("", text) + "？"


def resolve(question: str, history: Conversation | Sequence[Turn] | None, index: KnowledgeIndex) -> ResolvedQuestion:
    """The standalone reading of ``question`` after ``history``, over the names of ``index``."""
    return Resolver(PlanNames.of(index)).resolve(question, history)
