"""The responsibility matrix and the targets table as rows, and their CSV/XLSX/Markdown files.

A file's header row and sheet names are Chinese (序号, 方案, 任务, 牵头单位 … and 依据, the clause a row rests
on); ``english=True`` gives the column names scripts have read since the first release, and no 序号 or 依据.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from policykb.kb.duties import roles
from policykb.kb.duties import unit_counts as unit_counts  # the CLI's and the examples' import
from policykb.kb.records import DocumentRecord

RESPONSIBILITY_COLUMNS = ["document", "section", "task", "lead_units", "co_units", "deadline", "county_implements"]
TARGET_COLUMNS = ["document", "section", "indicator", "comparator", "value", "unit", "year", "owners"]
FORMATS = ("csv", "xlsx", "md")
BASIS = "basis"  # the clause (or responsibility bracket) a row rests on: Chinese files only
CHINESE_HEADERS = {
    "number": "序号",
    "document": "方案",
    "section": "章节",
    "task": "任务",
    "lead_units": "牵头单位",
    "co_units": "配合单位",
    "deadline": "完成时限",
    "county_implements": "县（市、区）政府落实",
    "indicator": "指标",
    "comparator": "比较",
    "value": "数值",
    "unit": "单位",
    "year": "年份",
    "owners": "责任单位",
    BASIS: "依据",
}
SHEET_NAMES = {"responsibilities": "职责分工", "targets": "目标指标"}
NOTES_SHEET = "说明"
JOIN = "、"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet may run a cell that begins so


def is_formula_like(value: str) -> bool:
    """Whether a spreadsheet could take ``value`` for a formula (``=HYPERLINK(…)``, ``+1``, ``@SUM``…)."""
    return value.startswith(FORMULA_START)


def csv_cell(value: str) -> str:
    """``value`` safe to open in a spreadsheet: formula-like text gets a leading ``'`` (shown as text)."""
    return "'" + value if is_formula_like(value) else value


def md_cell(value: str) -> str:
    """``value`` inside a Markdown table cell: on one line, ``|`` escaped, a formula-like start escaped."""
    value = " ".join(value.replace("\r", "\n").replace("\t", " ").split("\n")).replace("|", "\\|")
    return "\\" + value if value.startswith(("=", "+", "-", "@")) else value


def responsibility_rows(documents: Iterable[DocumentRecord]) -> list[dict[str, str]]:
    """One row per task with a responsibility bracket."""
    rows = []
    for doc in documents:
        for task in doc.tasks:
            lead, co = roles(task.responsibility)
            rows.append(
                {
                    "document": doc.title,
                    "section": task.section,
                    "task": task.title,
                    "lead_units": JOIN.join(lead),
                    "co_units": JOIN.join(co),
                    "deadline": task.deadline,
                    "county_implements": "是" if task.responsibility.county_implements else "否",
                    BASIS: task.responsibility.raw,
                }
            )
    return rows


def target_rows(documents: Iterable[DocumentRecord]) -> list[dict[str, str]]:
    """One row per numeric target."""
    return [
        {
            "document": doc.title,
            "section": t.section,
            "indicator": t.indicator,
            "comparator": t.comparator,
            "value": t.value,
            "unit": t.unit,
            "year": t.year,
            "owners": JOIN.join(t.owners),
            BASIS: t.clause,
        }
        for doc in documents
        for t in doc.targets
    ]


DOCUMENT_COLUMNS = [
    "doc_id",
    "title",
    "place",
    "authority",
    "number",
    "date",
    "chunks",
    "tasks",
    "targets",
    "notes",
    "ingested_at",
]


def document_rows(documents: Iterable[DocumentRecord]) -> list[dict[str, object]]:
    """What the knowledge base holds: one row per plan with its identity and counts."""
    return [
        {
            "doc_id": d.doc_id,
            "title": d.title,
            "place": d.place,
            "authority": d.authority,
            "number": d.number,
            "date": d.date,
            "chunks": len(d.chunks),
            "tasks": len(d.tasks),
            "targets": len(d.targets),
            "notes": "；".join(d.notes),
            "ingested_at": d.ingested_at,
        }
        for d in documents
    ]


def local_minute(stamp: str) -> str:
    """An ISO time (``2026-12-05T14:05:34+00:00``) as local time to the minute (``2026-12-05 22:05``)."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return stamp
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def standing_notes(documents: Iterable[DocumentRecord]) -> list[str]:
    """Notes that apply to many tasks (e.g. county governments implement every task)."""
    notes: list[str] = []
    for doc in documents:
        for task in doc.tasks:
            notes.extend(n for n in task.responsibility.notes if n not in notes)
    return notes


def render(
    rows: list[dict[str, str]],
    columns: list[str],
    fmt: str,
    notes: list[str] | None = None,
    headers: dict[str, str] | None = None,
    sheets: tuple[str, str] = ("data", "notes"),
) -> bytes:
    """``rows`` as the bytes of a CSV (UTF-8 with BOM, for Excel), XLSX or Markdown file; ``headers`` names the
    columns in the header row (each column's key by default), ``sheets`` the XLSX sheets of rows and notes."""
    names = [(headers or {}).get(c, c) for c in columns]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(names)
        writer.writerows([csv_cell(str(row[c])) for c in columns] for row in rows)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")
    if fmt == "md":
        lines = ["| " + " | ".join(names) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(md_cell(str(row[c])) for c in columns) + " |" for row in rows]
        lines += [""] + [f"> {note}" for note in notes or []]
        return ("\n".join(lines) + "\n").encode("utf-8")
    if fmt == "xlsx":
        return _xlsx(rows, columns, names, notes or [], sheets)
    raise ValueError(f"不支持的导出格式：{fmt}（可选 {'、'.join(FORMATS)}）")


def _xlsx(
    rows: list[dict[str, str]], columns: list[str], names: list[str], notes: list[str], sheets: tuple[str, str]
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = sheets[0]
    sheet.append(names)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row[c] for c in columns])
        for cell in sheet[sheet.max_row]:
            _as_text(cell)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    if notes:
        sheet_notes = book.create_sheet(sheets[1])
        for note in notes:
            sheet_notes.append([note])
            _as_text(sheet_notes.cell(sheet_notes.max_row, 1))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _as_text(cell: Any) -> None:
    """Store a cell that looks like a formula as text (openpyxl writes ``=…`` as a live formula)."""
    if isinstance(cell.value, str) and is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True  # Excel keeps it text when the cell is edited


def numbered(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """``rows`` with a 序号 (1, 2, …) each."""
    return [{"number": str(n), **row} for n, row in enumerate(rows, 1)]


def export(kind: str, fmt: str, documents: list[DocumentRecord], english: bool = False) -> bytes:
    """The ``responsibilities`` or ``targets`` table of ``documents`` in format ``fmt``: Chinese headers, a 序号
    and a 依据 column; or, ``english``, the English column names of the first release and nothing more."""
    if kind == "responsibilities":
        rows, columns, notes = responsibility_rows(documents), RESPONSIBILITY_COLUMNS, standing_notes(documents)
    elif kind == "targets":
        rows, columns, notes = target_rows(documents), TARGET_COLUMNS, []
    else:
        raise ValueError(f"不支持的导出内容：{kind}（可选 responsibilities、targets）")
    if english:
        return render(rows, columns, fmt, notes)
    return render(
        numbered(rows), ["number", *columns, BASIS], fmt, notes, CHINESE_HEADERS, (SHEET_NAMES[kind], NOTES_SHEET)
    )
