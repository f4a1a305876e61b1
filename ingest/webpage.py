"""HTML pages → text: block elements become lines, inline ones stay inside their line, and a data
table becomes rows in the one form of :mod:`policykb.ingest.tables` (rowspan/colspan expanded).

A table used only for page layout (one column, or tables inside it) is not a data table: its
text flows as ordinary paragraphs.
"""

from __future__ import annotations

import re

from policykb.ingest.tables import fill_grid, table_lines

_BLOCKS = (
    "address article aside blockquote caption center dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody thead tfoot tr td th ul"
).split()
_SPAN = re.compile(r"\d+")
_ARTICLE = 1500  # characters in one cell beyond which the "table" is a page layout around an article


def read_html(html: str) -> str:
    """The text of an HTML page, one block per line, tables as row lines."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    for table in reversed(soup.find_all("table")):  # innermost first
        if _is_data_table(table):
            block = soup.new_tag("div")
            block.string = "\n" + "\n".join(table_lines(_grid(table))) + "\n"
            table.replace_with(block)
    return _block_text(soup)


def _block_text(node) -> str:  # noqa: ANN001 - a BeautifulSoup tag
    """Text with a line break around every block element and at every ``<br>``; inline
    elements (``<span>``, ``<b>``, ``<a>``) stay inside their line."""
    for br in node.find_all("br"):
        br.replace_with("\n")
    for block in node.find_all(_BLOCKS):
        block.insert_before("\n")
        block.insert_after("\n")
    text = node.get_text("")
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def _is_data_table(table) -> bool:  # noqa: ANN001
    """A table of data, not of page layout: no table or heading inside, two or more columns, and
    no cell holding a whole article."""
    rows = _rows(table)
    if not rows or table.find(["table", "h1", "h2", "h3", "h4", "h5", "h6"]) is not None:
        return False
    cells = [cell for row in rows for cell in row.find_all(["td", "th"], recursive=False)]
    if any(len(cell.get_text(strip=True)) > _ARTICLE for cell in cells):
        return False
    return max(len(r.find_all(["td", "th"], recursive=False)) for r in rows) >= 2


def _rows(table) -> list:  # noqa: ANN001
    """The table's own rows (not those of a nested table)."""
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _grid(table) -> list[list[str]]:  # noqa: ANN001
    """The table as a full grid, a cell spanning rows or columns repeated in each."""
    cells: list[tuple[int, int, int, int, str]] = []
    taken: set[tuple[int, int]] = set()
    rows = _rows(table)
    for r, tr in enumerate(rows):
        c = 0
        for td in tr.find_all(["td", "th"], recursive=False):
            while (r, c) in taken:
                c += 1
            row_span, col_span = min(_span(td, "rowspan"), len(rows) - r), _span(td, "colspan")
            cells.append((r, c, row_span, col_span, _block_text(td)))
            taken.update((r + i, c + j) for i in range(row_span) for j in range(col_span))
            c += col_span
    return fill_grid(cells)


def _span(cell, attribute: str) -> int:  # noqa: ANN001
    match = _SPAN.search(str(cell.get(attribute) or "1"))
    return max(1, min(int(match.group()), 1000)) if match else 1
