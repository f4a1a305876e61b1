"""Server mode: a real `chroma run` on loopback, shared by several bots; answers equal the embedded ones."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import chromadb
import pytest

from policykb.bot.engine import KnowledgeBot
from policykb.kb.settings import Settings
from tests.test_cli import ISSUE_QUESTIONS

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    chroma = Path(sys.executable).parent / "chroma"
    process = subprocess.Popen(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            chromadb.HttpClient(host="127.0.0.1", port=port).heartbeat()
            break
        except Exception:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("chroma run did not start") from None
            time.sleep(0.3)
    yield port
    process.terminate()
    process.wait(timeout=30)


def server_bot(tmp_path, port, embeddings) -> KnowledgeBot:
    settings = Settings.from_env(
        {},
        home=tmp_path,
        embedding_backend="sentence-transformers",
        embedding_model="all-MiniLM-L6-v2",
        chroma_host="127.0.0.1",
        chroma_port=port,
    )
    return KnowledgeBot(settings, embeddings=embeddings, show_progress=False)


def comparable(answer) -> tuple:
    return answer.answer, answer.answerable, answer.kind, [s.section for s in answer.sources[:3]]


def test_server_answers_equal_embedded(chroma_server, tmp_path, minilm, bot):
    writer = server_bot(tmp_path / "writer", chroma_server, minilm)
    report = writer.ingest()
    assert report.added == ["qiqihar-14th-fyp-energy-plan"]
    reader = server_bot(tmp_path / "reader", chroma_server, minilm)  # another user, another home
    for question, *_ in ISSUE_QUESTIONS:
        assert comparable(reader.ask(question)) == comparable(bot.ask(question)), question


def test_second_writer_waits_for_the_lease(chroma_server, tmp_path, minilm):
    from policykb.kb.lock import Lease

    bot_ = server_bot(tmp_path / "a", chroma_server, minilm)
    bot_.ingest()
    held = Lease(bot_.store, ttl=60)
    held.acquire()
    other = Lease(bot_.store, ttl=60)
    from policykb.kb.lock import IngestBusyError

    with pytest.raises(IngestBusyError):
        other.acquire(timeout=1.0, poll=0.2)
    assert bot_.ask("清洁取暖率要到多少？").answerable  # readers keep working meanwhile
    held.release()
    other.acquire(timeout=5)
    other.release()
