"""The offline answerer: exact, cited answers from the structured records, no LLM, no network.

It recognises what a question asks (a target, who is responsible, what a unit does,
a document fact, a plain fact), answers from the records with the clause it rests
on, and says “方案中未找到” when the evidence does not support an answer. Each kind of
question is one module of :mod:`policykb.bot.answers`; this class only dispatches.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from typing import TypeVar

from langchain_core.documents import Document

from policykb.bot.answer import Answer, pieces
from policykb.bot.answers.clause import ASK, ClauseAnswer
from policykb.bot.answers.compare import comparison, with_verdict
from policykb.bot.answers.composer import Composer
from policykb.bot.answers.context import Context
from policykb.bot.answers.counted import CountedParts, KindList, NamedSet, StatedTotal
from policykb.bot.answers.deadline import Deadline
from policykb.bot.answers.definition import DefinitionAnswer, asks_what_term_takes_in
from policykb.bot.answers.document import DocumentFact
from policykb.bot.answers.due import DueClause, undated
from policykb.bot.answers.duration import StatedDuration
from policykb.bot.answers.fact import Fact
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.kind import Kind, Kit
from policykb.bot.answers.ledger import Ledger
from policykb.bot.answers.listing import Listing
from policykb.bot.answers.meaning import WORDS_CHECKED, Meaning, checked_words
from policykb.bot.answers.outline import Outline
from policykb.bot.answers.owner import Owner
from policykb.bot.answers.parts import question_parts
from policykb.bot.answers.partwise import Partwise
from policykb.bot.answers.period import PeriodCell
from policykb.bot.answers.perplan import PER_PLAN, PerPlan
from policykb.bot.answers.records import WIDE, Records
from policykb.bot.answers.responsibility import co_not_named, says_who
from policykb.bot.answers.role import RoleClause
from policykb.bot.answers.seat import OfficeSeat
from policykb.bot.answers.subarea import (
    asked_part,
    counted_whole,
    of_other_place,
    part_unwritten,
    within_part,
    without_part,
)
from policykb.bot.answers.target import TargetAnswer
from policykb.bot.answers.unittasks import UnitTasks
from policykb.bot.answers.unknown import unknown_entity
from policykb.bot.evidence import Evidence, unknown_years, where_found, wording_for
from policykb.bot.fiveyear import without_title_time
from policykb.bot.kinds import QuestionKind, Unanswered
from policykb.bot.question import Question, classify, unspoken
from policykb.bot.scope import compared
from policykb.bot.thresholds import Thresholds
from policykb.kb.embedding import EmbeddingModel
from policykb.kb.glossary import Glossary
from policykb.kb.index import KnowledgeIndex
from policykb.kb.records import DocumentRecord
from policykb.prompts.library import Phrases

__all__ = ["MAX_QUESTION", "WIDE", "OfflineAnswerer", "Thresholds", "clean_question", "invalid_question"]

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
HAN = re.compile(r"[\u4e00-\u9fff]")  # a Chinese character: a question without one is not asked in Chinese
MAX_QUESTION = 500
READINGS_KEPT = 16  # questions whose kind and evidence are kept: read once for the query's words, again by the answer
T = TypeVar("T")
KINDS = (DocumentFact, Ledger, UnitTasks, Owner, Deadline, Listing, Outline, TargetAnswer)


def clean_question(text: str) -> str:
    """The question without control characters or surrounding space."""
    return CONTROL.sub(" ", text or "").strip()


def invalid_question(question: str, phrases: Phrases) -> Answer | None:
    """The answer to an empty or over-long question, else ``None``: the one check before anything else runs."""
    text = clean_question(question)
    if not text:
        return Answer(question=question, answer=phrases("refusal.empty"), answerable=False, kind=Unanswered.INVALID)
    if len(text) > MAX_QUESTION:
        message = phrases("refusal.too_long", length=len(text), limit=MAX_QUESTION)
        return Answer(question=question[:MAX_QUESTION], answer=message, answerable=False, kind=Unanswered.INVALID)
    return None


def asks_amount(kind: QuestionKind, question: str) -> bool:
    """Whether the answer must state an amount: a list of targets, or a target asked by ``多少``, ``几``, ``多大`` …
    (``要做到什么程度`` may be answered by what a plan says is to be done, with no number)."""
    return kind == QuestionKind.LIST or (kind == QuestionKind.TARGET and ASK.search(question) is not None)


class OfflineAnswerer:
    """Writes a short Chinese answer from the records and the retrieved chunks.

    Args:
        index: the loaded knowledge index.
        phrases: the validated phrase templates (``prompts/offline.toml``).
        thresholds: evidence needed per kind of question.
        max_sources: how many sources an answer lists at most.
        structured: answer from the records; ``False`` only quotes the best sentence (ablation).
        embeddings: the index's model, for matching targets by meaning; ``None`` matches by words only.
        glossary: everyday ↔ official words (default: the shipped glossary).
        today: the day the ledger's windows and overdue tasks are read on (``None``: the clock's day).
    """

    def __init__(
        self,
        index: KnowledgeIndex,
        phrases: Phrases,
        thresholds: Thresholds | None = None,
        max_sources: int = 5,
        structured: bool = True,
        embeddings: EmbeddingModel | None = None,
        glossary: Glossary | None = None,
        today: date | None = None,
    ) -> None:
        self.index = index
        self.glossary = glossary
        self.structured = structured
        self.phrases = phrases
        self.thresholds = thresholds or Thresholds()
        records = Records(index)
        kit = Kit(index, phrases, self.thresholds, records, Meaning(index, self.thresholds, embeddings), today)
        self.records = records
        self.kinds: dict[str, Kind] = {kind.name: kind(kit) for kind in KINDS}
        self.fact = Fact(kit)
        self.outline = self.kinds[Outline.name]  # also a fact question's list after a colon
        self.definition = DefinitionAnswer(kit)
        self.clause = ClauseAnswer(kit)
        self.counted = CountedParts(kit)
        self.kind_list = KindList(kit)
        self.named_set = NamedSet(kit)
        self.total = StatedTotal(kit)
        self.duration = StatedDuration(kit)
        self.seat = OfficeSeat(kit)
        self.due = DueClause(kit)
        self.role = RoleClause(kit)
        self.period = PeriodCell(kit)
        self.per_plan = PerPlan(phrases, records)
        self.partwise = Partwise(index, phrases)
        self.composer = Composer(phrases, records, max_sources)
        self.embeddings = embeddings
        self._readings: OrderedDict[str, tuple[str, Evidence]] = OrderedDict()
        self._questions: OrderedDict[str, Question] = OrderedDict()
        self._lock = threading.Lock()

    def query_words(self, question: str) -> list[str]:
        """The words whose meaning the answer to ``question`` will likely look up, to be embedded with the
        question itself in one model call (the retriever embeds the question first): those of a question whose
        kind checks clauses word by word, else none; never a word whose vector the index stored at ingest."""
        if self.embeddings is None or not self.structured:
            return []
        text = unspoken(clean_question(question))
        q = self.question(text)
        if q.kind not in WORDS_CHECKED:
            return []
        plain, evidence = self.reading(text)
        docs = self.records.documents(None)  # every plan: a scoped answer weighs fewer targets, never more
        if unknown_entity(self.index, self.phrases, q, docs):
            return []  # refused before any check (refused in every scope: a scope only names fewer things)
        if not self.kinds[q.kind].looks_up_words(Context(q, evidence, docs, [], [], None, plain)):
            return []
        words = checked_words(evidence)
        held = self.index.word_vectors
        return held.lacking(words) if held is not None else words  # a plan's target words were embedded at ingest

    def question(self, text: str) -> Question:
        """The question ``text`` classified (kept for the last few questions: the retriever's :meth:`query_words`
        and the answer classify it once)."""
        q = self._kept(self._questions, text, lambda: classify(text, self.index.units))  # type: ignore[arg-type]
        return replace(q, units=list(q.units))

    def reading(self, text: str) -> tuple[str, Evidence]:
        """The question ``text`` in the plans' words, and its evidence (kept for the last few questions)."""
        return self._kept(self._readings, text, lambda: self._read(text))

    def _read(self, text: str) -> tuple[str, Evidence]:
        wording = wording_for(self.index, self.glossary)
        plain = wording.plain(text)
        return plain, Evidence.of(plain, self.index.segmenter, self.index.bm25, wording)  # type: ignore[arg-type]

    def _kept(self, kept: OrderedDict[str, T], text: str, make: Callable[[], T]) -> T:
        """What ``make`` gives for ``text``, kept in ``kept`` for the last few questions."""
        with self._lock:
            if text in kept:
                kept.move_to_end(text)
                return kept[text]
        value = make()
        with self._lock:
            kept[text] = value
            while len(kept) > READINGS_KEPT:
                kept.popitem(last=False)
        return value

    def answer(self, question: str, documents: list[Document], doc_ids: list[str] | None = None) -> Answer:
        """Answer ``question`` (checked by :func:`invalid_question` first) from the retrieved ``documents`` and the
        records."""
        text = unspoken(clean_question(question))
        docs = self.records.documents(doc_ids)
        comparing = comparison(text) if doc_ids is not None and compared(text, docs) else None
        text = comparing.asked if comparing else text  # 谁的X更高: each plan's X, then which is higher
        q = self.question(text)
        retrieved = self.composer.retrieved(documents)
        refusal = unknown_entity(self.index, self.phrases, q, docs)
        if refusal and not self.some_part_dated(q, docs):
            return self.composer.refuse(q, refusal, retrieved)
        finding = self.found(q, documents, docs, doc_ids)
        part = asked_part(text)  # 农村的…: a part of the place; its own clause, else the whole's with a caution
        if finding is None and part:
            whole = self.question(without_part(text, part))
            finding = self.found(whole, documents, docs, doc_ids)
        if finding is None:  # …“十四五”规划中，全县陆域面积是多少: the period names the plan, it asks no time
            untimed = without_title_time(text, [d.title for d in docs])
            finding = self.found(self.question(untimed), documents, docs, doc_ids) if untimed != text else None
        finding = within_part(finding, part, self.index.documents, self.phrases)
        finding = part_unwritten(finding, text, self.index.documents)  # 农村… of a plan that never writes 农村
        if q.kind != QuestionKind.DOCUMENT:
            finding = of_other_place(finding, text, self.index.documents)  # 白沙县的… answered by 青柳市的…
        wording = wording_for(self.index, self.glossary)  # 工业里的氮氧化物: the plan's figure is the whole's
        finding = counted_whole(finding, where_found(self.reading(text)[0], wording.glossary.members()), self.phrases)
        if finding is not None and comparing is not None:
            finding = with_verdict(finding, comparing.higher, self.index.documents, self.phrases)
        unsaid = self.not_given(q, text, finding)
        if unsaid is not None:  # the task is found; the plan gives it no time, or no co-operating unit
            return self.composer.refuse(q, unsaid, retrieved)
        if finding is None:
            refusal = self.phrases("refusal.generic")
            if q.kind == QuestionKind.OWNER:  # no clause names who: the plan does not name the unit
                refusal += self.phrases("refusal.no_owner")
            if not HAN.search(text):  # an English question: the plans are Chinese, and so must be the question
                refusal += self.phrases("refusal.in_chinese")
            return self.composer.refuse(q, refusal, retrieved)
        return self.composer.answer(text, finding, retrieved)

    def some_part_dated(self, q: Question, docs: list[DocumentRecord]) -> bool:
        """Whether a question of several parts (``到2025年和2035年A分别是多少``) has a part whose years the plans
        write, besides a part of a year they never do: that part is answered and the other named as not given."""
        parts = question_parts(q.text)
        if len(parts) < 2:
            return False
        corpus = "\n".join(d.text for d in docs)
        dated = [p for p in parts if not unknown_years(p, corpus)]
        return bool(dated) and not any(
            unknown_entity(self.index, self.phrases, replace(q, text=p), docs) for p in dated
        )

    def not_given(self, q: Question, text: str, finding: Finding | None) -> str | None:
        """The refusal for a task found whose plan does not give what is asked of it: a deadline question of a task
        with no time set; ``配合单位有哪些`` of a task only led."""
        if q.kind == QuestionKind.DEADLINE and undated(finding):
            return self.phrases("refusal.no_deadline", task=finding.facts["task"])  # type: ignore[union-attr]
        unnamed = co_not_named(text, finding)
        return self.phrases("refusal.no_co", **unnamed) if unnamed is not None else None

    def found(
        self, q: Question, documents: list[Document], docs: list[DocumentRecord], doc_ids: list[str] | None
    ) -> Finding | None:
        """What the records and the retrieved ``documents`` answer to ``q`` over ``docs``."""
        plain, evidence = self.reading(q.text)
        ranked = [d.metadata["section"] for d in documents]
        ctx = Context(q, evidence, docs, ranked, [d.metadata["id"] for d in documents], doc_ids, plain)
        finding = self.find(ctx)
        if self.structured:
            finding = self.partwise.find(ctx, finding, self.find)  # a fact or owner question of several parts
            finding = self.per_plan.named(ctx, finding, self.find)  # plans named, one answered: each its own
        return finding

    def find(self, ctx: Context) -> Finding | None:
        """What the records and the retrieved sentences answer to ``ctx``'s question, by its kind."""
        q, text = ctx.q, ctx.q.text
        seat = self.seat.find(ctx) if self.structured else None  # 办公室设在哪个单位: the sentence that seats it
        if seat is not None:
            return seat
        if self.structured and q.kind in (QuestionKind.FACT, QuestionKind.TARGET):
            by_period = self.period.find(ctx)  # 到12月完成了多少: a progress table's cell of that period
            if by_period is not None:
                return by_period
        if self.structured and q.kind != QuestionKind.FACT and asks_what_term_takes_in(text):
            defined = self.definition.find(ctx)  # 所称的“园区”包括哪些: the clause naming the term says
            if defined is not None:
                return defined
        kind = self.kinds.get(q.kind, self.fact) if self.structured else self.fact
        named = self.named_set.find(ctx) if self.structured else None  # “四下沉”是什么: the set's members
        if named is not None:
            return named
        listed = self.outline.colon_listed(ctx) if q.kind == QuestionKind.FACT and self.structured else None
        finding = listed or (self.per_plan.find(kind, ctx) if q.kind in PER_PLAN else kind.find(ctx))
        if q.kind == QuestionKind.FACT and self.structured and listed is None:
            finding = self.definition.find(ctx) or self.definition.about_term(ctx, finding)  # what a term means
        if q.kind == QuestionKind.DEADLINE and self.structured:
            finding = self.due.find(ctx, finding)  # no task record holds it, or it asks several times
        if finding is None and q.kind == QuestionKind.OWNER and self.structured:
            finding = self.role.find(ctx)  # a sentence that names the task and who answers for it
        if finding is None and q.otherwise is not None:  # …通知是哪个单位发的, no page field names the sender
            return self.find(replace(ctx, q=replace(q, kind=q.otherwise, otherwise=None)))
        if finding is None and q.kind == QuestionKind.OUTLINE and self.outline.asks_missing_part(ctx):
            return None  # 第五点要求 of a notice of three: no sentence is the fifth
        if finding is None and q.kind not in (QuestionKind.FACT, QuestionKind.DOCUMENT):  # no basis named: none
            need_body, need_date = q.kind == QuestionKind.OWNER, q.kind == QuestionKind.DEADLINE
            amount = asks_amount(q.kind, text)
            finding = self.fact.find(ctx, need_quantity=amount, need_date=need_date, need_body=need_body)
            if finding is not None and not says_who(q.kind, text, q.units, finding):
                finding = None  # a sentence that names not the unit asked, or states no duty, says not who
        if (
            (finding is None or q.kind == QuestionKind.FACT)
            and self.structured
            and q.kind != QuestionKind.TARGET
            and ASK.search(text)
        ):
            finding = self.clause.find(ctx, finding)  # an amount asked in other words, or in several parts
        if finding is None and self.structured:
            finding = self.total.find(ctx)  # 共多少项任务: the total a sentence states (共149项)
        if finding is None and self.structured:
            finding = self.duration.find(ctx)  # 用多长时间: the span a sentence states (用3年时间)
        if self.structured and (finding is None or self.counted.lacks_count(ctx, finding)):
            finding = self.counted.find(ctx)  # 几大行动 counted in words by a sentence (“八大行动”)
        if finding is None and self.structured:
            finding = self.kind_list.find(ctx)  # 哪几个环境: a sentence listing A环境、B环境、C环境
        if finding is None and self.structured:
            finding = self.outline.counted_section(ctx)  # 有几项主要预期目标: the parts of the heading named
        return finding

    def stream(
        self, question: str, documents: list[Document], doc_ids: list[str] | None = None
    ) -> Iterator[str | Answer]:
        """The answer's text in pieces, then the :class:`Answer` (all of it is certain at once)."""
        answer = self.answer(question, documents, doc_ids)
        yield from pieces(answer.answer)
        yield answer
