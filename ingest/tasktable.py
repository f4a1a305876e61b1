"""Task-division tables (重点任务分工表): one task per row, roles read from the header.

Columns are recognised by their header words: 序号; 重点任务 / 工作任务 / 主要任务 / 工作内容 /
具体措施 (the task, the most specific one titling the row); 牵头单位; 配合单位; 指导部门 (guiding units: they
share the task and never lead it); 责任单位 (a list without roles); 完成时限 / 时间节点 (the deadline).
A two-row header (``责任单位`` over ``牵头单位 | 配合单位``) is read as one. Cells merged across rows
arrive repeated by the readers, so every row carries its own values; a text table that writes a merged cell once
leaves the rows below empty, and a row with no unit at all takes the units (and deadline) of the task row above.
"""

from __future__ import annotations

import re

from policykb.ingest.deadlines import stated_deadlines
from policykb.ingest.responsibility import Conventions, Duty, parse_duty, responsibility
from policykb.ingest.tables import parse_row
from policykb.ingest.unit_names import VERBISH, is_org
from policykb.kb.lexicon import (
    CO_NAMES,
    ITEM_LEAD_WORDS,
    LEAD_NAMES,
    MAIN_COLUMN_WORDS,
    OVERALL_LEAD_WORDS,
    alternation,
)
from policykb.kb.records import Task
from policykb.kb.text import heading_number_end

ROLES = (
    ("skip", re.compile(r"领导|责任人|联系人|备注|说明|分管|市领导|县领导|省领导")),
    ("lead", re.compile(alternation(LEAD_NAMES))),
    ("co", re.compile(alternation(CO_NAMES))),
    ("guide", re.compile(r"指导")),
    ("units", re.compile(r"责任单位|责任部门|负责单位|负责部门|实施单位|责任主体|承办单位|落实单位|单位|部门")),
    ("deadline", re.compile(r"时限|时间|节点|进度|期限|年度")),
    ("seq", re.compile(r"^(?:序号|编号|序)$")),
    ("task", re.compile(r"任务|事项|实事|内容|措施|举措|工作|项目|目标|要求|指标|名称")),
)
UNIT_ROLES = ("lead", "co", "guide", "units")
MAIN_COLUMN = re.compile(alternation(MAIN_COLUMN_WORDS))
ITEM_LEAD = re.compile(alternation(ITEM_LEAD_WORDS))
OVERALL_LEAD = re.compile(alternation(OVERALL_LEAD_WORDS))
PEOPLE = re.compile(r"领导|责任人|联系人|分管")
TITLE_CUT = re.compile(r"[。；：:]")
SENTENCE_END = re.compile(r"[。；;！？]")
MAX_NAME = 40


def column_roles(header: list[str]) -> list[str]:
    """The role of each header cell: ``task``, ``lead``, ``co``, ``guide``, ``units``, ``deadline``, ``seq``
    or ``""``."""
    roles = []
    for cell in header:
        cell = re.sub(r"\s+", "", cell)
        roles.append(next((role for role, pattern in ROLES if pattern.search(cell)), ""))
    return ["" if r == "skip" else r for r in roles]


LONGEST_COLUMN_NAME = 30
"""A header names its columns in short cells; a row with a longer cell (a progress note that mentions ``单位``) is a
row of the table."""


def is_header(cells: list[str]) -> bool:
    roles = column_roles(cells)
    if any(len(cell.strip()) > LONGEST_COLUMN_NAME for cell in cells):
        return False
    return "task" in roles and any(r in roles for r in UNIT_ROLES) and not _numbered(cells)


def _numbered(cells: list[str]) -> bool:
    return bool(cells) and bool(re.fullmatch(r"\d{1,3}", cells[0].strip()))


def table_tasks(rows: list[tuple[int, str]], path: list[str], doc_id: str, conventions: Conventions) -> list[Task]:
    """Tasks of the table whose row lines (with their offsets) are ``rows``; none if it is no task table."""
    parsed = [(offset, line, parse_row(line) or []) for offset, line in rows]
    start = header_index([cells for _, _, cells in parsed])
    if start is None:
        return []
    header = parsed[start][2]
    roles = column_roles(header)
    body = parsed[start + 1 :]
    if body and is_header(body[0][2]):  # a two-row header: the second row is the more specific
        roles = [b or a for a, b in zip(roles, column_roles(body[0][2]))]
        header = [b or a for a, b in zip(header, body[0][2])]
        body = body[1:]
    roles = units_leading(roles, header)
    named = names_rows(roles, [cells for _, _, cells in body])
    tasks: list[Task] = []
    previous: list[str] | None = None
    above: list[str] | None = None  # the last task row, whose merged unit cells a row below may leave empty
    for offset, line, cells in body:
        if cells == previous or len(set(cells) - {""}) <= 1 or is_header(cells):  # repeated, title, category, header
            previous, above = cells, None if len(set(cells) - {""}) <= 1 else above
            continue
        previous = cells
        row_header, row_roles = sub_item_spanned(cells, header, roles)
        cells = above_filled(realigned(cells, row_roles), above, row_roles)
        above = cells
        task = _row_task(cells, (row_header, row_roles), offset, line, path, doc_id, conventions)
        if task is not None and named is not None and cells[named].strip():
            task.title = _title(cells[named].strip())
        if task is not None:
            tasks.append(task)
    return tasks


def header_index(rows: list[list[str]]) -> int | None:
    """The row that names the table's columns: the first header row that has a 序号 column, else the first
    header row. Rows above it (a page's 索引号 / 发布单位 lines copied into the table) are no tasks."""
    headers = [i for i, cells in enumerate(rows) if is_header(cells)]
    numbered = [i for i in headers if "seq" in column_roles(rows[i])]
    return (numbered or headers or [None])[0]


def names_rows(roles: list[str], rows: list[list[str]]) -> int | None:
    """The column that names each row's task, when a row has several task columns (``改革举措 | 主要内容``): the
    first, if its cells are short names, each row its own (a category merged over rows repeats, and does not name
    them); else ``None`` and the most specific column titles the row."""
    columns = [i for i, role in enumerate(roles) if role == "task"]
    if len(columns) < 2:
        return None
    first = columns[0]
    cells = [row[first].strip() for row in rows if len(row) > max(columns) and row[first].strip()]
    short = all(len(cell) <= MAX_NAME and not SENTENCE_END.search(cell) for cell in cells)
    return first if len(cells) >= 2 and short and len(set(cells)) == len(cells) else None


def sub_item_spanned(cells: list[str], header: list[str], roles: list[str]) -> tuple[list[str], list[str]]:
    """A row one filled cell wider than the header names columns, whose cell after the task column is a numbered
    sub-item (``（一）甲项目`` / ``1.乙路``) and no unit: the header's task cell spans two columns over such rows (a
    project and its numbered parts), so the sub-item is a task cell too and the cells after it stand under the
    columns the header names. Otherwise the header and roles as they are."""
    tasks = [i for i, role in enumerate(roles) if role == "task"]
    if not tasks:
        return header, roles
    after = tasks[-1] + 1
    filled = sum(1 for cell in cells if cell.strip())
    named = sum(1 for cell in header if cell.strip())
    if (
        filled != named + 1
        or after >= len(cells)
        or not cells[tasks[-1]].strip()
        or not heading_number_end(cells[after].strip())
        or is_org(cells[after].strip())
    ):
        return header, roles
    return [*header[:after], header[after - 1], *header[after:]], [*roles[:after], "task", *roles[after:]]


def units_leading(roles: list[str], header: list[str] | None = None) -> list[str]:
    """A ``责任单位`` column beside a ``配合单位`` column and no ``牵头单位`` column names the leads; of two
    ``责任单位`` columns, one called the main one (``主要责任单位`` | ``责任单位``) names the leads and the other the
    co-operating units. Of two lead columns, one the item's (``分项牵头单位``) and one the group's (``总牵头单位``, its
    cell merged over the group's rows), the item's names the row's leads; the group's names nobody of the row."""
    leads = [i for i, role in enumerate(roles) if role == "lead"]
    if header and len(leads) >= 2 and any(ITEM_LEAD.search("".join(header[i].split())) for i in leads):
        roles = [
            "" if i in leads and OVERALL_LEAD.search("".join(header[i].split())) else r for i, r in enumerate(roles)
        ]
    if "co" in roles and "lead" not in roles:
        return ["lead" if role == "units" else role for role in roles]
    plain = [i for i, role in enumerate(roles) if role == "units"]
    if header and len(plain) == 2 and not {"lead", "co"} & set(roles) and MAIN_COLUMN.search(header[plain[0]]):
        return [{plain[0]: "lead", plain[1]: "co"}.get(i, role) for i, role in enumerate(roles)]
    return roles


def realigned(cells: list[str], roles: list[str]) -> list[str]:
    """A row one cell short before its unit columns (a cell merged over several columns or rows, written once
    by the page), its cells moved right by one so that unit names stand under the unit columns: an empty cell goes
    in after the task column, where that puts more unit lists under unit columns; otherwise the row as it is."""
    units = [i for i, role in enumerate(roles) if role in UNIT_ROLES]
    tasks = [i for i, role in enumerate(roles) if role == "task"]
    if not units or not tasks or tasks[0] >= units[0] or (len(cells) >= len(roles) and cells[len(roles) - 1].strip()):
        return cells
    best, best_score = cells, _unit_cells(cells, units)
    for at in range(tasks[0] + 1, units[0] + 1):
        moved = [*cells[:at], "", *cells[at : len(roles) - 1]]
        if _unit_cells(moved, units) > best_score:
            best, best_score = moved, _unit_cells(moved, units)
    return best


def _unit_cells(cells: list[str], columns: list[int]) -> int:
    return sum(1 for i in columns if i < len(cells) and cells[i].strip() and is_org(cells[i].strip()))


def above_filled(cells: list[str], above: list[str] | None, roles: list[str]) -> list[str]:
    """A row whose unit cells are all empty, under a task row of the same table, takes that row's units and
    deadline: a cell merged down over several rows, written once in a text table."""
    units = [i for i, role in enumerate(roles) if role in UNIT_ROLES and i < len(cells)]
    if above is None or not units or any(cells[i].strip() for i in units):
        return cells
    filled = list(cells)
    for i, role in enumerate(roles):
        if (role in UNIT_ROLES or role == "deadline") and i < len(filled) and i < len(above) and not filled[i].strip():
            filled[i] = above[i]
    return filled


def _row_task(
    cells: list[str],
    columns: tuple[list[str], list[str]],
    offset: int,
    line: str,
    path: list[str],
    doc_id: str,
    conventions: Conventions,
) -> Task | None:
    """The task of one row; ``columns`` are the header's cells and their roles."""
    header, roles = columns
    by_role: dict[str, list[str]] = {}
    for role, cell in zip(roles, cells):
        if role and cell.strip():
            by_role.setdefault(role, []).append(cell.strip())
    tasks = list(dict.fromkeys(by_role.get("task", [])))
    if not tasks:
        return None
    duty = _row_duty(by_role)
    if duty.empty:
        return None
    text = "；".join(tasks)
    raw = "；".join(f"{name}：{'、'.join(by_role[role])}" for role, name in _RAW_NAMES if role in by_role)
    raw = "；".join([raw, *_other_cells(header, roles, cells)])
    return Task(
        doc_id=doc_id,
        path=path,
        title=_title(tasks[-1]),
        text=text,
        start=offset,
        end=offset + len(line),
        responsibility=responsibility(duty, conventions, raw),
        deadline=duty.deadline or "，".join(stated_deadlines(text)),  # the row's own text, as a paragraph's
    )


_RAW_NAMES = (
    ("lead", "牵头单位"),
    ("co", "配合单位"),
    ("guide", "指导部门"),
    ("units", "责任单位"),
    ("deadline", "完成时限"),
)


def _row_duty(by_role: dict[str, list[str]]) -> Duty:
    duty = Duty()
    for cell in by_role.get("lead", []):
        duty.lead.extend(_units_of(cell, "牵头单位"))
    for cell in by_role.get("co", []):
        duty.co.extend(_units_of(names_listed(cell), "配合单位"))
    for cell in by_role.get("units", []):
        parsed = parse_duty(cell)
        duty.lead.extend(parsed.lead)
        duty.owners.extend(parsed.owners)
        duty.co.extend(parsed.co)
        duty.shared.extend(parsed.shared)
        duty.guides.extend(parsed.guides)
        duty.notes.extend(parsed.notes)
    for cell in by_role.get("guide", []):
        duty.guides.extend(_units_of(cell, "责任单位"))
    duty.deadline = "；".join(by_role.get("deadline", []))
    return duty


CELL_LINE_NAME = re.compile(r"[^：:\d；]{2,20}")
"""A line of a unit cell that is a name alone: short, no label, no figure or date."""


def names_listed(cell: str) -> str:
    """A co-operating units' cell written one name a line (``甲局；东浦园(桐溪镇)；各街道``, lines joined with ``；``)
    as one list (``甲局、东浦园(桐溪镇)、各街道``): every line keeps the column's role, a name with no unit's ending
    (a zone, a company's short name) included. A cell with a line that is no bare name (a label, a clause with a
    verb, a date) stays as it is."""
    lines = cell.split("；")
    if len(lines) < 2 or not all(CELL_LINE_NAME.fullmatch(line.strip()) and not VERBISH.search(line) for line in lines):
        return cell
    return "、".join(line.strip() for line in lines)


def _units_of(cell: str, label: str) -> list[str]:
    return parse_duty(f"{label}：{cell}").units


def _other_cells(header: list[str], roles: list[str], cells: list[str]) -> list[str]:
    """``推广范围：全市``: the row's cells under columns of no role (not people), kept with the phrase it cites."""
    return [
        f"{name}：{cell.strip()}"
        for name, role, cell in zip(header, roles, cells)
        if not role and cell.strip() and name.strip() and not PEOPLE.search(name)
    ]


def _title(task: str) -> str:
    cut = TITLE_CUT.search(task)
    return (task[: cut.start()] if cut else task).rstrip(".")[:40]
