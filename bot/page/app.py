"""The chat page: a Gradio Blocks app in Chinese, built by :func:`build_app` for one bot.

Tabs: 问答 (chat with cited source cards), 部门职责 (a unit's tasks and the task-count
chart), 目标指标 (the targets table), 文件 (indexed documents; upload and re-index
only when ``settings.admin_password`` is set). The callbacks only call the engine and
the renderers in :mod:`policykb.bot.page.render`; nothing is built at import time.

Nothing a client sends is taken as a file path: the conversation is a per-session ``gr.State`` (the
chatbot is only an output), and the ingest reads only files uploaded in the same session
(:mod:`policykb.bot.page.uploads`), behind a password with a lockout (:mod:`policykb.bot.page.guard`).
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

import gradio as gr

from policykb.bot.conversation import Conversation
from policykb.bot.engine import KnowledgeBot
from policykb.bot.examples import example_questions
from policykb.bot.page import render
from policykb.bot.page.guard import PasswordGuard
from policykb.bot.page.uploads import remember, session_files
from policykb.ingest.errors import DocumentError
from policykb.ingest.pipeline import IngestReport
from policykb.ingest.reader import SUPPORTED
from policykb.kb.embedding import EmbeddingModelError
from policykb.kb.export import DOCUMENT_COLUMNS, document_rows, export, unit_counts
from policykb.kb.index import KnowledgeIndex
from policykb.kb.lock import IngestBusyError
from policykb.kb.store import IndexMismatchError, IndexMissingError

TITLE = "policykb · 政府规划文件知识库问答"
TARGET_HEADERS = ["指标", "比较", "数值", "单位", "年份", "章节", "责任单位", "原文", "文件"]
TARGET_TYPES = ["str", "str", "number", "str", "str", "str", "str", "str", "str"]
DOC_HEADERS = ["文件编号", "标题", "地区", "发文机关", "文号", "成文日期", "片段数", "任务数", "指标数", "说明", "导入时间"]
DOWNLOADS = [
    ("responsibilities", "xlsx", "职责分工表 (xlsx)"),
    ("responsibilities", "csv", "职责分工表 (csv)"),
    ("targets", "xlsx", "目标指标表 (xlsx)"),
    ("targets", "csv", "目标指标表 (csv)"),
]
EXPORT_NAMES = {"responsibilities": "职责分工", "targets": "目标指标"}
MAX_HISTORY = 100  # chat messages kept per session (50 questions and answers); older ones are dropped
INGEST_ERRORS = (DocumentError, IngestBusyError, EmbeddingModelError, IndexMismatchError, IndexMissingError, ValueError)


def number(value: str) -> int | float | str:
    """A target's value as a number, so that the table sorts it numerically."""
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return value


def target_table(index: KnowledgeIndex) -> list[list[Any]]:
    return [
        [
            t.indicator,
            t.comparator,
            number(t.value),
            t.unit,
            t.year,
            t.section,
            "、".join(t.owners),
            t.clause,
            index.documents[t.doc_id].title,
        ]
        for t in index.targets
    ]


def document_table(index: KnowledgeIndex) -> list[list[Any]]:
    return [[row[c] for c in DOCUMENT_COLUMNS] for row in document_rows(index.documents.values())]


def index_summary(index: KnowledgeIndex) -> str:
    m = index.manifest
    return (
        f'<div class="pk-hint">已索引 {len(index.documents)} 个文件，'
        f"{sum(len(d.chunks) for d in index.documents.values())} 个片段；"
        f"向量模型 <code>{escape(m.backend)}:{escape(m.model)}</code>（{m.dim} 维），索引版本 {m.generation}。</div>"
    )


def export_files(index: KnowledgeIndex, folder: Path) -> list[str]:
    """The four download files of the current generation, written once per generation."""
    paths = []
    for kind, fmt, _ in DOWNLOADS:
        path = folder / f"policykb-{EXPORT_NAMES[kind]}-v{index.manifest.generation}.{fmt}"
        if not path.exists():
            partial = path.with_suffix(f".{uuid.uuid4().hex}.part")
            partial.write_bytes(export(kind, fmt, list(index.documents.values())))
            partial.replace(path)
        paths.append(str(path))
    return paths


def ingest_status(report: IngestReport) -> str:
    """What an ingest did, in Chinese: what was indexed (green) and each file that failed and why (red)."""
    done = [
        f"{label}：{'、'.join(ids)}"
        for label, ids in (("新增", report.added), ("更新", report.replaced), ("未变化", report.unchanged))
        if ids
    ]
    failed = [
        reason if Path(path).name in reason else f"{Path(path).name}：{reason}"
        for path, reason in report.failed.items()
    ]
    html = ""
    if done:
        html += render.status_html(
            "；".join(done) + f"。索引版本 {report.generation}，共 {report.chunks} 个片段。", ok=True
        )
    if failed:
        html += render.status_html("\n".join(f"导入失败：{reason}" for reason in failed), ok=False)
    return html or render.status_html("没有导入任何文件。", ok=False)


# After an answer, show its start (not the end of its last source): the answer is what was asked for.
SCROLL_TO_ANSWER = """() => { setTimeout(() => {
  const answers = document.querySelectorAll('#pk-chat .pk-msg');
  if (answers.length) answers[answers.length - 1].scrollIntoView({block: 'start'});
}, 80); }"""


def client_of(request: gr.Request | None) -> str:
    """The address a page event came from (the key of the password lockout)."""
    client = getattr(request, "client", None) if request is not None else None
    return getattr(client, "host", None) or "unknown"


def password_refusal(guard: PasswordGuard, password: str | None, request: gr.Request | None) -> str | None:
    """Why the admin password is refused (wrong, or the client must wait), else ``None``."""
    verdict = guard.check(client_of(request), password)
    if verdict.ok:
        return None
    return ("管理员密码不正确，未导入任何文件。" if verdict.wrong else "未导入任何文件。") + verdict.wait


def build_app(bot: KnowledgeBot) -> gr.Blocks:
    """The chat page for ``bot``. Dynamic parts (documents, units, tables, downloads) load per visit."""
    # The download files; the folder lives as long as ``view`` (so the app) does, then is removed.
    exports = tempfile.TemporaryDirectory(prefix="policykb-export-")

    def view() -> list[Any]:
        """Everything that depends on the index, in the order of ``dynamic`` below."""
        index = bot.index()
        docs = list(index.documents.values())
        counts = unit_counts(docs)
        unit_choices = [(f"{u}（牵头 {lead} · 配合 {co}）", u) for u, lead, co in counts]
        doc_choices = [(d.title, d.doc_id) for d in docs]
        about = index_summary(index)
        return [
            about,
            about,
            gr.Dropdown(choices=doc_choices, value=[], visible=len(docs) > 1),
            gr.Dataset(samples=[[q] for q in example_questions(docs)]),
            gr.Dropdown(choices=unit_choices, value=None),
            render.unit_html(None, docs, []),
            render.unit_chart_html(counts),
            gr.Dataframe(value=target_table(index), headers=TARGET_HEADERS),
            gr.Dataframe(value=document_table(index), headers=DOC_HEADERS),
            *export_files(index, Path(exports.name)),
        ]

    def chat(
        message: str, history: list[dict[str, Any]], conversation: Conversation | None, docs: list[str] | None
    ) -> tuple[str, list[Any], Conversation, list[Any]]:
        """Answer ``message`` in the light of the session's conversation and append both to the chat.

        ``history`` and ``conversation`` are the session's own (``gr.State`` on the server): the client's
        copy is never read. A follow-up (``那配合单位呢？``) is read with the earlier turns; how it was
        read shows under the question.
        """
        history = list(history or [])
        conversation = conversation or Conversation()
        if not (message or "").strip():
            gr.Warning("请输入问题。", title="提示")
            return message, history, conversation, history
        try:
            answer = bot.ask(message, doc=docs or None, history=conversation)
        except KeyError as exc:
            raise gr.Error(
                str(exc.args[0]) if exc.args else "没有这个文件。", title="错误", print_exception=False
            ) from None
        conversation.add(message, answer)
        conversation.turns = conversation.turns[-MAX_HISTORY // 2 :]
        names = bot.index().units.names
        history.append({"role": "user", "content": render.question_html(message, render.reading_of(answer))})
        history.append({"role": "assistant", "content": render.answer_html(answer, names)})
        history = history[-MAX_HISTORY:]
        return "", history, conversation, history

    def show_unit(unit: str | None) -> str:
        index = bot.index()
        return render.unit_html(unit, list(index.documents.values()), index.units.names)

    guard = PasswordGuard(bot.settings.admin_password)

    def upload(
        password: str,
        paths: list[str] | None,
        uploaded: list[str] | None,
        rebuild: bool,
        request: gr.Request,
        progress: gr.Progress = gr.Progress(),
    ) -> str:
        """Ingest the files uploaded in this session (admin only); bad files are reported, never raised."""
        refusal = password_refusal(guard, password, request)
        if refusal is not None:
            return render.status_html(refusal, ok=False)
        files, refused = session_files(paths, uploaded, demo.GRADIO_CACHE, bot.settings.upload_max_mb)
        if refused:
            return render.status_html("\n".join(refused), ok=False)
        if not files and not rebuild:
            return render.status_html("请先选择要上传的文件。", ok=False)
        try:
            report = bot.ingest(files, rebuild=rebuild, progress=lambda f, m: progress(f, desc=m), uploaded=True)
        except INGEST_ERRORS as exc:
            return render.status_html(f"导入失败：{exc}", ok=False)
        if report.failed:
            gr.Warning("有文件未能导入，详见下方说明。", title="导入失败")
        return ingest_status(report)

    def record_upload(paths: list[str] | None, uploaded: list[str] | None) -> list[str]:
        return remember(paths, uploaded, demo.GRADIO_CACHE)

    # delete_cache: Gradio's copies of downloads and uploads are dropped after a day (and on restart).
    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=(3600, 86400)) as demo:
        gr.Markdown(f"## {TITLE}")
        history = gr.State([])  # the chat as shown, kept on the server per session
        conversation = gr.State(None)  # the turns a follow-up is read with, kept on the server per session
        summary = gr.HTML(elem_id="pk-summary")
        with gr.Tab("问答", id="chat"):
            doc_filter = gr.Dropdown(
                label="限定文件（不选则在全部文件中查找）",
                multiselect=True,
                allow_custom_value=True,
                visible=False,
                elem_id="pk-docs",
            )
            chatbot = gr.Chatbot(
                show_label=False,
                height=600,
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
            examples = gr.Dataset(
                label="示例问题（取自已索引文件）", components=[question], samples=[], elem_id="pk-examples"
            )
        with gr.Tab("部门职责", id="units"):
            with gr.Row():
                with gr.Column(scale=3):
                    unit = gr.Dropdown(label="选择单位（可输入筛选）", elem_id="pk-unit")
                    unit_view = gr.HTML(elem_id="pk-unit-view")
                with gr.Column(scale=2):
                    chart = gr.HTML(elem_id="pk-chart")
            with gr.Row():
                downloads = [
                    gr.DownloadButton(label, size="sm") for kind, _, label in DOWNLOADS if kind == "responsibilities"
                ]
        with gr.Tab("目标指标", id="targets"):
            targets = gr.Dataframe(
                headers=TARGET_HEADERS,
                datatype=TARGET_TYPES,
                interactive=False,
                show_search="search",
                wrap=True,
                max_height=640,
                elem_id="pk-targets",
                label="目标指标（点击表头排序，右上角搜索）",
                column_widths=["15%", "7%", "7%", "8%", "6%", "17%", "15%", "17%", "8%"],
            )
            with gr.Row():
                downloads += [gr.DownloadButton(label, size="sm") for kind, _, label in DOWNLOADS if kind == "targets"]
        with gr.Tab("文件", id="documents"):
            model_info = gr.HTML(elem_id="pk-model")
            documents = gr.Dataframe(
                headers=DOC_HEADERS, interactive=False, wrap=True, label="已索引的文件", elem_id="pk-documents"
            )
            refresh_after_upload = admin_panel(bot, upload, record_upload)

        dynamic = [summary, model_info, doc_filter, examples, unit, unit_view, chart, targets, documents, *downloads]
        demo.load(view, None, dynamic, api_visibility="private")
        submit = dict(
            fn=chat,
            inputs=[question, history, conversation, doc_filter],
            outputs=[question, history, conversation, chatbot],
            api_name="chat",
        )
        question.submit(**submit).then(None, js=SCROLL_TO_ANSWER)
        ask_button.click(**{**submit, "api_visibility": "private"}).then(None, js=SCROLL_TO_ANSWER)
        examples.click(lambda sample: sample[0], examples, question, api_visibility="private").then(
            **{**submit, "api_visibility": "private"}
        ).then(None, js=SCROLL_TO_ANSWER)
        clear.click(
            lambda: ([], None, [], ""), None, [history, conversation, chatbot, question], api_visibility="private"
        )
        chatbot.clear(lambda: ([], None), None, [history, conversation], api_visibility="private")  # its trash button
        unit.change(show_unit, unit, unit_view, api_visibility="private")
        if refresh_after_upload is not None:
            refresh_after_upload.then(view, None, dynamic, api_visibility="private")
    return demo


def admin_panel(bot: KnowledgeBot, upload: Callable[..., str], remember: Callable[..., list[str]]) -> Any:
    """Upload and re-index, only when an admin password is set; returns the ingest event (or ``None``).

    ``remember`` records the files uploaded in the session (its ``gr.State``); ``upload`` ingests only those.
    """
    if not bot.settings.admin_password:
        gr.HTML(
            '<div class="pk-hint">上传与重新索引已关闭。管理员在设置中配置 admin_password'
            "（环境变量 POLICYKB_ADMIN_PASSWORD）后，可在此上传文件并重新索引。</div>"
        )
        return None
    with gr.Column(variant="panel"):
        gr.Markdown("### 上传文件并重新索引（管理员）")
        password = gr.Textbox(label="管理员密码", type="password", elem_id="pk-password")
        files = gr.File(
            label=f"文件（{' '.join(SUPPORTED)}；每个不超过 {bot.settings.upload_max_mb} MB）",
            file_count="multiple",
            file_types=list(SUPPORTED),
            height=140,
            elem_id="pk-upload",
        )
        rebuild = gr.Checkbox(label="用当前向量模型重建整个索引", value=False)
        button = gr.Button("导入并重新索引", variant="primary", elem_id="pk-ingest")
        status = gr.HTML(elem_id="pk-ingest-status")
        uploaded = gr.State([])
    # One queue for both events, in order: a file's upload is recorded before a later click can ingest it.
    admin = dict(api_visibility="private", concurrency_limit=1, concurrency_id="pk-admin")
    files.upload(remember, [files, uploaded], uploaded, **admin)
    return button.click(upload, [password, files, uploaded, rebuild], status, **admin)
