"""A question that names several places or plans, some of which no plan on the shelf is about
(``苇洲市和杭州市的X分别是多少？``, ``营商环境方案和数字政府方案分别是哪天印发的？``).

The part a plan holds is answered by its chain (asked without the absent names, ``bot/scope.py``); a last line
says which named place or topic has no plan, and the answer is ``partial``. A part no plan answers stays refused,
with the same line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from langchain_core.runnables import Runnable, RunnableConfig

from policykb.bot.answer import Answer
from policykb.prompts.library import Phrases

__all__ = ["NamingAbsent"]


class NamingAbsent(Runnable[str, Answer]):
    """``chain``'s answer with a line for each of ``absent`` (``知识库中没有关于“杭州市”的方案``).

    Args:
        chain: answers the question as asked of the plans that are there.
        absent: the places or topics the question names that no plan is about.
        phrases: the offline phrases.
    """

    name = "naming_absent"

    def __init__(self, chain: Runnable[str, Answer], absent: tuple[str, ...], phrases: Phrases) -> None:
        self.chain = chain
        self.lines = [phrases("refusal.absent_part", place=name) for name in absent]

    def invoke(self, input: str, config: RunnableConfig | None = None, **kwargs: Any) -> Answer:
        return self.with_lines(self.chain.invoke(input, config))

    def stream(self, input: str, config: RunnableConfig | None = None, **kwargs: Any) -> Iterator[Any]:
        for event in self.chain.stream(input, config):
            if isinstance(event, Answer):
                yield self.tail(event)
                yield self.with_lines(event)
            else:
                yield event

    def with_lines(self, answer: Answer) -> Answer:
        """``answer`` with the absent lines last; ``partial`` when it answers the part that is there."""
        confidence = "partial" if answer.answerable else answer.confidence
        return replace(answer, answer=answer.answer + self.tail(answer), confidence=confidence)

    def tail(self, answer: Answer) -> str:
        """What follows ``answer``'s text: the absent lines, on a line of their own."""
        return ("" if answer.answer.endswith("\n") else "\n") + "\n".join(self.lines)
