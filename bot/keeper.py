"""The index's keeper: opens the store, keeps its current index, builds the first one, and writes.

Reads are pure (:meth:`IndexKeeper.index` never builds and never loads the embedding model); only
:meth:`IndexKeeper.ready`, on the asking side, builds the first index. Writes hold the file lock
(embedded store) or the store's lease (a shared server).
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from policykb.kb.client import patient
from policykb.kb.embedding import EmbeddingModel, load_embedding_model
from policykb.kb.lock import Lease, holding, ingest_lock
from policykb.kb.manifest import IndexMissingError, Manifest
from policykb.kb.settings import Settings
from policykb.kb.storage import Store

if TYPE_CHECKING:
    from policykb.ingest.pipeline import Ingestor, IngestReport, Progress
    from policykb.kb.index import KnowledgeIndex

log = logging.getLogger("policykb.bot.engine")  # the engine's log: what a question or an ingest did to the index
NO_INDEX = "尚未建立索引，请先运行 policykb ingest"
Built = TypeVar("Built")


def shipped_sources() -> list[Path]:
    """The documents that ship with policykb (``kb/sources/``)."""
    folder = resources.files("policykb.kb").joinpath("sources")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "_")))


class PerIndex(Generic[Built]):
    """Something built from an index (a scanner of its names, a grounding check), built once per index."""

    def __init__(self, build: Callable[[KnowledgeIndex], Built]) -> None:
        self._build = build
        self._built: tuple[KnowledgeIndex, Built] | None = None
        self._lock = threading.Lock()

    def __call__(self, index: KnowledgeIndex) -> Built:
        with self._lock:
            if self._built is None or self._built[0] is not index:
                self._built = (index, self._build(index))
            return self._built[1]


class IndexKeeper:
    """The store and its current index, reloaded when another process switches generations.

    Args:
        settings: the settings, read once at the entry point.
        store: the knowledge store (any :class:`~policykb.kb.storage.Store`).
        embeddings: an embedding model; loaded from the settings on first use when not given.
        show_progress: draw progress bars while ingesting.
    """

    def __init__(
        self, settings: Settings, store: Store, embeddings: EmbeddingModel | None, show_progress: bool
    ) -> None:
        self.settings = settings
        self.store = store
        self.show_progress = show_progress
        self._embeddings = embeddings
        self._index: KnowledgeIndex | None = None
        self._checked: KnowledgeIndex | None = None  # the index last checked against the embedding model
        self._lock = threading.RLock()

    @property
    def embeddings(self) -> EmbeddingModel:
        """The configured embedding model, loaded on first use, once per process."""
        with self._lock:
            if self._embeddings is None:
                self._embeddings = load_embedding_model(self.settings.embedding_backend, self.settings.embedding_model)
            return self._embeddings

    # -- reading ----------------------------------------------------------------
    def index(self) -> KnowledgeIndex:
        """The current index (one manifest read): a pure read that never builds and never loads the model.

        Raises:
            IndexMissingError: nothing has been ingested yet.
        """
        return self._current(self.store.manifest())

    def ready(self) -> KnowledgeIndex:
        """The current index checked against the embedding model (one manifest read); with none yet, the
        first one is built from the shipped plans, and a log line says so."""
        with self._lock:
            manifest = self.store.manifest()
            if manifest is None:
                log.warning("no index yet: building the first one from the shipped plans (policykb ingest)")
                self.ingest()
                manifest = self.store.manifest()
            index = self._current(manifest)
            if self._checked is not index:
                index.manifest.check_model(self.embeddings.identity)
                self._checked = index
            return index

    def _current(self, manifest: Manifest | None) -> KnowledgeIndex:
        """The index of ``manifest`` (the one just read), loaded once per generation."""
        from policykb.kb.index import KnowledgeIndex

        if manifest is None:
            raise IndexMissingError(NO_INDEX)
        with self._lock:
            if self._index is None or self._index.manifest.generation != manifest.generation:
                self._index = KnowledgeIndex.load(self.store, self.settings.cache_path, manifest)
            return self._index

    # -- writing ----------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[Path] | None = None,
        rebuild: bool = False,
        progress: Progress | None = None,
        uploaded: bool = False,
        replace: bool = False,
        wait: bool = True,
    ) -> IngestReport:
        """Ingest files or folders (``None``: the shipped sources); one ingest at a time (``wait``: for
        another one to finish, saying whom it waits for; else refused at once)."""
        with self._writing(progress, wait) as ingestor:
            files = shipped_sources() if paths is None else list(paths)
            report = ingestor.ingest(files, rebuild=rebuild, uploaded=uploaded, replace=replace)
        self._index = None
        return report

    def remove(self, doc_ids: list[str]) -> IngestReport:
        """Purge documents from the index."""
        with self._writing(None) as ingestor:
            report = ingestor.remove(doc_ids)
        self._index = None
        return report

    @contextmanager
    def _writing(self, progress: Progress | None, wait: bool = True) -> Iterator[Ingestor]:
        """An ingestor that holds the file lock (embedded store) or the store's lease (server).

        The lease is renewed in the background through every phase (parsing included) and checked
        before every write, so a writer stalled past it stops instead of overwriting its successor's work.
        While it waits for another writer, it says whom for (on stderr when drawing progress, and to
        ``progress``).
        """

        def waiting(message: str) -> None:
            log.info("%s", message)
            if self.show_progress:
                print(message, file=sys.stderr, flush=True)
            if progress is not None:
                progress(0.0, message)

        if not self.settings.uses_server:
            with ingest_lock(self.settings.home / "ingest.lock", wait, waiting):
                yield self._ingestor(progress, exclusive=True)
            return
        with (
            holding(Lease(self.store, ttl=self.settings.lease_seconds), wait, waiting) as lease,
            patient(self.settings.chroma_write_timeout),
        ):
            yield self._ingestor(progress, guard=lease.check, regain=lambda: lease.regain(wait, waiting))

    def _ingestor(
        self,
        progress: Progress | None,
        guard: Callable[[], None] | None = None,
        exclusive: bool = False,
        regain: Callable[[], None] | None = None,
    ) -> Ingestor:
        from policykb.ingest.pipeline import Ingestor  # a writer's: answering never imports the ingest pipeline
        from policykb.ingest.reader import ReadLimits

        return Ingestor(
            self.store,
            self.embeddings,
            self.settings.chunk_size,
            self.settings.cache_path,
            self.show_progress,
            progress,
            limits=ReadLimits(self.settings.max_file_mb, self.settings.max_pages),
            guard=guard,
            exclusive=exclusive,
            max_passages=self.settings.max_passages,
            big_file_passages=self.settings.big_file_passages,
            regain=regain,
        )
