"""The OpenAI-compatible HTTP API: request parsing (fast), then a real server driven by the ``openai`` client."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from policykb.bot.answer import Answer, Source
from policykb.bot.engine import KnowledgeBot
from policykb.bot.page.api import ApiError, answer_content, content_text, pieces, question_of, stream_events

CHINESE = re.compile(r"[\u4e00-\u9fff]")
QUESTION = "到2025年，清洁取暖率提高到多少？"


# -- request parsing (fast) -------------------------------------------------------------------


def test_question_is_the_last_user_message() -> None:
    body = {
        "messages": [
            {"role": "system", "content": "你是助手"},
            {"role": "user", "content": "第一问"},
            {"role": "assistant", "content": "答"},
            {"role": "user", "content": "第二问"},
        ]
    }
    assert question_of(body) == "第二问"
    parts = {
        "messages": [
            {"role": "user", "content": [{"type": "text", "text": "清洁取暖率"}, {"type": "text", "text": "是多少"}]}
        ]
    }
    assert question_of(parts) == "清洁取暖率\n是多少"


@pytest.mark.parametrize(
    "body",
    [
        [],
        {},
        {"messages": []},
        {"messages": [{"role": "system", "content": "只有系统消息"}]},
        {"messages": [{"role": "user", "content": "  \n "}]},
        {"messages": [{"role": "user"}]},
        {"messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}]},
    ],
)
def test_bad_requests_raise_a_chinese_error(body: Any) -> None:
    with pytest.raises(ApiError) as error:
        question_of(body)
    assert error.value.status == 400 and CHINESE.search(error.value.message)


def test_content_text_rejects_other_shapes() -> None:
    assert content_text(None) == "" and content_text("问") == "问"
    with pytest.raises(ApiError):
        content_text({"text": "问"})


def test_stream_events_rebuild_the_content_and_end_with_sources() -> None:
    source = Source(document="方案", doc_id="d", section="一、总体要求", text="下降15%。", score=0.5)
    answer = Answer("q", "到2025年，下降15%。\n依据：“" + "很长的句子" * 20 + "”", True, "target", [source])
    events = list(stream_events(iter([*pieces(answer.answer), answer]), "chatcmpl-x", 1))
    assert events[-1] == "data: [DONE]\n\n" and all(e.startswith("data: ") and e.endswith("\n\n") for e in events)
    chunks = [json.loads(e[6:]) for e in events[:-1]]
    assert chunks[0]["choices"][0]["delta"] == {"role": "assistant", "content": ""}
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    assert text == answer_content(answer) and "出处：\n[1] 《方案》 一、总体要求" in text
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop" and chunks[-1]["sources"][0]["text"] == "下降15%。"
    assert all("sources" not in c for c in chunks[:-1])
    assert max(len(p) for p in pieces(text)) <= 40


def test_unanswerable_content_does_not_cite() -> None:
    source = Source(document="方案", doc_id="d", section="一", text="无关", score=0.1)
    answer = Answer("q", "方案中未找到与该问题相关的内容。", False, "target", [source])
    assert answer_content(answer) == "方案中未找到与该问题相关的内容。"


# -- a real server ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(bot: KnowledgeBot) -> Iterator[Any]:
    from policykb.bot.page.serve import start_server

    with start_server(bot) as running:
        yield running


@pytest.fixture
def client(server: Any) -> Any:
    from openai import OpenAI

    return OpenAI(base_url=f"{server.url}/v1", api_key="unused", max_retries=0, timeout=60)


@pytest.mark.slow
def test_models_and_health(client: Any, server: Any, bot: KnowledgeBot) -> None:
    import httpx

    assert [m.id for m in client.models.list()] == ["policykb"]
    assert client.models.retrieve("policykb").id == "policykb"
    health = httpx.get(f"{server.url}/healthz").json()
    manifest = bot.index().manifest
    assert health == {
        "status": "ok",
        "store": "ok",
        "documents": 1,
        "generation": manifest.generation,
        "embedding_model": "sentence-transformers:all-MiniLM-L6-v2",
    }


@pytest.mark.slow
def test_chat_completion_is_a_cited_answer(client: Any, bot: KnowledgeBot) -> None:
    completion = client.chat.completions.create(
        model="policykb",
        messages=[
            {"role": "system", "content": "请用中文回答"},
            {"role": "user", "content": "市交通局负责哪些任务？"},
            {"role": "assistant", "content": "……"},
            {"role": "user", "content": QUESTION},
        ],
    )
    content = completion.choices[0].message.content
    assert completion.object == "chat.completion" and completion.model == "policykb"
    assert completion.choices[0].finish_reason == "stop" and completion.choices[0].message.role == "assistant"
    assert content.startswith("到2025年，清洁取暖率提高到86%。") and "\n出处：\n[1] 《齐齐哈尔市" in content
    extra = completion.model_extra
    expected = bot.ask(QUESTION)
    assert extra["answerable"] is True and extra["kind"] == "target"
    assert extra["sources"] == [s.__dict__ for s in expected.sources]
    assert "86%" in extra["sources"][0]["text"] and "城镇绿色节能改造工程" in extra["sources"][0]["section"]


@pytest.mark.slow
def test_streamed_completion_matches_and_carries_sources(client: Any) -> None:
    plain = client.chat.completions.create(model="policykb", messages=[{"role": "user", "content": QUESTION}])
    chunks = list(
        client.chat.completions.create(model="policykb", messages=[{"role": "user", "content": QUESTION}], stream=True)
    )
    assert len(chunks) > 3 and chunks[0].choices[0].delta.role == "assistant"
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert text == plain.choices[0].message.content
    last = chunks[-1]
    assert last.choices[0].finish_reason == "stop" and last.model_extra["sources"] == plain.model_extra["sources"]
    assert all(c.choices[0].finish_reason is None for c in chunks[:-1])


@pytest.mark.slow
def test_stream_is_server_sent_events(server: Any) -> None:
    import httpx

    body = {"model": "policykb", "stream": True, "messages": [{"role": "user", "content": QUESTION}]}
    with httpx.stream("POST", f"{server.url}/v1/chat/completions", json=body, timeout=60) as response:
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
        lines = [line for line in response.iter_lines() if line]
    assert lines[-1] == "data: [DONE]" and all(line.startswith("data: {") for line in lines[:-1])
    assert json.loads(lines[-2][6:])["sources"]


@pytest.mark.slow
def test_unanswerable_question(client: Any) -> None:
    completion = client.chat.completions.create(
        model="policykb", messages=[{"role": "user", "content": "火星基地建设目标是多少？"}]
    )
    assert completion.choices[0].message.content.startswith("方案中未找到")
    assert completion.model_extra["answerable"] is False and "出处" not in completion.choices[0].message.content


@pytest.mark.slow
def test_openai_client_sees_a_400_for_an_empty_message(client: Any) -> None:
    import openai

    with pytest.raises(openai.BadRequestError) as error:
        client.chat.completions.create(model="policykb", messages=[{"role": "user", "content": "   "}])
    assert error.value.status_code == 400
    assert error.value.body["message"] == "用户消息内容为空，请输入问题。"
    assert error.value.body["type"] == "invalid_request_error"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"{not json", "请求体不是有效的 JSON。"),
        ({"model": "policykb"}, "请求缺少 messages（消息列表）。"),
        ({"messages": [{"role": "system", "content": "x"}]}, "messages 中没有用户消息"),
        ({"messages": [{"role": "user", "content": ""}], "stream": True}, "用户消息内容为空"),
        ({"messages": [{"role": "user", "content": QUESTION}], "stream": "yes"}, "stream 应为 true 或 false。"),
        (
            {"messages": [{"role": "user", "content": QUESTION}], "documents": "没有这个文件"},
            "没有名为“没有这个文件”的文件",
        ),
        ({"messages": [{"role": "user", "content": "问" * 600}]}, "问题过长（600 字）"),
    ],
)
def test_bad_requests_get_openai_shaped_400(server: Any, payload: Any, message: str) -> None:
    import httpx

    url = f"{server.url}/v1/chat/completions"
    response = httpx.post(url, content=payload) if isinstance(payload, bytes) else httpx.post(url, json=payload)
    assert response.status_code == 400 and response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert message in error["message"] and CHINESE.search(error["message"])
    assert error["type"] == "invalid_request_error" and set(error) == {"message", "type", "param", "code"}


@pytest.mark.slow
def test_documents_filter(client: Any, bot: KnowledgeBot) -> None:
    doc_id = next(iter(bot.index().documents))
    completion = client.chat.completions.create(
        model="policykb", messages=[{"role": "user", "content": QUESTION}], extra_body={"documents": [doc_id]}
    )
    assert "86%" in completion.choices[0].message.content
    assert {s["doc_id"] for s in completion.model_extra["sources"]} == {doc_id}


@pytest.mark.slow
def test_concurrent_requests_are_all_answered(client: Any) -> None:
    questions = [
        QUESTION,
        "市交通局负责哪些任务？",
        "交通物流节能减排工程由哪些单位牵头？",
        "火星基地建设目标是多少？",
    ] * 5

    def one(question: str) -> Any:
        return client.chat.completions.create(model="policykb", messages=[{"role": "user", "content": question}])

    with ThreadPoolExecutor(20) as pool:
        results = list(pool.map(one, questions))
    assert [r.model_extra["answerable"] for r in results] == [not q.startswith("火星") for q in questions]
    assert all(r.choices[0].message.content for r in results)
