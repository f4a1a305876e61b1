"""Conversations: follow-ups read in the light of the turns before them, offline and with an LLM.

The resolver runs over the real index of the shipped plan (its units, tasks and targets); the
end-to-end tests ask the real bot, the real CLI (typer's runner) and the real HTTP API (the
``openai`` client). Only the LLM endpoint is a stub, speaking the real protocol on loopback.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

from policykb.bot.answer import Answer
from policykb.bot.cli import app
from policykb.bot.dialog import Conversation, PlanNames, Resolver, Turn, split_messages
from policykb.bot.engine import KnowledgeBot
from policykb.prompts.library import PromptError
from policykb.prompts.llm import load_rewrite_prompt, parse_rewrite_prompt
from tests.openai_stub import OpenAIStub, closed_port

TRANSPORT = "交通物流节能减排工程"
TRANSPORT_CO = ["市工信局", "市公安局", "市财政局", "市商务局", "齐齐哈尔海事局"]


@pytest.fixture(scope="module")
def resolver(bot: KnowledgeBot) -> Resolver:
    return Resolver(PlanNames.of(bot.index()))


def read(resolver: Resolver, questions: list[str]) -> str:
    """The standalone reading of the last of ``questions`` after the others (text only, no answers)."""
    *earlier, last = questions
    return resolver.resolve(last, [Turn(q) for q in earlier]).text


# -- the resolver, form by form (offline, from the user questions alone) ---------------------
@pytest.mark.parametrize(
    ("questions", "expected"),
    [
        # ellipsis: the same question with a new unit, indicator, task or year
        (["市财政局参与哪些工作？", "那市商务局呢？"], "市商务局参与哪些工作？"),
        (["清洁取暖率要达到多少？", "秸秆综合利用率呢？"], "秸秆综合利用率要达到多少？"),
        (["化学需氧量重点工程减排量要达到多少？", "氨氮呢？"], "氨氮重点工程减排量要达到多少？"),
        # the last indicator's unit (公里) is not asked of the new one
        (["新建改造排水管网要达到多少公里？", "县城污水处理率呢？"], "新建改造县城污水处理率要达到多少？"),
        (["农业农村节能减排工程谁牵头？", "那煤炭清洁高效利用工程呢？"], "煤炭清洁高效利用工程谁牵头？"),
        (["清洁取暖率要达到多少？", "那2030年呢？"], "到2030年，清洁取暖率要达到多少？"),
        (
            ["公共机构单位建筑面积能耗要降多少？", "这项任务谁负责？", "人均综合能耗呢？"],
            "公共机构人均综合能耗谁负责？",
        ),
        # a pointer to the last task, target or unit
        (["公共机构单位建筑面积能耗要降多少？", "这项任务谁负责？"], "公共机构领域能效提升工程谁负责？"),
        (["公共机构领域能效提升工程谁负责？", "这项啥时候完成？"], "公共机构领域能效提升工程啥时候完成？"),
        (
            ["园区节能环保提升工程由哪些部门负责？", "其中有市经合局吗？"],
            "园区节能环保提升工程的责任单位中有市经合局吗？",
        ),
        (["秸秆综合利用率要达到多少？", "该工程的牵头单位是谁？"], "农业农村节能减排工程的牵头单位是谁？"),
        (
            ["环境基础设施水平提升工程有哪些量化目标？", "上述工作由哪些单位负责？"],
            "环境基础设施水平提升工程由哪些单位负责？",
        ),
        # an aspect of the last task
        ([f"{TRANSPORT}由哪些单位牵头？", "配合单位有哪些？"], f"{TRANSPORT}的配合单位有哪些？"),
        ([f"{TRANSPORT}有哪些量化目标？", "谁牵头？"], f"{TRANSPORT}谁牵头？"),
        ([f"{TRANSPORT}由哪些单位牵头？", "什么时候完成？"], f"{TRANSPORT}什么时候完成？"),
        ([f"{TRANSPORT}由哪些单位牵头？", "配合单位呢？"], f"{TRANSPORT}的配合单位有哪些？"),
        ([f"{TRANSPORT}由哪些单位牵头？", "依据是什么？"], f"{TRANSPORT}由哪些单位牵头？"),
        # a continuation of a list
        ([f"{TRANSPORT}由哪些单位牵头？", "其他的呢？"], f"{TRANSPORT}的配合单位有哪些？"),
        (["秸秆综合利用率要达到多少？", "还有呢？"], "农业农村节能减排工程有哪些量化目标？"),
        (["市交通局牵头哪些工作？", "还有呢？"], "市交通局配合哪些工作？"),
        # chains: each turn resolved in turn
        (
            [f"{TRANSPORT}由哪些单位牵头？", "配合单位有哪些？", "那重点区域污染物减排工程呢？"],
            "重点区域污染物减排工程的配合单位有哪些？",
        ),  # fmt: skip
    ],
)
def test_follow_ups_are_completed_from_the_earlier_questions(
    resolver: Resolver, questions: list[str], expected: str
) -> None:
    assert read(resolver, questions) == expected


@pytest.mark.parametrize(
    "questions",
    [
        [f"{TRANSPORT}由哪些单位牵头？", "PM2.5浓度要达到多少？"],
        ["市财政局参与哪些工作？", "煤炭清洁高效利用工程由哪些部门负责？"],
        ["清洁取暖率要达到多少？", "市林草局参与哪些工作？"],
        ["农业农村节能减排工程谁牵头？", "方案中2035年远景目标是什么？"],
        ["秸秆综合利用率要达到多少？", "这份文件的文号是什么？"],
        ["市财政局参与哪些工作？", "交通物流节能减排工程由哪些单位牵头呢？"],
    ],
)
def test_a_complete_question_is_read_as_it_stands(resolver: Resolver, questions: list[str]) -> None:
    resolved = resolver.resolve(questions[-1], [Turn(q) for q in questions[:-1]])
    assert resolved.text == questions[-1] and resolved.form == "standalone" and not resolved.changed


def test_no_history_changes_nothing(resolver: Resolver) -> None:
    for question in ("配合单位有哪些？", "那市商务局呢？", "还有呢？"):
        resolved = resolver.resolve(question, [])
        assert resolved.text == question and not resolved.changed


def test_the_state_comes_from_the_messages_whatever_the_assistant_said(resolver: Resolver) -> None:
    messages = [
        {"role": "system", "content": "你是助手"},
        {"role": "user", "content": f"{TRANSPORT}由哪些单位牵头？"},
        {"role": "assistant", "content": "我不知道。请问别的。这项工作由市教育局牵头。"},
        {"role": "user", "content": "配合单位有哪些？"},
    ]
    question, history = split_messages(messages)
    assert question == "配合单位有哪些？" and [t.question for t in history.turns] == [f"{TRANSPORT}由哪些单位牵头？"]
    assert history.turns[0].reply.startswith("我不知道")
    assert resolver.resolve(question, history).text == f"{TRANSPORT}的配合单位有哪些？"
    with pytest.raises(ValueError, match="用户消息"):
        split_messages([{"role": "assistant", "content": "答"}])
    with pytest.raises(ValueError, match="消息列表"):
        split_messages("问题")


def test_conversation_of_accepts_turns_pairs_and_messages() -> None:
    pairs = Conversation.of([("问一", "答一"), ("问二", "答二")])
    assert [(t.question, t.reply) for t in pairs.turns] == [("问一", "答一"), ("问二", "答二")]
    messages = Conversation.of([{"role": "user", "content": "问一"}, {"role": "assistant", "content": "答一"}])
    assert [(t.question, t.reply) for t in messages.turns] == [("问一", "答一")]
    assert Conversation.of(None).turns == [] and Conversation.of(pairs).turns == pairs.turns


# -- end to end: the real bot ------------------------------------------------------------------
def test_a_follow_up_gets_the_last_task(bot: KnowledgeBot) -> None:
    first = bot.ask(f"{TRANSPORT}由哪些单位牵头？")
    assert first.resolved_question == f"{TRANSPORT}由哪些单位牵头？" and "理解为" not in first.answer
    second = bot.ask("配合单位有哪些？", history=[Turn(first.question, first)])
    assert second.answerable and second.kind == "owner"
    assert second.resolved_question == f"{TRANSPORT}的配合单位有哪些？"
    lines = second.answer.split("\n")
    assert lines[0] == f"理解为：{TRANSPORT}的配合单位有哪些？"
    co = next(line for line in lines if line.startswith("配合单位："))
    assert all(unit in co for unit in TRANSPORT_CO)
    data = second.to_dict()
    assert data["question"] == "配合单位有哪些？" and data["resolved_question"] == f"{TRANSPORT}的配合单位有哪些？"
    alone = bot.ask("配合单位有哪些？")
    assert not alone.answerable or TRANSPORT not in alone.answer  # without the history it is another question


def test_issue_dialogs_end_to_end(bot: KnowledgeBot) -> None:
    target = bot.ask("这项任务谁负责？", history=[("公共机构单位建筑面积能耗要降多少？", "（任意客户端的回答）")])
    assert target.answerable and "市机关局" in target.answer and "公共机构领域能效提升工程" in target.resolved_question
    among = bot.ask("其中有市经合局吗？", history=[("园区节能环保提升工程由哪些部门负责？", "")])
    assert among.answerable and "市经合局" in among.answer.split("\n", 1)[1]
    unit = bot.ask("那市商务局呢？", history=[("市财政局参与哪些工作？", "")])
    assert unit.kind == "unit_tasks" and "城镇绿色节能改造工程" in unit.answer


def test_a_refusal_stays_a_refusal_and_a_switch_is_not_coloured(bot: KnowledgeBot) -> None:
    history = [("清洁取暖率要达到多少？", "到2025年，清洁取暖率提高到86%。")]
    year = bot.ask("那2030年呢？", history=history)
    assert not year.answerable and "2030" in year.answer
    unknown = bot.ask("那市教育局呢？", history=[("市财政局参与哪些工作？", "")])
    assert not unknown.answerable and "市教育局" in unknown.answer
    switch = bot.ask("PM2.5浓度要达到多少？", history=history)
    assert switch.answerable and "28微克/立方米" in switch.answer and "理解为" not in switch.answer
    assert switch.to_dict() == bot.ask("PM2.5浓度要达到多少？").to_dict()
    back = bot.ask("秸秆综合利用率呢？", history=[*history, ("那2030年呢？", year.answer)])
    assert back.answerable and "90%" in back.answer and "2030" not in back.resolved_question


def test_the_stream_starts_with_the_reading(bot: KnowledgeBot) -> None:
    history = [(f"{TRANSPORT}由哪些单位牵头？", "")]
    *pieces, final = list(bot.ask_stream("配合单位有哪些？", history=history))
    assert isinstance(final, Answer) and all(isinstance(p, str) for p in pieces)
    assert "".join(pieces) == final.answer and pieces[0].startswith(f"理解为：{TRANSPORT}的配合单位有哪些？")
    assert final.to_dict() == bot.ask("配合单位有哪些？", history=history).to_dict()


def test_a_named_plan_scopes_later_turns(tmp_path, minilm, second_plan) -> None:
    from policykb.bot.engine import shipped_sources
    from tests.conftest import make_settings

    two = KnowledgeBot(make_settings(tmp_path / "home"), embeddings=minilm, show_progress=False)
    two.ingest([*shipped_sources(), second_plan])
    first = two.ask("在《鹤城市“十四五”绿色交通推进方案》中，公共充电桩数量要达到多少？")
    assert first.answerable and "1200个" in first.answer
    assert first.resolved_question == "公共充电桩数量要达到多少？"
    follow = two.ask("哪些单位负责慢行系统提升行动？", history=[Turn(first.question, first)])
    assert "市园林局" in follow.answer and {s.doc_id for s in follow.sources if s.cited} <= {"hecheng-green-transport"}
    scoped = two.ask("清洁取暖率要达到多少？", history=[Turn(first.question, first)])
    assert not scoped.answerable  # the conversation is about the other plan
    assert two.ask("清洁取暖率要达到多少？").answerable


# -- the CLI -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def env(bot: KnowledgeBot) -> dict[str, str]:
    s = bot.settings
    return {
        "POLICYKB_HOME": str(s.home),
        "POLICYKB_EMBEDDING_BACKEND": s.embedding_backend,
        "POLICYKB_EMBEDDING_MODEL": s.embedding_model,
    }


def test_repl_is_a_conversation(env: dict[str, str]) -> None:
    stdin = f"{TRANSPORT}由哪些单位牵头？\n配合单位有哪些？\n/新对话\n配合单位有哪些？\n/退出\n这句不会被问到\n"
    result = CliRunner().invoke(app, ["repl"], input=stdin, env=env)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"理解为：{TRANSPORT}的配合单位有哪些？" in out and "牵头单位：市交通局、市发改委" in out
    assert "已开始新的对话" in out and out.count(f"理解为：{TRANSPORT}") == 1
    assert "这句不会被问到" not in out.split("/退出")[-1]
    chat = CliRunner().invoke(app, ["chat", "--cli"], input=f"{TRANSPORT}谁牵头？\n配合单位有哪些？\n", env=env)
    assert chat.exit_code == 0 and f"理解为：{TRANSPORT}的配合单位有哪些？" in chat.stdout


def test_ask_jsonl_takes_messages(env: dict[str, str]) -> None:
    messages = [
        {"role": "user", "content": f"{TRANSPORT}由哪些单位牵头？"},
        {"role": "assistant", "content": "……"},
        {"role": "user", "content": "配合单位有哪些？"},
    ]
    stdin = "\n".join(
        [json.dumps({"messages": messages}, ensure_ascii=False), "清洁取暖率要达到多少？", '{"messages": []}']
    )
    result = CliRunner().invoke(app, ["ask", "--jsonl"], input=stdin + "\n", env=env)
    assert result.exit_code == 0, result.output
    follow, plain, bad = (json.loads(line) for line in result.stdout.splitlines())
    assert follow["question"] == "配合单位有哪些？" and follow["resolved_question"] == f"{TRANSPORT}的配合单位有哪些？"
    assert "市公安局" in follow["answer"]
    assert plain["resolved_question"] == "清洁取暖率要达到多少？" and "86%" in plain["answer"]
    assert "用户消息" in bad["error"]


# -- the HTTP API ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def server(bot: KnowledgeBot) -> Iterator[Any]:
    from policykb.bot.page.serve import start_server

    with start_server(bot) as running:
        yield running


@pytest.mark.slow
def test_api_reads_the_whole_conversation(server: Any) -> None:
    from openai import OpenAI

    client = OpenAI(base_url=f"{server.url}/v1", api_key="unused", max_retries=0, timeout=60)
    messages: list[dict[str, str]] = []
    contents = []
    for question in ["公共机构单位建筑面积能耗要降多少？", "这项任务谁负责？", "人均综合能耗呢？"]:
        messages.append({"role": "user", "content": question})
        completion = client.chat.completions.create(model="policykb", messages=messages)  # type: ignore[arg-type]
        content = completion.choices[0].message.content or ""
        contents.append((content, completion.model_extra["resolved_question"]))
        messages.append({"role": "assistant", "content": content})
    (first, read1), (second, read2), (third, read3) = contents
    assert "6%" in first and read1 == "公共机构单位建筑面积能耗要降多少？"
    assert read2 == "公共机构领域能效提升工程谁负责？" and "市机关局" in second
    assert read3 == "公共机构人均综合能耗谁负责？" and "市机关局" in third  # the last question, of the new indicator
    stream = client.chat.completions.create(model="policykb", messages=messages[:3], stream=True)  # type: ignore
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert text == second and chunks[-1].model_extra["resolved_question"] == read2


# -- with an LLM: the follow-up rewritten by the model, checked against the offline reading ---
@pytest.fixture(scope="module")
def stub() -> Iterator[OpenAIStub]:
    with OpenAIStub() as server:
        yield server


def llm_bot(bot: KnowledgeBot, base_url: str) -> KnowledgeBot:
    settings = bot.settings.with_(llm_base_url=base_url, llm_model="stub-model", llm_timeout=5.0, llm_retries=0)
    return KnowledgeBot(settings, embeddings=bot.embeddings, show_progress=False)


@pytest.mark.slow
def test_llm_rewrite_is_used_when_it_keeps_the_subject(bot: KnowledgeBot, stub: OpenAIStub) -> None:
    stub.requests.clear()
    stub.script(f"改写后的问题：“{TRANSPORT}的配合单位都有哪些？”")
    llm = llm_bot(bot, stub.base_url)
    history = [(f"{TRANSPORT}由哪些单位牵头？", "牵头单位：市交通局、市发改委")]
    resolved = llm.resolve("配合单位有哪些？", history)
    assert resolved.form == "llm" and resolved.text == f"{TRANSPORT}的配合单位都有哪些？"
    rewrite = stub.requests[0]["body"]["messages"]
    assert [m["role"] for m in rewrite] == ["system", "user", "assistant", "user"]
    assert rewrite[0]["content"] == load_rewrite_prompt() and rewrite[-1]["content"] == "配合单位有哪些？"
    assert rewrite[1]["content"] == f"{TRANSPORT}由哪些单位牵头？"
    answer = llm.ask("配合单位有哪些？", history=history)
    assert answer.resolved_question == f"{TRANSPORT}的配合单位都有哪些？" and "市公安局" in answer.answer


@pytest.mark.slow
def test_llm_rewrite_that_strays_is_replaced_by_the_offline_reading(bot: KnowledgeBot, stub: OpenAIStub) -> None:
    llm = llm_bot(bot, stub.base_url)
    history = [(f"{TRANSPORT}由哪些单位牵头？", "")]
    for reply in ("农业农村节能减排工程的配合单位有哪些？", "市教育局牵头哪些工作？", "", "<think>嗯</think>"):
        stub.script(reply)
        resolved = llm.resolve("配合单位有哪些？", history)
        assert resolved.form == "aspect" and resolved.text == f"{TRANSPORT}的配合单位有哪些？", reply
    stub.requests.clear()
    stub.script("不该被调用")
    assert llm.resolve("PM2.5浓度要达到多少？", history).form == "standalone"
    assert stub.requests == []  # a complete question is not sent to the model for rewriting
    down = llm_bot(bot, f"http://127.0.0.1:{closed_port()}/v1")
    assert down.resolve("配合单位有哪些？", history).text == f"{TRANSPORT}的配合单位有哪些？"


def test_rewrite_prompt_is_validated() -> None:
    assert "追问" in load_rewrite_prompt()
    with pytest.raises(PromptError):
        parse_rewrite_prompt("改写{question}")
    with pytest.raises(PromptError):
        parse_rewrite_prompt("未闭合的{")
    with pytest.raises(PromptError):
        parse_rewrite_prompt("  ")
