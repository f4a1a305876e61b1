"""Answers plan by plan when several plans are in play, each plan's lines under its own title."""

from __future__ import annotations

import re
from dataclasses import replace

from policykb.bot.answers.clause import FindOne
from policykb.bot.answers.context import Context
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.kind import Kind
from policykb.bot.answers.parts import RESPECTIVE
from policykb.bot.answers.records import Records
from policykb.bot.evidence import Evidence, wording_for
from policykb.bot.kinds import QuestionKind
from policykb.bot.scope import compared, for_plan, place_names, titles_compared
from policykb.kb.records import Chunk, DocumentRecord
from policykb.kb.text import annual_year
from policykb.prompts.library import Phrases

PER_PLAN = (
    QuestionKind.TARGET,
    QuestionKind.OWNER,
    QuestionKind.DEADLINE,
    QuestionKind.DOCUMENT,
)  # kinds answered plan by plan when several plans are in play
NAMED_ONLY = (
    QuestionKind.DOCUMENT,
)  # every plan has a document fact: plan by plan only for the plans the question names
MAX_PLANS = 5
EACH_ASKED = re.compile(rf"{RESPECTIVE.pattern}|相比|对比|比较")
"""A question that asks the same of each plan it names (``分别``, ``各由``, ``相比``), not one that names a second
place in passing (``…落实的是北江省哪个文件``)."""
Found = tuple[DocumentRecord, Finding | None]  # a plan and its answer, if any


class PerPlan:
    """Runs one kind on each plan in play and sets the plans' findings one under another.

    Args:
        phrases: the validated phrase templates.
        records: the question's records (the plans retrieval surfaced).
    """

    def __init__(self, phrases: Phrases, records: Records) -> None:
        self.phrases = phrases
        self.records = records

    def of_plan(
        self, ctx: Context, doc: DocumentRecord, plans: list[DocumentRecord], read: dict[str, Evidence] | None = None
    ) -> Context:
        """``ctx`` as asked of ``doc``: without the places of the other plans it names (``柏岭县和槐川县…`` asks
        槐川县's plan of 槐川县 only), each plan its own word nearness (``words={}``), ``plans`` its shelf.
        ``read``: the evidence of the questions already read for other plans (several plans often read the same)."""
        plain = for_plan(ctx.plain, doc, plans)  # without the years and topics of the other plans
        for other in plans:
            if other.place and other.place != doc.place:
                for name in place_names(other.place):
                    plain = plain.replace(name, "")
        if plain == ctx.plain:
            return replace(ctx, words={}, shelf=plans)
        read = {} if read is None else read
        if plain not in read:
            index = self.records.index
            read[plain] = Evidence.of(plain, index.segmenter, index.bm25, wording_for(index))  # type: ignore[arg-type]
        return replace(ctx, plain=plain, evidence=read[plain], words={}, shelf=plans)

    def find(self, kind: Kind, ctx: Context) -> Finding | None:
        """The plans the question named, else those retrieval surfaced. Each plan's lines stand under its own
        title, never merged; a named plan without an answer says so. One plan answering (of several surfaced)
        answers alone."""
        named = ctx.doc_ids is not None and compared(ctx.q.text, ctx.docs)  # several places or years named
        plans = ctx.docs if named else self.records.surfaced(ctx)
        if len(plans) < 2 or (kind.name in NAMED_ONLY and not named):
            return kind.find(ctx)
        return self.each(ctx, kind.find, plans, named)

    def named(self, ctx: Context, whole: Finding | None, find_one: FindOne) -> Finding | None:
        """``whole`` when it answers for every plan the question asks each of (``营商环境方案和数字政府方案各…``,
        ``苇洲市和杉岭县…分别``), or when it asks no two plans each; else each named plan's own answer
        (``find_one``) under its title, a plan that gives none named as lacking it.
        A question no plan answers stays refused."""
        if whole is None or "plans" in whole.facts or ctx.doc_ids is None or not EACH_ASKED.search(ctx.q.text):
            return whole
        if not compared(ctx.q.text, ctx.docs):
            return whole
        if len({named_as(d, ctx) for d in ctx.docs if d.doc_id in {c.doc_id for c in whole.cited}}) > 1:
            return whole
        return self.each(ctx, find_one, ctx.docs, named=True) or whole

    def each(self, ctx: Context, find_one: FindOne, plans: list[DocumentRecord], named: bool) -> Finding | None:
        """Each of ``plans`` answered on its own (``find_one``), the answers one under another under their titles."""
        asked = {d.doc_id: replace(ctx.q, text=for_plan(ctx.q.text, d, plans)) for d in plans[:MAX_PLANS]}
        read: dict[str, Evidence] = {}  # the question as asked of each plan, read once
        # each plan its own word nearness (``words={}``): a word judged against plan A's targets says nothing of B's
        parts = [
            (
                doc,
                find_one(
                    replace(self.of_plan(ctx, doc, plans, read), q=asked[doc.doc_id], docs=[doc], doc_ids=[doc.doc_id])
                ),
            )
            for doc in plans[:MAX_PLANS]
        ]
        found = [(doc, result) for doc, result in parts if result is not None]
        if not found or (len(found) == 1 and not named):
            return found[0][1] if found else None
        lines: list[str] = []
        cited: list[Chunk] = []
        plans_facts: list[dict] = []
        shown = self.shown(parts, ctx) if named else found  # a plan the question did not name: only if it answers
        lacking = len(found) < len(shown) and EACH_ASKED.search(ctx.q.text)  # a plan asked each did not answer
        partial = any(result.confidence == "partial" for _, result in found) or bool(lacking)
        for doc, result in shown:
            lines.append(self.phrases("document.plan", title=doc.title, place=doc.place or "—"))
            if result is None:
                lines.append(self.phrases("clause.part_lacks", part=asked_of(ctx.q.text, doc, plans)))
                continue
            lines.extend(result.lines)
            cited.extend(result.cited)
            plans_facts.append({"doc_id": doc.doc_id, "title": doc.title, **result.facts})
        kind_name = found[0][1].kind
        return Finding(lines, cited, kind_name, {"plans": plans_facts}, "partial" if partial else "full")

    @staticmethod
    def shown(parts: list[Found], ctx: Context) -> list[Found]:
        """The named plans' findings to list: a plan without an answer only when no other plan of what the
        question named answers (``苇洲市和栗原市…`` asks 苇洲市's plans and 栗原市's; of 苇洲市's three plans the one
        that answers stands for it, 栗原市's plan is said to lack it)."""
        answered = {named_as(doc, ctx) for doc, result in parts if result is not None}
        return [(doc, result) for doc, result in parts if result is not None or named_as(doc, ctx) not in answered]


def named_as(doc: DocumentRecord, ctx: Context) -> tuple[str, str]:
    """What the question named ``doc`` by: the plan itself when it names plans by their titles or topics, else
    its place (and the year of an annual plan, when the question names it: ``青禾市2024年和2025年…``)."""
    if not doc.place or len(titles_compared(ctx.q.text, ctx.docs)) == len(ctx.docs):
        return doc.doc_id, ""
    year = annual_year(doc.title)
    return doc.place, year if year and f"{year}年" in ctx.q.text else ""


def asked_of(question: str, doc: DocumentRecord, plans: list[DocumentRecord]) -> str:
    """``question`` as asked of ``doc`` alone, to name what its plan does not give: without the other plans'
    places and the word that joins them (``苇洲市和栗原市的X分别是多少？`` of 栗原市's plan: ``栗原市的X是多少``)."""
    own = set(place_names(doc.place))
    others = {n for other in plans for n in place_names(other.place) if n not in own and n not in doc.place}
    for name in sorted(others, key=len, reverse=True):
        question = re.sub(rf"{re.escape(name)}[和与及、]|[和与及、]?{re.escape(name)}", "", question)
    asked = re.sub(r"^[和与及、的]+", "", RESPECTIVE.sub("", for_plan(question, doc, plans), count=1)).rstrip("？?")
    named = any(name in asked for name in place_names(doc.place))
    return asked if named or not doc.place else f"{doc.place}{asked}"  # the scope took the place out of it
