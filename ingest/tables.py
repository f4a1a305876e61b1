"""Tables as text lines: the one form every reader (docx, html, pdf, md) writes a table in.

A table row is one line ``| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |``: cells
between ASCII bars, a bar inside a cell written as ``¦``, line breaks inside a cell
joined with ``；``. Markdown tables are already in this form; their ``|---|`` rules
are not rows.
"""

from __future__ import annotations

import re

from policykb.kb.text import CN_NUM

_RULE = re.compile(r"^\|(?:\s*:?-{2,}:?\s*\|)+$")


def format_row(cells: list[str]) -> str:
    """One table row as a text line."""
    clean = [re.sub(r"\s*\n\s*", "；", c.strip()).replace("|", "¦") for c in cells]
    return "| " + " | ".join(clean) + " |"


def is_rule(line: str) -> bool:
    """Whether ``line`` is a Markdown rule under a header (``|---|---|``): part of a table, no row."""
    return bool(_RULE.match(line.strip()))


def parse_row(line: str) -> list[str] | None:
    """The cells of a table-row line, or ``None`` when ``line`` is not one (rules included)."""
    line = line.strip()
    if len(line) < 2 or not (line.startswith("|") and line.endswith("|")) or _RULE.match(line):
        return None
    return [c.strip() for c in line[1:-1].split("|")]


def rows_above(text: str, at: int) -> list[list[str]]:
    """The cells of the table rows right above the line that starts at ``at``, nearest first, up to the first line
    that is no row (the header of the table is the last of them)."""
    rows = []
    for line in reversed(text[:at].split("\n")[:-1]):
        cells = parse_row(line)
        if cells is None:
            break
        rows.append(cells)
    return rows


def table_lines(rows: list[list[str]]) -> list[str]:
    """The text lines of a table whose merged cells are already repeated: one line per row,
    header row first, rows with no text at all dropped."""
    return [format_row(cells) for cells in rows if any(c.strip() for c in cells)]


def fill_grid(cells: list[tuple[int, int, int, int, str]]) -> list[list[str]]:
    """A full grid from cells given as ``(row, column, row span, column span, text)``: a merged
    cell's text is repeated in every position it covers (vertical merges carry down), and a
    position no cell covers is left empty."""
    if not cells:
        return []
    height = max(r + rs for r, _, rs, _, _ in cells)
    width = max(c + cs for _, c, _, cs, _ in cells)
    grid = [[""] * width for _ in range(height)]
    for row, col, row_span, col_span, text in cells:
        for r in range(row, row + row_span):
            for c in range(col, col + col_span):
                grid[r][c] = text
    return grid


_CELL_LINE = re.compile(r"^(?:[^|]+\||\|+)$")
_SEQ = re.compile(r"\d{1,3}")
_HEADER_FIRST = re.compile(r"序号|编号|序")


def rows_from_cell_lines(text: str) -> str:
    """A table a web page or converter wrote one cell per line (``序号 |`` / ``重点工作 |`` / … / ``1 |`` / …)
    as row lines; the header is the cells before the first row's number, every row as wide as it. A line of bars
    alone (``|``, ``||``) is as many empty cells; a page's copy that stops inside its last row leaves it short."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        framed = _bar_framed_rows(lines, i)
        if framed:
            rows, i = framed
            out.extend(format_row(row) for row in rows)
            continue
        j = i
        while j < len(lines) and _CELL_LINE.match(lines[j].strip()):
            j += 1
        cells = _cells_of([line.strip() for line in lines[i:j]])
        rows = (_merged_rows(cells) or _cell_run_rows(cells) or _padded_rows(cells)) if j - i >= 6 else None
        if rows:
            out.extend(format_row(row) for row in rows)
            i = j
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)


def _bar_framed_rows(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """Rows of a table a page wrote one cell a line between bar lines (``|`` / ``序号`` / ``|`` / ``工作任务`` / …):
    a bar line closes a cell, two bar lines one after the other close a row and open the next. The first row is
    the header (``序号`` …, three cells or more) and at least two rows are as wide as it; a copy that stops inside
    its last row leaves that row short. Returns the rows and the line after them, else ``None``."""
    rows: list[list[str]] = []
    row: list[str] = []
    k = i
    while k + 1 < len(lines) and lines[k].strip() == "|":
        cell = lines[k + 1].strip()
        if cell == "|":
            rows, row, k = (rows + [row], [], k + 1) if row else (rows, row, k + 1)
            continue
        if not cell or "|" in cell:
            break
        row.append(cell)
        k += 2
    if k < len(lines) and lines[k].strip() == "|":
        k += 1
    rows = rows + [row] if row else rows
    width = len(rows[0]) if rows else 0
    if width < 3 or not _HEADER_FIRST.search(rows[0][0]) or sum(len(r) == width for r in rows[1:]) < 2:
        return None
    return [r for r in rows if len(r) <= width], k


def _cells_of(lines: list[str]) -> list[str]:
    """The cells of one-cell-a-line lines: ``重点工作 |`` is one, ``||`` two empty ones."""
    return [cell for line in lines for cell in ([line[:-1].strip()] if line.strip("|") else [""] * len(line))]


_ROW_LABEL = re.compile(rf"\d{{1,3}}|[{CN_NUM}]{{1,3}}")
"""The number a table's row starts with: ``12``, ``三``."""


def _padded_rows(cells: list[str]) -> list[list[str]] | None:
    """Rows of a run of cells a converter wrote row by row, each padded after its text with empty cells to the
    table's width (``2.乙路 |`` / ``区城管局 |`` / ``已完工 |`` / ``|||||``). A row that does not start with a row
    number lost the cells merged over it and the row above (written once, on the group's first row): it takes
    them from the row above, so that its own cells end where that row's end. Header rows below the first (a
    second header line) are dropped. ``None`` unless the run splits into such rows, some of them padded."""
    if not _HEADER_FIRST.search(cells[0]):
        return None
    for width in range(3, min(len(cells) // 3, 16) + 1):
        chunks = [cells[k : k + width] for k in range(0, len(cells), width)]
        if all(_left_packed(c) for c in chunks) and any(not c[-1] for c in chunks[:-1]):
            return _carried(chunks)
    return None


def _left_packed(chunk: list[str]) -> bool:
    filled = sum(1 for c in chunk if c)
    return bool(filled) and all(chunk[:filled])


def _carried(chunks: list[list[str]]) -> list[list[str]] | None:
    first = next((k for k, c in enumerate(chunks) if k and _ROW_LABEL.fullmatch(c[0])), 0)
    body = [[c for c in chunk if c] for chunk in chunks[first:]]
    if (
        not first
        or sum(1 for row in body if _ROW_LABEL.fullmatch(row[0])) < 2
        or all(_ROW_LABEL.fullmatch(row[0]) for row in body)
    ):
        return None
    rows = [body[0]]
    for row in body[1:]:
        above = rows[-1]
        lost = len(above) - len(row)
        rows.append(row if _ROW_LABEL.fullmatch(row[0]) or lost <= 0 else above[:lost] + row)
    width = max(len(r) for r in rows)
    header = [c for c in chunks[0] if c]
    return [header + [""] * (width - len(header)), *(r + [""] * (width - len(r)) for r in rows)]


def _merged_rows(cells: list[str]) -> list[list[str]] | None:
    """Rows of a run of cells a converter wrote row by row, each as wide as the header (the cells before the first
    row number), a row padded after its text with empty cells where it lost cells merged over it and the rows
    above (written once, on the group's first row) in the middle of the row: ``2 |`` / ``乙任务 |`` / ``2018年 |`` /
    ``乙局 |`` / ``丙局 |`` / ``||`` under a row ``1 | 类别 | 甲任务 | 2020年 | 甲局 | 甲局 | 丁局 |``. The row's cells
    go under the columns whose cells in the row above are of their kind (text, time, units), as far right as they
    can; the columns left take the cells above. A header written again (a page break) is dropped. ``None`` unless
    some row's cells stand under cells of another kind as written and each finds its column so."""
    width = next((k for k, cell in enumerate(cells) if _ROW_LABEL.fullmatch(cell)), 0)
    if width < 4 or not _HEADER_FIRST.search(cells[0]):
        return None
    header, chunks = cells[:width], [cells[k : k + width] for k in range(width, len(cells), width)]
    rows: list[list[str]] = [header]
    moved = False
    for chunk in chunks:
        if chunk == header[: len(chunk)]:
            continue  # the header again, after a page break (or its start, where the copy stops)
        if not _left_packed(chunk) or not _ROW_LABEL.fullmatch(chunk[0]):
            return None
        filled = [c for c in chunk if c]
        above = rows[-1] if len(rows) > 1 else None
        if len(filled) < width and above is not None and len(filled) >= 3:
            placed = _under_kinds(filled, above)
            if placed is None:
                return None
            moved = moved or placed is not filled
            filled = placed
        rows.append(filled + [""] * (width - len(filled)))
    return rows if moved and len(rows) > 2 else None


def _under_kinds(cells: list[str], above: list[str]) -> list[str] | None:
    """``cells`` (a row's number first) under the columns of ``above`` whose cells are of their kind, each as far
    right as it can go; the other columns take ``above``'s cells. ``cells`` itself when they stand under cells of
    their kind as written (the row's last cells are empty, nothing lost); ``None`` when a cell finds no column."""
    kinds = [_cell_kind(c) for c in above]
    if all(_cell_kind(c) == kinds[k] for k, c in enumerate(cells)):
        return cells
    row = list(above)
    at = len(above)
    for cell in reversed(cells[1:]):
        at = next((k for k in range(at - 1, 0, -1) if kinds[k] == _cell_kind(cell)), 0)
        if not at:
            return None
        row[at] = cell
    row[0] = cells[0]
    return row


def _cell_kind(cell: str) -> str:
    """What a cell holds: a time (``2018年``, ``12月底前``), units (``甲局、乙局``, ``各县(区)政府``), else text."""
    from policykb.ingest.deadlines import DEADLINE_CELL
    from policykb.ingest.unit_names import is_org

    flat = "".join(cell.split())
    if DEADLINE_CELL.match(flat) and len(flat) <= 16:
        return "time"
    return "units" if is_org(re.split(r"[、，,；;]", flat, maxsplit=1)[0]) else "text"


def _cell_run_rows(cells: list[str]) -> list[list[str]] | None:
    """Rows of a run of cells whose header starts with 序号 and whose body rows each start with a number (the first
    at ``1``, or further on where a page's copy begins inside the table), else None."""
    width = next((k for k, cell in enumerate(cells) if _SEQ.fullmatch(cell)), 0)
    if width < 3 or not _HEADER_FIRST.search(cells[0]):
        return None
    rows = [cells[k : k + width] for k in range(0, len(cells), width)]
    if not all(_SEQ.fullmatch(row[0]) for row in rows[1:]):
        return None
    numbers = [int(row[0]) for row in rows[1:]]
    if numbers[0] != 1 and numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return None  # a copy begun inside the table counts on from its first number
    rows[-1] += [""] * (width - len(rows[-1]))
    return rows
