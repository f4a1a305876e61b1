"""The wiring of a question's chain over one index: retriever → answerer (the LLM answerer when configured).

The grounding check of LLM replies scans for every unit alias of the index, so it is built once per index.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from policykb.bot.answer import Answer
from policykb.bot.keeper import IndexKeeper, PerIndex
from policykb.bot.thresholds import Thresholds
from policykb.kb.glossary import Glossary
from policykb.kb.settings import Settings
from policykb.prompts.library import Phrases

if TYPE_CHECKING:  # the answering side is imported when first used, so `policykb ingest` starts fast
    from langchain_core.language_models import BaseChatModel
    from langchain_core.runnables import Runnable

    from policykb.bot.answerer import OfflineAnswerer
    from policykb.bot.chain import Answering
    from policykb.bot.grounding import GroundingCheck
    from policykb.bot.llm import LLMAnswerer
    from policykb.bot.retriever import HybridRetriever, Mode
    from policykb.kb.index import KnowledgeIndex
    from policykb.prompts.llm import LLMPrompts


def grounding_check(index: KnowledgeIndex) -> GroundingCheck:
    from policykb.bot.grounding import GroundingCheck

    return GroundingCheck(index)


class Wiring:
    """Builds the retriever, the answerers and the chain of a question from the settings.

    Args:
        settings: the settings (retrieval weights, ``top_k``, the LLM endpoint).
        keeper: where the embedding model is loaded, on first use.
        phrases, thresholds, glossary: what the offline answers are written and judged with.
        llm_prompts, llm_model: the LLM's prompts and chat model (``None``: no LLM configured).
    """

    def __init__(
        self,
        settings: Settings,
        keeper: IndexKeeper,
        phrases: Phrases,
        thresholds: Thresholds,
        glossary: Glossary,
        llm_prompts: LLMPrompts | None,
        llm_model: BaseChatModel | None,
    ) -> None:
        self.settings = settings
        self.keeper = keeper
        self.phrases, self.thresholds, self.glossary = phrases, thresholds, glossary
        self.llm_prompts, self.llm_model = llm_prompts, llm_model
        self.grounding: PerIndex[GroundingCheck] = PerIndex(grounding_check)

    def retriever(
        self, index: KnowledgeIndex, mode: Mode = "hybrid", doc_ids: list[str] | None = None, k: int | None = None
    ) -> HybridRetriever:
        from policykb.bot.retriever import HybridRetriever

        s = self.settings
        return HybridRetriever(
            index=index,
            embeddings=self.keeper.embeddings if mode != "bm25" else None,
            k=k or s.top_k,
            mode=mode,
            bm25_weight=s.bm25_weight,
            dense_weight=s.dense_weight,
            rrf_k=s.rrf_k,
            candidates=s.candidates,
            documents=doc_ids,
            glossary=self.glossary,
        )

    def answerer(self, index: KnowledgeIndex, structured: bool = True, dense: bool = True) -> OfflineAnswerer:
        from policykb.bot.answerer import OfflineAnswerer

        embeddings = self.keeper.embeddings if dense else None
        return OfflineAnswerer(
            index,
            self.phrases,
            self.thresholds,
            self.settings.top_k,
            structured,
            embeddings,
            self.glossary,
            self.settings.today_date,
        )

    def final_answerer(self, offline: OfflineAnswerer, structured: bool = True) -> OfflineAnswerer | LLMAnswerer:
        """The LLM answerer around ``offline`` when an endpoint is configured, else ``offline``."""
        if self.llm_model is None or self.llm_prompts is None or not structured:
            return offline
        from policykb.bot.llm import LLMAnswerer

        grounding = self.grounding(offline.index)
        return LLMAnswerer(self.settings, offline, self.llm_prompts, self.llm_model, grounding)

    def chain(
        self, index: KnowledgeIndex, doc_ids: list[str] | None, mode: Mode, structured: bool, final: bool = True
    ) -> Runnable[str, Answer]:
        """question → retriever → answerer (the LLM answerer when configured and ``final``)."""
        from policykb.bot.chain import build_chain

        answerer = self.answerer(index, structured, dense=mode != "bm25")
        chosen: Answering = self.final_answerer(answerer, structured) if final else answerer
        retriever = self.retriever(index, mode, doc_ids)
        retriever.query_words = answerer.query_words  # the question and its words: one model call
        return build_chain(retriever, chosen, doc_ids)
