"""One question's reading of one index: checked once, read after the conversation, scoped to its plans.

Every question takes this one path (``ask`` and ``ask_stream`` alike): either it is answered here already
(an empty or over-long question, a place no indexed plan is about) or it leaves as an :class:`Asked`, ready
for its chain. The index is passed in, read once per question by the caller.
"""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from policykb.bot.absent import NamingAbsent
from policykb.bot.answer import Answer
from policykb.bot.keeper import PerIndex
from policykb.bot.kinds import Unanswered
from policykb.bot.preferred import PreferredPlans
from policykb.bot.wiring import Wiring
from policykb.ingest.script import to_simplified
from policykb.kb.settings import Settings
from policykb.prompts.library import Phrases

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.runnables import Runnable

    from policykb.bot.dialog import ResolvedQuestion, Resolver
    from policykb.bot.retriever import Mode
    from policykb.kb.index import KnowledgeIndex

EARLIER_ANSWERS = 512  # offline answers of earlier turns kept, so a long conversation is not re-answered
History = Any  # a Conversation, a list of Turns, (question, reply) pairs or chat messages; None: no history
Scoped = tuple[list[str] | None, Answer | None, str, tuple[str, ...]]
"""The documents, a refusal, the question as searched, the places or topics it names that no plan is about."""


@dataclass
class Asked:
    """A question on its way to the chain: how it was read, the chain that answers it, the text it searches."""

    resolved: ResolvedQuestion
    chain: Runnable[str, Answer]
    searched: str


def resolver_of(index: KnowledgeIndex) -> Resolver:
    """The offline reader of follow-up questions over ``index``'s names."""
    from policykb.bot.dialog import PlanNames, Resolver

    return Resolver(PlanNames.of(index))


class Reader:
    """Reads questions: each checked once, read after its conversation, scoped, then handed to its chain.

    Args:
        settings: the settings (the LLM endpoint of the rewriter).
        wiring: builds the chains (earlier turns are answered again offline through it).
        phrases: the offline phrases (refusals, the “理解为：” line).
        rewrite_prompt, llm_model: the LLM rewriter of follow-ups (``None``: no LLM configured).
    """

    def __init__(
        self,
        settings: Settings,
        wiring: Wiring,
        phrases: Phrases,
        rewrite_prompt: str | None,
        llm_model: BaseChatModel | None,
    ) -> None:
        self.settings, self.wiring, self.phrases = settings, wiring, phrases
        self.rewrite_prompt, self.llm_model = rewrite_prompt, llm_model
        self.resolver: PerIndex[Resolver] = PerIndex(resolver_of)
        self._earlier: OrderedDict[tuple[Any, ...], Answer] = OrderedDict()  # offline answers of earlier turns
        self._lock = threading.Lock()

    def turn(
        self,
        index: KnowledgeIndex,
        question: str,
        doc: str | list[str] | None,
        mode: Mode,
        structured: bool,
        history: History,
    ) -> Answer | Asked:
        """The one path of every question: checked once, read after ``history``, scoped; then either answered
        already (an empty or over-long question, a place no plan is about) or ready for its chain."""
        from policykb.bot.answerer import invalid_question

        invalid = invalid_question(question, self.phrases)
        if invalid is not None:
            return invalid
        question = to_simplified(question)  # the plans are read in simplified script: so is a question in traditional
        resolved = self._reading(index, question, doc, history, mode)
        doc_ids, refusal, searched, absent = scope(
            index, self.phrases, resolved.text, doc, resolved.doc_ids, resolved.titled
        )
        if refusal is not None:
            return with_reading(refusal, resolved, self.phrases)
        if absent:  # the parts the plans hold are answered, the others said to have no plan
            chain = NamingAbsent(self.wiring.chain(index, doc_ids, mode, structured), absent, self.phrases)
            return Asked(resolved, chain, searched)
        preferred = [i for i in resolved.preferred if i in index.documents] if doc_ids is None else []
        if preferred and len(preferred) < len(index.documents):  # the conversation's plans first, then every plan
            first = self.wiring.chain(index, preferred, mode, structured)
            chain = PreferredPlans(first, lambda: self.wiring.chain(index, doc_ids, mode, structured))
            return Asked(resolved, chain, searched)
        return Asked(resolved, self.wiring.chain(index, doc_ids, mode, structured), searched)

    def resolve(
        self, index: KnowledgeIndex, question: str, history: History, mode: Mode, doc_ids: list[str] | None
    ) -> ResolvedQuestion:
        """How ``question`` reads after ``history``: a standalone question and the plan it is scoped to.

        Earlier turns without an answer of ours (an API client's messages) are answered again offline,
        so the state comes from the user questions alone, whatever the assistant texts said. With an
        LLM configured, a follow-up is also rewritten by the model and checked against this reading.
        ``doc_ids`` are the documents the caller searches (earlier turns are answered from them too).
        """
        from policykb.bot.dialog import Conversation

        conversation = Conversation.of(history)
        resolver = self.resolver(index)
        subject = resolver.state(conversation, lambda earlier: self._earlier_answer(index, earlier, doc_ids, mode))
        resolved = resolver.step(question, subject)
        if self.llm_model is not None and self.rewrite_prompt is not None and resolved.follow_up:
            from policykb.bot.rewrite import LLMRewriter

            rewriter = LLMRewriter(self.settings, self.llm_model, resolver, self.rewrite_prompt)
            resolved = rewriter.rewrite(resolved, conversation)
        return resolved

    def _reading(
        self, index: KnowledgeIndex, question: str, doc: str | list[str] | None, history: History, mode: Mode
    ) -> ResolvedQuestion:
        """The question as read after ``history`` (the question itself when there is none)."""
        from policykb.bot.dialog import Conversation

        doc_ids = index.resolve_documents(doc) if doc else None  # an unknown document fails here
        conversation = Conversation.of(history)
        if not conversation.turns:
            return self.resolver(index).step(question, None)  # a plan it names still scopes it
        return self.resolve(index, question, conversation, mode, doc_ids)

    def _earlier_answer(
        self, index: KnowledgeIndex, resolved: ResolvedQuestion, doc_ids: list[str] | None, mode: Mode
    ) -> Answer | None:
        """The offline answer to an earlier turn (kept, so a long conversation is not re-answered)."""
        from policykb.bot.answerer import invalid_question

        if invalid_question(resolved.text, self.phrases) is not None:
            return None
        scoped, refusal, searched, _ = scope(
            index, self.phrases, resolved.text, doc_ids, resolved.doc_ids, resolved.titled
        )
        if refusal is not None:  # scoped as it was when asked: the places it names outrank a stretch of title
            return refusal
        key = (index.manifest.generation, searched, tuple(scoped or ()), mode)
        with self._lock:
            if key in self._earlier:
                self._earlier.move_to_end(key)
                return self._earlier[key]
        answer = self.wiring.chain(index, scoped, mode, structured=True, final=False).invoke(searched)
        with self._lock:
            self._earlier[key] = answer
            while len(self._earlier) > EARLIER_ANSWERS:
                self._earlier.popitem(last=False)
        return answer


def scope(
    index: KnowledgeIndex,
    phrases: Phrases,
    question: str,
    doc: str | list[str] | None,
    read: list[str] | None,
    titled: bool = False,
) -> Scoped:
    """The documents to answer from: those asked for, else those the conversation scoped (``read``), else
    those the question names (a place, 文号, title or year); or a refusal when it names a place no indexed
    plan is about, unless the turn named its plan by title (``titled``) and that plan mentions the place. Also the
    question as the scoped plans are searched with (without their place name)."""
    from policykb.bot.scope import question_scope, within_places

    def named(doc_ids: list[str] | None) -> str:  # the question without the place names of these plans
        plans = [index.documents[i] for i in doc_ids or []]
        return question_scope(question, plans, index.segmenter.places(question)).strip(question, index.units)

    if len(index.documents) < 2:  # one plan: nothing to narrow, but its place name is not asked about
        return index.resolve_documents(doc) if doc else read, None, named(list(index.documents)), ()
    if doc:
        doc_ids = index.resolve_documents(doc)
        return doc_ids, None, named(doc_ids), ()
    found = question_scope(question, list(index.documents.values()), index.segmenter.places(question))
    if read and not found.missing:  # the plans the question names outrank a stretch of title or earlier turns
        doc_ids = within_places(found, read, index.documents)
        return doc_ids, None, named(doc_ids), found.absent
    if not found.missing:
        return found.doc_ids, None, found.strip(question, index.units), found.absent
    if titled and read and set(read) <= set(found.mentioned_by):  # 甲县…方案依据了哪个乙省的规章: the plan named
        return read, None, named(read), found.absent  # by its title mentions the place; the place is what is asked
    if found.mentioned_by:  # only plans of lower places name it, in passing: not its plan
        plans = "、".join(f"《{index.documents[i].title}》" for i in found.mentioned_by[:3])
        message = phrases("refusal.in_passing", place=found.missing, plans=plans)
    else:
        plans = "、".join(f"《{d.title}》" for d in list(index.documents.values())[:5])
        message = phrases("refusal.no_plan", place=found.missing, plans=plans)
    return None, Answer(question=question, answer=message, answerable=False, kind=Unanswered.SCOPE), question, ()


def with_reading(answer: Answer, resolved: ResolvedQuestion, phrases: Phrases) -> Answer:
    """``answer`` to what was asked: ``resolved_question`` set, a “理解为：” line first when it differs."""
    from policykb.bot.answerer import clean_question

    if answer.kind == Unanswered.INVALID:
        return answer
    text = answer.answer
    if resolved.changed:
        text = f"{phrases('conversation.reading', question=resolved.text)}\n{text}"
    return replace(answer, question=clean_question(resolved.asked) or answer.question, answer=text,
                   resolved_question=resolved.text)  # fmt: skip


def stream_with_reading(
    events: Iterator[str | Answer], resolved: ResolvedQuestion, phrases: Phrases
) -> Iterator[str | Answer]:
    """The stream of an answer with the “理解为：” line first (when the reading differs)."""
    if resolved.changed:
        yield phrases("conversation.reading", question=resolved.text) + "\n"
    for event in events:
        yield with_reading(event, resolved, phrases) if isinstance(event, Answer) else event


def started(events: Iterator[str | Answer]) -> Iterator[str | Answer]:
    """``events`` with its first event taken now: what can fail on the store (retrieval, the searches of the
    offline answer, all done before the first piece) fails in the caller, before anything is sent."""
    first = next(events, None)
    return events if first is None else itertools.chain([first], events)
