"""The targets' vectors held with the loaded index answer a search within some plans as Chroma's filtered query
does: the same targets, in the same order, at the same distances (real Chroma, the e5 model, real plans' forms)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from policykb.kb.index import KnowledgeIndex

FIXTURES = Path(__file__).parent / "data" / "plans"
SECOND = ("linchuan_rural_tasks.txt", "dongpu_work_report_2023.txt", "hexi_work_report_2024_table.txt")
WORDS = ["清洁取暖", "新能源汽车", "农村生活污水", "财政收入", "城镇新增就业", "天然气管网", "养殖场", "充电桩"]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory, e5_bot) -> KnowledgeIndex:
    """The shipped plan in one segment (a copy of ``e5_bot``'s index), three invented plans in a second."""
    from tests.conftest import bot_on_a_copy

    home = tmp_path_factory.mktemp("matrix")
    folder = home / "plans"
    folder.mkdir()
    for name in SECOND:
        shutil.copy(FIXTURES / name, folder / name)
    bot = bot_on_a_copy(e5_bot, home / "home")
    bot.ingest([folder])
    loaded = bot.ready()
    assert len(loaded.manifest.live_segments) == 2
    return loaded


def scopes(index: KnowledgeIndex) -> list[list[str]]:
    """Each plan alone, plans of both segments together, and a whole segment plus a plan of the other."""
    plans = list(index.documents)
    first = [d for d in plans if index.manifest.segment_of(d) == index.manifest.live_segments[0]]
    second = [d for d in plans if d not in first]
    return [[d] for d in plans] + [[first[0], second[0]], [*second, first[0]], second[:2]]


def same_hits(held: list[tuple[str, float]], stored: list[tuple[str, float]]) -> None:
    """The same targets at the same distances; targets at one distance (the same vector) in either order."""
    assert len(held) == len(stored)
    assert [d for _, d in held] == pytest.approx([d for _, d in stored], abs=1e-5)
    assert sorted((round(d, 4), i) for i, d in held) == sorted((round(d, 4), i) for i, d in stored)


@pytest.mark.parametrize("n", [64, 5])
def test_a_search_within_plans_finds_what_chromas_filtered_query_finds(index: KnowledgeIndex, e5, n: int) -> None:
    matrix = index.target_matrix
    assert matrix is not None and matrix.holds(index.documents)
    assert sum(len(d.targets) for d in index.documents.values()) > 60
    vectors = e5.embed_queries(WORDS)
    for scope in scopes(index):
        held = matrix.nearest(vectors, n, scope)
        stored = index.store.target_searches(index.manifest, vectors, n, scope)
        for word, mine, chromas in zip(WORDS, held, stored):
            assert mine, (word, scope)
            same_hits(mine, chromas)
            assert all(index.target_by_id[i].doc_id in scope for i, _ in mine)
            assert len(mine) == min(n, sum(len(index.documents[d].targets) for d in set(scope)))  # none missed


def test_the_index_searches_in_memory_only_within_plans(index: KnowledgeIndex, e5, monkeypatch) -> None:
    vector = e5.embed_queries(["清洁取暖"])
    plan = next(iter(index.documents))
    everywhere = index.store.target_searches(index.manifest, vector, 64, None)
    assert index.target_searches(vector, 64, None) == everywhere  # every plan: the store's own index
    expected = index.store.target_searches(index.manifest, vector, 64, [plan])

    def refuse(*_args, **_kwargs):
        raise AssertionError("a search within plans went to the store")

    monkeypatch.setattr(index.store, "target_searches", refuse)
    same_hits(index.target_searches(vector, 64, [plan])[0], expected[0])
    with pytest.raises(AssertionError):
        index.target_searches(vector, 64, ["no-such-plan"])  # not held: the store answers (here: refuses)
