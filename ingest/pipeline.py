"""Ingest: files → records → a new generation in the store, switched to atomically."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tqdm import tqdm

from policykb.ingest.errors import DocumentError
from policykb.ingest.parser import content_sha256, document_id, parse_text
from policykb.ingest.reader import SUPPORTED, ReadLimits, read_file
from policykb.kb.embedding import EmbeddingModel
from policykb.kb.records import Chunk, DocumentRecord
from policykb.kb.segmenter import Segmenter
from policykb.kb.store import FORMAT, KnowledgeStore, Manifest

log = logging.getLogger(__name__)
Progress = Callable[[float, str], None]
MAX_SEGMENTS = 8  # more, and every dense query would visit too many collections


@dataclass
class IngestReport:
    """What an ingest did: documents added, replaced, unchanged, failed; chunks embedded."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    embedded: int = 0
    reused: int = 0
    chunks: int = 0
    generation: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced or self.removed)


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files of ``paths``, directories expanded to their supported files (sorted)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED))
        else:
            out.append(path)
    return out


def embedding_text(chunk: Chunk, title: str) -> str:
    """What the dense model sees: document title, heading path, then the chunk."""
    return f"{title}｜{chunk.section}｜{chunk.text}" if chunk.path else f"{title}｜{chunk.text}"


class Ingestor:
    """Turns files into a new generation of the store.

    Args:
        store: where the generations live.
        embeddings: the model whose vectors the index holds.
        chunk_size: characters per chunk (whole sentences, never across sections).
        cache_dir: where jieba keeps its dictionary cache.
        show_progress: draw tqdm progress bars on stderr.
        progress: an optional callback ``(fraction, message)``, e.g. for a web page.
        max_segments: segments the index may keep before an ingest folds them together.
        limits: how large a file may be (megabytes, pages).
    """

    def __init__(
        self,
        store: KnowledgeStore,
        embeddings: EmbeddingModel,
        chunk_size: int,
        cache_dir: Path | None = None,
        show_progress: bool = True,
        progress: Progress | None = None,
        max_segments: int = MAX_SEGMENTS,
        limits: ReadLimits | None = None,
    ) -> None:
        self.limits = limits
        self.max_segments = max_segments
        self.store = store
        self.embeddings = embeddings
        self.chunk_size = chunk_size
        self.cache_dir = cache_dir
        self.show_progress = show_progress
        self.progress = progress or (lambda fraction, message: None)

    def ingest(self, paths: Iterable[Path], rebuild: bool = False) -> IngestReport:
        """Add or replace the documents at ``paths`` (files or directories)."""
        report = IngestReport()
        parsed: list[DocumentRecord] = []
        known = self._fingerprints(rebuild)
        files = expand_paths(paths)
        for path in tqdm(files, desc="解析文件", unit="个", disable=not self.show_progress or len(files) < 2):
            try:
                read, doc_id = read_file(path, self.limits), document_id(path)
                raw = read.text
                if known.get(doc_id) == content_sha256(raw):
                    report.unchanged.append(doc_id)  # same text as indexed: not parsed again
                    continue
                parsed.append(parse_text(raw, doc_id, path.name, self.chunk_size))
                parsed[-1].notes.extend(read.notes)
            except DocumentError as exc:
                report.failed[str(path)] = str(exc)
                log.warning("skipped %s: %s", path, exc)
        self.progress(0.1, f"已解析 {len(parsed)} 个文件，{len(report.unchanged)} 个未变化")
        return self._apply(report, parsed, remove=[], rebuild=rebuild)

    def _fingerprints(self, rebuild: bool) -> dict[str, str]:
        """``doc id → sha256`` of the indexed documents whose text need not be parsed again."""
        manifest = self.store.manifest()
        if rebuild or manifest is None or manifest.chunk_size != self.chunk_size:
            return {}
        return {doc_id: str(summary.get("sha256", "")) for doc_id, summary in manifest.documents.items()}

    def remove(self, doc_ids: list[str]) -> IngestReport:
        """Purge documents from the vectors and the records."""
        return self._apply(IngestReport(), [], remove=doc_ids, rebuild=False)

    def _apply(
        self, report: IngestReport, parsed: list[DocumentRecord], remove: list[str], rebuild: bool
    ) -> IngestReport:
        manifest = self.store.manifest()
        if manifest is not None and not rebuild:
            manifest.check_model(self.embeddings.identity)
        rebuilt = rebuild or (manifest is not None and manifest.chunk_size != self.chunk_size)
        if manifest is not None and not parsed and not set(remove) & set(manifest.documents) and not rebuilt:
            return self._unchanged(report, manifest)  # known before any record is read
        current = {d.doc_id: d for d in self.store.documents(manifest)} if manifest else {}
        if rebuilt:
            current = {i: parse_text(d.text, i, d.source, self.chunk_size) for i, d in current.items()}
        documents = dict(current)
        for doc in parsed:
            old = current.get(doc.doc_id)
            if old is not None and old.sha256 == doc.sha256 and not rebuild:
                report.unchanged.append(doc.doc_id)
                continue
            (report.replaced if old is not None else report.added).append(doc.doc_id)
            documents[doc.doc_id] = doc
        for doc_id in remove:
            if documents.pop(doc_id, None) is not None:
                report.removed.append(doc_id)
        if manifest is not None and not report.changed and not rebuilt:
            return self._unchanged(report, manifest)
        terms_before = {t for d in current.values() for t in d.terms}
        fresh = self._fresh(report, None if rebuilt else manifest, list(documents.values()), terms_before)
        return self._write(report, manifest, list(documents.values()), fresh, reuse=not rebuild)

    def _unchanged(self, report: IngestReport, manifest: Manifest) -> IngestReport:
        report.generation, report.chunks = manifest.generation, manifest.count("chunks")
        self.progress(1.0, "内容未变化，无需更新索引")
        return report

    def _fresh(
        self, report: IngestReport, manifest: Manifest | None, documents: list[DocumentRecord], terms_before: set[str]
    ) -> list[DocumentRecord]:
        """The documents the new segment holds: the added and replaced ones, those whose tokens a new
        dictionary term changes, and every other document of a segment that would otherwise keep a stale
        one; or all of them when there is no index to build on (``manifest`` is ``None``)."""
        if manifest is None:
            return documents
        shifted = terms_before ^ {t for d in documents for t in d.terms}
        moved = set(report.added) | set(report.replaced)
        moved |= {d.doc_id for d in documents if d.doc_id not in moved and any(t in d.text for t in shifted)}
        live = {d.doc_id for d in documents}
        touched = {manifest.segment_of(i) for i in manifest.documents if i not in live or i in moved}
        kept = [s for s in manifest.live_segments if s not in touched and manifest.in_segment(s)]
        if len(kept) >= self.max_segments:  # fold all but the largest segment into the new one
            kept = [max(kept, key=lambda s: manifest.count("chunks", s))]
        return [d for d in documents if d.doc_id in moved or manifest.segment_of(d.doc_id) not in kept]

    def _write(
        self,
        report: IngestReport,
        manifest: Manifest | None,
        documents: list[DocumentRecord],
        fresh: list[DocumentRecord],
        reuse: bool,
    ) -> IngestReport:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        segmenter = Segmenter([t for d in documents for t in d.terms], self.cache_dir) if fresh else None
        for doc in fresh:
            doc.ingested_at = doc.ingested_at or now
            for chunk in doc.chunks:
                chunk.tokens = segmenter.tokens(f"{chunk.section} {chunk.text}")  # type: ignore[union-attr]
        vectors = self._vectors(report, manifest, fresh, reuse)
        generation = (manifest.generation if manifest else 0) + 1
        self.progress(0.9, "写入索引")
        if fresh:
            self.store.write_segment(generation, fresh, vectors)
        written = {d.doc_id for d in fresh}
        summaries = {
            d.doc_id: {**_summary(d), "segment": generation}
            if d.doc_id in written
            else {**manifest.documents[d.doc_id], "segment": manifest.segment_of(d.doc_id)}  # type: ignore[union-attr]
            for d in documents
        }
        live = sorted({int(s["segment"]) for s in summaries.values()})
        identity = self.embeddings.identity
        self.store.commit(
            Manifest(
                generation=generation,
                backend=str(identity["backend"]),
                model=str(identity["model"]),
                dim=int(identity["dim"]),  # type: ignore[call-overload]
                chunk_size=self.chunk_size,
                documents=summaries,
                updated_at=now,
                format=FORMAT,
                segments=live,
            )
        )
        self.store.collect_garbage({*(manifest.live_segments if manifest else []), *live})  # readers of either
        report.generation, report.chunks = generation, sum(len(d.chunks) for d in documents)
        log.info(
            "generation %d: %d documents, %d chunks; %d documents written anew",
            generation,
            len(documents),
            report.chunks,
            len(fresh),
        )
        self.progress(1.0, f"索引已更新：{len(documents)} 个文件，{report.chunks} 个片段")
        return report

    def _vectors(
        self, report: IngestReport, manifest: Manifest | None, documents: list[DocumentRecord], reuse: bool
    ) -> dict[str, list[float]]:
        titles = {d.doc_id: d.title for d in documents}
        texts = {c.id: embedding_text(c, titles[c.doc_id]) for d in documents for c in d.chunks}
        texts.update({t.id: t.search_text for d in documents for t in d.targets})
        vectors = self.store.vectors(manifest, list(texts)) if manifest and reuse else {}
        missing = [i for i in texts if i not in vectors]
        report.reused, report.embedded = len(texts) - len(missing), len(missing)
        bar = tqdm(total=len(missing), desc="向量化", unit="段", disable=not self.show_progress or not missing)
        for i in range(0, len(missing), 64):
            batch = missing[i : i + 64]
            embedded = self.embeddings.embed_documents([texts[key] for key in batch])
            vectors.update(dict(zip(batch, embedded)))
            bar.update(len(batch))
            self.progress(
                0.1 + 0.8 * (i + len(batch)) / max(len(missing), 1), f"向量化 {i + len(batch)}/{len(missing)}"
            )
        bar.close()
        return vectors


def _summary(doc: DocumentRecord) -> dict[str, object]:
    return {
        "title": doc.title,
        "source": doc.source,
        "sha256": doc.sha256,
        "chunks": len(doc.chunks),
        "tasks": len(doc.tasks),
        "targets": len(doc.targets),
        "ingested_at": doc.ingested_at,
    }
