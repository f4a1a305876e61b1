"""Turns a :class:`Finding` (or a refusal) into the :class:`~policykb.bot.answer.Answer` the user reads."""

from __future__ import annotations

from langchain_core.documents import Document

from policykb.bot.answer import Answer, Source
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.records import Records
from policykb.bot.question import Question
from policykb.kb.records import Chunk
from policykb.prompts.library import Phrases


class Composer:
    """Writes answers: the finding's lines (with the plans they come from), its cited chunks, then context.

    Args:
        phrases: the validated phrase templates.
        records: the index's records (titles and reader's notes of the cited documents).
        max_sources: how many sources an answer lists at most (never fewer than it cites).
    """

    def __init__(self, phrases: Phrases, records: Records, max_sources: int) -> None:
        self.phrases = phrases
        self.records = records
        self.max_sources = max_sources

    def retrieved(self, documents: list[Document]) -> list[Source]:
        """The retrieved chunks as sources, best first."""
        return [
            Source(
                d.metadata["document"],
                d.metadata["doc_id"],
                d.metadata["section"],
                d.page_content,
                float(d.metadata["score"]),
                notes=self.records.notes(d.metadata["doc_id"]),
            )
            for d in documents
        ]

    def answer(self, question: str, finding: Finding, retrieved: list[Source]) -> Answer:
        """The answer to ``question`` from ``finding``; with several plans indexed, it first says which."""
        documents = self.records.index.documents
        lines = finding.lines
        if len(documents) > 1 and "plans" not in finding.facts:
            titles = "、".join(dict.fromkeys(f"《{documents[c.doc_id].title}》" for c in finding.cited))
            lines = [self.phrases("document.from", titles=titles), *lines]
        lines = [*self.cautions(finding.cited), *lines]
        return Answer(
            question=question,
            answer="\n".join(lines),
            answerable=True,
            kind=finding.kind,
            sources=self.sources(finding.cited, retrieved),
            evidence=finding.facts,
            confidence=finding.confidence,
        )

    def cautions(self, cited: list[Chunk]) -> list[str]:
        """One line per cited document that needs review (OCR could not read a page of it reliably): the answer
        is given, and says first that it must be checked against the original."""
        out = []
        for doc_id in dict.fromkeys(c.doc_id for c in cited):
            if notes := self.records.review_notes(doc_id):
                title = self.records.index.documents[doc_id].title
                out.append(self.phrases("document.review", title=title, notes="；".join(notes)))
        return out

    def refuse(self, q: Question, message: str, retrieved: list[Source]) -> Answer:
        """A refusal, with the retrieved chunks as context."""
        return Answer(
            question=q.text, answer=message, answerable=False, kind=q.kind, sources=retrieved[: self.max_sources]
        )

    def sources(self, cited: list[Chunk], retrieved: list[Source]) -> list[Source]:
        """The cited chunks (once each), then retrieved ones up to ``max_sources``."""
        out: list[Source] = []
        seen: set[tuple[str, str]] = set()
        for chunk in cited:
            key = (chunk.doc_id, chunk.text)
            if key not in seen:
                seen.add(key)
                title = self.records.index.documents[chunk.doc_id].title
                notes = self.records.notes(chunk.doc_id)
                out.append(Source(title, chunk.doc_id, chunk.section, chunk.text, 1.0, cited=True, notes=notes))
        for source in retrieved:
            if (source.doc_id, source.text) not in seen and len(out) < max(self.max_sources, len(cited)):
                seen.add((source.doc_id, source.text))
                out.append(source)
        return out
