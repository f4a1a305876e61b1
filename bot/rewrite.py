"""With an LLM configured: a follow-up rewritten into a standalone question by the model, then checked.

LangChain's history-aware pattern (``create_history_aware_retriever``'s contextualising step,
built here from ``langchain_core`` pieces): a system prompt (``prompts/llm_rewrite.txt``), the
chat history as messages, then the new question; the model's reply is the standalone question.
The offline :class:`~policykb.bot.dialog.Resolver` has the last word: the model's question
must keep the offline reading's kind, task and units, else the offline reading is used. An
endpoint that fails never fails the answer.
"""

from __future__ import annotations

import logging
import re

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder
from langchain_core.runnables import Runnable

from policykb.bot.dialog import MAX_TURNS, Conversation, ResolvedQuestion, Resolver
from policykb.bot.question import classify
from policykb.kb.settings import Settings
from policykb.prompts.llm import load_rewrite_prompt

log = logging.getLogger(__name__)
MAX_REPLY = 600  # characters of an earlier assistant reply shown to the model
MAX_QUESTION = 200
THINK = re.compile(r"<think>.*?</think>", re.S)
QUOTES = "\"'“”‘’「」『』` "


class LLMRewriter:
    """Rewrites follow-ups with the chat model; keeps the offline reading when the model strays.

    Args:
        settings: the LLM settings (for logging the model).
        model: the configured chat model.
        resolver: the offline resolver whose reading the model's question is checked against.
        system: the validated rewrite prompt; loaded from ``prompts/`` when not given.
    """

    def __init__(self, settings: Settings, model: BaseChatModel, resolver: Resolver, system: str | None = None) -> None:
        self.settings = settings
        self.resolver = resolver
        # The system text is a message, not a template: no text of it is read as template syntax.
        prompt = ChatPromptTemplate.from_messages(
            [
                SystemMessage(content=system or load_rewrite_prompt()),
                MessagesPlaceholder("chat_history"),
                ("human", "{input}"),
            ]
        )
        self.chain: Runnable[dict[str, object], str] = prompt | model | StrOutputParser()

    def rewrite(self, offline: ResolvedQuestion, conversation: Conversation) -> ResolvedQuestion:
        """The model's standalone question when it agrees with ``offline``; ``offline`` otherwise."""
        try:
            raw = self.chain.invoke({"chat_history": history_messages(conversation), "input": offline.asked})
        except Exception as exc:  # the endpoint failed: the offline reading stands
            log.warning("follow-up rewrite failed (%s), offline reading kept", type(exc).__name__)
            return offline
        text = clean_question(raw)
        if not text or not self.agrees(text, offline):
            log.info("LLM rewrite %r rejected, offline reading %r kept", text, offline.text)
            return offline
        return ResolvedQuestion(offline.asked, text, "llm", offline.subject, offline.doc_ids)

    def agrees(self, text: str, offline: ResolvedQuestion) -> bool:
        """Whether ``text`` keeps the offline reading's kind of question, task and units."""
        names = self.resolver.names
        mine, theirs = classify(offline.text, names.units), classify(text, names.units)
        if mine.kind != theirs.kind or set(mine.units) != set(theirs.units):
            return False
        task = names.task_in(offline.text, offline.doc_ids)
        if task is not None:
            other = names.task_in(text, offline.doc_ids)
            if other is None or other[0] != task[0]:
                return False
        indicator = names.indicator_in(offline.text, offline.doc_ids)
        if indicator is not None and indicator[0] is not None:
            other_indicator = names.indicator_in(text, offline.doc_ids)
            if other_indicator is None or other_indicator[0] != indicator[0]:
                return False
        return True


def history_messages(conversation: Conversation) -> list[BaseMessage]:
    """The last turns as chat messages: each question, and the reply to it when there is one."""
    messages: list[BaseMessage] = []
    for turn in conversation.turns[-MAX_TURNS:]:
        messages.append(HumanMessage(turn.question))
        reply = turn.reply or (turn.answer.answer if turn.answer else "")
        if reply:
            messages.append(AIMessage(reply[:MAX_REPLY]))
    return messages


def clean_question(raw: object) -> str:
    """The model's question on one line, without reasoning blocks or quotes; ``""`` if unusable."""
    if not isinstance(raw, str):
        return ""
    text = THINK.sub("", raw).split("<think>", 1)[0]
    lines = [line.strip().strip(QUOTES) for line in text.strip().splitlines() if line.strip()]
    if not lines:
        return ""
    line = re.sub(r"^(改写后的问题|独立问题|问题)[:：]\s*", "", lines[0]).strip(QUOTES)
    return line if 0 < len(line) <= MAX_QUESTION else ""
