"""The tasks' vectors of a loaded generation, held in memory: embedded at ingest, read once per plan.

A question about who does a task may be matched to a task by meaning (its title and the start of its text). Those
vectors are embedded with the plan's passages at ingest and stored beside them; here they are read the first time
one of a plan's tasks is compared (one small read) and kept while the generation is loaded, as
:mod:`policykb.kb.target_matrix` holds the targets' vectors. A generation written before tasks had vectors has
none: its tasks are embedded when first compared (see :func:`policykb.bot.answers.meaning.task_vectors`).
"""

from __future__ import annotations

from policykb.kb.manifest import Manifest
from policykb.kb.records import DocumentRecord, Task
from policykb.kb.storage import Store
from policykb.kb.target_matrix import HeldVectors

__all__ = ["TaskVectors"]


class TaskVectors(HeldVectors):
    """The stored vectors of the tasks of the plans compared so far."""

    def __init__(self, store: Store, manifest: Manifest, documents: dict[str, DocumentRecord]) -> None:
        super().__init__(store, manifest, documents)
        self._vectors: dict[str, list[float]] = {}  # by a task's vector id
        self._plans: set[str] = set()  # the plans whose tasks' vectors were read

    def of(self, tasks: list[Task]) -> list[list[float] | None]:
        """The stored vector of each of ``tasks`` (``None`` for a task the store has none of); the vectors of
        every task of their plans are read the first time one of them is asked for, in one call."""
        unread = [d for d in dict.fromkeys(t.doc_id for t in tasks) if d not in self._plans]
        if unread:
            wanted = [t.vector_id for d in unread if d in self.documents for t in self.documents[d].tasks]
            stored = self.store.vectors(self.manifest, wanted, "tasks")
            with self._lock:
                self._vectors.update(stored)
                self._plans.update(unread)
        return [self._vectors.get(t.vector_id) for t in tasks]
