"""A :class:`~policykb.kb.storage.Store` held in memory, for tests only: the second implementation that shows the
engine, the index and ingest need nothing of Chroma beyond the protocol. It keeps Chroma's rules (a commit only
on its base, segment numbers of a writer's own, insert-if-absent leases) and searches by exact cosine distance."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from policykb.kb.lock import RERUN, IngestConflictError
from policykb.kb.manifest import Manifest
from policykb.kb.records import DocumentRecord
from policykb.kb.storage import LeaseRecord
from policykb.kb.word_vectors import word_vector_id

__all__ = ["MemoryStore"]


@dataclass
class Segment:
    """One segment: the documents' records (as JSON, as a real store keeps them) and the passages' vectors."""

    records: dict[str, str] = field(default_factory=dict)
    chunks: dict[str, tuple[str, list[float]]] = field(default_factory=dict)  # chunk id → (doc id, vector)
    targets: dict[str, tuple[str, list[float]]] = field(default_factory=dict)
    tasks: dict[str, list[float]] = field(default_factory=dict)  # a task's vector id → its vector
    words: dict[str, list[float]] = field(default_factory=dict)  # a target word's vector id → its query vector


class MemoryStore:
    """Generations, segments and leases in dictionaries, guarded by one lock (threads of one process)."""

    def __init__(self) -> None:
        self.commits: dict[int, str] = {}
        self.segments: dict[int, Segment] = {}
        self.claims: dict[int, str] = {}
        self.leases: dict[int, str] = {}
        self._lock = threading.RLock()

    # -- manifest
    def manifest(self) -> Manifest | None:
        with self._lock:
            return Manifest.from_json(self.commits[max(self.commits)]) if self.commits else None

    def _generation(self) -> int:
        manifest = self.manifest()
        return manifest.generation if manifest else 0

    def check_base(self, base: int) -> None:
        current = self._generation()
        if current != base:
            raise _moved(base, current)

    def commit(self, manifest: Manifest, base: int | None = None) -> None:
        number = manifest.generation
        if base is not None and number != base + 1:
            raise ValueError(f"generation {number} does not follow base {base}")
        with self._lock:
            if number in self.commits or (self.commits and max(self.commits) > number):
                raise _moved(number - 1, max(self.commits))
            self.commits = {number: manifest.to_json()}  # the older ones superseded

    # -- segments
    def claim_segment(self, start: int, owner: str, takeover: bool = False) -> int:
        with self._lock:
            number = start
            while not takeover and self.claims.get(number, owner) != owner:
                number += 1
            self.claims[number] = owner
            self.segments.pop(number, None)  # a killed writer's leftover
            return number

    def write_segment(self, generation: int, documents: list[DocumentRecord], vectors: dict[str, list[float]]) -> None:
        segment = Segment()
        for doc in documents:
            segment.records[doc.doc_id] = json.dumps(doc.to_dict(), ensure_ascii=False)
            segment.chunks.update((c.id, (c.doc_id, list(vectors[c.id]))) for c in doc.chunks)
            segment.targets.update((t.id, (t.doc_id, list(vectors[t.id]))) for t in doc.targets)
            segment.tasks.update((t.vector_id, list(vectors[t.vector_id])) for t in doc.tasks if t.vector_id in vectors)
            ids = [word_vector_id(w) for w in doc.words]
            segment.words.update((i, list(vectors[i])) for i in ids if i in vectors)
        with self._lock:
            if generation in self.segments:
                raise ValueError(f"segment {generation} exists")
            self.segments[generation] = segment

    def generations(self) -> list[int]:
        with self._lock:
            return sorted(self.segments)

    def collect_garbage(self, keep: set[int]) -> list[int]:
        current = self.manifest()
        live = set(current.live_segments if current else [])
        ceiling = max([current.generation if current else 0, *live])
        with self._lock:
            dropped = [g for g in sorted(self.segments) if g <= ceiling and g not in keep | live]
            for generation in dropped:
                del self.segments[generation]
        return dropped

    # -- reading
    def _live(self, manifest: Manifest) -> list[tuple[int, Segment]]:
        with self._lock:
            return [(s, self.segments[s]) for s in manifest.live_segments if s in self.segments]

    def documents(self, manifest: Manifest) -> list[DocumentRecord]:
        texts = {
            i: seg.records[i] for s, seg in self._live(manifest) for i in manifest.in_segment(s) if i in seg.records
        }
        return [DocumentRecord.from_dict(json.loads(texts[i])) for i in manifest.documents if i in texts]

    def missing_documents(self, manifest: Manifest) -> list[str]:
        live = dict(self._live(manifest))
        return [
            d
            for s in manifest.live_segments
            for d in manifest.in_segment(s)
            if s not in live or d not in live[s].records
        ]

    def vectors(self, manifest: Manifest, ids: Iterable[str], kind: str = "") -> dict[str, list[float]]:
        held = {i: v for _, s in self._live(manifest) for i, (_, v) in (*s.chunks.items(), *s.targets.items())}
        held.update((i, v) for _, s in self._live(manifest) for i, v in (*s.tasks.items(), *s.words.items()))
        return {i: list(held[i]) for i in ids if i in held}

    def dense_search(
        self, manifest: Manifest, vector: list[float], n: int, doc_ids: list[str] | None = None
    ) -> list[tuple[str, float]]:
        return _nearest([s.chunks for _, s in self._live(manifest)], vector, n, doc_ids)

    def target_search(
        self, manifest: Manifest, vector: list[float], n: int, doc_ids: list[str] | None = None
    ) -> list[tuple[str, float]]:
        return _nearest([s.targets for _, s in self._live(manifest)], vector, n, doc_ids)

    def target_searches(
        self, manifest: Manifest, vectors: list[list[float]], n: int, doc_ids: list[str] | None = None
    ) -> list[list[tuple[str, float]]]:
        return [self.target_search(manifest, v, n, doc_ids) for v in vectors]

    # -- lease
    def latest_lease(self) -> LeaseRecord | None:
        with self._lock:
            return LeaseRecord.from_json(self.leases[max(self.leases)]) if self.leases else None

    def claim_lease(self, lease: LeaseRecord) -> bool:
        with self._lock:
            self.leases.setdefault(lease.number, lease.to_json())
            return LeaseRecord.from_json(self.leases[lease.number]).owner == lease.owner

    def write_lease(self, lease: LeaseRecord) -> None:
        with self._lock:
            self.leases[lease.number] = lease.to_json()

    def prune_leases(self, below: int) -> None:
        with self._lock:
            self.leases = {n: text for n, text in self.leases.items() if n >= below}


def _nearest(
    passages: list[dict[str, tuple[str, list[float]]]], vector: list[float], n: int, doc_ids: list[str] | None
) -> list[tuple[str, float]]:
    """``(id, cosine distance)`` of the ``n`` passages nearest to ``vector``, of ``doc_ids`` when given."""
    query = np.asarray(vector, dtype=float)
    hits = []
    for held in passages:
        for passage_id, (doc_id, stored) in held.items():
            if doc_ids is None or doc_id in doc_ids:
                other = np.asarray(stored, dtype=float)
                similarity = float(query @ other / (np.linalg.norm(query) * np.linalg.norm(other) or 1.0))
                hits.append((passage_id, 1.0 - similarity))
    return sorted(hits, key=lambda hit: hit[1])[:n]


def _moved(base: int, current: int) -> IngestConflictError:
    return IngestConflictError(f"导入期间索引已被另一个导入任务更新（索引版本 {base} → {current}），{RERUN}")
