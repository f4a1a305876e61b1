"""One server for the chat page and the HTTP API: a FastAPI app with the API routes,
the Gradio page mounted at ``/`` (with its queue), run by uvicorn.

* :func:`create_app` builds the ASGI app for a bot (nothing runs at import time).
* :func:`serve` runs it in the foreground (``policykb chat``).
* :func:`start_server` runs it in a background thread on a free loopback port and
  returns a :class:`RunningServer` (for tests and ``bench/load.py``).
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from types import TracebackType

import gradio as gr
import uvicorn
from fastapi import FastAPI
from starlette.routing import Mount

from policykb.bot.engine import KnowledgeBot
from policykb.bot.page.api import build_api
from policykb.bot.page.app import build_app
from policykb.bot.page.auth import LoginLockout, TrustedClient, exposure_warnings, trusted_networks
from policykb.bot.page.gate import AdminSessions, RouteGate, add_admin_route
from policykb.bot.page.guard import PasswordGuard
from policykb.bot.page.ledger_tab import LEDGER_CSS
from policykb.bot.page.locale import ChinesePage
from policykb.bot.page.style import CSS
from policykb.bot.page.uploads import SESSION_SIZE_FACTOR, UploadQuota

# Events of one kind that run at once (worker threads). The engine is CPU-bound: 4, 8 and 16 measured alike.
CONCURRENCY = 8
FONTS = [
    "Source Sans Pro",
    "Noto Sans CJK SC",
    "PingFang SC",
    "Microsoft YaHei",
    "WenQuanYi Micro Hei",
    "ui-sans-serif",
    "sans-serif",
]


def theme() -> gr.themes.Base:
    """The default theme with CJK fonts from the system; nothing is fetched from the network."""
    return gr.themes.Default(font=[gr.themes.LocalFont(FONTS[0]), *FONTS[1:]])


def create_app(bot: KnowledgeBot, host: str = "127.0.0.1", port: int = 7860) -> FastAPI:
    """The API routes (``/v1/...``, ``/healthz``) with the chat page mounted at ``/``.

    The page asks for a login when ``settings.page_user`` and ``page_password`` are set; uploads are
    limited to ``settings.upload_max_mb``.
    """
    settings = bot.settings
    trusted = trusted_networks(settings.trusted_proxies)
    guard = PasswordGuard(settings.page_password)  # one lock-out for the page login and the admin password
    sessions = AdminSessions(guard.sharing(settings.admin_password) if settings.admin_password else None)
    app = build_api(bot)
    demo = build_app(bot, guard, sessions)
    demo.queue(default_concurrency_limit=CONCURRENCY)
    add_admin_route(app, sessions)
    app = gr.mount_gradio_app(
        app,
        demo,
        path="/",
        server_name=host,
        server_port=port,
        theme=theme(),
        css=CSS + LEDGER_CSS,
        footer_links=["api"],
        run_history=False,
        show_error=True,
        auth=settings.page_login,
        auth_message="请输入问答网页的用户名和密码。",
        max_file_size=f"{settings.upload_max_mb}mb",
    )
    app.add_middleware(ChinesePage)  # Gradio's own strings in Chinese, whatever the browser's language
    # Gradio checks that a file named by a client was uploaded (is in its upload folder) only for an app
    # that has "launched"; a mounted app never is, so without this any server path is accepted as input.
    demo.has_launched = True
    page = next(r.app for r in app.routes if isinstance(r, Mount) and isinstance(r.app, gr.routes.App))
    # Outermost last: the client's address is settled first, then logins are counted, then routes gated.
    gate = {"api_key": settings.api_key, "page_login": settings.page_login is not None}
    quota = UploadQuota(SESSION_SIZE_FACTOR * settings.upload_max_mb)
    app.add_middleware(
        RouteGate, sessions=sessions, logged_in=lambda cookies: logged_in(page, cookies), quota=quota, **gate
    )
    if settings.page_login is not None:
        app.add_middleware(LoginLockout, guard=guard)
    app.add_middleware(TrustedClient, trusted=trusted)
    return app


def logged_in(page: gr.routes.App, cookies: dict[str, str]) -> bool:
    """Whether ``cookies`` carry a page login Gradio gave (its token cookies, as its own routes check them)."""
    token = cookies.get(f"access-token-{page.cookie_id}") or cookies.get(f"access-token-unsecure-{page.cookie_id}")
    return bool(token) and token in page.tokens


def serve(bot: KnowledgeBot, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Serve the chat page and the API until interrupted (blocking)."""
    for warning in exposure_warnings(bot.settings, host):
        print(warning, file=sys.stderr, flush=True)
    bot.warm()  # open (or build) the index, load jieba and the model now, not during the first visitor's question
    print(f"policykb：问答网页 http://{host}:{port}/ ，OpenAI 兼容接口 http://{host}:{port}/v1", flush=True)
    # Open pages keep a heartbeat stream (for their session state): give them 2 s on shutdown, not forever.
    app = create_app(bot, host, port)
    # proxy_headers off: X-Forwarded-For is believed only from settings.trusted_proxies (TrustedClient).
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=2, proxy_headers=False)


class RunningServer:
    """A server running in a background thread; stop it with :meth:`stop` or a ``with`` block."""

    def __init__(self, server: uvicorn.Server, thread: threading.Thread, host: str, port: int) -> None:
        self.server, self.thread, self.host, self.port = server, thread, host, port

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def stop(self, timeout: float = 10.0) -> None:
        self.server.should_exit = True
        self.thread.join(timeout)

    def __enter__(self) -> RunningServer:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()


def start_server(bot: KnowledgeBot, host: str = "127.0.0.1", port: int = 0, timeout: float = 60.0) -> RunningServer:
    """Start the server in a daemon thread (``port=0``: a free port) and wait until it accepts requests."""
    bot.warm()  # as serve() does: open (or build) the index and load jieba and the model before the first request
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    port = sock.getsockname()[1]
    app = create_app(bot, host, port)
    config = uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=2, proxy_headers=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name=f"policykb-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"policykb 服务未能在 {host}:{port} 启动")
        time.sleep(0.05)
    return RunningServer(server, thread, host, port)
