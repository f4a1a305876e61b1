"""Unruled tables on a page of positioned text (OFD text objects, OCR boxes): a task table drawn without lines,
its cells only text boxes aligned in columns, read as a :class:`~policykb.ingest.grid.Grid` so that
:func:`~policykb.ingest.grid.page_parts` writes its rows as it writes a ruled table's.

Rows are read only where the columns are clearly aligned; anything less stays text (a row read wrong is worse
than a table left as lines):

1. **Header.** A visual line whose text runs (pieces closer than a character joined) are the column names of a
   task table (:func:`~policykb.ingest.tasktable.is_header`: a task column and a unit column), with a 序号 column.
2. **Columns.** Between two neighbouring column names lies a gutter. Each line below narrows it by its runs: a
   run that starts in the left column and ends in the gutter moves its left side, one that ends in the right
   column and starts in the gutter its right side. A run that crosses a gutter (a paragraph after the table)
   ends the table; so does a blank gap taller than two lines.
3. **Rows.** Each row starts on the line of its number in the 序号 column (1, 2, 3…, each on its row's first
   line, as Word, WPS and OFD converters set cells by default): the numbers must follow one another, no run may
   straddle the line between two rows, and the space above each number must be at least as wide as any space
   between lines inside a row. A table whose cells are centred vertically fails this and stays text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykb.ingest.grid import Grid
from policykb.ingest.layout import Line, joined, visual_lines
from policykb.ingest.tasktable import column_roles, is_header

__all__ = ["aligned_grids"]

RUN_GAP = 0.8  # pieces closer than this many line heights are one run of text (one cell's line)
BLANK = 2.0  # a gap taller than this many line heights below the last line ends the table
SLACK = 0.15  # line heights by which the space above a row's number may fall short of the widest inside a row
_NUMBER = re.compile(r"\d{1,3}")


@dataclass
class _Column:
    """The gutter to the right of a column: its runs end at or before ``right``, the next column's start at or
    after ``next_left``."""

    right: float
    next_left: float


def aligned_grids(pieces: list[Line], ruled: list[Grid]) -> list[Grid]:
    """The unruled task tables among ``pieces`` (those outside the ``ruled`` tables), top to bottom."""
    free = [p for p in pieces if not any(grid.holds(p) for grid in ruled)]
    lines = [_runs(line) for line in visual_lines(free)]
    grids: list[Grid] = []
    start = 0
    while start < len(lines):
        found = _table(lines, start) if _names_columns(lines[start]) else None
        if found is None:
            start += 1
            continue
        grid, start = found
        grids.append(grid)
    return grids


def _runs(line: list[Line]) -> list[Line]:
    """A visual line's pieces joined into runs: a gap wider than :data:`RUN_GAP` heights separates two cells."""
    runs: list[list[Line]] = []
    for piece in line:
        if runs and piece.x0 - runs[-1][-1].x1 <= RUN_GAP * piece.height:
            runs[-1].append(piece)
        else:
            runs.append([piece])
    return [joined(run) for run in runs]


def _names_columns(runs: list[Line]) -> bool:
    cells = [run.text.replace(" ", "") for run in runs]
    return len(cells) >= 3 and is_header(cells) and "seq" in column_roles(cells)


def _table(lines: list[list[Line]], start: int) -> tuple[Grid, int] | None:
    """The grid of the table whose header is ``lines[start]``, and the index of the first line after it."""
    header = lines[start]
    gutters = [_Column(a.x1, b.x0) for a, b in zip(header, header[1:])]
    body: list[list[tuple[int, Line]]] = []
    height = max(run.height for run in header)
    bottom = max(run.bottom for run in header)
    end = start + 1
    while end < len(lines):
        line = lines[end]
        if min(run.top for run in line) - bottom > BLANK * height:
            break
        placed = _placed(line, gutters)
        if placed is None:
            break
        body.append(placed)
        bottom = max(bottom, max(run.bottom for run in line))
        end += 1
    seq = column_roles([run.text.replace(" ", "") for run in header]).index("seq")
    body = _numbered_part(body, seq)
    ys = _row_edges(header, body, seq, height)
    if ys is None:
        return None
    runs = [*header, *(run for line in body for _, run in line)]
    xs = [min(r.x0 for r in runs) - 0.01, *(g.right + 0.01 for g in gutters), max(r.x1 for r in runs) + 0.01]
    cells = [(r, c, 1, 1) for r in range(len(ys) - 1) for c in range(len(xs) - 1)]
    return Grid(xs, ys, cells), start + 1 + len(body)


def _placed(line: list[Line], gutters: list[_Column]) -> list[tuple[int, Line]] | None:
    """Each run of ``line`` with its column, the gutters narrowed by them; ``None`` if a run crosses a gutter
    (the line is no row of the table). ``gutters`` is changed only when the line fits."""
    trial = [_Column(g.right, g.next_left) for g in gutters]
    placed = []
    for run in line:
        column = 0
        for g in trial:
            if run.x1 <= g.right:
                break
            if run.x0 >= g.next_left:
                column += 1
                continue
            if run.x0 < g.right and run.x1 > g.next_left:
                return None
            left = run.x0 < g.right or (run.x1 <= g.next_left and run.x0 - g.right < g.next_left - run.x1)
            if left:
                g.right = run.x1
                break
            g.next_left = run.x0
            column += 1
        if any(g.right >= g.next_left for g in trial):
            return None
        placed.append((column, run))
    gutters[:] = trial
    return placed


def _numbered_part(body: list[list[tuple[int, Line]]], seq: int) -> list[list[tuple[int, Line]]]:
    """The body down to the line before a run in the 序号 column that is not the next number."""
    expected = None
    for i, line in enumerate(body):
        for column, run in line:
            if column != seq:
                continue
            text = run.text.strip()
            if not _NUMBER.fullmatch(text) or (expected is not None and int(text) != expected):
                return body[:i]
            expected = int(text) + 1
    return body


def _row_edges(header: list[Line], body: list[list[tuple[int, Line]]], seq: int, height: float) -> list[float] | None:
    """The row edges, top to bottom (the header row first), or ``None`` when the rows are not clear."""
    starts = [i for i, line in enumerate(body) if any(column == seq for column, _ in line)]
    if len(starts) < 2 or starts[0] != 0:
        return None
    lines = [header, *([run for _, run in line] for line in body)]
    tops = [min(r.top for r in line) for line in lines]
    bottoms = [max(r.bottom for r in line) for line in lines]
    space = [tops[i + 1] - bottoms[i] for i in range(len(lines) - 1)]  # above line i + 1
    between = {i for i in starts}  # body line i starts a row: the space above it is between rows
    inside = [s for i, s in enumerate(space) if i not in between]
    widest_inside = max(inside, default=float("-inf"))
    if any(space[i] < widest_inside - SLACK * height for i in between):
        return None
    edges = [tops[0] - 0.01]
    for i in starts:
        edge = (bottoms[i] + tops[i + 1]) / 2
        if edge <= edges[-1] or any(r.top < edge < r.bottom for line in lines for r in line):
            return None
        edges.append(edge)
    return [*edges, bottoms[-1] + 0.01]
