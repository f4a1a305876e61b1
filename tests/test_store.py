"""The ``Store`` protocol, held by two implementations: Chroma (embedded, on disk) and a store in memory
(``tests/memory_store.py``). Every test runs on both, so what the engine, the index and ingest rely on is the
protocol and not Chroma; the last one answers questions over each and finds the same answers."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest

from policykb.ingest.parser import parse_text
from policykb.kb.lock import IngestBusyError, IngestConflictError, Lease
from policykb.kb.manifest import FORMAT, Manifest
from policykb.kb.records import DocumentRecord
from policykb.kb.storage import LeaseRecord, Store
from policykb.kb.store import KnowledgeStore
from policykb.kb.target_matrix import TargetMatrix
from policykb.kb.task_vectors import TaskVectors
from policykb.kb.word_vectors import WordVectors, word_vector_id
from tests.memory_store import MemoryStore

PLAN = """东浦区“十四五”{topic}规划
一、主要目标
到2025年，全区{topic}覆盖率达到{rate}%。
二、重点任务
（一）{topic}提升行动。完善{topic}网络，到2025年新建站点12个。（区{topic}局负责）
"""


def make_store(kind: str, path: Path) -> Store:
    if kind == "memory":
        return MemoryStore()
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    client = chromadb.PersistentClient(path=str(path / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))
    return KnowledgeStore(client, "contract")


@pytest.fixture(params=["chroma", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    return make_store(request.param, tmp_path)


def doc(doc_id: str, topic: str, rate: int = 80) -> DocumentRecord:
    return parse_text(PLAN.format(topic=topic, rate=rate), doc_id, f"{doc_id}.txt", 300)


def vectors_of(docs: list[DocumentRecord], axis: dict[str, int]) -> dict[str, list[float]]:
    """Vectors that point each document's passages along its own axis (a chunk's a little off it)."""
    out: dict[str, list[float]] = {}
    for d in docs:
        for n, passage in enumerate([*d.chunks, *d.targets]):
            vector = [0.0, 0.0, 0.0]
            vector[axis[d.doc_id]] = 1.0
            vector[(axis[d.doc_id] + 1) % 3] = 0.1 * n
            out[passage.id] = vector
    return out


def manifest_of(generation: int, segments: dict[int, list[DocumentRecord]]) -> Manifest:
    documents = {d.doc_id: {"chunks": len(d.chunks), "targets": len(d.targets), "segment": s}
                 for s, docs in segments.items() for d in docs}  # fmt: skip
    return Manifest(generation, "b", "m", 3, 300, documents, format=FORMAT, segments=sorted(segments))


def test_an_empty_store_has_no_manifest_segment_or_lease(store: Store) -> None:
    assert store.manifest() is None and store.generations() == [] and store.latest_lease() is None


def test_a_committed_generation_is_read_back(store: Store) -> None:
    water, gas = doc("water", "供水"), doc("gas", "供气")
    vectors = vectors_of([water, gas], {"water": 0, "gas": 1})
    segment = store.claim_segment(1, "writer")
    store.write_segment(segment, [water, gas], vectors)
    store.commit(manifest_of(1, {segment: [water, gas]}), base=0)
    manifest = store.manifest()
    assert manifest is not None and manifest.generation == 1 and store.generations() == [segment]
    assert [d.to_dict() for d in store.documents(manifest)] == [water.to_dict(), gas.to_dict()]
    assert store.missing_documents(manifest) == []
    some = [water.chunks[0].id, gas.targets[0].id, "no-such-id"]
    held = store.vectors(manifest, [*some, some[0]])  # an id asked twice (two tasks of one text) is read once
    assert sorted(held) == sorted(some[:2]) and held[gas.targets[0].id] == pytest.approx(vectors[gas.targets[0].id])
    nearest = store.dense_search(manifest, [0.0, 1.0, 0.0], 2)
    assert [hit[0] for hit in nearest] == [gas.chunks[0].id, gas.chunks[1].id] and nearest[0][1] == pytest.approx(0)
    only_water = store.dense_search(manifest, [0.0, 1.0, 0.0], 1, doc_ids=["water"])
    assert [hit[0] for hit in only_water] == [water.chunks[-1].id]  # the water chunk leaning most towards gas
    assert store.target_search(manifest, [1.0, 0.0, 0.0], 1)[0][0] == water.targets[0].id
    asked = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]  # a question's words: one search, each vector's own nearest
    each = [store.target_search(manifest, v, 2, doc_ids=["water", "gas"]) for v in asked]
    assert store.target_searches(manifest, asked, 2, doc_ids=["water", "gas"]) == each
    assert each[0][0][0] == water.targets[0].id and each[1][0][0] == gas.targets[0].id


def test_target_vectors_held_in_memory_search_as_the_store_does(store: Store) -> None:
    """The index's in-memory search within some plans (:class:`TargetMatrix`) reads its vectors through the
    protocol and finds what the store's own filtered search finds, across two segments."""
    water, gas, heat = doc("water", "供水"), doc("gas", "供气", 90), doc("heat", "供热", 70)
    vectors = vectors_of([water, gas, heat], {"water": 0, "gas": 1, "heat": 2})
    first, second = store.claim_segment(1, "writer"), store.claim_segment(2, "writer")
    store.write_segment(first, [water, gas], vectors)
    store.write_segment(second, [heat], vectors)
    store.commit(manifest_of(1, {first: [water, gas], second: [heat]}), base=0)
    manifest = store.manifest()
    assert manifest is not None
    matrix = TargetMatrix(store, manifest, {d.doc_id: d for d in store.documents(manifest)})
    assert matrix.holds(["water", "gas", "heat"]) and not matrix.holds(["water", "oil"])
    asked = [[1.0, 0.2, 0.0], [0.0, 0.3, 1.0], [0.5, 0.4, 0.27]]  # no two targets equally near
    for scope in (["water"], ["gas", "heat"], ["heat", "water", "gas"]):
        for n in (1, 2, 64):
            held = matrix.nearest(asked, n, scope)
            stored = store.target_searches(manifest, asked, n, doc_ids=scope)
            assert [[i for i, _ in hits] for hits in held] == [[i for i, _ in hits] for hits in stored]
            for mine, theirs in zip(held, stored):
                assert [d for _, d in mine] == pytest.approx([d for _, d in theirs], abs=1e-6)
    assert matrix.nearest(asked, 64, ["gas"])[0][0][0] == gas.targets[0].id


def test_task_vectors_are_stored_with_the_segment_and_read_once_per_plan(store: Store) -> None:
    """A task's vector written with its segment is read back by the index's :class:`TaskVectors`: every task of a
    plan in one read, the first time one of them is compared; a task the segment holds no vector of reads ``None``
    (an index written before tasks had vectors: the answer embeds it then)."""
    water, gas = doc("water", "供水"), doc("gas", "供气")
    vectors = vectors_of([water, gas], {"water": 0, "gas": 1})
    task = water.tasks[0]
    vectors[task.vector_id] = [0.3, 0.0, 0.9]
    segment = store.claim_segment(1, "writer")
    store.write_segment(segment, [water, gas], vectors)  # no vector given for the gas plan's task
    store.commit(manifest_of(1, {segment: [water, gas]}), base=0)
    manifest = store.manifest()
    assert manifest is not None and task.vector_id != gas.tasks[0].vector_id
    reads: list[list[str]] = []
    read = store.vectors
    store.vectors = lambda m, ids, kind="": reads.append(list(ids)) or read(m, ids, kind)  # type: ignore[method-assign]
    held = TaskVectors(store, manifest, {d.doc_id: d for d in store.documents(manifest)})
    assert held.of([task, gas.tasks[0]]) == [pytest.approx([0.3, 0.0, 0.9]), None]
    assert held.of([gas.tasks[0], task]) == [None, pytest.approx([0.3, 0.0, 0.9])]
    assert reads == [[task.vector_id, gas.tasks[0].vector_id]]  # once for both plans, never again


def test_target_words_vectors_are_stored_with_the_segment_and_read_once(store: Store) -> None:
    """A target word's query vector written with its segment (once, whichever plans name the word) is read back by
    the index's :class:`WordVectors`: every word's in one read, at the first look; a word no plan's targets hold,
    or one the segment holds no vector of, has none (the answer embeds it)."""
    water, gas = doc("water", "供水"), doc("gas", "供气")
    water.words, gas.words = ["供水", "覆盖率", "站点"], ["供气", "覆盖率"]
    vectors = vectors_of([water, gas], {"water": 0, "gas": 1})
    vectors.update({word_vector_id(w): [0.0, 0.2 * n, 1.0] for n, w in enumerate(["供水", "覆盖率", "供气"])})
    segment = store.claim_segment(1, "writer")
    store.write_segment(segment, [water, gas], vectors)  # no vector given for 站点
    store.commit(manifest_of(1, {segment: [water, gas]}), base=0)
    manifest = store.manifest()
    assert manifest is not None
    reads: list[list[str]] = []
    read = store.vectors
    store.vectors = lambda m, ids, kind="": reads.append(list(ids)) or read(m, ids, kind)  # type: ignore[method-assign]
    held = WordVectors(store, manifest, {d.doc_id: d for d in store.documents(manifest)})
    assert held.of(["覆盖率", "公交"]) == {"覆盖率": pytest.approx([0.0, 0.2, 1.0])}
    assert held.of(["供气", "站点"]) == {"供气": pytest.approx([0.0, 0.4, 1.0])}
    assert held.lacking(["公交", "供水", "站点"]) == ["公交", "站点"]
    assert len(reads) == 1 and sorted(reads[0]) == sorted(word_vector_id(w) for w in ["供水", "覆盖率", "站点", "供气"])


def test_stored_vectors_are_found_whichever_kind_is_read_first(store: Store) -> None:
    """``vectors`` finds every id asked of it (a chunk's, a target's, a task's, a word's, of two segments) whichever
    kind it is told the ids are: the hint orders where it looks, never what it finds."""
    water, heat = doc("water", "供水"), doc("heat", "供热", 70)
    water.words = ["供水"]
    vectors = vectors_of([water, heat], {"water": 0, "heat": 2})
    vectors[water.tasks[0].vector_id] = [0.3, 0.0, 0.9]
    vectors[word_vector_id("供水")] = [0.0, 0.2, 1.0]
    first, second = store.claim_segment(1, "writer"), store.claim_segment(2, "writer")
    store.write_segment(first, [water], vectors)
    store.write_segment(second, [heat], vectors)
    store.commit(manifest_of(1, {first: [water], second: [heat]}), base=0)
    manifest = store.manifest()
    assert manifest is not None
    ids = [heat.targets[0].id, water.chunks[0].id, water.tasks[0].vector_id, word_vector_id("供水"), "absent"]
    whole = store.vectors(manifest, ids)
    assert sorted(whole) == sorted(ids[:4])
    for kind in ("targets", "tasks", "words", "chunks"):
        assert store.vectors(manifest, ids, kind) == whole


def test_vectors_are_read_through_the_segments_kept_handles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan's vectors read on first need open the segment's collection once (a lookup costs as much as the
    read), and the targets' collection before the chunks' when the ids are targets'."""
    store = make_store("chroma", tmp_path)
    water = doc("water", "供水")
    segment = store.claim_segment(1, "writer")
    vectors = vectors_of([water], {"water": 0})
    store.write_segment(segment, [water], vectors)
    store.commit(manifest_of(1, {segment: [water]}), base=0)
    manifest = store.manifest()
    assert manifest is not None and isinstance(store, KnowledgeStore)
    opened: list[str] = []
    get = store.client.get_collection
    monkeypatch.setattr(store.client, "get_collection", lambda name, **kw: opened.append(name) or get(name, **kw))
    for target in (water.targets[0], water.targets[-1], water.targets[0]):
        assert store.vectors(manifest, [target.id], "targets") == {target.id: pytest.approx(vectors[target.id])}
    assert opened == [store.targets_name(manifest.live_segments[0])]


def test_the_manifest_is_parsed_once_per_generation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every question reads the manifest (another process may have committed); its text is parsed only when the
    commit's number changed."""
    store = make_store("chroma", tmp_path)
    parsed: list[str] = []
    parse = Manifest.from_json
    monkeypatch.setattr(Manifest, "from_json", classmethod(lambda cls, text: parsed.append(text) or parse(text)))
    water = doc("water", "供水")
    first = store.claim_segment(1, "writer")
    store.write_segment(first, [water], vectors_of([water], {"water": 0}))
    store.commit(manifest_of(1, {first: [water]}), base=0)
    assert [store.manifest().generation for _ in range(3)] == [1, 1, 1]  # type: ignore[union-attr]
    assert len(parsed) == 1
    gas = doc("gas", "供气")
    second = store.claim_segment(2, "writer")
    store.write_segment(second, [gas], vectors_of([gas], {"gas": 1}))
    store.commit(manifest_of(2, {first: [water], second: [gas]}), base=1)
    assert [store.manifest().generation for _ in range(3)] == [2, 2, 2]  # type: ignore[union-attr]
    assert len(parsed) == 2 and list(store.manifest().documents) == ["water", "gas"]  # type: ignore[union-attr]


def test_a_commit_on_a_moved_base_is_refused(store: Store) -> None:
    store.commit(manifest_of(1, {}), base=0)
    store.check_base(1)
    with pytest.raises(IngestConflictError):
        store.check_base(0)
    with pytest.raises(IngestConflictError):
        store.commit(replace(manifest_of(1, {}), writer="other"), base=0)  # another writer that started from 0
    store.commit(manifest_of(2, {}), base=1)
    assert store.manifest().generation == 2  # type: ignore[union-attr]


def test_a_segment_number_is_one_writers_own(store: Store) -> None:
    first = store.claim_segment(3, "a")
    assert first == 3 and store.claim_segment(3, "b") == 4 and store.claim_segment(3, "a") == 3
    assert store.claim_segment(3, "c", takeover=True) == 3  # an exclusive writer takes the number over


def test_garbage_is_what_no_manifest_reads_below_the_current_one(store: Store) -> None:
    docs = {n: doc(f"d{n}", topic) for n, topic in ((1, "供水"), (2, "供气"), (3, "供热"), (5, "供电"))}
    for n, d in docs.items():
        store.write_segment(store.claim_segment(n, "writer"), [d], vectors_of([d], {d.doc_id: 0}))
    store.commit(manifest_of(3, {2: [docs[2]], 3: [docs[3]]}), base=None)
    assert store.collect_garbage(keep={1}) == []  # 1 kept, 2 and 3 read, 5 may be the next writer's
    assert store.collect_garbage(keep=set()) == [1] and store.generations() == [2, 3, 5]
    lost = manifest_of(4, {2: [docs[2]], 4: [doc("d4", "供冷")]})
    assert store.missing_documents(lost) == ["d4"]


def test_a_lease_is_claimed_once_renewed_and_pruned(store: Store) -> None:
    first = Lease(store, ttl=60)
    first.acquire(timeout=0)
    with pytest.raises(IngestBusyError):
        Lease(store, ttl=60).acquire(timeout=0)
    first.release()
    second = Lease(store, ttl=60)
    second.acquire(timeout=0)  # a released lease is free at once
    assert second.number == 2 and store.latest_lease().owner == second.owner  # type: ignore[union-attr]
    assert store.claim_lease(LeaseRecord(1, "late", time.time() + 60))  # a pruned number, claimed again
    assert not store.claim_lease(LeaseRecord(2, "late", time.time() + 60))  # the current one is not
    second.check()
    store.prune_leases(3)
    assert store.latest_lease() is None


def test_the_bot_answers_the_same_over_either_store(tmp_path: Path, minilm, second_plan: Path) -> None:
    from policykb.bot.engine import KnowledgeBot
    from tests.conftest import make_settings

    questions = [
        "到2025年，全市公共充电桩数量达到多少？",
        "充电网络建设行动由哪些单位牵头？",
        "慢行系统提升行动由谁负责？",
    ]
    answers = []
    for kind in ("chroma", "memory"):
        settings = make_settings(tmp_path / kind)
        store = make_store(kind, tmp_path / kind) if kind == "memory" else None
        bot = KnowledgeBot(settings, embeddings=minilm, show_progress=False, store=store)
        report = bot.ingest([second_plan])
        assert report.added == ["hecheng-green-transport"] and bot.ingest([second_plan]).unchanged
        answers.append([bot.ask(q).to_dict() for q in questions])
    assert answers[0] == answers[1]
    assert "1200个" in answers[1][0]["answer"] and "市城建委" in answers[1][1]["answer"]
