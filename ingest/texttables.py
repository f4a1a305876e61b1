"""Task tables a page copy wrote without bars, rewritten as row lines (:mod:`policykb.ingest.tables`).

Three forms, all of task-division annexes (任务分解表, 民生实事分解表) copied from web pages:

* **a bar after each cell** (``序号 | 实事项目 | 责任单位 |``, no bar before the first): rows from the header row on;
  the page's 索引号 / 发布单位 rows above it stay text.
* **one cell per line**: the header cells ``序号`` / ``民生实事`` / ``责任单位`` / ``完成时限`` each on a line,
  then each row's cells the same way from its number (``1``) on. A unit cell may run over several lines (one
  unit a line), and a row may hold further task lines, each with its own deadline, under the same number (an unnumbered
  sub-row, written as a row of its own with its units left empty for the row above to fill). A line is placed in
  its column by what it is: a unit name (:func:`is_org`), a deadline (``12月底前``, ``5月底前动工``), else task text.
* **one cell per line, no numbers** (a progress report's ``项目名称`` / ``项目内容`` / ``责任单位`` / ``进展情况``):
  each unit line closes a row whose task is the line before it and whose further cells are the lines after it, as many
  as the header has columns after its unit column; lines between rows (``（一）``, a category) stay one-cell rows.
  A page's copy may stop inside the last unit line (``甲局、乙局、丙``): its cut name is left out. A column name's
  bracketed qualifier wrapped onto its own line (``进展情况`` / ``(6月)``) is part of it; a copy that holds one row
  is a table when the row fills every column after its units.
* **one cell per line, two unit columns**: a task-division extract (``序号`` / ``重点工作任务`` / ``主要责任单位`` /
  ``协同配合单位``), every cell a paragraph of its own, rows numbered as in the full table (``3``, ``68``, ``69``: any
  rising numbers) with its part headings (``一、……``) between them: each row is its number, its task, then one line
  for each unit column; a last row the copy cut before its units is left out.
* **one row per line**: a header line ``序号 名称 工作任务 牵头责任单位``, then rows ``1 <task sentences>。 甲委、乙局``
  whose units trail the task after its last sentence end; section lines (``一、……（11项）``) between rows
  become one-cell rows, so the table stays one table.
* **one row per line, cells cut by spaces, several unit columns** (read before normalising, which takes the spaces
  out): a header line of short column names (``序号 类别 主要任务 细化措施 牵头单位 参与单位 责任单位``) ending in
  two or more unit (or deadline) columns, then rows ``1 <names> <task sentences>。 甲局 乙委、丙局等 各县(区)政府``:
  the trailing cells are the last space-free pieces, one for each such column, read from the right; all that is
  left after the number is the task (a wrapped cell's own spaces stay in it). Cells the page left empty (a merged
  category) leave nothing to place, so the row still reads from the right.
* **cells run together, a time run into the units**: a header line whose column names ran together and end in a
  time column and a unit column (``事项内容完成时限责任单位``); each row its task lines (a category run into the
  first, ``文体服务1.…``), closed by a line ending in its time run into its first unit (``全年县甲局``, alone or after
  the task's last sentence), its other units one a line after. A task is read only when its units close it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from policykb.ingest.deadlines import DEADLINE_CELL
from policykb.ingest.tables import format_row
from policykb.ingest.tasktable import UNIT_ROLES, column_roles, is_header
from policykb.ingest.unit_names import is_org
from policykb.kb.lexicon import CATEGORY_COLUMN_WORDS, ROLE_LABEL_WORDS, alternation
from policykb.kb.text import heading_number_end

__all__ = ["rows_from_spaced_tables", "rows_from_text_tables"]

SEQ = re.compile(r"\d{1,3}")
SEQ_HEADER = re.compile(r"序号|编号")
CATEGORY_COLUMN = re.compile(alternation(CATEGORY_COLUMN_WORDS))
SECTION_LINE = re.compile(r"^[一二三四五六七八九十]{1,3}、\S")
UNIT_LIST_SPLIT = re.compile(r"[、，,；;\s]+")
FLAT_HEADER = re.compile(
    r"^(?:序号|编号)\s*(?P<task>[^，。；：:、]{2,30}?)\s*(?P<units>(?:牵头)?(?:责任|负责)?(?:单位|部门))$"
)
FLAT_ROW = re.compile(
    r"^(?P<seq>\d{1,3})(?![\d.．、）)])\s*(?P<task>\D.*(?:[。；;]|(?<!\d)\.))\s*(?P<units>[^。；;.]{2,80})$"
)
"""A row on one line; a page copy may end its sentences with a half-width ``.`` (never one inside ``47.1``)."""
HEADER_TAIL = re.compile(r"(?P<header>序号|编号)")
MAX_HEADER_CELL = 12
MAX_HEADER_CELLS = 8
QUALIFIER_LINE = re.compile(r"[（(][^（()）]{1,6}[)）]")
"""A column name's qualifier a page wrapped onto its own line: ``(6月)``, ``（%）``, ``(万元)``."""
MAX_DEADLINE_CELL = 16


def rows_from_text_tables(text: str) -> str:
    """``text`` with its bar-less task tables written as row lines; every other line unchanged."""
    lines = [piece for line in text.split("\n") for piece in _header_apart(line)]
    return _rewritten(lines, _any_table)


def _any_table(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    return (
        _bar_table(lines, i)
        or _cell_table(lines, i)
        or _paired_cell_table(lines, i)
        or _unit_line_table(lines, i)
        or _unit_run_table(lines, i)
        or _flat_table(lines, i)
        or _run_together_table(lines, i)
    )


TableAt = Callable[[list[str], int], "tuple[list[list[str]], int] | None"]


def _rewritten(lines: list[str], table_at: TableAt) -> str:
    """The lines joined, each table ``table_at`` finds (its rows, and the line after it) written as row lines."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        found = table_at(lines, i)
        if found is None:
            out.append(lines[i])
            i += 1
            continue
        rows, i = found
        out.extend(format_row(row) for row in rows)
    return "\n".join(out)


# -- rows with a trailing bar only ----------------------------------------------------------------
def _bar_table(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """``序号 | 实事项目 | 责任单位 |``: a page's table copied with a bar after each cell and none before the first,
    from its header row (the page's 索引号 / 发布单位 rows above it stay text) to its last such line."""
    if not _bar_line(lines[i]) or not is_header(_bar_cells(lines[i])):
        return None
    k = i
    while k < len(lines) and _bar_line(lines[k]):
        k += 1
    return ([_bar_cells(line) for line in lines[i:k]], k) if k - i >= 2 else None


def _bar_line(line: str) -> bool:
    line = line.strip()
    return len(line) > 2 and line.endswith("|") and not line.startswith("|")


def _bar_cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip()[:-1].split("|")]


# -- one cell per line -------------------------------------------------------------------------
def _cell_table(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """The rows of a one-cell-per-line table whose header starts at line ``i``, and the line after it."""
    if not SEQ_HEADER.fullmatch(lines[i].strip()):
        return None
    j = i + 1
    while j < len(lines) and j - i <= 6 and lines[j].strip() != "1":
        j += 1
    header = [line.strip() for line in lines[i:j]]
    roles = column_roles(header)
    if j >= len(lines) or not _cell_header(header, roles):
        return None
    rows: list[list[str]] = [header]
    number, k = 1, j
    while k < len(lines) and lines[k].strip() == str(number):
        row_rows, k = _numbered_row(lines, k + 1, number, roles)
        if not row_rows:
            break
        rows.extend(row_rows)
        number += 1
    return (rows, k) if len(rows) > 1 else None


def _cell_header(header: list[str], roles: list[str]) -> bool:
    """A header of short column names: a task column, one unit column, maybe a deadline column, nothing else."""
    if len(header) < 3 or any(len(cell) > MAX_HEADER_CELL for cell in header):
        return False
    return (
        roles.count("task") == 1
        and sum(role in UNIT_ROLES for role in roles) == 1
        and all(role in ("seq", "task", "deadline", *UNIT_ROLES) for role in roles)
        and roles.count("deadline") <= 1
    )


def _numbered_row(lines: list[str], k: int, number: int, roles: list[str]) -> tuple[list[list[str]], int]:
    """The rows (the numbered one, then its sub-rows) from line ``k`` up to the next number or the table's end."""
    rows: list[list[str]] = []
    cells: dict[str, list[str]] = {}
    column = {("units" if role in UNIT_ROLES else role): n for n, role in enumerate(roles)}
    last = -1  # the column of the line before
    while k < len(lines):
        line = lines[k].strip()
        kind = _cell_kind(line)
        if line == str(number + 1) or not line or (kind != "task" and column.get(kind, -1) < last):
            break  # the next row, or a line out of the columns' order (a signature under the table)
        last = column.get(kind, -1)
        if kind == "task" and cells.get("task"):
            if not cells.get("deadline"):
                break  # a second text line with no deadline between: the table has ended
            rows.append(_row(cells, roles, str(number) if not rows else ""))
            cells = {}
        cells.setdefault(kind, []).append(line)
        k += 1
    if cells.get("task") and (cells.get("units") or cells.get("deadline")):
        rows.append(_row(cells, roles, str(number) if not rows else ""))
    elif cells.get("task") and rows:  # trailing text after the last sub-row: not part of the table
        k -= sum(len(v) for v in cells.values())
    return rows, k


# -- one cell per line, a lead and a co column, numbers as in the full table ----------------------------
def _paired_cell_table(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """The rows of a one-cell-per-line extract with two unit columns whose header starts at line ``i``; the header
    runs to the first row number or part heading (a column such as ``责任人`` may follow the units). A last row the
    page's copy cut after its first unit cell is kept, short. A header opening with a category column (``分类`` /
    ``序号`` / …) writes each category once, on a line of its own before its first row: that line is a part heading."""
    at = _category_header(lines, i)
    if at is None and not SEQ_HEADER.fullmatch(lines[i].strip()):
        return None
    seq_at = i if at is None else at
    cells = [(k, line.strip()) for k, line in enumerate(lines) if k > seq_at and line.strip()]
    width = 1 + next((n for n, (_, c) in enumerate(cells) if SEQ.fullmatch(c) or SECTION_LINE.match(c)), 0)
    if at is not None:  # the line before the first row's number is its category, no column name
        width -= 1
    if not 4 <= width <= 6:
        return None
    header = [lines[seq_at].strip(), *(cell for _, cell in cells[: width - 1])]
    roles = column_roles(header)
    if any(len(cell) > MAX_HEADER_CELL for cell in header) or roles[1:] != ["task", *roles[2:]]:
        return None
    if sum(role in UNIT_ROLES for role in roles[2:]) != 2:
        return None
    rows: list[list[str]] = [header]
    n, last_number, end = width - 1, 0, cells[width - 2][0] + 1 if len(cells) > width - 2 else seq_at + 1
    while n < len(cells):
        k, cell = cells[n]
        if SECTION_LINE.match(cell) or (at is not None and _category_line(cells, n, last_number)):
            rows.append([cell])
            n, end = n + 1, k + 1
            continue
        row = [cell for _, cell in cells[n : n + width]]
        cut = len(row) < width and n + len(row) == len(cells) and len(row) >= 3  # the copy stops inside it
        if not (SEQ.fullmatch(cell) and int(cell) > last_number and (len(row) == width or cut) and _unit_cell(row[2])):
            break
        rows.append(row + [""] * (width - len(row)))
        last_number, n, end = int(cell), n + len(row), cells[n + len(row) - 1][0] + 1
    while len(rows) > 1 and len(rows[-1]) == 1:
        rows.pop()
    return (rows, end) if sum(len(row) > 1 for row in rows) >= 2 else None


def _category_header(lines: list[str], i: int) -> int | None:
    """The line of ``序号`` when line ``i`` is a category column's name (``分类``) and ``序号`` is the next line
    with text; else None."""
    if not CATEGORY_COLUMN.fullmatch(lines[i].strip()):
        return None
    k = next((k for k in range(i + 1, min(i + 3, len(lines))) if lines[k].strip()), None)
    return k if k is not None and SEQ_HEADER.fullmatch(lines[k].strip()) else None


def _category_line(cells: list[tuple[int, str]], n: int, last_number: int) -> bool:
    """Whether cell ``n`` is a category written before its first row: a short line, no unit, no number, the next
    cell the next row's number."""
    cell = cells[n][1]
    if SEQ.fullmatch(cell) or len(cell) > MAX_HEADER_CELL or is_org(cell) or n + 1 >= len(cells):
        return False
    after = cells[n + 1][1]
    return bool(SEQ.fullmatch(after)) and int(after) > last_number


def _unit_cell(cell: str) -> bool:
    """Whether a cell lists units: its first name reads as one (``甲局、乙局,各乡镇人民政府。``)."""
    first = UNIT_LIST_SPLIT.split(cell.rstrip("。；;"), maxsplit=1)[0]
    return is_org(first)


def _cell_kind(line: str) -> str:
    if len(line) <= MAX_DEADLINE_CELL and DEADLINE_CELL.match(line) and not line.endswith("。"):
        return "deadline"
    if is_org(line):
        return "units"
    return "task"


def _row(cells: dict[str, list[str]], roles: list[str], number: str) -> list[str]:
    by_kind = {"seq": [number], **cells}
    row = []
    for role in roles:
        kind = "units" if role in UNIT_ROLES else role
        row.append("\n".join(by_kind.get(kind, [])))
    return row


# -- one cell per line, no numbers -------------------------------------------------------------------
def _unit_line_table(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """The rows of an unnumbered one-cell-per-line table whose header starts at line ``i``, and the line after it."""
    found = _short_header(lines, i)
    if found is None:
        return None
    header, k = found
    roles = column_roles(header)
    unit_at = next(n for n, role in enumerate(roles) if role in UNIT_ROLES)
    task_at = max(n for n, role in enumerate(roles[:unit_at]) if role == "task")
    after = len(header) - unit_at - 1
    rows: list[list[str]] = [header]
    while True:
        found = _next_unit_line(lines, k)
        if found is None:
            break
        u, units = found
        rows.extend([line.strip()] for line in lines[k : u - 1])  # sections and categories between rows
        row = [""] * len(header)
        row[task_at], row[unit_at] = lines[u - 1].strip(), units
        k = u + 1
        for n in range(after):
            if k >= len(lines) or _next_unit_line(lines, k, reach=1) is not None:
                break
            row[unit_at + 1 + n] = lines[k].strip()
            k += 1
        rows.append(row)
    while len(rows) > 1 and len(rows[-1]) == 1:
        rows.pop()
    table_rows = [row for row in rows[1:] if len(row) > 1]
    if len(table_rows) >= 2 or (table_rows and _whole_row(table_rows[0], header, unit_at)):
        return rows, k
    return None


def _whole_row(row: list[str], header: list[str], unit_at: int) -> bool:
    """Whether a table's only row (a page's copy may hold one) fills a header of four or more columns to its
    last cell after the units: one row is a table when nothing of it is missing."""
    return len(header) >= 4 and unit_at < len(header) - 1 and all(row[unit_at:])


def _short_header(lines: list[str], i: int) -> tuple[list[str], int] | None:
    """Column names one a line from line ``i`` (a task column, then one unit column, no 序号) and the line after
    them; else ``None``. A name's bracketed qualifier wrapped onto a line of its own (``进展情况`` / ``(6月)``) is
    part of it."""
    header: list[str] = []
    k = i
    while k < len(lines) and len(header) < MAX_HEADER_CELLS:
        line = lines[k].strip()
        if header and QUALIFIER_LINE.fullmatch(line):
            header[-1] += line
            k += 1
            continue
        named = column_roles([line])[0]  # 责任单位 reads as a unit name too
        if not line or len(line) > MAX_HEADER_CELL or (is_org(line) and not named) or heading_number_end(line):
            break
        if named == "task" and any(role in UNIT_ROLES for role in column_roles(header)):
            break  # after the unit column a task's name is the first row's category (``托育服务项目``)
        header.append(line)
        k += 1
    roles = column_roles(header)
    units = [n for n, role in enumerate(roles) if role in UNIT_ROLES]
    if len(header) < 3 or "seq" in roles or len(units) != 1 or "task" not in roles[: units[0]]:
        return None
    return header, k


def _next_unit_line(lines: list[str], k: int, reach: int = 4) -> tuple[int, str] | None:
    """The first line from ``k`` (within ``reach`` lines, after at least one line of task text) that lists units, and
    its units; the last line of the text may be cut inside its last name."""
    for u in range(k + 1 if reach > 1 else k, min(k + reach + 1, len(lines))):
        units = _unit_list(lines[u].strip(), last=u == len(lines) - 1)
        if units:
            return u, units
    return None


def _unit_list(line: str, last: bool) -> str:
    names = [u for u in UNIT_LIST_SPLIT.split(line) if u]
    if last and len(names) > 1 and not is_org(names[-1]):
        names = names[:-1]  # a page's copy stopped inside the last name
    return "、".join(names) if names and len(line) <= 120 and all(is_org(u) for u in names) else ""


# -- one cell per line, two unit columns, one unit a line ---------------------------------------------
MAX_RUN_NAME = 8
"""A short name inside a run of unit lines (``省科协``, ``省人口计生``): a unit though its end is no unit's end."""
NOT_A_NAME = re.compile(r"[\d。，,；;：:、——（）()《》“”]")
MAX_TASK_LINES = 8


def _unit_run_table(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """The rows of a one-cell-per-line table with two unit columns and no numbers (``主要目标`` / ``主要责任单位`` /
    ``责任单位``) whose header starts at line ``i``: each row is its task lines, then its units one a line, the first
    under the first unit column and the rest under the second; and the line after its last row."""
    found = _two_unit_header(lines, i)
    if found is None:
        return None
    header, k = found
    roles = column_roles(header)
    task_at = next(n for n, role in enumerate(roles) if role == "task")
    first, second = [n for n, role in enumerate(roles) if role in UNIT_ROLES]
    rows, task, end = [header], [], k
    while k < len(lines) and len(task) <= MAX_TASK_LINES:
        line = lines[k].strip()
        if not (line and task and is_org(line)):
            task += [line] if line else []
            k += 1
            continue
        units, k = _unit_run(lines, k)
        row = [""] * len(header)
        row[task_at], row[first], row[second] = "\n".join(task), units[0], "、".join(units[1:])
        rows.append(row)
        task, end = [], k
    return (rows, end) if len(rows) >= 3 else None


def _unit_run(lines: list[str], k: int) -> tuple[list[str], int]:
    """The unit lines from line ``k`` on (blank lines between them skipped), and the line after them."""
    units: list[str] = []
    while k < len(lines):
        line = lines[k].strip()
        if line and not (is_org(line) or (len(line) <= MAX_RUN_NAME and not NOT_A_NAME.search(line))):
            break
        units += [line] if line else []
        k += 1
    return units, k


def _two_unit_header(lines: list[str], i: int) -> tuple[list[str], int] | None:
    """Column names one a line from line ``i`` (blank lines between skipped): a task column, then exactly two unit
    columns and nothing after them, no 序号; and the line after them. Else ``None``."""
    header: list[str] = []
    k = i
    while k < len(lines) and len(header) < MAX_HEADER_CELLS:
        line = lines[k].strip()
        if line and (len(line) > MAX_HEADER_CELL or heading_number_end(line) or (is_org(line) and not header)):
            break
        header += [line] if line else []
        k += 1
    roles = column_roles(header)
    units = [n for n, role in enumerate(roles) if role in UNIT_ROLES]
    if "seq" in roles or len(units) != 2 or units != [len(header) - 2, len(header) - 1]:
        return None
    return (header, k) if "task" in roles[: units[0]] and lines[i].strip() == header[0] else None


# -- one row per line ---------------------------------------------------------------------------
def _flat_table(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """The rows of a one-row-per-line table whose header line is line ``i``, and the line after it."""
    task = _flat_header_task(lines[i].strip())
    if not task:
        return None
    rows: list[list[str]] = [["序号", task, FLAT_HEADER.match(lines[i].strip()).group("units")]]
    k, numbered = i + 1, 0
    while k < len(lines):
        line = lines[k].strip()
        row = _flat_row(line)
        if row is not None:
            rows.append(row)
            numbered += 1
        elif SECTION_LINE.match(line) and len(line) <= 60:
            rows.append([line])
        else:
            break
        k += 1
    while rows and len(rows[-1]) == 1:  # a section line after the last row belongs to the text
        rows.pop()
        k -= 1
    return (rows, k) if numbered else None


def _header_apart(line: str) -> list[str]:
    """A one-row-per-line table's header at the end of a run-together line (``…附件：分解表 序号 名称 工作任务
    牵头责任单位``) on a line of its own, so the rows below it read as a table."""
    for match in HEADER_TAIL.finditer(line):
        if match.start("header") and _flat_header_task(line[match.start("header") :].strip()):
            return [line[: match.start("header")].rstrip(), line[match.start("header") :].strip()]
    return [line]


def _flat_header_task(line: str) -> str:
    """The task column's name of a one-row-per-line header line, or ``""``."""
    header = FLAT_HEADER.match(line)
    task = re.sub(r"\s+", "", header.group("task")) if header else ""
    return task if task and column_roles([task]) == ["task"] else ""


def _flat_row(line: str) -> list[str] | None:
    """``1地区生产总值增长7%左右。发改委`` → ``["1", "地区生产总值增长7%左右。", "发改委"]``, or ``None``: the
    units are what follows the last sentence end, each a unit name."""
    row = FLAT_ROW.match(line)
    if row is None:
        return None
    names = [u for u in UNIT_LIST_SPLIT.split(row.group("units")) if u]
    if not names or not all(is_org(u) for u in names):
        return None
    return [row.group("seq"), row.group("task").strip(), "、".join(names)]


# -- cells run together: a time cell run into the units -------------------------------------------
RUN_HEADER = re.compile(
    r"^(?P<task>[^，,。；;：:、\d]{2,20}?)(?P<time>(?:服务|完成|办结)?(?:时间|时限|期限))"
    rf"(?P<units>(?:{alternation(ROLE_LABEL_WORDS)})(?:单位|部门))$"
)
"""A header whose column names a copy ran together, a time column then a unit column last
(``事项内容完成时限责任单位``)."""
RUN_TIME = rf"(?:全年|常年|长期|{DEADLINE_CELL.pattern.removeprefix('^')})(?:前|以前|之前)?(?:完成)?"
RUN_CLOSE = re.compile(rf"(?:^|(?<=[。；;]))(?P<time>{RUN_TIME})(?P<units>[^。；;]{{2,40}})$")
"""A row's last cells run together at a line's end: its time, then its first unit (``…服务。全年县甲局``)."""


def _run_together_table(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """The rows of a table whose header at line ``i`` ran its column names together, each row its task lines (a
    category run into the first: ``文体服务1.…``) closed by its time run into its first unit (``全年县甲局``), its
    other units one a line after; and the line after its last row. A task is read only when its units close it."""
    header = RUN_HEADER.match(re.sub(r"\s+", "", lines[i]))
    if header is None:
        return None
    rows = [[header.group("task"), header.group("time"), header.group("units")]]
    k = end = i + 1
    task: list[str] = []
    while k < len(lines) and len(task) <= MAX_TASK_LINES:
        line = lines[k].strip()
        close = RUN_CLOSE.search(line)
        if close is None or not _unit_list(close.group("units"), last=False):
            task += [line] if line else []
            k += 1
            continue
        units, k = [close.group("units")], k + 1
        while k < len(lines) and _units_alone(lines[k].strip()):
            units.append(lines[k].strip())
            k += 1
        rows.append(["".join([*task, line[: close.start()]]), close.group("time"), "、".join(units)])
        task, end = [], k
    return (rows, end) if len(rows) >= 3 and all(row[0] for row in rows) else None


def _units_alone(line: str) -> str:
    """The units of a line that is only unit names (no number, no sentence), else ``""``."""
    return "" if re.search(r"[\d。；;.．]", line) else _unit_list(line, last=False)


# -- one row per line, cells cut by spaces --------------------------------------------------------
def rows_from_spaced_tables(text: str) -> str:
    """``text`` (as read, before normalising takes the spaces between Chinese characters out) with its tables whose
    cells a page joined with spaces written as row lines; every other line unchanged."""
    return _rewritten(text.split("\n"), _spaced_table)


SPACED_ROW = re.compile(r"^(?P<seq>\d{1,3})\s+(?P<rest>\S.*)$")


def _spaced_table(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """The rows of a one-row-per-line table whose cells a page joined with spaces, from the header line ``i`` (short
    column names ending in two or more unit or deadline columns), and the line after its last row."""
    header = lines[i].split() if SEQ_HEADER.match(lines[i].strip()) else []
    trailing = _trailing_columns(header)
    if not trailing:
        return None
    rows: list[list[str]] = [header]
    k = i + 1
    while k < len(lines) and (row := _spaced_row(lines[k], header, trailing)) is not None:
        rows.append(row)
        k += 1
    return (rows, k) if len(rows) > 1 else None


def _trailing_columns(header: list[str]) -> list[str]:
    """The roles of the unit and deadline columns a spaced header ends in (two or more), or ``[]``."""
    if len(header) < 4 or not SEQ_HEADER.fullmatch(header[0]) or any(len(c) > MAX_HEADER_CELL for c in header):
        return []
    roles = column_roles(header)
    n = len(roles)
    while n > 1 and roles[n - 1] in (*UNIT_ROLES, "deadline"):
        n -= 1
    trailing = roles[n:]
    if len(trailing) < 2 or not any(role in UNIT_ROLES for role in trailing) or "task" not in roles[1:n]:
        return []
    return trailing


def _spaced_row(line: str, header: list[str], trailing: list[str]) -> list[str] | None:
    """``1 甲类 任务名 <sentences>。 甲局 乙局 各县政府`` as the header's cells: the trailing cells read from the right,
    the task text (all that is left after the number, its sentences ended) in the last task column; else ``None``."""
    row = SPACED_ROW.match(line.strip())
    pieces = row.group("rest").split() if row else []
    if len(pieces) <= len(trailing):
        return None
    cells, text = pieces[-len(trailing) :], " ".join(pieces[: -len(trailing)])
    if not SENTENCE_END_IN.search(text) or not all(map(_trailing_cell, cells, trailing)):
        return None
    out = [row.group("seq"), *[""] * (len(header) - len(trailing) - 1), *cells]
    out[max(n for n, role in enumerate(column_roles(header)) if role == "task")] = text
    return out


SENTENCE_END_IN = re.compile(r"[。；;]")


def _trailing_cell(cell: str, role: str) -> bool:
    """Whether a trailing piece fits its column: a deadline, or a list whose first name is a unit (``甲委等``; a
    page's copy may stop inside a later name)."""
    if role == "deadline":
        return len(cell) <= MAX_DEADLINE_CELL and bool(DEADLINE_CELL.match(cell))
    return _unit_cell(cell.removesuffix("等"))
