"""The knowledge base's store on Chroma: the :class:`~policykb.kb.storage.Store` the engine uses.

Everything lives in Chroma, so an embedded ``PersistentClient`` and a shared
``chroma run`` server behave the same. The index is a list of *segments*: each
holds some documents whole (their chunks and targets with vectors, and their
records), is written once by one ingest and never changed after. An ingest writes
one new segment with the documents it adds or replaces (and the other documents
of any segment it would leave partly stale), then switches the manifest, which
names the generation, its segments and where each document lives, in a single
write. Adding a document so costs that document, not the corpus; a failed or
killed ingest leaves the manifest on the previous generation, which keeps answering.

How a commit cannot lose another writer's work: Chroma keeps the first ``add`` of an id (see
:meth:`KnowledgeStore.claim_lease`), so "add, then read back" is an insert-if-absent. A writer claims a segment
number of its own before writing a segment (two writers never write the same collections), and commits
generation ``base + 1`` by inserting ``commit-<base + 1>``: of two writers that started from the same base,
exactly one commits, and the other is refused, however long it was stopped in between.

Where things live: :mod:`policykb.kb.meta_records`. Chroma's limits: :mod:`policykb.kb.chroma_limits`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.errors import NotFoundError

from policykb.kb.chroma_limits import ChromaLimits, batches
from policykb.kb.lock import RERUN, IngestConflictError
from policykb.kb.manifest import FORMAT, IndexMismatchError, IndexMissingError, Manifest
from policykb.kb.meta_records import (
    COMMIT_KIND,
    LEASE_KIND,
    MANIFEST_ID,
    PLACEHOLDER,
    SEGMENT_KIND,
    commit_id,
    lease_id,
    number_of,
    segment_id,
)
from policykb.kb.records import DocumentRecord
from policykb.kb.storage import LeaseRecord
from policykb.kb.word_vectors import word_vector_id

__all__ = ["FORMAT", "IndexMismatchError", "IndexMissingError", "KnowledgeStore", "Manifest"]

MAX_CLAIMS = 1000  # segment numbers tried at most (each one taken was claimed by a writer that did not commit)
COLLECTION_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,60}[A-Za-z0-9]$")


class KnowledgeStore:
    """Chroma collections of one knowledge base, named under ``namespace``: a :class:`~policykb.kb.storage.Store`.

    Args:
        client: a Chroma client (``PersistentClient`` or ``HttpClient``), passed in.
        namespace: prefix of every collection name; several knowledge bases can share a server.
    """

    def __init__(self, client: ClientAPI, namespace: str = "policykb") -> None:
        if not COLLECTION_NAME.match(f"{namespace}-g000000-records"):
            raise ValueError(f"知识库名称只能含字母、数字、点、下划线和连字符：{namespace!r}")
        self.client = client
        self.namespace = namespace
        self._meta_collection: Collection | None = None
        self._searched: dict[str, Collection] = {}  # segments searched, by name (a segment is written once)
        self._manifest_held: Manifest | None = None  # the current commit's manifest, parsed once

    # -- manifest -------------------------------------------------------------
    def _meta(self) -> Collection:
        """The collection of the manifest and the lease, created on the first write; found once, then kept."""
        if self._meta_collection is None:
            self._meta_collection = self.client.get_or_create_collection(
                f"{self.namespace}-meta", embedding_function=None
            )
        return self._meta_collection

    def _existing_meta(self) -> Collection | None:
        """The manifest's collection if some ingest created it; a read never creates it."""
        if self._meta_collection is None:
            try:
                self._meta_collection = self.client.get_collection(f"{self.namespace}-meta", embedding_function=None)
            except NotFoundError:
                return None
        return self._meta_collection

    def manifest(self) -> Manifest | None:
        """The current manifest (the highest commit), or ``None`` when nothing has been ingested. A pure
        read: one Chroma call of the commits' numbers; the manifest's text is read and parsed once per
        generation (a commit is written once: its number names it)."""
        meta = self._existing_meta()
        if meta is None:
            return None
        numbers = self._commits(meta, include=["metadatas"])
        held = self._manifest_held
        if numbers and held is not None and held.generation == max(numbers):
            return held
        commits = self._commits(meta, include=["documents", "metadatas"]) if numbers else {}
        if commits:
            self._manifest_held = Manifest.from_json(commits[max(commits)])
            return self._manifest_held
        got = meta.get(ids=[MANIFEST_ID], include=["documents"])
        docs = got.get("documents") or []
        return Manifest.from_json(docs[0]) if docs and docs[0] else None

    @staticmethod
    def _commits(meta: Collection, include: list[Any]) -> dict[int, str]:
        """``number → manifest text`` of the commit records (``""`` when ``include`` leaves the text out)."""
        got = meta.get(where={"kind": COMMIT_KIND}, include=include)
        texts = got.get("documents") or [""] * len(got["ids"])
        numbers = [int(m["number"]) for m in got.get("metadatas") or []] or [number_of(i) for i in got["ids"]]
        return {n: t or "" for n, t in zip(numbers, texts)}

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
            raise _moved(base, current)

    def commit(self, manifest: Manifest, base: int | None = None) -> None:
        """Make ``manifest`` current, in one insert-if-absent: the commit record of its generation.

        The commit succeeds only when no other writer committed that generation, and when it is then the
        highest commit; otherwise nothing of it stays and the index is left as the other writer made it.

        Args:
            base: the generation the ingest started from (``manifest.generation`` must be ``base + 1``).

        Raises:
            IngestConflictError: another ingest committed since ``base``.
        """
        number = manifest.generation
        if base is not None and number != base + 1:
            raise ValueError(f"generation {number} does not follow base {base}")
        meta, text = self._meta(), manifest.to_json()
        meta.add(
            ids=[commit_id(number)],
            documents=[text],
            metadatas=[{"kind": COMMIT_KIND, "number": number}],
            embeddings=[PLACEHOLDER],
        )
        commits = self._commits(meta, include=["documents", "metadatas"])
        if commits.get(number) != text or max(commits) != number:
            if commits.get(number) == text:  # a number pruned long ago, claimed again: not current, take it back
                meta.delete(ids=[commit_id(number)])
            raise _moved(number - 1, max(commits))
        older = [commit_id(n) for n in commits if n < number]
        if older:
            meta.delete(ids=older)  # superseded: readers take the highest, and a stale writer's claim fails

    def claim_segment(self, start: int, owner: str, takeover: bool = False) -> int:
        """A segment number of ``owner``'s own, the first free one from ``start``; its collections are
        then written by this writer only (leftovers of a killed writer at that number are dropped).

        Args:
            takeover: the writer holds an exclusive lock (an embedded store): no other writer can be
                alive, so the number ``start`` is taken whoever claimed it before.
        """
        meta = self._meta()
        for number in range(start, start + MAX_CLAIMS):
            record = {
                "ids": [segment_id(number)],
                "documents": [owner],
                "metadatas": [{"kind": SEGMENT_KIND, "number": number}],
                "embeddings": [PLACEHOLDER],
            }
            (meta.upsert if takeover else meta.add)(**record)
            docs = meta.get(ids=[segment_id(number)], include=["documents"]).get("documents") or []
            if docs and docs[0] == owner:
                self.drop_generation(number)  # a killed writer's leftover, never a live segment
                return number
        raise IngestConflictError(f"无法取得新的索引分段编号。{RERUN}")

    # -- the ingest lease (for a shared server, where a file lock cannot reach) ----
    def latest_lease(self) -> LeaseRecord | None:
        """The lease record with the highest number (a few at most: older ones are pruned)."""
        got = self._meta().get(where={"kind": LEASE_KIND}, include=["documents"])
        leases = [LeaseRecord.from_json(d) for d in got.get("documents") or [] if d]
        return max(leases, key=lambda lease: lease.number, default=None)

    def claim_lease(self, lease: LeaseRecord) -> bool:
        """Insert ``lease`` unless a record of its number exists; whether the record is now ``lease.owner``'s.

        Chroma's ``add`` of an id that exists keeps the first record and ignores the later one without an
        error (chroma-core/chroma#1062; checked on 1.5.9, embedded and ``chroma run``). Of two writers adding
        the same id at once, exactly one add takes effect, so reading the record back tells each writer
        whether it won: an atomic insert-if-absent, with no waiting for the other.
        """
        meta = self._meta()
        meta.add(
            ids=[lease_id(lease.number)],
            documents=[lease.to_json()],
            metadatas=[{"kind": LEASE_KIND, "number": lease.number}],
            embeddings=[PLACEHOLDER],
        )
        got = meta.get(ids=[lease_id(lease.number)], include=["documents"])
        docs = got.get("documents") or []
        return bool(docs and docs[0]) and LeaseRecord.from_json(docs[0]).owner == lease.owner

    def write_lease(self, lease: LeaseRecord) -> None:
        """Overwrite the holder's own record (renewal, release); no other record is ever written."""
        self._meta().upsert(
            ids=[lease_id(lease.number)],
            documents=[lease.to_json()],
            metadatas=[{"kind": LEASE_KIND, "number": lease.number}],
            embeddings=[PLACEHOLDER],
        )

    def prune_leases(self, below: int) -> None:
        """Delete the lease records numbered below ``below``: superseded ones, never the current lease."""
        got = self._meta().get(where={"$and": [{"kind": LEASE_KIND}, {"number": {"$lt": below}}]}, include=[])
        if got["ids"]:
            self._meta().delete(ids=got["ids"])

    # -- segments (named by the generation that wrote them) --------------------
    def chunks_name(self, generation: int) -> str:
        return f"{self.namespace}-g{generation:06d}-chunks"

    def records_name(self, generation: int) -> str:
        return f"{self.namespace}-g{generation:06d}-records"

    def targets_name(self, generation: int) -> str:
        return f"{self.namespace}-g{generation:06d}-targets"

    def tasks_name(self, generation: int) -> str:
        return f"{self.namespace}-g{generation:06d}-tasks"

    def words_name(self, generation: int) -> str:
        return f"{self.namespace}-g{generation:06d}-words"

    def chunks(self, generation: int) -> Collection:
        return self.client.get_collection(self.chunks_name(generation), embedding_function=None)

    def write_segment(self, generation: int, documents: list[DocumentRecord], vectors: dict[str, list[float]]) -> None:
        """Write segment ``generation`` (a number :meth:`claim_segment` gave): the chunks, targets, tasks and words of
        ``documents`` with their vectors (a task without one in ``vectors`` is left out), and their records.
        Readers see it only once a manifest names it."""
        chunks = self.client.create_collection(
            self.chunks_name(generation), embedding_function=None, metadata={"hnsw:space": "cosine"}
        )
        size = ChromaLimits.batch(self.client, ChromaLimits.VECTORS_PER_WRITE)
        for batch in batches([c for d in documents for c in d.chunks], size):
            chunks.add(
                ids=[c.id for c in batch],
                embeddings=[vectors[c.id] for c in batch],
                documents=[c.text for c in batch],
                metadatas=[{"doc": c.doc_id, "section": c.section} for c in batch],
            )
        targets = self.client.create_collection(
            self.targets_name(generation), embedding_function=None, metadata={"hnsw:space": "cosine"}
        )
        for batch in batches([t for d in documents for t in d.targets], size):
            targets.add(
                ids=[t.id for t in batch],
                embeddings=[vectors[t.id] for t in batch],
                documents=[t.search_text for t in batch],
                metadatas=[{"doc": t.doc_id} for t in batch],
            )
        # tasks are never searched in the store, only read back: no cosine space, which would store each vector
        # normalised again (a last bit off what the model gave, and what a question compares with)
        tasks = self.client.create_collection(self.tasks_name(generation), embedding_function=None)
        held = {t.vector_id: t for d in documents for t in d.tasks if t.vector_id in vectors}
        for batch in batches(list(held.values()), size):
            tasks.add(
                ids=[t.vector_id for t in batch],
                embeddings=[vectors[t.vector_id] for t in batch],
                documents=[t.search_text for t in batch],
                metadatas=[{"doc": t.doc_id} for t in batch],
            )
        self._write_words(generation, documents, vectors, size)
        records = self.client.create_collection(self.records_name(generation), embedding_function=None)
        for batch in batches(documents, ChromaLimits.RECORDS_PER_WRITE):
            records.add(
                ids=[d.doc_id for d in batch],
                documents=[json.dumps(d.to_dict(), ensure_ascii=False) for d in batch],
                embeddings=[PLACEHOLDER for _ in batch],
            )

    def _write_words(
        self, generation: int, documents: list[DocumentRecord], vectors: dict[str, list[float]], size: int
    ) -> None:
        """The segment's target words with their query vectors, each word once (read back by id, as tasks are)."""
        words = self.client.create_collection(self.words_name(generation), embedding_function=None)
        held = {word_vector_id(w): w for d in documents for w in d.words if word_vector_id(w) in vectors}
        for batch in batches(list(held.items()), size):
            words.add(
                ids=[i for i, _ in batch], embeddings=[vectors[i] for i, _ in batch], documents=[w for _, w in batch]
            )

    def documents(self, manifest: Manifest) -> list[DocumentRecord]:
        """Every document's records, read from its segment, in manifest order."""
        by_id: dict[str, DocumentRecord] = {}
        for segment in manifest.live_segments:
            collection = self._existing(self.records_name(segment))
            if collection is None:
                continue  # a segment lost (see :meth:`missing_documents`): its documents are not read
            for batch in batches(manifest.in_segment(segment), ChromaLimits.RECORDS_PER_WRITE):
                got = collection.get(ids=batch, include=["documents"])
                by_id.update(
                    (i, DocumentRecord.from_dict(json.loads(d))) for i, d in zip(got["ids"], got["documents"] or [])
                )
        return [by_id[i] for i in manifest.documents if i in by_id]

    def missing_documents(self, manifest: Manifest) -> list[str]:
        """The documents the manifest lists whose records their segment does not hold (an index damaged
        by an earlier version, or a segment deleted by hand): an ingest must read them again."""
        missing: list[str] = []
        for segment in manifest.live_segments:
            listed = manifest.in_segment(segment)
            collection = self._existing(self.records_name(segment))
            found: set[str] = set()
            if collection is not None:
                for batch in batches(listed, ChromaLimits.batch(self.client, ChromaLimits.VECTORS_PER_WRITE)):
                    found.update(collection.get(ids=batch, include=[])["ids"])
            missing += [d for d in listed if d not in found]
        return missing

    def _existing(self, name: str) -> Collection | None:
        try:
            return self.client.get_collection(name, embedding_function=None)
        except NotFoundError:
            return None

    def vectors(self, manifest: Manifest, ids: Iterable[str], kind: str = "") -> dict[str, list[float]]:
        """Stored vectors of the chunks, targets, tasks and words ``ids`` that the manifest's segments already hold;
        the collections of ``kind`` (``targets``, ``tasks``, ``words``) are read first when the ids are all of it."""
        out: dict[str, list[float]] = {}
        ids = list(dict.fromkeys(ids))  # two tasks of one text share a vector id; Chroma refuses a repeated id
        kinds = {"chunks": self.chunks_name, "targets": self.targets_name, "tasks": self.tasks_name}
        kinds["words"] = self.words_name
        named = sorted(kinds, key=lambda k: k != kind)  # the kind asked first; the others in their order
        names = [kinds[k](s) for s in manifest.live_segments for k in named]
        for name in names:
            if len(out) == len(ids):
                break  # every one found: the other collections are not opened
            out.update(self._vectors_of(name, [i for i in ids if i not in out]))
        return out

    def _vectors_of(self, name: str, ids: list[str]) -> dict[str, list[float]]:
        """:meth:`_vectors_in` the segment ``name`` (its handle kept, as a search keeps it); none when it does not
        exist (a generation written before targets, or tasks, had vectors)."""
        for attempt in range(2):
            try:
                collection = self._segment(name)
            except Exception:  # noqa: BLE001 - no such collection
                return {}
            try:
                return self._vectors_in(collection, ids)
            except Exception:
                if attempt or self._searched.pop(name, None) is None:
                    raise  # not a kept handle gone stale (dropped by another process)
        return {}

    def _vectors_in(self, collection: Collection, ids: list[str]) -> dict[str, list[float]]:
        out: dict[str, list[float]] = {}
        for batch in batches(ids, ChromaLimits.batch(self.client, ChromaLimits.VECTORS_PER_WRITE)):
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
        return self._search(manifest, "chunks", [vector], n, doc_ids)[0]

    def target_search(
        self, manifest: Manifest, vector: list[float], n: int, doc_ids: list[str] | None = None
    ) -> list[tuple[str, float]]:
        """``(target id, cosine distance)`` of the ``n`` targets nearest to ``vector``."""
        return self._search(manifest, "targets", [vector], n, doc_ids)[0]

    def target_searches(
        self, manifest: Manifest, vectors: list[list[float]], n: int, doc_ids: list[str] | None = None
    ) -> list[list[tuple[str, float]]]:
        """:meth:`target_search` of each vector, in one query of each segment."""
        return self._search(manifest, "targets", vectors, n, doc_ids)

    def _search(
        self, manifest: Manifest, what: str, vectors: list[list[float]], n: int, doc_ids: list[str] | None
    ) -> list[list[tuple[str, float]]]:
        """The ``n`` nearest of every segment, merged: the ``n`` nearest of the whole index, for each vector."""
        hits: list[list[tuple[str, float]]] = [[] for _ in vectors]
        for segment in manifest.live_segments:
            docs = None
            if doc_ids is not None:
                docs = [d for d in doc_ids if d in manifest.documents and manifest.segment_of(d) == segment]
                if not docs:
                    continue
                if len(docs) == len(manifest.in_segment(segment)):
                    docs = None  # the whole segment: no filter to apply
            name = self.chunks_name(segment) if what == "chunks" else self.targets_name(segment)
            for found, more in zip(hits, self._query(name, vectors, min(n, manifest.count(what, segment)), docs)):
                found += more
        return [sorted(found, key=lambda hit: hit[1])[:n] for found in hits]

    def _query(
        self, name: str, vectors: list[list[float]], n: int, doc_ids: list[str] | None
    ) -> list[list[tuple[str, float]]]:
        if n <= 0 or not vectors:  # (a count() here would cost more than the query on a large collection)
            return [[] for _ in vectors]
        where = ChromaLimits.where_documents(doc_ids) if doc_ids else None

        def search(collection: Collection) -> list[list[tuple[str, float]]]:
            got = collection.query(query_embeddings=vectors, n_results=n, where=where, include=["distances"])
            return [list(zip(i, d)) for i, d in zip(got["ids"], got["distances"])]  # type: ignore[arg-type]

        try:
            return search(self._segment(name))
        except Exception:
            if self._searched.pop(name, None) is None:
                raise
            return search(self._segment(name))  # the kept handle went stale (dropped by another process): again

    def _segment(self, name: str) -> Collection:
        """A segment's collection, looked up once (a lookup costs as much as a small search)."""
        if name not in self._searched:
            self._searched[name] = self.client.get_collection(name, embedding_function=None)
        return self._searched[name]

    def generations(self) -> list[int]:
        """Every generation that has collections, current or not."""
        found = set()
        pattern = re.compile(rf"^{re.escape(self.namespace)}-g(\d{{6}})-(chunks|targets|tasks|words|records)$")
        for collection in self.client.list_collections():
            name = collection if isinstance(collection, str) else collection.name
            match = pattern.match(name)
            if match:
                found.add(int(match.group(1)))
        return sorted(found)

    def drop_generation(self, generation: int) -> None:
        kinds = (self.chunks_name, self.targets_name, self.tasks_name, self.words_name, self.records_name)
        for name in (kind(generation) for kind in kinds):
            self._searched.pop(name, None)
            try:
                self.client.delete_collection(name)
            except Exception:  # noqa: BLE001 - absent collection: nothing to drop
                pass

    def collect_garbage(self, keep: set[int]) -> list[int]:
        """Drop every segment not in ``keep`` nor read by the current manifest, up to the current one's highest.

        A segment numbered above every segment the current manifest reads is left alone: it may be the next
        writer's, being written (its number was claimed after all of these). Below, a segment no manifest
        reads is a leftover: of a killed writer, or of a stalled one, whose commit can no longer succeed.
        """
        current = self.manifest()
        live = set(current.live_segments if current else [])
        ceiling = max([current.generation if current else 0, *live])
        kept = keep | live
        dropped = [g for g in self.generations() if g <= ceiling and g not in kept]
        for generation in dropped:
            self.drop_generation(generation)
        return dropped


def _moved(base: int, current: int) -> IngestConflictError:
    return IngestConflictError(
        f"导入期间索引已被另一个导入任务更新（索引版本 {base} → {current}），为免覆盖其结果，{RERUN}"
    )
