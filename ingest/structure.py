"""The 公文 structure of a document: title, authority, number, date and headings.

Headings are the numbered lead sentences of the usual hierarchy
``一、`` / ``（一）`` / ``1.`` / ``（1）``: for ``（四）交通物流节能减排工程。推动…`` the
heading is ``（四）交通物流节能减排工程`` and the rest of the line is its body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykb.kb.records import Section

CN_NUM = "一二三四五六七八九十百零〇"
HEADING_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^[{CN_NUM}]+[、．.](?=\S)")),
    (2, re.compile(rf"^[（(][{CN_NUM}]+[）)]")),
    (3, re.compile(r"^\d{1,2}[．.、](?!\d)")),
    (4, re.compile(r"^[（(]\d{1,2}[）)]")),
)
MAX_HEADING = 40
DOC_NUMBER = re.compile(r"[\u4e00-\u9fa5]{1,12}[〔\[［（(【]\d{4}[〕\]］）)】]\d{1,4}号")
DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
NOTICE_TITLE = re.compile(r"^(?P<authority>.+?)关于(?:印发|转发|公布)?《?(?P<plan>.+?)》?的(?:通知|决定|意见)$")
COLOPHON = re.compile(r"^(抄送|抄报)[:：]")
COLOPHON_HEADING = "版记"


@dataclass
class Structure:
    """What :func:`parse_structure` finds in a normalised text."""

    title: str = ""
    authority: str = ""
    number: str = ""
    date: str = ""
    sections: list[Section] = field(default_factory=list)


def heading_of(line: str) -> tuple[int, str] | None:
    """``(level, heading)`` if ``line`` opens a numbered section, else ``None``."""
    for level, pattern in HEADING_PATTERNS:
        if not pattern.match(line):
            continue
        stop = line.find("。")
        if 0 < stop <= MAX_HEADING:
            return level, line[:stop]
        if len(line) <= MAX_HEADING and not line.endswith(("；", "，")):
            return level, line.rstrip("：:")
        return None
    return None


def heading_title(heading: str) -> str:
    """The heading without its number: ``（四）交通物流节能减排工程`` → ``交通物流节能减排工程``."""
    for _, pattern in HEADING_PATTERNS:
        match = pattern.match(heading)
        if match:
            return heading[match.end() :].strip()
    return heading


def parse_structure(text: str) -> Structure:
    """Parse metadata and the heading hierarchy of a normalised text (one paragraph per line)."""
    structure = Structure()
    _parse_metadata(text, structure)
    structure.sections = _parse_sections(text)
    return structure


def _parse_metadata(text: str, structure: Structure) -> None:
    lines = text.split("\n")
    head: list[str] = []
    for line in lines[:8]:
        if "。" in line or line.endswith(("：", ":")) or heading_of(line) or DATE.fullmatch(line):
            break
        head.append(line)
    title = "".join(head)
    match = NOTICE_TITLE.match(title)
    if match:
        structure.authority = match.group("authority")
        structure.title = match.group("plan")
    else:
        structure.title = title[:120]
    number = DOC_NUMBER.search(text)
    structure.number = number.group(0) if number else ""
    date = DATE.search(text)
    structure.date = date.group(0) if date else ""
    if not structure.authority:
        structure.authority = _authority_before_date(lines)


def _authority_before_date(lines: list[str]) -> str:
    for i, line in enumerate(lines):
        if DATE.fullmatch(line) and i > 0 and len(lines[i - 1]) <= 30 and "。" not in lines[i - 1]:
            return lines[i - 1]
    return ""


def _parse_sections(text: str) -> list[Section]:
    sections: list[Section] = [Section(path=[], heading="", level=0, start=0, end=len(text))]
    stack: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        found = heading_of(line)
        if COLOPHON.match(line):
            found, stack = (1, COLOPHON_HEADING), []
        if found:
            level, heading = found
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, heading))
            sections[-1].end = offset
            sections.append(
                Section(path=[h for _, h in stack], heading=heading, level=level, start=offset, end=len(text))
            )
        offset += len(line) + 1
    return [s for s in sections if text[s.start : s.end].strip()]
