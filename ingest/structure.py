"""The 公文 structure of a document: its heading hierarchy.

Headings are the numbered lead sentences of the usual hierarchy
``一、`` / ``（一）`` / ``1.`` / ``（1）``: for ``（四）交通物流节能减排工程。推动…`` the
heading is ``（四）交通物流节能减排工程`` and the rest of the line is its body.
"""

from __future__ import annotations

import re

from policykb.kb.records import Section
from policykb.kb.text import HEADING_PATTERNS

MAX_HEADING = 40
ATTACHMENT = re.compile(r"^附件(?:\s*\d{1,2})?(?:\s*[:：]\s*[^。；]{0,38}|\s+[^。；]{1,38})?$")
COLOPHON = re.compile(r"^(抄送|抄报)[:：]")
COLOPHON_HEADING = "版记"


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


def parse_sections(text: str, title: str = "") -> list[Section]:
    """The heading hierarchy of a normalised text (one paragraph per line).

    ``附件``/``附件1`` lines (attachments, e.g. a task-division table) open a top-level section. A line
    that repeats the plan's ``title`` after the notice that issued it starts the plan afresh: the notice's
    numbered points do not enclose the plan.
    """
    sections: list[Section] = [Section(path=[], heading="", level=0, start=0, end=len(text))]
    stack: list[tuple[int, str]] = []
    offset = 0
    for n, line in enumerate(text.split("\n")):
        found = heading_of(line)
        if ATTACHMENT.match(line) and len(line) <= 40:
            found, stack = (1, line), []
        if COLOPHON.match(line):
            found, stack = (1, COLOPHON_HEADING), []
        if n > 0 and title and line.strip("《》") == title.strip("《》") and stack:
            stack = []
            sections[-1].end = offset
            sections.append(Section(path=[], heading="", level=0, start=offset, end=len(text)))
        elif found:
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
