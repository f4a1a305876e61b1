"""What the engine, the index and ingest need of a store: the ``Store`` protocol, and all they call of one.

The Chroma implementation is :class:`policykb.kb.store.KnowledgeStore`. A store holds *generations*: the
manifest names the current one, its segments and where each document lives; segments are written once and
dropped when no manifest reads them. The lease lets one writer at a time change the index on a shared store.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Protocol, runtime_checkable

from policykb.kb.manifest import Manifest
from policykb.kb.records import DocumentRecord


@dataclass(frozen=True)
class LeaseRecord:
    """One claim of the ingest lease: number ``number``, held by ``owner`` until ``expires`` (Unix time).

    Numbers only grow: the lease with the highest number is the current one, and a writer takes an expired
    or released lease over by claiming the next number, never by touching the record of another.
    """

    number: int
    owner: str
    expires: float
    released: bool = False
    since: float = 0.0  # when the holder claimed it (Unix time; 0: a record written before this was kept)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> LeaseRecord:
        data = json.loads(text)
        return cls(
            int(data["number"]),
            str(data["owner"]),
            float(data["expires"]),
            bool(data.get("released")),
            float(data.get("since") or 0.0),
        )


class LeaseStore(Protocol):
    """The lease's part of a store."""

    def latest_lease(self) -> LeaseRecord | None:
        """The lease with the highest number (``None`` before the first claim)."""
        ...

    def claim_lease(self, lease: LeaseRecord) -> bool:
        """Insert ``lease`` if no lease of its number exists, atomically; whether it is now ``lease.owner``'s."""
        ...

    def write_lease(self, lease: LeaseRecord) -> None:
        """Overwrite the holder's own lease record (to renew or release it)."""
        ...

    def prune_leases(self, below: int) -> None:
        """Delete the lease records numbered below ``below`` (superseded: never the current one)."""
        ...


@runtime_checkable
class Store(LeaseStore, Protocol):
    """A knowledge base's storage: manifest, segments, records, dense search, lease.

    Held by :class:`policykb.kb.store.KnowledgeStore` (Chroma) and, in the tests, by ``tests/memory_store.py``;
    the engine, the index and ingest take this protocol, never a class. Runtime-checkable, so a field typed
    ``Store`` can be validated (the LangChain retriever's pydantic model holds the index that holds it).
    """

    # -- manifest
    def manifest(self) -> Manifest | None:
        """The current manifest, or ``None`` when nothing has been ingested."""
        ...

    def check_base(self, base: int) -> None:
        """Raise :class:`~policykb.kb.lock.IngestConflictError` unless the current generation is ``base``."""
        ...

    def commit(self, manifest: Manifest, base: int | None = None) -> None:
        """Make ``manifest`` current in one insert-if-absent write (refused when another writer committed
        its generation, i.e. the current generation is no longer ``base``)."""
        ...

    # -- segments
    def claim_segment(self, start: int, owner: str, takeover: bool = False) -> int:
        """A segment number from ``start`` that no other writer will ever write (``takeover``: the writer
        holds an exclusive lock, so ``start`` is taken whoever claimed it before)."""
        ...

    def missing_documents(self, manifest: Manifest) -> list[str]:
        """The documents ``manifest`` lists whose records are not in their segment."""
        ...

    def write_segment(self, generation: int, documents: list[DocumentRecord], vectors: dict[str, list[float]]) -> None:
        """Write the segment ``generation``: the documents' chunks, targets, tasks and target words with vectors,
        and their records."""
        ...

    def generations(self) -> list[int]:
        """Every segment the store holds, current or not."""
        ...

    def collect_garbage(self, keep: set[int]) -> list[int]:
        """Drop the segments neither in ``keep`` nor read by the current manifest (never a newer one's)."""
        ...

    # -- reading
    def documents(self, manifest: Manifest) -> list[DocumentRecord]:
        """Every document's records, in manifest order."""
        ...

    def vectors(self, manifest: Manifest, ids: Iterable[str], kind: str = "") -> dict[str, list[float]]:
        """Stored vectors of the chunks, targets, tasks and target words ``ids`` the manifest's segments hold
        (``kind``: what they all are, a hint where to look first)."""
        ...

    def dense_search(
        self, manifest: Manifest, vector: list[float], n: int, doc_ids: list[str] | None = None
    ) -> list[tuple[str, float]]:
        """``(chunk id, cosine distance)`` of the ``n`` nearest chunks, optionally in some documents."""
        ...

    def target_search(
        self, manifest: Manifest, vector: list[float], n: int, doc_ids: list[str] | None = None
    ) -> list[tuple[str, float]]:
        """``(target id, cosine distance)`` of the ``n`` nearest targets, optionally in some documents."""
        ...

    def target_searches(
        self, manifest: Manifest, vectors: list[list[float]], n: int, doc_ids: list[str] | None = None
    ) -> list[list[tuple[str, float]]]:
        """:meth:`target_search` of each vector (one call for a question's words)."""
        ...
