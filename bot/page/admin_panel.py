"""The 文件 tab's admin panel: upload files and re-index, behind the admin password.

Uploading needs an admin session first (:mod:`policykb.bot.page.gate`); the ingest reads only the files uploaded
in the same session (:mod:`policykb.bot.page.uploads`) and checks the password again, with the lockout of
:mod:`policykb.bot.page.guard`. A file counts as the session's upload when the page's upload event recorded it,
or when the gate recorded it for the admin session's cookie as Gradio stored it: the 导入 click may reach the
server before the upload event (two requests, which the browser does not always send in order).
"""

from __future__ import annotations

from typing import Any

import gradio as gr

from policykb.bot import views
from policykb.bot.engine import KnowledgeBot
from policykb.bot.page import render
from policykb.bot.page.gate import ADMIN_COOKIE, AdminSessions
from policykb.bot.page.guard import PasswordGuard
from policykb.bot.page.uploads import discard, remember, remove_later, session_files

__all__ = ["OPEN_ADMIN_SESSION", "admin_panel", "client_of", "password_refusal"]

# The 验证密码 button: opens an admin session (an HttpOnly cookie the upload route asks for); says the outcome.
OPEN_ADMIN_SESSION = """async (password) => {
  const said = (text, ok) => `<div class="${ok ? 'pk-ok' : 'pk-error'}">${
    String(text).replace(/[&<>"]/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'})[c])}</div>`;
  try {
    const reply = await fetch('admin/session', {method: 'POST', body: new URLSearchParams({password: password || ''}),
                                                credentials: 'same-origin'});
    const data = await reply.json();
    return said(data.detail || '验证失败，请重试。', reply.ok);
  } catch (error) {
    return said('无法连接服务器，请重试。', false);
  }
}"""


def client_of(request: gr.Request | None) -> str:
    """The address a page event came from (the key of the password lockout)."""
    client = getattr(request, "client", None) if request is not None else None
    return getattr(client, "host", None) or "unknown"


def admin_token(request: gr.Request | None) -> str | None:
    """The admin session cookie a page event carries, if any."""
    cookies = getattr(request, "cookies", None) if request is not None else None
    return (cookies or {}).get(ADMIN_COOKIE)


def password_refusal(guard: PasswordGuard, password: str | None, request: gr.Request | None) -> str | None:
    """Why the admin password is refused (wrong, or the client must wait), else ``None``."""
    verdict = guard.check(client_of(request), password)
    if verdict.ok:
        return None
    return ("管理员密码不正确，未导入任何文件。" if verdict.wrong else "未导入任何文件。") + verdict.wait


def admin_panel(
    bot: KnowledgeBot, demo: gr.Blocks, shared: PasswordGuard | None = None, sessions: AdminSessions | None = None
) -> Any:
    """Upload and re-index, only when an admin password is set; returns the ingest event (or ``None``).

    Uploading needs an admin session first (the 验证密码 button: ``POST /admin/session`` sets its cookie,
    see :mod:`policykb.bot.page.gate`); the ingest checks the password again. Both count wrong passwords
    in ``shared``, the lock-out of every password check.
    """
    if not bot.settings.admin_password:
        gr.HTML(
            '<div class="pk-hint">上传与重新索引已关闭。管理员在设置中配置 admin_password'
            "（环境变量 POLICYKB_ADMIN_PASSWORD）后，可在此上传文件并重新索引。</div>"
        )
        return None
    password_of = bot.settings.admin_password
    guard = shared.sharing(password_of) if shared is not None else PasswordGuard(password_of)
    with gr.Column(variant="panel"):
        gr.Markdown("### 上传文件并重新索引（管理员）")
        with gr.Row():
            password = gr.Textbox(label="管理员密码", type="password", elem_id="pk-password", scale=4)
            verify = gr.Button("验证密码", scale=1, elem_id="pk-verify")
        verified = gr.HTML(elem_id="pk-verified")
        files = gr.File(
            label=f"文件（先验证密码；{' '.join(views.SUPPORTED)}；每个不超过 {bot.settings.upload_max_mb} MB）",
            file_count="multiple",
            file_types=list(views.SUPPORTED),
            height=140,
            elem_id="pk-upload",
            interactive=sessions is None,  # opened by a verified admin session
        )
        replace = gr.Checkbox(
            label="替换副本：新文件与已收录方案标题相同、且文号相同或正文几乎一致时，用新文件替换旧文件",
            value=False,
            elem_id="pk-replace",
        )
        rebuild = gr.Checkbox(label="用当前向量模型重建整个索引", value=False)
        button = gr.Button("导入并重新索引", variant="primary", elem_id="pk-ingest")
        status = gr.HTML(elem_id="pk-ingest-status")
        uploaded = gr.State([])  # the files uploaded in this session: the only ones an ingest reads

    def upload(
        password: str,
        paths: list[str] | None,
        uploaded: list[str] | None,
        rebuild: bool,
        replace: bool,
        request: gr.Request,
        progress: gr.Progress = gr.Progress(),
    ) -> str:
        """Ingest the files uploaded in this session (admin only); bad files are reported, never raised."""
        refusal = password_refusal(guard, password, request)
        if refusal is not None:
            return render.status_html(refusal, ok=False)
        known = [*(uploaded or []), *stored_for(request)]
        files, refused = session_files(paths, known, demo.GRADIO_CACHE, bot.settings.upload_max_mb)
        if refused:
            return render.status_html("\n".join(refused), ok=False)
        if not files and not rebuild:
            return render.status_html("请先选择要上传的文件。", ok=False)
        try:
            report = bot.ingest(
                files, rebuild=rebuild, progress=lambda f, m: progress(f, desc=m), uploaded=True, replace=replace
            )
        except views.INGEST_ERRORS as exc:
            discard(files)
            return render.status_html(f"导入失败：{exc}", ok=False)
        # The index holds what was read: the upload leaves the server, but for a copy its user may still
        # choose to put in place of the indexed plan (替换副本); the timer set at upload removes that one.
        copies = {file.name for file in report.files if file.outcome == "copy"}
        discard([path for path in files if path.name not in copies])
        view = views.ingest_view(report)
        if view.failed:
            gr.Warning("有文件未能导入，详见下方导入报告。", title="导入失败")
        elif view.to_check:
            gr.Warning("有文件需要核对，详见下方导入报告。", title="请核对")
        return render.ingest_html(view)

    # One queue for both events, one admin action at a time. Not an order: a click may arrive before the upload
    # event, so the ingest also accepts what the gate recorded for the admin session (see the module's docstring).
    admin = dict(api_visibility="private", concurrency_limit=1, concurrency_id="pk-admin")

    def unlock(request: gr.Request) -> Any:
        """The upload box, open when this browser holds a valid admin session."""
        return gr.File(interactive=sessions is None or sessions.valid(admin_token(request)))

    def stored_for(request: gr.Request) -> set[str]:
        """The files Gradio stored for this browser's admin session (the gate records them as they are stored)."""
        return set() if sessions is None else sessions.uploads(admin_token(request))

    verify.click(None, [password], [verified], js=OPEN_ADMIN_SESSION, api_visibility="private").then(
        unlock, None, files, api_visibility="private"
    )

    def record(paths: list[str] | None, known: list[str] | None) -> list[str]:
        """The session's uploads with the new ones, each removed from the server if no ingest reads it in time."""
        now = remember(paths, known, demo.GRADIO_CACHE)
        remove_later([path for path in now if path not in (known or [])])
        return now

    files.upload(record, [files, uploaded], uploaded, **admin)
    return button.click(upload, [password, files, uploaded, rebuild, replace], status, **admin)
