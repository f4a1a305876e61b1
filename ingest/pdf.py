"""PDF → text: the text layer read line by line and joined into paragraphs, ruled tables read as
rows (pdfplumber's table finder) in their place between the paragraphs, and pages with no usable
text layer (scans, or glyphs without a Unicode map) read by OCR.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from policykb.ingest.errors import DocumentError
from policykb.ingest.grid import cell_text
from policykb.ingest.layout import Line, drop_page_numbers, join_pages, paragraphs, running_lines, stops_short
from policykb.ingest.tables import fill_grid, table_lines

_GOOD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9\u3000-\u303f\uff01-\uff5e，。、；：？！“”‘’（）《》\s.,;:%()\-]")
_CID = re.compile(r"\(cid:\d+\)")
_MIN_TEXT = 20  # characters below which a page with an image counts as scanned


@dataclass
class PdfText:
    """A PDF's paragraphs, the pages whose text came from OCR, the scanned pages left unread
    (the OCR extra missing), the OCR confidence of each page read with low confidence and the pages whose ruled
    table OCR could not cut into cells (both need review)."""

    paragraphs: list[str]
    ocr_pages: list[int] = field(default_factory=list)
    pages: int = 0
    unread_pages: list[int] = field(default_factory=list)
    review_pages: dict[int, float] = field(default_factory=dict)
    unread_tables: list[int] = field(default_factory=list)


def read_pdf(path: Path, max_pages: int) -> PdfText:
    """Paragraphs and table rows of every page, OCR where the text layer is missing or garbage.

    Raises:
        DocumentError: encrypted, corrupt, too many pages, or scanned without the OCR extra.
    """
    _refuse_encrypted(path)
    import pdfplumber

    try:
        with pdfplumber.open(str(path)) as pdf:
            count = len(pdf.pages)
            if count > max_pages:
                raise DocumentError(
                    f"PDF 页数过多（{count} 页，上限 {max_pages} 页，可用 POLICYKB_MAX_PAGES 调整）：{path.name}"
                )
            laid, scanned = [], []
            for index, page in enumerate(pdf.pages):
                parts, needs_ocr = _page_parts(page)
                laid.append(parts)
                if needs_ocr:
                    scanned.append(index)
                page.close()
            pages, ended = _without_furniture(laid)
    except DocumentError:
        raise
    except Exception as exc:  # pdfminer raises assorted errors on malformed files
        raise DocumentError(f"PDF 文件已损坏或不完整：{path.name}") from exc
    skipped: list[int] = []
    review: dict[int, float] = {}
    tables: list[int] = []
    if scanned:
        from policykb.ingest.ocr import LOW_CONFIDENCE, ocr_available, ocr_pdf_pages

        if ocr_available() or len(scanned) == count:
            for index, reading in ocr_pdf_pages(path, scanned).items():
                pages[index] = reading.paragraphs
                if reading.confidence < LOW_CONFIDENCE:
                    review[index] = reading.confidence
                if reading.table_unread:
                    tables.append(index)
        else:  # the text pages read; a scanned one (often the sealed last page) keeps what text it has, noted
            scanned, skipped = [], scanned
    ended = [e and i not in scanned for i, e in enumerate(ended)]
    return PdfText(join_pages(pages, ended), scanned, count, skipped, review, tables)


def _refuse_encrypted(path: Path) -> None:
    """Raise when the PDF needs a password to open (an owner password alone is no obstacle)."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(str(path))
        locked = reader.is_encrypted and not reader.decrypt("")
    except Exception as exc:  # pypdf raises assorted errors on malformed files
        raise DocumentError(f"PDF 文件已损坏或不完整：{path.name}") from exc
    if locked:
        raise DocumentError(f"PDF 文件已加密（需要密码才能打开），请先解除密码保护再导入：{path.name}")


# A page's text in reading order: runs of visual lines (still to be joined into paragraphs) and table grids.
Parts = list[list[Line] | list[list[str]]]
_NUMBER = re.compile(r"\d{1,3}")


def _without_furniture(laid: list[Parts]) -> tuple[list[list[str]], list[bool]]:
    """Each page's paragraphs and table lines, its running header and footer left out (layout.running_lines):
    else a header's line would run into the paragraph a page break cut, and, wider than the text, would make
    every line of the page look short of the margin (each line read as a paragraph); and for each page whether
    its text ended in a line that stopped short (its last paragraph ends on the page)."""
    runs = [[line for part in parts if _is_lines(part) for line in part] for parts in laid]
    pages: list[list[str | list[list[str]]]] = []
    ended = []
    for parts, (top, bottom) in zip(laid, running_lines(runs), strict=True):
        out: list[str | list[list[str]]] = []
        kept: list[Line] = []
        first, last = _first_last_lines(parts)
        for i, part in enumerate(parts):
            if not _is_lines(part):
                out.append(part)
                continue
            start = top if i == first else 0
            end = len(part) - (bottom if i == last else 0)
            kept = part[start:end]
            out.extend(paragraphs(kept))
        pages.append(out)
        ended.append(bool(parts) and _is_lines(parts[-1]) and stops_short(kept))
    _join_split_rows(pages)
    return [[line for item in page for line in _text(item)] for page in pages], ended


def _text(item: str | list[list[str]]) -> list[str]:
    return [item] if isinstance(item, str) else table_lines(item)


def _join_split_rows(pages: list[list[str | list[list[str]]]]) -> None:
    """A table row the page break cut in two, joined again: when a page opens with a table as wide as the one that
    ended the page before, whose rows are numbered (序号), a first row with no number is the rest of the cut row
    (its cells' text added to the row's), not a row of its own."""
    for before, page in zip(pages, pages[1:]):
        if not before or not page or isinstance(before[-1], str) or isinstance(page[0], str):
            continue
        above, below = before[-1], page[0]
        if not above or not below or len(above[-1]) != len(below[0]) or below[0][0].strip():
            continue
        numbered = [row[0].strip() for row in above[1:]]
        if numbered and all(_NUMBER.fullmatch(n) for n in numbered) and any(c.strip() for c in below[0]):
            above[-1] = [a + b for a, b in zip(above[-1], below[0], strict=True)]
            del below[0]


def _is_lines(part: list) -> bool:
    """A run of visual lines (an empty run too), not a table's grid."""
    return not part or isinstance(part[0], Line)


def _first_last_lines(parts: Parts) -> tuple[int, int]:
    """Indexes of the first and last parts holding visual lines (the page's top and bottom lines), else -1."""
    held = [i for i, part in enumerate(parts) if part and _is_lines(part)]
    return (held[0], held[-1]) if held else (-1, -1)


def _page_parts(page) -> tuple[Parts, bool]:  # noqa: ANN001 - pdfplumber Page
    """The page's runs of visual lines and table lines in reading order, and whether it needs OCR (then the
    lines are what little text a scan has, or none when the text layer is garbage)."""
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    boxes = [t.bbox for t in tables]

    def outside_tables(obj: dict) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside_tables) if tables else page
    lines = drop_page_numbers([_line(raw) for raw in text_page.extract_text_lines(return_chars=False)])
    if tables:
        return _assemble(page, tables, lines), False
    if _garbage(lines):
        return [], True
    return _assemble(page, tables, lines), _scanned(page, lines)


def _assemble(page, tables: list, lines: list[Line]) -> Parts:  # noqa: ANN001
    """Runs of visual lines and table lines in reading order, each table after the text above and beside it."""
    parts: Parts = []
    for table in tables:
        above = [line for line in lines if (line.top + line.bottom) / 2 < table.bbox[3]]
        lines = lines[len(above) :]
        parts.append(above)
        parts.append(_table_grid(page, table))
    parts.append(lines)
    return parts


def _line(raw: dict) -> Line:
    return Line(str(raw["text"]), float(raw["x0"]), float(raw["x1"]), float(raw["top"]), float(raw["bottom"]))


def _garbage(lines: list[Line]) -> bool:
    """Text that is mostly glyphs with no Unicode map or characters no plan is written in."""
    text = _CID.sub("\ufffd", "".join(line.text for line in lines))  # an unmapped glyph: one bad character
    return len(text.strip()) >= _MIN_TEXT and len(_GOOD.findall(text)) < 0.6 * len(text)


def _scanned(page, lines: list[Line]) -> bool:  # noqa: ANN001
    """(Almost) no text on a page that images cover by a third or more: a scan."""
    if len("".join(line.text for line in lines).strip()) >= _MIN_TEXT or not page.images:
        return False
    x0, top, x1, bottom = page.bbox
    covered = sum(
        max(0.0, min(i["x1"], x1) - max(i["x0"], x0)) * max(0.0, min(i["bottom"], bottom) - max(i["top"], top))
        for i in page.images
    )
    return covered >= 0.3 * (x1 - x0) * (bottom - top)


def _table_grid(page, table) -> list[list[str]]:  # noqa: ANN001 - pdfplumber Page and Table
    """A ruled table as a full grid: a merged cell (one box over several rows or columns)
    repeated in each position it covers."""
    xs = sorted({round(c, 1) for cell in table.cells for c in (cell[0], cell[2])})
    ys = sorted({round(c, 1) for cell in table.cells for c in (cell[1], cell[3])})
    cells: list[tuple[int, int, int, int, str]] = []
    for box in table.cells:
        col, col_end = _index(xs, box[0]), _index(xs, box[2])
        row, row_end = _index(ys, box[1]), _index(ys, box[3])
        cells.append((row, col, max(1, row_end - row), max(1, col_end - col), _cell_text(page, box)))
    return [row for row in fill_grid(cells) if any(row)]


def _cell_text(page, box: tuple[float, float, float, float]) -> str:  # noqa: ANN001
    """A cell's text: a line that runs to the cell's right edge wraps into the next one (joined
    as one), a line that stops short ends its item (kept as a line break)."""
    x0, top, x1, bottom = box
    inside = page.filter(
        lambda o: (
            o.get("object_type") != "char"
            or (x0 <= (o["x0"] + o["x1"]) / 2 <= x1 and top <= (o["top"] + o["bottom"]) / 2 <= bottom)
        )
    )
    return cell_text([_line(raw) for raw in inside.extract_text_lines(return_chars=False)], x1)


def _index(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))
