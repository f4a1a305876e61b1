"""Passage vectors for corpora too large to embed in the time budget.

Embedding runs at ~10 passages/s on 2 cores, so the 1,000× corpus (~113k
passages) would take hours. Everything *but* the passage vectors can still be
measured for real: the bench wraps the real model in :class:`StandInEmbeddings`,
which answers queries with the real model and passages with

* ``proxy``: the real vector of the nearest passage of the original plan (by
  character bigrams), plus small seeded noise (cosine ≈ 0.98 to it). The variants
  of the plan differ only in names and numbers, so their real vectors sit that
  close to the original's: the index has the shape a real one would have.
* ``hash``: a seeded random unit vector per text (smoke tests; no real passage embedding at all).

The time the real model would have taken is projected from the measured rate
and reported apart; the report labels every row that used stand-in vectors.
"""

from __future__ import annotations

import hashlib
import json
import time
import zlib
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

    @property
    def dim(self) -> int:
        return self.real.dim

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        start = time.perf_counter()
        out = self.real.embed_documents(texts)
        self.seconds += time.perf_counter() - start
        self.passages += len(texts)
        return out

    def _embed_query(self, text: str) -> list[float]:
        return self.real._embed_query(text)

    def clear_query_cache(self) -> None:
        for model in (self, self.real):
            cache = getattr(model, "_query_cache", None)
            if cache is not None:
                cache.clear()


class StandInEmbeddings(Timed):
    """Real query vectors; ``proxy`` or ``hash`` passage vectors (see the module docstring)."""

    def __init__(self, real: EmbeddingModel, mode: str, pool_texts: list[str] | None = None, pool_file: Path | None = None) -> None:
        super().__init__(real)
        self.mode = mode
        self.pool: np.ndarray | None = None
        self.pool_grams: sparse.csr_matrix | None = None
        if mode == "proxy":
            texts = list(dict.fromkeys(pool_texts or []))
            self.pool = self._pool_vectors(texts, pool_file)
            self.pool_grams = bigrams(texts)
        elif mode != "hash":
            raise ValueError(f"stand-in vectors are 'proxy' or 'hash', not {mode!r}")

    def _pool_vectors(self, texts: list[str], pool_file: Path | None) -> np.ndarray:
        key = hashlib.sha1(json.dumps([self.backend, self.model, texts], ensure_ascii=False).encode()).hexdigest()
        if pool_file is not None and pool_file.exists():
            cached = np.load(pool_file)
            if str(cached["key"]) == key:
                return cached["vectors"]
        start = time.perf_counter()
        vectors = np.asarray(self.real.embed_documents(texts), dtype=np.float32)
        self.pool_seconds = time.perf_counter() - start
        if pool_file is not None:
            pool_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = pool_file.with_suffix(".tmp.npz")
            np.savez(tmp, key=np.array(key), vectors=vectors)
            tmp.replace(pool_file)
        return vectors

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        start = time.perf_counter()
        out = self._stand_in(texts)
        self.seconds += time.perf_counter() - start
        self.passages += len(texts)
        return out

    def _stand_in(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        dim = self.dim
        rows = np.empty((len(texts), dim), dtype=np.float32)
        if self.mode == "proxy":
            assert self.pool is not None and self.pool_grams is not None
            nearest = np.asarray((bigrams(texts) @ self.pool_grams.T).argmax(axis=1)).ravel()
            base = self.pool[nearest]
        else:
            base = np.zeros((len(texts), dim), dtype=np.float32)
        for i, text in enumerate(texts):
            rng = np.random.default_rng(zlib.crc32(text.encode("utf-8")))
            scale = NOISE if self.mode == "proxy" else 1.0
            rows[i] = base[i] + rng.standard_normal(dim).astype(np.float32) * scale
        rows /= np.linalg.norm(rows, axis=1, keepdims=True)
        return rows.tolist()
