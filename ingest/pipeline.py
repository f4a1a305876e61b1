"""Ingest: files → records → a new generation in the store, switched to atomically.

The orchestration only: which files (:mod:`~policykb.ingest.sources`), parsing them, recognising copies,
planning the next generation (:mod:`~policykb.ingest.generation`), embedding and commit
(:mod:`~policykb.ingest.commit`).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from policykb.ingest.commit import Committer
from policykb.ingest.copies import Candidate, find_copy
from policykb.ingest.errors import DocumentError
from policykb.ingest.generation import GenerationPlan, passages, plan_generation, untouched
from policykb.ingest.parser import PARSE_STEP, content_sha256, document_ids, parse_text, path_key, upload_key
from policykb.ingest.reader import ReadLimits, ReadResult, read_file
from policykb.ingest.report import (
    FileReport,
    Parsed,
    copy_report,
    document_report,
    failed_report,
    unchanged_report,
)
from policykb.ingest.sources import (
    Fingerprint,
    expand_paths,
    file_sha256,
    fingerprints,
    indexed_sources,
    sources_of,
)
from policykb.kb.embedding import EmbeddingModel
from policykb.kb.lock import IngestConflictError
from policykb.kb.manifest import Manifest
from policykb.kb.records import DocumentRecord
from policykb.kb.storage import Store

__all__ = ["MAX_SEGMENTS", "REPLANNED", "REPLANS", "IngestReport", "Ingestor", "Progress"]

log = logging.getLogger(__name__)
Progress = Callable[[float, str], None]
Guard = Callable[[], None]
MAX_SEGMENTS = 8  # more, and every dense query would visit too many collections
BIG_FILE_PASSAGES = 1000  # a file with more passages embeds for minutes: it is committed on its own
REPLANS = 3  # times a commit overtaken by another writer is planned again on the new index before it fails
REPLANNING = "索引已被其他导入更新，正在按最新索引重新合并本次导入"
REPLANNED = "索引已被其他导入更新，已按最新索引重新合并"


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
    replanned: int = 0  # times a commit was planned again because another writer committed first

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced or self.removed)


def path_outcome(report: IngestReport, doc_id: str) -> str:
    """How the commit treated a parsed document: ``added``, ``replaced`` or ``unchanged``."""
    if doc_id in report.replaced:
        return "replaced"
    return "unchanged" if doc_id in report.unchanged else "added"


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
        big_file_passages: a file with more passages is committed on its own, after the other files of the
            batch (smallest first), so a file that embeds for long holds nothing else back (0: one commit).
        regain: called before a commit that another writer overtook is planned again: holds the right to
            write again (e.g. re-acquires a lease taken over meanwhile), or raises.
        replans: times such a commit is planned again on the new index before the ingest fails.
    """

    def __init__(
        self,
        store: Store,
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
        big_file_passages: int = BIG_FILE_PASSAGES,
        regain: Guard | None = None,
        replans: int = REPLANS,
    ) -> None:
        self.regain = regain or (lambda: None)
        self.replans = replans
        self.exclusive = exclusive
        self.big_file_passages = big_file_passages
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
        tells, per file, what was read and what to check. A commit that another ingest overtook (it committed
        first) is planned again on the index it left: the files compared with that index again, the vectors
        already embedded reused, never written over it; after ``replans`` tries the ingest fails with the
        reason. A big file (``big_file_passages``) is
        committed after the others, each in a commit of its own: what the batch's small files bring is
        answerable while a big one still embeds, and stays when that one fails.
        """
        report = IngestReport()
        manifest = self.store.manifest()
        lost = set(self.store.missing_documents(manifest)) if manifest else set()
        known = {i: f for i, f in fingerprints(manifest, rebuild, self.chunk_size).items() if i not in lost}
        files = expand_paths([*paths, *sources_of(manifest, lost)])
        keys = {p: upload_key(p) if uploaded else path_key(p) for p in files}
        ids = document_ids(files, indexed_sources(manifest), keys)
        read: dict[Path, Parsed] = {}
        skipped: dict[str, Path] = {}  # doc id → its file, found unchanged without being parsed
        later: dict[Path, Unparsed] = {}  # texts so long that they are parsed after the others are committed
        for n, path in enumerate(
            tqdm(files, desc="解析文件", unit="个", disable=not self.show_progress or len(files) < 2)
        ):
            parsed = self._parse_file(report, path, ids[path], known, (n, len(files)), later)
            if parsed is not None:
                read[path] = parsed
            elif ids[path] in report.unchanged:
                skipped[ids[path]] = path
            self.progress(0.1 * (n + 1) / len(files), f"已解析 {n + 1}/{len(files)} 个文件")
        log.info("parsed %d files (%d unchanged, %d failed)", len(read), len(report.unchanged), len(report.failed))
        self.progress(0.1, f"已解析 {len(read)} 个文件，{len(report.unchanged)} 个未变化")
        replaced = self._recognise(report, manifest, read, replace)
        paths = {ids[p]: keys[p] for p in files}
        kept = [parsed.doc for path, parsed in read.items() if str(path) not in report.copies]
        small, big = split_big(kept, self.big_file_passages)

        def replan(now: Manifest | None, change: Change) -> None:
            self._copies_of_new(report, now, change, replace, read)
            change.parsed += self._reread(report, now, rebuild, skipped, read)

        if small or replaced or rebuild or not (big or later):
            self._apply(report, manifest, small, remove=replaced, rebuild=rebuild, paths=paths, replan=replan)
        for doc in big:
            log.info("committing %s on its own (%d passages)", doc.source, passages(doc))
            self._apply(report, self.store.manifest(), [doc], remove=[], rebuild=False, paths=paths, replan=replan)
        for path, unparsed in sorted(later.items(), key=lambda item: len(item[1].read.text)):
            parsed = self._parse_read(report, path, ids[path], unparsed)
            if parsed is None:
                continue
            read[path] = parsed
            now = self.store.manifest()
            replaced = self._recognise(report, now, {path: parsed}, replace)
            if str(path) not in report.copies:
                log.info("committing %s on its own (%d passages)", parsed.doc.source, passages(parsed.doc))
                self._apply(report, now, [parsed.doc], remove=replaced, rebuild=False, paths=paths, replan=replan)
        report.files = self._file_reports(report, manifest, files, ids, read)
        return report

    def _copies_of_new(
        self, report: IngestReport, now: Manifest | None, change: Change, replace: bool, read: dict[Path, Parsed]
    ) -> None:
        """Take out of ``change`` each file that copies a plan another writer added meanwhile (``now``), as
        :meth:`_recognise` would have; with ``replace``, the file takes that plan's place instead."""
        ours = {*report.added, *report.replaced, *(d.doc_id for d in change.parsed)}
        candidates = [c for c in self._indexed_candidates(now) if c.doc_id not in ours]
        files = {parsed.doc.doc_id: (path, parsed) for path, parsed in read.items()}
        kept = []
        for doc in change.parsed:
            path, parsed = files.get(doc.doc_id, (None, None))
            match = find_copy(doc.doc_id, doc.title, doc.number, doc.text, candidates) if parsed else None
            if parsed is None or match is None or not match.certain:
                kept.append(doc)
                continue
            parsed.match = match
            if replace:
                change.remove.append(match.doc_id)
                kept.append(doc)
            else:
                report.copies[str(path)] = match.doc_id
        change.parsed = kept

    def _reread(
        self,
        report: IngestReport,
        manifest: Manifest | None,
        rebuild: bool,
        skipped: dict[str, Path],
        read: dict[Path, Parsed],
    ) -> list[DocumentRecord]:
        """The files of ``skipped`` (found unchanged, not parsed) that ``manifest``, the index another writer
        left, no longer holds as they are: parsed now (noted in ``read``), no longer unchanged."""
        known = fingerprints(manifest, rebuild, self.chunk_size)
        docs = []
        for doc_id, path in list(skipped.items()):
            indexed = known.get(doc_id)
            if indexed is not None and indexed.same_file(file_sha256(path)):
                continue
            del skipped[doc_id]
            report.unchanged.remove(doc_id)
            parsed = self._parse_file(report, path, doc_id, known, (0, 1))
            if parsed is not None:
                read[path] = parsed
                docs.append(parsed.doc)
        return docs

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
        self,
        report: IngestReport,
        path: Path,
        doc_id: str,
        known: dict[str, Fingerprint],
        place: tuple[int, int],
        later: dict[Path, Unparsed] | None = None,
    ) -> Parsed | None:
        """The record of the file at ``path``, the ``place[0]``-th of ``place[1]`` files; ``None`` when
        it is unchanged or fails (noted in ``report``), or when its text is so long that it surely makes a
        big file (``big_file_passages``): it is then kept read but unparsed in ``later``."""
        with _skipping(report, path):
            indexed = known.get(doc_id)
            digest = file_sha256(path)
            if indexed is not None and indexed.same_file(digest):
                report.unchanged.append(doc_id)  # the very file indexed: not read (nor OCR'd) again
                return None
            read = read_file(path, self.limits)
            if indexed is not None and indexed.text == content_sha256(read.text):
                report.unchanged.append(doc_id)  # same text as indexed: not parsed again
                return None
            unparsed = Unparsed(read, digest, place)
            if (
                later is not None
                and self.big_file_passages
                and len(read.text) > self.big_file_passages * self.chunk_size
            ):
                log.info("%s: %d characters, parsed after the other files are committed", path.name, len(read.text))
                later[path] = unparsed
                return None
            return self._parse_read(report, path, doc_id, unparsed)
        return None

    def _parse_read(self, report: IngestReport, path: Path, doc_id: str, unparsed: Unparsed) -> Parsed | None:
        """The record of the file at ``path`` parsed from its text; ``None`` when that fails (noted in ``report``)."""
        with _skipping(report, path):
            read = unparsed.read
            progress = self._parse_progress(path, read.text, unparsed.place)
            if progress is not None:
                progress(0.0)  # a long parse has begun (it may report next only when it ends)
            doc = parse_text(read.text, doc_id, path.name, self.chunk_size, progress)
            doc.notes.extend(read.notes)  # e.g. 文字由OCR识别
            doc.file_sha256 = unparsed.digest
            return Parsed(doc, read.pages)
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
        replan: Callable[[Manifest | None, Change], None] | None = None,
    ) -> IngestReport:
        """Build and commit the next generation on ``manifest``, the index as the ingest found it.

        When another writer commits first (or takes this writer's lease over), the right to write is regained
        and the generation planned again on the index that writer left, once ``replan`` has brought the change
        up to date with it (:meth:`ingest`: copies of plans that writer added, files no longer unchanged), up to
        ``replans`` times.
        """
        committer = self._committer()  # one for every try: it keeps the vectors it embedded
        change = Change(parsed, remove, rebuild, paths or {})
        tries = 0
        while True:
            try:
                self._commit_plan(report, manifest, change, committer)
                if tries:
                    log.warning("%s（索引版本 %d）", REPLANNED, report.generation)
                    self.progress(1.0, f"{REPLANNED}（索引版本 {report.generation}）")
                return report
            except IngestConflictError as exc:
                tries += 1
                if tries > self.replans:
                    raise
                log.info("overtaken (%s): planning again, try %d of %d", exc, tries, self.replans)
                log.warning("%s（第 %d 次）", REPLANNING, tries)
                self.progress(0.9, REPLANNING)
                self.regain()
                manifest = self.store.manifest()
                if replan is not None:
                    replan(manifest, change)
                report.replanned += 1

    def _commit_plan(
        self, report: IngestReport, manifest: Manifest | None, change: Change, committer: Committer
    ) -> IngestReport:
        """Plan the generation after ``manifest`` with ``change`` and commit it; noted in ``report`` once committed."""
        parsed, remove, rebuild, paths = change.parsed, change.remove, change.rebuild, change.paths
        if manifest is not None and not rebuild:
            manifest.check_model(self.embeddings.identity)
        nothing = untouched(manifest, parsed, remove, rebuild, self.chunk_size)
        if manifest is not None and nothing and not self.store.missing_documents(manifest):
            return self._unchanged(report, manifest)  # known before any record is read
        current = self.store.documents(manifest) if manifest else []
        plan = plan_generation(
            manifest, current, parsed, remove, rebuild, self.chunk_size, self.max_segments, self.max_passages, paths
        )
        if manifest is None and not plan.documents:
            _note(report, plan)
            return report  # nothing to write: a first ingest whose files all failed leaves no index
        if manifest is not None and not plan.changed and not plan.rebuilt:
            _note(report, plan)
            return self._unchanged(report, manifest)
        committed = committer.commit(manifest, plan.documents, plan.fresh, not rebuild, paths)
        _note(report, plan)
        report.generation, report.chunks = committed.generation, committed.chunks
        report.embedded += committed.embedded
        report.reused += committed.reused
        return report

    def _committer(self) -> Committer:
        return Committer(
            self.store,
            self.embeddings,
            self.chunk_size,
            self.writer,
            self.cache_dir,
            self.show_progress,
            self.progress,
            self.guard,
            self.exclusive,
        )

    def _unchanged(self, report: IngestReport, manifest: Manifest) -> IngestReport:
        report.generation, report.chunks = manifest.generation, manifest.count("chunks")
        self.progress(1.0, "内容未变化，无需更新索引")
        return report


@dataclass
class Change:
    """What one commit brings: documents parsed (added or replaced), documents removed, whether every document
    is embedded anew, and the path each document was read from."""

    parsed: list[DocumentRecord]
    remove: list[str]
    rebuild: bool
    paths: dict[str, str]


@dataclass(frozen=True)
class Unparsed:
    """A file read, not parsed yet: its text (``read``), the digest of its bytes, its place in the batch."""

    read: ReadResult
    digest: str
    place: tuple[int, int]


@contextmanager
def _skipping(report: IngestReport, path: Path) -> Iterator[None]:
    """Note in ``report`` why the file at ``path`` could not be read or parsed; one bad file never sinks the batch."""
    try:
        yield
    except DocumentError as exc:
        report.failed[str(path)] = str(exc)
        log.warning("skipped %s: %s", path, exc)
    except Exception as exc:  # noqa: BLE001
        report.failed[str(path)] = f"无法解析该文件（{type(exc).__name__}），已跳过：{path.name}"
        log.exception("could not parse %s", path)


def split_big(docs: list[DocumentRecord], big: int) -> tuple[list[DocumentRecord], list[DocumentRecord]]:
    """``docs`` as the ones committed together and the big ones (more than ``big`` passages, smallest
    first) committed one by one after them; with ``big`` 0, all together."""
    large = sorted((d for d in docs if big and passages(d) > big), key=passages)
    apart = {id(d) for d in large}
    return [d for d in docs if id(d) not in apart], large


def _note(report: IngestReport, plan: GenerationPlan) -> None:
    """Add what the plan made of each document to ``report``."""
    report.added.extend(plan.added)
    report.replaced.extend(plan.replaced)
    report.unchanged.extend(plan.unchanged)
    report.removed.extend(plan.removed)
    report.failed.update(plan.failed)
