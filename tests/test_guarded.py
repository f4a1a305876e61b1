"""Issue 24 on the page and the server: uploads only from an admin session, the Gradio API behind the key or
the login, one lock-out for every password check (whatever the path, the X-Forwarded-For, or how many tries
arrive at once), a stalled Chroma answered with a 503 within seconds, and writers that say whom they wait for.

Everything real: the real server (uvicorn, Gradio), a real `chroma run` server stopped with SIGSTOP, the
real `policykb` command; the shipped plan and the packaged MiniLM.
"""

from __future__ import annotations

import json
import math
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from policykb.bot.engine import KnowledgeBot
from policykb.kb.lock import Lease, ingest_lock
from policykb.kb.storage import LeaseRecord
from policykb.kb.store import KnowledgeStore
from tests.conftest import E5_ENV, SECOND_PLAN
from tests.test_security import (
    ADMIN_PASSWORD,
    API_KEY,
    CHINESE,
    PAGE_PASSWORD,
    PAGE_USER,
    QUESTION,
    config,
    gradio_upload,
    openai_error,
    post,
    served_on_chroma,
)
from tests.test_server import chroma_server, race_env  # noqa: F401 - the fixture, used by name

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")]
POLICYKB = str(Path(sys.executable).parent / "policykb")


def serving(bot: KnowledgeBot, **settings: Any) -> Iterator[Any]:
    from policykb.bot.page.serve import start_server

    guarded = KnowledgeBot(bot.settings.with_(**settings), embeddings=bot.embeddings, show_progress=False)
    with start_server(guarded) as running:
        yield running


@pytest.fixture(scope="module")
def open_server(bot: KnowledgeBot) -> Iterator[Any]:
    yield from serving(bot)


@pytest.fixture(scope="module")
def admin_server(bot: KnowledgeBot) -> Iterator[Any]:
    yield from serving(bot, admin_password=ADMIN_PASSWORD)


@pytest.fixture(scope="module")
def key_server(bot: KnowledgeBot) -> Iterator[Any]:
    yield from serving(bot, api_key=API_KEY)


@pytest.fixture
def login_server(bot: KnowledgeBot) -> Iterator[Any]:
    """A server with a page login and an admin password, fresh for each test: its lock-out starts empty."""
    yield from serving(bot, page_user=PAGE_USER, page_password=PAGE_PASSWORD, admin_password=ADMIN_PASSWORD)


@pytest.fixture
def proxied_server(bot: KnowledgeBot) -> Iterator[Any]:
    yield from serving(bot, page_user=PAGE_USER, page_password=PAGE_PASSWORD, trusted_proxies="127.0.0.1")


def login(url: str, password: str, path: str = "/login", forwarded: str | None = None) -> httpx.Response:
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return httpx.post(f"{url}{path}", data={"username": PAGE_USER, "password": password}, headers=headers, timeout=30)


# -- uploads ------------------------------------------------------------------------------------------


def test_anonymous_uploads_are_refused(open_server: Any, admin_server: Any) -> None:
    for running in (open_server, admin_server):
        refused = gradio_upload(running.url, "x.txt", b"x" * 1024)
        assert refused.status_code == 403 and CHINESE.search(refused.json()["detail"])


def test_an_admin_session_may_upload(admin_server: Any) -> None:
    with httpx.Client(base_url=admin_server.url, timeout=30) as browser:
        wrong = browser.post("/admin/session", data={"password": "guess"})
        assert wrong.status_code == 401 and "管理员密码不正确" in wrong.json()["detail"]
        assert browser.post("/gradio_api/upload", files={"files": ("x.txt", b"x")}).status_code == 403
        time.sleep(1.1)  # the wait after a wrong password
        right = browser.post("/admin/session", data={"password": ADMIN_PASSWORD})
        assert right.status_code == 200 and right.json()["success"]
        uploaded = browser.post("/gradio_api/upload", files={"files": ("x.txt", b"x")})
        assert uploaded.status_code == 200 and len(uploaded.json()) == 1


def test_with_an_api_key_the_gradio_api_needs_it(key_server: Any) -> None:
    url = key_server.url
    call = httpx.post(f"{url}/gradio_api/call/chat", json={"data": [QUESTION, None, None, []]}, timeout=30)
    assert call.status_code == 401 and "API 密钥" in call.json()["detail"]
    for path in ("/gradio_api/info", "/v1/openapi.json", "/openapi.json"):
        assert httpx.get(f"{url}{path}", timeout=30).status_code == 401, path
    keyed = httpx.post(
        f"{url}/gradio_api/call/chat",
        json={"data": [QUESTION, None, None, []]},
        headers={"Authorization": f"Bearer {API_KEY}"},
        timeout=30,
    )
    assert keyed.status_code == 200 and "event_id" in keyed.json()
    assert httpx.get(f"{url}/healthz", timeout=30).status_code == 200


def test_with_a_login_every_gradio_route_needs_it(login_server: Any) -> None:
    url = login_server.url
    for path in ("/gradio_api/startup-events", "/openapi.json", "/gradio_api/info", "/monitoring/x"):
        assert httpx.get(f"{url}{path}", timeout=30).status_code == 401, path
    assert httpx.get(f"{url}/healthz", timeout=30).status_code == 200
    assert httpx.get(url, timeout=30).status_code == 200  # the login page itself
    with httpx.Client(base_url=url, timeout=30) as browser:
        assert browser.post("/login", data={"username": PAGE_USER, "password": PAGE_PASSWORD}).status_code == 200
        assert browser.get("/gradio_api/startup-events").status_code == 200


# -- one lock-out for every password check -------------------------------------------------------------


def test_login_with_a_trailing_slash_is_counted(login_server: Any) -> None:
    wrong = login(login_server.url, "guess", "/login/")
    assert wrong.status_code == 400
    assert login(login_server.url, PAGE_PASSWORD, "/login").status_code == 429
    assert login(login_server.url, PAGE_PASSWORD, "/login/").status_code == 429


def test_the_admin_password_and_the_login_share_one_lock_out(login_server: Any) -> None:
    with httpx.Client(base_url=login_server.url, timeout=30) as browser:
        assert browser.post("/login", data={"username": PAGE_USER, "password": PAGE_PASSWORD}).status_code == 200
        assert browser.post("/admin/session", data={"password": "guess"}).status_code == 401
    assert login(login_server.url, PAGE_PASSWORD).status_code == 429


def test_concurrent_guesses_are_all_counted(login_server: Any) -> None:
    def guess(n: int) -> int:
        return login(login_server.url, f"guess-{n}", "/login" if n % 2 else "/login/").status_code

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(guess, range(100)))
    elapsed = time.monotonic() - started
    # Checked: the first, then one after each wait (1 s, 2 s, 4 s, …); the others are refused unchecked.
    assert statuses.count(400) <= 1 + math.log2(1 + elapsed), (elapsed, statuses)
    assert statuses.count(400) + statuses.count(429) == 100, statuses
    assert login(login_server.url, PAGE_PASSWORD).status_code == 429


def test_a_forwarded_address_is_ignored_unless_the_proxy_is_trusted(login_server: Any) -> None:
    assert login(login_server.url, "guess", forwarded="10.9.8.7").status_code == 400
    assert login(login_server.url, PAGE_PASSWORD, forwarded="10.1.2.3").status_code == 429  # the same peer


def test_a_trusted_proxy_forwards_the_client_address(proxied_server: Any) -> None:
    url = proxied_server.url
    assert login(url, "guess", forwarded="10.9.8.7").status_code == 400
    assert login(url, PAGE_PASSWORD, forwarded="10.9.8.7").status_code == 429  # that client waits
    assert login(url, PAGE_PASSWORD, forwarded="10.1.2.3").status_code == 200  # another does not
    # a client cannot pick its own address by sending the header itself through the proxy
    assert login(url, PAGE_PASSWORD, forwarded="10.1.2.4, 10.9.8.7").status_code == 429


# -- a stalled Chroma server ----------------------------------------------------------------------------


def test_a_stalled_store_is_a_503_within_seconds(tmp_path: Path, minilm: Any) -> None:
    with served_on_chroma(tmp_path, minilm) as (chroma, running, body):
        chroma.send_signal(signal.SIGSTOP)
        try:
            for stream in (False, True):
                started = time.monotonic()
                error = openai_error(post(running.url, json.dumps({**body, "stream": stream}).encode()), 503)
                assert error["code"] == "store_unavailable" and time.monotonic() - started < 10
            started = time.monotonic()
            health = httpx.get(f"{running.url}/healthz", timeout=30)
            assert health.status_code == 503 and time.monotonic() - started < 10
            assert health.json()["store"] == "unreachable" and "Errno" not in health.text
            started = time.monotonic()
            documents = httpx.get(f"{running.url}/v1/documents", timeout=30)
            assert documents.status_code == 503 and time.monotonic() - started < 10
            chat = next(d for d in config(running.url)["dependencies"] if d.get("api_name") == "chat")
            started = time.monotonic()
            message = page_event(running.url, chat, [QUESTION, None, None, []])
            assert not message["success"] and "知识库存储暂时无法连接" in json.dumps(message, ensure_ascii=False)
            assert time.monotonic() - started < 10
        finally:
            chroma.send_signal(signal.SIGCONT)


def page_event(url: str, dep: dict[str, Any], data: list[Any]) -> dict[str, Any]:
    """One page event through Gradio's queue; its ``process_completed`` message."""
    from tests.test_security import run_event

    return run_event(url, dep, data, f"stalled-{time.monotonic_ns()}")


# -- writers that say whom they wait for --------------------------------------------------------------


def ingest_command(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [POLICYKB, "ingest", *args],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_writer_says_whom_it_waits_for(chroma_server: int, tmp_path: Path) -> None:  # noqa: F811
    import chromadb

    plan = tmp_path / "plan.txt"
    plan.write_text(SECOND_PLAN, encoding="utf-8")
    env = race_env(chroma_server, tmp_path / "home", 60.0) | {"POLICYKB_COLLECTION": "waiting", **E5_ENV}
    store = KnowledgeStore(chromadb.HttpClient(host="127.0.0.1", port=chroma_server), "waiting")
    held = Lease(store, ttl=60)
    held.acquire(timeout=0)
    refused = ingest_command(env, "--no-wait", str(plan))
    _, err = refused.communicate(timeout=300)
    assert refused.returncode == 2 and "Traceback" not in err, err
    assert f"进程 {os.getpid()}" in err and "租约到" in err and "起" in err, err
    waiting = ingest_command(env, str(plan))
    lines = []
    while not lines or "正在等待" not in lines[-1]:
        lines.append(waiting.stderr.readline())  # type: ignore[union-attr]
        assert lines[-1], "".join(lines)
    assert f"进程 {os.getpid()}" in lines[-1] and "租约到" in lines[-1], lines
    held.release()
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0 and "新增 1" in out, err


def test_a_dead_writers_lease_is_taken_over_at_once(chroma_server: int, tmp_path: Path) -> None:  # noqa: F811
    import chromadb

    plan = tmp_path / "plan.txt"
    plan.write_text(SECOND_PLAN, encoding="utf-8")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    store = KnowledgeStore(chromadb.HttpClient(host="127.0.0.1", port=chroma_server), "dead-writer")
    owner = f"{socket.gethostname()}:{dead.pid}:killed"
    assert store.claim_lease(LeaseRecord(1, owner, time.time() + 300, since=time.time()))
    env = race_env(chroma_server, tmp_path / "home", 300.0) | {"POLICYKB_COLLECTION": "dead-writer", **E5_ENV}
    started = time.monotonic()
    took_over = ingest_command(env, "--no-wait", str(plan))
    out, err = took_over.communicate(timeout=300)
    assert took_over.returncode == 0 and "新增 1" in out, err
    assert time.monotonic() - started < 120  # not the 300 s of the dead writer's lease


def test_an_embedded_writer_says_whom_it_waits_for(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(SECOND_PLAN, encoding="utf-8")
    home = tmp_path / "home"
    env = {"POLICYKB_HOME": str(home), **E5_ENV}
    with ingest_lock(home / "ingest.lock"):
        refused = ingest_command(env, "--no-wait", str(plan))
        _, err = refused.communicate(timeout=300)
    assert refused.returncode == 2 and f"进程 {os.getpid()}" in err and "Traceback" not in err, err


# -- quiet logs; a passages ceiling per file --------------------------------------------------------------


def test_a_client_gone_mid_body_is_one_log_line(open_server: Any, caplog: pytest.LogCaptureFixture) -> None:
    import logging

    caplog.set_level(logging.INFO)
    host, port = open_server.host, open_server.port
    for _ in range(3):
        with socket.create_connection((host, port), timeout=10) as client:
            head = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            client.sendall(f"{head}Content-Length: 100000\r\n\r\n".encode() + b'{"messages": [')
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and sum("disconnected" in r.getMessage() for r in caplog.records) < 3:
        time.sleep(0.2)
    gone = [r for r in caplog.records if "disconnected" in r.getMessage()]
    assert len(gone) == 3, [r.getMessage() for r in caplog.records]
    assert not [r for r in caplog.records if r.exc_info], [r.getMessage() for r in caplog.records if r.exc_info]


def test_a_file_over_the_passages_ceiling_does_not_hold_back_the_one_beside_it(tmp_path: Path, minilm: Any) -> None:
    from tests.conftest import make_settings

    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_text(SECOND_PLAN, encoding="utf-8")  # 6 chunks and 8 targets
    small.write_text("青禾市节水方案\n一、主要目标\n到2025年，全市节水器具普及率达到90%。\n", encoding="utf-8")
    settings = make_settings(tmp_path / "home").with_(max_passages=10)
    bot = KnowledgeBot(settings, embeddings=minilm, show_progress=False)
    report = bot.ingest([big, small])
    assert report.added == ["small"]
    assert "超过每个文件 10 个的上限" in report.failed[str(big)] and "POLICYKB_MAX_PASSAGES" in report.failed[str(big)]
    assert "90%" in bot.ask("节水器具普及率要达到多少？").answer


class WatchedModel:
    """The real model; each time it embeds a text of ``marker``, the documents the store lists then are noted."""

    def __init__(self, model: Any, marker: str) -> None:
        self.model, self.marker = model, marker
        self.store: Any = None
        self.listed: list[set[str]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.model, name)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if any(self.marker in t for t in texts):
            manifest = self.store.manifest()
            self.listed.append(set(manifest.documents) if manifest else set())
        return self.model.embed_documents(texts)


def test_a_big_file_is_committed_after_the_small_one_beside_it(tmp_path: Path, minilm: Any) -> None:
    """A file over ``big_file_passages`` embeds in a commit of its own, after the batch's small files: while it
    embeds, the small file is already in the index."""
    from tests.conftest import make_settings

    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_text(SECOND_PLAN, encoding="utf-8")  # 6 chunks and 8 targets
    small.write_text("青禾市节水方案\n一、主要目标\n到2025年，全市节水器具普及率达到90%。\n", encoding="utf-8")
    watched = WatchedModel(minilm, "绿色交通")
    bot = KnowledgeBot(
        make_settings(tmp_path / "home").with_(big_file_passages=10), embeddings=watched, show_progress=False
    )
    watched.store = bot.store
    report = bot.ingest([big, small])
    assert sorted(report.added) == ["big", "small"] and report.generation == 2
    assert watched.listed and all(listed == {"small"} for listed in watched.listed)
    reader = KnowledgeBot(bot.settings, embeddings=minilm, show_progress=False)
    assert "绿色交通" in reader.ask("绿色交通推进方案由谁印发？").answer


def test_other_methods_and_paths_under_v1_get_the_openai_error_shape(open_server: Any) -> None:
    wrong_method = httpx.get(f"{open_server.url}/v1/chat/completions", timeout=30)
    assert openai_error(wrong_method, 405)["code"] == "method_not_allowed"
    assert openai_error(httpx.get(f"{open_server.url}/v1/nothing-here", timeout=30), 404)["code"] == "not_found"
