"""Ruled tables on a page of positioned text: the drawn lines of the grid (OFD path objects, the rules OpenCV
finds on a scan) → cells → rows, for the readers that have no table structure of their own (OFD, OCR).

Horizontal and vertical rules that touch one another form one table; their positions cut it into base cells,
and two neighbouring base cells with no rule between them are one merged cell. Every piece of text whose centre
falls inside a cell is that cell's text: its lines joined as one when a line runs to the cell's edge (a wrapped
line), kept apart when it stops short (an item of a list). Rows come out as :func:`tables.table_lines` writes
them, merged cells repeated, so the task-table reader sees what the docx reader gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykb.ingest.layout import Line, drop_page_numbers, merge_pieces, paragraphs, plain_ideographs
from policykb.ingest.tables import fill_grid, table_lines
from policykb.kb.lexicon import CELL_UNIT_ENDS, alternation

__all__ = ["Grid", "Rule", "cell_text", "find_grids", "page_parts"]

_LIST_GOES_ON = re.compile(r"[、，,（(“《]$")
_PUSHED_DOWN = re.compile(r"^[\u4e00-\u9fff](?<![一二三四五六七八九十])[、，,。；;：:）)”》（(“《]")
_OPENING_NUMBER = re.compile(r"^\d+(?:\.\d+)?[%％‰]?(?![\d.．、)）])")
"""A number the next line opens with (``6%。``), never an item's (``2.``, ``3、``): a typesetter moves it down whole."""
_ENDED = re.compile(r"[。；;！？!?：:]$")
_UNIT_END = f"(?:{alternation(CELL_UNIT_ENDS)})"
_LEVEL = r"(?:各|[省市县区州旗])"
_RUN_TOGETHER = re.compile(rf"({_UNIT_END})(?={_LEVEL}[\u4e00-\u9fff]{{1,12}}?{_UNIT_END}(?:[、，；\n]|$))")


@dataclass(frozen=True)
class Rule:
    """A drawn straight line, horizontal or vertical, in page units with y growing downwards."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return abs(self.y1 - self.y0) <= abs(self.x1 - self.x0)

    @property
    def position(self) -> float:
        """y of a horizontal rule, x of a vertical one."""
        return (self.y0 + self.y1) / 2 if self.horizontal else (self.x0 + self.x1) / 2

    def covers(self, value: float, tolerance: float) -> bool:
        """Whether the rule runs past ``value`` along its own direction."""
        low, high = sorted((self.x0, self.x1) if self.horizontal else (self.y0, self.y1))
        return low - tolerance <= value <= high + tolerance


@dataclass
class Grid:
    """One ruled table: the positions of its column and row rules and its cells as
    ``(row, column, row span, column span)``, each with its box ``(x0, top, x1, bottom)``."""

    xs: list[float]
    ys: list[float]
    cells: list[tuple[int, int, int, int]]
    sound: bool = True  # every rule ends on a crossing rule; else the lines were found broken (a blurred scan)

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]

    def box(self, cell: tuple[int, int, int, int]) -> tuple[float, float, float, float]:
        row, col, rows, cols = cell
        return self.xs[col], self.ys[row], self.xs[col + cols], self.ys[row + rows]

    def holds(self, piece: Line) -> bool:
        x, y = (piece.x0 + piece.x1) / 2, (piece.top + piece.bottom) / 2
        return self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]


def find_grids(rules: list[Rule], tolerance: float) -> list[Grid]:
    """The tables the rules draw (at least two rows and two columns), top to bottom, sound or not (see
    :attr:`Grid.sound`); ``tolerance`` is how far apart two rules may be and still be one (a scan's thick or
    tilted line)."""
    rules = [r for r in rules if max(abs(r.x1 - r.x0), abs(r.y1 - r.y0)) > 2 * tolerance]
    grids = [_grid(group, tolerance) for group in _touching(rules, tolerance)]
    return sorted((g for g in grids if g), key=lambda g: g.top)


def _touching(rules: list[Rule], tolerance: float) -> list[list[Rule]]:
    """The rules in groups that touch one another (a horizontal crossing or meeting a vertical)."""
    parent = list(range(len(rules)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(rules):
        for j in range(i + 1, len(rules)):
            b = rules[j]
            if a.horizontal != b.horizontal and a.covers(b.position, tolerance) and b.covers(a.position, tolerance):
                parent[root(i)] = root(j)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(root(i), []).append(rule)
    return list(groups.values())


def _positions(values: list[float], tolerance: float) -> list[float]:
    """Positions within ``tolerance`` of each other taken as one (their mean)."""
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][-1] <= tolerance:
            out[-1].append(value)
        else:
            out.append([value])
    return [sum(group) / len(group) for group in out]


def _grid(rules: list[Rule], tolerance: float) -> Grid | None:
    across = [r for r in rules if r.horizontal]
    down = [r for r in rules if not r.horizontal]
    ys = _positions([r.position for r in across], tolerance)
    xs = _positions([r.position for r in down], tolerance)
    if len(xs) < 3 or len(ys) < 3:
        return None

    def ruled(lines: list[Rule], at: float, middle: float) -> bool:
        return any(abs(r.position - at) <= tolerance and r.covers(middle, 0) for r in lines)

    base = {(r, c): (r, c) for r in range(len(ys) - 1) for c in range(len(xs) - 1)}

    def root(cell: tuple[int, int]) -> tuple[int, int]:
        while base[cell] != cell:
            cell = base[cell]
        return cell

    for r, c in list(base):
        middle_x, middle_y = (xs[c] + xs[c + 1]) / 2, (ys[r] + ys[r + 1]) / 2
        if r + 1 < len(ys) - 1 and not ruled(across, ys[r + 1], middle_x):
            base[root((r + 1, c))] = root((r, c))
        if c + 1 < len(xs) - 1 and not ruled(down, xs[c + 1], middle_y):
            base[root((r, c + 1))] = root((r, c))
    regions: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for cell in base:
        regions.setdefault(root(cell), []).append(cell)
    cells = []
    for members in regions.values():
        rows, cols = [r for r, _ in members], [c for _, c in members]
        cells.append((min(rows), min(cols), max(rows) - min(rows) + 1, max(cols) - min(cols) + 1))
    return Grid(xs, ys, sorted(cells), _sound(across, xs, down, ys, tolerance))


def _sound(across: list[Rule], xs: list[float], down: list[Rule], ys: list[float], tolerance: float) -> bool:
    """Whether every rule of the table ends where a rule across it runs: a drawn table's lines end on its
    borders, and a line that stops in the open was found broken, its cells not to be trusted."""

    def meets(end: float, positions: list[float]) -> bool:
        return any(abs(end - p) <= 2 * tolerance for p in positions)

    return all(meets(r.x0, xs) and meets(r.x1, xs) for r in across) and all(
        meets(r.y0, ys) and meets(r.y1, ys) for r in down
    )


def page_parts(pieces: list[Line], grids: list[Grid], lost_marks: bool = False) -> list[str]:
    """The page's paragraphs and the rows of its sound ruled tables in reading order, each table after the text
    above it (an unsound table's text stays text). ``lost_marks``: the text is OCR's, which drops a list mark at
    a line's end (see :func:`cell_text`)."""
    grids = [grid for grid in grids if grid.sound]
    inside = [[p for p in pieces if grid.holds(p)] for grid in grids]
    outside = drop_page_numbers(merge_pieces([p for p in pieces if not any(g.holds(p) for g in grids)]))
    parts: list[str] = []
    for grid, held in zip(grids, inside):
        above = [line for line in outside if (line.top + line.bottom) / 2 < grid.bottom]
        outside = outside[len(above) :]
        parts.extend(paragraphs(above))
        parts.extend(table_lines(_rows(grid, held, lost_marks)))
    parts.extend(paragraphs(outside))
    return parts


def _rows(grid: Grid, pieces: list[Line], lost_marks: bool) -> list[list[str]]:
    cells = []
    for cell in grid.cells:
        x0, top, x1, bottom = grid.box(cell)
        held = [p for p in pieces if x0 <= (p.x0 + p.x1) / 2 <= x1 and top <= (p.top + p.bottom) / 2 <= bottom]
        cells.append((*cell, cell_text(merge_pieces(held), x1, lost_marks)))
    return [row for row in fill_grid(cells) if any(row)]


def cell_text(lines: list[Line], right: float, lost_marks: bool = False) -> str:
    """A cell's text from its lines, top to bottom: a line that runs to the cell's right edge wraps into the next
    one (joined as one), a line that stops short ends its item (kept as a line break). ``lost_marks``: OCR drops
    a ``、`` (at a line's end most often), so a unit name run into the next (``区公安分局区财政局``) is split."""
    text = ""
    for i, line in enumerate(lines):
        before = lines[i - 1] if i else None
        if (
            before
            and before.x1 < right - 1.8 * line.height - _moved_number(before, line)
            and not _wrapped(before.text, line.text)
        ):
            text += "\n"
        text += line.text.strip()
    return plain_ideographs(_RUN_TOGETHER.sub(r"\1、", text) if lost_marks else text)


def _moved_number(before: Line, line: Line) -> float:
    """How wide the number is that ``line`` opens with, when a typesetter moved it down whole from the end of
    ``before`` (``…零售总额增长`` / ``6%。``): ``before`` stops short of the edge by less than that width, so it still
    wraps. Half-width characters count half. 0 when ``line`` opens with no number or ``before`` ends a sentence."""
    number = _OPENING_NUMBER.match(line.text.strip())
    if not number or _ENDED.search(before.text.strip()):
        return 0.0
    weight = sum(0.5 if ch.isascii() else 1.0 for ch in line.text.strip())
    return (line.x1 - line.x0) * (0.5 * len(number.group())) / weight if weight else 0.0


def _wrapped(before: str, after: str) -> bool:
    """Whether a line that stops short of its cell's edge still wraps into the next: it ends inside a list
    (``市住建局、``), or the next line opens with one character held to a mark that may not start or end a line
    (``局、市财政局``, ``区）人民政府``, ``务“一网通办”``), moved down whole by the typesetter's line-break rules."""
    return bool(_LIST_GOES_ON.search(before.strip()) or _PUSHED_DOWN.match(after.strip()))
