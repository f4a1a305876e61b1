"""Chat history: the turns so far, from our own answers, ``(question, reply)`` pairs or chat messages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from policykb.bot.answer import Answer

__all__ = ["MAX_TURNS", "Conversation", "Turn", "split_messages"]

MAX_TURNS = 6  # earlier user questions read back to rebuild the state


@dataclass
class Turn:
    """One exchange: what the user asked, and (when known) what was answered.

    ``answer`` is our own structured :class:`Answer` (page, CLI); ``reply`` is an assistant text
    from any client (API), kept for the LLM rewrite but never trusted for the subject.
    """

    question: str
    answer: Answer | None = None
    reply: str = ""


@dataclass
class Conversation:
    """The turns so far, oldest first."""

    turns: list[Turn] = field(default_factory=list)

    def add(self, question: str, answer: Answer | None = None, reply: str = "") -> None:
        """Append one exchange."""
        self.turns.append(Turn(question, answer, reply or (answer.answer if answer else "")))

    @classmethod
    def of(cls, history: Conversation | Iterable[Turn | dict[str, Any] | tuple[str, str]] | None) -> Conversation:
        """A conversation from a conversation, turns, ``(question, reply)`` pairs or chat messages."""
        if history is None:
            return cls()
        if isinstance(history, Conversation):
            return cls(list(history.turns))
        items = list(history)
        if items and all(isinstance(i, dict) for i in items):
            return cls.from_messages(items)  # type: ignore[arg-type]
        turns = [i if isinstance(i, Turn) else Turn(str(i[0]), reply=str(i[1])) for i in items]  # type: ignore[index]
        return cls(turns)

    @classmethod
    def from_messages(cls, messages: Sequence[dict[str, Any]]) -> Conversation:
        """Turns from OpenAI-style messages (``role`` and text ``content``): each user message with
        the assistant text that follows it. System and other roles are skipped."""
        turns: list[Turn] = []
        for message in messages:
            role, text = message.get("role"), message.get("content")
            if not isinstance(text, str):
                continue
            if role == "user":
                turns.append(Turn(text))
            elif role == "assistant" and turns and not turns[-1].reply:
                turns[-1].reply = text
        return cls(turns)


def split_messages(messages: object) -> tuple[str, Conversation]:
    """The last user question of chat ``messages`` and the conversation before it.

    Raises:
        ValueError: not a list of messages, or no user message with text (the message says so in Chinese).
    """
    if not isinstance(messages, list) or not all(isinstance(m, dict) for m in messages):
        raise ValueError('messages 应为消息列表，每条消息形如 {"role": "user", "content": "问题"}。')
    users = [i for i, m in enumerate(messages) if m.get("role") == "user"]
    if not users or not isinstance(messages[users[-1]].get("content"), str):
        raise ValueError("messages 中没有文本形式的用户消息（role 为 user）。")
    last = users[-1]
    return messages[last]["content"], Conversation.from_messages(messages[:last])
