"""One path for every question: ``ask`` and ``ask_stream`` go through the same chain, the question is
checked once, and with an LLM configured the grounding check (and its unit-alias scanner) is built once
per index, not per question. Only the LLM endpoint is faked (``tests/openai_stub.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykb.bot import answerer, grounding
from policykb.bot.answer import Answer
from policykb.kb.settings import Settings
from tests.openai_stub import OpenAIStub

pytestmark = pytest.mark.slow

PLAN = """\
松原市人民政府办公室关于印发松原市节水型城市建设方案的通知
松原市节水型城市建设方案
一、主要目标
到2026年，全市公共供水管网漏损率控制在8.5%以内，再生水利用率达到32%。
二、重点任务
（一）管网改造工程。改造老旧供水管网120公里。（市水利局牵头，市财政局、市住建局配合）
（二）节水器具推广行动。公共机构节水器具普及率达到100%。（市机关事务局负责）
"""
SECOND_PLAN = """\
松原市公共机构节能方案
一、主要目标
到2026年，公共机构单位建筑面积能耗下降6%。
二、重点任务
（一）节能改造行动。完成公共机构节能改造40处。（市机关事务局牵头，市发展改革委配合）
"""
QUESTIONS = ["管网改造工程由哪些单位牵头？", "到2026年再生水利用率达到多少？", "如何推广节水器具？"]


@pytest.fixture(scope="module")
def stub():
    with OpenAIStub() as server:
        yield server


@pytest.fixture()
def llm_bot(tmp_path: Path, minilm, stub):
    """A bot over one small plan with the stub as its LLM endpoint."""
    from policykb.bot.engine import KnowledgeBot

    path = tmp_path / "songyuan-water.txt"
    path.write_text(PLAN, encoding="utf-8")
    settings = Settings.from_env(
        {}, home=tmp_path / "kb", embedding_backend="sentence-transformers", embedding_model="all-MiniLM-L6-v2"
    ).with_(llm_base_url=stub.base_url, llm_model="stub-model", llm_timeout=5.0, llm_retries=0)
    bot = KnowledgeBot(settings, embeddings=minilm, show_progress=False)
    bot.ingest([path])
    return bot


@pytest.fixture()
def built(monkeypatch) -> list[object]:
    """Every grounding check constructed while the test runs (a real check, counted as it is built)."""
    made: list[object] = []

    class Counted(grounding.GroundingCheck):
        def __init__(self, index) -> None:
            super().__init__(index)
            made.append(self)

    monkeypatch.setattr(grounding, "GroundingCheck", Counted)
    return made


def test_grounding_check_is_built_once_per_index(llm_bot, stub, built, tmp_path: Path) -> None:
    stub.requests.clear()
    stub.script("已按条款回答[1]。")
    answers = [llm_bot.ask(q) for q in QUESTIONS[:2]]
    streamed = list(llm_bot.ask_stream(QUESTIONS[2]))
    assert len(stub.requests) == 3  # every question reached the model, so each was checked
    assert all(a.answerable for a in answers) and isinstance(streamed[-1], Answer)
    assert len(built) == 1
    check = built[0]
    assert llm_bot.grounding(llm_bot.index()) is check  # the cached check is the one the answers used
    assert check.mentions("市水利局牵头")  # and it is a working check over this index's units

    second = tmp_path / "songyuan-energy.txt"
    second.write_text(SECOND_PLAN, encoding="utf-8")
    llm_bot.ingest([second])  # a new generation: a new index, so one new check
    llm_bot.ask(QUESTIONS[0])
    llm_bot.ask(QUESTIONS[1])
    assert len(built) == 2 and built[1] is not check
    assert built[1].mentions("市发展改革委配合")  # it knows the new plan's units


def test_ask_and_ask_stream_give_the_same_answer(llm_bot, stub) -> None:
    """The stream is the same chain as ``ask``, streamed: its pieces join to the answer ``ask`` gives."""
    stub.script("已按条款回答[1]。")
    for question in QUESTIONS:
        asked = llm_bot.ask(question)
        *parts, final = list(llm_bot.ask_stream(question))
        assert isinstance(final, Answer) and all(isinstance(p, str) for p in parts)
        assert "".join(parts) == final.answer
        assert final == asked, question
    requests = [r["body"].get("stream", False) for r in stub.requests[-2 * len(QUESTIONS) :]]
    assert requests == [False, True] * len(QUESTIONS)  # ask invokes the model, ask_stream streams it


def test_a_question_is_checked_once(llm_bot, monkeypatch) -> None:
    calls: list[str] = []
    check = answerer.invalid_question

    def counted(question: str, phrases) -> Answer | None:
        calls.append(question)
        return check(question, phrases)

    monkeypatch.setattr(answerer, "invalid_question", counted)
    llm_bot.ask(QUESTIONS[0])
    assert calls == [QUESTIONS[0]]
    calls.clear()
    list(llm_bot.ask_stream(QUESTIONS[1]))
    assert calls == [QUESTIONS[1]]
    calls.clear()
    refused = llm_bot.ask("   ")
    assert calls == ["   "] and refused.kind == "invalid" and not refused.answerable
