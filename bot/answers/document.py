"""A document fact: its title, 文号, issuing body and date."""

from __future__ import annotations

from policykb.bot.answers.context import Context
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.kind import Kind


class DocumentFact(Kind):
    """The plan whose title and opening best cover the question, with its identity."""

    name = "document"

    def find(self, ctx: Context) -> Finding | None:
        best = max(ctx.docs, key=lambda d: ctx.evidence.coverage(d.title + d.text[:300]), default=None)
        if best is None:
            return None
        line = self.phrases(
            "document.line",
            title=best.title,
            number=best.number or "（未注明）",
            authority=best.authority or "（未注明）",
            date=best.date or "（未注明）",
        )
        return Finding([line], [self.records.chunk_at(best, 0)], "document", {"document": best.doc_id})
