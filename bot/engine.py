"""The engine: one object that opens the knowledge base and answers questions.

The CLI, the chat page and the HTTP API all go through :class:`KnowledgeBot`; none
of them touches Chroma, jieba or the models directly. It only composes its rooms:
the index's keeper (:mod:`~policykb.bot.keeper`: reads, the first build, writes), the
wiring of a question's chain (:mod:`~policykb.bot.wiring`) and the reading of a
question (:mod:`~policykb.bot.reading`), each question from one read of the index.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from policykb.bot.answer import Answer
from policykb.bot.keeper import NO_INDEX, IndexKeeper, shipped_sources
from policykb.bot.reading import History, Reader, started, stream_with_reading, with_reading
from policykb.bot.thresholds import Thresholds
from policykb.bot.wiring import Wiring
from policykb.kb.client import STORE_DOWN, STORE_DOWN_MESSAGE, make_client
from policykb.kb.embedding import EmbeddingModel
from policykb.kb.glossary import load_glossary
from policykb.kb.settings import Settings
from policykb.kb.storage import Store
from policykb.kb.store import KnowledgeStore
from policykb.prompts.library import Phrases, load_phrases
from policykb.prompts.llm import load_llm_prompts, load_rewrite_prompt

if TYPE_CHECKING:
    from chromadb.api import ClientAPI

    from policykb.bot.answerer import OfflineAnswerer
    from policykb.bot.dialog import ResolvedQuestion, Resolver
    from policykb.bot.grounding import GroundingCheck
    from policykb.bot.llm import LLMAnswerer
    from policykb.bot.retriever import HybridRetriever, Mode
    from policykb.ingest.pipeline import IngestReport, Progress
    from policykb.kb.index import KnowledgeIndex

WARM_UP_QUESTION = "预热"  # asked offline by :meth:`KnowledgeBot.warm`; its answer is dropped

__all__ = [
    "NO_INDEX",
    "STORE_DOWN",
    "STORE_DOWN_MESSAGE",
    "History",
    "KnowledgeBot",
    "shipped_sources",
]  # fmt: skip  (STORE_DOWN*: what the page and API catch when the store does not answer)


class KnowledgeBot:
    """Ingest documents and answer questions about them.

    Args:
        settings: the settings, read once at the entry point.
        client: a Chroma client; built from the settings when not given.
        store: the store; the Chroma store of ``client`` when not given (a test may pass another).
        embeddings: an embedding model; loaded from the settings when not given.
        show_progress: draw progress bars for long work.
    """

    def __init__(
        self,
        settings: Settings,
        client: ClientAPI | None = None,
        embeddings: EmbeddingModel | None = None,
        show_progress: bool = True,
        store: Store | None = None,
    ) -> None:
        self.settings = settings
        if store is None:
            store = KnowledgeStore(client or make_client(settings), settings.collection)
        self.keeper = IndexKeeper(settings, store, embeddings, show_progress)
        self.phrases: Phrases = load_phrases()
        self.thresholds = Thresholds()
        self.glossary = load_glossary(settings.glossary)  # a bad user glossary fails at start
        self.llm_prompts = load_llm_prompts() if settings.uses_llm else None  # a bad template fails at start
        self.rewrite_prompt = load_rewrite_prompt() if settings.uses_llm else None
        self.llm_model = None
        if settings.uses_llm:
            from policykb.bot.llm import LLMAnswerer

            self.llm_model = LLMAnswerer.chat_model(settings)
        self.wiring = Wiring(
            settings, self.keeper, self.phrases, self.thresholds, self.glossary, self.llm_prompts, self.llm_model
        )
        self.reader = Reader(settings, self.wiring, self.phrases, self.rewrite_prompt, self.llm_model)

    @property
    def store(self) -> Store:
        """The knowledge store (Chroma, unless another was given)."""
        return self.keeper.store

    @store.setter
    def store(self, store: Store) -> None:
        self.keeper.store = store

    @property
    def show_progress(self) -> bool:
        return self.keeper.show_progress

    @show_progress.setter
    def show_progress(self, show: bool) -> None:
        self.keeper.show_progress = show

    @property
    def embeddings(self) -> EmbeddingModel:
        """The configured embedding model, loaded on first use, once per process."""
        return self.keeper.embeddings

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
        """Ingest files or folders (default: the shipped sources); one ingest at a time.

        ``uploaded``: the files were uploaded through the page; each is known by its name, so an
        upload of a file with the same name replaces that document. ``replace``: a file that copies an
        indexed plan (same 文号, or same title and near-identical text) replaces it instead of being left out.
        ``wait``: for another ingest to finish (saying whom it waits for); else refused at once.
        """
        return self.keeper.ingest(paths, rebuild, progress, uploaded, replace, wait)

    def remove(self, doc_ids: list[str]) -> IngestReport:
        """Purge documents from the index."""
        return self.keeper.remove(doc_ids)

    # -- reading ----------------------------------------------------------------
    def index(self) -> KnowledgeIndex:
        """The current index, reloaded when another process has switched generations.

        A pure read: it never builds an index and never loads the embedding model (``policykb docs``,
        ``units``, ``export`` and ``/healthz`` read through it).

        Raises:
            IndexMissingError: nothing has been ingested yet.
        """
        return self.keeper.index()

    def ready(self) -> KnowledgeIndex:
        """The index questions are answered from, checked against the embedding model.

        Only the asking side (``ask``, ``repl``, ``chat``, the page and the API) calls this: with no index
        yet, the first one is built from the shipped plans, and a log line says so.
        """
        return self.keeper.ready()

    def warm(self) -> KnowledgeIndex:
        """:meth:`ready`, then load now what the first question would (a server does this at start-up, not on its
        first visitor's question): jieba's dictionary and its part-of-speech tagger, the embedding model, the
        answering modules and LangChain's run machinery (one offline question through a chain, never the LLM),
        and the reader of follow-up questions."""
        index = self.ready()
        index.segmenter.warm()
        self.wiring.chain(index, None, "hybrid", structured=True, final=False).invoke(WARM_UP_QUESTION)
        self.reader.resolver(index)
        return index

    def retriever(
        self, mode: Mode = "hybrid", doc_ids: list[str] | None = None, k: int | None = None
    ) -> HybridRetriever:
        return self.wiring.retriever(self.index(), mode, doc_ids, k)

    def answerer(self, structured: bool = True, dense: bool = True) -> OfflineAnswerer:
        return self.wiring.answerer(self.index(), structured, dense)

    def final_answerer(self, offline: OfflineAnswerer, structured: bool = True) -> OfflineAnswerer | LLMAnswerer:
        """The LLM answerer around ``offline`` when an endpoint is configured, else ``offline``."""
        return self.wiring.final_answerer(offline, structured)

    def grounding(self, index: KnowledgeIndex) -> GroundingCheck:
        """The grounding check of LLM replies over ``index``: built once per index (it scans for every unit alias)."""
        return self.wiring.grounding(index)

    def conversation(self) -> Resolver:
        """The offline reader of follow-up questions, over the current index's names."""
        return self.reader.resolver(self.index())

    def resolve(
        self, question: str, history: History = None, mode: Mode = "hybrid", doc_ids: list[str] | None = None
    ) -> ResolvedQuestion:
        """How ``question`` reads after ``history``: a standalone question and the plan it is scoped to
        (see :meth:`Reader.resolve <policykb.bot.reading.Reader.resolve>`)."""
        return self.reader.resolve(self.index(), question, history, mode, doc_ids)

    # -- asking -----------------------------------------------------------------
    def ask(
        self,
        question: str,
        doc: str | list[str] | None = None,
        mode: Mode = "hybrid",
        structured: bool = True,
        history: History = None,
    ) -> Answer:
        """Answer one question, optionally only from some documents (ids or title parts).

        ``history`` holds the earlier turns (a :class:`~policykb.bot.dialog.Conversation`,
        :class:`~policykb.bot.dialog.Turn` objects, or chat messages); a follow-up is read in
        their light, and the answer says how (``resolved_question``, and a “理解为：” line when the
        reading differs from what was asked). ``structured=False`` answers only by quoting the best
        retrieved sentence (for ablations). The question is answered from one read of the index.
        """
        turn = self.reader.turn(self.ready(), question, doc, mode, structured, history)
        if isinstance(turn, Answer):
            return turn
        return with_reading(turn.chain.invoke(turn.searched), turn.resolved, self.phrases)

    def ask_stream(
        self, question: str, doc: str | list[str] | None = None, mode: Mode = "hybrid", history: History = None
    ) -> Iterator[str | Answer]:
        """Text pieces, then the final checked :class:`Answer`; the pieces always join to its text.

        The same path as :meth:`ask`, through the same chain, streamed. Not a generator itself: an unknown
        document, and the store out of reach (the index read, retrieval, the offline answer's searches),
        raise here, before the first piece.
        """
        from policykb.bot.answer import pieces

        turn = self.reader.turn(self.ready(), question, doc, mode, True, history)
        if isinstance(turn, Answer):
            return iter([*pieces(turn.answer), turn])
        return stream_with_reading(started(turn.chain.stream(turn.searched)), turn.resolved, self.phrases)
