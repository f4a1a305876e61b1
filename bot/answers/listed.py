"""Outline questions the headings do not answer: the N-th bullet of a named section (``第一条基本原则``), the
plan's N-th numbered measure (``第1条措施``), and the list a sentence binds to the thing asked
(``主要任务是哪几项`` ← ``以A、B、C为主要任务``). The items are read by :mod:`policykb.bot.answers.items`."""

from __future__ import annotations

import re

from policykb.bot.answers.context import Context
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.items import Item, bound_lists, framing, measures, section_items
from policykb.bot.answers.kind import Kind
from policykb.bot.kinds import QuestionKind
from policykb.kb.index import KnowledgeIndex
from policykb.kb.lexicon import BOUND_LIST_VERBS, MEASURE_WORDS, alternation
from policykb.kb.records import DocumentRecord, Section
from policykb.kb.text import heading_title

__all__ = ["ListedItems", "asked_measure", "asked_thing", "names_units"]

ASK = re.compile(rf"(?:{alternation(BOUND_LIST_VERBS)})?哪(?:几|些)(?:个|项|条|类|大|种)?")
AFTER_ASK = re.compile(r"^[\u4e00-\u9fa5]{2,6}?(?=[？?，,。]|$)")
BEFORE_END = re.compile(r"[\u4e00-\u9fa5]{2,8}$")
ORDINAL_THING = re.compile(
    r"第[一二三四五六七八九十\d]{1,3}(?:项|个|条|点|大)(?P<thing>[\u4e00-\u9fa5]{2,8}?)(?=是|讲|指|包括|说|[？?，,]|$)"
)
"""The thing a question asks the N-th of (``第二项工作内容是什么`` → 工作内容)."""
ENUMERATION_SPAN = 2000  # characters after a counting sentence its ``一是…二是…`` items are read in
ENUMERATED = "一二三四五六七八九十"
MEASURE_ASKED = re.compile(rf"第[一二三四五六七八九十\d]{{1,3}}(?:条|项|个)(?P<word>{alternation(MEASURE_WORDS)})")


def asked_thing(question: str) -> list[str]:
    """What a question asks the items of, longest first: the words after its ask (``表格分为哪几个方面`` → 方面),
    else the ends of those before it (``主要任务是哪几项`` → 主要任务, 要任务, 任务)."""
    ask = ASK.search(question)
    if ask is None:
        return []
    after = AFTER_ASK.match(question[ask.end() :])
    if after:
        return [after.group(0)]
    before = BEFORE_END.search(re.split(r"[，,。的]", question[: ask.start()])[-1])
    words = before.group(0) if before else ""
    return [words[-size:] for size in range(min(len(words), 6), 1, -1)]


def asked_measure(question: str) -> str:
    """The word by which ``question`` asks the plan's N-th measure (``第1条措施`` → 措施), ``""`` when it does not."""
    found = MEASURE_ASKED.search(question)
    return found.group("word") if found else ""


class ListedItems(Kind):
    """Items the outline of headings does not hold: bullets, numbered measures, lists bound by a sentence."""

    name = "listed"

    def nth_bullet(self, ctx: Context, ordinal: int, named: str) -> Finding | None:
        """The ``ordinal``-th bulleted item of the section whose title holds ``named`` (``基本原则``)."""
        best: tuple[float, DocumentRecord, Section, Item] | None = None
        for doc in ctx.docs:
            for section in doc.sections:
                title = heading_title(section.heading) if section.path else ""
                if not named or named not in title:
                    continue
                items = section_items(doc, section)
                if len(items) < ordinal:
                    continue
                score = 0.5 + 0.5 * ctx.evidence.coverage(f"{doc.title} {title}")
                if best is None or score > best[0]:
                    best = (score, doc, section, items[ordinal - 1])
        if best is None:
            return None
        _, doc, section, item = best
        return self._item(doc, section.label, ordinal, item.lead, item.line, item.start)

    def nth_measure(self, ctx: Context, ordinal: int) -> Finding | None:
        """The plan's ``ordinal``-th numbered measure (``第1条措施``), of the one plan the question names best."""
        asked = asked_measure(ctx.q.text)
        doc = self._named_plan(ctx) if asked else None
        if doc is None or any(asked in heading_title(s.heading) for s in doc.sections if not framing(s)):
            return None  # a part of measures (主要措施): its own parts are the measures, read by the outline
        found = measures(doc)
        if len(found) < ordinal:
            return None
        item = found[ordinal - 1]
        own = doc.text[item.start : item.end].strip()
        return self._item(doc, item.label, ordinal, heading_title(item.heading), own, item.start)

    def bound(self, ctx: Context) -> Finding | None:
        """The list a sentence binds to the thing the question asks the items of (``以A、B、C为主要任务``); of
        several plans, the one whose title and sentence hold most of the rest of the question."""
        things = asked_thing(ctx.q.text)
        best: tuple[float, DocumentRecord, str, int, list[str]] | None = None
        for doc in self.records.surfaced(ctx)[:3] or ctx.docs[:3]:
            for thing in things:
                for start, items in bound_lists(doc.text, thing):
                    if len(items) < 2 or names_units(self.kit.index, items):
                        continue
                    score = 0.5 + 0.5 * ctx.evidence.coverage(f"{doc.title} {doc.place} {_sentence(doc.text, start)}")
                    if best is None or score > best[0]:
                        best = (score, doc, thing, start, items)
                if best is not None:
                    break  # the longest thing a plan binds a list to (主要任务, not 任务)
        if best is None:
            return None
        _, doc, thing, start, items = best
        lines = [self.phrases("outline.summary", section=thing, count=len(items))]
        lines += [self.phrases("outline.item", n=n, heading=item) for n, item in enumerate(items, 1)]
        chunk = self.records.chunk_at(doc, start)
        section = chunk.section or doc.title
        lines.append(self.phrases("fact.quote", sentence=_sentence(doc.text, start), section=section))
        return Finding(lines, [chunk], QuestionKind.OUTLINE, {"parts": items})

    def nth_enumerated(self, ctx: Context, ordinal: int) -> Finding | None:
        """The ``ordinal``-th of the things a sentence counts and then enumerates (``列出了3项工作内容。一是A，…。
        二是B，…``), when the question asks the N-th of that thing (``第二项工作内容是什么``); the plan's other
        ``一是…`` runs count nothing the question names and are never read."""
        asked = ORDINAL_THING.search(ctx.q.text)
        if asked is None or not 0 < ordinal <= len(ENUMERATED):
            return None
        counted = re.compile(
            rf"[一二三四五六七八九十两\d]{{1,3}}(?:项|个|条|大|类|方面)(?:的)?{re.escape(asked.group('thing'))}"
        )
        for doc in self.records.surfaced(ctx)[:3] or ctx.docs[:3]:
            for count in counted.finditer(doc.text):
                item = _enumerated(doc.text, count.end(), ordinal)
                if item is not None:
                    start, line = item
                    lead = re.split(r"[，,：:]", line, maxsplit=1)[0]
                    return self._item(doc, "", ordinal, lead, line, start)
        return None

    def _item(self, doc: DocumentRecord, label: str, n: int, lead: str, line: str, start: int) -> Finding:
        lines = [self.phrases("outline.item", n=n, heading=lead)]
        if line != lead:
            lines.append(self.phrases("fact.quote", sentence=line, section=label or doc.title))
        return Finding(lines, [self.records.chunk_at(doc, start)], QuestionKind.OUTLINE, {"section": label})

    @staticmethod
    def _named_plan(ctx: Context) -> DocumentRecord | None:
        """The one plan the question names best (its title and place), ``None`` when two name it as well."""
        scored = sorted(((ctx.evidence.coverage(f"{d.title} {d.place}"), d) for d in ctx.docs), key=lambda s: -s[0])
        if not scored or (len(scored) > 1 and scored[1][0] >= scored[0][0]):
            return None
        return scored[0][1]


def names_units(index: KnowledgeIndex, items: list[str]) -> bool:
    """Whether a list names units (a responsibility list), not a plan's parts."""
    units = index.units
    return units is not None and sum(bool(units.find(item)) for item in items) * 2 >= len(items)


def _enumerated(text: str, at: int, ordinal: int) -> tuple[int, str] | None:
    """Where the ``ordinal``-th item of the ``一是…二是…`` run right after ``at`` starts, and its text (up to its
    。 or ；); ``None`` when no run follows or it has fewer items. Every item before it must come in order."""
    stretch = text[at : at + ENUMERATION_SPAN]
    position = 0
    for n in range(ordinal):
        found = re.search(rf"(?<![\u4e00-\u9fa5]){ENUMERATED[n]}是", stretch[position:])
        if found is None or (n == 0 and found.start() > ENUMERATION_SPAN // 4):
            return None
        position += found.end()
    end = re.search(r"[。；;]", stretch[position:])
    line = stretch[position : position + end.start() if end else None].strip()
    return (at + position, line) if line else None


def _sentence(text: str, at: int) -> str:
    """The sentence of ``text`` that holds ``at``."""
    start = max(text.rfind("。", 0, at), text.rfind("\n", 0, at)) + 1
    ends = [e for e in (text.find("。", at), text.find("\n", at)) if e >= 0]
    return text[start : min(ends) + 1 if ends else len(text)].strip()
