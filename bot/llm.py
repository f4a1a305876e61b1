"""The optional LLM answerer: a chat model behind an OpenAI-compatible endpoint, grounded and checked.

It is off unless ``Settings.llm_base_url`` is set; then it wraps the offline answerer:

1. The offline answerer answers first (exact, structured, cited). Refusals for a year, place or
   unit the plan never names are returned as they are (an empty or over-long question never gets
   here: the engine answers it first).
2. The chat model (LangChain's ``ChatOpenAI`` on ``llm_base_url``) gets the system prompt and
   the QA template from ``prompts/``, with the offline answer's clauses numbered ``[1]``,
   ``[2]`` … with their heading paths inside a data block (``<资料>`` … ``</资料>``). Clause
   text is flattened to one line and cannot open or close a tag, so a document that says
   “忽略以上所有指令……” reaches the model quoted as data.
3. For structured kinds (who leads a task, a target, a unit's tasks, a list, an outline, a
   document fact) the exact structured lines stay verbatim and the model adds one ``小结：``
   line. For plain facts and generic refusals the model answers in its own words.
4. :class:`~policykb.bot.grounding.GroundingCheck` checks what the model wrote: cited clauses
   exist, numbers and unit names occur in them, lead/co claims agree with the records. A
   reply that fails, an endpoint that is down, slow or returns garbage: the offline answer
   with a Chinese ``notice``. Nothing raises.

:meth:`LLMAnswerer.answer` has the offline answerer's signature, so it fits the same LCEL
chain (``build_chain(retriever, llm_answerer, doc_ids)``). :meth:`LLMAnswerer.stream` yields
text deltas, then the final checked :class:`Answer`.

Streaming design: **stream what is certain, buffer what is not.** The structured lines are
yielded at once (before the model is even called): they are in the final answer whatever
the check decides. The model's own text is buffered until the reply is complete and
checked, then yielded. So the concatenated deltas always equal the final ``Answer.answer``
exactly — a rejected reply is never shown, and no consumer (chat page, SSE client of
``/v1/chat/completions``, which cannot take text back) ever has to retract anything.
"""

from __future__ import annotations

import contextlib
import logging
import re
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from langchain_core.documents import Document
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import SystemMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import Runnable
from pydantic import SecretStr

from policykb.bot.answer import Answer, Source, pieces
from policykb.bot.answerer import OfflineAnswerer
from policykb.bot.grounding import GroundingCheck
from policykb.bot.kinds import QuestionKind
from policykb.kb.lexicon import REFUSAL_MARK
from policykb.kb.settings import Settings
from policykb.prompts.llm import LLMPrompts, load_llm_prompts

log = logging.getLogger(__name__)

STRUCTURED_KINDS = frozenset(
    {
        QuestionKind.OWNER,
        QuestionKind.TARGET,
        QuestionKind.LIST,
        QuestionKind.UNIT_TASKS,
        QuestionKind.OUTLINE,
        QuestionKind.DOCUMENT,
    }
)
SUMMARY_LABEL = "小结："
NO_STRUCTURED = "（无）"
MAX_CLAUSES = 12
# A streamed reply may take at most this many times ``llm_timeout`` in all (each wait is also bounded by it).
STREAM_BUDGET = 4.0
# Sent when no key is configured (local servers such as Ollama ignore it). Never falls back to $OPENAI_API_KEY,
# so a cloud key is never sent to some other host.
NO_KEY = "not-needed"
THINK = re.compile(r"<think>.*?</think>", re.S)
FENCE = re.compile(r"^```[a-z]*\n?|\n?```$")
REFUSED = REFUSAL_MARK

NOTICE_REJECTED = "大模型的回答未通过核对（{reason}），以下为离线答案。"
NOTICE_REFUSED = "大模型未能在条款中找到答案，以下为离线答案。"
NOTICE_TIMEOUT = "大模型服务在 {seconds:g} 秒内没有完成回答，以下为离线答案。"
NOTICE_CONNECT = "无法连接大模型服务（{host}），以下为离线答案。"
NOTICE_AUTH = "大模型服务拒绝了访问（HTTP {status}），请检查 POLICYKB_LLM_API_KEY；以下为离线答案。"
NOTICE_STATUS = "大模型服务返回错误（HTTP {status}），以下为离线答案。"
NOTICE_GARBAGE = "大模型服务返回了无法识别的内容，以下为离线答案。"


class LLMAnswerer:
    """Answers with a chat model, checked against the clauses and the records; the offline answer otherwise.

    Args:
        settings: ``llm_base_url`` (required), ``llm_model``, ``llm_api_key``, ``llm_timeout``, ``llm_retries``.
        offline: the offline answerer for the same index (answers first, and is the fallback).
        prompts: the validated templates; loaded from ``prompts/`` when not given.
        model: a LangChain chat model; built from ``settings`` by :meth:`chat_model` when not given
            (build it once and pass it in, so its HTTP connections are reused).
        grounding: the grounding check of the offline answerer's index; built when not given (build it
            once per index and pass it in: it scans for every unit alias of the index).

    Raises:
        ValueError: the LLM is not configured (see :meth:`chat_model`).
    """

    def __init__(
        self,
        settings: Settings,
        offline: OfflineAnswerer,
        prompts: LLMPrompts | None = None,
        model: BaseChatModel | None = None,
        grounding: GroundingCheck | None = None,
    ) -> None:
        self.settings = settings
        self.offline = offline
        self.model = model if model is not None else self.chat_model(settings)
        self.prompts = prompts or load_llm_prompts()
        self.grounding = grounding if grounding is not None else GroundingCheck(offline.index)
        self.refusal = offline.phrases("refusal.generic")
        template = ChatPromptTemplate.from_messages(
            [SystemMessage(content=self.prompts.system_text(self.refusal)), ("human", self.prompts.qa)]
        )
        self.generation: Runnable[dict[str, str], str] = template | self.model | StrOutputParser()

    def __repr__(self) -> str:
        return f"LLMAnswerer(model={self.settings.llm_model!r}, base_url={self.host!r})"

    # -- configuration ------------------------------------------------------------
    @staticmethod
    def enabled(settings: Settings) -> bool:
        """Whether the settings turn the LLM on (``llm_base_url`` is set)."""
        return settings.uses_llm

    @staticmethod
    def chat_model(settings: Settings) -> BaseChatModel:
        """``ChatOpenAI`` on the configured OpenAI-compatible endpoint (chat completions, temperature 0).

        Raises:
            ValueError: no base URL, or no model name.
            RuntimeError: ``langchain-openai`` is not installed.
        """
        if not LLMAnswerer.enabled(settings):
            raise ValueError("未设置 POLICYKB_LLM_BASE_URL：大模型未启用。")
        if not settings.llm_model.strip():
            raise ValueError("已设置 POLICYKB_LLM_BASE_URL，但未设置 POLICYKB_LLM_MODEL（模型名，例如 qwen2.5:7b）。")
        try:
            from langchain_openai import ChatOpenAI
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise RuntimeError("使用大模型需要安装 langchain-openai：pip install langchain-openai") from exc
        return ChatOpenAI(
            model=settings.llm_model,
            base_url=settings.llm_base_url,
            api_key=SecretStr(settings.llm_api_key or NO_KEY),
            timeout=settings.llm_timeout,
            max_retries=settings.llm_retries,
            temperature=0,
            # ``streaming`` is left unset: an explicit ``streaming=False`` makes LangChain's ``.stream()`` fall
            # back to one non-streaming call. ``invoke`` does not stream, ``stream`` does (SSE).
            stream_usage=False,
            use_responses_api=False,
        )

    @property
    def host(self) -> str:
        """The endpoint's host and port (never credentials or paths), for notices and logs."""
        parts = urlsplit(self.settings.llm_base_url)
        return f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname or self.settings.llm_base_url)

    # -- entry points ---------------------------------------------------------------
    def answer(self, question: str, documents: list[Document], doc_ids: list[str] | None = None) -> Answer:
        """Answer ``question`` from the retrieved ``documents``: the checked LLM answer, else the offline one."""
        offline = self.offline.answer(question, documents, doc_ids)
        plan = self._plan(offline)
        if plan is None:
            return offline
        clauses, structured, inputs = plan
        try:
            text = self.generation.invoke(inputs)
            return self._finish(offline, clauses, structured, text)
        except Exception as exc:  # the endpoint failed: never a traceback for the user
            return self._failed(offline, exc)

    def stream(
        self, question: str, documents: list[Document], doc_ids: list[str] | None = None
    ) -> Iterator[str | Answer]:
        """Text deltas, then the final checked :class:`Answer`; the deltas add up to ``Answer.answer`` exactly."""
        offline = self.offline.answer(question, documents, doc_ids)
        plan = self._plan(offline)
        if plan is None:
            yield from pieces(offline.answer)
            yield offline
            return
        clauses, structured, inputs = plan
        prefix = offline.answer if structured else ""
        yield from pieces(prefix)  # certain: in the final answer whatever the check decides
        try:
            text = self._collect(self.generation.stream(inputs))
            final = self._finish(offline, clauses, structured, text)
        except Exception as exc:
            final = self._failed(offline, exc)
        yield from pieces(final.answer[len(prefix) :])
        yield final

    # -- steps ------------------------------------------------------------------------
    def _plan(self, offline: Answer) -> tuple[list[Source], list[str] | None, dict[str, str]] | None:
        """The clauses, the structured lines and the prompt inputs; ``None`` when the model is not asked."""
        if not offline.sources:
            return None
        if not offline.answerable and offline.answer != self.refusal:
            return None  # the plan never names this year, place or unit: the refusal stands
        clauses = offline.sources[:MAX_CLAUSES]
        structured = offline.answer.split("\n") if offline.answerable and offline.kind in STRUCTURED_KINDS else None
        inputs = {
            "question": offline.question,
            "clauses": render_clauses(clauses),
            "structured": "\n".join(structured) if structured else NO_STRUCTURED,
        }
        return clauses, structured, inputs

    def _collect(self, chunks: Iterator[str]) -> str:
        """The whole streamed reply, within ``STREAM_BUDGET × llm_timeout`` in all."""
        deadline = time.monotonic() + STREAM_BUDGET * self.settings.llm_timeout
        parts: list[str] = []
        with contextlib.closing(chunks):  # type: ignore[type-var]
            for chunk in chunks:
                parts.append(chunk)
                if time.monotonic() > deadline:
                    raise TimeoutError("the streamed reply took too long")
        return "".join(parts)

    def _finish(self, offline: Answer, clauses: list[Source], structured: list[str] | None, raw: Any) -> Answer:
        """Check the model's reply; the answer built from it, or the offline answer with a notice."""
        if not isinstance(raw, str):
            return self._fallback(offline, NOTICE_GARBAGE, f"reply is {type(raw).__name__}")
        text = clean_reply(raw, structured)
        if REFUSED in text:
            if not offline.answerable:
                return offline  # model and offline answerer agree: the plan does not say
            return self._fallback(offline, NOTICE_REFUSED, "the model found no answer")
        reason = self.grounding.check(text, clauses, offline, structured)
        if reason is not None:
            return self._fallback(offline, NOTICE_REJECTED.format(reason=reason), "rejected by the grounding check")
        answer = f"{offline.answer}\n{SUMMARY_LABEL}{text}" if structured else text
        evidence = {
            **offline.evidence,
            "llm": {"model": self.settings.llm_model, "citations": self.grounding.citations(text)},
        }
        return Answer(
            question=offline.question, answer=answer, answerable=True, kind=offline.kind,
            sources=offline.sources, evidence=evidence,
        )  # fmt: skip

    def _failed(self, offline: Answer, exc: Exception) -> Answer:
        notice, kind = self._describe(exc)
        return self._fallback(offline, notice, f"{kind}: {self._redact(str(exc))[:200]}")

    def _fallback(self, offline: Answer, notice: str, detail: str) -> Answer:
        log.warning("LLM answer replaced by the offline answer (%s, %s): %s", self.host, detail, notice)
        return replace(offline, notice=f"{offline.notice} {notice}".strip())

    def _redact(self, text: str) -> str:
        key = self.settings.llm_api_key
        return text.replace(key, "***") if len(key) >= 4 else text

    def _describe(self, exc: Exception) -> tuple[str, str]:
        """A notice for the user and the kind of failure for the log."""
        import httpx

        timeouts: tuple[type[BaseException], ...] = (httpx.TimeoutException, TimeoutError)
        connections: tuple[type[BaseException], ...] = (httpx.TransportError, ConnectionError)
        statuses: tuple[type[BaseException], ...] = ()
        try:
            import openai
        except ImportError:  # pragma: no cover - another chat model was passed in
            pass
        else:
            timeouts, statuses = (*timeouts, openai.APITimeoutError), (openai.APIStatusError,)
            connections = (*connections, openai.APIConnectionError)
        name = type(exc).__name__
        if isinstance(exc, timeouts):  # before connections: openai's timeout error is a connection error
            return NOTICE_TIMEOUT.format(seconds=self.settings.llm_timeout), f"timeout {name}"
        status = getattr(exc, "status_code", None)
        if isinstance(exc, statuses) and isinstance(status, int):
            template = NOTICE_AUTH if status in (401, 403) else NOTICE_STATUS
            return template.format(status=status), f"HTTP {status}"
        if isinstance(exc, connections):
            return NOTICE_CONNECT.format(host=self.host), f"connection {name}"
        return NOTICE_GARBAGE, f"unusable reply {name}"


def render_clauses(clauses: list[Source]) -> str:
    """The numbered clauses for the data block: ``[n] 出处：《title》 heading path`` then ``原文：text``.

    Each clause is exactly two lines (its text flattened), and ``<`` becomes ``＜``, so document
    text can neither fake another clause nor open or close a tag.
    """
    blocks = []
    for n, source in enumerate(clauses, 1):
        where = f"《{source.document}》 {source.section or '（文首）'}"
        blocks.append(f"[{n}] 出处：{_data(where)}\n原文：{_data(source.text)}")
    return "\n".join(blocks)


def _data(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text).replace("<", "＜").strip()


def clean_reply(text: str, structured: list[str] | None) -> str:
    """The model's reply without reasoning blocks, code fences, or copies of the structured lines, on one line."""
    text = THINK.sub("", text)
    if "<think>" in text:  # an unfinished reasoning block: nothing usable follows
        text = text.split("<think>", 1)[0]
    text = FENCE.sub("", text.strip())
    lines = [line.strip() for line in text.splitlines()]
    drop = set(structured or [])
    lines = [line for line in lines if line and line not in drop]
    if structured:
        lines = [line.removeprefix(SUMMARY_LABEL) for line in lines]
    return "".join(lines) if structured else "\n".join(lines)
