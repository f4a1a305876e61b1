"""HTML pages → text: block elements become lines, inline ones stay inside their line, and a data
table becomes rows in the one form of :mod:`policykb.ingest.tables` (rowspan/colspan expanded).

A table used only for page layout (one column, or tables inside it) is not a data table: its
text flows as ordinary paragraphs.

The site around the plan goes first (the text-level rules of :mod:`sitechrome` then take what is left):
menus, sidebars and the page's own header and footer (``nav``, ``aside``, ``header``/``footer`` outside the
article, and their ARIA roles), form controls, and every block of links with next to no other text
(breadcrumbs, related-link lists, 上一篇/下一篇, share buttons). A block whose links are files (the plan's
attachments) stays. A table of page metadata (``索 引 号：`` beside its value, ``发文字号：`` beside the 文号) becomes
one ``label：value`` line per pair, which the identity reader takes its fields from.
"""

from __future__ import annotations

import re

from policykb.ingest.identity import CHROME_LABELS
from policykb.ingest.tables import fill_grid, table_lines

_BLOCKS = (
    "address article aside blockquote caption center dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody thead tfoot tr td th ul"
).split()
_SPAN = re.compile(r"\d+")
_ARTICLE = 1500  # characters in one cell beyond which the "table" is a page layout around an article
_SITE_PARTS = ["nav", "aside"]
_PAGE_FRAME = ["header", "footer"]
_ARTICLE_TAGS = ["article", "main"]
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"}
_CONTROLS = ["input", "select", "option", "button", "textarea", "iframe", "object", "embed", "svg", "canvas"]
_LINK_BLOCKS = ["ul", "ol", "dl", "div", "section", "table"]  # whole blocks: never a cell, a sentence or a span in one
_FILE_LINK = re.compile(r"\.(?:pdf|docx?|xlsx?|wps|et|ofd|zip|rar|7z|txt|csv)(?:$|[?#])", re.IGNORECASE)
_NOT_WORD = re.compile(r"[\W\d_]+")
_TITLE_SEPARATOR = re.compile(r"[_|｜]| [-－—–] |——")
_HEADINGS = ["h1", "h2", "h3", "h4"]
MIN_LINKS = 2
LINK_SHARE = 0.85  # share of a block's words in its links beyond which the block is links, not text
_META_LABEL = re.compile(rf"(?:{CHROME_LABELS})[:：]?")
_STRONG_META = re.compile(r"索引号|发文字号|成文日期|发布机构|发文机关|主题分类")


def read_html(html: str) -> str:
    """The text of an HTML page, one block per line, tables as row lines."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", *_CONTROLS]):
        tag.decompose()
    _drop_site_parts(soup)
    _trim_page_title(soup)
    for table in reversed(soup.find_all("table")):  # innermost first
        pairs = _metadata_pairs(table)
        if pairs:
            block = soup.new_tag("div")
            block.string = "\n" + "\n".join(f"{label}：{value}" for label, value in pairs) + "\n"
            table.replace_with(block)
        elif _is_data_table(table):
            block = soup.new_tag("div")
            block.string = "\n" + "\n".join(table_lines(_grid(table))) + "\n"
            table.replace_with(block)
    return _block_text(soup)


def _drop_site_parts(soup) -> None:  # noqa: ANN001 - a BeautifulSoup tree
    """Remove the site's menus, sidebars, header and footer, and every block that is links and little else."""
    chrome = soup.find_all(_SITE_PARTS)
    chrome += [tag for tag in soup.find_all(_PAGE_FRAME) if _site_frame(tag)]
    chrome += soup.find_all(attrs={"role": lambda role: role is not None and role.lower() in _CHROME_ROLES})
    chrome += [tag for tag in soup.find_all(_LINK_BLOCKS) if _link_block(tag) and not _in_data_table(tag)]
    for tag in chrome:
        if not getattr(tag, "decomposed", False):
            tag.decompose()


def _trim_page_title(soup) -> None:  # noqa: ANN001
    """The page's ``<title>`` without the site's name after a separator (``X方案_青禾市人民政府`` → ``X方案``);
    none when the page's body states the same title (its ``h1``), so the title is read once."""
    title = soup.find("title")
    if title is None or not title.get_text(strip=True):
        return
    parts = [part.strip() for part in _TITLE_SEPARATOR.split(title.get_text()) if part.strip()]
    trimmed = max(parts, key=len)
    headings = soup.body.find_all(_HEADINGS) if soup.body is not None else []
    if any(_squeezed(tag.get_text()) == _squeezed(trimmed) for tag in headings):
        title.decompose()
    else:
        title.string = trimmed


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _site_frame(tag) -> bool:  # noqa: ANN001
    """A ``header`` or ``footer`` of the site, not of the article: outside ``article``/``main``, and for a header,
    holding no heading (a page without ``article`` may put the plan's title in a ``header``)."""
    if tag.find_parent(_ARTICLE_TAGS) is not None:
        return False
    return tag.name == "footer" or tag.find(["h1", "h2", "h3"]) is None


def _words(text: str) -> int:
    return len(_NOT_WORD.sub("", text))


def _link_block(tag) -> bool:  # noqa: ANN001
    """Two or more links (not to files) holding nearly all of the block's words: a menu, a breadcrumb, a list of
    related pages. Digits and punctuation (dates, ``>``, ``|``) do not count as words."""
    links = tag.find_all("a", href=True)
    if len(links) < MIN_LINKS or 2 * sum(bool(_FILE_LINK.search(a["href"])) for a in links) >= len(links):
        return False
    in_links = sum(_words(a.get_text()) for a in links)
    return in_links > 0 and in_links >= LINK_SHARE * _words(tag.get_text())


def _in_data_table(tag) -> bool:  # noqa: ANN001
    """Inside a cell of a data table (units written as links there are the table's data)."""
    table = tag.find_parent("table")
    return table is not None and _is_data_table(table)


def _metadata_pairs(table) -> list[tuple[str, str]]:  # noqa: ANN001
    """The ``(label, value)`` pairs of a table of page metadata (``索 引 号：`` | value | ``主题分类：`` | value), or
    ``[]`` for any other table. Two pairs at least, their labels ending in a colon or one of them a label only
    such a table has (索引号, 发文字号, 成文日期 …)."""
    pairs: list[tuple[str, str]] = []
    for row in _rows(table):
        cells = [" ".join(_block_text(td).split()) for td in row.find_all(["td", "th"], recursive=False)]
        for label, value in zip(cells, [*cells[1:], ""]):
            key = "".join(label.split())
            if key and _META_LABEL.fullmatch(key) and not _META_LABEL.fullmatch("".join(value.split()) or "-"):
                pairs.append((key.rstrip(":："), value))
    labels = [label for label, _ in pairs]
    colons = sum(
        1 for row in _rows(table) for td in row.find_all(["td", "th"]) if td.get_text(strip=True)[-1:] in ":："
    )
    if len(pairs) < 2 or not (colons >= len(pairs) or any(_STRONG_META.fullmatch(label) for label in labels)):
        return []
    return pairs


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
