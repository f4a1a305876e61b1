"""Ingest: files → records → a new generation in the store, switched to atomically."""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tqdm import tqdm

from policykb.ingest.copies import Candidate, find_copy
from policykb.ingest.errors import DocumentError
from policykb.ingest.parser import (
    EXTRACTOR_VERSION,
    PARSE_STEP,
    content_sha256,
    document_ids,
    parse_text,
    path_key,
    upload_key,
)
from policykb.ingest.reader import SUPPORTED, UNREAD_MARK, ReadLimits, read_file
from policykb.ingest.report import (
    FileReport,
    Parsed,
    copy_report,
    document_report,
    failed_report,
    unchanged_report,
)
from policykb.kb.embedding import EmbeddingModel
from policykb.kb.lock import IngestConflictError
from policykb.kb.records import Chunk, DocumentRecord
from policykb.kb.segmenter import Segmenter
from policykb.kb.store import FORMAT, KnowledgeStore, Manifest

log = logging.getLogger(__name__)
Progress = Callable[[float, str], None]
Guard = Callable[[], None]
MAX_SEGMENTS = 8  # more, and every dense query would visit too many collections
LOST = "索引中缺少该文件的内容（索引曾损坏），原文件也找不到，已从文件列表中移除；请重新导入该文件。"


@dataclass
class IngestReport:
    """What an ingest did: documents added, replaced, unchanged, failed; copies not added; chunks embedded;
    and, per file, what was read from it (``files``, in the order given)."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    copies: dict[str, str] = field(default_factory=dict)  # path → id of the indexed plan it copies
    files: list[FileReport] = field(default_factory=list)
    embedded: int = 0
    reused: int = 0
    chunks: int = 0
    generation: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced or self.removed)


@dataclass(frozen=True)
class Fingerprint:
    """How an indexed document is recognised on the next ingest: by the bytes of its file, or else by its text."""

    text: str  # sha256 of its normalised text
    file: str  # sha256 of the file's bytes; "" when not known
    partly_unread: bool  # the reader left pages unread (no OCR then): reading the same file again may get more

    @classmethod
    def of(cls, summary: dict[str, object]) -> Fingerprint:
        notes = summary.get("notes") or []
        unread = any(UNREAD_MARK in str(note) for note in notes)  # type: ignore[union-attr]
        return cls(str(summary.get("sha256", "")), str(summary.get("file_sha256", "")), unread)

    def same_file(self, digest: str) -> bool:
        """Whether the file now at the path is byte for byte the one indexed, and nothing of it was left unread."""
        return bool(self.file) and self.file == digest and not self.partly_unread


def path_outcome(report: IngestReport, doc_id: str) -> str:
    """How the commit treated a parsed document: ``added``, ``replaced`` or ``unchanged``."""
    if doc_id in report.replaced:
        return "replaced"
    return "unchanged" if doc_id in report.unchanged else "added"


def file_sha256(path: Path) -> str:
    """sha256 of a file's bytes ("" when it cannot be read: the reader then says why)."""
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return ""


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files of ``paths``, directories expanded to their supported files (sorted), each file once."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED))
        else:
            out.append(path)
    return list({path_key(p): p for p in reversed(out)}.values())[::-1]


def indexed_sources(manifest: Manifest | None) -> dict[str, str | None]:
    """``doc id → the absolute path it was read from`` (``None`` where the manifest does not say)."""
    if manifest is None:
        return {}
    return {doc_id: summary.get("path") or None for doc_id, summary in manifest.documents.items()}


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
        limits: how large a file may be (megabytes, pages); larger ones are skipped with a message.
        guard: called before each batch of vectors and each write; raises to stop the ingest
            (e.g. :meth:`policykb.kb.lock.Lease.check` when another writer has taken over).
        exclusive: the caller holds a lock no other writer can hold at once (the file lock of an
            embedded store), so a segment number claimed by a killed writer may be taken over.
        max_passages: passages (chunks and targets) one file may bring (0: no limit); a file with more
            is skipped with a message before anything of it is embedded.
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
        guard: Guard | None = None,
        exclusive: bool = False,
        max_passages: int = 0,
    ) -> None:
        self.exclusive = exclusive
        self.max_passages = max_passages
        self.writer = uuid.uuid4().hex  # this writer's mark on the segment it claims and the commit it makes
        self.max_segments = max_segments
        self.limits = limits
        self.guard = guard or (lambda: None)
        self.store = store
        self.embeddings = embeddings
        self.chunk_size = chunk_size
        self.cache_dir = cache_dir
        self.show_progress = show_progress
        self.progress = progress or (lambda fraction, message: None)

    def ingest(
        self, paths: Iterable[Path], rebuild: bool = False, uploaded: bool = False, replace: bool = False
    ) -> IngestReport:
        """Add or replace the documents at ``paths`` (files or directories).

        A file is known by its absolute path, or by its name alone when ``uploaded`` (through
        the page, whose copies of uploads land in fresh folders), so that ingesting it again
        replaces its document. A file that cannot be read or parsed becomes an entry of
        ``report.failed`` with a message; the other files go in. A file that copies a plan already
        indexed, or an earlier file of the batch (:mod:`policykb.ingest.copies`), is not added beside it
        (``report.copies``), unless ``replace``: it then takes the indexed plan's place. ``report.files``
        tells, per file, what was read and what to check. The index the ingest starts from is read once:
        the commit is refused if another ingest has committed since.
        """
        report = IngestReport()
        manifest = self.store.manifest()
        lost = set(self.store.missing_documents(manifest)) if manifest else set()
        known = {i: f for i, f in self._fingerprints(manifest, rebuild).items() if i not in lost}
        files = expand_paths([*paths, *_sources_of(manifest, lost)])
        keys = {p: upload_key(p) if uploaded else path_key(p) for p in files}
        ids = document_ids(files, indexed_sources(manifest), keys)
        read: dict[Path, Parsed] = {}
        for n, path in enumerate(
            tqdm(files, desc="解析文件", unit="个", disable=not self.show_progress or len(files) < 2)
        ):
            parsed = self._parse_file(report, path, ids[path], known, (n, len(files)))
            if parsed is not None:
                read[path] = parsed
            self.progress(0.1 * (n + 1) / len(files), f"已解析 {n + 1}/{len(files)} 个文件")
        log.info("parsed %d files (%d unchanged, %d failed)", len(read), len(report.unchanged), len(report.failed))
        self.progress(0.1, f"已解析 {len(read)} 个文件，{len(report.unchanged)} 个未变化")
        replaced = self._recognise(report, manifest, read, replace)
        paths = {ids[p]: keys[p] for p in files}
        kept = [parsed.doc for path, parsed in read.items() if str(path) not in report.copies]
        self._apply(report, manifest, kept, remove=replaced, rebuild=rebuild, paths=paths)
        report.files = self._file_reports(report, manifest, files, ids, read)
        return report

    def _recognise(
        self, report: IngestReport, manifest: Manifest | None, read: dict[Path, Parsed], replace: bool
    ) -> list[str]:
        """Find the files that copy an indexed plan or an earlier file of the batch; note them in
        ``report.copies`` (left out), or with ``replace`` return the indexed plans they replace."""
        candidates = self._indexed_candidates(manifest)
        replaced: list[str] = []
        for path, parsed in read.items():
            doc = parsed.doc
            parsed.match = find_copy(doc.doc_id, doc.title, doc.number, doc.text, candidates)
            match = parsed.match
            indexed = match is not None and manifest is not None and match.doc_id in manifest.documents
            if match is not None and match.certain and not (replace and indexed):
                report.copies[str(path)] = match.doc_id
                continue
            if match is not None and match.certain:
                replaced.append(match.doc_id)
            candidates.append(Candidate(doc.doc_id, doc.title, doc.number, lambda d=doc: d.text))
        return replaced

    def _indexed_candidates(self, manifest: Manifest | None) -> list[Candidate]:
        """The indexed plans a new file may copy; their texts are read from the store only when a title matches."""
        if manifest is None:
            return []
        texts: dict[str, str] = {}

        def text_of(doc_id: str) -> str:
            if not texts:
                texts.update((d.doc_id, d.text) for d in self.store.documents(manifest))
            return texts.get(doc_id, "")

        return [
            Candidate(i, str(s.get("title", "")), str(s.get("number", "")), lambda i=i: text_of(i))
            for i, s in manifest.documents.items()
        ]

    def _file_reports(
        self,
        report: IngestReport,
        manifest: Manifest | None,
        files: list[Path],
        ids: dict[Path, str],
        read: dict[Path, Parsed],
    ) -> list[FileReport]:
        """What each file of the batch came to, in the order given."""
        reports = []
        summaries = manifest.documents if manifest else {}
        for path in files:
            parsed = read.get(path)
            if str(path) in report.failed:
                reports.append(failed_report(path.name, report.failed[str(path)]))
            elif parsed is None:
                reports.append(unchanged_report(path.name, ids[path], summaries.get(ids[path], {})))
            elif str(path) in report.copies:
                reports.append(copy_report(path.name, parsed, "copy"))
            elif parsed.match is not None:
                outcome = "replaced" if parsed.match.certain else path_outcome(report, parsed.doc.doc_id)
                reports.append(copy_report(path.name, parsed, outcome))
            else:
                outcome = path_outcome(report, parsed.doc.doc_id)
                reports.append(document_report(path.name, parsed.doc, outcome, parsed.pages))
        return reports

    def _parse_file(
        self, report: IngestReport, path: Path, doc_id: str, known: dict[str, Fingerprint], place: tuple[int, int]
    ) -> Parsed | None:
        """The record of the file at ``path``, the ``place[0]``-th of ``place[1]`` files; ``None`` when
        it is unchanged or fails (noted in ``report``)."""
        try:
            indexed = known.get(doc_id)
            digest = file_sha256(path)
            if indexed is not None and indexed.same_file(digest):
                report.unchanged.append(doc_id)  # the very file indexed: not read (nor OCR'd) again
                return None
            read = read_file(path, self.limits)
            if indexed is not None and indexed.text == content_sha256(read.text):
                report.unchanged.append(doc_id)  # same text as indexed: not parsed again
                return None
            progress = self._parse_progress(path, read.text, place)
            doc = parse_text(read.text, doc_id, path.name, self.chunk_size, progress)
            doc.notes.extend(read.notes)  # e.g. 文字由OCR识别
            doc.file_sha256 = digest
            return Parsed(doc, read.pages)
        except DocumentError as exc:
            report.failed[str(path)] = str(exc)
            log.warning("skipped %s: %s", path, exc)
        except Exception as exc:  # noqa: BLE001 - one bad file never sinks the batch
            report.failed[str(path)] = f"无法解析该文件（{type(exc).__name__}），已跳过：{path.name}"
            log.exception("could not parse %s", path)
        return None

    def _parse_progress(self, path: Path, raw: str, place: tuple[int, int]) -> Callable[[float], None] | None:
        """A progress report for parsing one long file (a bar, a log line, the callback); ``None`` for short ones."""
        if len(raw) < 2 * PARSE_STEP:
            return None
        bar = tqdm(total=100, desc=f"解析 {path.name}", unit="%", disable=not self.show_progress)

        def report(fraction: float) -> None:
            bar.update(round(fraction * 100) - bar.n)
            if fraction >= 1.0:
                bar.close()
            log.info("parsing %s: %.0f%%", path.name, fraction * 100)
            self.progress(0.1 * (place[0] + fraction) / place[1], f"解析 {path.name}：{fraction:.0%}")

        return report

    def _fingerprints(self, manifest: Manifest | None, rebuild: bool) -> dict[str, Fingerprint]:
        """``doc id → fingerprint`` of the indexed documents that need not be read or parsed again."""
        if rebuild or manifest is None or manifest.chunk_size != self.chunk_size:
            return {}
        return {
            doc_id: Fingerprint.of(summary)
            for doc_id, summary in manifest.documents.items()
            if summary.get("extractor") == EXTRACTOR_VERSION  # read by an older extractor: parse again
        }

    def remove(self, doc_ids: list[str]) -> IngestReport:
        """Purge documents from the vectors and the records."""
        return self._apply(IngestReport(), self.store.manifest(), [], remove=doc_ids, rebuild=False)

    def _apply(
        self,
        report: IngestReport,
        manifest: Manifest | None,
        parsed: list[DocumentRecord],
        remove: list[str],
        rebuild: bool,
        paths: dict[str, str] | None = None,
    ) -> IngestReport:
        """Build and commit the next generation on ``manifest``, the index as the ingest found it."""
        if manifest is not None and not rebuild:
            manifest.check_model(self.embeddings.identity)
        rebuilt = rebuild or (manifest is not None and manifest.chunk_size != self.chunk_size)
        listed = set(manifest.documents) if manifest else set()
        untouched = not parsed and not set(remove) & listed and not rebuilt
        if manifest is not None and untouched and not self.store.missing_documents(manifest):
            return self._unchanged(report, manifest)  # known before any record is read
        current = {d.doc_id: d for d in self.store.documents(manifest)} if manifest else {}
        if rebuilt:
            current = {i: _reparsed(d, self.chunk_size) for i, d in current.items()}
        documents = dict(current)
        for doc in self._within_ceiling(report, parsed, paths or {}):
            old = current.get(doc.doc_id)
            if old is not None and old.sha256 == doc.sha256 and old.extractor == doc.extractor and not rebuild:
                report.unchanged.append(doc.doc_id)
                continue
            (report.replaced if old is not None else report.added).append(doc.doc_id)
            documents[doc.doc_id] = doc
        for doc_id in remove:
            if documents.pop(doc_id, None) is not None:
                report.removed.append(doc_id)
        for doc_id in sorted(listed - set(documents) - set(remove)):  # listed, but its records are gone
            report.removed.append(doc_id)
            report.failed[doc_id] = LOST
        if manifest is None and not documents:
            return report  # nothing to write: a first ingest whose files all failed leaves no index
        if manifest is not None and not report.changed and not rebuilt:
            return self._unchanged(report, manifest)
        terms_before = {t for d in current.values() for t in d.terms}
        fresh = self._fresh(report, None if rebuilt else manifest, list(documents.values()), terms_before)
        return self._write(report, manifest, list(documents.values()), fresh, not rebuild, paths or {})

    def _within_ceiling(
        self, report: IngestReport, parsed: list[DocumentRecord], paths: dict[str, str]
    ) -> list[DocumentRecord]:
        """The documents of ``parsed`` within :attr:`max_passages`; each other one is a failure (by the path
        it was read from, as a file that cannot be read), said why."""
        kept = []
        for doc in parsed:
            passages = len(doc.chunks) + len(doc.targets)
            if self.max_passages and passages > self.max_passages:
                report.failed[paths.get(doc.doc_id) or doc.source] = (
                    f"文件过大：{doc.source} 切分出 {passages} 个片段，超过每个文件 {self.max_passages} 个的上限"
                    "（设置 POLICYKB_MAX_PASSAGES），已跳过；请拆分文件后再导入。"
                )
                continue
            kept.append(doc)
        return kept

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
        paths: dict[str, str],
    ) -> IngestReport:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        segmenter = Segmenter([t for d in documents for t in d.terms], self.cache_dir) if fresh else None
        for doc in fresh:
            doc.ingested_at = doc.ingested_at or now
            for chunk in doc.chunks:
                chunk.tokens = segmenter.tokens(f"{chunk.section} {chunk.text}")  # type: ignore[union-attr]
        vectors = self._vectors(report, manifest, fresh, reuse)
        base = manifest.generation if manifest else 0
        generation = base + 1
        self.progress(0.9, "写入索引")
        self._check(base)
        segment = self._write_segment(base, manifest, fresh, vectors)
        summaries = _summaries(documents, {d.doc_id for d in fresh}, manifest, paths, segment)
        live = sorted({int(s["segment"]) for s in summaries.values()})  # type: ignore[call-overload]
        identity = self.embeddings.identity
        self.guard()
        self.store.commit(  # refused if another writer committed on ``base`` meanwhile
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
                writer=self.writer,
            ),
            base=base,
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
            self.guard()  # a writer that has lost its lease stops at once, not after embedding everything
            batch = missing[i : i + 64]
            embedded = self.embeddings.embed_documents([texts[key] for key in batch])
            vectors.update(dict(zip(batch, embedded)))
            bar.update(len(batch))
            self.progress(
                0.1 + 0.8 * (i + len(batch)) / max(len(missing), 1), f"向量化 {i + len(batch)}/{len(missing)}"
            )
        bar.close()
        return vectors


def _summaries(
    documents: list[DocumentRecord], written: set[str], manifest: Manifest | None, paths: dict[str, str], segment: int
) -> dict[str, dict[str, object]]:
    """The manifest's entry of every document: anew for those ``written`` to ``segment``, else as it was.

    An entry keeps the absolute path its document was read from (``paths``, else the entry before),
    so that ingesting the same file again replaces that document.
    """
    before = manifest.documents if manifest else {}
    summaries: dict[str, dict[str, object]] = {}
    for d in documents:
        if d.doc_id in written:
            path = paths.get(d.doc_id) or before.get(d.doc_id, {}).get("path", "")
            summaries[d.doc_id] = {**_summary(d), "path": path, "segment": segment}
        elif manifest is not None:
            summaries[d.doc_id] = {**before[d.doc_id], "segment": manifest.segment_of(d.doc_id)}
    return summaries


def _sources_of(manifest: Manifest | None, doc_ids: set[str]) -> list[Path]:
    """The files the documents ``doc_ids`` were read from, where they are still on this machine."""
    sources = indexed_sources(manifest)
    found = [Path(p) for p in (sources.get(i) for i in sorted(doc_ids)) if p and Path(p).is_absolute()]
    return [p for p in found if p.is_file()]


def _reparsed(doc: DocumentRecord, chunk_size: int) -> DocumentRecord:
    """``doc`` parsed again from its stored text (a new chunk size), keeping what its reader noted."""
    again = parse_text(doc.text, doc.doc_id, doc.source, chunk_size)
    again.notes = list(doc.notes)
    return again


def _summary(doc: DocumentRecord) -> dict[str, object]:
    return {
        "title": doc.title,
        "source": doc.source,
        "sha256": doc.sha256,
        "file_sha256": doc.file_sha256,
        "chunks": len(doc.chunks),
        "tasks": len(doc.tasks),
        "targets": len(doc.targets),
        "deadlines": sum(1 for t in doc.tasks if t.deadline),
        "ingested_at": doc.ingested_at,
        "extractor": doc.extractor,
        "notes": doc.notes,
        "place": doc.place,
        "number": doc.number,
        "authority": doc.authority,
        "date": doc.date,
    }
