"""Turn a document's text into records: sections, chunks, tasks and targets."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from policykb.ingest.chunker import chunk_id, chunk_section
from policykb.ingest.normalize import normalize_text
from policykb.ingest.reader import read_document
from policykb.ingest.identity import annual_year, read_identity, strip_chrome
from policykb.ingest.structure import parse_sections
from policykb.ingest.tasks import find_tasks
from policykb.ingest.targets import extract_targets
from policykb.ingest.terms import document_aliases, document_terms
from policykb.kb.records import DocumentRecord

# Raise when a change to ingest/ reads documents differently: indexes re-parse unchanged files on the next ingest.
EXTRACTOR_VERSION = "2"
_SLUG = re.compile(r"[^A-Za-z0-9._-]+")


def document_id(path: Path) -> str:
    """A short stable id from the file name: ``qiqihar-14th-fyp-energy-plan``."""
    slug = _SLUG.sub("-", path.stem).strip("-._")
    if len(slug) >= 3:
        return slug[:64]
    return "doc-" + hashlib.sha1(path.stem.encode("utf-8")).hexdigest()[:10]


def parse_file(path: Path, chunk_size: int, doc_id: str | None = None) -> DocumentRecord:
    """Read and parse the file at ``path``.

    Raises:
        DocumentError: the file cannot be read as a document.
    """
    raw = read_document(path)
    return parse_text(raw, doc_id or document_id(path), path.name, chunk_size)


def content_sha256(raw: str) -> str:
    """The fingerprint a document's record keeps: SHA-256 of its normalised text."""
    return hashlib.sha256(normalize_text(raw).encode("utf-8")).hexdigest()


def parse_text(raw: str, doc_id: str, source: str, chunk_size: int) -> DocumentRecord:
    """Parse raw document text into a :class:`DocumentRecord` (no embeddings yet)."""
    text, fields = strip_chrome(normalize_text(raw))
    identity = read_identity(text, fields, source)
    sections = parse_sections(text)
    tasks = find_tasks(text, sections, doc_id)
    record = DocumentRecord(
        doc_id=doc_id,
        title=identity.title or doc_id,
        source=source,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        text=text,
        authority=identity.authority,
        number=identity.number,
        date=identity.date,
        place=identity.place,
        extractor=EXTRACTOR_VERSION,
        sections=sections,
        tasks=tasks,
        terms=document_terms(text, tasks),
        aliases=document_aliases(text),
    )
    for section in sections:
        record.chunks.extend(chunk_section(text, section, doc_id, chunk_size))
        body = text[section.start : section.end]
        for target in extract_targets(body, doc_id, section.path, section.start, annual_year(identity.title)):
            task = record.task_for(section.path, target.start)
            target.owners = task.responsibility.units if task else []
            target.id = chunk_id(
                doc_id, section.path, f"{target.clause}#{target.value}{target.unit}#{target.indicator}"
            )
            record.targets.append(target)
    return record
