"""Answers plan by plan when several plans are in play, each plan's lines under its own title."""

from __future__ import annotations

from dataclasses import replace

from policykb.bot.answers.context import Context
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.kind import Kind
from policykb.bot.answers.records import Records
from policykb.bot.evidence import Evidence, wording_for
from policykb.bot.kinds import QuestionKind
from policykb.bot.scope import compared, for_plan, place_names
from policykb.kb.records import Chunk, DocumentRecord
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


class PerPlan:
    """Runs one kind on each plan in play and sets the plans' findings one under another.

    Args:
        phrases: the validated phrase templates.
        records: the question's records (the plans retrieval surfaced).
    """

    def __init__(self, phrases: Phrases, records: Records) -> None:
        self.phrases = phrases
        self.records = records

    def of_plan(self, ctx: Context, doc: DocumentRecord, plans: list[DocumentRecord]) -> Context:
        """``ctx`` as asked of ``doc``: without the places of the other plans it names (``柏岭县和槐川县…`` asks
        槐川县's plan of 槐川县 only), each plan its own word nearness (``words={}``)."""
        plain = ctx.plain
        for other in plans:
            if other.place and other.place != doc.place:
                for name in place_names(other.place):
                    plain = plain.replace(name, "")
        if plain == ctx.plain:
            return replace(ctx, words={})
        index = self.records.index
        evidence = Evidence.of(plain, index.segmenter, index.bm25, wording_for(index))  # type: ignore[arg-type]
        return replace(ctx, plain=plain, evidence=evidence, words={})

    def find(self, kind: Kind, ctx: Context) -> Finding | None:
        """The plans the question named, else those retrieval surfaced. Each plan's lines stand under its own
        title, never merged; a named plan without an answer says so. One plan answering (of several surfaced)
        answers alone."""
        named = ctx.doc_ids is not None and compared(ctx.q.text, ctx.docs)  # several places or years named
        plans = ctx.docs if named else self.records.surfaced(ctx)
        if len(plans) < 2 or (kind.name in NAMED_ONLY and not named):
            return kind.find(ctx)
        asked = {d.doc_id: replace(ctx.q, text=for_plan(ctx.q.text, d, plans)) for d in plans}
        # each plan its own word nearness (``words={}``): a word judged against plan A's targets says nothing of B's
        parts = [
            (
                doc,
                kind.find(
                    replace(self.of_plan(ctx, doc, plans), q=asked[doc.doc_id], docs=[doc], doc_ids=[doc.doc_id])
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
        partial = any(result.confidence == "partial" for _, result in found)
        for doc, result in parts if named else found:  # a plan the question did not name is listed only if it answers
            lines.append(self.phrases("document.plan", title=doc.title, place=doc.place or "—"))
            if result is None:
                lines.append(self.phrases("document.plan_lacks"))
                continue
            lines.extend(result.lines)
            cited.extend(result.cited)
            plans_facts.append({"doc_id": doc.doc_id, "title": doc.title, **result.facts})
        kind_name = found[0][1].kind
        return Finding(lines, cited, kind_name, {"plans": plans_facts}, "partial" if partial else "full")
