"""The 时间节点 tab: the task ledger in date order, with filters, overdue rows marked, counts per unit, downloads.

Filters: plan, unit, role (牵头/配合/全部), window (已逾期/本月/本季度/本年/长期) and the day it is read on (截至,
``settings.today`` or the clock's day by default). Rows are cards that wrap on a phone (390 px) and sit in a
grid on a wide screen; the downloads (xlsx, csv, ics) are the filtered ledger.
"""

from __future__ import annotations

import html
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr

from policykb.bot.engine import KnowledgeBot
from policykb.bot.ledgerview import (
    JOIN,
    LEDGER_FORMATS,
    NAMED_WINDOWS,
    LedgerQuery,
    LedgerView,
    due_label,
    ledger_file,
    ledger_view,
)

__all__ = ["LEDGER_CSS", "ledger_tab", "ledger_html", "counts_html"]

PRIVATE: dict[str, Any] = {"api_visibility": "private"}
ALL = "全部"
ROLE_CHOICES = [("全部", "any"), ("牵头", "lead"), ("配合", "co")]
LEDGER_CSS = """
.pk-ledger-list { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 26em), 1fr)); gap: .4em; }
.pk-ledger-row {
    min-width: 0; overflow-wrap: anywhere; border: 1px solid #d1d5db; border-radius: 6px; padding: .4em .6em;
    background: #f9fafb; color: #111827; font-size: .9em; line-height: 1.55;
}
.pk-ledger-row.pk-overdue { border-left: 4px solid #b91c1c; background: #fef2f2; }
.pk-ledger-due { font-weight: 600; }
.pk-overdue-mark { color: #b91c1c; font-weight: 600; margin-left: .4em; }
.pk-ledger-plan { color: #4b5563; font-size: .85em; }
.pk-ledger-summary { margin: .3em 0; }
.pk-ledger-counts table { width: 100%; border-collapse: collapse; font-size: .9em; }
.pk-ledger-counts th, .pk-ledger-counts td { border-bottom: 1px solid #e5e7eb; padding: .2em .4em; text-align: left; }
"""


def ledger_html(view: LedgerView) -> str:
    """The rows as cards, overdue ones marked; a summary line first."""
    late = sum(r.overdue(view.as_of) for r in view.rows)
    summary = f"截至 {view.as_of:%Y-%m-%d}：共 {len(view.rows)} 项时间节点，其中已逾期 {late} 项。"
    if not view.rows:
        return f'<div class="pk-ledger-summary">{summary}没有符合条件的任务。</div>'
    cards = [_card(row, row.overdue(view.as_of)) for row in view.rows]
    return f'<div class="pk-ledger-summary">{summary}</div><div class="pk-ledger-list">{"".join(cards)}</div>'


def _card(row: Any, overdue: bool) -> str:
    e = html.escape
    mark = '<span class="pk-overdue-mark">已逾期</span>' if overdue else ""
    due = due_label(row) or "未写明"
    lines = [
        f'<div class="pk-ledger-due">{e(due)}{mark}</div>',
        f'<div class="pk-ledger-task">{e(row.task)}</div>',
        f'<div class="pk-ledger-plan">《{e(row.plan)}》{e(row.section)}</div>',
        f"<div>完成时限（原文）：{e(row.milestone) if row.status != 'none' else '未写明'}</div>",
        f"<div>牵头单位：{e(JOIN.join(row.lead) or '—')}</div>",
        f"<div>配合单位：{e(JOIN.join(row.co) or '—')}</div>",
    ]
    return f'<div class="pk-ledger-row{" pk-overdue" if overdue else ""}">{"".join(lines)}</div>'


def counts_html(view: LedgerView) -> str:
    """Tasks per unit in the rows shown: led, co-operated on, overdue."""
    if not view.counts:
        return ""
    rows = "".join(
        f"<tr><td>{html.escape(unit)}</td><td>{lead}</td><td>{co}</td><td>{late}</td></tr>"
        for unit, lead, co, late in view.counts
    )
    head = "<tr><th>单位</th><th>牵头</th><th>配合</th><th>已逾期</th></tr>"
    return f'<div class="pk-ledger-counts"><table>{head}{rows}</table></div>'


class LedgerFiles:
    """The filtered ledger's download files, in a folder removed when this object goes."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="policykb-ledger-")

    def write(self, view: LedgerView) -> list[str]:
        paths = []
        for fmt in LEDGER_FORMATS:
            path = Path(self._folder.name) / uuid.uuid4().hex / f"工作台账.{fmt}"
            path.parent.mkdir()
            path.write_bytes(ledger_file(view.rows, fmt, view.as_of))
            paths.append(str(path))
        return paths


def ledger_tab(bot: KnowledgeBot) -> tuple[list[Any], Callable[[Any], list[Any]]]:
    """The tab's components, and the components that change with the index with their values for one visit."""
    files = LedgerFiles()
    with gr.Row(equal_height=False):
        plan = gr.Dropdown(label="方案", elem_id="pk-ledger-plan", min_width=160)
        unit = gr.Dropdown(label="单位（可输入筛选）", allow_custom_value=True, elem_id="pk-ledger-unit", min_width=160)
        as_of = gr.Textbox(label="截至日期（YYYY-MM-DD）", elem_id="pk-ledger-asof", min_width=160)
    with gr.Row(equal_height=False):
        role = gr.Radio(ROLE_CHOICES, value="any", label="角色", elem_id="pk-ledger-role")
        window = gr.Radio([ALL, *NAMED_WINDOWS], value=ALL, label="时间范围", elem_id="pk-ledger-window")
    rows = gr.HTML(elem_id="pk-ledger")
    counts = gr.HTML(elem_id="pk-ledger-counts")
    with gr.Row():
        buttons = [gr.DownloadButton(f"工作台账 ({fmt})", size="sm") for fmt in LEDGER_FORMATS]

    def show(picked: str | None, who: str | None, how: str, when: str, day: str) -> list[Any]:
        who = "" if who in (None, ALL) else who
        query = LedgerQuery(picked or "", who, how or "any", "" if when == ALL else when, as_of=(day or "").strip())
        try:
            view = ledger_view(bot.index(), query, bot.settings.today_date)
        except (KeyError, ValueError) as exc:
            message = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
            return [f'<div class="pk-notfound">{html.escape(message)}</div>', "", *[None] * len(buttons)]
        return [ledger_html(view), counts_html(view), *files.write(view)]

    filters = [plan, unit, role, window, as_of]
    for control in (plan, unit, role, window):
        control.change(show, filters, [rows, counts, *buttons], **PRIVATE)
    as_of.submit(show, filters, [rows, counts, *buttons], **PRIVATE)

    def fill(view: Any) -> list[Any]:  # the page's view of this visit; the tab reads the index itself
        index = bot.index()
        plans = [(ALL, "")] + [(d.title, d.doc_id) for d in index.documents.values()]
        day = f"{bot.settings.today_date:%Y-%m-%d}"
        return [
            gr.Dropdown(choices=plans, value=""),
            gr.Dropdown(choices=[ALL, *index.units.names], value=None),
            day,
            *show("", "", "any", ALL, day),
        ]

    return [plan, unit, as_of, rows, counts, *buttons], fill
