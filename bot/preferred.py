"""The conversation's plan first: a turn that names no plan is answered from the plans the last answer came from,
and from every plan only when those do not answer it (``…报市安办备案？`` then ``阶段性总结多久报一次？`` asks the
same plan, though another plan of the shelf shares its words)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from langchain_core.runnables import Runnable, RunnableConfig

from policykb.bot.answer import Answer

__all__ = ["PreferredPlans"]


class PreferredPlans(Runnable[str, Answer]):
    """``first`` (the chain scoped to the conversation's plans) answers when it can; else the chain ``then`` makes
    (every plan), built only then.

    Streamed, ``first``'s pieces are held until its answer shows it answers, so a refusal is never half sent.
    """

    name = "preferred_plans"

    def __init__(self, first: Runnable[str, Answer], then: Callable[[], Runnable[str, Answer]]) -> None:
        self.first = first
        self.then = then

    def invoke(self, input: str, config: RunnableConfig | None = None, **kwargs: Any) -> Answer:
        answer = self.first.invoke(input, config)
        return answer if answer.answerable else self.then().invoke(input, config)

    def stream(self, input: str, config: RunnableConfig | None = None, **kwargs: Any) -> Iterator[Any]:
        events = list(self.first.stream(input, config))
        last = events[-1] if events else None
        if isinstance(last, Answer) and last.answerable:
            yield from events
        else:
            yield from self.then().stream(input, config)
