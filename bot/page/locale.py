"""Gradio's own strings in Chinese, whatever language the visitor's browser is set to.

Gradio translates its buttons, upload hints and toasts by the browser's language, and writes a few
strings in English only (the progress line ``processing | 0.9/3.0s``, the search box's ``Search...``,
``File(s) exceed the maximum allowed size…``, ``Invalid file type…``). The page is for Chinese officials
whose browsers are not always set to Chinese: :class:`ChinesePage` puts a small script at the top of the
page's HTML that tells Gradio the browser's language is ``zh-CN`` before Gradio starts, and rewrites the
English-only strings as they appear. Nothing is fetched; the script is inline.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["ENGLISH_ONLY", "ChinesePage", "locale_script"]

LOCALE = "zh-CN"
# Gradio's English-only strings (a regular expression each, over a text, a placeholder, a title or an
# aria-label) and their Chinese.
ENGLISH_ONLY: list[tuple[str, str]] = [
    (r"^processing \|", "处理中 |"),
    (r"^queue: ", "排队："),
    (r"File\(s\) exceed the maximum allowed size of ([^:]+):", "文件超过大小上限 $1："),
    (r"Invalid file types?: (.*)\. Only (.*) allowed\.", "不支持的文件类型：$1。只接受 $2。"),
    (
        r"Invalid file type\. Please upload a file that is one of these formats: ",
        "不支持的文件类型，请上传以下格式之一：",
    ),
    (r"^Search\.\.\.$", "搜索…"),
    (r"^Empty value$", "暂无内容"),  # an empty file box (the upload area before an admin session)
    (r"^No value$", "暂无内容"),
    (r"^Filter\.\.\.$", "筛选…"),
    (r"^Connection errored out\.?", "连接中断。"),
    (r"^Enter text to search the table$", "输入文字搜索表格"),
    (r"^Table actions$", "表格操作"),
    (r"^Copy table data$", "复制表格数据"),
    (r"^Copy message$", "复制回答"),
    (r"^Copied message$", "已复制"),
    (r"^Exit fullscreen$", "退出全屏"),
    (r"^Fullscreen$", "全屏"),
    (r"^Open cell menu$", "打开列菜单"),
    (r"^Click to upload or drop files$", "点击上传或拖入文件"),
    (r"^chatbot conversation$", "对话"),
    (r"^Gradio footer navigation$", "页脚导航"),
    (r"^Scroll down$", "向下滚动"),
    (r"^File upload$", "上传文件"),
    (r"^Close popup$", "关闭"),
    (r"^Download$", "下载"),
    (r"^Select All$", "全选"),
    (r"^Clear$", "清除"),
    (r"^Connection Lost$", "连接已断开"),
    # a toast's title: Gradio shows its level, not the title the page gives (in lower case under a capitalising
    # style, in some toasts)
    (r"^\s*[Ww]arning\s*$", "提醒"),
    (r"^\s*[Ee]rror\s*$", "错误"),
    (r"^\s*[Ii]nfo\s*$", "提示"),
    (r"^common\.complete$", "已完成"),  # a translation key Gradio has no text for, announced after each event
    (r"^user's message: ", "提问："),
    (r"^bot's message: ", "回答："),
]
ATTRIBUTES = ["placeholder", "title", "aria-label"]

_SCRIPT = """(() => {
  const langs = [LOCALE, "zh"];
  for (const [name, value] of [["language", langs[0]], ["languages", langs]]) {
    try { Object.defineProperty(Navigator.prototype, name, {get: () => value, configurable: true}); } catch (e) {}
  }
  const rules = RULES.map(([pattern, chinese]) => [new RegExp(pattern), chinese]);
  const chinese = (text) => rules.reduce((t, [re, zh]) => t.replace(re, zh), text);
  const fix = (node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = chinese(node.data);
      if (text !== node.data) node.data = text;
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    for (const name of ATTRIBUTES) {
      const value = node.getAttribute(name);
      if (value) {
        const text = chinese(value);
        if (text !== value) node.setAttribute(name, text);
      }
    }
    for (const child of node.childNodes) fix(child);
  };
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === "childList") change.addedNodes.forEach(fix);
      else fix(change.target);
    }
  }).observe(document.documentElement, {
    childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES,
  });
})();"""


def locale_script() -> str:
    """The inline script: the browser's language set to Chinese for Gradio, and the English-only strings rewritten."""
    body = _SCRIPT.replace("LOCALE", json.dumps(LOCALE)).replace("RULES", json.dumps(ENGLISH_ONLY))
    body = body.replace("ATTRIBUTES", json.dumps(ATTRIBUTES))
    return f"<script>{body}</script>"


class ChinesePage:
    """ASGI middleware: the page's HTML (``GET /``) gets :func:`locale_script` first thing in its ``<head>``."""

    def __init__(self, app: ASGIApp, path: str = "/") -> None:
        self.app = app
        self.path = path
        self.tag = locale_script().encode("utf-8")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return
        plain = [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]  # an uncompressed page
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def rewrite(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            headers = MutableHeaders(raw=start["headers"])
            if "text/html" in headers.get("content-type", "") and b"<head>" in body:
                body = body.replace(b"<head>", b"<head>" + self.tag, 1)
                headers["content-length"] = str(len(body))
            await send(start)
            await send({"type": "http.response.body", "body": body})

        await self.app({**scope, "headers": plain}, receive, rewrite)
