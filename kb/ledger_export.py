"""The ledger as files: a 工作台账 spreadsheet (CSV, XLSX) and a calendar (ICS, one event per dated milestone).

The spreadsheet's columns are those a supervision office keeps; 进展情况 is left empty for it to fill. The
calendar is written with the ``icalendar`` library: each event is an all-day event on the due date, titled
with the lead unit and the task, and carries the plan, its 文号, the co units and the deadline as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from policykb.ingest.duedates import DATED, ONGOING_STATUS, RECURRING, UNDATABLE
from policykb.kb.export import JOIN, render
from policykb.kb.ledger import LedgerRow

__all__ = ["LEDGER_COLUMNS", "LEDGER_FORMATS", "due_label", "ledger_file", "ledger_ics", "ledger_table"]

LEDGER_COLUMNS = [
    "序号",
    "方案",
    "文号",
    "任务",
    "牵头单位",
    "配合单位",
    "完成时限（原文）",
    "截止日期",
    "进展情况",
    "依据",
]
LEDGER_FORMATS = ("xlsx", "csv", "ics")
STATUS_LABELS = {ONGOING_STATUS: "长期（持续推进）", RECURRING: "定期（周期性）", UNDATABLE: "无法确定日期", "none": ""}
PRODID = "-//policykb//工作台账//ZH"


def due_label(row: LedgerRow) -> str:
    """The 截止日期 cell: the ISO date, or what the deadline is instead of a date (长期、定期、无法确定日期)."""
    return row.due if row.status == DATED else STATUS_LABELS.get(row.status, "")


def ledger_table(rows: Iterable[LedgerRow]) -> list[dict[str, str]]:
    """One spreadsheet row per ledger row, numbered from 1."""
    return [
        {
            "序号": str(n),
            "方案": r.plan,
            "文号": r.number,
            "任务": r.task,
            "牵头单位": JOIN.join(r.lead),
            "配合单位": JOIN.join(r.co),
            "完成时限（原文）": r.milestone if r.status != "none" else "",
            "截止日期": due_label(r),
            "进展情况": "",
            "依据": r.section,
        }
        for n, r in enumerate(rows, 1)
    ]


def ledger_ics(rows: Iterable[LedgerRow], stamp: date) -> bytes:
    """A calendar with one all-day event per dated row; ``stamp`` (the day it is made) is every event's DTSTAMP."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "工作台账 · 时间节点")
    for row in rows:
        due = row.due_date()
        if row.status != DATED or due is None:
            continue
        event = Event()
        lead = JOIN.join(row.lead) or "未明确牵头单位"
        event.add("uid", f"{row.doc_id}-{row.start}-{row.due}@policykb")
        event.add("dtstamp", datetime.combine(stamp, time()))
        event.add("dtstart", due)
        event.add("dtend", due + timedelta(days=1))
        event.add("summary", f"【{lead}】{row.task}")
        event.add("description", _description(row))
        event.add("categories", [row.plan])
        calendar.add_component(event)
    return calendar.to_ical()


def _description(row: LedgerRow) -> str:
    lines = [
        f"方案：《{row.plan}》" + (f"（{row.number}）" if row.number else ""),
        f"牵头单位：{JOIN.join(row.lead) or '—'}",
        f"配合单位：{JOIN.join(row.co) or '—'}",
        f"完成时限（原文）：{row.milestone}",
        f"依据：{row.section or '（文首）'}",
    ]
    return "\n".join(lines)


def ledger_file(rows: list[LedgerRow], fmt: str, stamp: date) -> bytes:
    """The ledger ``rows`` as a ``csv``, ``xlsx`` or ``ics`` file."""
    if fmt == "ics":
        return ledger_ics(rows, stamp)
    if fmt in ("csv", "xlsx"):
        return render(ledger_table(rows), LEDGER_COLUMNS, fmt)
    raise ValueError(f"不支持的台账格式：{fmt}（可选 {'、'.join(LEDGER_FORMATS)}）")
