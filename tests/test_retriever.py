"""The hybrid retriever is a real LangChain BaseRetriever, checked with LangChain's standard tests."""

from __future__ import annotations

import pytest
from langchain_tests.integration_tests import RetrieversIntegrationTests

from policykb.bot.retriever import HybridRetriever


@pytest.fixture(scope="module")
def index(bot):
    return bot.index()


class TestHybridRetrieverStandard(RetrieversIntegrationTests):
    """LangChain's shared retriever tests against the real index (embedded Chroma, packaged MiniLM)."""

    @pytest.fixture(autouse=True)
    def _setup(self, bot):
        type(self)._bot = bot

    @property
    def retriever_constructor(self) -> type[HybridRetriever]:
        return HybridRetriever

    @property
    def retriever_constructor_params(self) -> dict:
        return {"index": self._bot.index(), "embeddings": self._bot.embeddings, "k": 5}

    @property
    def retriever_query_example(self) -> str:
        return "清洁取暖率要提高到多少"


@pytest.mark.parametrize("mode", ["bm25", "dense", "hybrid"])
def test_documents_carry_section_and_document(bot, mode):
    retriever = HybridRetriever(index=bot.index(), embeddings=bot.embeddings, k=3, mode=mode)
    docs = retriever.invoke("城市公交领域新能源汽车占比")
    assert len(docs) == 3
    for doc in docs:
        assert doc.metadata["document"] == "齐齐哈尔市“十四五”节能减排综合工作实施方案"
        assert doc.metadata["section"]
        assert doc.metadata["score"] > 0


def test_bm25_finds_the_exact_section(bot):
    retriever = HybridRetriever(index=bot.index(), k=1, mode="bm25")
    top = retriever.invoke("城市公交领域新能源汽车占比达到多少")[0]
    assert top.metadata["section"].endswith("（四）交通物流节能减排工程")


def test_hybrid_fuses_with_weights(bot):
    index = bot.index()
    bm25_only = HybridRetriever(index=index, embeddings=bot.embeddings, k=5, dense_weight=0.0)
    plain_bm25 = HybridRetriever(index=index, k=5, mode="bm25")
    query = "畜禽粪污综合利用率"
    assert [d.id for d in bm25_only.invoke(query)] == [d.id for d in plain_bm25.invoke(query)]
    dense_only = HybridRetriever(index=index, embeddings=bot.embeddings, k=5, bm25_weight=0.0)
    plain_dense = HybridRetriever(index=index, embeddings=bot.embeddings, k=5, mode="dense")
    assert [d.id for d in dense_only.invoke(query)] == [d.id for d in plain_dense.invoke(query)]


def test_filter_by_document(tmp_path, minilm, second_plan):
    from policykb.bot.engine import KnowledgeBot, shipped_sources
    from tests.conftest import make_settings

    two = KnowledgeBot(make_settings(tmp_path / "h"), embeddings=minilm, show_progress=False)
    two.ingest([*shipped_sources(), second_plan])
    retriever = HybridRetriever(index=two.index(), embeddings=minilm, k=5, documents=["hecheng-green-transport"])
    docs = retriever.invoke("新能源汽车")
    assert docs and {d.metadata["doc_id"] for d in docs} == {"hecheng-green-transport"}


def test_the_best_bm25_rows_are_those_a_stable_sort_of_every_score_gives(index):
    """``top_positive`` (the best rows without sorting all 78,000 of a 1,000-plan corpus) keeps the positive rows
    among the first ``n`` of a stable sort of every score, in its order: ties in row order, zeros left out."""
    import numpy as np

    from policykb.kb.bm25 import top_positive

    def stable(scores: np.ndarray, n: int) -> list[int]:
        return [int(i) for i in np.argsort(-scores, kind="stable")[:n] if scores[i] > 0]

    asked = ("清洁取暖率要提高到多少", "市发改委负责什么", "无此词")
    real = [index.bm25.scores(index.segmenter.tokens(q)) for q in asked]
    tied = np.array([0.0, 2.0, 1.0, 2.0, 0.0, 1.0, 1.0, 3.0, -1.0], dtype=np.float32)
    for scores in [*real, tied, np.zeros(4, dtype=np.float32)]:
        for n in (0, 1, 2, 3, 4, 5, 30, 10_000):
            assert top_positive(scores, n).tolist() == stable(scores, n)
