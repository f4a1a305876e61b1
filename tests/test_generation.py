"""The next generation planned without a store: which documents it holds and which a new segment writes."""

from __future__ import annotations

from policykb.ingest.generation import LOST, plan_generation, summaries, untouched
from policykb.ingest.parser import parse_text
from policykb.kb.manifest import FORMAT, Manifest
from policykb.kb.records import DocumentRecord

CHUNK = 300
PLAN = """青禾市“十四五”{topic}规划
一、主要目标
到2025年，全市{topic}覆盖率达到{rate}%。
二、重点任务
（一）{topic}提升行动。完善{topic}网络，到2025年新建站点{count}个。（市{topic}局负责）
"""


def doc(doc_id: str, topic: str, rate: int = 80, count: int = 12) -> DocumentRecord:
    return parse_text(PLAN.format(topic=topic, rate=rate, count=count), doc_id, f"{doc_id}.txt", CHUNK)


def manifest_of(segments: dict[int, list[DocumentRecord]], chunk_size: int = CHUNK) -> Manifest:
    """The manifest of an index whose segment ``n`` holds ``segments[n]``."""
    entries: dict[str, dict[str, object]] = {}
    for segment, docs in segments.items():
        entries.update(summaries(docs, {d.doc_id for d in docs}, None, {}, segment))
    top = max(segments)
    return Manifest(top, "b", "m", 3, chunk_size, entries, format=FORMAT, segments=sorted(segments))


def plan(manifest, current, parsed=(), remove=(), rebuild=False, max_segments=8, **kw):
    return plan_generation(manifest, list(current), list(parsed), list(remove), rebuild, CHUNK, max_segments, **kw)


def ids(docs: list[DocumentRecord]) -> list[str]:
    return [d.doc_id for d in docs]


def test_a_first_generation_writes_every_document():
    docs = [doc("a", "供水"), doc("b", "供气")]
    result = plan(None, [], docs)
    assert result.added == ["a", "b"] and ids(result.fresh) == ["a", "b"] and result.changed


def test_an_added_document_alone_goes_to_the_new_segment():
    a, b = doc("a", "供水"), doc("b", "供气")
    result = plan(manifest_of({1: [a, b]}), [a, b], [doc("c", "供热")])
    assert result.added == ["c"] and ids(result.documents) == ["a", "b", "c"] and ids(result.fresh) == ["c"]


def test_a_replaced_document_takes_its_segment_mates_along():
    a, b, c = doc("a", "供水"), doc("b", "供气"), doc("c", "供热")
    result = plan(manifest_of({1: [a, b], 2: [c]}), [a, b, c], [doc("a", "供水", rate=90)])
    assert result.replaced == ["a"] and ids(result.fresh) == ["a", "b"]  # segment 1 is left for no reader


def test_the_same_text_again_is_unchanged_unless_rebuilt():
    a = doc("a", "供水")
    manifest = manifest_of({1: [a]})
    again = plan(manifest, [a], [doc("a", "供水")])
    assert again.unchanged == ["a"] and not again.changed and not again.fresh
    assert untouched(manifest, [], [], False, CHUNK) and not untouched(manifest, [], [], False, CHUNK + 1)
    rebuilt = plan(manifest, [a], [doc("a", "供水")], rebuild=True)
    assert rebuilt.rebuilt and rebuilt.replaced == ["a"] and ids(rebuilt.fresh) == ["a"]


def test_removed_and_lost_documents_leave_the_generation():
    a, b, c = doc("a", "供水"), doc("b", "供气"), doc("c", "供热")
    result = plan(manifest_of({1: [a, b, c]}), [a, b], remove=["a"])  # c is listed, its records gone
    assert result.removed == ["a", "c"] and result.failed == {"c": LOST} and ids(result.documents) == ["b"]


def test_segments_beyond_the_limit_are_folded_into_the_new_one():
    a, b, c, d = doc("a", "供水"), doc("b", "供气"), doc("c", "供热"), doc("d", "供电")
    manifest = manifest_of({1: [a], 2: [b, d]})
    result = plan(manifest, [a, b, d], [c], max_segments=2)
    assert ids(result.fresh) == ["a", "c"]  # the smaller segment folded in, the larger kept
    assert ids(plan(manifest, [a, b, d], [c], max_segments=3).fresh) == ["c"]


def test_a_document_over_the_passage_ceiling_fails_by_its_path():
    big = doc("a", "供水")
    result = plan(None, [], [big], max_passages=1, paths={"a": "/plans/a.txt"})
    assert not result.documents and "文件过大" in result.failed["/plans/a.txt"]
