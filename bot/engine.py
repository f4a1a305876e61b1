"""The engine: one object that opens the knowledge base and answers questions.

The CLI, the chat page and the HTTP API all go through :class:`KnowledgeBot`; none
of them touches Chroma, jieba or the models directly.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from policykb.bot.answer import Answer
from policykb.bot.thresholds import Thresholds
from policykb.ingest.pipeline import Ingestor, IngestReport, Progress
from policykb.kb.client import make_client
from policykb.kb.embedding import EmbeddingModel, load_embedding_model
from policykb.kb.lock import Lease, holding, ingest_lock
from policykb.kb.settings import Settings
from policykb.kb.store import KnowledgeStore
from policykb.prompts.library import Phrases, load_phrases
from policykb.prompts.llm import load_llm_prompts

if TYPE_CHECKING:  # the answering side is imported when first used, so `policykb ingest` starts fast
    from chromadb.api import ClientAPI

    from policykb.bot.answerer import OfflineAnswerer
    from policykb.bot.llm import LLMAnswerer
    from policykb.bot.retriever import HybridRetriever, Mode
    from policykb.kb.index import KnowledgeIndex

log = logging.getLogger(__name__)


def shipped_sources() -> list[Path]:
    """The documents that ship with policykb (``kb/sources/``)."""
    folder = resources.files("policykb.kb").joinpath("sources")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "_")))


class KnowledgeBot:
    """Ingest documents and answer questions about them.

    Args:
        settings: the settings, read once at the entry point.
        client: a Chroma client; built from the settings when not given.
        embeddings: an embedding model; loaded from the settings when not given.
        show_progress: draw progress bars for long work.
    """

    def __init__(
        self,
        settings: Settings,
        client: ClientAPI | None = None,
        embeddings: EmbeddingModel | None = None,
        show_progress: bool = True,
    ) -> None:
        self.settings = settings
        self.store = KnowledgeStore(client or make_client(settings), settings.collection)
        self._embeddings = embeddings
        self.show_progress = show_progress
        self.phrases: Phrases = load_phrases()
        self.thresholds = Thresholds()
        self.llm_prompts = load_llm_prompts() if settings.uses_llm else None  # a bad template fails at start
        self.llm_model = None
        if settings.uses_llm:
            from policykb.bot.llm import LLMAnswerer

            self.llm_model = LLMAnswerer.chat_model(settings)
        self._index: KnowledgeIndex | None = None
        self._lock = threading.RLock()

    @property
    def embeddings(self) -> EmbeddingModel:
        """The configured embedding model, loaded on first use, once per process."""
        with self._lock:
            if self._embeddings is None:
                self._embeddings = load_embedding_model(self.settings.embedding_backend, self.settings.embedding_model)
            return self._embeddings

    # -- writing ----------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[Path] | None = None,
        rebuild: bool = False,
        progress: Progress | None = None,
        uploaded: bool = False,
    ) -> IngestReport:
        """Ingest files or folders (default: the shipped sources); one ingest at a time.

        ``uploaded``: the files were uploaded through the page; each is known by its name, so an
        upload of a file with the same name replaces that document.
        """
        with self._writing(progress) as ingestor:
            files = shipped_sources() if paths is None else list(paths)
            report = ingestor.ingest(files, rebuild=rebuild, uploaded=uploaded)
        self._index = None
        return report

    def remove(self, doc_ids: list[str]) -> IngestReport:
        """Purge documents from the index."""
        with self._writing(None) as ingestor:
            report = ingestor.remove(doc_ids)
        self._index = None
        return report

    @contextmanager
    def _writing(self, progress: Progress | None) -> Iterator[Ingestor]:
        """An ingestor that holds the file lock (embedded store) or the store's lease (server).

        The lease is renewed in the background through every phase (parsing included) and checked
        before every write, so a writer stalled past it stops instead of overwriting its successor's work.
        """
        if not self.settings.uses_server:
            with ingest_lock(self.settings.home / "ingest.lock"):
                yield self._ingestor(progress)
            return
        with holding(Lease(self.store, ttl=self.settings.lease_seconds)) as lease:
            yield self._ingestor(progress, guard=lease.check)

    def _ingestor(self, progress: Progress | None, guard: Callable[[], None] | None = None) -> Ingestor:
        return Ingestor(
            self.store,
            self.embeddings,
            self.settings.chunk_size,
            self.settings.cache_path,
            self.show_progress,
            progress,
            max_file_mb=self.settings.max_file_mb or None,
            guard=guard,
        )

    # -- reading ----------------------------------------------------------------
    def index(self) -> KnowledgeIndex:
        """The current index, reloaded when another process has switched generations.

        A missing index is built from the shipped sources first, so a first question just works.
        """
        from policykb.kb.index import KnowledgeIndex

        with self._lock:
            manifest = self.store.manifest()
            if manifest is None:
                log.info("no index yet: building it from the shipped sources")
                self.ingest()
                manifest = self.store.manifest()
            if self._index is None or manifest is None or self._index.manifest.generation != manifest.generation:
                self._index = KnowledgeIndex.load(self.store, self.settings.cache_path)
                self._index.manifest.check_model(self.embeddings.identity)
            return self._index

    def retriever(
        self, mode: Mode = "hybrid", doc_ids: list[str] | None = None, k: int | None = None
    ) -> HybridRetriever:
        from policykb.bot.retriever import HybridRetriever

        s = self.settings
        return HybridRetriever(
            index=self.index(),
            embeddings=self.embeddings if mode != "bm25" else None,
            k=k or s.top_k,
            mode=mode,
            bm25_weight=s.bm25_weight,
            dense_weight=s.dense_weight,
            rrf_k=s.rrf_k,
            candidates=s.candidates,
            documents=doc_ids,
        )

    def answerer(self, structured: bool = True, dense: bool = True) -> OfflineAnswerer:
        from policykb.bot.answerer import OfflineAnswerer

        embeddings = self.embeddings if dense else None
        return OfflineAnswerer(self.index(), self.phrases, self.thresholds, self.settings.top_k, structured, embeddings)

    def final_answerer(self, offline: OfflineAnswerer, structured: bool = True) -> OfflineAnswerer | LLMAnswerer:
        """The LLM answerer around ``offline`` when an endpoint is configured, else ``offline``."""
        if self.llm_model is None or self.llm_prompts is None or not structured:
            return offline
        from policykb.bot.llm import LLMAnswerer

        return LLMAnswerer(self.settings, offline, self.llm_prompts, self.llm_model)

    def ask(
        self, question: str, doc: str | list[str] | None = None, mode: Mode = "hybrid", structured: bool = True
    ) -> Answer:
        """Answer one question, optionally only from some documents (ids or title parts).

        ``structured=False`` answers only by quoting the best retrieved sentence (for ablations).
        """
        answerer = self.answerer(structured, dense=mode != "bm25")
        invalid = answerer.invalid(question)
        if invalid is not None:
            return invalid
        from policykb.bot.chain import build_chain

        doc_ids = self.index().resolve_documents(doc)
        chain = build_chain(self.retriever(mode, doc_ids), self.final_answerer(answerer, structured), doc_ids)
        return chain.invoke(question)

    def ask_stream(
        self, question: str, doc: str | list[str] | None = None, mode: Mode = "hybrid"
    ) -> Iterator[str | Answer]:
        """Text pieces, then the final checked :class:`Answer`; the pieces always join to its text.

        Not a generator itself, so an unknown document raises here, before the first piece.
        """
        from policykb.bot.llm import LLMAnswerer, pieces

        answerer = self.answerer(dense=mode != "bm25")
        invalid = answerer.invalid(question)
        if invalid is not None:
            return iter([*pieces(invalid.answer), invalid])
        doc_ids = self.index().resolve_documents(doc)
        documents = self.retriever(mode, doc_ids).invoke(question)
        final = self.final_answerer(answerer)
        if isinstance(final, LLMAnswerer):
            return final.stream(question, documents, doc_ids)
        answer = final.answer(question, documents, doc_ids)
        return iter([*pieces(answer.answer), answer])
