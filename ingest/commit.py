"""Embedding and commit: the planned generation's fresh documents tokenised, embedded (reusing the vectors
the index already holds) and written to a segment of this writer's own, then the manifest committed."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tqdm import tqdm

from policykb.ingest.generation import summaries
from policykb.kb.embedding import EmbeddingModel
from policykb.kb.lock import IngestConflictError
from policykb.kb.manifest import FORMAT, Manifest
from policykb.kb.records import Chunk, DocumentRecord
from policykb.kb.segmenter import Segmenter
from policykb.kb.storage import Store
from policykb.kb.word_vectors import target_words, word_vector_id

__all__ = ["Committed", "Committer", "embedding_text"]

log = logging.getLogger(__name__)
Progress = Callable[[float, str], None]
Guard = Callable[[], None]
BATCH = 64  # texts embedded at once, between two checks of the guard
LONG_EMBED = 2 * BATCH  # passages from which the time an embedding will take is estimated and said


def embedding_text(chunk: Chunk, title: str) -> str:
    """What the dense model sees: document title, heading path, then the chunk."""
    return f"{title}｜{chunk.section}｜{chunk.text}" if chunk.path else f"{title}｜{chunk.text}"


@dataclass(frozen=True)
class Committed:
    """What a commit wrote: its generation, the chunks it holds, vectors embedded anew and reused."""

    generation: int
    chunks: int
    embedded: int
    reused: int


class Committer:
    """Writes a planned generation to ``store`` as the writer ``writer``.

    ``guard`` is called before each batch of vectors and each write, and raises to stop (a lost lease);
    ``exclusive``: the caller holds a lock no other writer can hold at once, so a segment number claimed
    by a killed writer may be taken over. A committer keeps every vector it embedded (by the text embedded),
    so that a commit refused because another writer committed first can be planned again on the new index
    and committed without embedding anything twice.
    """

    def __init__(
        self,
        store: Store,
        embeddings: EmbeddingModel,
        chunk_size: int,
        writer: str,
        cache_dir: Path | None = None,
        show_progress: bool = True,
        progress: Progress | None = None,
        guard: Guard | None = None,
        exclusive: bool = False,
    ) -> None:
        self.store = store
        self.embeddings = embeddings
        self.chunk_size = chunk_size
        self.writer = writer
        self.cache_dir = cache_dir
        self.show_progress = show_progress
        self.progress = progress or (lambda fraction, message: None)
        self.guard = guard or (lambda: None)
        self.exclusive = exclusive
        self.embedded: dict[str, list[float]] = {}  # text embedded → its vector, kept for a re-plan
        self.embedded_words: dict[str, list[float]] = {}  # target word embedded as a query → its vector, the same

    def commit(
        self,
        manifest: Manifest | None,
        documents: list[DocumentRecord],
        fresh: list[DocumentRecord],
        reuse: bool,
        paths: dict[str, str],
    ) -> Committed:
        """Commit the generation after ``manifest`` holding ``documents``, ``fresh`` written to a new segment
        (their vectors reused from the index where ``reuse``); refused if another writer committed meanwhile."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        segmenter = Segmenter([t for d in documents for t in d.terms], self.cache_dir) if fresh else None
        for doc in fresh:
            doc.ingested_at = doc.ingested_at or now
            for chunk in doc.chunks:
                chunk.tokens = segmenter.tokens(f"{chunk.section} {chunk.text}")  # type: ignore[union-attr]
            doc.words = target_words(doc, segmenter)  # type: ignore[arg-type]
        vectors, reused, embedded = self._vectors(manifest, fresh, reuse)
        vectors.update(self._word_vectors(manifest, fresh, reuse))
        base = manifest.generation if manifest else 0
        generation = base + 1
        self.progress(0.9, "写入索引")
        self._check(base)
        segment = self._write_segment(base, manifest, fresh, vectors)
        entries = summaries(documents, {d.doc_id for d in fresh}, manifest, paths, segment)
        live = sorted({int(s["segment"]) for s in entries.values()})  # type: ignore[call-overload]
        identity = self.embeddings.identity
        self.guard()
        self.store.commit(  # refused if another writer committed on ``base`` meanwhile
            Manifest(
                generation=generation,
                backend=str(identity["backend"]),
                model=str(identity["model"]),
                dim=int(identity["dim"]),  # type: ignore[call-overload]
                chunk_size=self.chunk_size,
                documents=entries,
                updated_at=now,
                format=FORMAT,
                segments=live,
                writer=self.writer,
            ),
            base=base,
        )
        self.store.collect_garbage({*(manifest.live_segments if manifest else []), *live})  # readers of either
        chunks = sum(len(d.chunks) for d in documents)
        log.info(
            "generation %d: %d documents, %d chunks; %d documents written anew",
            generation,
            len(documents),
            chunks,
            len(fresh),
        )
        self.progress(1.0, f"索引已更新：{len(documents)} 个文件，{chunks} 个片段")
        return Committed(generation, chunks, embedded, reused)

    def _check(self, base: int) -> None:
        """Stop before writing when this ingest lost its lease or another ingest committed meanwhile."""
        self.guard()
        self.store.check_base(base)

    def _write_segment(
        self, base: int, manifest: Manifest | None, fresh: list[DocumentRecord], vectors: dict[str, list[float]]
    ) -> int:
        """Write ``fresh`` to a segment number of this writer's own (above every number in use); its number.

        A write that fails because this writer was overtaken (its lease lost, the index moved on and its
        segment dropped as a leftover) is the conflict it is, not a crash.
        """
        start = max([base, *(manifest.live_segments if manifest else [])]) + 1
        if not fresh:
            return start
        try:
            segment = self.store.claim_segment(start, self.writer, takeover=self.exclusive)
            self.store.write_segment(segment, fresh, vectors)
        except IngestConflictError:
            raise
        except Exception:
            self._check(base)  # overtaken: raises the conflict; else the error is a real one
            raise
        return segment

    def _estimate(self, total: int, done: int, seconds: float) -> str:
        """The time ``total`` passages will take at the rate of the first ``done`` (``seconds``), logged and said."""
        rate = done / max(seconds, 1e-6)
        minutes = total / rate / 60
        log.info("embedding %d passages at %.1f a second: about %.1f minutes", total, rate, minutes)
        said = f"约 {minutes:.0f} 分钟" if minutes >= 1 else f"约 {total / rate:.0f} 秒"
        return f"（共需{said}，每秒 {rate:.1f} 段）"

    def _vectors(
        self, manifest: Manifest | None, documents: list[DocumentRecord], reuse: bool
    ) -> tuple[dict[str, list[float]], int, int]:
        """The vector of every chunk, target and task of ``documents``; how many were reused from the index, how many
        this committer embedded (now, or before a re-plan: each text once)."""
        titles = {d.doc_id: d.title for d in documents}
        texts = {c.id: embedding_text(c, titles[c.doc_id]) for d in documents for c in d.chunks}
        texts.update({t.id: t.search_text for d in documents for t in d.targets})
        texts.update({t.vector_id: t.search_text for d in documents for t in d.tasks})
        vectors, indexed, missing = self._at_hand(manifest, texts, reuse, self.embedded)
        log.info(
            "vectors: %d reused from the index, %d embedded before a re-plan, %d to embed now",
            indexed,
            len(vectors) - indexed,
            len(missing),
        )
        bar = tqdm(total=len(missing), desc="向量化", unit="段", disable=not self.show_progress or not missing)
        started, estimate = time.monotonic(), ""
        for i in range(0, len(missing), BATCH):
            self.guard()  # a writer that has lost its lease stops at once, not after embedding everything
            batch = missing[i : i + BATCH]
            embedded = self.embeddings.embed_documents([texts[key] for key in batch])
            vectors.update(dict(zip(batch, embedded)))
            self.embedded.update((texts[key], vector) for key, vector in zip(batch, embedded))
            bar.update(len(batch))
            if i == 0 and len(missing) >= LONG_EMBED:
                estimate = self._estimate(len(missing), len(batch), time.monotonic() - started)
            self.progress(
                0.1 + 0.8 * (i + len(batch)) / max(len(missing), 1),
                f"向量化 {i + len(batch)}/{len(missing)}{estimate}",
            )
        bar.close()
        log.info("embedded %d passages anew", len(missing))
        return vectors, indexed, len(texts) - indexed

    def _at_hand(
        self, manifest: Manifest | None, texts: dict[str, str], reuse: bool, embedded: dict[str, list[float]]
    ) -> tuple[dict[str, list[float]], int, list[str]]:
        """The vectors of ``texts`` (id → text) already at hand: those the index holds (when ``reuse``), then those
        ``embedded`` by this committer before a re-plan; how many the index held; the ids still to embed."""
        vectors = self.store.vectors(manifest, list(texts)) if manifest and reuse else {}
        indexed = len(vectors)
        vectors.update({i: embedded[t] for i, t in texts.items() if i not in vectors and t in embedded})
        return vectors, indexed, [i for i in texts if i not in vectors]

    def _word_vectors(
        self, manifest: Manifest | None, documents: list[DocumentRecord], reuse: bool
    ) -> dict[str, list[float]]:
        """The query vector of every target word of ``documents`` (see :mod:`policykb.kb.word_vectors`), by its
        id: those the index holds reused, the rest embedded as queries, each word once."""
        words = {word_vector_id(w): w for d in documents for w in d.words}
        vectors, _, missing = self._at_hand(manifest, words, reuse, self.embedded_words)
        for i in range(0, len(missing), BATCH):
            self.guard()
            batch = missing[i : i + BATCH]
            embedded = self.embeddings.embed_queries_uncached([words[key] for key in batch])
            vectors.update(zip(batch, embedded))
            self.embedded_words.update((words[key], vector) for key, vector in zip(batch, embedded))
        log.info("target words: %d, %d embedded as queries anew", len(words), len(missing))
        return vectors
