"""Many documents: every answer names its document and stays with the right one."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykb.bot.engine import KnowledgeBot, shipped_sources
from tests.conftest import make_settings


def two_plan_bot(folder: Path, home: Path, minilm) -> KnowledgeBot:
    """A bot over two plans: the second plan (in GBK) and the shipped one."""
    from tests.conftest import SECOND_PLAN

    (folder / "hecheng-green-transport.txt").write_text(SECOND_PLAN, encoding="gbk")
    (folder / "qiqihar.txt").write_text(shipped_sources()[0].read_text(encoding="utf-8"), encoding="utf-8")
    bot = KnowledgeBot(make_settings(home), embeddings=minilm, show_progress=False)
    report = bot.ingest([folder])
    assert sorted(report.added) == ["hecheng-green-transport", "qiqihar"]
    return bot


@pytest.fixture(scope="module")
def two_plans(tmp_path_factory, minilm):
    return two_plan_bot(tmp_path_factory.mktemp("plans"), tmp_path_factory.mktemp("home"), minilm)


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


def test_docs_listing_and_remove(tmp_path, minilm):
    """`policykb docs` lists both plans; `policykb remove` takes one out of the listing and the answers."""
    from typer.testing import CliRunner

    from policykb.cli import app

    (tmp_path / "plans").mkdir()
    bot = two_plan_bot(tmp_path / "plans", tmp_path / "home", minilm)
    env = {"POLICYKB_HOME": str(tmp_path / "home"), "POLICYKB_EMBEDDING_BACKEND": "sentence-transformers",
           "POLICYKB_EMBEDDING_MODEL": "all-MiniLM-L6-v2"}  # fmt: skip
    runner = CliRunner()

    def listed() -> list[str]:
        result = runner.invoke(app, ["docs"], env=env)
        assert result.exit_code == 0, result.output
        return [row.split("\t")[0] for row in result.stdout.splitlines()[2:]]

    assert sorted(listed()) == ["hecheng-green-transport", "qiqihar"]
    assert all(info["chunks"] > 0 for info in bot.index().manifest.documents.values())
    removed = runner.invoke(app, ["remove", "hecheng-green-transport"], env=env)
    assert removed.exit_code == 0 and "已删除：hecheng-green-transport" in removed.stdout
    assert listed() == ["qiqihar"]
    assert list(bot.index().documents) == ["qiqihar"]
    assert not bot.ask("公共充电桩数量要达到多少？").answerable  # only the removed plan said so
    again = runner.invoke(app, ["remove", "hecheng-green-transport"], env=env)
    assert again.exit_code == 2 and "没有这些文件：hecheng-green-transport" in again.stderr
