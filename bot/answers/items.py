"""The items of a plan that the outline of its headings does not show: bullets, paragraphs that open alike, the
plan's numbered measures, and a list a sentence binds to the thing it names.

* A section lists its items as bullets (``——坚持A、B。…``, ``●A``, ``①A``) or as paragraphs that each open with
  the same word (``坚持A。…``), not as numbered sub-sections: :func:`section_items`.
* ``第1条措施`` with no section named: the plan's finest numbered items (``1.`` under ``一、``/``（一）``) outside
  its framing parts (总体要求, 基本原则, 保障措施 …), in order, while their numbers run 1, 2, 3: :func:`measures`.
* ``主要任务是哪几项`` when no heading is 主要任务: the list a sentence binds to it (``以A、B、C为主要任务``,
  ``主要任务包括A、B、C``, ``分为A、B、C4个方面``): :func:`bound_lists`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from policykb.bot.grounding import chinese_number
from policykb.kb.lexicon import (
    BOUND_LIST_VERBS,
    BULLET_MARKS,
    CIRCLED_NUMBERS,
    FRAME_PART_WORDS,
    LIST_OPENING_WORDS,
    longest_first,
)
from policykb.kb.records import DocumentRecord, Section
from policykb.kb.text import heading_number_end, heading_title

__all__ = ["ITEM_END", "LIST_RUN", "OPENING_WORD", "Item", "bound_lists", "framing", "measures", "section_items"]

BULLET = re.compile(rf"^\s*(?:{'|'.join(map(re.escape, longest_first(BULLET_MARKS)))}|[{CIRCLED_NUMBERS}])\s*")
INLINE_BULLET = rf"(?:——|[●◆■▲★☆•※{CIRCLED_NUMBERS}])"
INLINE_ITEM = re.compile(rf"(?:[^\n]+?(?=(?<=[。；;])\s*{INLINE_BULLET})|[^\n]+)")
"""A line, or the run of a line up to a bullet that follows the end of a sentence."""
LEAD = 30  # characters of an item's first sentence read as its lead (a longer one leads with its first clause)
LEAD_END = re.compile(r"[。；;：:！!]")
CLAUSE_END = re.compile(r"[，,]")
OPENING = 2  # characters every paragraph of a list of paragraphs opens with alike (坚持…)
MIN_ITEMS = 2
MEASURE_LEVELS = (3, 2, 1)  # 1. under 一、/（一）, else （一）, else 一、 ; never （1）, the points of a measure
LIST_ITEM = r"[^，,。；;：:“”、\s（）()《》〈〉]{1,18}"
LIST_RUN = rf"{LIST_ITEM}(?:、{LIST_ITEM})+"
OPENING_WORD = re.compile(f"^(?:{'|'.join(longest_first(LIST_OPENING_WORDS))})+")
ITEM_END = re.compile(r"(?:的|等|”).*$")
NUMERAL = r"(?:[一二三四五六七八九十两]{1,3}|\d{1,3})"


@dataclass(frozen=True)
class Item:
    """One item of a list: where it starts in the plan's text, its lead (its first sentence, short) and its line."""

    start: int
    lead: str
    line: str


def section_items(doc: DocumentRecord, section: Section) -> list[Item]:
    """The bulleted items of ``section``'s own text, else its paragraphs when two or more each open with the same
    word and lead with a short sentence; ``[]`` when it lists neither."""
    lines = list(_own_lines(doc, section))
    bullets = [(at, BULLET.sub("", line)) for at, line in lines if BULLET.match(line)]
    if len(bullets) >= MIN_ITEMS:
        return [Item(at, _lead(line), line) for at, line in bullets]
    opening = {line[:OPENING] for _, line in lines}
    if len(lines) < MIN_ITEMS or len(opening) != 1 or any(not LEAD_END.search(line[:LEAD]) for _, line in lines):
        return []
    return [Item(at, _lead(line), line) for at, line in lines]


def _own_lines(doc: DocumentRecord, section: Section) -> Iterator[tuple[int, str]]:
    """The non-empty lines of ``section``'s own text after its heading, each with where it starts; a line that
    runs several bullets on (``（二）基本原则。——坚持A。…——坚持B。…``, a page stored without breaks) is one line a
    bullet."""
    at = section.start + len(section.heading) if doc.text.startswith(section.heading, section.start) else section.end
    for found in INLINE_ITEM.finditer(doc.text[at : section.end]):
        line = found.group(0).strip().lstrip("。．.:：").strip()
        if line:
            yield at + found.start() + found.group(0).index(line), line


def _lead(line: str) -> str:
    """A line's first sentence when short, else its first clause (``坚持A、B。…`` → ``坚持A、B``)."""
    end = LEAD_END.search(line)
    if end and end.start() <= LEAD:
        return line[: end.start()]
    clause = CLAUSE_END.search(line)
    return line[: clause.start()] if clause and clause.start() <= LEAD else line[:LEAD]


def measures(doc: DocumentRecord) -> list[Section]:
    """The plan's numbered measures: the items of its finest level (``1.``, else ``（一）``, else ``一、``) outside
    its framing parts, in order, as far as their numbers run 1, 2, 3 (a restart ends them)."""
    for level in MEASURE_LEVELS:
        items = [s for s in doc.sections if s.level == level and s.path and not framing(s)]
        if len(items) < MIN_ITEMS:
            continue
        out: list[Section] = []
        for n, item in enumerate(items, 1):
            if _number(item.heading) != n:
                break
            out.append(item)
        return out
    return []


def framing(section: Section) -> bool:
    """Whether ``section`` stands in a framing part of its plan (总体要求, 基本原则, 保障措施 …)."""
    return any(word in heading_title(h) for h in section.path for word in FRAME_PART_WORDS)


def _number(heading: str) -> int:
    """The number a heading carries (``3.`` → 3, ``（三）`` → 3), 0 when none is read."""
    numeral = re.sub(r"[^\d一二三四五六七八九十百]", "", heading[: heading_number_end(heading)])
    return int(numeral) if numeral.isdigit() else chinese_number(numeral) or 0


def bound_lists(text: str, thing: str) -> Iterator[tuple[int, list[str]]]:
    """The lists ``text`` binds to ``thing`` (where each starts, its items): ``以A、B、C为主要任务``,
    ``主要任务包括：A、B、C``, ``分为“A、B、C4个方面``."""
    name = re.escape(thing)
    verbs = "|".join(longest_first(BOUND_LIST_VERBS))
    forms = (
        rf"以(?P<run>{LIST_RUN})为{name}",
        rf"{name}(?:{verbs})[：:“]?(?P<run>{LIST_RUN})",
        rf"(?P<run>{LIST_RUN})(?:等)?{NUMERAL}(?:个|项|大|类|条){name}",
    )
    for form in forms:
        for found in re.finditer(form, text):
            yield found.start("run"), _clean(found.group("run").split("、"))


def _clean(run: list[str]) -> list[str]:
    """A bound list's items: the first without the verb that opens the list, the last without what follows it."""
    items = [*run]
    items[0] = OPENING_WORD.sub("", items[0])
    items[-1] = ITEM_END.sub("", items[-1])
    return [i for i in items if i]
