"""Optional access control: an API key for ``/v1``, a lockout on the page login, the client's address, and a
warning for open servers.

* :func:`bearer_ok` checks ``Authorization: Bearer <key>`` against ``settings.api_key`` (as OpenAI clients send it).
* :class:`LoginLockout` wraps the ASGI app so that page logins (Gradio's ``POST /login`` and ``/login/``) are
  slowed down and locked out per client, with the same :class:`~policykb.bot.page.guard.PasswordGuard` as the
  admin password: each try counts as a failure before it is checked, so tries sent together are refused.
* :class:`TrustedClient` sets the client's address: the connection's peer, or, only when that peer is a proxy
  named in ``settings.trusted_proxies``, the address it forwards in ``X-Forwarded-For``.
* :func:`exposure_warnings` names what is open to anyone when the server listens beyond this machine.

No gradio here.
"""

from __future__ import annotations

import ipaddress
import json
from typing import Any

from policykb.bot.page.guard import PasswordGuard, same_secret
from policykb.bot.views import Settings

LOGIN_PATHS = ("/login", "/login/")
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


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


def trusted_networks(setting: str) -> list[Network]:
    """The proxies ``settings.trusted_proxies`` names (addresses or networks, separated by commas or spaces).

    Raises:
        ValueError: an entry is not an address or a network.
    """
    networks = []
    for entry in setting.replace(",", " ").split():
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(f"POLICYKB_TRUSTED_PROXIES 中有无法识别的地址：{entry!r}") from None
    return networks


def _within(host: str, networks: list[Network]) -> bool:
    try:
        address = ipaddress.ip_address(host.strip().strip("[]"))
    except ValueError:
        return False
    return any(address in network for network in networks)


def client_address(peer: str, forwarded: str | None, trusted: list[Network]) -> str:
    """The client's address: ``peer``, unless ``peer`` is a trusted proxy; then the last address of
    ``X-Forwarded-For`` (``forwarded``) that is not itself a trusted proxy (the one the proxies were told)."""
    if not forwarded or not _within(peer, trusted):
        return peer
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _within(hop, trusted):
            return hop
    return hops[0] if hops else peer


class TrustedClient:
    """ASGI middleware: ``scope["client"]`` is the real client's address (see :func:`client_address`); an
    ``X-Forwarded-For`` from anyone but a trusted proxy is ignored (uvicorn's own reading is turned off)."""

    def __init__(self, app: Any, trusted: list[Network]) -> None:
        self.app, self.trusted = app, trusted

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket") and self.trusted:
            peer, port = scope.get("client") or ("unknown", 0)
            forwarded = dict(scope.get("headers") or []).get(b"x-forwarded-for", b"").decode("latin-1")
            scope = {**scope, "client": (client_address(peer, forwarded, self.trusted), port)}
        await self.app(scope, receive, send)


def client_of_scope(scope: dict[str, Any]) -> str:
    return (scope.get("client") or ("unknown", 0))[0]


class LoginLockout:
    """ASGI middleware: page logins from one client are slowed down, then locked out (HTTP 429).

    A try counts as a failure when it arrives (:meth:`PasswordGuard.begin`), before Gradio checks it, and
    is taken back when Gradio accepts it: of tries sent together, all but the first are refused unchecked.
    """

    def __init__(self, app: Any, guard: PasswordGuard) -> None:
        self.app, self.guard = app, guard

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("method") != "POST" or scope.get("path") not in LOGIN_PATHS:
            await self.app(scope, receive, send)
            return
        client = client_of_scope(scope)
        refusal = self.guard.begin(client)
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


async def refuse(send: Any, message: str, status: int = 429) -> None:
    """A refusal (429 by default) with Gradio's error shape (``{"detail": ...}``), which its login form shows."""
    body = json.dumps({"detail": message}, ensure_ascii=False).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
