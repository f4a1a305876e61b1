"""The LCEL chain: question → retriever → answerer, invoked for an answer or streamed for its pieces."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableConfig, RunnableParallel, RunnablePassthrough

from policykb.bot.answer import Answer


class Answering(Protocol):
    """What the chain answers with: the offline answerer or the LLM answerer around it."""

    def answer(self, question: str, documents: list[Document], doc_ids: list[str] | None = None) -> Answer: ...

    def stream(
        self, question: str, documents: list[Document], doc_ids: list[str] | None = None
    ) -> Iterator[str | Answer]: ...


class AnswerStep(Runnable[dict[str, Any], Answer]):
    """The chain's last step: ``invoke`` gives the :class:`Answer`; ``stream`` gives text pieces, then the Answer.

    Args:
        answerer: answers from the question and its retrieved documents.
        doc_ids: the documents the question is scoped to (``None``: every document).
    """

    name = "answer"

    def __init__(self, answerer: Answering, doc_ids: list[str] | None = None) -> None:
        self.answerer = answerer
        self.doc_ids = doc_ids

    def invoke(self, input: dict[str, Any], config: RunnableConfig | None = None, **kwargs: Any) -> Answer:
        return self._call_with_config(self._answer, input, config)

    def transform(
        self, input: Iterator[dict[str, Any]], config: RunnableConfig | None = None, **kwargs: Any
    ) -> Iterator[Any]:
        """Pieces of the answer's text as they are certain, then the final :class:`Answer`."""
        yield from self._transform_stream_with_config(input, self._stream, config)

    def _answer(self, gathered: dict[str, Any]) -> Answer:
        return self.answerer.answer(gathered["question"], gathered["documents"], self.doc_ids)

    def _stream(self, chunks: Iterator[dict[str, Any]]) -> Iterator[str | Answer]:
        gathered: dict[str, Any] = {}
        for chunk in chunks:  # the question and the documents arrive as separate parts of one dict
            gathered.update(chunk)
        yield from self.answerer.stream(gathered["question"], gathered["documents"], self.doc_ids)


def build_chain(
    retriever: BaseRetriever, answerer: Answering, doc_ids: list[str] | None = None
) -> Runnable[str, Answer]:
    """``chain.invoke("问题")`` → :class:`Answer`, cited from the retrieved chunks and the records;
    ``chain.stream("问题")`` → the answer's text pieces, then the same :class:`Answer`.

    The question must have passed the answerer's ``invalid`` check (the engine checks it once, first).
    """
    gather = RunnableParallel(question=RunnablePassthrough(), documents=retriever)
    return gather | AnswerStep(answerer, doc_ids)
