"""Many documents: every answer names its document and stays with the right one."""

from __future__ import annotations

import pytest

from policykb.bot.engine import KnowledgeBot, shipped_sources
from tests.conftest import make_settings


@pytest.fixture(scope="module")
def two_plans(tmp_path_factory, minilm):
    from tests.conftest import SECOND_PLAN

    folder = tmp_path_factory.mktemp("plans")
    (folder / "hecheng-green-transport.txt").write_text(SECOND_PLAN, encoding="gbk")
    (folder / "qiqihar.txt").write_text(shipped_sources()[0].read_text(encoding="utf-8"), encoding="utf-8")
    bot = KnowledgeBot(make_settings(tmp_path_factory.mktemp("home")), embeddings=minilm, show_progress=False)
    report = bot.ingest([folder])
    assert sorted(report.added) == ["hecheng-green-transport", "qiqihar"]
    return bot


def test_answers_stay_with_their_document(two_plans):
    a = two_plans.ask("公共充电桩数量要达到多少？")
    assert "1200个" in a.answer and a.answer.startswith("出自《鹤城市“十四五”绿色交通推进方案》")
    assert a.sources[0].doc_id == "hecheng-green-transport"
    b = two_plans.ask("清洁取暖率要到多少？")
    assert "86%" in b.answer and "齐齐哈尔" in b.answer.split("\n")[0]
    c = two_plans.ask("充电网络建设行动由谁牵头？")
    assert "牵头单位：市城建委" in c.answer and "配合单位：市电力公司、市规划分局" in c.answer


def test_unit_in_two_documents_and_doc_filter(two_plans):
    a = two_plans.ask("市城建委负责哪些工作？")
    assert "充电网络建设行动" in a.answer and "货运结构优化行动" in a.answer
    only = two_plans.ask("新能源汽车占比要达到多少？", doc="qiqihar")
    assert all(s.doc_id == "qiqihar" for s in only.sources)
    elsewhere = two_plans.ask("清洁取暖率要到多少？", doc="鹤城")
    assert not elsewhere.answerable


def test_docs_listing_and_remove(two_plans):
    manifest = two_plans.index().manifest
    assert set(manifest.documents) == {"hecheng-green-transport", "qiqihar"}
    assert all(info["chunks"] > 0 for info in manifest.documents.values())
