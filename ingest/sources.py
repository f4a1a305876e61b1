"""Which files an ingest reads: the paths given, directories expanded, the files of documents whose records
were lost, and how an indexed document is recognised so that an unchanged file is not read again."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from policykb.ingest.parser import EXTRACTOR_VERSION, path_key
from policykb.ingest.reader import SUPPORTED, UNREAD_MARK
from policykb.kb.manifest import Manifest

__all__ = ["Fingerprint", "expand_paths", "file_sha256", "fingerprints", "indexed_sources", "sources_of"]


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


def fingerprints(manifest: Manifest | None, rebuild: bool, chunk_size: int) -> dict[str, Fingerprint]:
    """``doc id → fingerprint`` of the indexed documents that need not be read or parsed again."""
    if rebuild or manifest is None or manifest.chunk_size != chunk_size:
        return {}
    return {
        doc_id: Fingerprint.of(summary)
        for doc_id, summary in manifest.documents.items()
        if summary.get("extractor") == EXTRACTOR_VERSION  # read by an older extractor: parse again
    }


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


def sources_of(manifest: Manifest | None, doc_ids: set[str]) -> list[Path]:
    """The files the documents ``doc_ids`` were read from, where they are still on this machine."""
    sources = indexed_sources(manifest)
    found = [Path(p) for p in (sources.get(i) for i in sorted(doc_ids)) if p and Path(p).is_absolute()]
    return [p for p in found if p.is_file()]
