"""The engine: one object that opens the knowledge base and answers questions.

The CLI, the chat page and the HTTP API all go through :class:`KnowledgeBot`; none
of them touches Chroma, jieba or the models directly.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import wraps
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from policykb.bot.answer import Answer
from policykb.bot.thresholds import Thresholds
from policykb.ingest.pipeline import Ingestor, IngestReport, Progress
from policykb.ingest.reader import ReadLimits
from policykb.kb.client import make_client
from policykb.kb.embedding import EmbeddingModel, load_embedding_model
from policykb.kb.glossary import load_glossary
from policykb.kb.lock import Lease, holding, ingest_lock
from policykb.kb.settings import Settings
from policykb.kb.store import IndexMissingError, KnowledgeStore, Manifest
from policykb.prompts.library import Phrases, load_phrases
from policykb.prompts.llm import load_llm_prompts, load_rewrite_prompt

if TYPE_CHECKING:  # the answering side is imported when first used, so `policykb ingest` starts fast
    from chromadb.api import ClientAPI
    from langchain_core.runnables import Runnable

    from policykb.bot.answerer import OfflineAnswerer
    from policykb.bot.chain import Answering
    from policykb.bot.conversation import ResolvedQuestion, Resolver
    from policykb.bot.grounding import GroundingCheck
    from policykb.bot.llm import LLMAnswerer
    from policykb.bot.retriever import HybridRetriever, Mode
    from policykb.kb.index import KnowledgeIndex

log = logging.getLogger(__name__)
NO_INDEX = "尚未建立索引，请先运行 policykb ingest"
EARLIER_ANSWERS = 512  # offline answers of earlier turns kept, so a long conversation is not re-answered
History = Any  # a Conversation, a list of Turns, (question, reply) pairs or chat messages; None: no history


@dataclass
class Asked:
    """A question on its way to the chain: how it was read, the chain that answers it, the text it searches."""

    resolved: ResolvedQuestion
    chain: Runnable[str, Answer]
    searched: str


def shipped_sources() -> list[Path]:
    """The documents that ship with policykb (``kb/sources/``)."""
    folder = resources.files("policykb.kb").joinpath("sources")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "_")))


Method = TypeVar("Method", bound=Callable[..., Any])


def one_reading(method: Method) -> Method:
    """``method`` answers one question from one reading of the index (see ``KnowledgeBot._one_reading``)."""

    @wraps(method)
    def wrapper(self: KnowledgeBot, *args: Any, **kwargs: Any) -> Any:
        with self._one_reading():
            return method(self, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


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
        self.glossary = load_glossary(settings.glossary)  # a bad user glossary fails at start
        self.llm_prompts = load_llm_prompts() if settings.uses_llm else None  # a bad template fails at start
        self.rewrite_prompt = load_rewrite_prompt() if settings.uses_llm else None
        self.llm_model = None
        if settings.uses_llm:
            from policykb.bot.llm import LLMAnswerer

            self.llm_model = LLMAnswerer.chat_model(settings)
        self._index: KnowledgeIndex | None = None
        self._checked: KnowledgeIndex | None = None  # the index last checked against the embedding model
        self._question = threading.local()  # .index: the index the question this thread answers is pinned to
        self._resolver: tuple[KnowledgeIndex, Resolver] | None = None
        self._grounding: tuple[KnowledgeIndex, GroundingCheck] | None = None
        self._earlier: OrderedDict[tuple[Any, ...], Answer] = OrderedDict()  # offline answers of earlier turns
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
            limits=ReadLimits(self.settings.max_file_mb, self.settings.max_pages),
            guard=guard,
        )

    # -- reading ----------------------------------------------------------------
    def index(self) -> KnowledgeIndex:
        """The current index, reloaded when another process has switched generations.

        A pure read: it never builds an index and never loads the embedding model (``policykb docs``,
        ``units``, ``export`` and ``/healthz`` read through it). Inside :meth:`ask` it is the index that
        question was pinned to, so one question reads the manifest once.

        Raises:
            IndexMissingError: nothing has been ingested yet.
        """
        pinned = getattr(self._question, "index", None)
        return pinned if pinned is not None else self._current(self.store.manifest())

    def _current(self, manifest: Manifest | None) -> KnowledgeIndex:
        """The index of ``manifest`` (the one just read), loaded once per generation."""
        from policykb.kb.index import KnowledgeIndex

        if manifest is None:
            raise IndexMissingError(NO_INDEX)
        with self._lock:
            if self._index is None or self._index.manifest.generation != manifest.generation:
                self._index = KnowledgeIndex.load(self.store, self.settings.cache_path, manifest)
            return self._index

    def ready(self) -> KnowledgeIndex:
        """The index questions are answered from, checked against the embedding model.

        Only the asking side (``ask``, ``repl``, ``chat``, the page and the API) calls this: with no index
        yet, the first one is built from the shipped plans, and a log line says so.
        """
        pinned = getattr(self._question, "index", None)
        if pinned is not None:
            return pinned
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

    @contextmanager
    def _one_reading(self) -> Iterator[KnowledgeIndex]:
        """Pin :meth:`ready`'s index to this thread for one question (nested calls reuse it)."""
        if getattr(self._question, "index", None) is not None:
            yield self._question.index
            return
        self._question.index = self.ready()
        try:
            yield self._question.index
        finally:
            self._question.index = None

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
            glossary=self.glossary,
        )

    def answerer(self, structured: bool = True, dense: bool = True) -> OfflineAnswerer:
        from policykb.bot.answerer import OfflineAnswerer

        embeddings = self.embeddings if dense else None
        return OfflineAnswerer(
            self.index(), self.phrases, self.thresholds, self.settings.top_k, structured, embeddings, self.glossary
        )

    def final_answerer(self, offline: OfflineAnswerer, structured: bool = True) -> OfflineAnswerer | LLMAnswerer:
        """The LLM answerer around ``offline`` when an endpoint is configured, else ``offline``."""
        if self.llm_model is None or self.llm_prompts is None or not structured:
            return offline
        from policykb.bot.llm import LLMAnswerer

        grounding = self.grounding(offline.index)
        return LLMAnswerer(self.settings, offline, self.llm_prompts, self.llm_model, grounding)

    def grounding(self, index: KnowledgeIndex) -> GroundingCheck:
        """The grounding check of LLM replies over ``index``: built once per index (it scans for every unit alias)."""
        from policykb.bot.grounding import GroundingCheck

        with self._lock:
            if self._grounding is None or self._grounding[0] is not index:
                self._grounding = (index, GroundingCheck(index))
            return self._grounding[1]

    def _scope(
        self, question: str, doc: str | list[str] | None, read: list[str] | None = None
    ) -> tuple[list[str] | None, Answer | None, str]:
        """The documents to answer from: those asked for, else those the conversation scoped (``read``), else
        those the question names (a place, 文号, title or year); or a refusal when it names a place no indexed
        plan is about. Also the question as the scoped plans are searched with (without their place name)."""
        from policykb.bot.scope import question_scope, within_places

        index = self.index()
        if len(index.documents) < 2:  # one plan: nothing to narrow, but its place name is not asked about
            named = question_scope(question, list(index.documents.values()), [])
            return index.resolve_documents(doc) if doc else read, None, named.strip(question, index.units)
        if doc:
            doc_ids = index.resolve_documents(doc)
            named = question_scope(question, [index.documents[i] for i in doc_ids or []], [])
            return doc_ids, None, named.strip(question, index.units)
        scope = question_scope(question, list(index.documents.values()), index.segmenter.places(question))
        if read and not scope.missing:  # the plans the question names outrank a stretch of title or earlier turns
            doc_ids = within_places(scope, read, index.documents)
            named = question_scope(question, [index.documents[i] for i in doc_ids], [])
            return doc_ids, None, named.strip(question, index.units)
        if not scope.missing:
            return scope.doc_ids, None, scope.strip(question, index.units)
        plans = "、".join(f"《{d.title}》" for d in list(index.documents.values())[:5])
        message = self.phrases("refusal.no_plan", place=scope.missing, plans=plans)
        return None, Answer(question=question, answer=message, answerable=False, kind="scope"), question

    def conversation(self) -> Resolver:
        """The offline reader of follow-up questions, over the current index's names."""
        from policykb.bot.conversation import Lexicon, Resolver

        index = self.index()
        with self._lock:
            if self._resolver is None or self._resolver[0] is not index:
                self._resolver = (index, Resolver(Lexicon.of(index)))
            return self._resolver[1]

    def resolve(
        self, question: str, history: History = None, mode: Mode = "hybrid", doc_ids: list[str] | None = None
    ) -> ResolvedQuestion:
        """How ``question`` reads after ``history``: a standalone question and the plan it is scoped to.

        Earlier turns without an answer of ours (an API client's messages) are answered again offline,
        so the state comes from the user questions alone, whatever the assistant texts said. With an
        LLM configured, a follow-up is also rewritten by the model and checked against this reading.
        ``doc_ids`` are the documents the caller searches (earlier turns are answered from them too).
        """
        from policykb.bot.answerer import invalid_question
        from policykb.bot.conversation import Conversation

        conversation = Conversation.of(history)
        resolver = self.conversation()

        def answer_of(resolved: ResolvedQuestion) -> Answer | None:
            if invalid_question(resolved.text, self.phrases) is not None:
                return None
            scope = doc_ids or resolved.doc_ids
            key = (self.index().manifest.generation, resolved.text, tuple(scope or ()), mode)
            with self._lock:
                if key in self._earlier:
                    self._earlier.move_to_end(key)
                    return self._earlier[key]
            answer = self._answer(resolved.text, scope, mode, structured=True, final=False)
            with self._lock:
                self._earlier[key] = answer
                while len(self._earlier) > EARLIER_ANSWERS:
                    self._earlier.popitem(last=False)
            return answer

        subject = resolver.state(conversation, answer_of)
        resolved = resolver.step(question, subject)
        if self.llm_model is not None and self.rewrite_prompt is not None and resolved.follow_up:
            from policykb.bot.rewrite import LLMRewriter

            rewriter = LLMRewriter(self.settings, self.llm_model, resolver, self.rewrite_prompt)
            resolved = rewriter.rewrite(resolved, conversation)
        return resolved

    @one_reading
    def ask(
        self,
        question: str,
        doc: str | list[str] | None = None,
        mode: Mode = "hybrid",
        structured: bool = True,
        history: History = None,
    ) -> Answer:
        """Answer one question, optionally only from some documents (ids or title parts).

        ``history`` holds the earlier turns (a :class:`~policykb.bot.conversation.Conversation`,
        :class:`~policykb.bot.conversation.Turn` objects, or chat messages); a follow-up is read in
        their light, and the answer says how (``resolved_question``, and a “理解为：” line when the
        reading differs from what was asked). ``structured=False`` answers only by quoting the best
        retrieved sentence (for ablations).
        """
        turn = self._turn(question, doc, mode, structured, history)
        if isinstance(turn, Answer):
            return turn
        return with_reading(turn.chain.invoke(turn.searched), turn.resolved, self.phrases)

    @one_reading
    def ask_stream(
        self, question: str, doc: str | list[str] | None = None, mode: Mode = "hybrid", history: History = None
    ) -> Iterator[str | Answer]:
        """Text pieces, then the final checked :class:`Answer`; the pieces always join to its text.

        The same path as :meth:`ask`, through the same chain, streamed. Not a generator itself, so an
        unknown document raises here, before the first piece.
        """
        from policykb.bot.answer import pieces

        turn = self._turn(question, doc, mode, True, history)
        if isinstance(turn, Answer):
            return iter([*pieces(turn.answer), turn])
        return stream_with_reading(turn.chain.stream(turn.searched), turn.resolved, self.phrases)

    def _turn(
        self, question: str, doc: str | list[str] | None, mode: Mode, structured: bool, history: History
    ) -> Answer | Asked:
        """The one path of every question: checked once, read after ``history``, scoped; then either answered
        already (an empty or over-long question, a place no plan is about) or ready for its chain."""
        from policykb.bot.answerer import invalid_question

        invalid = invalid_question(question, self.phrases)
        if invalid is not None:
            return invalid
        resolved = self._reading(question, doc, history, mode)
        doc_ids, refusal, searched = self._scope(resolved.text, doc, resolved.doc_ids)
        if refusal is not None:
            return with_reading(refusal, resolved, self.phrases)
        return Asked(resolved, self._chain(doc_ids, mode, structured), searched)

    def _answer(
        self, question: str, doc_ids: list[str] | None, mode: Mode, structured: bool, final: bool = True
    ) -> Answer:
        """The chain's answer to a checked, standalone ``question`` (``final=False``: the offline answer)."""
        return self._chain(doc_ids, mode, structured, final).invoke(question)

    def _chain(
        self, doc_ids: list[str] | None, mode: Mode, structured: bool, final: bool = True
    ) -> Runnable[str, Answer]:
        """question → retriever → answerer (the LLM answerer when configured and ``final``)."""
        from policykb.bot.chain import build_chain

        answerer = self.answerer(structured, dense=mode != "bm25")
        chosen: Answering = self.final_answerer(answerer, structured) if final else answerer
        return build_chain(self.retriever(mode, doc_ids), chosen, doc_ids)

    def _reading(
        self, question: str, doc: str | list[str] | None, history: History, mode: Mode
    ) -> ResolvedQuestion:
        """The question as read after ``history`` (the question itself when there is none)."""
        from policykb.bot.conversation import Conversation

        doc_ids = self.index().resolve_documents(doc) if doc else None  # an unknown document fails here
        conversation = Conversation.of(history)
        if not conversation.turns:
            return self.conversation().step(question, None)  # a plan it names still scopes it
        return self.resolve(question, conversation, mode, doc_ids)


def with_reading(answer: Answer, resolved: ResolvedQuestion, phrases: Phrases) -> Answer:
    """``answer`` to what was asked: ``resolved_question`` set, a “理解为：” line first when it differs."""
    from policykb.bot.answerer import clean_question

    if answer.kind == "invalid":
        return answer
    text = answer.answer
    if resolved.changed:
        text = f"{phrases('conversation.reading', question=resolved.text)}\n{text}"
    return replace(answer, question=clean_question(resolved.asked) or answer.question, answer=text,
                   resolved_question=resolved.text)  # fmt: skip


def stream_with_reading(
    events: Iterator[str | Answer], resolved: ResolvedQuestion, phrases: Phrases
) -> Iterator[str | Answer]:
    """The stream of an answer with the “理解为：” line first (when the reading differs)."""
    if resolved.changed:
        yield phrases("conversation.reading", question=resolved.text) + "\n"
    for event in events:
        yield with_reading(event, resolved, phrases) if isinstance(event, Answer) else event
