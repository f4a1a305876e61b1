"""An outline: the parts of the section (or plan) the question names, one heading a line."""

from __future__ import annotations

from policykb.bot.answers.context import Context
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.kind import Kind
from policykb.kb.records import DocumentRecord, Section
from policykb.kb.text import heading_title


class Outline(Kind):
    """The sub-sections of the section whose title best covers the question (two or more of them)."""

    name = "outline"

    def find(self, ctx: Context) -> Finding | None:
        best: tuple[float, DocumentRecord, Section, list[Section]] | None = None
        for doc in ctx.docs:
            for parent in doc.sections:
                children = [
                    s for s in doc.sections if len(s.path) == len(parent.path) + 1 and s.path[:-1] == parent.path
                ]
                if len(children) < 2:
                    continue
                title = heading_title(parent.heading) if parent.path else doc.title
                score = ctx.evidence.coverage(title)
                if best is None or score > best[0]:
                    best = (score, doc, parent, children)
        if best is None or best[0] < self.thresholds.outline:
            return None
        _, doc, parent, children = best
        lines = [self.phrases("outline.summary", section=parent.heading or doc.title, count=len(children))]
        lines += [self.phrases("outline.item", n=n, heading=c.heading) for n, c in enumerate(children, 1)]
        cited = [self.records.chunk_at(doc, c.start) for c in children]
        return Finding(lines, cited, "outline", {"section": parent.label})
