"""The targets' vectors of a loaded generation, held in memory: a search within some plans is one matrix product.

A store's search with a document filter (one plan's few dozen targets among tens of thousands) costs a filtered
query of every segment; the same search over the rows of those plans in memory costs microseconds. The rows are
the store's own vectors, read once when the index loads; the distance is the store's (cosine distance).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from policykb.kb.manifest import Manifest
from policykb.kb.records import DocumentRecord
from policykb.kb.storage import Store

__all__ = ["TargetMatrix"]

Hits = list[tuple[str, float]]
BATCH = 4096  # targets read from the store at a time


class TargetMatrix:
    """Unit-length target vectors, one row each, the rows of a document side by side.

    Args:
        ids: the targets' ids, in row order.
        rows: each document's rows, ``(first, end)``; a document whose vectors the store lacks is not held.
        matrix: the vectors, ``len(ids)`` × dimensions, each scaled to unit length (float32).
    """

    def __init__(self, ids: list[str], rows: dict[str, tuple[int, int]], matrix: np.ndarray) -> None:
        self.ids = ids
        self.rows = rows
        self.matrix = matrix

    @classmethod
    def load(cls, store: Store, manifest: Manifest, documents: Iterable[DocumentRecord]) -> TargetMatrix:
        """The stored vectors of every document's targets, read a few thousand at a time (as float32 at once:
        a store hands vectors over as lists of Python floats, six times their size)."""
        ids: list[str] = []
        rows: dict[str, tuple[int, int]] = {}
        blocks: list[np.ndarray] = []
        for batch in _batches(list(documents)):
            stored = store.vectors(manifest, [t.id for d in batch for t in d.targets])
            held = [d for d in batch if all(t.id in stored for t in d.targets)]
            for doc in held:
                rows[doc.doc_id] = (len(ids), len(ids) + len(doc.targets))
                ids += [t.id for t in doc.targets]
            vectors = [stored[t.id] for d in held for t in d.targets]
            if vectors:
                blocks.append(np.asarray(vectors, dtype=np.float32))
        matrix = np.concatenate(blocks) if blocks else np.zeros((0, 0), dtype=np.float32)
        return cls(ids, rows, unit_rows(matrix))

    def holds(self, doc_ids: Iterable[str]) -> bool:
        """Whether every one of ``doc_ids`` has its targets' vectors here."""
        return all(d in self.rows for d in doc_ids)

    def nearest(self, vectors: list[list[float]], n: int, doc_ids: Iterable[str]) -> list[Hits]:
        """``(target id, cosine distance)`` of the ``n`` targets of ``doc_ids`` nearest to each vector, nearest
        first (a document listed twice counts once)."""
        spans = [self.rows[d] for d in dict.fromkeys(doc_ids)]
        picked = np.concatenate([np.arange(first, end) for first, end in spans]) if spans else np.array([], int)
        if not len(picked) or n <= 0:
            return [[] for _ in vectors]
        queries = unit_rows(np.asarray(vectors, dtype=np.float32))
        distances = 1.0 - queries @ self.matrix[picked].T
        out: list[Hits] = []
        for row in distances:
            order = np.argsort(row, kind="stable")[:n]
            out.append([(self.ids[picked[i]], float(row[i])) for i in order])
        return out


def _batches(documents: list[DocumentRecord]) -> Iterable[list[DocumentRecord]]:
    """The documents in runs of about ``BATCH`` targets."""
    batch: list[DocumentRecord] = []
    count = 0
    for doc in documents:
        batch.append(doc)
        count += len(doc.targets)
        if count >= BATCH:
            yield batch
            batch, count = [], 0
    if batch:
        yield batch


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    """Each row scaled to unit length (a zero row stays zero)."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)
