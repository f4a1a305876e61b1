"""Build the Chroma client the settings ask for: embedded by default, a server if configured.

Every call to a server has a timeout (``settings.chroma_timeout`` seconds; a writer's calls
``settings.chroma_write_timeout``, see :func:`patient`), so a stalled server is an error within
seconds (an ``httpx.TimeoutException``, which callers report as the store out of reach), never a hang.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import chromadb
import httpx
from chromadb.api import ClientAPI
from chromadb.config import Settings as ChromaSettings

from policykb.kb.settings import Settings

__all__ = ["STORE_DOWN", "STORE_DOWN_MESSAGE", "make_client", "patient"]

# The store's server cannot be reached, or did not answer in time (Chroma's HTTP client raises httpx's errors).
STORE_DOWN = (httpx.TransportError,)
STORE_DOWN_MESSAGE = "知识库存储暂时无法连接（未响应或已停止），请稍后再试。"

_write_timeout: ContextVar[float | None] = ContextVar("policykb_chroma_write_timeout", default=None)


@contextmanager
def patient(seconds: float) -> Iterator[None]:
    """Calls to the store made in this block (this thread) may take up to ``seconds``: a writer's large batches."""
    token = _write_timeout.set(seconds)
    try:
        yield
    finally:
        _write_timeout.reset(token)


def make_client(settings: Settings) -> ClientAPI:
    """``PersistentClient`` under ``home/chroma``, or ``HttpClient`` when ``chroma_host`` is set."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.uses_server:
        headers = {"Authorization": f"Bearer {settings.chroma_token}"} if settings.chroma_token else None
        client = chromadb.HttpClient(
            host=settings.chroma_host, port=settings.chroma_port, headers=headers, settings=chroma_settings
        )
        _bound(client, settings.chroma_timeout)
        return client
    settings.chroma_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


def _bound(client: ClientAPI, seconds: float) -> None:
    """Give every request of ``client``'s HTTP session a timeout (Chroma's own is none at all)."""
    session = getattr(getattr(client, "_server", None), "_session", None)
    if not isinstance(session, httpx.Client) or getattr(session, "_policykb_bound", False):
        return
    send = session.request

    def request(method: str, url: Any, **kwargs: Any) -> httpx.Response:
        kwargs.setdefault("timeout", _write_timeout.get() or seconds)
        return send(method, url, **kwargs)

    session.request = request  # type: ignore[method-assign]
    session._policykb_bound = True  # type: ignore[attr-defined]
