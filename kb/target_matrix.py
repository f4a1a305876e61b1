"""The targets' vectors of a loaded generation, held in memory: a search within some plans is one matrix product.

A store's search with a document filter (one plan's few dozen targets among tens of thousands) costs a filtered
query of every segment; the same search over the rows of those plans in memory costs well under a millisecond. The
rows are the store's own vectors, read the first time a plan is searched (a few dozen by id: one small read) and
kept while the generation is loaded; the distance is the store's (cosine distance).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from policykb.kb.manifest import Manifest
from policykb.kb.records import DocumentRecord
from policykb.kb.storage import Store

__all__ = ["HeldVectors", "TargetMatrix"]

Hits = list[tuple[str, float]]


@dataclass(frozen=True)
class PlanRows:
    """One plan's targets: their ids and unit-length vectors (float32, one row each)."""

    ids: list[str]
    matrix: np.ndarray


class HeldVectors:
    """Stored vectors of a loaded generation, read per plan on first need and kept while it is loaded.

    Args:
        store: where the vectors are read from (the generation's store).
        manifest: the generation whose segments hold them.
        documents: the generation's documents, by id.
    """

    def __init__(self, store: Store, manifest: Manifest, documents: dict[str, DocumentRecord]) -> None:
        self.store = store
        self.manifest = manifest
        self.documents = documents
        self._lock = threading.Lock()


class TargetMatrix(HeldVectors):
    """The targets' vectors of the plans searched so far, one block of rows per plan."""

    def __init__(self, store: Store, manifest: Manifest, documents: dict[str, DocumentRecord]) -> None:
        super().__init__(store, manifest, documents)
        self._plans: dict[str, PlanRows | None] = {}  # ``None``: the store lacks some of the plan's vectors

    def holds(self, doc_ids: Iterable[str]) -> bool:
        """Whether every one of ``doc_ids`` has its targets' vectors here (read from the store if not yet)."""
        doc_ids = list(doc_ids)
        if not all(d in self.documents for d in doc_ids):
            return False
        self._read([d for d in doc_ids if d not in self._plans])
        return all(self._plans[d] is not None for d in doc_ids)

    def nearest(self, vectors: list[list[float]], n: int, doc_ids: Iterable[str]) -> list[Hits]:
        """``(target id, cosine distance)`` of the ``n`` targets of ``doc_ids`` nearest to each vector, nearest
        first (a document listed twice counts once). Only for plans it :meth:`holds`."""
        plans = [self._plans[d] for d in dict.fromkeys(doc_ids)]
        ids = [i for plan in plans if plan for i in plan.ids]
        if not ids or n <= 0:
            return [[] for _ in vectors]
        rows = np.concatenate([plan.matrix for plan in plans if plan and plan.ids])
        distances = 1.0 - unit_rows(np.asarray(vectors, dtype=np.float32)) @ rows.T
        out: list[Hits] = []
        for row in distances:
            order = np.argsort(row, kind="stable")[:n]
            out.append([(ids[i], float(row[i])) for i in order])
        return out

    def _read(self, doc_ids: list[str]) -> None:
        """Read the vectors of ``doc_ids``' targets from the store, in one call."""
        if not doc_ids:
            return
        wanted = [t.id for d in doc_ids for t in self.documents[d].targets]
        stored = self.store.vectors(self.manifest, wanted, "targets") if wanted else {}
        with self._lock:
            for doc_id in doc_ids:
                targets = self.documents[doc_id].targets
                if not all(t.id in stored for t in targets):
                    self._plans[doc_id] = None
                    continue
                matrix = np.asarray([stored[t.id] for t in targets] or np.zeros((0, 0)), dtype=np.float32)
                self._plans[doc_id] = PlanRows([t.id for t in targets], unit_rows(matrix))


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    """Each row scaled to unit length (a zero row stays zero)."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)
