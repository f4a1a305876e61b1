"""A scripted OpenAI-compatible chat-completions server on loopback, for testing the LLM answerer.

It speaks the real protocol over real HTTP (FastAPI + uvicorn in a thread, on a free port):
``POST /v1/chat/completions`` answers with a ``chat.completion`` JSON body, or, when the request
says ``"stream": true``, with ``chat.completion.chunk`` server-sent events ending in
``data: [DONE]``. ``GET /v1/models`` lists the one model. What it replies is scripted per test
with :meth:`OpenAIStub.script`; every request (body and headers) is recorded in ``requests``.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import AsyncIterator
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

HOST = "127.0.0.1"


def closed_port() -> int:
    """A loopback port that nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class OpenAIStub:
    """The stub server. Use as a context manager, or :meth:`start` and :meth:`stop`."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.reply: dict[str, Any] = {}
        self.script("好的[1]。")
        self.app = self._build()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False
        self.port = 0

    # -- scripting ------------------------------------------------------------------
    def script(
        self,
        content: str = "",
        *,
        delay: float = 0.0,
        chunk_delay: float = 0.0,
        chunk_size: int = 4,
        status: int = 200,
        message: str = "scripted failure",
        raw: str | None = None,
        raw_type: str = "application/json",
    ) -> None:
        """What every following request gets, until scripted again.

        Args:
            content: the assistant message (streamed in ``chunk_size``-character deltas).
            delay: seconds to wait before answering at all.
            chunk_delay: seconds to wait before each streamed delta.
            status: an HTTP status other than 200 answers with an OpenAI-shaped error body saying ``message``.
            raw: answer with this body verbatim instead (``raw_type`` as its content type; for a
                streaming request it is sent as the event stream).
        """
        self.reply = {
            "content": content, "delay": delay, "chunk_delay": chunk_delay, "chunk_size": chunk_size,
            "status": status, "message": message, "raw": raw, "raw_type": raw_type,
        }  # fmt: skip

    @property
    def base_url(self) -> str:
        """What ``POLICYKB_LLM_BASE_URL`` is set to: ``http://127.0.0.1:PORT/v1``."""
        return f"http://{HOST}:{self.port}/v1"

    @property
    def last(self) -> dict[str, Any]:
        """The body of the last request."""
        return self.requests[-1]["body"]

    # -- the app ----------------------------------------------------------------------
    def _build(self) -> FastAPI:
        app = FastAPI()

        @app.get("/v1/models")
        async def models() -> dict[str, Any]:
            return {
                "object": "list",
                "data": [{"id": "stub-model", "object": "model", "created": 0, "owned_by": "stub"}],
            }

        @app.post("/v1/chat/completions")
        async def chat_completions(request: Request) -> Response:
            body = await request.json()
            self.requests.append({"body": body, "headers": dict(request.headers)})
            reply = dict(self.reply)
            if reply["delay"] and not await self._pause(reply["delay"], request):
                return Response(status_code=499)  # the client gave up (or the stub is stopping)
            if reply["status"] != 200:
                error = {"message": reply["message"], "type": "server_error", "param": None, "code": None}
                return JSONResponse({"error": error}, status_code=reply["status"])
            stream = bool(body.get("stream"))
            if reply["raw"] is not None:
                media = "text/event-stream" if stream else reply["raw_type"]
                return Response(reply["raw"], media_type=media)
            model = body.get("model", "stub-model")
            if stream:
                return StreamingResponse(self._events(reply, model, request), media_type="text/event-stream")
            return JSONResponse(self._completion(reply["content"], model))

        return app

    @staticmethod
    def _completion(content: str, model: str) -> dict[str, Any]:
        return {
            "id": "chatcmpl-stub",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": "stop",
                    "logprobs": None,
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }

    async def _pause(self, seconds: float, request: Request) -> bool:
        """Sleep ``seconds``; ``False`` as soon as the client disconnects or the stub stops."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            if self._stopping or await request.is_disconnected():
                return False
            await asyncio.sleep(min(0.05, left))
        return True

    async def _events(self, reply: dict[str, Any], model: str, request: Request) -> AsyncIterator[str]:
        def chunk(delta: dict[str, Any], finish: str | None = None) -> str:
            body = {
                "id": "chatcmpl-stub", "object": "chat.completion.chunk", "created": int(time.time()), "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}],
            }  # fmt: skip
            return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

        yield chunk({"role": "assistant", "content": ""})
        content, size = reply["content"], reply["chunk_size"]
        for i in range(0, len(content), size):
            if reply["chunk_delay"] and not await self._pause(reply["chunk_delay"], request):
                return
            yield chunk({"content": content[i : i + size]})
        yield chunk({}, "stop")
        yield "data: [DONE]\n\n"

    # -- running ----------------------------------------------------------------------
    def start(self, timeout: float = 30.0) -> OpenAIStub:
        """Serve on a free loopback port in a daemon thread; return once it accepts connections."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((HOST, 0))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(self.app, log_level="warning", timeout_graceful_shutdown=1, lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name="openai-stub", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self._server.should_exit = True
                raise RuntimeError("the OpenAI stub did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._stopping = True
            self._server.should_exit = True
            self._thread.join(10)

    def __enter__(self) -> OpenAIStub:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
