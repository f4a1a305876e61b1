"""Optional access control: an API key for ``/v1``, a lockout on the page login, and a warning for open servers.

* :func:`bearer_ok` checks ``Authorization: Bearer <key>`` against ``settings.api_key`` (as OpenAI clients send it).
* :class:`LoginLockout` wraps the ASGI app so that wrong page logins (Gradio's ``POST /login``) are slowed
  down and locked out per client, with the same :class:`~policykb.bot.page.guard.PasswordGuard` as the admin
  password.
* :func:`exposure_warnings` names what is open to anyone when the server listens beyond this machine.

No gradio here.
"""

from __future__ import annotations

import ipaddress
import json
from typing import Any

from policykb.bot.page.guard import PasswordGuard, same_secret
from policykb.bot.views import Settings

LOGIN_PATH = "/login"


def bearer_ok(authorization: str | None, api_key: str) -> bool:
    """Whether an ``Authorization`` header carries ``api_key`` (always true when no key is set)."""
    if not api_key:
        return True
    scheme, _, token = (authorization or "").partition(" ")
    return scheme.lower() == "bearer" and same_secret(token.strip(), api_key)


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine (``127.0.0.1``, ``::1``, ``localhost``)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warnings(settings: Settings, host: str) -> list[str]:
    """Chinese warnings for what anyone who reaches ``host`` could use without a key or a login."""
    if is_loopback(host):
        return []
    warnings = []
    if not settings.api_key:
        warnings.append(
            f"警告：服务监听 {host}（本机以外也可访问），但未设置 API 密钥，任何人都可调用 /v1 接口。"
            "请设置 POLICYKB_API_KEY。"
        )
    if settings.page_login is None:
        warnings.append(
            f"警告：服务监听 {host}（本机以外也可访问），但问答网页没有登录，任何人都可打开。"
            "请设置 POLICYKB_PAGE_USER 与 POLICYKB_PAGE_PASSWORD。"
        )
    return warnings


class LoginLockout:
    """ASGI middleware: wrong page logins from one client are slowed down, then locked out (HTTP 429)."""

    def __init__(self, app: Any, guard: PasswordGuard) -> None:
        self.app, self.guard = app, guard

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("method") != "POST" or scope.get("path") != LOGIN_PATH:
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        refusal = self.guard.refused(client)
        if refusal is not None:
            await refuse(send, refusal)
            return
        status: list[int] = []

        async def watch(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])
            await send(message)

        await self.app(scope, receive, watch)
        if status and status[0] < 300:
            self.guard.succeeded(client)
        elif status and status[0] == 400:  # Gradio's answer to wrong credentials
            self.guard.failed(client)


async def refuse(send: Any, message: str) -> None:
    """A 429 with Gradio's error shape (``{"detail": ...}``), which its login form shows."""
    body = json.dumps({"detail": message}, ensure_ascii=False).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 429, "headers": headers})
    await send({"type": "http.response.body", "body": body})
