"""Which requests reach the page's Gradio routes: uploads only from an admin session, and, when an API key or a
page login is set, the Gradio API only with it.

* :class:`AdminSessions` are the sessions that gave the admin password (``POST /admin/session``, through the
  one lock-out of every password check); each holds an ``HttpOnly`` cookie for ``SESSION_SECONDS``, and the
  files Gradio stored for it (recorded by the gate before the upload's answer leaves, so before any click can
  name them: the ingest does not depend on the order in which the browser sends its events).
* :class:`RouteGate` is ASGI middleware:
  - ``/gradio_api/upload`` (and its progress route) answers 403 unless the request carries an admin session
    (always, when no admin password is set: the page has no upload form then), and 411/413/429 once that
    session's :class:`~policykb.bot.page.uploads.UploadQuota` is spent; the paths Gradio answers with are
    recorded as that session's uploads;
  - with a page login, every route but those in :data:`OPEN_PATHS` and :data:`OPEN_PREFIXES` (the login page
    and its assets, ``/healthz``) and ``/v1/…`` (the API checks its own key) needs the login (Gradio's
    cookie) or the API key (``Authorization: Bearer``); ``/v1/openapi.json`` needs the key when one is set;
  - with only an API key, the Gradio API a script calls (:data:`SCRIPT_PREFIXES`: ``/gradio_api/call/…``,
    ``/gradio_api/info``, the schemas) needs the key; the routes the open page itself uses stay open.

No gradio here: whether a request carries the page login is asked of a function given by the server.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse

from policykb.bot.page.auth import bearer_ok, client_of_scope, refuse
from policykb.bot.page.guard import PasswordGuard
from policykb.bot.page.uploads import UploadQuota

__all__ = ["ADMIN_COOKIE", "AdminSessions", "RouteGate", "add_admin_route"]

ADMIN_COOKIE = "policykb-admin"
SESSION_SECONDS = 3600.0
MAX_SESSIONS = 1000
UPLOAD_PATHS = ("/gradio_api/upload", "/gradio_api/upload/", "/gradio_api/upload_progress")
STORING_PATHS = ("/gradio_api/upload", "/gradio_api/upload/")  # the routes that store files
OPEN_PATHS = frozenset(
    {
        "/",
        "/login",
        "/login/",
        "/logout",
        "/healthz",
        "/favicon.ico",
        "/manifest.json",
        "/robots.txt",
        "/theme.css",
        "/config",  # Gradio answers 401 itself without the login: the page then shows its login form
        "/config/",
        "/gradio_api/theme.css",
        "/gradio_api/login_check",
        "/gradio_api/login_check/",
        "/admin/session",  # refused without the admin password, through the lock-out
    }
)
OPEN_PREFIXES = ("/assets/", "/static/", "/svelte/", "/pwa_icon")
SCRIPT_PREFIXES = (
    "/gradio_api/call/",
    "/gradio_api/run/",
    "/gradio_api/api/",
    "/gradio_api/info",
    "/gradio_api/openapi.json",
    "/gradio_api/mcp",
    "/openapi.json",
)
NO_ADMIN = "上传已关闭：管理员未设置管理员密码（POLICYKB_ADMIN_PASSWORD）。"
NOT_ADMIN = "上传文件前，请先在“文件”页输入管理员密码并点击“验证密码”。"
NO_LOGIN = "请先登录问答网页。"
NO_KEY = "API 密钥缺失或不正确：请在请求头中加入 Authorization: Bearer <密钥>。"


class AdminSessions:
    """The sessions (browser cookies) that gave the admin password, each for ``seconds``."""

    def __init__(self, guard: PasswordGuard | None, seconds: float = SESSION_SECONDS) -> None:
        self.guard, self.seconds = guard, seconds
        self._expires: dict[str, float] = {}
        self._files: dict[str, set[str]] = {}  # token → the files Gradio stored for it (resolved paths)
        self._lock = threading.Lock()

    def open(self, client: str, password: str | None) -> tuple[str | None, str]:
        """A new session's token for the right password, else ``None``; and what to tell the user."""
        if self.guard is None:
            return None, NO_ADMIN
        verdict = self.guard.check(client, password)
        if not verdict.ok:
            return None, ("管理员密码不正确。" if verdict.wrong else "") + verdict.wait
        token = secrets.token_urlsafe(32)
        with self._lock:
            now = time.monotonic()
            self._expires = {t: e for t, e in self._expires.items() if e > now}
            while len(self._expires) >= MAX_SESSIONS:
                del self._expires[next(iter(self._expires))]
            self._files = {t: f for t, f in self._files.items() if t in self._expires}
            self._expires[token] = now + self.seconds
        return token, "已验证管理员密码，可以上传文件。"

    def valid(self, token: str | None) -> bool:
        with self._lock:
            return bool(token) and self._expires.get(token or "", 0.0) > time.monotonic()

    def keep(self, token: str, paths: Iterable[str]) -> None:
        """Record ``paths`` (where Gradio stored an upload of the session ``token``) as the session's uploads."""
        resolved = {str(Path(path).resolve()) for path in paths}
        with self._lock:
            if token in self._expires:
                self._files.setdefault(token, set()).update(resolved)

    def uploads(self, token: str | None) -> set[str]:
        """The files Gradio stored for the session ``token`` (resolved paths); none once the session is over."""
        if not self.valid(token):
            return set()
        with self._lock:
            return set(self._files.get(token or "", set()))


def cookies_of(scope: dict[str, Any]) -> dict[str, str]:
    raw = dict(scope.get("headers") or []).get(b"cookie", b"").decode("latin-1")
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except Exception:  # noqa: BLE001 - a malformed cookie header: no cookies
        return {}
    return {key: morsel.value for key, morsel in jar.items()}


class RouteGate:
    """ASGI middleware: uploads from admin sessions only; the Gradio API behind the login or the API key.

    Args:
        api_key: ``settings.api_key`` ("" when none).
        page_login: whether a page login is set.
        logged_in: whether a request's cookies carry the page login (asked of Gradio's app).
        quota: what each admin session may still upload (``None``: no limit but Gradio's per-file one).
    """

    def __init__(
        self,
        app: Any,
        sessions: AdminSessions,
        api_key: str,
        page_login: bool,
        logged_in: Callable[[dict[str, str]], bool],
        quota: UploadQuota | None = None,
    ) -> None:
        self.app, self.sessions, self.api_key = app, sessions, api_key
        self.page_login, self.logged_in, self.quota = page_login, logged_in, quota

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        refusal = self.refusal(scope)
        if refusal is not None and scope["type"] == "http":
            await refuse(send, refusal[1], status=refusal[0])
            return
        if refusal is not None:
            await send({"type": "websocket.close", "code": 1008})
            return
        token = cookies_of(scope).get(ADMIN_COOKIE)
        if scope.get("path") in STORING_PATHS and scope.get("method") == "POST" and self.sessions.valid(token):
            send = self.recording(send, str(token))
        await self.app(scope, receive, send)

    def recording(self, send: Any, token: str) -> Any:
        """``send``, recording the paths of a stored upload as ``token``'s before its answer's last byte leaves."""
        status, body = [0], []

        async def send_and_record(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            elif message["type"] == "http.response.body" and status[0] == 200:
                body.append(message.get("body", b""))
                if not message.get("more_body"):
                    self.sessions.keep(token, stored_paths(b"".join(body)))
            await send(message)

        return send_and_record

    def refusal(self, scope: dict[str, Any]) -> tuple[int, str] | None:
        """``(status, Chinese reason)`` when the request may not go on, else ``None``."""
        path = scope.get("path", "")
        cookies = cookies_of(scope)
        authorization = dict(scope.get("headers") or []).get(b"authorization", b"").decode("latin-1")
        has_key = bool(self.api_key) and bearer_ok(authorization, self.api_key)
        if path.startswith("/v1/"):  # the API checks its key itself, in OpenAI's error shape; not its schema
            return (401, NO_KEY) if path == "/v1/openapi.json" and self.api_key and not has_key else None
        if self.page_login and not (has_key or self.logged_in(cookies)) and not _open(path):
            return 401, NO_LOGIN
        if self.api_key and not self.page_login and path.startswith(SCRIPT_PREFIXES) and not has_key:
            return 401, NO_KEY
        token = cookies.get(ADMIN_COOKIE)
        if path in UPLOAD_PATHS and not self.sessions.valid(token):
            return 403, NO_ADMIN if self.sessions.guard is None else NOT_ADMIN
        if path in STORING_PATHS and scope.get("method") == "POST" and self.quota is not None and token:
            return self.quota.admit(token, _content_length(scope))
        return None


def stored_paths(body: bytes) -> list[str]:
    """The paths of Gradio's answer to an upload (a JSON list of strings); none for any other answer."""
    try:
        paths = json.loads(body)
    except ValueError:
        return []
    return [path for path in paths if isinstance(path, str)] if isinstance(paths, list) else []


def _content_length(scope: dict[str, Any]) -> int | None:
    raw = dict(scope.get("headers") or []).get(b"content-length", b"").decode("latin-1").strip()
    return int(raw) if raw.isdigit() else None


def _open(path: str) -> bool:
    return path in OPEN_PATHS or path.startswith(OPEN_PREFIXES)


def add_admin_route(app: Any, sessions: AdminSessions) -> None:
    """``POST /admin/session`` (form field ``password``): opens an admin session (a cookie) for the right
    admin password; wrong tries count in the one lock-out of every password check."""

    @app.post("/admin/session", include_in_schema=False)
    async def admin_session(request: Request) -> JSONResponse:
        form = await request.form(max_files=0, max_fields=4)
        token, message = sessions.open(client_of_scope(request.scope), str(form.get("password") or ""))
        if token is None:
            return JSONResponse({"detail": message}, status_code=401)
        response = JSONResponse({"success": True, "detail": message})
        response.set_cookie(ADMIN_COOKIE, token, max_age=int(sessions.seconds), httponly=True, samesite="strict")
        return response
