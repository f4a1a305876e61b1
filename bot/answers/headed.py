"""A section asked by what its heading names: ``…工作的基本原则有哪些？`` of a plan whose ``（一）基本原则`` heads a run
of items (``——处理好甲与乙的关系。…``, or sub-sections ``1.以人为本,惠民优先。…``). Every sentence under the heading
covers the question through it, so the best one is only the first item that ranks well; the heading's items answer it,
not one of them."""

from __future__ import annotations

import re

from policykb.bot.answers.context import Context
from policykb.bot.answers.plan_names import plan_words
from policykb.kb.records import Chunk, DocumentRecord, Section, path_label
from policykb.kb.text import heading_title

__all__ = ["ITEMS_CHARS", "headed_items"]

PARTS_ASKED = re.compile(r"有哪|包括哪|包括什么|分别是|都有哪|是哪|哪几|有什么|有啥|是什么|是啥")
"""A question asking what a thing holds (``有哪些``, ``是啥``), which a heading's items may answer."""
ITEMS_CHARS = 400  # of a heading's items quoted for a question its heading answers


def headed_items(ctx: Context, sentence: str, chunk: Chunk, document: DocumentRecord) -> tuple[str, str] | None:
    """The items under the heading that names what the question asks, with that heading's path, when ``sentence``
    (of ``chunk``) answers the question only through that heading: the question asks what a thing holds, the
    sentence says none of the question's own words (those beyond its plan's name) and the heading says them all.
    ``None`` otherwise (the sentence itself is about what is asked)."""
    if not PARTS_ASKED.search(ctx.q.text):
        return None
    evidence, plans = ctx.evidence, plan_words(ctx.docs)
    own = [t for t in evidence.tokens if not evidence.holds(t, plans)]
    if not own or any(evidence.holds(t, sentence) for t in own):
        return None
    heads = [s for s in document.sections if s.path and chunk.path[: len(s.path)] == s.path]
    named = [s for s in heads if all(evidence.holds(t, heading_title(s.heading)) for t in own)]
    if not named:
        return None
    section = max(named, key=lambda s: len(s.path))  # the nearest heading that names it
    items = _items_of(section, document)
    return (items, path_label(section.path)) if items else None


def _items_of(section: Section, document: DocumentRecord) -> str:
    """What ``section`` holds: its sub-sections' headings, one after another, else its own text after the heading,
    up to :data:`ITEMS_CHARS` and cut at a sentence's end."""
    children = [s for s in document.sections if s.path[:-1] == section.path and len(s.path) == len(section.path) + 1]
    if len(children) >= 2:
        return "；".join(c.heading.rstrip("。") for c in children) + "。"
    text = document.text[section.start : section.end].strip()
    if text.startswith(section.heading):
        text = text[len(section.heading) :].strip()
    cut = text[:ITEMS_CHARS]
    end = cut.rfind("。")
    return cut[: end + 1] if end > 0 else ""
