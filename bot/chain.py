"""The LCEL chain: question → retriever → answerer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda, RunnableParallel, RunnablePassthrough

from policykb.bot.answer import Answer
from policykb.bot.answerer import OfflineAnswerer

if TYPE_CHECKING:
    pass


def build_chain(
    retriever: BaseRetriever, answerer: OfflineAnswerer, doc_ids: list[str] | None = None
) -> Runnable[str, Answer]:
    """``chain.invoke("问题")`` → :class:`Answer`, cited from the retrieved chunks and the records."""
    gather = RunnableParallel(question=RunnablePassthrough(), documents=retriever)
    return gather | RunnableLambda(lambda x: answerer.answer(x["question"], x["documents"], doc_ids), name="answer")
