"""Passage vectors for corpora too large to embed in the time budget.

Embedding runs at ~10 passages/s on 2 cores, so the 1,000× corpus (~113k passages) would take hours. Everything
*but* the passage vectors can still be measured for real: :class:`StandInEmbeddings` answers queries with the real
model and passages with

* ``proxy``: the real vector of the nearest passage of the original plan (by character bigrams), plus small seeded
  noise (cosine ≈ 0.98 to it). The variants differ only in names and numbers, so their real vectors sit that close
  to the original's: the index has the shape a real one would have.
* ``hash``: a seeded random unit vector per text (smoke tests; no real passage embedding at all).

The time the real model would have taken is projected from the measured rate; the report labels stand-in rows.
"""

from __future__ import annotations

import hashlib
import json
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy import sparse

from policykb.kb.embedding import EmbeddingModel

BUCKETS = 1 << 20
NOISE = 0.01  # per dimension; |noise| ≈ 0.2 for 384 dims, cosine to the pool vector ≈ 0.98


def bigrams(texts: list[str]) -> sparse.csr_matrix:
    """Rows of hashed character-bigram counts, L2-normalised."""
    indices, indptr = [], [0]
    for text in texts:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        grams = (codes[:-1] * 1_000_003 + codes[1:]) % BUCKETS if len(codes) > 1 else codes % BUCKETS
        indices.append(grams)
        indptr.append(indptr[-1] + len(grams))
    data = np.ones(indptr[-1], dtype=np.float32)
    matrix = sparse.csr_matrix(
        (data, np.concatenate(indices) if indices else np.zeros(0, np.int64), np.array(indptr)),
        shape=(len(texts), BUCKETS),
    )
    matrix.sum_duplicates()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    return sparse.diags(1.0 / np.maximum(norms, 1e-9)) @ matrix


class Timed(EmbeddingModel):
    """The real model, counting the passages it embeds and the seconds it spends on them."""

    def __init__(self, real: EmbeddingModel) -> None:
        self.real = real
        self.backend, self.model = real.backend, real.model
        self.passages = 0
        self.seconds = 0.0
        self.words = 0  # texts embedded as queries past the cache: at ingest, the plans' target words
        self.words_seconds = 0.0

    @property
    def dim(self) -> int:
        return self.real.dim

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        out, took = _timed(self._passage_vectors, texts)
        self.seconds += took
        self.passages += len(texts)
        return out

    def _passage_vectors(self, texts: list[str]) -> list[list[float]]:
        return self.real.embed_documents(texts)

    def embed_queries_uncached(self, texts: list[str]) -> list[list[float]]:
        out, took = _timed(self._embed_queries, texts)
        self.words_seconds += took
        self.words += len(texts)
        return out

    def _embed_query(self, text: str) -> list[float]:
        return self.real.embed_query_uncached(text)

    def _embed_queries(self, texts: list[str]) -> list[list[float]]:
        return self.real.embed_queries_uncached(texts)

    def clear_query_cache(self) -> None:
        super().clear_query_cache()
        self.real.clear_query_cache()


def _timed(embed: Callable[[list[str]], list[list[float]]], texts: list[str]) -> tuple[list[list[float]], float]:
    """What ``embed(texts)`` returns, and the seconds it took."""
    start = time.perf_counter()
    out = embed(texts)
    return out, time.perf_counter() - start


class StandInEmbeddings(Timed):
    """Real query vectors; ``proxy`` or ``hash`` passage vectors (see the module docstring)."""

    def __init__(self, real: EmbeddingModel, mode: str, pool_texts: list[str] | None, pool_file: Path) -> None:
        super().__init__(real)
        if mode not in ("proxy", "hash"):
            raise ValueError(f"stand-in vectors are 'proxy' or 'hash', not {mode!r}")
        self.mode = mode
        texts = list(dict.fromkeys(pool_texts or []))
        self.pool = self._pool_vectors(texts, pool_file) if mode == "proxy" else None
        self.pool_grams = bigrams(texts) if mode == "proxy" else None

    def _pool_vectors(self, texts: list[str], pool_file: Path) -> np.ndarray:
        """The real vectors of ``texts``, cached in ``pool_file`` under a key of the model and the texts."""
        key = hashlib.sha1(json.dumps([self.backend, self.model, texts], ensure_ascii=False).encode()).hexdigest()
        if pool_file.exists():
            cached = np.load(pool_file)
            if str(cached["key"]) == key:
                return cached["vectors"]
        vectors = np.asarray(self.real.embed_documents(texts), dtype=np.float32)
        pool_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = pool_file.with_suffix(".tmp.npz")
        np.savez(tmp, key=np.array(key), vectors=vectors)
        tmp.replace(pool_file)
        return vectors

    def _passage_vectors(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        if self.pool is not None and self.pool_grams is not None:
            nearest = np.asarray((bigrams(texts) @ self.pool_grams.T).argmax(axis=1)).ravel()
            base, scale = self.pool[nearest], NOISE
        else:
            base, scale = np.zeros((len(texts), self.dim), dtype=np.float32), 1.0
        noise = [np.random.default_rng(zlib.crc32(t.encode("utf-8"))).standard_normal(self.dim) for t in texts]
        rows = base + np.asarray(noise, dtype=np.float32) * scale
        rows /= np.linalg.norm(rows, axis=1, keepdims=True)
        return rows.tolist()
