"""LangChain's stock recipe, as a baseline: RecursiveCharacterTextSplitter chunks, an
``EnsembleRetriever`` of ``BM25Retriever`` (jieba tokens) and Chroma, answered by the
same quote-the-best-sentence answerer and thresholds the bot uses for plain facts.
"""

from __future__ import annotations

import uuid
import warnings
from typing import Any

import chromadb
import jieba

from policykb.bot.answerer import Thresholds
from policykb.bot.answers.plain_facts import best_sentence
from policykb.bot.evidence import Evidence
from policykb.bot.kinds import QuestionKind
from policykb.kb.bm25 import BM25Index
from policykb.kb.embedding import EmbeddingModel
from policykb.kb.records import DocumentRecord
from policykb.kb.segmenter import Segmenter
from policykb.prompts.library import Phrases


class StockRecipe:
    """The recipe a LangChain tutorial gives, over the same documents and the same model."""

    def __init__(
        self,
        documents: list[DocumentRecord],
        embeddings: EmbeddingModel,
        phrases: Phrases,
        k: int = 5,
        chunk_size: int = 300,
    ) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            from langchain_chroma import Chroma
            from langchain_classic.retrievers import EnsembleRetriever
            from langchain_community.retrievers import BM25Retriever
            from langchain_core.documents import Document
            from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(chunk_size=chunk_size, chunk_overlap=30, add_start_index=True)
        self.documents = {d.doc_id: d for d in documents}
        chunks = splitter.split_documents(
            [Document(page_content=d.text, metadata={"doc_id": d.doc_id, "document": d.title}) for d in documents]
        )
        bm25 = BM25Retriever.from_documents(chunks, preprocess_func=jieba.lcut, k=k)
        client = chromadb.EphemeralClient()
        step = client.get_max_batch_size()  # one add of a large corpus exceeds Chroma's batch limit
        store = Chroma(
            collection_name=f"stock-{uuid.uuid4().hex[:8]}",
            embedding_function=embeddings,
            client=client,
            collection_metadata={"hnsw:space": "cosine"},
        )
        for i in range(0, len(chunks), step):
            store.add_documents(chunks[i : i + step])
        self.retriever = EnsembleRetriever(
            retrievers=[bm25, store.as_retriever(search_kwargs={"k": k})], weights=[0.5, 0.5]
        )
        self.k = k
        self.phrases = phrases
        self.thresholds = Thresholds()
        self.segmenter = Segmenter([t for d in documents for t in d.terms])
        self.bm25 = BM25Index([self.segmenter.tokens(c.page_content) for c in chunks])
        self.chunk_count = len(chunks)

    def section_of(self, doc_id: str, start: int) -> str:
        doc = self.documents[doc_id]
        inside = [s for s in doc.sections if s.start <= start < s.end]
        return inside[-1].label if inside else ""

    def ask(self, question: str) -> dict[str, Any]:
        """An answer object shaped like :meth:`Answer.to_dict`."""
        docs = self.retriever.invoke(question)[: self.k]
        sources = [
            {
                "document": d.metadata["document"],
                "doc_id": d.metadata["doc_id"],
                "section": self.section_of(d.metadata["doc_id"], d.metadata.get("start_index", 0)),
                "text": d.page_content,
                "score": 0.0,
            }
            for d in docs
        ]
        evidence = Evidence.of(question, self.segmenter, self.bm25)
        best = best_sentence(evidence, [(s["section"], s["text"]) for s in sources])
        if best is None or best.support < self.thresholds.fact:
            return {
                "question": question,
                "answer": self.phrases("refusal.generic"),
                "answerable": False,
                "kind": QuestionKind.FACT,
                "sources": sources,
            }
        answer = self.phrases("fact.quote", sentence=best.sentence, section=best.section)
        return {
            "question": question,
            "answer": answer,
            "answerable": True,
            "kind": QuestionKind.FACT,
            "sources": sources,
        }
