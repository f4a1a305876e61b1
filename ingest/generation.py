"""The next index generation, planned without touching a store: which documents it holds, which of them a
new segment must hold, and what each manifest entry says. Pure functions of the manifest and the records."""

from __future__ import annotations

from dataclasses import dataclass, field

from policykb.ingest.parser import parse_text
from policykb.kb.manifest import Manifest
from policykb.kb.records import DocumentRecord

__all__ = ["LOST", "GenerationPlan", "passages", "plan_generation", "rebuilds", "summaries", "untouched"]

LOST = "索引中缺少该文件的内容（索引曾损坏），原文件也找不到，已从文件列表中移除；请重新导入该文件。"


@dataclass
class GenerationPlan:
    """The next generation: every document it holds (``documents``), those a new segment holds (``fresh``),
    and what became of each document named (by doc id; ``failed`` by the path or id it is known by)."""

    documents: list[DocumentRecord] = field(default_factory=list)
    fresh: list[DocumentRecord] = field(default_factory=list)
    rebuilt: bool = False
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced or self.removed)


def rebuilds(manifest: Manifest | None, rebuild: bool, chunk_size: int) -> bool:
    """Whether every document is parsed and embedded anew: asked for, or the chunk size changed."""
    return rebuild or (manifest is not None and manifest.chunk_size != chunk_size)


def untouched(
    manifest: Manifest | None, parsed: list[DocumentRecord], remove: list[str], rebuild: bool, chunk_size: int
) -> bool:
    """Whether nothing is added, removed or rebuilt: known before any record is read."""
    listed = set(manifest.documents) if manifest else set()
    return not parsed and not set(remove) & listed and not rebuilds(manifest, rebuild, chunk_size)


def plan_generation(
    manifest: Manifest | None,
    current: list[DocumentRecord],
    parsed: list[DocumentRecord],
    remove: list[str],
    rebuild: bool,
    chunk_size: int,
    max_segments: int,
    max_passages: int = 0,
    paths: dict[str, str] | None = None,
) -> GenerationPlan:
    """The generation after ``manifest`` (whose documents' records are ``current``) once ``parsed`` are
    added or replaced and ``remove`` removed.

    A parsed document with the text and extractor of its indexed one is unchanged (unless ``rebuild``); one
    with more than ``max_passages`` passages fails, by its path in ``paths``; a document the manifest lists
    whose records are gone is removed as :data:`LOST`. A new dictionary term sends the documents whose text
    holds it to the new segment; beyond ``max_segments`` segments, all but the largest are folded into it.
    """
    plan = GenerationPlan(rebuilt=rebuilds(manifest, rebuild, chunk_size))
    listed = set(manifest.documents) if manifest else set()
    before = {d.doc_id: d for d in current}
    if plan.rebuilt:
        before = {i: _reparsed(d, chunk_size) for i, d in before.items()}
    documents = dict(before)
    for doc in _within_ceiling(plan, parsed, max_passages, paths or {}):
        old = before.get(doc.doc_id)
        if old is not None and old.sha256 == doc.sha256 and old.extractor == doc.extractor and not rebuild:
            plan.unchanged.append(doc.doc_id)
            continue
        (plan.replaced if old is not None else plan.added).append(doc.doc_id)
        documents[doc.doc_id] = doc
    for doc_id in remove:
        if documents.pop(doc_id, None) is not None:
            plan.removed.append(doc_id)
    for doc_id in sorted(listed - set(documents) - set(remove)):  # listed, but its records are gone
        plan.removed.append(doc_id)
        plan.failed[doc_id] = LOST
    plan.documents = list(documents.values())
    terms_before = {t for d in before.values() for t in d.terms}
    plan.fresh = _fresh(plan, None if plan.rebuilt else manifest, max_segments, terms_before)
    return plan


def passages(doc: DocumentRecord) -> int:
    """What a document brings to embed: its chunks and its targets."""
    return len(doc.chunks) + len(doc.targets)


def _within_ceiling(
    plan: GenerationPlan, parsed: list[DocumentRecord], max_passages: int, paths: dict[str, str]
) -> list[DocumentRecord]:
    """The documents of ``parsed`` within ``max_passages``; each other one is a failure (by the path it
    was read from, as a file that cannot be read), said why."""
    kept = []
    for doc in parsed:
        brought = passages(doc)
        if max_passages and brought > max_passages:
            plan.failed[paths.get(doc.doc_id) or doc.source] = (
                f"文件过大：{doc.source} 切分出 {brought} 个片段，超过每个文件 {max_passages} 个的上限"
                "（设置 POLICYKB_MAX_PASSAGES），已跳过；请拆分文件后再导入。"
            )
            continue
        kept.append(doc)
    return kept


def _fresh(
    plan: GenerationPlan, manifest: Manifest | None, max_segments: int, terms_before: set[str]
) -> list[DocumentRecord]:
    """The documents the new segment holds: the added and replaced ones, those whose tokens a new
    dictionary term changes, and every other document of a segment that would otherwise keep a stale
    one; or all of them when there is no index to build on (``manifest`` is ``None``)."""
    documents = plan.documents
    if manifest is None:
        return documents
    shifted = terms_before ^ {t for d in documents for t in d.terms}
    moved = set(plan.added) | set(plan.replaced)
    moved |= {d.doc_id for d in documents if d.doc_id not in moved and any(t in d.text for t in shifted)}
    live = {d.doc_id for d in documents}
    touched = {manifest.segment_of(i) for i in manifest.documents if i not in live or i in moved}
    kept = [s for s in manifest.live_segments if s not in touched and manifest.in_segment(s)]
    if len(kept) >= max_segments:  # fold all but the largest segment into the new one
        kept = [max(kept, key=lambda s: manifest.count("chunks", s))]
    return [d for d in documents if d.doc_id in moved or manifest.segment_of(d.doc_id) not in kept]


def _reparsed(doc: DocumentRecord, chunk_size: int) -> DocumentRecord:
    """``doc`` parsed again from its stored text (a new chunk size), keeping what its reader noted."""
    again = parse_text(doc.text, doc.doc_id, doc.source, chunk_size)
    again.notes = list(doc.notes)
    return again


def summaries(
    documents: list[DocumentRecord], written: set[str], manifest: Manifest | None, paths: dict[str, str], segment: int
) -> dict[str, dict[str, object]]:
    """The manifest's entry of every document: anew for those ``written`` to ``segment``, else as it was.

    An entry keeps the absolute path its document was read from (``paths``, else the entry before),
    so that ingesting the same file again replaces that document.
    """
    before = manifest.documents if manifest else {}
    entries: dict[str, dict[str, object]] = {}
    for d in documents:
        if d.doc_id in written:
            path = paths.get(d.doc_id) or before.get(d.doc_id, {}).get("path", "")
            entries[d.doc_id] = {**_summary(d), "path": path, "segment": segment}
        elif manifest is not None:
            entries[d.doc_id] = {**before[d.doc_id], "segment": manifest.segment_of(d.doc_id)}
    return entries


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
        "dates": doc.dates,
    }
