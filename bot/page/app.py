"""The chat page: a Gradio Blocks app in Chinese, built by :func:`build_app` for one bot.

Tabs: 问答 (chat with cited source cards), 部门职责 (pick a plan, or every plan with one entry per unit name;
then a unit and its tasks, 牵头 and 配合 apart, plan by plan; and the task-count chart), 目标指标 (the targets
table), 文件 (indexed documents; upload and re-index only when ``settings.admin_password`` is set).
This module only wires: each callback calls one engine or :mod:`policykb.bot.views` function and hands
the result to a renderer of :mod:`policykb.bot.page.render`; nothing is built at import time.

Nothing a client sends is taken as a file path: the conversation is a per-session ``gr.State`` (the
chatbot is only an output), and the ingest reads only files uploaded in the same session
(:mod:`policykb.bot.page.uploads`), behind a password with a lockout (:mod:`policykb.bot.page.guard`); the
upload panel is :mod:`policykb.bot.page.admin_panel`.
时间节点 is the task ledger (:mod:`policykb.bot.page.ledger_tab`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import gradio as gr

from policykb.bot import views
from policykb.bot.dialog import Conversation
from policykb.bot.engine import STORE_DOWN, STORE_DOWN_MESSAGE, KnowledgeBot
from policykb.bot.page import render
from policykb.bot.page.admin_panel import admin_panel
from policykb.bot.page.gate import AdminSessions
from policykb.bot.page.guard import PasswordGuard
from policykb.bot.page.ledger_tab import ledger_tab

TITLE = "policykb · 政府规划文件知识库问答"
MAX_HISTORY = 100  # chat messages kept per session (50 questions and answers); older ones are dropped
PRIVATE: dict[str, Any] = {"api_visibility": "private"}

# After an answer, show its start (not the end of its last source): the answer is what was asked for.
SCROLL_TO_ANSWER = """() => { setTimeout(() => {
  const answers = document.querySelectorAll('#pk-chat .pk-msg');
  if (answers.length) answers[answers.length - 1].scrollIntoView({block: 'start'});
}, 80); }"""

# A clear resets the session's history in a server event, and Gradio runs that event beside the next question's:
# a question asked before the reset has run would be read with the cleared turns and bring them back. So the page
# counts its clears in flight, and a question waits (in the browser, before it is sent) until none is left; a
# clear that never reports back holds the question no longer than CLEAR_WAIT_MS.
CLEAR_WAIT_MS = 30_000
CLEAR_STARTS = """() => { const chat = (window.pkChat ??= {clearing: 0});
  if (chat.clearing++ === 0) chat.cleared = new Promise((resolve) => { chat.done = resolve; }); }"""
CLEAR_ENDS = """() => { const chat = window.pkChat;
  if (chat && chat.clearing > 0 && --chat.clearing === 0) chat.done(); }"""
AFTER_CLEARS = f"""async (...inputs) => {{ const chat = window.pkChat;
  if (chat && chat.clearing > 0)
    await Promise.race([chat.cleared, new Promise((resolve) => setTimeout(resolve, {CLEAR_WAIT_MS}))]);
  return inputs; }}"""


@dataclass
class Dynamic:
    """Components that change with the index, and their values for one visit (in the same order)."""

    outputs: list[Any]
    fill: Callable[[views.PageView], list[Any]]


def build_app(
    bot: KnowledgeBot, guard: PasswordGuard | None = None, sessions: AdminSessions | None = None
) -> gr.Blocks:
    """The chat page for ``bot``. Dynamic parts (documents, units, tables, downloads) load per visit.

    ``guard``: the lock-out the admin password shares with every other password check (the page login's);
    ``sessions``: the admin sessions the upload route asks for (the upload box opens once one is verified).
    """
    downloads = views.Downloads()  # the download files; removed with the app

    # delete_cache: Gradio's copies of downloads and uploads are dropped after a day (and on restart).
    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=(3600, 86400)) as demo:
        gr.Markdown(f"## {TITLE}")
        summary = gr.HTML(elem_id="pk-summary")
        parts = [Dynamic([summary], lambda view: [render.summary_html(view.summary)])]
        with gr.Tab("问答", id="chat"):
            parts.append(chat_tab(bot))
        with gr.Tab("部门职责", id="units"):
            parts.append(units_tab(bot))
        with gr.Tab("目标指标", id="targets"):
            parts.append(targets_tab())
        with gr.Tab("时间节点", id="ledger"):
            parts.append(Dynamic(*ledger_tab(bot)))
        with gr.Tab("文件", id="documents"):
            documents, ingested = documents_tab(bot, demo, guard, sessions)
            parts.append(documents)
        outputs = [c for part in parts for c in part.outputs]

        def visit() -> list[Any]:
            """Everything that depends on the index, read once, in the order of ``outputs``."""
            with store_errors():
                view = views.page_view(bot, downloads)
            return [value for part in parts for value in part.fill(view)]

        demo.load(visit, None, outputs, **PRIVATE)
        if ingested is not None:
            ingested.then(visit, None, outputs, **PRIVATE)
    return demo


@contextmanager
def store_errors() -> Iterator[None]:
    """The store's server out of reach (or stalled past its timeout): a Chinese error, not errno text."""
    try:
        yield
    except STORE_DOWN:
        raise gr.Error(STORE_DOWN_MESSAGE, title="错误", print_exception=False) from None


# -- 问答 ------------------------------------------------------------------------------


def chat_tab(bot: KnowledgeBot) -> Dynamic:
    """The chat: a document filter (several plans only), the messages, the question box and example questions."""
    history = gr.State([])  # the chat as shown, kept on the server per session
    conversation = gr.State(None)  # the turns a follow-up is read with, kept on the server per session
    doc_filter = gr.Dropdown(
        label="限定文件（不选则在全部文件中查找）",
        multiselect=True,
        allow_custom_value=True,
        visible=False,
        elem_id="pk-docs",
    )
    chatbot = gr.Chatbot(
        show_label=False,
        height="50vh",  # the question box and, on a desktop, the example questions show without scrolling
        latex_delimiters=[],
        feedback_options=None,
        buttons=["copy"],
        autoscroll=False,  # the answer's start is scrolled to instead (SCROLL_TO_ANSWER)
        elem_id="pk-chat",
        placeholder="请就已索引的方案提问：目标数值、牵头与配合单位、某单位负责哪些任务……答案均注明原文出处。",
    )
    with gr.Row():
        question = gr.Textbox(
            label="问题",
            show_label=False,
            placeholder="输入问题，按回车提问",
            scale=6,
            max_lines=4,
            elem_id="pk-question",
        )
        ask_button = gr.Button("提问", variant="primary", scale=1, elem_id="pk-ask")
        clear = gr.Button("清空对话", scale=1)
    examples = gr.Dataset(label="示例问题（取自已索引文件）", components=[question], samples=[], elem_id="pk-examples")

    def chat(
        message: str, shown: list[dict[str, Any]], turns: Conversation | None, docs: list[str] | None
    ) -> tuple[str, list[Any], Conversation, list[Any]]:
        """Answer ``message`` in the light of the session's conversation and append both to the chat.

        ``shown`` and ``turns`` are the session's own (``gr.State`` on the server): the client's copy is
        never read. A follow-up (``那配合单位呢？``) is read with the earlier turns; how it was read shows
        under the question.
        """
        shown, turns = list(shown or []), turns or Conversation()
        if not (message or "").strip():
            gr.Warning("请输入问题。", title="提示")
            return message, shown, turns, shown
        try:
            with store_errors():
                answer = bot.ask(message, doc=docs or None, history=turns)
        except KeyError as exc:
            reason = str(exc.args[0]) if exc.args else "没有这个文件。"
            raise gr.Error(reason, title="错误", print_exception=False) from None
        turns.add(message, answer)
        turns.turns = turns.turns[-MAX_HISTORY // 2 :]
        shown.append({"role": "user", "content": render.question_html(message, render.reading_of(answer))})
        index = bot.index()
        html = render.answer_html(answer, index.units.names, views.TableHeaders(index.documents))
        shown.append({"role": "assistant", "content": html})
        shown = shown[-MAX_HISTORY:]
        return "", shown, turns, shown

    submit = dict(
        fn=chat,
        inputs=[question, history, conversation, doc_filter],
        outputs=[question, history, conversation, chatbot],
        js=AFTER_CLEARS,
    )
    question.submit(**submit, api_name="chat").then(None, js=SCROLL_TO_ANSWER)
    ask_button.click(**submit, **PRIVATE).then(None, js=SCROLL_TO_ANSWER)
    examples.click(lambda sample: sample[0], examples, question, **PRIVATE).then(**submit, **PRIVATE).then(
        None, js=SCROLL_TO_ANSWER
    )
    for clicked, reset in (
        (clear.click, (lambda: ([], None, [], ""), None, [history, conversation, chatbot, question])),
        (chatbot.clear, (lambda: ([], None), None, [history, conversation])),  # the chat's own trash button
    ):
        clicked(None, js=CLEAR_STARTS).then(*reset, **PRIVATE).then(None, js=CLEAR_ENDS)
    return Dynamic(
        [doc_filter, examples],
        lambda view: [
            gr.Dropdown(choices=view.documents, value=[], visible=len(view.documents) > 1),
            gr.Dataset(samples=[[q] for q in view.examples]),
        ],
    )


# -- 部门职责 ----------------------------------------------------------------------------


def units_tab(bot: KnowledgeBot) -> Dynamic:
    """A plan first (or every plan: one entry per unit name), then a unit and its tasks (plan by plan)."""
    with gr.Row():
        with gr.Column(scale=3):
            plan = gr.Dropdown(label="选择方案", elem_id="pk-plan")
            unit = gr.Dropdown(label="选择单位（可输入筛选）", elem_id="pk-unit")
            unit_view = gr.HTML(elem_id="pk-unit-view")
        with gr.Column(scale=2):
            chart = gr.HTML(elem_id="pk-chart")
    with gr.Row():
        files = download_buttons("responsibilities")

    def units_of(panel: views.UnitsPanel) -> list[Any]:
        """The unit picker, its (empty) view and the chart for the units of the plan picked."""
        picker = gr.Dropdown(choices=panel.choices(), value=None)
        return [picker, render.unit_html(None, []), render.unit_chart_html(panel)]

    def pick_plan(picked: str | None) -> list[Any]:
        with store_errors():
            index = bot.index()
        return units_of(views.units_panel(index.documents, picked, index.units))

    def pick_unit(key: str | None) -> str:
        with store_errors():
            index = bot.index()
        return render.unit_html(views.unit_tasks(index.documents, key, index.units), index.units.names)

    plan.input(pick_plan, plan, [unit, unit_view, chart], **PRIVATE)
    unit.change(pick_unit, unit, unit_view, **PRIVATE)
    return Dynamic(
        [plan, unit, unit_view, chart, *files],
        lambda view: [
            gr.Dropdown(choices=view.plans, value=view.plan),
            *units_of(view.units),
            *downloads_of(view, "responsibilities"),
        ],
    )


def download_buttons(kind: str) -> list[Any]:
    """A download button per format of the ``kind`` export."""
    return [gr.DownloadButton(label, size="sm") for of, _, label in views.DOWNLOADS if of == kind]


def downloads_of(view: views.PageView, kind: str) -> list[str]:
    """The visit's files of the ``kind`` export, in the order of :func:`download_buttons`."""
    return [path for (of, _, _), path in zip(views.DOWNLOADS, view.downloads) if of == kind]


# -- 目标指标 ----------------------------------------------------------------------------


def targets_tab() -> Dynamic:
    """The targets table (sortable, searchable) and its downloads."""
    table = gr.Dataframe(
        headers=views.TARGET_HEADERS,
        datatype=views.TARGET_TYPES,
        interactive=False,
        show_search="search",
        wrap=True,
        max_height=640,
        elem_id="pk-targets",
        label="目标指标（点击表头排序，右上角搜索）",
        column_widths=["15%", "7%", "7%", "8%", "6%", "17%", "15%", "17%", "8%"],
    )
    with gr.Row():
        files = download_buttons("targets")
    return Dynamic(
        [table, *files],
        lambda view: [gr.Dataframe(value=view.targets, headers=views.TARGET_HEADERS), *downloads_of(view, "targets")],
    )


# -- 文件 ------------------------------------------------------------------------------


def documents_tab(
    bot: KnowledgeBot, demo: gr.Blocks, guard: PasswordGuard | None, sessions: AdminSessions | None
) -> tuple[Dynamic, Any]:
    """The documents table and the model; the upload panel (admin only). Also returns the ingest event."""
    model_info = gr.HTML(elem_id="pk-model")
    review = gr.HTML(elem_id="pk-review")
    table = gr.Dataframe(
        headers=views.DOC_HEADERS, interactive=False, wrap=True, label="已索引的文件", elem_id="pk-documents"
    )
    ingested = admin_panel(bot, demo, guard, sessions)
    return Dynamic(
        [model_info, review, table],
        lambda view: [
            render.summary_html(view.summary),
            render.review_html(view.review),
            gr.Dataframe(value=view.table, headers=views.DOC_HEADERS),
        ],
    ), ingested
