"""Lines a printed page wrapped, joined back into their paragraphs.

A plan copied out of a PDF as text keeps the page's line breaks: every line runs to the page's width, wherever the
sentence stands (``…有关要求，以高`` / ``标准建设整洁社区…``), and only a paragraph's last line stops short. Every
rule downstream reads a line as a paragraph, so such a text is read with each run of full lines joined to the line
that ends it.

A text is read as printed when many of its lines (:data:`MIN_FULL_LINES`) share one width of at least
:data:`MIN_PAGE_WIDTH` characters, and few run wider. A full line joins the next unless it ends a sentence or a
label (``。`` ``；`` ``：``), or the next line opens a numbered item or a responsibility label. A first line indented
by two characters, or holding half-width marks, still counts as full (:data:`SLACK`). A numbered item's line that
reads as its heading joins the next only while the two still read as one (``一、…的全面`` / ``领导``): a long first
sentence is not read as a heading (ingest/structure.py), so the item keeps the heading its first line gives.
"""

from __future__ import annotations

from collections import Counter

from policykb.ingest.responsibility import LABEL
from policykb.ingest.structure import heading_of
from policykb.kb.text import SENTENCE_END, heading_number_end

__all__ = ["unwrap_printed_lines"]

MIN_PAGE_WIDTH = 20  # characters of a printed line, at the least
MIN_FULL_LINES = 6  # lines at the page's width before a text is read as printed
SLACK = 2.5  # characters a full line may fall short of the page's width: a two-character indent, half-width marks
WIDER_SHARE = 0.2  # of the full lines, how many lines may run wider than the page (a title, a site's header)
ENDS_LINE = SENTENCE_END + "：:|"  # a sentence, a label, a table row


def width(line: str) -> float:
    """How wide ``line`` prints: a Chinese character or full-width mark counts 1, a half-width character ½."""
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in line)


def page_width(widths: list[float]) -> float:
    """The width most lines of a printed text run to, else 0 (the text was not printed with wrapped lines)."""
    common = Counter(round(w) for w in widths if w >= MIN_PAGE_WIDTH)
    if not common:
        return 0.0
    page = float(max(w for w, n in common.items() if n == max(common.values())))
    full = sum(1 for w in widths if page - SLACK <= w <= page + 1)
    wider = sum(1 for w in widths if w > page + 1)
    return page if full >= MIN_FULL_LINES and wider <= WIDER_SHARE * full else 0.0


def _opens_item(line: str) -> bool:
    """Whether ``line`` opens a numbered item or a responsibility label (``2.`` ``（三）`` ``牵头单位：``)."""
    return bool(heading_number_end(line) or LABEL.match(line))


def _stays_heading(before: str, line: str) -> bool:
    """Whether ``before`` joined with ``line`` still reads as a heading when ``before`` reads as one."""
    return heading_of(before) is None or heading_of(before + line) is not None


def unwrap_printed_lines(text: str, title: str = "") -> str:
    """``text`` (one line a paragraph, normalised) with the lines a printed page wrapped joined again; unchanged when
    it was not printed so. A line that is the plan's ``title`` stands alone (a site's title line above the page)."""
    lines = text.split("\n")
    widths = [width(line) for line in lines]
    page = page_width(widths)
    if not page:
        return text
    out: list[str] = []
    joins = False
    for line, line_width in zip(lines, widths):
        if joins and not _opens_item(line) and _stays_heading(out[-1], line):
            out[-1] += line
        else:
            out.append(line)
        joins = line_width >= page - SLACK and not line.endswith(tuple(ENDS_LINE)) and line != title
    return "\n".join(out)
