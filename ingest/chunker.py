"""Chunks of whole sentences, grouped to a size, never across sections."""

from __future__ import annotations

import hashlib

from policykb.kb.records import Chunk, Section
from policykb.kb.text import split_spans


def chunk_id(doc_id: str, path: list[str], text: str) -> str:
    """Stable id: the same document, heading path and text always give the same id."""
    digest = hashlib.sha1("\x1f".join([doc_id, *path, text]).encode("utf-8")).hexdigest()
    return digest[:24]


def chunk_section(text: str, section: Section, doc_id: str, size: int) -> list[Chunk]:
    """Split the section ``text[section.start:section.end]`` into chunks of about ``size`` characters."""
    spans = list(split_spans(text[section.start : section.end], start=section.start))
    chunks: list[Chunk] = []
    group: list[tuple[int, int]] = []
    for span in spans:
        if group and span[1] - group[0][0] > size:
            chunks.append(_chunk(text, group, section, doc_id))
            group = []
        group.append(span)
    if group:
        chunks.append(_chunk(text, group, section, doc_id))
    return chunks


def _chunk(text: str, group: list[tuple[int, int]], section: Section, doc_id: str) -> Chunk:
    start, end = group[0][0], group[-1][1]
    body = text[start:end]
    return Chunk(
        id=chunk_id(doc_id, section.path, body), doc_id=doc_id, path=section.path, text=body, start=start, end=end
    )
