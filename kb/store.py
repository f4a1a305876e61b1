"""The knowledge base's store: Chroma holds the vectors, the records and the manifest.

Everything lives in Chroma, so an embedded ``PersistentClient`` and a shared
``chroma run`` server behave the same. The index is a list of *segments*: each
holds some documents whole (their chunks and targets with vectors, and their
records), is written once by one ingest and never changed after. An ingest writes
one new segment with the documents it adds or replaces (and the other documents
of any segment it would leave partly stale), then switches the manifest, which
names the generation, its segments and where each document lives, in a single
write. Adding a document so costs that document, not the corpus; a failed or
killed ingest leaves the manifest on the previous generation, which keeps answering.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection

from policykb.kb.lock import RERUN, IngestConflictError
from policykb.kb.records import DocumentRecord

MANIFEST_ID = "manifest"
LEASE_ID = "ingest-lease"
COLLECTION_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,60}[A-Za-z0-9]$")
BATCH = 2000
FORMAT = 1  # bump when the layout of collections or records changes


class IndexMissingError(RuntimeError):
    """No index has been built yet."""


class IndexMismatchError(RuntimeError):
    """The index was built with another embedding model than the one configured."""


@dataclass
class Manifest:
    """Which generation is current, built by which model, holding which documents."""

    generation: int
    backend: str
    model: str
    dim: int
    chunk_size: int
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    updated_at: str = ""
    format: int = 0
    segments: list[int] = field(default_factory=list)

    @property
    def live_segments(self) -> list[int]:
        """The segments this generation reads (a manifest from before segments: its generation's)."""
        return self.segments or [self.generation]

    def segment_of(self, doc_id: str) -> int:
        """The segment holding ``doc_id``."""
        return int(self.documents[doc_id].get("segment", self.generation))

    def in_segment(self, segment: int) -> list[str]:
        """The documents of ``segment``, in manifest order."""
        return self._members.get(segment, [])

    @cached_property
    def _members(self) -> dict[int, list[str]]:
        """Documents by segment, worked out once: every dense query asks (a manifest is never changed)."""
        members: dict[int, list[str]] = {}
        for doc_id in self.documents:
            members.setdefault(self.segment_of(doc_id), []).append(doc_id)
        return members

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        return cls(**json.loads(text))

    def count(self, what: str, segment: int | None = None) -> int:
        """How many ``"chunks"``, ``"tasks"`` or ``"targets"`` the documents hold (of one segment, if given)."""
        docs = self.documents if segment is None else self.in_segment(segment)
        return sum(int(self.documents[d].get(what, 0)) for d in docs)

    def check_model(self, identity: dict[str, Any]) -> None:
        """Refuse to mix vectors of two models.

        Raises:
            IndexMismatchError: ``identity`` differs from the model that built the index.
        """
        if self.format != FORMAT:
            raise IndexMismatchError(
                f"索引格式为第 {self.format} 版，当前程序需要第 {FORMAT} 版。请重建索引：policykb ingest --rebuild"
            )
        built = (self.backend, self.model, self.dim)
        wanted = (identity["backend"], identity["model"], identity["dim"])
        if built != wanted:
            raise IndexMismatchError(
                f"索引由向量模型 {self.backend}:{self.model}（{self.dim} 维）建立，"
                f"当前设置为 {wanted[0]}:{wanted[1]}（{wanted[2]} 维），不能混用两种模型的向量。"
                "请用当前模型重建索引：policykb ingest --rebuild"
            )


class KnowledgeStore:
    """Chroma collections of one knowledge base, named under ``namespace``.

    Args:
        client: a Chroma client (``PersistentClient`` or ``HttpClient``), passed in.
        namespace: prefix of every collection name; several knowledge bases can share a server.
    """

    def __init__(self, client: ClientAPI, namespace: str = "policykb") -> None:
        if not COLLECTION_NAME.match(f"{namespace}-g000000-records"):
            raise ValueError(f"知识库名称只能含字母、数字、点、下划线和连字符：{namespace!r}")
        self.client = client
        self.namespace = namespace

    # -- manifest -------------------------------------------------------------
    def _meta(self) -> Collection:
        return self.client.get_or_create_collection(f"{self.namespace}-meta", embedding_function=None)

    def manifest(self) -> Manifest | None:
        """The current manifest, or ``None`` when nothing has been ingested."""
        got = self._meta().get(ids=[MANIFEST_ID], include=["documents"])
        docs = got.get("documents") or []
        return Manifest.from_json(docs[0]) if docs and docs[0] else None

    def generation(self) -> int:
        """The current generation (0 before the first ingest)."""
        manifest = self.manifest()
        return manifest.generation if manifest else 0

    def check_base(self, base: int) -> None:
        """Make sure the index is still at generation ``base``, the one an ingest started from.

        Raises:
            IngestConflictError: another ingest committed since; writing now would lose its work.
        """
        current = self.generation()
        if current != base:
            raise IngestConflictError(
                f"导入期间索引已被另一个导入任务更新（索引版本 {base} → {current}），为免覆盖其结果，{RERUN}"
            )

    def commit(self, manifest: Manifest, base: int | None = None) -> None:
        """Make ``manifest`` (and so its generation) current, in one write.

        Args:
            base: the generation the ingest started from; the commit is refused (see
                :meth:`check_base`) when the current one is another.
        """
        if base is not None:
            self.check_base(base)
        self._meta().upsert(ids=[MANIFEST_ID], documents=[manifest.to_json()], embeddings=[[1.0]])

    # -- the ingest lease (for a shared server, where a file lock cannot reach) ----
    def lease_holder(self) -> dict[str, Any] | None:
        got = self._meta().get(ids=[LEASE_ID], include=["documents"])
        docs = got.get("documents") or []
        return json.loads(docs[0]) if docs and docs[0] else None

    def write_lease(self, owner: str, expires: float) -> None:
        self._meta().upsert(
            ids=[LEASE_ID], documents=[json.dumps({"owner": owner, "expires": expires})], embeddings=[[1.0]]
        )

    def clear_lease(self, owner: str) -> None:
        holder = self.lease_holder()
        if holder and holder["owner"] == owner:
            self._meta().delete(ids=[LEASE_ID])

    # -- segments (named by the generation that wrote them) --------------------
    def chunks_name(self, generation: int) -> str:
        return f"{self.namespace}-g{generation:06d}-chunks"

    def records_name(self, generation: int) -> str:
        return f"{self.namespace}-g{generation:06d}-records"

    def targets_name(self, generation: int) -> str:
        return f"{self.namespace}-g{generation:06d}-targets"

    def chunks(self, generation: int) -> Collection:
        return self.client.get_collection(self.chunks_name(generation), embedding_function=None)

    def write_segment(self, generation: int, documents: list[DocumentRecord], vectors: dict[str, list[float]]) -> None:
        """Write generation ``generation``'s segment: the chunks and targets of ``documents`` with their
        vectors, and their records. Readers see it only once a manifest names it."""
        self.drop_generation(generation)
        chunks = self.client.create_collection(
            self.chunks_name(generation), embedding_function=None, metadata={"hnsw:space": "cosine"}
        )
        for batch in _batches([c for d in documents for c in d.chunks], BATCH):
            chunks.add(
                ids=[c.id for c in batch],
                embeddings=[vectors[c.id] for c in batch],
                documents=[c.text for c in batch],
                metadatas=[{"doc": c.doc_id, "section": c.section} for c in batch],
            )
        targets = self.client.create_collection(
            self.targets_name(generation), embedding_function=None, metadata={"hnsw:space": "cosine"}
        )
        for batch in _batches([t for d in documents for t in d.targets], BATCH):
            targets.add(
                ids=[t.id for t in batch],
                embeddings=[vectors[t.id] for t in batch],
                documents=[t.search_text for t in batch],
                metadatas=[{"doc": t.doc_id} for t in batch],
            )
        records = self.client.create_collection(self.records_name(generation), embedding_function=None)
        for batch in _batches(documents, 50):
            records.add(
                ids=[d.doc_id for d in batch],
                documents=[json.dumps(d.to_dict(), ensure_ascii=False) for d in batch],
                embeddings=[[1.0] for _ in batch],
            )

    def documents(self, manifest: Manifest) -> list[DocumentRecord]:
        """Every document's records, read from its segment, in manifest order."""
        by_id: dict[str, DocumentRecord] = {}
        for segment in manifest.live_segments:
            collection = self.client.get_collection(self.records_name(segment), embedding_function=None)
            for batch in _batches(manifest.in_segment(segment), 50):  # a few JSON texts in memory at a time
                got = collection.get(ids=batch, include=["documents"])
                by_id.update(
                    (i, DocumentRecord.from_dict(json.loads(d))) for i, d in zip(got["ids"], got["documents"] or [])
                )
        return [by_id[i] for i in manifest.documents if i in by_id]

    def vectors(self, manifest: Manifest, ids: Iterable[str]) -> dict[str, list[float]]:
        """Stored vectors of the chunks and targets ``ids`` that the manifest's segments already hold."""
        out: dict[str, list[float]] = {}
        ids = list(ids)
        names = [n for s in manifest.live_segments for n in (self.chunks_name(s), self.targets_name(s))]
        for name in names:
            try:
                collection = self.client.get_collection(name, embedding_function=None)
            except Exception:  # noqa: BLE001 - a generation written before targets had vectors
                continue
            out.update(self._vectors_in(collection, [i for i in ids if i not in out]))
        return out

    def _vectors_in(self, collection: Collection, ids: list[str]) -> dict[str, list[float]]:
        out: dict[str, list[float]] = {}
        for batch in _batches(ids, BATCH):
            got = collection.get(ids=batch, include=["embeddings"])
            embeddings = got.get("embeddings")
            if embeddings is None:
                continue
            out.update({i: list(map(float, e)) for i, e in zip(got["ids"], embeddings)})
        return out

    def dense_search(
        self, manifest: Manifest, vector: list[float], n: int, doc_ids: list[str] | None = None
    ) -> list[tuple[str, float]]:
        """``(chunk id, cosine distance)`` of the ``n`` nearest chunks, optionally in some documents."""
        return self._search(manifest, "chunks", vector, n, doc_ids)

    def target_search(
        self, manifest: Manifest, vector: list[float], n: int, doc_ids: list[str] | None = None
    ) -> list[tuple[str, float]]:
        """``(target id, cosine distance)`` of the ``n`` targets nearest to ``vector``."""
        return self._search(manifest, "targets", vector, n, doc_ids)

    def _search(
        self, manifest: Manifest, what: str, vector: list[float], n: int, doc_ids: list[str] | None
    ) -> list[tuple[str, float]]:
        """The ``n`` nearest of every segment, merged: the ``n`` nearest of the whole index."""
        hits: list[tuple[str, float]] = []
        for segment in manifest.live_segments:
            docs = None
            if doc_ids is not None:
                docs = [d for d in doc_ids if d in manifest.documents and manifest.segment_of(d) == segment]
                if not docs:
                    continue
                if len(docs) == len(manifest.in_segment(segment)):
                    docs = None  # the whole segment: no filter to apply
            name = self.chunks_name(segment) if what == "chunks" else self.targets_name(segment)
            hits += self._query(name, vector, min(n, manifest.count(what, segment)), docs)
        return sorted(hits, key=lambda hit: hit[1])[:n]

    def _query(self, name: str, vector: list[float], n: int, doc_ids: list[str] | None) -> list[tuple[str, float]]:
        if n <= 0:  # (a count() here would cost more than the query on a large collection)
            return []
        collection = self.client.get_collection(name, embedding_function=None)
        where: dict[str, Any] | None = None
        if doc_ids:
            where = {"doc": doc_ids[0]} if len(doc_ids) == 1 else {"doc": {"$in": doc_ids}}
        got = collection.query(query_embeddings=[vector], n_results=n, where=where, include=["distances"])
        return list(zip(got["ids"][0], got["distances"][0]))  # type: ignore[index]

    def generations(self) -> list[int]:
        """Every generation that has collections, current or not."""
        found = set()
        pattern = re.compile(rf"^{re.escape(self.namespace)}-g(\d{{6}})-(chunks|targets|records)$")
        for collection in self.client.list_collections():
            name = collection if isinstance(collection, str) else collection.name
            match = pattern.match(name)
            if match:
                found.add(int(match.group(1)))
        return sorted(found)

    def drop_generation(self, generation: int) -> None:
        for name in (self.chunks_name(generation), self.targets_name(generation), self.records_name(generation)):
            try:
                self.client.delete_collection(name)
            except Exception:  # noqa: BLE001 - absent collection: nothing to drop
                pass

    def collect_garbage(self, keep: set[int]) -> list[int]:
        """Drop every segment not in ``keep`` (ones no manifest reads, and any a killed ingest left)."""
        dropped = [g for g in self.generations() if g not in keep]
        for generation in dropped:
            self.drop_generation(generation)
        return dropped


def _batches(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
