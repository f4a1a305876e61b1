"""Server mode: a real `chroma run` on loopback, shared by several bots; answers equal the embedded ones."""

from __future__ import annotations

import logging
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


def chroma_command() -> list[str]:
    """The ``chroma`` command of this interpreter's chromadb (its script, or the same entry point run directly)."""
    script = Path(sys.executable).parent / "chroma"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from chromadb.cli.cli import app; sys.argv[0] = 'chroma'; app()"]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    process = subprocess.Popen(
        [*chroma_command(), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
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


def race_env(port: int, home: Path, lease: float) -> dict[str, str]:
    """Settings of a writer on the shared server, in a namespace of its own, with a short lease."""
    return {
        "POLICYKB_HOME": str(home),
        "POLICYKB_EMBEDDING_BACKEND": "sentence-transformers",
        "POLICYKB_EMBEDDING_MODEL": "all-MiniLM-L6-v2",
        "POLICYKB_CHROMA_HOST": "127.0.0.1",
        "POLICYKB_CHROMA_PORT": str(port),
        "POLICYKB_COLLECTION": "race",
        "POLICYKB_LEASE_SECONDS": str(lease),
    }


def test_lease_is_renewed_through_a_long_parse(chroma_server, tmp_path):
    """A live writer parsing for longer than its lease keeps it: nobody else may take over meanwhile."""
    from bench.parsing import long_plan
    from policykb.ingest.parser import parse_text
    from policykb.kb.lock import IngestBusyError, Lease, holding
    from policykb.kb.store import KnowledgeStore

    store = KnowledgeStore(chromadb.HttpClient(host="127.0.0.1", port=chroma_server), "renewal")
    text = long_plan(3_000_000)
    with holding(Lease(store, ttl=5.0)) as lease:  # renewed every 5/3 s (a loaded machine can be slow to)
        started = time.monotonic()
        while time.monotonic() - started < 10.0:  # twice the lease, in CPU-bound parsing
            parse_text(text, "long", "long.txt", 160)
        lease.check()  # still ours
        with pytest.raises(IngestBusyError):
            Lease(store, ttl=5.0).acquire(timeout=1.5, poll=0.2)


def test_stalled_writer_replans_on_its_successors_index(chroma_server, tmp_path, e5, caplog):
    """Writer A is paused (SIGSTOP) past its lease; B takes over and commits; A resumes, finds its lease taken
    over, takes it again and plans its ingest again on B's index: both documents go in."""
    import os
    import signal
    import threading

    from tests.conftest import E5_ENV, SECOND_PLAN

    # short enough to run out while A is stopped; long enough that on a loaded machine A's own lease does not run
    # out before A is stopped (its renewal thread waits for a core meanwhile; test_commit's twin failed so at 3 s)
    lease = 10.0
    a_file, b_file = tmp_path / "writer-a.txt", tmp_path / "writer-b.txt"
    a_file.write_text(SECOND_PLAN, encoding="utf-8")
    b_file.write_text(SECOND_PLAN.replace("鹤城", "鹿港").replace("1200个", "1500个"), encoding="utf-8")
    policykb = Path(sys.executable).parent / "policykb"
    writer_a = subprocess.Popen(
        [str(policykb), "-v", "ingest", str(a_file)],
        env={**os.environ, **race_env(chroma_server, tmp_path / "a", lease), **E5_ENV},  # no torch to start
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []  # A's stderr, read by one thread only
    parsed = threading.Event()

    def read_stderr() -> None:
        for line in writer_a.stderr:  # type: ignore[union-attr]
            lines.append(line)
            if "parsed 1 files" in line:
                parsed.set()

    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    try:
        assert parsed.wait(240), "".join(lines)
        os.kill(writer_a.pid, signal.SIGSTOP)  # A holds the lease and has read the index: now it stalls
        settings = Settings.from_env(race_env(chroma_server, tmp_path / "b", 120.0) | E5_ENV)  # B never stalls
        writer_b = KnowledgeBot(settings, embeddings=e5, show_progress=False)
        with caplog.at_level(logging.INFO, logger="policykb.kb.lock"):
            report = writer_b.ingest([b_file])  # waits for A's lease to run out, then takes it over
        assert report.added == ["writer-b"]
        assert "took over the ingest lease" in caplog.text and "it expired" in caplog.text, caplog.text
    finally:
        os.kill(writer_a.pid, signal.SIGCONT)
    writer_a.wait(timeout=240)
    reader.join(timeout=30)
    message = "".join(lines)
    assert writer_a.returncode == 0, message
    assert "已按最新索引重新合并" in message and "Traceback" not in message
    manifest = writer_b.store.manifest()
    assert manifest is not None and sorted(manifest.documents) == ["writer-a", "writer-b"]
    reader = KnowledgeBot(settings, embeddings=e5, show_progress=False)
    assert "1500个" in reader.ask("公共充电桩数量要达到多少？", doc=["writer-b"]).answer
    assert "1200个" in reader.ask("公共充电桩数量要达到多少？", doc=["writer-a"]).answer
