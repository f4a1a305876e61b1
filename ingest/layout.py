"""Lines placed on a page → paragraphs, for the formats that give text by position (PDF, OFD, OCR).

A page-laid document breaks a paragraph into visual lines. A line starts a new paragraph
when it opens with a 公文 heading mark (``一、``, ``（一）``, ``1.``, ``第一章``, ``附件``), is
indented past the left margin, follows a line that stopped short of the right margin, or
sits after a gap taller than the usual line spacing; otherwise it continues the paragraph.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass

_HEADING = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇0-9]+[章节条部分篇]|[一二三四五六七八九十]+[、.．]|"
    r"[（(][一二三四五六七八九十0-9]+[）)]|[0-9]{1,2}[.．、](?![0-9])|附件|附表)"
)
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－_\s]*\d{1,4}[-—–－_\s]*|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$"
)
_RADICALS = re.compile(r"[\u2e80-\u2fdf\uf900-\ufaff\u6236\u3b35]")
# CJK Radicals Supplement characters (no NFKC form) and the ideograph whose glyph they share in the
# Simplified Chinese faces of Noto CJK: a PDF's font maps that one glyph back to the radical (``人⺠``, ``部⻔``).
_SUPPLEMENT = (
    "⺂乛⺃乚⺅亻⺉刂⺋㔾⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺟母⺠民⺡氵⺣灬⺤爫⺦丬⺨犭"
    "⺫罒⺭礻⺯糹⺰纟⺱罓⺲罒⺳㓁⺹耂⺺肀⺾艹⻁虎⻂衤⻃覀⻅见⻆角⻈讠⻉贝⻋车⻌辶⻐钅⻑長⻒镸⻓长⻔门"
    "⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻟飠⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻮齿⻯竜⻰龙⻱龜"
    "⻲亀⻳龟"
    "戶户㬵胶"  # not radicals: the glyph Noto CJK SC shares with 户 and 胶 maps back to these (``账戶``, ``橡㬵``)
)
_SUPPLEMENT_IDEOGRAPHS = str.maketrans(dict(zip(_SUPPLEMENT[::2], _SUPPLEMENT[1::2], strict=True)))
_LATIN_END = re.compile(r"[A-Za-z]$")  # a word of letters broken at a line's end is two words: a space between
_LATIN_START = re.compile(r"^[A-Za-z]")  # …but a number broken there (``20`` / ``19年``) is one number


@dataclass
class Line:
    """One visual line of text with its box on the page (any unit, y growing downwards)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1e-6)


def visual_lines(pieces: list[Line]) -> list[list[Line]]:
    """Text pieces (characters, words, OCR boxes) gathered into visual lines, top to bottom, each line's pieces
    left to right."""
    lines: list[list[Line]] = []
    for piece in sorted(pieces, key=lambda p: (p.top + p.bottom) / 2):
        centre = (piece.top + piece.bottom) / 2
        if lines:
            last = lines[-1]
            top, bottom = min(p.top for p in last), max(p.bottom for p in last)
            if top <= centre <= bottom or abs(centre - (top + bottom) / 2) < 0.35 * piece.height:
                last.append(piece)
                continue
        lines.append([piece])
    return [sorted(group, key=lambda p: p.x0) for group in lines]


def merge_pieces(pieces: list[Line]) -> list[Line]:
    """Text pieces gathered into visual lines (:func:`visual_lines`), each one :class:`Line` (a wide gap between
    pieces becomes a space)."""
    return [joined(group) for group in visual_lines(pieces)]


def joined(pieces: list[Line]) -> Line:
    """Pieces of one visual line, left to right, as one line (a wide gap between pieces becomes a space)."""
    text = pieces[0].text
    for before, piece in zip(pieces, pieces[1:]):
        gap = piece.x0 - before.x1
        text += (" " if gap > 0.8 * piece.height else "") + piece.text
    return Line(
        text=text,
        x0=pieces[0].x0,
        x1=max(p.x1 for p in pieces),
        top=min(p.top for p in pieces),
        bottom=max(p.bottom for p in pieces),
    )


def drop_page_numbers(lines: list[Line]) -> list[Line]:
    """The lines without a page number (``- 3 -``, ``— 3 —``, ``第3页``, ``3/10``) at the top or bottom."""
    lines = [line for line in lines if line.text.strip()]
    while lines and _page_number(lines[-1]):
        lines.pop()
    while lines and _page_number(lines[0]):
        lines.pop(0)
    return lines


def _page_number(line: Line) -> bool:
    """Whether ``line`` is a page number; read with radicals as ordinary characters (a browser prints the 页 of
    ``第2页`` with the glyph of the radical ⻚)."""
    return bool(_PAGE_NUMBER.match(plain_ideographs(line.text).strip()))


_PRINT_STAMP = re.compile(  # a browser's print header: the date and time it printed (``12/7/26, 4:46 AM …``)
    r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}[,，]?\s*(?:上午|下午)?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s|$)"
)
_PRINT_ADDRESS = re.compile(  # …and its footer: the page's address, then the page counter (``https://… 1/3``)
    r"^(?:(?:https?|file)://\S+|about:blank)(?:\s+\d{1,4}\s*/\s*\d{1,4})?$"
)
SHORT_OF_MARGIN = 2.5  # characters a line may end before the right margin and run on (line-breaking rules)
EDGE_LINES = 2  # lines at a page's top and at its bottom that may be its running header or footer


def _running_key(line: Line) -> tuple[str, int]:
    """A line's text (numbers and spaces aside, so ``第3页`` and ``第4页`` agree) and its height on the page."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", plain_ideographs(line.text))), round(line.top / 3)


def _printed_mark(line: Line) -> bool:
    text = line.text.strip()
    return bool(_PRINT_STAMP.match(text) or _PRINT_ADDRESS.match(text))


def running_lines(pages: list[list[Line]]) -> list[tuple[int, int]]:
    """For each page's lines (top to bottom), how many at its top and at its bottom are page furniture: a running
    header or footer (the same text, numbers aside, at the same height on two pages or more and on half the pages
    at least: ``青禾市人民政府公报`` over every page, ``第3页 共9页``), or a browser's print stamp (the time it printed
    the page, the page's address)."""
    edges = [[*lines[:EDGE_LINES], *lines[-EDGE_LINES:]] for lines in pages]
    seen = Counter(key for edge in edges for key in {_running_key(line) for line in edge})
    floor = max(2, (len(pages) + 1) // 2)

    def furniture(line: Line) -> bool:
        return _printed_mark(line) or (seen[_running_key(line)] >= floor and len(_running_key(line)[0]) >= 2)

    out = []
    for lines in pages:
        top = 0
        while top < min(EDGE_LINES, len(lines)) and furniture(lines[top]):
            top += 1
        bottom = 0
        while bottom < min(EDGE_LINES, len(lines) - top) and furniture(lines[len(lines) - 1 - bottom]):
            bottom += 1
        out.append((top, bottom))
    return out


def join_pages(pages: list[list[str]], ended: list[bool] | None = None) -> list[str]:
    """Paragraphs of consecutive pages, a paragraph cut by a page break joined again: the next
    page's first paragraph continues the last one when that one has no closing punctuation and
    the next opens with no heading mark (table rows are never joined), and the page's last line did not stop
    short of the margin (``ended``, per page, when the reader knows it: a heading at a page's foot)."""
    out: list[str] = []
    last_ended = False
    for number, page in enumerate(pages):
        for i, text in enumerate(page):
            if i == 0 and out and not last_ended and _continues(out[-1], text):
                out[-1] += text
            else:
                out.append(text)
        if page:
            last_ended = bool(ended and ended[number])
    return out


def stops_short(lines: list[Line]) -> bool:
    """Whether the last of a page's visual lines stopped short of the right margin the others keep: its paragraph
    ends there (the rule :func:`paragraphs` reads within a page)."""
    if len(lines) < 2:
        return False
    size = statistics.median(line.height for line in lines)
    return lines[-1].x1 < max(line.x1 for line in lines) - SHORT_OF_MARGIN * size


def _continues(before: str, text: str) -> bool:
    if before.startswith("|") or text.startswith("|") or _HEADING.match(text):
        return False
    return not re.search(r"[。！？；：:;!?”’」』）)\]］】〕]$", before)


def plain_ideographs(text: str) -> str:
    """Kangxi radicals, radicals of the supplement and compatibility ideographs that PDF fonts often map glyphs
    to (``⼀、⼯作⽬标``, ``负责部⻔``) written as the ordinary characters (``一、工作目标``, ``负责部门``); other
    characters are left as they are."""
    return _RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m.group().translate(_SUPPLEMENT_IDEOGRAPHS)), text)


def paragraphs(lines: list[Line]) -> list[str]:
    """The paragraphs of one page's visual lines (in reading order), radicals written as ordinary characters."""
    lines = [Line(plain_ideographs(line.text), line.x0, line.x1, line.top, line.bottom) for line in lines]
    lines = [line for line in lines if line.text.strip()]
    if not lines:
        return []
    left = min(line.x0 for line in lines)
    right = max(line.x1 for line in lines)
    size = statistics.median(line.height for line in lines)
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.top > a.bottom]
    spacing = statistics.median(gaps) if gaps else size
    out: list[str] = [lines[0].text.strip()]
    for before, line in zip(lines, lines[1:]):
        text = line.text.strip()
        if _starts_paragraph(before, line, left, right, size, spacing):
            out.append(text)
        else:
            space = " " if _LATIN_END.search(out[-1]) and _LATIN_START.match(text) else ""
            out[-1] += space + text
    return out


_UNBROKEN_START = re.compile(r"[0-9A-Za-z.,%‰+\-/]+[。，、；：？！）)\]”’%]*")
"""What opens a line and cannot be broken: a number or word of half-width characters, with the marks a line may
not open with (``85%。``)."""


def _pushed_down(before: Line, text: str, right: float, size: float) -> bool:
    """Whether the line above stopped short only because the next line's first number or word (``85%。``) was too
    wide for the space left: the paragraph runs on (a line ending a sentence or a label ends it still)."""
    if re.search(r"[。！？；：:;!?]$", before.text.strip()) or not (lead := _UNBROKEN_START.match(text)):
        return False
    wide = sum(0.6 if ord(ch) < 0x2000 else 1.0 for ch in lead.group()) * size
    return right - before.x1 < wide + size


def _starts_paragraph(before: Line, line: Line, left: float, right: float, size: float, spacing: float) -> bool:
    text = line.text.strip()
    return bool(
        _HEADING.match(text)
        or line.x0 > left + 1.2 * size  # indented first line, or a centred line
        or (before.x1 < right - SHORT_OF_MARGIN * size and not _pushed_down(before, text, right, size))
        or line.top - before.bottom > max(1.6 * spacing, 0.8 * size)
    )
