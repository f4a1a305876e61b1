"""Hybrid retrieval: BM25 over jieba tokens fused with Chroma dense search by weighted RRF."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field

from policykb.bot.evidence import wording_for
from policykb.kb.bm25 import top_positive
from policykb.kb.embedding import EmbeddingModel
from policykb.kb.glossary import Glossary
from policykb.kb.index import KnowledgeIndex

Mode = Literal["bm25", "dense", "hybrid"]


class HybridRetriever(BaseRetriever):
    """Chunks of the knowledge base for a question, best first.

    Each returned ``Document`` carries ``id``, ``document`` (title), ``doc_id``,
    ``section`` (full heading path), ``start``/``end`` offsets and ``score``
    (the fused RRF score) in its metadata, and ``similarity`` (dense cosine) when the
    dense ranking saw the chunk.

    Args:
        index: the loaded knowledge index.
        embeddings: the model that built the index (for the query vector).
        k: how many chunks to return.
        mode: ``bm25``, ``dense`` or ``hybrid``.
        bm25_weight: weight of the BM25 ranking in the fusion.
        dense_weight: weight of the dense ranking in the fusion.
        rrf_k: the RRF constant.
        candidates: how deep each ranking is read before fusing.
        documents: restrict to these document ids (``None``: all).
        glossary: everyday ↔ official words; the BM25 query also holds the plans' words for the
            question's everyday words (default: the shipped glossary).
        query_words: the words of a query whose meaning its answer will look up; they are embedded with the
            query, in one model call (``None``: the query alone).
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    index: KnowledgeIndex
    embeddings: EmbeddingModel | None = None
    k: int = 5
    mode: Mode = "hybrid"
    bm25_weight: float = 1.0
    dense_weight: float = 1.0
    rrf_k: int = 60
    candidates: int = 30
    documents: list[str] | None = Field(default=None)
    glossary: Glossary | None = None
    query_words: Callable[[str], list[str]] | None = None

    def _get_relevant_documents(
        self,
        query: str,
        *,
        run_manager: CallbackManagerForRetrieverRun,
        k: int | None = None,
        documents: list[str] | None = None,
    ) -> list[Document]:
        ranked, similarity = self.rank(query, k=k or self.k, documents=documents or self.documents)
        return [self._document(chunk_id, score, similarity.get(chunk_id)) for chunk_id, score in ranked]

    def rank(
        self, query: str, k: int, documents: list[str] | None = None
    ) -> tuple[list[tuple[str, float]], dict[str, float]]:
        """``(chunk id, fused score)`` of the best ``k`` chunks, and the dense cosine similarities seen."""
        rankings: list[tuple[float, list[str]]] = []
        similarity: dict[str, float] = {}
        if self.mode in ("bm25", "hybrid"):
            rankings.append((self.bm25_weight, self._bm25(query, documents)))
        if self.mode in ("dense", "hybrid") and self.embeddings is not None:
            similarity = self._dense(query, documents)
            rankings.append((self.dense_weight, list(similarity)))
        fused: dict[str, float] = {}
        for weight, ids in rankings:
            for rank, chunk_id in enumerate(ids):
                fused[chunk_id] = fused.get(chunk_id, 0.0) + weight / (self.rrf_k + rank + 1)
        return sorted(fused.items(), key=lambda item: -item[1])[:k], similarity

    def _bm25(self, query: str, documents: list[str] | None) -> list[str]:
        index = self.index
        scores = index.bm25.scores(self.query_tokens(query)) if index.bm25 else np.zeros(0)
        if documents:
            scores = np.where(index.in_documents(documents), scores, 0.0)
        return [index.chunks[i].id for i in top_positive(scores, self.candidates)]

    def query_tokens(self, query: str) -> list[str]:
        """BM25 tokens of ``query`` and of the plans' words for its everyday words (``充电桩`` → ``充电基础设施``)."""
        index = self.index
        tokens = index.segmenter.tokens(query)
        expansions = wording_for(index, self.glossary).expansions(query)
        extra = [t for w in expansions for t in index.segmenter.tokens(w) if t not in tokens]
        return tokens + list(dict.fromkeys(extra))

    def _dense(self, query: str, documents: list[str] | None) -> dict[str, float]:
        assert self.embeddings is not None
        n = min(self.candidates, len(self.index.chunks))
        if n == 0:
            return {}
        words = self.query_words(query) if self.query_words is not None else []
        vector = self.embeddings.embed_queries([query, *words])[0]
        hits = self.index.store.dense_search(self.index.manifest, vector, n, documents)
        return {chunk_id: 1.0 - distance for chunk_id, distance in hits if chunk_id in self.index.chunk_rows}

    def _document(self, chunk_id: str, score: float, similarity: float | None) -> Document:
        chunk = self.index.chunks[self.index.chunk_rows[chunk_id]]
        doc = self.index.documents[chunk.doc_id]
        metadata: dict[str, Any] = {
            "id": chunk.id,
            "doc_id": chunk.doc_id,
            "document": doc.title,
            "section": chunk.section,
            "start": chunk.start,
            "end": chunk.end,
            "score": round(score, 6),
        }
        if similarity is not None:
            metadata["similarity"] = round(similarity, 6)
        return Document(page_content=chunk.text, metadata=metadata, id=chunk.id)
