"""HTML for the chat page: answers, source cards, a unit's tasks, the task-count chart.

Pure functions, no gradio. Every piece of text that comes from a document or a
question is escaped with :func:`html.escape` *before* ``<mark>`` highlights are
added, so a document or a question can never inject markup into the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from html import escape

from policykb.bot.answer import Answer, Source
from policykb.bot.views import (
    MARKED_UNITS,
    REFUSAL_MARK,
    FileReport,
    IngestView,
    Summary,
    Task,
    UnitNames,
    UnitsPanel,
    UnitTasks,
    UnitView,
    alternation,
    parse_row,
    shown_sources,
)

NOT_FOUND = REFUSAL_MARK
# A number with an optional measure: 15%, 12077.9吨, 300克标准煤/千瓦时, 2025年. Not the 2.5 of "PM2.5".
NUMBER = re.compile(
    r"(?<![A-Za-z0-9.])\d+(?:\.\d+)?"
    rf"(?:{alternation(MARKED_UNITS)})?"
)


def _text(value: str) -> str:
    """Escaped text with its line breaks kept."""
    return escape(value).replace("\n", "<br>")


def highlight(text: str, units: Iterable[str] = (), own: str = "") -> str:
    """``text`` escaped, with numbers and unit names wrapped in ``<mark>``.

    ``own`` is a unit name to mark differently (the unit whose tasks are shown).
    """
    marks = UnitNames.of(units)
    spans = [(s, e, "pk-own" if text[s:e] == own else "pk-unit") for s, e in marks.spans(text, own)]
    for m in NUMBER.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e, _ in spans):
            spans.append((m.start(), m.end(), "pk-num"))
    out, pos = [], 0
    for start, end, cls in sorted(spans):
        out.append(_text(text[pos:start]))
        out.append(f'<mark class="{cls}">{_text(text[start:end])}</mark>')
        pos = end
    out.append(_text(text[pos:]))
    return "".join(out)


QUESTION_SHOWN = 200  # characters of a question echoed in the chat; a longer one is cut, its length said


def question_html(question: str, reading: str = "") -> str:
    """A user's question as it appears in the chat (escaped, never Markdown), with how a follow-up was read.
    A very long question (a pasted document) is shown by its start and its length."""
    note = f'<div class="pk-reading">理解为：{_text(reading)}</div>' if reading else ""
    if len(question) > QUESTION_SHOWN:
        question = f"{question[:QUESTION_SHOWN]}…（共 {len(question)} 字）"
    return f'<div class="pk-q">{_text(question)}</div>{note}'


def reading_of(answer: Answer) -> str:
    """How the bot read the question, when that differs from what was asked (a follow-up)."""
    resolved = getattr(answer, "resolved_question", "") or ""
    return resolved if resolved and resolved != answer.question else ""


def _without_reading(text: str) -> str:
    """The answer without its first ``理解为：`` line (the page shows the reading under the question)."""
    first, _, rest = text.partition("\n")
    return rest if first.startswith("理解为：") and rest else text


Headers = Callable[[Source], list[str]]


def _no_headers(source: Source) -> list[str]:
    return []


def row_html(cells: list[str], header: list[str], units: UnitNames) -> str:
    """One table row as a readable line: each cell after its column's name (``牵头单位：市甲局``)."""
    named = [
        f'<span class="pk-col">{escape(name)}：</span>{highlight(cell, units)}' if name else highlight(cell, units)
        for name, cell in zip([*header, *[""] * (len(cells) - len(header))], cells)
        if cell
    ]
    return f'<div class="pk-row">{"；".join(named)}</div>'


def clause_html(text: str, header: list[str], units: UnitNames) -> str:
    """A clause's text, highlighted; its table rows (``| 5 | … |``) as readable rows with their column names."""
    parts, prose = [], []
    for line in text.splitlines():
        cells = parse_row(line)
        if cells is None:
            prose.append(line)
            continue
        if prose:
            parts.append(highlight("\n".join(prose), units))
            prose = []
        if cells != header:  # the header row itself names the columns of the rows below
            parts.append(row_html(cells, header, units))
    if prose:
        parts.append(highlight("\n".join(prose), units))
    return "".join(parts)


def source_card(n: int, source: Source, units: Iterable[str], header: list[str] | None = None) -> str:
    """One source as one line (document and heading path) that unfolds to the clause."""
    section = source.section or "（文首）"
    note = f'<span class="pk-note">（{escape(source.notes)}）</span> ' if source.notes else ""
    return (
        '<details class="pk-card"><summary>'
        f'<span class="pk-card-head"><span class="pk-n">[{n}]</span> '
        f'<span class="pk-doc">《{escape(source.document)}》</span></span> {note}'
        f'<span class="pk-sec">{escape(section)}</span></summary>'
        f'<div class="pk-quote">{clause_html(source.text, header or [], UnitNames.of(units))}</div>'
        "</details>"
    )


def source_cards(sources: Sequence[Source], units: Iterable[str], headers: Headers = _no_headers) -> str:
    units = UnitNames.of(units)
    return "".join(source_card(n, s, units, headers(s)) for n, s in enumerate(sources, 1))


def answer_html(answer: Answer, units: Iterable[str], headers: Headers = _no_headers) -> str:
    """The bot's message: the answer, then its sources as cards.

    An unanswerable question gets a “方案中未找到” banner; the clauses that were
    retrieved anyway are folded away and labelled as not supporting an answer.
    Kept on one line so that the chat's Markdown renderer treats it as one HTML block.
    """
    units = UnitNames.of(units)
    if answer.answerable:
        badge = '<span class="pk-partial">相近表述，非原文直接回答</span>' if answer.confidence == "partial" else ""
        body = f'<div class="pk-answer">{badge}{highlight(_without_reading(answer.answer), units)}</div>'
        shown = shown_sources(answer.sources)
        cards = source_cards(shown, units, headers)
        sources = details(f"出处（{len(shown)}）", cards, "pk-sources", opened=True) if cards else ""
        return f'<div class="pk-msg">{body}{sources}</div>'
    title = NOT_FOUND if answer.answer.startswith(NOT_FOUND) else "无法回答"
    body = not_found(_without_reading(answer.answer), title)
    if not answer.sources:
        return f'<div class="pk-msg">{body}</div>'
    shown = shown_sources(answer.sources)
    cards = source_cards(shown, units, headers)
    related = details(f"检索到的相关原文（不足以作答，{len(shown)}）", cards, "pk-related", opened=False)
    return f'<div class="pk-msg">{body}{related}</div>'


# -- 部门职责 ------------------------------------------------------------------


def _task_item(task: Task, written: list[str], units: UnitNames) -> str:
    r = task.responsibility
    own = next((name for name in written if name in r.raw), written[0])  # the unit as this bracket writes it
    shared = ' <span class="pk-tag">未指定牵头单位，按职责分工负责</span>' if r.mode == "shared" else ""
    deadline = f'<div class="pk-deadline">完成时限：{escape(task.deadline)}</div>' if task.deadline else ""
    return (
        '<li class="pk-task">'
        f'<div class="pk-task-title">{escape(task.title)}{shared}</div>'
        f'<div class="pk-sec">{escape(task.section)}</div>{deadline}'
        f'<div class="pk-quote">［{highlight(r.raw, units, own=own)}］</div>'
        f"<details><summary>任务原文</summary>"
        f'<div class="pk-tasktext">{highlight(task.text, units, own=own)}</div></details>'
        "</li>"
    )


def _unit_blocks(tasks: UnitTasks, units: UnitNames) -> str:
    """A unit's tasks in one plan: 牵头 then 配合, each task with its deadline and the bracket that assigns it."""

    def block(title: str, group: list[Task], cls: str) -> str:
        lis = "".join(_task_item(t, tasks.written or [tasks.unit], units) for t in group)
        body = f"<ol>{lis}</ol>" if group else '<div class="pk-hint">无</div>'
        return f'<section class="pk-unit-block {cls}"><h3>{title}（{len(group)} 项）</h3>{body}</section>'

    return block("牵头", tasks.lead, "pk-lead") + block("配合（含按职责分工负责）", tasks.co, "pk-co")


def unit_html(view: UnitView | None, units: Iterable[str]) -> str:
    """A unit's tasks, 牵头 and 配合 apart, each with its deadline and the bracket that assigns it: in the plan
    picked, or plan by plan (each under its title) when every plan was picked and several name the unit."""
    if view is None:
        return '<div class="pk-hint">请先选择方案，再选择一个单位，查看它牵头和配合的任务。</div>'
    if not view.plans:
        return not_found(f"{REFUSAL_MARK}“{view.unit}”的职责分工。")
    units = UnitNames.of(units)
    own = f'<mark class="pk-own">{escape(view.unit)}</mark>'
    counts = f"牵头 {view.lead} 项，配合 {view.co} 项。"
    if len(view.plans) == 1:
        plan = view.plans[0]
        summary = (
            f'<div class="pk-unit-summary"><span class="pk-doc">《{escape(plan.plan)}》</span> {own} '
            f"共涉及 {view.lead + view.co} 项任务：{counts}</div>"
        )
        return f'<div class="pk-unit">{summary}{_unit_blocks(plan, units)}</div>'
    summary = (
        f'<div class="pk-unit-summary">{own} 在 {len(view.plans)} 个方案中共涉及 {view.lead + view.co} 项任务：'
        f"{counts}</div>"
    )
    plans = "".join(
        '<section class="pk-unit-plan"><div class="pk-unit-plan-title">'
        f'<span class="pk-doc">《{escape(p.plan)}》</span>'
        f" 牵头 {len(p.lead)} 项，配合 {len(p.co)} 项</div>{_unit_blocks(p, units)}</section>"
        for p in view.plans
    )
    return f'<div class="pk-unit">{summary}{plans}</div>'


def _bar(unit: str, lead: int, co: int, top: int) -> str:
    return (
        f'<div class="pk-bar-row" title="{escape(unit)}：牵头 {lead}，配合 {co}">'
        f'<div class="pk-bar-label">{escape(unit)}</div>'
        '<div class="pk-bar-track">'
        f'<span class="pk-bar pk-bar-lead" style="width:{100 * lead / top:.1f}%"></span>'
        f'<span class="pk-bar pk-bar-co" style="width:{100 * co / top:.1f}%"></span>'
        "</div>"
        f'<div class="pk-bar-num">{lead} / {co}</div>'
        "</div>"
    )


def unit_chart_html(panel: UnitsPanel) -> str:
    """A horizontal stacked bar per unit (tasks it leads, tasks it co-operates on), under its plan's title
    when several plans are shown. Plain HTML/CSS."""
    counts = [c for plan in panel.plans for c in plan.counts]
    if not counts:
        return '<div class="pk-hint">已索引的文件中没有职责分工。</div>'
    top = max(lead + co for _, lead, co in counts) or 1
    rows = []
    for plan in panel.plans:
        if panel.grouped and plan.counts:
            rows.append(f'<div class="pk-chart-plan">《{escape(plan.title)}》</div>')
        rows.extend(_bar(unit, lead, co, top) for unit, lead, co in plan.counts)
    legend = (
        '<div class="pk-legend"><span class="pk-key pk-bar-lead"></span>牵头 '
        '<span class="pk-key pk-bar-co"></span>配合（含按职责分工负责） '
        '<span class="pk-legend-note">数字：牵头 / 配合</span></div>'
    )
    title = '<div class="pk-chart-title">各单位任务数</div>'
    return f'<div class="pk-chart">{title}{legend}<div class="pk-bars">{"".join(rows)}</div></div>'


def summary_html(summary: Summary) -> str:
    """What the index holds, in one line."""
    return (
        f'<div class="pk-hint">已索引 {summary.documents} 个文件，{summary.chunks} 个片段；'
        f"向量模型 <code>{escape(summary.model)}</code>（{summary.dim} 维），索引版本 {summary.generation}。</div>"
    )


def review_html(review: list[tuple[str, list[str]]]) -> str:
    """The plans that need review (OCR could not read a page of them reliably), above the 文件 table; ``""``
    when none does."""
    if not review:
        return ""
    items = "".join(f"<li>《{escape(title)}》：{escape('；'.join(notes))}</li>" for title, notes in review)
    return (
        f'<div class="pk-review"><strong>以下文件需人工核对</strong><ul class="pk-warnings">{items}</ul>'
        "<div>据这些文件作答时，回答会先提示对照原件核实。</div></div>"
    )


def file_html(file: FileReport) -> str:
    """One file of an ingest: its outcome, file name and title, what was read, and what to check."""
    if file.outcome == "failed":
        return status_html(file.lines()[0], ok=False)
    title = f' <span class="pk-doc">《{escape(file.title)}》</span>' if file.title else ""
    warnings = "".join(f"<li>{escape(w)}</li>" for w in file.warnings)
    return (
        f'<div class="pk-file pk-file-{file.outcome}">'
        f'<div class="pk-file-head"><span class="pk-outcome">{escape(file.label)}</span>'
        f' <span class="pk-file-name">{escape(file.name)}</span>{title}</div>'
        f'<div class="pk-counts">{escape(file.counts)}</div>'
        + (f'<ul class="pk-warnings">{warnings}</ul>' if warnings else "")
        + "</div>"
    )


def ingest_html(view: IngestView) -> str:
    """An ingest's report: what the index now holds (green), then every file with what was read from it, its
    warnings (amber) or why it failed (red)."""
    html = status_html(view.indexed, ok=True) if view.indexed else ""
    html += "".join(file_html(f) for f in view.files)
    return f'<div class="pk-report">{html}</div>' if html else status_html("没有导入任何文件。", ok=False)


def details(summary: str, cards: str, cls: str, opened: bool) -> str:
    """A foldable block of source cards."""
    return (
        f'<details{" open" if opened else ""} class="{cls}"><summary>{escape(summary)}</summary>'
        f'<div class="pk-grid">{cards}</div></details>'
    )


def not_found(message: str, title: str = NOT_FOUND) -> str:
    """The “方案中未找到” state: a title and the bot's message, escaped."""
    return f'<div class="pk-notfound"><strong>{escape(title)}</strong><div>{_text(message)}</div></div>'


def status_html(message: str, ok: bool) -> str:
    cls = "pk-ok" if ok else "pk-error"
    return f'<div class="{cls}">{_text(message)}</div>'
