"""Issue 24: a writer whose commit another writer overtook plans it again on the new index instead of failing.

Everything real (embedded Chroma, jieba, the packaged MiniLM). Writer B commits at the exact point where writer A
has planned and checked its base and is about to commit: B runs inside A's call to the real store's ``commit``.
The race on a real `chroma run` server, with A stopped by SIGSTOP, is in ``tests/test_commit.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from policykb.bot.engine import KnowledgeBot
from policykb.ingest.pipeline import Ingestor
from policykb.kb.lock import IngestConflictError
from tests.conftest import SECOND_PLAN, make_settings
from tests.test_commit import answerable_everywhere

WATER_PLAN = "青禾市节水方案\n一、主要目标\n到2025年，全市节水器具普及率达到90%。\n"
PARK_PLAN = "东浦区口袋公园建设方案\n一、主要目标\n到2026年，全区新建口袋公园30个。\n"
FOREST_PLAN = "桐溪县森林覆盖提升方案\n一、主要目标\n到2027年，全县森林覆盖率达到68%。\n"


class Overtaken:
    """The real store, as writer A sees it: before A's next commit, the next of ``rivals`` (another writer's
    whole ingest, on the store itself) commits first."""

    def __init__(self, store: Any, rivals: list[Any]) -> None:
        self.store, self.rivals = store, rivals

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def commit(self, manifest: Any, base: int | None = None) -> None:
        if self.rivals:
            self.rivals.pop(0)()
        self.store.commit(manifest, base)


class Counted:
    """The real model, counting the texts it embeds."""

    def __init__(self, model: Any) -> None:
        self.model, self.texts = model, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.model, name)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.texts += len(texts)
        return self.model.embed_documents(texts)


def writer(bot: KnowledgeBot, store: Any, model: Any, replans: int = 3) -> Ingestor:
    return Ingestor(
        store, model, bot.settings.chunk_size, bot.settings.cache_path, show_progress=False, replans=replans
    )


def plan_file(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def bot(tmp_path: Path, minilm: Any) -> KnowledgeBot:
    return KnowledgeBot(make_settings(tmp_path / "home"), embeddings=minilm, show_progress=False)


def test_an_overtaken_writer_replans_and_both_writers_documents_answer(bot, tmp_path, minilm, caplog):
    bot.ingest([plan_file(tmp_path, "forest", FOREST_PLAN)])
    rival = writer(bot, bot.store, minilm)
    b_file, a_file = plan_file(tmp_path, "transport", SECOND_PLAN), plan_file(tmp_path, "water", WATER_PLAN)
    counted = Counted(minilm)
    report = writer(bot, Overtaken(bot.store, [lambda: rival.ingest([b_file])]), counted).ingest([a_file])
    assert report.added == ["water"] and report.replanned == 1
    doc = bot.store.documents(bot.store.manifest())
    assert sorted(d.doc_id for d in doc) == ["forest", "transport", "water"]
    answerable_everywhere(bot.store)
    a_passages = sum(len(d.chunks) + len(d.targets) for d in doc if d.doc_id == "water")
    assert counted.texts == a_passages == report.embedded  # embedded once, before the re-plan; never again
    assert "已按最新索引重新合并" in caplog.text
    reader = KnowledgeBot(bot.settings, embeddings=minilm, show_progress=False)
    assert "90%" in reader.ask("节水器具普及率要达到多少？").answer
    assert "1200个" in reader.ask("公共充电桩数量要达到多少？").answer
    assert "68%" in reader.ask("森林覆盖率要达到多少？").answer


def test_a_file_unchanged_before_is_compared_again_with_the_new_index(bot, tmp_path, minilm):
    """A finds ``forest`` unchanged and does not parse it; B removes it meanwhile. A's re-plan sees the file is
    no longer what the index holds: it reads it, and ``forest`` is back beside ``water``."""
    forest = plan_file(tmp_path, "forest", FOREST_PLAN)
    bot.ingest([forest])
    rival = writer(bot, bot.store, minilm)
    a_file = plan_file(tmp_path, "water", WATER_PLAN)
    report = writer(bot, Overtaken(bot.store, [lambda: rival.remove(["forest"])]), minilm).ingest([forest, a_file])
    assert sorted(report.added) == ["forest", "water"] and report.unchanged == [] and report.replanned == 1
    assert sorted(bot.store.manifest().documents) == ["forest", "water"]
    answerable_everywhere(bot.store)
    assert [f.outcome for f in report.files] == ["added", "added"]


def test_a_writer_overtaken_every_time_fails_with_the_reason_and_loses_nothing(bot, tmp_path, minilm):
    rival = writer(bot, bot.store, minilm)
    rivals = [
        lambda f=plan_file(tmp_path, name, text): rival.ingest([f])
        for name, text in (("transport", SECOND_PLAN), ("park", PARK_PLAN), ("forest", FOREST_PLAN))
    ]
    with pytest.raises(IngestConflictError, match="请重新运行导入"):
        writer(bot, Overtaken(bot.store, rivals), minilm, replans=2).ingest([plan_file(tmp_path, "water", WATER_PLAN)])
    assert sorted(bot.store.manifest().documents) == ["forest", "park", "transport"]
    answerable_everywhere(bot.store)
    assert sorted(bot.store.generations()) == sorted(bot.store.manifest().live_segments)  # no leftover of A


def test_a_file_copying_a_plan_the_other_writer_added_is_not_added_beside_it(bot, tmp_path, minilm):
    """B adds the same plan under another name while A plans: A's re-plan finds its file a copy, as A would have
    had B committed before A began."""
    rival = writer(bot, bot.store, minilm)
    theirs, ours = tmp_path / "theirs", tmp_path / "ours"
    theirs.mkdir(), ours.mkdir()
    their_copy = plan_file(theirs, "transport-copy", SECOND_PLAN)
    water, transport = plan_file(ours, "water", WATER_PLAN), plan_file(ours, "transport", SECOND_PLAN)
    report = writer(bot, Overtaken(bot.store, [lambda: rival.ingest([their_copy])]), minilm).ingest([water, transport])
    assert report.added == ["water"] and report.copies == {str(transport): "transport-copy"}
    assert sorted(bot.store.manifest().documents) == ["transport-copy", "water"]
    answerable_everywhere(bot.store)
    assert [f.outcome for f in report.files] == ["added", "copy"]
