"""An OpenAI-compatible HTTP API over the knowledge base (no gradio here).

* ``POST /v1/chat/completions`` answers the last user message, read in the light of the
  earlier user and assistant messages (a follow-up such as “配合单位有哪些？” is asked of the
  last task), non-streaming or as server-sent events (``data: {...}`` chunks, then
  ``data: [DONE]``). The answer's sources are an extra ``sources`` field on the response (and
  on the final chunk), next to ``answerable``, ``kind`` and ``resolved_question`` (how the
  question was read). An optional extra ``documents`` field (a document id or part of a
  title, or a list of them) limits the search.
* ``GET /v1/models`` lists the one model, ``policykb``.
* ``GET /v1/tasks?unit=&plan=&due_before=&due_after=&role=&window=`` is the task ledger (工作台账) as JSON, for
  office systems: each task's plan, lead and co units, deadline as written and as a date, and whether it is overdue.
* ``GET /healthz`` reports the index.

Every error is in OpenAI's shape (``{"error": {"message", "type", "param", "code"}}``) with a Chinese
message: 400 for a bad request (streaming or not, checked before anything is sent), 401 for a missing or
wrong API key (when ``settings.api_key`` is set), 404 ``model_not_found`` for another model, 413 for an
over-large body, 503 when the store cannot be reached, 500 for anything else. The API schema is at
``/v1/openapi.json``; there is no docs page (it would load its script from a public CDN).
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Iterator
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from policykb.bot.answer import Answer
from policykb.bot.answerer import invalid_question
from policykb.bot.engine import STORE_DOWN, STORE_DOWN_MESSAGE, KnowledgeBot
from policykb.bot.kinds import Unanswered
from policykb.bot.ledgerview import LedgerQuery, ledger_view
from policykb.bot.llm import pieces
from policykb.bot.page.auth import bearer_ok
from policykb.bot.views import document_rows

log = logging.getLogger(__name__)
MODEL_ID = "policykb"
MAX_BODY = 8 * 1024 * 1024  # bytes of a request body; a question is refused over 500 characters anyway


class ApiError(Exception):
    """A request error, returned as ``{"error": {...}}`` with ``status``."""

    def __init__(self, message: str, status: int = 400, param: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message, self.status, self.param, self.code = message, status, param, code

    def response(self) -> JSONResponse:
        kind = "invalid_request_error" if self.status < 500 else "server_error"
        error = {"message": self.message, "type": kind, "param": self.param, "code": self.code}
        return JSONResponse({"error": error}, status_code=self.status)


def content_text(content: Any) -> str:
    """The text of a message's ``content``: a string or a list of ``{"type": "text", "text": ...}`` parts."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = [p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") == "text"]
        if len(parts) == len(content) and all(isinstance(p, str) for p in parts):
            return "\n".join(parts)
    raise ApiError("不支持的消息内容格式：content 应为字符串或文本片段列表。", param="messages")


async def read_body(request: Request, limit: int = MAX_BODY) -> bytes:
    """The request body, refused with a 413 once it is over ``limit`` bytes (before it is all read)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ApiError(f"请求体过大（超过 {limit // (1024 * 1024)} MB）。", status=413)
    data = bytearray()
    async for part in request.stream():
        data += part
        if len(data) > limit:
            raise ApiError(f"请求体过大（超过 {limit // (1024 * 1024)} MB）。", status=413)
    return bytes(data)


def parse_body(raw: bytes) -> Any:
    """The JSON of a request body; malformed, too deeply nested, or holding text that is not valid Unicode: 400."""
    try:
        body = json.loads(raw)
    except RecursionError:
        raise ApiError("请求体的 JSON 嵌套过深。") from None
    except ValueError:  # also bad UTF-8 and integers of thousands of digits
        raise ApiError("请求体不是有效的 JSON。") from None
    try:
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate such as "\ud800"
        raise ApiError("请求中含有无效的 Unicode 字符（不成对的代理码位，如 \\ud800）。") from None
    except (RecursionError, ValueError):
        raise ApiError("请求体不是有效的 JSON。") from None
    return body


def check_model(body: Any) -> None:
    """A ``model`` other than ``policykb`` is a 404 ``model_not_found`` (leaving it out is allowed)."""
    if not isinstance(body, dict) or body.get("model") is None:
        return
    model = body["model"]
    if not isinstance(model, str):
        raise ApiError("model 应为字符串。", param="model")
    if model != MODEL_ID:
        raise ApiError(
            f"没有这个模型：{model[:100]}（可用：{MODEL_ID}）", status=404, param="model", code="model_not_found"
        )


def check_question(bot: KnowledgeBot, question: str) -> None:
    """The 400 for a question the bot refuses to take (empty, too long): what :func:`ask` gives, before a stream."""
    invalid = invalid_question(question, bot.phrases)
    if invalid is not None:
        raise ApiError(invalid.answer, param="messages")


def question_of(body: Any) -> str:
    """The last user message of a chat-completions request body.

    Raises:
        ApiError: no messages, no user message, or an empty one.
    """
    if not isinstance(body, dict):
        raise ApiError("请求体应为 JSON 对象。")
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise ApiError("请求缺少 messages（消息列表）。", param="messages")
    users = [m for m in messages if isinstance(m, dict) and m.get("role") == "user"]
    if not users:
        raise ApiError("messages 中没有用户消息（role 为 user），请提供一个问题。", param="messages")
    text = content_text(users[-1].get("content"))
    if not text.strip():
        raise ApiError("用户消息内容为空，请输入问题。", param="messages")
    return text


def history_of(body: dict[str, Any]) -> list[dict[str, str]]:
    """The user and assistant messages before the last user message, as text (the conversation so far).

    Messages of other roles, or whose content is not text, are left out.
    """
    messages = [m for m in body["messages"] if isinstance(m, dict)]
    last = max(i for i, m in enumerate(messages) if m.get("role") == "user")
    history = []
    for message in messages[:last]:
        if message.get("role") not in ("user", "assistant"):
            continue
        try:
            history.append({"role": message["role"], "content": content_text(message.get("content"))})
        except ApiError:
            continue
    return history


def documents_of(body: dict[str, Any]) -> str | list[str] | None:
    documents = body.get("documents")
    if (
        documents is None
        or isinstance(documents, str)
        or (isinstance(documents, list) and all(isinstance(d, str) for d in documents))
    ):
        return documents or None
    raise ApiError("documents 应为文件编号（或标题的一部分），或它们的列表。", param="documents")


def answer_content(answer: Answer) -> str:
    """The assistant message: the answer, then its numbered sources (when it is an answer)."""
    if not answer.answerable or not answer.sources:
        return answer.answer
    lines = [answer.answer, "", "出处："]
    lines += [f"[{n}] 《{s.document}》 {s.section or '（文首）'}" for n, s in enumerate(answer.sources, 1)]
    return "\n".join(lines)


def extras(answer: Answer) -> dict[str, Any]:
    data = answer.to_dict()
    extra = {
        "sources": data["sources"], "answerable": answer.answerable, "kind": answer.kind,
        "resolved_question": data["resolved_question"],
    }  # fmt: skip
    return {**extra, "notice": answer.notice} if answer.notice else extra


def completion(answer: Answer, completion_id: str, created: int) -> dict[str, Any]:
    message = {"role": "assistant", "content": answer_content(answer)}
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": created,
        "model": MODEL_ID,
        "choices": [{"index": 0, "message": message, "finish_reason": "stop", "logprobs": None}],
        **extras(answer),
    }


def stream_events(events: Iterator[str | Answer], completion_id: str, created: int) -> Iterator[str]:
    """SSE lines from :meth:`KnowledgeBot.ask_stream`: text pieces as they come, then the
    numbered sources, and a last chunk that carries ``sources`` (and any ``notice``)."""

    def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> str:
        body = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": MODEL_ID,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}],
            **extra,
        }
        return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    for event in events:
        if isinstance(event, Answer):
            tail = answer_content(event)[len(event.answer) :]
            for piece in pieces(tail):
                yield chunk({"content": piece})
            yield chunk({}, "stop", **extras(event))
        else:
            yield chunk({"content": event})
    yield "data: [DONE]\n\n"


def build_api(bot: KnowledgeBot) -> FastAPI:
    """A FastAPI app with the ``/v1`` routes and ``/healthz``; the chat page is mounted onto it later."""
    app = FastAPI(title="policykb", docs_url=None, openapi_url="/v1/openapi.json", redoc_url=None)

    async def authorized(request: Request) -> None:
        if not bearer_ok(request.headers.get("authorization"), bot.settings.api_key):
            message = "API 密钥缺失或不正确：请在请求头中加入 Authorization: Bearer <密钥>。"
            raise ApiError(message, status=401, code="invalid_api_key")

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return exc.response()

    @app.exception_handler(ClientDisconnect)
    async def client_gone(request: Request, exc: ClientDisconnect) -> Response:
        """A client that went away mid-request: one log line, no traceback (nobody reads the answer)."""
        client = request.client.host if request.client else "unknown"
        log.info("client %s disconnected during %s %s", client, request.method, request.url.path)
        return Response(status_code=400)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> JSONResponse:
        log.error("request %s failed", request.url.path, exc_info=exc)
        return ApiError("服务器内部错误，请稍后再试。", status=500).response()

    @app.get("/healthz")
    async def healthz() -> JSONResponse:
        try:
            manifest = (await run_in_threadpool(bot.index)).manifest
        except STORE_DOWN as exc:  # in words: the raw error (an errno) says nothing to whoever reads this
            log.warning("health check: the store cannot be reached: %s", exc)
            body = {"status": "error", "store": "unreachable", "message": STORE_DOWN_MESSAGE}
            return JSONResponse(body, status_code=503)
        except Exception as exc:  # the index cannot be opened: report it, do not crash
            log.exception("health check failed")
            return JSONResponse({"status": "error", "store": "error", "message": str(exc)}, status_code=503)
        return JSONResponse(
            {
                "status": "ok",
                "store": "ok",
                "documents": len(manifest.documents),
                "generation": manifest.generation,
                "embedding_model": f"{manifest.backend}:{manifest.model}",
            }
        )

    @app.get("/v1/documents", dependencies=[Depends(authorized)])
    async def documents() -> dict[str, Any]:
        """The plans the knowledge base holds: identity (place, issuer, 文号, date) and counts."""
        index = await run_in_threadpool(store_call, bot.index)
        return {"object": "list", "data": document_rows(index.documents.values())}

    @app.get("/v1/tasks", dependencies=[Depends(authorized)])
    async def tasks(
        unit: str = "", plan: str = "", due_before: str = "", due_after: str = "", role: str = "any", window: str = ""
    ) -> dict[str, Any]:
        """The task ledger (工作台账): tasks with lead and co units and deadlines, as written and as dates."""
        query = LedgerQuery(plan, unit, role, window, due_before, due_after)
        index = await run_in_threadpool(store_call, bot.index)
        return ledger_payload(index, query, bot.settings.today_date)

    @app.get("/v1/models", dependencies=[Depends(authorized)])
    async def models() -> dict[str, Any]:
        return {"object": "list", "data": [model_card()]}

    @app.get("/v1/models/{model_id}", dependencies=[Depends(authorized)])
    async def model(model_id: str) -> dict[str, Any]:
        if model_id != MODEL_ID:
            raise ApiError(
                f"没有这个模型：{model_id}（可用：{MODEL_ID}）", status=404, param="model", code="model_not_found"
            )
        return model_card()

    @app.post("/v1/chat/completions", dependencies=[Depends(authorized)])
    async def chat_completions(request: Request) -> Any:
        body = parse_body(await read_body(request))
        check_model(body)
        question = question_of(body)
        history = history_of(body)
        stream = body.get("stream", False)
        if not isinstance(stream, bool):
            raise ApiError("stream 应为 true 或 false。", param="stream")
        completion_id, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())
        if stream:  # refused before the 200 is sent, as ask() refuses it below
            await run_in_threadpool(store_call, check_question, bot, question)
            events = await run_in_threadpool(store_call, ask_stream, bot, question, documents_of(body), history)
            headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
            return StreamingResponse(
                stream_events(events, completion_id, created), media_type="text/event-stream", headers=headers
            )
        answer = await run_in_threadpool(store_call, ask, bot, question, documents_of(body), history)
        return JSONResponse(completion(answer, completion_id, created))

    @app.api_route("/v1/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    async def elsewhere(request: Request, rest: str) -> JSONResponse:
        """Anything else under ``/v1``: OpenAI's error shape (a known path with another method: 405)."""
        known = {route.path for route in app.routes if getattr(route, "path", "").startswith("/v1/")}
        if f"/v1/{rest}" in known:
            raise ApiError(f"/v1/{rest} 不支持 {request.method} 请求。", status=405, code="method_not_allowed")
        raise ApiError(f"没有这个接口：/v1/{rest}", status=404, code="not_found")

    return app


def ledger_payload(index: Any, query: LedgerQuery, today: Any) -> dict[str, Any]:
    """``GET /v1/tasks``'s body; a plan that matches nothing is a 404, a bad date, role or window a 400."""
    try:
        return ledger_view(index, query, today).to_dict()
    except KeyError as exc:
        message = str(exc.args[0]) if exc.args else "没有这个文件。"
        raise ApiError(message, status=404, param="plan", code="document_not_found") from None
    except ValueError as exc:
        raise ApiError(str(exc)) from None


def model_card() -> dict[str, Any]:
    return {"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "policykb"}


def store_call(func: Any, *args: Any) -> Any:
    """``func(*args)``, with the store's server out of reach turned into a 503."""
    try:
        return func(*args)
    except STORE_DOWN as exc:
        log.warning("the store cannot be reached: %s", exc)
        raise ApiError(STORE_DOWN_MESSAGE, status=503, code="store_unavailable") from None


def ask_stream(
    bot: KnowledgeBot, question: str, documents: str | list[str] | None, history: list[dict[str, str]] | None = None
) -> Iterator[str | Answer]:
    """``bot.ask_stream``, with an unknown document turned into a 400 before anything is sent (and, through
    :func:`store_call`, the store out of reach into a 503: the stream's retrieval runs before it returns)."""
    try:
        return bot.ask_stream(question, doc=documents, history=history)
    except KeyError as exc:
        raise ApiError(
            str(exc.args[0]) if exc.args else "没有这个文件。", param="documents", code="document_not_found"
        ) from None


def ask(
    bot: KnowledgeBot, question: str, documents: str | list[str] | None, history: list[dict[str, str]] | None = None
) -> Answer:
    """``bot.ask``, with the errors a request can cause turned into a 400."""
    try:
        answer = bot.ask(question, doc=documents, history=history)
    except KeyError as exc:
        raise ApiError(
            str(exc.args[0]) if exc.args else "没有这个文件。", param="documents", code="document_not_found"
        ) from None
    if answer.kind == Unanswered.INVALID:
        raise ApiError(answer.answer, param="messages")
    return answer
