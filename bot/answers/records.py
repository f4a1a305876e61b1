"""The records a question is answered from, and the chunk each record is cited by."""

from __future__ import annotations

from policykb.bot.answers.context import Context
from policykb.ingest.report import review_notes
from policykb.kb.index import KnowledgeIndex
from policykb.kb.records import PATH_SEPARATOR, Chunk, DocumentRecord, Target, Task

WIDE = 300  # above this many targets or tasks, score only those near the retrieved sections


def enclosing(section: str) -> list[str]:
    """``section`` and every section above it: ``"一 > 二"`` → ``["一", "一 > 二"]``."""
    parts = section.split(PATH_SEPARATOR)
    return [PATH_SEPARATOR.join(parts[: n + 1]) for n in range(len(parts))]


class Records:
    """Finds a question's records in the index and the chunks that cite them.

    Args:
        index: the loaded knowledge index.
    """

    def __init__(self, index: KnowledgeIndex) -> None:
        self.index = index

    def documents(self, doc_ids: list[str] | None) -> list[DocumentRecord]:
        """The documents ``doc_ids`` names; every document for ``None`` or an empty list."""
        docs = self.index.documents
        return [docs[i] for i in doc_ids] if doc_ids else list(docs.values())

    def near(self, ctx: Context, kind: str) -> list:
        """The question's documents' records of ``kind`` (``"targets"`` or ``"tasks"``): all of them
        in a small corpus; in a large one, those in a retrieved chunk's section or one above it."""
        if self.all_near(ctx, kind):
            return [r for d in ctx.docs for r in getattr(d, kind)]
        sections: dict[str, set[str]] = {}
        for chunk_id, section in zip(ctx.ranked_ids, ctx.ranked):
            sections.setdefault(self.chunk(chunk_id).doc_id, set()).update(enclosing(section))
        return [
            r for d in ctx.docs if d.doc_id in sections for r in getattr(d, kind) if r.section in sections[d.doc_id]
        ]

    @staticmethod
    def all_near(ctx: Context, kind: str) -> bool:
        """Whether every record of ``kind`` of the question's documents is near it, whatever retrieval ranks first
        (a small corpus)."""
        return sum(len(getattr(d, kind)) for d in ctx.docs) <= WIDE

    def surfaced(self, ctx: Context) -> list[DocumentRecord]:
        """The question's documents in the order retrieval ranked their chunks."""
        wanted = {d.doc_id: d for d in ctx.docs}
        order = [self.chunk(c).doc_id for c in ctx.ranked_ids]
        return [wanted[i] for i in dict.fromkeys(order) if i in wanted]

    def chunk(self, chunk_id: str) -> Chunk:
        """The chunk with id ``chunk_id``."""
        return self.index.chunks[self.index.chunk_rows[chunk_id]]

    @staticmethod
    def chunk_at(doc: DocumentRecord, offset: int) -> Chunk:
        """The chunk of ``doc`` that holds ``offset`` (the nearest one when none does)."""
        for chunk in doc.chunks:
            if chunk.start <= offset < chunk.end:
                return chunk
        return min(doc.chunks, key=lambda c: abs(c.start - offset))

    def task_chunk(self, task: Task) -> Chunk:
        """The chunk holding the end of ``task`` (where its responsibility bracket stands)."""
        return self.chunk_at(self.index.documents[task.doc_id], task.end - 2)

    def target_chunk(self, target: Target) -> Chunk:
        """The chunk holding the start of ``target``."""
        return self.chunk_at(self.index.documents[target.doc_id], target.start)

    def review_notes(self, doc_id: str) -> list[str]:
        """The notes that make the document need review (a page OCR could not read reliably); ``[]`` if none."""
        doc = self.index.documents.get(doc_id)
        return review_notes(doc.notes) if doc else []

    def notes(self, doc_id: str) -> str:
        """What the document's reader noted (e.g. 文字由OCR识别), joined; ``""`` for an unknown document."""
        doc = self.index.documents.get(doc_id)
        return "；".join(doc.notes) if doc else ""
