"""Words a document defines for itself: unit names, quoted terms and 简称.

They go into jieba's user dictionary so that 市发改委 or 能耗双控 stay whole.
"""

from __future__ import annotations

import re

from policykb.kb.glossary import definitions
from policykb.kb.records import Task

QUOTED = re.compile(r"“([\u4e00-\u9fa5A-Za-z0-9+]{2,10})”")
ABBREVIATION = re.compile(r"([\u4e00-\u9fa5]{2,20})[（(]以下(?:简)?称[“]?([\u4e00-\u9fa5A-Za-z0-9]{2,10})[”]?")


def document_terms(text: str, tasks: list[Task]) -> list[str]:
    """Unit names from the brackets, quoted terms and 简称, in first-seen order."""
    terms: list[str] = []
    for task in tasks:
        terms.extend(task.responsibility.units)
    terms.extend(QUOTED.findall(text))
    terms.extend(short for _, short in ABBREVIATION.findall(text))
    return [t for t in dict.fromkeys(terms) if 2 <= len(t) <= 24]


def document_aliases(text: str) -> dict[str, str]:
    """``{简称: 全称}`` for every definition the plan makes (``全称（以下简称“简称”）``, ``（简称…）``, ``（下称…）``);
    the bot adds them to its glossary."""
    return definitions(text)
