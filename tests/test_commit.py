"""Issues 24 and 25: a commit succeeds only on the generation it started from; a failed ingest leaves the folder
usable; listed documents whose records are gone are read again, never reported unchanged.

Everything real: the real `policykb` command, embedded Chroma or a real `chroma run` server, the packaged MiniLM.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from policykb.bot.engine import KnowledgeBot
from policykb.kb.settings import Settings
from policykb.kb.store import FORMAT, KnowledgeStore, Manifest
from tests.conftest import E5_ENV, SECOND_PLAN, make_settings
from tests.test_server import chroma_server, race_env  # noqa: F401 - the fixture, used by name

pytestmark = pytest.mark.slow
OTHER_PLAN = SECOND_PLAN.replace("鹤城", "鹿港").replace("1200个", "1500个")
POLICYKB = str(Path(sys.executable).parent / "policykb")
# `policykb`, stopping itself (SIGSTOP) once, at the point named by the variable PAUSE_AT: just before it writes
# its first commit ("commit": the exact point between the last check that the index has not moved and the write
# that makes its generation current), or just before it writes the first chunks of its segment ("segment").
PAUSED = "PAUSED-BEFORE-WRITE"
PAUSING_POLICYKB = f"""
import os, signal, sys
from chromadb.api.models.Collection import Collection
paused = []

def pausing(method):
    def call(self, *args, **kwargs):
        ids = kwargs.get("ids") or (args[0] if args else [])
        committing = ids and (ids[0] == "manifest" or str(ids[0]).startswith("commit-"))
        at = committing if os.environ["PAUSE_AT"] == "commit" else self.name.endswith("-chunks")
        if at and not paused:
            paused.append(True)
            print("{PAUSED}", file=sys.stderr, flush=True)
            os.kill(os.getpid(), signal.SIGSTOP)
        return method(self, *args, **kwargs)
    return call

Collection.add, Collection.upsert = pausing(Collection.add), pausing(Collection.upsert)
from policykb.cli import main
sys.argv = ["policykb", *sys.argv[1:]]
main()
"""


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [POLICYKB, *args], env={**os.environ, **env}, capture_output=True, text=True, timeout=600, check=False
    )


def embedded_env(home: Path) -> dict[str, str]:
    return {"POLICYKB_HOME": str(home), **E5_ENV}


def answerable_everywhere(store: KnowledgeStore) -> None:
    """Every document the manifest lists has its records and its chunks in its segment (none listed but lost)."""
    manifest = store.manifest()
    assert manifest is not None
    assert store.missing_documents(manifest) == []
    for doc_id in manifest.documents:
        chunks = store.chunks(manifest.segment_of(doc_id)).get(where={"doc": doc_id}, include=[])
        assert len(chunks["ids"]) == manifest.documents[doc_id]["chunks"], doc_id


# -- a failed first ingest (issue 25, item 5) -----------------------------------------------------------


@pytest.mark.parametrize("where", ["embedded", "server"])
def test_a_failed_first_ingest_leaves_the_folder_usable(where, tmp_path, chroma_server, e5):  # noqa: F811
    env = embedded_env(tmp_path / "home")
    if where == "server":
        env = race_env(chroma_server, tmp_path / "home", 60.0) | {"POLICYKB_COLLECTION": "first-failed", **E5_ENV}
    empty, good = tmp_path / "empty.txt", tmp_path / "good.txt"
    empty.write_text("", encoding="utf-8")
    good.write_text(SECOND_PLAN, encoding="utf-8")
    failed = run(env, "ingest", str(empty))
    assert failed.returncode == 2 and "Traceback" not in failed.stderr, failed.stderr
    added = run(env, "ingest", str(good))
    assert added.returncode == 0 and "新增 1" in added.stdout, added.stderr
    reader = KnowledgeBot(Settings.from_env(env), embeddings=e5, show_progress=False)  # a reader of the same folder
    assert "1200个" in reader.ask("公共充电桩数量要达到多少？").answer  # in process: a `policykb` start less
    rebuilt = run(env, "ingest", "--rebuild", str(good))
    assert rebuilt.returncode == 0 and "Traceback" not in rebuilt.stderr, rebuilt.stderr


def test_an_index_left_empty_by_an_earlier_version_is_usable(tmp_path, minilm):
    """An earlier version committed an empty generation after a failed first ingest; it must not break reads."""
    bot = KnowledgeBot(make_settings(tmp_path / "home"), embeddings=minilm, show_progress=False)
    identity = minilm.identity
    bot.store.commit(Manifest(1, identity["backend"], identity["model"], identity["dim"], 160, format=FORMAT), base=0)
    good = tmp_path / "good.txt"
    good.write_text(SECOND_PLAN, encoding="utf-8")
    assert bot.ingest([good]).added == ["good"]
    assert "1200个" in bot.ask("公共充电桩数量要达到多少？").answer


# -- listed documents whose records are gone are read again ---------------------------------------------


def test_listed_documents_without_records_are_ingested_again(tmp_path, minilm):
    bot = KnowledgeBot(make_settings(tmp_path / "home"), embeddings=minilm, show_progress=False)
    kept, gone = tmp_path / "kept.txt", tmp_path / "gone.txt"
    kept.write_text(SECOND_PLAN, encoding="utf-8")
    gone.write_text(OTHER_PLAN, encoding="utf-8")
    bot.ingest([kept])
    bot.ingest([gone])
    manifest = bot.store.manifest()
    assert manifest is not None
    for name in ("kept", "gone"):  # the damage the stalled writer of issue 24 left: listed, records gone
        bot.store.drop_generation(manifest.segment_of(name))
    gone.unlink()  # its file is no longer there: it cannot be read again
    report = bot.ingest([kept])
    assert report.added == ["kept"] and report.unchanged == []
    assert report.removed == ["gone"] and "请重新导入" in report.failed["gone"]
    assert list(bot.store.manifest().documents) == ["kept"]
    answerable_everywhere(bot.store)
    assert "1200个" in bot.ask("公共充电桩数量要达到多少？").answer
    assert bot.ingest([kept]).unchanged == ["kept"]  # now it is really there


# -- the commit race (issue 24, critical) ------------------------------------------------------------


@pytest.mark.parametrize("pause_at", ["commit", "segment"])
def test_a_stalled_writer_never_overwrites_a_newer_commit(pause_at, chroma_server, tmp_path, e5, caplog):  # noqa: F811
    """A is stopped between its last check and its commit (or in the middle of writing its segment); B takes its
    expired lease over and commits; A is continued. A's commit is refused (or its segment, dropped by B as a
    leftover, cannot be written); A takes the lease again, plans its ingest again on B's index, reusing the
    vectors it embedded, and commits: both documents listed and answerable, nothing listed but lost."""
    # short enough to run out while A is stopped; long enough that on a loaded machine (load 25 seen) A's own
    # lease does not run out before A reaches its pause (its renewal thread waits for a core meanwhile)
    lease = 10.0
    a_file, b_file = tmp_path / "writer-a.txt", tmp_path / "writer-b.txt"
    a_file.write_text(SECOND_PLAN, encoding="utf-8")
    b_file.write_text(OTHER_PLAN, encoding="utf-8")
    collection = f"commit-race-{pause_at}"
    env = {**os.environ, **race_env(chroma_server, tmp_path / "a", lease), "POLICYKB_COLLECTION": collection, **E5_ENV}
    env["PAUSE_AT"] = pause_at
    writer_a = subprocess.Popen(
        [sys.executable, "-c", PAUSING_POLICYKB, "-v", "ingest", str(a_file)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    paused = threading.Event()

    def read_stderr() -> None:
        for line in writer_a.stderr:  # type: ignore[union-attr]
            lines.append(line)
            if PAUSED in line:
                paused.set()

    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    try:
        if not paused.wait(300):
            writer_a.kill()
            raise AssertionError("".join(lines) + writer_a.stdout.read())  # type: ignore[union-attr]
        settings = Settings.from_env(
            race_env(chroma_server, tmp_path / "b", 120.0) | {"POLICYKB_COLLECTION": collection, **E5_ENV}
        )
        writer_b = KnowledgeBot(settings, embeddings=e5, show_progress=False)
        with caplog.at_level(logging.INFO, logger="policykb.kb.lock"):
            # B waits for A's lease (A is stopped: it renews no more) and takes it over the moment it expires,
            # instead of the test sleeping for the whole lease
            assert writer_b.ingest([b_file]).added == ["writer-b"]
        assert "took over the ingest lease" in caplog.text and "it expired" in caplog.text, caplog.text
    finally:
        os.kill(writer_a.pid, signal.SIGCONT)
    out, err = writer_a.communicate(timeout=300)  # it reads what of stderr the reader thread has not read yet
    reader.join(timeout=30)
    message = "".join(lines) + err + out
    assert writer_a.returncode == 0, message
    assert "已按最新索引重新合并" in message and "新增 1" in out and "Traceback" not in message, message
    manifest = writer_b.store.manifest()
    assert manifest is not None and sorted(manifest.documents) == ["writer-a", "writer-b"]
    embedded = re.findall(r"embedded (\d+) passages anew", message)
    entry = manifest.documents["writer-a"]
    passages = entry["chunks"] + entry["targets"] + entry["tasks"]
    assert sum(map(int, embedded)) == passages, embedded  # each passage (chunk, target, task) once, re-plan or not
    answerable_everywhere(writer_b.store)
    reader = KnowledgeBot(settings, embeddings=e5, show_progress=False)
    assert "1500个" in reader.ask("公共充电桩数量要达到多少？", doc=["writer-b"]).answer
    assert "1200个" in reader.ask("公共充电桩数量要达到多少？", doc=["writer-a"]).answer
    again = run(
        race_env(chroma_server, tmp_path / "a", 60.0) | {"POLICYKB_COLLECTION": collection, **E5_ENV},
        "ingest",
        str(a_file),
    )
    assert again.returncode == 0 and "未变化 1" in again.stdout, again.stderr
