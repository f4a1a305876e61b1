"""Passage vectors shared by the processes of one `make test` run: what one process's model embedded, the other
process's same model takes from an SQLite file instead of embedding it again. And the target words every ingest
embeds as queries (``embed_queries_uncached``), kept by the test process so that each word is embedded once a run.

Both processes of a run build the shipped plan's bots (MiniLM and e5) and ingest some of the same small plans; the
files that need them come at different moments since the heavy files go out first (tests/conftest.py), so the
second process finds the first one's vectors. The vectors are the model's own (the same float32 numbers its
in-memory passage cache keeps), so no test sees a stand-in. The controller of an xdist run names the file
(``VECTORS_ENV``) before it starts the processes and deletes it at the end; a run in one process has no file.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["VECTORS_ENV", "create", "keep_target_words", "share_passages"]

VECTORS_ENV = "POLICYKB_TEST_VECTORS"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS vectors (model TEXT, text TEXT, dtype TEXT, vector BLOB, PRIMARY KEY (model, text))"
)


def create(folder: Path) -> Path:
    """An empty vector file in ``folder``, named in this process's environment for the processes it starts."""
    path = folder / "vectors.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(_SCHEMA)
    os.environ[VECTORS_ENV] = str(path)
    return path


class _VectorFile:
    """The run's vector file, keyed by model and the SHA-1 of a passage's text; one connection, behind a lock."""

    def __init__(self, path: Path, model: str) -> None:
        self._db = sqlite3.connect(path, timeout=30, check_same_thread=False)
        self._model, self._lock = model, threading.Lock()

    def get(self, texts: list[str]) -> dict[str, np.ndarray]:
        keys = {_key(t): t for t in texts}
        hashes, found = list(keys), {}
        with self._lock:
            for start in range(0, len(hashes), 500):
                part = hashes[start : start + 500]
                marks = ",".join("?" * len(part))
                rows = self._db.execute(
                    f"SELECT text, dtype, vector FROM vectors WHERE model = ? AND text IN ({marks})",
                    [self._model, *part],
                ).fetchall()
                found.update((keys[k], np.frombuffer(blob, dtype=dtype).copy()) for k, dtype, blob in rows)
        return found

    def put(self, vectors: dict[str, np.ndarray]) -> None:
        rows = [(self._model, _key(t), str(v.dtype), v.tobytes()) for t, v in vectors.items()]
        with self._lock, self._db:
            self._db.executemany("INSERT OR IGNORE INTO vectors VALUES (?, ?, ?, ?)", rows)


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def share_passages(model: Any) -> Any:
    """``model`` with its cached passage embedding backed by the run's vector file, when the run names one: a
    passage not in its own cache is looked up in the file before it is embedded, and what it embeds is written
    there. ``embed_documents_uncached`` (what the bench times) is left alone."""
    from policykb.kb.embedding import _kept

    path = os.environ.get(VECTORS_ENV)
    if not path or not Path(path).is_file():
        return model
    shared, embed = _VectorFile(Path(path), f"{model.backend}/{model.model}"), model.embed_documents

    def embed_documents(texts: list[str]) -> list[list[float]]:
        lock, _, cache = model._caches()
        with lock:
            missing = [t for t in dict.fromkeys(texts) if t not in cache]
        stored = shared.get(missing) if missing else {}
        if stored:
            with lock:
                cache.update(stored)
        vectors = embed(texts)
        wanted = set(missing).difference(stored)
        new = {t: v for t, v in zip(texts, vectors) if t in wanted}
        if new:
            shared.put({t: _kept(v) for t, v in new.items()})
        return vectors

    model.embed_documents = embed_documents
    return model


def keep_target_words(model: Any) -> Any:
    """``model`` with the query batches it embeds past its cache (an ingest's target words: ingest/commit.py
    ``_word_vectors``) kept for the rest of the test process, and in the run's vector file when the run names one.

    Every fresh home's ingest embeds its plans' target words anew (a committer reuses only what its own index
    holds): the shipped plan's 205 words cost MiniLM about 2 s of CPU an ingest, and a run ingests the plan into
    fresh homes dozens of times (docs/testing.md, "Branch speed41"). A word's vector is the model's own, each word
    embedded alone or in a batch that gives each text its one-by-one vector (kb/embedding.py), so a kept vector is
    the number the model would give again. ``embed_query_uncached`` (one text: what the tests compare a kept
    vector with, and what the bench times) is left alone."""
    path = os.environ.get(VECTORS_ENV)
    shared = _VectorFile(Path(path), f"{model.backend}/{model.model}/query") if path and Path(path).is_file() else None
    kept: dict[str, list[float]] = {}
    lock, embed = threading.Lock(), model.embed_queries_uncached

    def embed_queries_uncached(texts: list[str]) -> list[list[float]]:
        with lock:
            missing = [t for t in dict.fromkeys(texts) if t not in kept]
        stored = shared.get(missing) if shared and missing else {}
        found = {t: v.tolist() for t, v in stored.items()}
        todo = [t for t in missing if t not in found]
        if todo:
            new = dict(zip(todo, embed(todo)))
            found.update(new)
            if shared:
                shared.put({t: _exact(v) for t, v in new.items()})
        with lock:
            kept.update(found)
            return [list(kept[t]) for t in texts]

    model.embed_queries_uncached = embed_queries_uncached
    return model


def _exact(vector: list[float]) -> np.ndarray:
    """``vector`` as numbers that give it back exactly (float32 where the model's numbers are float32)."""
    from policykb.kb.embedding import _kept

    return _kept(vector)
