"""Two writers ingesting at the same moment into one real `chroma run` server: one writes at a time, both get in.

Ten rounds race two worker processes, each running the real engine (``KnowledgeBot.ingest``, lease and all)
with the packaged MiniLM loaded once; every store write of each ingest is timed, and no two ingests' writing
intervals may overlap. One more round races two real ``policykb ingest`` commands. Ten rounds, not twenty: each
round starts both ingests at one barrier, so an engine that wrote outside its lease fails in the first rounds;
the rare interleavings of the claim itself are raced by tests/test_lock.py (twenty times, six claimers), at a
fraction of the cost (docs/testing.md, "Branch tests40").
"""

from __future__ import annotations

import multiprocessing as mp
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import chromadb
import pytest

from policykb.kb.settings import Settings
from policykb.kb.store import KnowledgeStore
from tests.conftest import E5_ENV, SECOND_PLAN
from tests.test_server import chroma_server, race_env  # noqa: F401 - the fixture, used by name

pytestmark = pytest.mark.slow

ROUNDS = 10
WRITERS = 2
NAMESPACE = "race"
CLI_ENV = {"POLICYKB_COLLECTION": "race-cli", "OMP_NUM_THREADS": "1", **E5_ENV}
WRITES = ("write_segment", "commit", "collect_garbage")  # every store call that changes the index
# imported once by the forkserver the writers are forked from; importing them starts no thread (torch starts its
# OpenMP threads at its first parallel work, in the writer)
WRITER_MODULES = ("torch", "sentence_transformers", "chromadb", "policykb.bot.engine", "policykb.ingest.pipeline",
                  "policykb.kb.sentencetransformer", "tests.test_store_race")  # fmt: skip


def plan_file(folder: Path, writer: int, round_: int) -> Path:
    """A small plan of its own for ``writer`` in ``round_`` (invented place and numbers)."""
    text = SECOND_PLAN.replace("鹤城", f"溪{writer}岭{round_}").replace("1200个", f"{1000 + 10 * round_ + writer}个")
    path = folder / f"w{writer}-r{round_:02d}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def timed_writes(store: KnowledgeStore, intervals: list[tuple[float, float]]) -> None:
    """Record the wall-clock interval of every write ``store`` makes (on this instance only)."""
    for name in WRITES:
        method = getattr(store, name)

        def timed(*args: Any, _method: Any = method, **kwargs: Any) -> Any:
            started = time.time()
            try:
                return _method(*args, **kwargs)
            finally:
                intervals.append((started, time.time()))

        setattr(store, name, timed)


def writer(number: int, env: dict[str, str], folder: str, start: Any, results: Any) -> None:
    """A worker process: ``ROUNDS`` ingests with the real engine, each started with the other writer's."""
    import torch

    from policykb.bot.engine import KnowledgeBot

    torch.set_num_threads(1)  # two writers on a small machine: no oversubscribed thread pools
    bot = KnowledgeBot(Settings.from_env(env), show_progress=False)
    bot.embeddings  # noqa: B018 - load the model before the first round, not inside it
    for round_ in range(ROUNDS):
        path = plan_file(Path(folder), number, round_)
        start.wait()
        intervals: list[tuple[float, float]] = []
        timed_writes(bot.store, intervals)
        try:
            report = bot.ingest([path])
            results.put((number, round_, report.added, min(s for s, _ in intervals), max(e for _, e in intervals)))
        except Exception as exc:  # noqa: BLE001 - reported to the test, which fails on it
            results.put((number, round_, f"{type(exc).__name__}: {exc}", 0.0, 0.0))
        finally:
            for name in WRITES:
                delattr(bot.store, name)


def stop_forkserver() -> None:
    """Stop the forkserver the writers were forked from: the memory of its imports comes back, and its CPU and its
    writers' (it reaps them) count for this test, as a spawned writer's did (``POLICYKB_FILE_CPU`` reads the CPU of
    reaped children; a forkserver left running is reaped only when the test process ends)."""
    from multiprocessing import forkserver

    stop = getattr(forkserver._forkserver, "_stop", None)  # the standard library's own tests stop it so
    if stop is not None:
        stop()


def overlaps(windows: list[tuple[float, float]]) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Pairs of windows that overlap in time."""
    ordered = sorted(windows)
    return [(a, b) for a, b in zip(ordered, ordered[1:]) if b[0] < a[1]]


def present_once(store: KnowledgeStore, doc_ids: list[str]) -> dict[str, int]:
    """How many chunk records each of ``doc_ids`` has in the current generation's segments, against its own count."""
    manifest = store.manifest()
    assert manifest is not None
    records = store.documents(manifest)
    assert len(records) == len({d.doc_id for d in records}) == len(manifest.documents)
    wanted = {d.doc_id: len(d.chunks) for d in records}
    found = dict.fromkeys(doc_ids, 0)
    for segment in manifest.live_segments:
        got = store.chunks(segment).get(where={"doc": {"$in": doc_ids}}, include=["metadatas"])
        for metadata in got["metadatas"] or []:
            found[str(metadata["doc"])] += 1
    return {d: found[d] - wanted.get(d, -1) for d in doc_ids}  # 0: each chunk exactly once


def test_two_writers_at_once_write_one_at_a_time(chroma_server, tmp_path):  # noqa: F811
    # Not forked from the test process (its torch threads): from a fresh server process that imported the
    # writer's modules once (`WRITER_MODULES`), where two spawned writers imported them each
    context = mp.get_context("forkserver")
    context.set_forkserver_preload(list(WRITER_MODULES))
    start, results = context.Barrier(WRITERS), context.Queue()
    workers = [
        context.Process(
            target=writer,
            args=(
                n,
                {**os.environ, **race_env(chroma_server, tmp_path / f"home{n}", 60.0)},
                str(tmp_path),
                start,
                results,
            ),
            daemon=True,
        )  # fmt: skip
        for n in range(WRITERS)
    ]
    for process in workers:
        process.start()
    try:
        outcomes = [results.get(timeout=300) for _ in range(ROUNDS * WRITERS)]
    finally:
        for process in workers:
            process.join(timeout=60)
            if process.is_alive():
                process.kill()
        stop_forkserver()
    failures = [o for o in outcomes if not isinstance(o[2], list)]
    assert not failures, failures
    assert sorted((n, r) for n, r, *_ in outcomes) == [(n, r) for n in range(WRITERS) for r in range(ROUNDS)]
    assert all(added == [f"w{n}-r{r:02d}"] for n, r, added, *_ in outcomes)
    windows = [(started, ended) for *_, started, ended in outcomes]
    assert not overlaps(windows), overlaps(windows)
    store = KnowledgeStore(chromadb.HttpClient(host="127.0.0.1", port=chroma_server), NAMESPACE)
    manifest = store.manifest()
    expected = sorted(f"w{n}-r{r:02d}" for n in range(WRITERS) for r in range(ROUNDS))
    assert manifest is not None and sorted(manifest.documents) == expected
    assert manifest.generation == ROUNDS * WRITERS  # every ingest committed on the one before it
    assert set(present_once(store, expected).values()) == {0}


def test_two_ingest_commands_at_once(chroma_server, tmp_path):  # noqa: F811
    """Two real `policykb ingest` processes started together: both succeed, one after the other."""
    policykb = Path(sys.executable).parent / "policykb"
    files = [plan_file(tmp_path, n, 99) for n in range(WRITERS)]
    commands = [
        subprocess.Popen(
            [str(policykb), "-v", "ingest", str(f)],
            env={**os.environ, **race_env(chroma_server, tmp_path / f"home{n}", 60.0), **CLI_ENV},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n, f in enumerate(files)
    ]
    outputs = [c.communicate(timeout=300) for c in commands]
    for command, (out, err) in zip(commands, outputs):
        assert command.returncode == 0, out + err
    acquired = sorted(int(line.split()[4]) for _, err in outputs for line in err.splitlines() if "lease" in line
                      and "acquired" in line)  # fmt: skip
    assert acquired == [1, 2]  # each claimed a number of its own, the second after the first released
    store = KnowledgeStore(chromadb.HttpClient(host="127.0.0.1", port=chroma_server), "race-cli")
    manifest = store.manifest()
    assert manifest is not None and manifest.generation == 2 and sorted(manifest.documents) == ["w0-r99", "w1-r99"]
    assert set(present_once(store, list(manifest.documents)).values()) == {0}
