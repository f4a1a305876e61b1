"""Hardening of the page and the API (issue 13): each attack or fault reproduced against a real server.

* the chat event never treats client data as a file path (the /etc/passwd read through a forged history);
* the admin ingest reads only files uploaded in the same session, within the size limit; Gradio's upload limit;
* the admin password and the page login slow down and lock out a guessing client;
* the optional API key and page login, and the warning when listening beyond this machine without them;
* API errors in OpenAI's shape: bad JSON of every kind, an unknown model, an over-long question (streaming
  or not), an over-large body, the Chroma server down (503); no docs page loading a public CDN.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from policykb.bot.engine import KnowledgeBot
from policykb.bot.page.api import ApiError, parse_body
from policykb.bot.page.auth import bearer_ok, exposure_warnings, is_loopback
from policykb.bot.page.gate import ADMIN_COOKIE, AdminSessions, RouteGate
from policykb.bot.page.guard import PasswordGuard, same_secret
from policykb.bot.page.uploads import SESSION_UPLOADS, UploadQuota, discard, remember, remove_later, session_files
from policykb.kb.settings import Settings
from policykb.kb.store import KnowledgeStore, Manifest
from tests.test_page import WATER_PLAN, ask, open_page

pytestmark = pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
QUESTION = "到2025年，清洁取暖率提高到多少？"
ADMIN_PASSWORD = "管理员-s3cret"
API_KEY = "sk-policykb-test-key"
PAGE_USER, PAGE_PASSWORD = "审阅人", "页面-pa55"


# -- password guard (fast; the clock is a counter) ---------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_wrong_passwords_wait_longer_each_time_then_lock_out() -> None:
    clock = Clock()
    guard = PasswordGuard("right", max_failures=4, first_wait=1.0, lockout=600.0, clock=clock)
    first = guard.check("10.0.0.1", "wrong")
    assert not first.ok and first.wrong and first.wait == "请 1 秒后再试。"
    refused = guard.check("10.0.0.1", "right")  # too soon: refused without looking at the password
    assert not refused.ok and not refused.wrong and refused.wait == "请 1 秒后再试。"
    assert guard.check("10.0.0.2", "right").ok  # another client is not held up
    waits = []
    for _ in range(3):
        clock.now += 3600  # wait long enough each time: only the count of wrong tries matters
        waits.append(guard.check("10.0.0.1", "wrong").wait)
    assert waits == ["请 2 秒后再试。", "请 4 秒后再试。", "密码连续错误 4 次，已锁定，请 10 分钟后再试。"]
    clock.now += 599
    assert not guard.check("10.0.0.1", "right").ok
    clock.now += 2
    assert guard.check("10.0.0.1", "right").ok  # the lockout is over
    assert guard.check("10.0.0.1", "wrong").wait == "请 1 秒后再试。"  # and a right password started over


def test_login_failures_counted_elsewhere_lock_out_too() -> None:
    clock = Clock()
    guard = PasswordGuard("x", max_failures=2, lockout=60.0, clock=clock)
    assert guard.refused("c") is None
    guard.failed("c")
    assert guard.refused("c") == "请 1 秒后再试。"
    clock.now += 5
    guard.failed("c")
    assert guard.refused("c") == "密码连续错误 2 次，已锁定，请 1 分钟后再试。"
    guard.succeeded("c")
    assert guard.refused("c") is None


def test_secrets_are_compared_exactly() -> None:
    assert same_secret("管理员", "管理员") and not same_secret("管理", "管理员") and not same_secret(None, "a")
    assert not same_secret("", "")  # no password set: nothing matches
    assert bearer_ok(None, "") and bearer_ok("Bearer k", "k") and bearer_ok("bearer  k", "k")
    assert not bearer_ok(None, "k") and not bearer_ok("Bearer kk", "k") and not bearer_ok("Basic k", "k")


def test_open_servers_are_warned_about() -> None:
    settings = Settings.from_env({}, home=Path("/nonexistent"))
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.org")
    assert exposure_warnings(settings, "127.0.0.1") == []
    warnings = exposure_warnings(settings, "0.0.0.0")
    assert len(warnings) == 2 and "POLICYKB_API_KEY" in warnings[0] and "POLICYKB_PAGE_PASSWORD" in warnings[1]
    guarded = settings.with_(api_key="k", page_user="u", page_password="p")
    assert exposure_warnings(guarded, "0.0.0.0") == []
    assert exposure_warnings(settings.with_(page_user="u"), "0.0.0.0")[1].startswith("警告")  # a user alone is no login


def test_settings_from_the_environment_keep_secrets_out_of_repr() -> None:
    env = {"POLICYKB_API_KEY": "k1", "POLICYKB_PAGE_USER": "u", "POLICYKB_PAGE_PASSWORD": "p1"}
    settings = Settings.from_env({**env, "POLICYKB_UPLOAD_MAX_MB": "7"}, home=Path("/nonexistent"))
    assert settings.api_key == "k1" and settings.page_login == ("u", "p1") and settings.upload_max_mb == 7
    assert "k1" not in repr(settings) and "p1" not in repr(settings)
    assert Settings.from_env({}, home=Path("/x")).page_login is None


# -- uploads (fast) --------------------------------------------------------------------------------


def test_only_files_uploaded_in_the_session_are_accepted(tmp_path: Path) -> None:
    folder = tmp_path / "gradio"
    (folder / "h1").mkdir(parents=True)
    ours, theirs, big = folder / "h1" / "plan.txt", folder / "h1" / "other.txt", folder / "h1" / "big.txt"
    ours.write_text("甲", encoding="utf-8")
    theirs.write_text("乙", encoding="utf-8")
    big.write_bytes(b"x" * (1024 * 1024 + 1))
    outside = tmp_path / "secret.txt"
    outside.write_text("机密", encoding="utf-8")
    (folder / "h1" / "link.txt").symlink_to(outside)
    known = remember([str(ours), str(big), str(outside), str(folder / "h1" / "link.txt"), "/etc/passwd"], [], folder)
    assert known == [str(ours.resolve()), str(big.resolve())]
    files, refused = session_files([str(ours)], known, folder, 1)
    assert files == [ours.resolve()] and refused == []
    files, refused = session_files(
        [str(theirs), str(outside), str(folder / "h1" / "link.txt"), "/etc/passwd", str(big)], known, folder, 1
    )
    assert files == []
    assert refused[:4] == [
        f"不是本页本次上传的文件，已拒绝：{name}" for name in ("other.txt", "secret.txt", "link.txt", "passwd")
    ]
    assert refused[4] == "文件过大：big.txt（1.0 MB，上限 1 MB）"


def test_a_sessions_uploads_are_limited_in_count_and_size() -> None:
    quota = UploadQuota(max_mb=1, uploads=3)
    assert quota.admit("a", 400_000) is None and quota.admit("a", 400_000) is None
    status, reason = quota.admit("a", 400_000) or (0, "")
    assert status == 413 and "总量已达上限（1 MB）" in reason
    assert quota.admit("a", 1000) is None  # what is left still goes in
    status, reason = quota.admit("a", 10) or (0, "")
    assert status == 429 and "上传次数已达上限（3 次）" in reason
    assert quota.admit("b", 400_000) is None  # another session has its own quota
    assert quota.admit("b", None) == (411, "上传请求缺少长度（Content-Length），已拒绝。")


def stored_by_gradio(gate: RouteGate, cookie: str, status: int, body: bytes) -> None:
    """An upload request through ``gate`` to a stand-in for Gradio's upload route answering ``status`` and ``body``."""

    async def gradio(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": body[:5], "more_body": True})
        await send({"type": "http.response.body", "body": body[5:]})

    async def ignore(message: dict[str, Any]) -> None:
        return None

    gate.app = gradio
    headers = [(b"cookie", f"{ADMIN_COOKIE}={cookie}".encode()), (b"content-length", b"100")]
    scope = {"type": "http", "path": "/gradio_api/upload", "method": "POST", "headers": headers}
    asyncio.run(gate(scope, None, ignore))


def test_the_gate_records_each_admin_sessions_uploads_as_gradio_stores_them(tmp_path: Path) -> None:
    """What the ingest accepts without the page's upload event (a click that reached the server first): only the
    files Gradio answered a session's own upload with, never a path another session or a client names."""
    folder = tmp_path / "gradio"
    (folder / "h1").mkdir(parents=True)
    ours, theirs = folder / "h1" / "plan.txt", folder / "h1" / "other.txt"
    ours.write_text("甲", encoding="utf-8")
    theirs.write_text("乙", encoding="utf-8")
    sessions = AdminSessions(PasswordGuard("pw"))
    token, _ = sessions.open("10.0.0.1", "pw")
    other, _ = sessions.open("10.0.0.2", "pw")
    assert token and other
    gate = RouteGate(None, sessions, api_key="", page_login=False, logged_in=lambda cookies: False)
    stored_by_gradio(gate, token, 200, json.dumps([str(ours)]).encode())
    stored_by_gradio(gate, token, 413, json.dumps([str(theirs)]).encode())  # not stored: not recorded
    stored_by_gradio(gate, "forged", 200, json.dumps([str(theirs)]).encode())  # no session: not recorded
    assert sessions.uploads(token) == {str(ours.resolve())}
    assert sessions.uploads(other) == sessions.uploads(None) == sessions.uploads("forged") == set()
    files, refused = session_files([str(ours)], sessions.uploads(token), folder, 1)
    assert files == [ours.resolve()] and refused == []
    files, refused = session_files([str(ours), str(theirs)], sessions.uploads(other), folder, 1)
    assert files == [] and refused == [f"不是本页本次上传的文件，已拒绝：{name}" for name in ("plan.txt", "other.txt")]


def test_an_upload_never_ingested_is_removed_after_a_while(tmp_path: Path) -> None:
    folder = tmp_path / "gradio" / "h1"
    folder.mkdir(parents=True)
    plan = folder / "plan.txt"
    plan.write_text("甲", encoding="utf-8")
    remove_later([str(plan)], seconds=1.5)  # long enough that a loaded machine still sees it first
    assert plan.exists()
    deadline = time.monotonic() + 10
    while plan.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not plan.exists() and not folder.exists()  # Gradio's folder for it goes too, once empty
    discard([plan])  # removing it again is harmless
    files, refused = session_files([str(plan)], [str(plan)], tmp_path / "gradio", 1)
    assert files == [] and refused[0].startswith("文件已在导入后") and refused[0].endswith("请重新上传：plan.txt")


# -- API request parsing (fast) ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'{"messages": [{"role": "user", "content": "\\ud800"}]}', "无效的 Unicode 字符"),
        (b'{"messages": [], "\\udfff": 1}', "无效的 Unicode 字符"),
        (b"[" * 100_000 + b"]" * 100_000, "嵌套过深"),
        (b'{"messages": [], "max_tokens": ' + b"9" * 5000 + b"}", "不是有效的 JSON"),
        (b"\xff\xfe{", "不是有效的 JSON"),
    ],
)
def test_malformed_bodies_are_a_400(raw: bytes, message: str) -> None:
    with pytest.raises(ApiError) as error:
        parse_body(raw)
    assert error.value.status == 400 and message in error.value.message
    assert parse_body('{"messages": [{"role": "user", "content": "\\ud83d\\ude00 问"}]}'.encode())  # a valid pair


# -- a real server over the shipped plan -------------------------------------------------------------


@pytest.fixture(scope="module")
def server(bot: KnowledgeBot) -> Iterator[Any]:
    from policykb.bot.page.serve import start_server

    with start_server(bot) as running:
        yield running


def config(url: str, cookies: Any = None) -> dict[str, Any]:
    response = httpx.get(f"{url}/config", cookies=cookies, timeout=30)
    response.raise_for_status()
    return response.json()


def dependency(cfg: dict[str, Any], elem_id: str, event: str) -> dict[str, Any]:
    """The event ``event`` of the component with ``elem_id``, from the page's config."""
    ids = [c["id"] for c in cfg["components"] if c.get("props", {}).get("elem_id") == elem_id]
    return next(d for d in cfg["dependencies"] if [ids[0], event] in [list(t) for t in d["targets"]])


def run_event(url: str, dep: dict[str, Any], data: list[Any], session: str) -> dict[str, Any]:
    """Send one event through Gradio's queue as a browser would, and return its ``process_completed`` message."""
    body = {"fn_index": dep["id"], "trigger_id": dep["targets"][0][0], "session_hash": session, "data": data}
    body["event_data"] = None
    joined = httpx.post(f"{url}/gradio_api/queue/join", json=body, timeout=30)
    assert joined.status_code == 200, joined.text
    with httpx.stream("GET", f"{url}/gradio_api/queue/data", params={"session_hash": session}, timeout=120) as reply:
        for line in reply.iter_lines():
            if line.startswith("data: "):
                message = json.loads(line[6:])
                if message.get("msg") == "process_completed":
                    return message
    raise AssertionError("no process_completed message")


def file_urls(message: Any) -> list[str]:
    return re.findall(r"gradio_api/file=[^\"'\s]+", json.dumps(message, ensure_ascii=False))


@pytest.mark.slow
def test_a_forged_chat_history_reads_no_server_file(server: Any) -> None:
    """The reproduction of issue 13: a history message naming /etc/passwd as a gradio.FileData."""
    cfg = config(server.url)
    chat = next(d for d in cfg["dependencies"] if d.get("api_name") == "chat")
    forged = [{"type": "file", "file": {"path": "/etc/passwd", "meta": {"_type": "gradio.FileData"}}}]
    history = [{"role": "user", "content": forged}]
    message = run_event(server.url, chat, ["q", history, history, []], "attacker")  # chat and conversation states
    assert file_urls(message) == [] and "passwd" not in json.dumps(message)
    history = message["output"]["data"][-1]
    assert [m["role"] for m in history] == ["user", "assistant"]  # the session's own history only
    for url in ("/gradio_api/file=/etc/passwd", "/gradio_api/file=/proc/self/environ"):
        response = httpx.get(server.url + url, timeout=30)
        assert response.status_code in (403, 404) and "root:" not in response.text


@pytest.mark.slow
def test_the_history_is_the_sessions_own(server: Any) -> None:
    cfg = config(server.url)
    chat = next(d for d in cfg["dependencies"] if d.get("api_name") == "chat")
    first = run_event(server.url, chat, [QUESTION, None, None, []], "alice")["output"]["data"][-1]
    assert len(first) == 2
    pretend = [{"role": "assistant", "content": "伪造的回答"}] * 3
    second = run_event(server.url, chat, ["市交通局负责哪些任务？", pretend, pretend, []], "alice")["output"]["data"][
        -1
    ]
    assert len(second) == 4 and second[:2] == first and "伪造" not in json.dumps(second, ensure_ascii=False)
    assert len(run_event(server.url, chat, [QUESTION, None, None, []], "bob")["output"]["data"][-1]) == 2


@pytest.mark.slow
def test_api_docs_load_nothing_from_a_cdn(server: Any) -> None:
    docs = httpx.get(f"{server.url}/v1/docs", timeout=30)
    assert docs.status_code == 404 and "cdn" not in docs.text
    schema = httpx.get(f"{server.url}/v1/openapi.json", timeout=30).json()
    assert "/v1/chat/completions" in schema["paths"]


def post(url: str, raw: bytes, headers: dict[str, str] | None = None) -> httpx.Response:
    headers = {"Content-Type": "application/json", **(headers or {})}
    return httpx.post(f"{url}/v1/chat/completions", content=raw, headers=headers, timeout=60)


def openai_error(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert set(error) == {"message", "type", "param", "code"} and CHINESE.search(error["message"])
    return error


@pytest.mark.slow
@pytest.mark.parametrize(
    "raw",
    [
        b'{"model": "policykb", "messages": [{"role": "user", "content": "\\ud800"}]}',
        b'{"model": "policykb", "messages": [{"role": "user", "content": "\\ud800"}], "stream": true}',
        b"[" * 100_000,
        b'{"model": "policykb", "messages": [{"role": "user", "content": "q"}], "max_tokens": ' + b"7" * 5000 + b"}",
    ],
    ids=["lone-surrogate", "lone-surrogate-stream", "nested-100k", "integer-5000-digits"],
)
def test_malformed_requests_get_a_400_not_a_500(server: Any, raw: bytes) -> None:
    assert openai_error(post(server.url, raw), 400)["type"] == "invalid_request_error"


@pytest.mark.slow
@pytest.mark.parametrize("stream", [False, True])
def test_a_megabyte_question_is_a_400_streaming_or_not(server: Any, stream: bool) -> None:
    question = "问" * (1024 * 1024 // 3)
    body = {"model": "policykb", "messages": [{"role": "user", "content": question}], "stream": stream}
    error = openai_error(post(server.url, json.dumps(body, ensure_ascii=False).encode()), 400)
    assert error["message"].startswith(f"问题过长（{len(question)} 字）") and error["param"] == "messages"


@pytest.mark.slow
@pytest.mark.parametrize("stream", [False, True])
def test_an_unknown_model_is_a_404(server: Any, stream: bool) -> None:
    body = {"model": "gpt-4o", "messages": [{"role": "user", "content": QUESTION}], "stream": stream}
    error = openai_error(post(server.url, json.dumps(body).encode()), 404)
    assert error["code"] == "model_not_found" and error["param"] == "model" and "gpt-4o" in error["message"]


@pytest.mark.slow
def test_an_unknown_model_is_a_404_for_the_openai_client(server: Any) -> None:
    import openai

    client = openai.OpenAI(base_url=f"{server.url}/v1", api_key="unused", max_retries=0, timeout=60)
    with pytest.raises(openai.NotFoundError) as error:
        client.chat.completions.create(model="policykb-2", messages=[{"role": "user", "content": QUESTION}])
    assert error.value.body["code"] == "model_not_found"
    assert client.chat.completions.create(model="policykb", messages=[{"role": "user", "content": QUESTION}]).choices


@pytest.mark.slow
def test_an_over_large_body_is_a_413(server: Any) -> None:
    raw = b'{"messages": [{"role": "user", "content": "' + b"a" * (9 * 1024 * 1024) + b'"}]}'
    assert openai_error(post(server.url, raw), 413)["message"].startswith("请求体过大")


class HeldClears:
    """The page's queue requests, with every one but the chat's held back while ``holding``: a slow clear."""

    def __init__(self, page: Any, chat: int) -> None:
        self.chat, self.holding, self.held, self.chats_sent = chat, False, [], 0
        page.route("**/gradio_api/queue/join*", self.route)

    def route(self, route: Any) -> None:
        asked = (route.request.post_data_json or {}).get("fn_index") == self.chat
        self.chats_sent += asked
        if self.holding and not asked:
            self.held.append(route)
        else:
            route.continue_()

    def release(self) -> None:
        self.holding = False
        while self.held:
            self.held.pop(0).continue_()


@pytest.mark.slow
def test_clearing_the_chat_clears_the_sessions_history(browser: Any, server: Any) -> None:
    """A question asked right after a clear is answered without the cleared turns, however slow the clear.

    The race is forced: the clear's server event is held in the browser until the question has been asked.
    Without the page's wait the question goes first, reads the two turns and shows three questions.
    """
    from playwright.sync_api import expect

    chat = next(d for d in config(server.url)["dependencies"] if d.get("api_name") == "chat")["id"]
    page = open_page(browser, server.url)
    clears = HeldClears(page, chat)
    questions = page.locator("#pk-chat .pk-q")
    try:
        for clear in (page.get_by_text("清空对话", exact=True), page.locator("#pk-chat button[title=清空对话]")):
            ask(page, QUESTION)
            ask(page, "市交通局负责哪些任务？")
            expect(questions).to_have_count(2)
            clears.holding = True
            clear.click()  # the button under the chat, then the chat's own trash button
            for _ in range(200):
                if clears.held:
                    break
                page.wait_for_timeout(50)
            assert clears.held, "the clear sent no server event"
            asked = clears.chats_sent
            box = page.locator("#pk-question textarea")
            box.fill(QUESTION)
            box.press("Enter")
            page.wait_for_timeout(1500)  # long enough for the question to be sent if nothing held it
            assert clears.chats_sent == asked, "the question was sent before the clear had run"
            clears.release()
            expect(questions).to_have_count(1)  # asked after the clear: the server's copy was cleared first
            expect(page.locator("#pk-chat .pk-msg")).to_have_count(1)
            ask(page, "市交通局负责哪些任务？")
            expect(questions).to_have_count(2)  # the session's history holds the question asked after the clear
            clear.click()
            expect(questions).to_have_count(0)
    finally:
        clears.release()
        page.context.close()


# -- the admin panel: uploads and the password, on a copy of the index -----------------------------


@pytest.fixture(scope="module")
def admin_bot(bot: KnowledgeBot, tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBot:
    home = tmp_path_factory.mktemp("security-admin") / "home"
    shutil.copytree(bot.settings.home, home)
    settings = bot.settings.with_(home=home, admin_password=ADMIN_PASSWORD, upload_max_mb=1)
    return KnowledgeBot(settings, embeddings=bot.embeddings, show_progress=False)


@pytest.fixture(scope="module")
def admin_server(admin_bot: KnowledgeBot) -> Iterator[Any]:
    from policykb.bot.page.serve import start_server

    with start_server(admin_bot) as running:
        yield running


def gradio_upload(url: str, name: str, data: bytes, cookies: Any = None) -> httpx.Response:
    return httpx.post(
        f"{url}/gradio_api/upload", files={"files": (name, data, "text/plain")}, cookies=cookies, timeout=60
    )


def admin_session(url: str) -> Any:
    """The cookies of an admin session (the page's 验证密码 button), which uploading needs."""
    opened = httpx.post(f"{url}/admin/session", data={"password": ADMIN_PASSWORD}, timeout=30)
    assert opened.status_code == 200, opened.text
    return opened.cookies


def file_data(path: str) -> dict[str, Any]:
    return {"path": path, "orig_name": Path(path).name, "meta": {"_type": "gradio.FileData"}}


def status_text(message: dict[str, Any]) -> str:
    return re.sub(r"<[^>]+>", "", message["output"]["data"][0]) if message.get("success") else ""


@pytest.mark.slow
def test_the_ingest_event_reads_no_server_path(admin_server: Any, admin_bot: KnowledgeBot, tmp_path: Path) -> None:
    secret = tmp_path / "environ-copy.txt"
    secret.write_text(WATER_PLAN, encoding="utf-8")  # a readable plan, so only the path check can stop it
    before = set(admin_bot.index().documents)
    ingest = dependency(config(admin_server.url), "pk-ingest", "click")
    for path in ("/etc/passwd", str(secret)):
        message = run_event(admin_server.url, ingest, [ADMIN_PASSWORD, [file_data(path)], None, False, False], "forger")
        assert not message["success"] or "已拒绝" in status_text(message)
        assert file_urls(message) == []
    assert set(admin_bot.index().documents) == before


@pytest.mark.slow
def test_only_this_sessions_uploads_are_ingested(admin_server: Any, admin_bot: KnowledgeBot) -> None:
    cookies = admin_session(admin_server.url)
    uploaded = gradio_upload(admin_server.url, "session-water-plan.txt", WATER_PLAN.encode("utf-8"), cookies)
    assert uploaded.status_code == 200
    path = uploaded.json()[0]
    cfg = config(admin_server.url)
    ingest, record = dependency(cfg, "pk-ingest", "click"), dependency(cfg, "pk-upload", "upload")
    files = [file_data(path)]
    other = run_event(admin_server.url, ingest, [ADMIN_PASSWORD, files, None, False, False], "other-session")
    assert status_text(other) == "不是本页本次上传的文件，已拒绝：session-water-plan.txt"
    assert "session-water-plan" not in admin_bot.index().documents

    assert run_event(admin_server.url, record, [files, None], "uploader")["success"]
    done = run_event(admin_server.url, ingest, [ADMIN_PASSWORD, files, None, False, False], "uploader")
    assert status_text(done).startswith("新增 1 个") and "session-water-plan.txt" in status_text(done)
    assert "session-water-plan" in admin_bot.index().documents
    assert not Path(path).exists()  # the ingest ended: the upload is gone from the server
    again = run_event(admin_server.url, ingest, [ADMIN_PASSWORD, files, None, False, False], "uploader")
    assert "请重新上传：session-water-plan.txt" in status_text(again)


@pytest.mark.slow
def test_one_admin_session_uploads_a_limited_count_and_size(admin_server: Any) -> None:
    cookies = admin_session(admin_server.url)  # upload_max_mb=1: the session may upload 4 MB in all
    for n in range(4):
        assert gradio_upload(admin_server.url, f"part{n}.txt", b"x" * 900_000, cookies).status_code == 200
    refused = gradio_upload(admin_server.url, "part4.txt", b"x" * 900_000, cookies)
    assert refused.status_code == 413 and "总量已达上限（4 MB）" in refused.text
    for n in range(SESSION_UPLOADS - 4):
        assert gradio_upload(admin_server.url, f"small{n}.txt", b"x", cookies).status_code == 200
    refused = gradio_upload(admin_server.url, "one-too-many.txt", b"x", cookies)
    assert refused.status_code == 429 and "上传次数已达上限" in refused.text
    fresh = admin_session(admin_server.url)  # a new admin session starts afresh
    assert gradio_upload(admin_server.url, "fresh.txt", b"x", fresh).status_code == 200


@pytest.mark.slow
def test_uploads_over_the_limit_are_refused(admin_server: Any) -> None:
    cookies = admin_session(admin_server.url)
    too_big = gradio_upload(admin_server.url, "big.txt", b"x" * (1024 * 1024 + 1), cookies)
    assert too_big.status_code == 413
    assert gradio_upload(admin_server.url, "small.txt", b"x" * 1024, cookies).status_code == 200


@pytest.mark.slow
def test_the_admin_password_slows_down_a_guesser(admin_server: Any) -> None:
    ingest = dependency(config(admin_server.url), "pk-ingest", "click")

    def attempt(password: str) -> str:
        return status_text(run_event(admin_server.url, ingest, [password, None, None, False, False], "guesser"))

    assert attempt("wrong") == "管理员密码不正确，未导入任何文件。请 1 秒后再试。"
    assert attempt(ADMIN_PASSWORD) == "未导入任何文件。请 1 秒后再试。"  # refused unchecked, even when right
    time.sleep(1.1)
    assert attempt(ADMIN_PASSWORD) == "请先选择要上传的文件。"  # accepted: there was just nothing to ingest
    assert attempt("wrong-again") == "管理员密码不正确，未导入任何文件。请 1 秒后再试。"  # a success starts over
    time.sleep(1.1)
    assert attempt(ADMIN_PASSWORD) == "请先选择要上传的文件。"


# -- optional access control: an API key and a page login ------------------------------------------


@pytest.fixture(scope="module")
def locked_server(bot: KnowledgeBot) -> Iterator[Any]:
    from policykb.bot.page.serve import start_server

    settings = bot.settings.with_(api_key=API_KEY, page_user=PAGE_USER, page_password=PAGE_PASSWORD)
    guarded = KnowledgeBot(settings, embeddings=bot.embeddings, show_progress=False)
    with start_server(guarded) as running:
        yield running


@pytest.mark.slow
def test_the_api_key_is_required_when_set(locked_server: Any) -> None:
    import openai

    body = json.dumps({"model": "policykb", "messages": [{"role": "user", "content": QUESTION}]}).encode()
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": API_KEY}):
        error = openai_error(post(locked_server.url, body, headers), 401)
        assert error["code"] == "invalid_api_key"
    assert httpx.get(f"{locked_server.url}/v1/models", timeout=30).status_code == 401
    assert httpx.get(f"{locked_server.url}/healthz", timeout=30).json()["status"] == "ok"  # for load balancers

    client = openai.OpenAI(base_url=f"{locked_server.url}/v1", api_key=API_KEY, max_retries=0, timeout=60)
    reply = client.chat.completions.create(model="policykb", messages=[{"role": "user", "content": QUESTION}])
    assert "86%" in reply.choices[0].message.content
    with pytest.raises(openai.AuthenticationError):
        openai.OpenAI(base_url=f"{locked_server.url}/v1", api_key="sk-wrong", max_retries=0).models.list()


@pytest.mark.slow
def test_the_page_needs_a_login_when_set(locked_server: Any) -> None:
    url = locked_server.url
    assert httpx.get(f"{url}/config", timeout=30).status_code == 401
    chat = {"fn_index": 1, "trigger_id": 8, "session_hash": "anon", "data": [QUESTION, None, []], "event_data": None}
    assert httpx.post(f"{url}/gradio_api/queue/join", json=chat, timeout=30).status_code == 401
    assert httpx.post(f"{url}/gradio_api/upload", files={"files": ("a.txt", b"x")}, timeout=30).status_code == 401

    with httpx.Client(base_url=url, timeout=30) as browser:
        login = browser.post("/login", data={"username": PAGE_USER, "password": PAGE_PASSWORD})
        assert login.status_code == 200 and login.json() == {"success": True}
        assert browser.get("/config").status_code == 200


@pytest.mark.slow
def test_the_page_opens_after_logging_in(browser: Any, locked_server: Any) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(locked_server.url)
        expect(page.get_by_text("请输入问答网页的用户名和密码。")).to_be_visible()
        expect(page.locator("#pk-summary")).to_have_count(0)
        page.locator("input[type=text]").first.fill(PAGE_USER)
        page.locator("input[type=password]").fill(PAGE_PASSWORD)
        page.locator("input[type=password]").press("Enter")
        expect(page.locator("#pk-summary")).to_contain_text("已索引")
        message = ask(page, QUESTION)
        expect(message.locator(".pk-answer")).to_contain_text("清洁取暖率提高到86%")
    finally:
        context.close()


@pytest.mark.slow
def test_wrong_page_logins_are_slowed_down(locked_server: Any) -> None:
    url = locked_server.url
    wrong = httpx.post(f"{url}/login", data={"username": PAGE_USER, "password": "guess"}, timeout=30)
    assert wrong.status_code == 400
    again = httpx.post(f"{url}/login", data={"username": PAGE_USER, "password": PAGE_PASSWORD}, timeout=30)
    assert again.status_code == 429 and again.json() == {"detail": "请 1 秒后再试。"}
    time.sleep(1.1)
    assert httpx.post(f"{url}/login", data={"username": PAGE_USER, "password": PAGE_PASSWORD}).status_code == 200


@pytest.mark.slow
def test_chat_warns_when_listening_beyond_this_machine_without_protection(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYKB_")}
    env["POLICYKB_HOME"] = str(tmp_path / "home")
    command = [str(Path(sys.executable).parent / "policykb"), "chat", "--host", "0.0.0.0", "--port", str(port)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        lines = [process.stderr.readline() for _ in range(2)]
    finally:
        process.kill()
        process.wait(timeout=30)
    assert "0.0.0.0" in lines[0] and "POLICYKB_API_KEY" in lines[0]
    assert "POLICYKB_PAGE_USER 与 POLICYKB_PAGE_PASSWORD" in lines[1]


# -- the Chroma server down: 503 ----------------------------------------------------------------------


def start_chroma(path: Path, port: int = 0) -> tuple[subprocess.Popen[bytes], int]:
    """A real ``chroma run`` on ``port`` (else a free loopback port), once it answers."""
    import chromadb

    if not port:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
    chroma = [sys.executable, "-c", "from chromadb.cli.cli import app; app()"]  # the `chroma` command, in any venv
    process = subprocess.Popen(
        [*chroma, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            chromadb.HttpClient(host="127.0.0.1", port=port).heartbeat()
            return process, port
        except Exception:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("chroma run did not start") from None
            time.sleep(0.3)


def server_settings(home: Path, port: int) -> Settings:
    """Settings of a bot on the ``chroma run`` server at ``port`` (MiniLM, all state under ``home``)."""
    return Settings.from_env(
        {},
        home=home,
        embedding_backend="sentence-transformers",
        embedding_model="all-MiniLM-L6-v2",
        chroma_host="127.0.0.1",
        chroma_port=port,
    )


@contextmanager
def served_on_chroma(tmp_path: Path, minilm: Any) -> Iterator[tuple[subprocess.Popen[bytes], Any, dict[str, Any]]]:
    """A real ``chroma run``, a bot on it over the shipped plan, and its server; with a question's body that
    has just been answered (so the server works before the test breaks something)."""
    from policykb.bot.page.serve import start_server

    chroma, port = start_chroma(tmp_path / "chroma")
    try:
        bot = KnowledgeBot(server_settings(tmp_path / "home", port), embeddings=minilm, show_progress=False)
        bot.ingest()
        with start_server(bot) as running:
            body = {"model": "policykb", "messages": [{"role": "user", "content": QUESTION}]}
            assert post(running.url, json.dumps(body).encode()).status_code == 200
            yield chroma, running, body
    finally:
        chroma.kill()
        chroma.wait(timeout=30)


class StoppingStore(KnowledgeStore):
    """The real store over the real server; once armed, it stops that server right after a manifest read."""

    def __init__(self, store: KnowledgeStore, server: subprocess.Popen[bytes]) -> None:
        super().__init__(store.client, store.namespace)
        self.server = server
        self.armed = False

    def manifest(self) -> Manifest | None:
        manifest = super().manifest()
        if self.armed:
            self.armed = False
            self.server.terminate()
            self.server.wait(timeout=30)
        return manifest


def assert_store_down(url: str, body: dict[str, Any]) -> None:
    """The server's answers with its store's server down: a Chinese 503 streamed or not, and /healthz says so."""
    for stream in (False, True):
        error = openai_error(post(url, json.dumps({**body, "stream": stream}).encode()), 503)
        assert error["code"] == "store_unavailable" and error["type"] == "server_error"
    health = httpx.get(f"{url}/healthz", timeout=30)
    assert health.status_code == 503 and "Errno" not in health.text and health.json()["store"] == "unreachable"


@pytest.mark.slow
def test_the_store_lost_after_the_index_read_is_a_503_not_a_broken_stream(tmp_path: Path, minilm: Any) -> None:
    """The question's one index read succeeds, then the server dies: retrieval fails before the stream
    starts, so a streamed request gets the 503 (not a 200 whose stream breaks off), follow-up or not.

    One store, bot and page server for both: while the store's server is down every question is a 503 (the
    store down), and once it is started again on its folder the same page server answers again."""
    from policykb.bot.page.serve import start_server

    user = [{"role": "user", "content": q} for q in (QUESTION, "农业农村节能减排工程由谁牵头？", "配合单位有哪些？")]
    follow_up = [user[1], {"role": "assistant", "content": "……"}, user[2]]  # read as another question (理解为)
    chroma, port = start_chroma(tmp_path / "chroma")
    try:
        bot = KnowledgeBot(server_settings(tmp_path / "home", port), embeddings=minilm, show_progress=False)
        bot.ingest()
        bot.store = store = StoppingStore(bot.store, chroma)
        with start_server(bot) as running:
            for n, asked in enumerate(([user[0]], follow_up)):
                if n:  # the store's server started again, on the same folder and port
                    chroma, _ = start_chroma(tmp_path / "chroma", port)
                    store.server = chroma
                body = {"model": "policykb", "stream": True, "messages": asked}
                streamed = post(running.url, json.dumps(body).encode())  # the store up: a whole stream
                assert streamed.status_code == 200 and streamed.text.endswith("data: [DONE]\n\n")
                assert ("理解为" in streamed.text) == (n == 1)  # the earlier turn's answer kept
                store.armed = True
                error = openai_error(post(running.url, json.dumps(body).encode()), 503)
                assert error["code"] == "store_unavailable" and error["type"] == "server_error"
                assert not store.armed and chroma.poll() is not None  # it died after the read, mid-question
                assert_store_down(running.url, {"model": "policykb", "messages": [user[0]]})
    finally:
        chroma.kill()
        chroma.wait(timeout=30)
