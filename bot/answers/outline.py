"""An outline: the parts of the section (or plan) the question names, one heading a line.

Three forms of question: ``重点工程包括哪些`` (the sub-sections of a section), ``第一项重点工程是什么`` (the N-th
sub-section) and ``六大行动分别是什么`` / ``按照哪五个方面的总要求`` (a sentence that lists exactly that many parts:
“A、B、C、D、E、F”六大行动, 实施六大行动：A、B、…, 按照A、B、C、D、E的总要求).
"""

from __future__ import annotations

import re
from statistics import median

from policykb.bot.answers.context import Context
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.items import ITEM_END, OPENING_WORD, framing
from policykb.bot.answers.items import LIST_RUN as ITEMS_RUN
from policykb.bot.answers.kind import Kind, Kit
from policykb.bot.answers.listed import ListedItems, asked_measure, names_units
from policykb.bot.answers.plan_names import plan_words
from policykb.bot.grounding import chinese_number
from policykb.bot.kinds import QuestionKind
from policykb.bot.question import FILE_NOUNS
from policykb.ingest.structure import ATTACHMENT, COLOPHON_HEADING
from policykb.kb.lexicon import BOUND_LIST_VERBS, WITHIN_WORDS, alternation, longest_first
from policykb.kb.records import DocumentRecord, Section
from policykb.kb.text import heading_title

NUMERAL = r"[两二三四五六七八九十\d]{1,3}"
COUNT = re.compile(
    rf"哪({NUMERAL})(?:个|项|大|条|类|种|方面)|({NUMERAL})大[^？?，。]{{0,10}}(?:分别|是什么|是哪|有哪|包括)"
)
"""A question that names how many parts it asks for: 哪五个方面, 六大行动分别是什么."""
ORDINAL_NUMERAL = r"[一二三四五六七八九十\d]{1,3}"
PART_WORD = r"(?:项|个|条|点|大|部分)"  # 第一项, 第三点, 第二部分
ORDINAL = re.compile(rf"第({ORDINAL_NUMERAL}){PART_WORD}")
ASKED_PARTS = re.compile(rf"第{ORDINAL_NUMERAL}{PART_WORD}|有哪|包括哪|包括什么|分别是|都有哪|是哪")
"""Where a question asks for parts; the words before it (after its last 的) name the section: 主要任务的第一项."""
"""A question about the N-th part: 第一项重点工程."""
TOP_PART = re.compile(
    rf"第{ORDINAL_NUMERAL}部分|第{ORDINAL_NUMERAL}[条点](?:要求|意见)(?=讲|说|写|提|是|的?内容)|"
    rf"(?:{FILE_NOUNS})的?第{ORDINAL_NUMERAL}[条点](?=讲|说|写|提|是|的?内容)"
)
"""A question about one of the plan's parts (``第二部分``; a notice's ``第三点要求讲什么``, ``通知第一条讲的是什么``):
its first-level headings. ``第二条措施``, ``第一条基本原则`` name what they count, and ``…优化的第一条`` the part
whose first item it asks: read otherwise."""
KIND_PART = re.compile(
    rf"第{ORDINAL_NUMERAL}(?:大|项|个)(?P<kind>[\u4e00-\u9fa5]{{2,4}}?)(?=是什么|是哪|是啥|讲|说|[？?]|$)"
)
"""A question naming the kind of part it counts (``第一大行动是什么``): the N-th of the parts all titled so."""
ASKED_WHAT = re.compile(r"(?:是|有|指)(?:什么|啥|哪些)")
"""``主要任务是什么``: asked of a name that a sentence lists the parts of after a colon (``主要任务是：A；B。``)."""
LIST_RUN = re.compile(ITEMS_RUN)
COLON_LIST = (
    rf"(?:{'|'.join(longest_first(BOUND_LIST_VERBS))})?"
    r"[:：](?P<items>[^。\n：:]{2,200}?(?:[；;][^。\n：:]{2,200}?)+)(?:。|\n|$)"
)
"""What follows a name to list its parts in one sentence: ``是：A；B；C。``."""
NAMED_LEAST = 4  # characters of the asked name a colon list must follow (主要任务, 基本原则; not 要任务)
LIST_FIT = 0.3  # share of the question's content the list's sentence must hold
CONTEXT = 40  # characters around a list read as its sentence


def asked_count(text: str) -> int:
    """How many parts ``text`` asks for (0: it names no number)."""
    found = COUNT.search(text)
    numeral = found and (found.group(1) or found.group(2))
    return _number(numeral) if numeral else 0


def asked_ordinal(text: str) -> int:
    """Which part ``text`` asks for (``第三项`` → 3; 0: none)."""
    found = ORDINAL.search(text)
    return _number(found.group(1)) if found else 0


def _number(numeral: str) -> int:
    return int(numeral) if numeral.isdigit() else chinese_number(numeral.replace("两", "二")) or 0


class Outline(Kind):
    """The sub-sections of the section whose title best covers the question (two or more of them); the N-th of
    them; or the list of as many parts as the question asks for."""

    name = QuestionKind.OUTLINE

    def __init__(self, kit: Kit) -> None:
        super().__init__(kit)
        self.listed = ListedItems(kit)

    def find(self, ctx: Context) -> Finding | None:
        count, ordinal = asked_count(ctx.q.text), asked_ordinal(ctx.q.text)
        if count and not ordinal:
            return self._listed(ctx, count)
        top = self._top_part(ctx, ordinal)  # 第二部分: the plan's own N-th part
        if ordinal and top is None:  # the N-th bullet of a section it names (第一条基本原则), else the N-th measure
            named = section_named(ctx.q.text, [s.heading for d in ctx.docs for s in d.sections])
            item = (
                self.listed.nth_bullet(ctx, ordinal, named)
                or (None if named else self.listed.nth_measure(ctx, ordinal))
                or self.listed.nth_enumerated(ctx, ordinal)
            )
            if item is not None:
                return item
            kind_parts = None if named else self._kind_parts(ctx)
            if kind_parts is not None:  # 第二大行动: the parts titled …行动, none else
                return self._kind_part(kind_parts, ordinal)
        best = top or self._parent(ctx, ordinal)
        if best is None or best[0] < (LIST_FIT if ordinal else self.thresholds.outline):
            return None if ordinal else (self.listed.bound(ctx) or self.colon_listed(ctx))
        _, doc, parent, children = best
        if ordinal:
            child = children[ordinal - 1]
            if asked_measure(ctx.q.text) and framing(child):
                return None  # 第4条措施 is no framing part of the plan (四、保障措施)
            line = self.phrases("outline.item", n=ordinal, heading=child.heading)
            return Finding(
                [line], [self.records.chunk_at(doc, child.start)], QuestionKind.OUTLINE, {"section": child.label}
            )
        lines = [self.phrases("outline.summary", section=parent.heading or doc.title, count=len(children))]
        lines += [self.phrases("outline.item", n=n, heading=c.heading) for n, c in enumerate(children, 1)]
        cited = [self.records.chunk_at(doc, c.start) for c in children]
        return Finding(lines, cited, QuestionKind.OUTLINE, {"section": parent.label})

    def _top_part(self, ctx: Context, ordinal: int) -> tuple[float, DocumentRecord, Section, list[Section]] | None:
        """For ``第二部分讲的什么`` (a part, no section named): the top level of the plan retrieval ranks first,
        when it has that many parts; a plan's parts are its first-level headings (:func:`_parts`)."""
        if (
            not ordinal
            or not TOP_PART.search(ctx.q.text)
            or section_named(ctx.q.text, [s.heading for d in ctx.docs for s in d.sections if not _attached(s)])
        ):
            return None
        for doc in self.records.surfaced(ctx)[:1]:
            root = next((s for s in doc.sections if not s.path), None)
            children = _parts(doc.sections)
            if root is not None and len(children) >= ordinal:
                return (1.0, doc, root, children)
        return None

    def _kind_part(self, found: tuple[DocumentRecord, list[Section]], ordinal: int) -> Finding | None:
        """For ``第二大行动是什么``: the ``ordinal``-th of the parts :meth:`_kind_parts` found."""
        doc, parts = found
        if len(parts) < ordinal:
            return None
        child = parts[ordinal - 1]
        line = self.phrases("outline.item", n=ordinal, heading=child.heading)
        cited = [self.records.chunk_at(doc, child.start)]
        return Finding([line], cited, QuestionKind.OUTLINE, {"section": child.label})

    def _kind_parts(self, ctx: Context) -> tuple[DocumentRecord, list[Section]] | None:
        """The highest level of the plan retrieval ranks first whose parts (framing parts aside: 总体要求, 保障措施)
        are all titled with the kind the question counts (``第二大行动`` → ``…行动``)."""
        asked = KIND_PART.search(ctx.q.text)
        if asked is None:
            return None
        for doc in self.records.surfaced(ctx)[:1]:
            for parent in sorted({tuple(s.path[:-1]) for s in doc.sections if s.path}, key=len):
                level = [s for s in doc.sections if len(s.path) == len(parent) + 1 and tuple(s.path[:-1]) == parent]
                parts = [s for s in level if not framing(s)]
                if parts and all(asked.group("kind") in heading_title(s.heading) for s in parts):
                    return doc, parts
        return None

    def asks_missing_part(self, ctx: Context) -> bool:
        """Whether the question asks the N-th part of the plan (``第五点要求讲什么``, ``第四大行动是什么``) and the
        plan retrieval ranks first has parts, fewer than N: no sentence is then the answer."""
        ordinal = asked_ordinal(ctx.q.text)
        if not ordinal:
            return False
        kinds = self._kind_parts(ctx)
        if kinds is not None:
            return len(kinds[1]) < ordinal
        if not TOP_PART.search(ctx.q.text):
            return False
        parts = next((_parts(doc.sections) for doc in self.records.surfaced(ctx)[:1]), [])
        return 0 < len(parts) < ordinal

    def _parent(self, ctx: Context, ordinal: int) -> tuple[float, DocumentRecord, Section, list[Section]] | None:
        parents = {(d.doc_id, tuple(s.path[:-1])) for d in ctx.docs for s in d.sections if s.path}
        named = section_named(
            ctx.q.text, [s.heading for d in ctx.docs for s in d.sections if (d.doc_id, tuple(s.path)) in parents]
        )
        best = self._best_parent(ctx, ordinal, named)
        return best if best is not None or not named else None  # a named section with no parts: no other's parts

    def _best_parent(
        self, ctx: Context, ordinal: int, named: str
    ) -> tuple[float, DocumentRecord, Section, list[Section]] | None:
        """The section with two or more sub-sections (``ordinal`` or more) whose title (and, for an ordinal, its
        own opening text) best covers what the question asks; the words that name the plan (its title, place,
        issuer) do not count, so the plan's own top level answers only when its opening holds the rest
        (``…主要任务的第一项`` is the first part of 主要任务, not the plan's first part). Of two sections that cover
        it alike, the one whose own heading holds the words: the plan's opening that sums its parts up
        (``推进全链条优化审批``) does not outrank the part headed ``一、推动审批全链条优化``."""
        best: tuple[float, DocumentRecord, Section, list[Section]] | None = None
        best_title = 0.0  # how the best section's own heading covers the question: of two that tie, the one named
        for doc in ctx.docs:
            under = _children(doc.sections)
            for parent in doc.sections:
                children = under.get(tuple(parent.path), [])
                if len(children) < (ordinal or 2):
                    continue
                title = heading_title(parent.heading) if parent.path else ""
                if named and named not in title:
                    continue  # the question names another section (主要任务, not the plan's top level)
                own = doc.text[parent.start : children[0].start][:200] if ordinal else ""
                by_title = ctx.evidence.coverage_beyond(plan_words([doc]), title) if title else 0.0
                if named:  # the section it names: of the plans, the one the question names best
                    score = 0.5 + 0.5 * ctx.evidence.coverage(f"{doc.title} {title}{own}")
                else:
                    score = ctx.evidence.coverage_beyond(plan_words([doc]), title + own)
                if best is None or (score, by_title) > (best[0], best_title):  # a part its heading names first
                    best, best_title = (score, doc, parent, children), by_title
        return best

    def _listed(self, ctx: Context, count: int) -> Finding | None:
        """The list of exactly ``count`` parts whose sentence best covers the question."""
        best: tuple[float, DocumentRecord, int, list[str]] | None = None
        counted = counted_words(ctx)
        for doc in self.records.surfaced(ctx)[:3] or ctx.docs[:3]:
            for run in _runs(doc.text, ctx.q.text):
                items = _items(run, doc.text)
                if len(items) != count or names_units(self.kit.index, items) or _in_title(doc.text, run.start()):
                    continue  # a list of units, or the words of a file's title (《中共中央、国务院关于…》)
                if any(item.isdigit() for item in items):
                    continue  # ``1、甲乡…方案``: a number that opens a line (a shared file's page), not a part
                if not names_counted(counted, run.group(0) + doc.text[run.end() : run.end() + COUNTED_NEAR]):
                    continue  # 哪两项控制制度: a list of other things near the words that name them
                around = doc.text[max(0, run.start() - CONTEXT) : run.end() + CONTEXT // 2]
                score = ctx.evidence.coverage(around)
                if best is None or score > best[0]:
                    best = (score, doc, run.start(), items)
        if best is None or best[0] < LIST_FIT:
            return None
        _, doc, start, items = best
        lines = [self.phrases("outline.item", n=n, heading=item) for n, item in enumerate(items, 1)]
        return Finding(lines, [self.records.chunk_at(doc, start)], QuestionKind.OUTLINE, {"parts": items})

    def counted_section(self, ctx: Context) -> Finding | None:
        """How many parts the section the question names has (``一共有几项主要预期目标``), with the parts: the
        section whose heading's title ends with the thing asked (four characters or more), with two parts or
        more, and closed: by a heading after it, or by the end of a text that ends a sentence (a page stored cut
        off mid-sentence may have lost some of its parts)."""
        thing = counted_thing(ctx.q.text)
        if len(thing) < COUNT_NAMED_LEAST:
            return None
        for doc in self.records.surfaced(ctx)[:3] or ctx.docs[:3]:
            for parent in doc.sections:
                if not parent.path or not heading_title(parent.heading).endswith(thing):
                    continue
                children = [s for s in doc.sections if s.path[:-1] == parent.path and len(s.path) > len(parent.path)]
                closed = CLOSED_TEXT.search(doc.text) is not None or any(
                    s.start > parent.start and s.path[: len(parent.path)] != parent.path for s in doc.sections
                )
                if len(children) >= 2 and closed:
                    lines = [self.phrases("outline.summary", section=parent.heading, count=len(children))]
                    lines += [self.phrases("outline.item", n=n, heading=c.heading) for n, c in enumerate(children, 1)]
                    cited = [self.records.chunk_at(doc, c.start) for c in children]
                    return Finding(lines, cited, QuestionKind.OUTLINE, {"section": parent.label})
        return None

    def colon_listed(self, ctx: Context) -> Finding | None:
        """The parts a sentence lists after the name the question asks for and a colon, one ``；`` apart
        (``主要任务是：A；B；C。``), when no section of that name has parts: a report or an encyclopedia entry
        sums a plan up so. ``None`` when the question asks no parts (``…有哪些``) or no such sentence is."""
        named = _asked_name(ctx.q.text)
        for doc in ctx.docs:
            for size in range(len(named), NAMED_LEAST - 1, -1):
                found = re.search(re.escape(named[-size:]) + COLON_LIST, doc.text)
                if found:
                    items = [i.strip() for i in re.split(r"[；;]", found.group("items")) if i.strip()]
                    lines = [self.phrases("outline.item", n=n, heading=item) for n, item in enumerate(items, 1)]
                    cited = [self.records.chunk_at(doc, found.start())]
                    return Finding(lines, cited, QuestionKind.OUTLINE, {"parts": items})
        return None


def _children(sections: list[Section]) -> dict[tuple[str, ...], list[Section]]:
    """Each section's sub-sections (one level down, in the plan's order), by the section's path."""
    under: dict[tuple[str, ...], list[Section]] = {}
    for section in sections:
        if section.path:
            under.setdefault(tuple(section.path[:-1]), []).append(section)
    return under


def _parts(sections: list[Section]) -> list[Section]:
    """A plan's parts: its first-level sections after the line that starts the plan afresh below the notice that
    hands it out (the notice's own points, ``1.登陆…网站``, are not the plan's), none of them an attachment's label
    or list (``附件：1.甲政策``) or the colophon."""
    starts = [i for i, s in enumerate(sections) if not s.path]
    after = [s for s in sections[starts[-1] if starts else 0 :] if len(s.path) == 1 and not _apart(s.heading)]
    return after or [s for s in sections if len(s.path) == 1 and not _apart(s.heading)]


def _attached(section: Section) -> bool:
    """Whether ``section`` lies under an attachment's label or list, or the colophon (it may name the plan)."""
    return bool(section.path) and _apart(section.path[0])


def _apart(heading: str) -> bool:
    """Whether a first-level heading is no part of the plan: an attachment's label or list, or the colophon."""
    return bool(ATTACHMENT.match(heading)) or heading == COLOPHON_HEADING


def _asked_name(question: str) -> str:
    """The words naming what a question asks the parts of, after their last 的 (``…的主要任务有哪些`` → 主要任务;
    ``主要任务是什么`` too: a colon list after the name is what it is)."""
    ask = ASKED_PARTS.search(question) or ASKED_WHAT.search(question)
    return question[: ask.start()].rstrip("的").rsplit("的", 1)[-1] if ask else ""


def section_named(question: str, headings: list[str]) -> str:
    """The section a question names for the parts it asks: the words after an ordinal (``第一项节能减排重点工程``
    → 节能减排重点工程), four characters or more (``第一项行动`` names the kind of part, not a section), else those
    before the ask after their last 的 (``…方案主要任务的第一项`` → 主要任务), three characters or more there; of
    them the longest end that a heading of the plans' sections with parts holds; ``""`` when none."""
    ask = ASKED_PARTS.search(question)
    if ask is None:
        return ""
    after = re.match(r"[^？?，,。是]{2,12}?(?=是什么|是哪|是啥|包括|有哪|[？?]|$)", question[ask.end() :])
    before = WITHIN.sub("", question[: ask.start()].rstrip("的")).rsplit("的", 1)[-1]
    titles = [heading_title(h) for h in headings]
    for words, least in ((after.group(0) if after and ORDINAL.match(ask.group(0)) else "", 4), (before, 3)):
        for size in range(min(len(words), 8), least - 1, -1):
            if any(words[-size:] in t for t in titles):
                return words[-size:]
    return ""


WITHIN = re.compile(rf"(?:{alternation(WITHIN_WORDS)})$")
"""The word that puts the asked part inside the section named before it (``总体要求里的第二项``)."""
HOW_MANY = (
    re.compile(r"(?:几|多少)(?:项|个|条|类|方面)(?P<thing>[\u4e00-\u9fa5]{2,12}?)(?=[？?]|$)"),
    re.compile(r"(?P<thing>[\u4e00-\u9fa5]{2,12}?)(?:一共|总共|共)?有?(?:几|多少)(?:项|个|条|类|方面)"),
)
"""A question asking how many parts a thing has: ``一共有几项主要预期目标``, ``主要预期目标有几项``."""
CLOSED_TEXT = re.compile(r"[。；;）)]\s*$")
"""A text that ends a sentence or a bracket: not cut off mid-way."""
COUNT_NAMED_LEAST = 4  # characters of a heading's title the question must name to count its parts (预期目标)


def counted_thing(question: str) -> str:
    """The thing ``question`` asks the number of parts of (``一共有几项主要预期目标`` → 主要预期目标), else ``""``."""
    found = next((m for m in (p.search(question) for p in HOW_MANY) if m), None)
    return found.group("thing").rsplit("的", 1)[-1] if found else ""


COUNTED_PARTS = re.compile(
    rf"哪{NUMERAL}(?:个|项|大|条|类|种)(?:“(?P<quoted>[^“”]{{1,6}})”|(?P<noun>[\u4e00-\u9fa5]{{2,4}}))"
)
"""What a question counts the parts of: 守住哪两条底线 → 底线; 做到哪两个“尽” → 尽 (a word the parts share)."""
QUOTED_RUN = re.compile(r"(?:“[^“”，,。；;\s]{1,12}”){2,}")
"""Parts said as quoted words one after another (``做到“应放尽放”“应接尽接”``)."""
COUNTED_NEAR = 8  # characters after a list where it may name what it counts (A、B两条底线)


def counted_words(ctx: Context) -> list[str]:
    """The words naming what a question counts the parts of, which its list must say (``哪两项控制制度`` → 制度;
    ``哪两个“尽”`` → 尽); none when it counts a kind of part only (``哪五个方面``, ``哪几项``)."""
    found = COUNTED_PARTS.search(ctx.q.text)
    if found is None:
        return []
    if found.group("quoted"):
        return [found.group("quoted")]
    return [word for word, _ in ctx.evidence.named() if word in found.group("noun")]


def names_counted(counted: list[str], said: str) -> bool:
    """Whether a list and the words right after it (``said``) name what the question counts (every word of it)."""
    return all(word in said for word in counted)


def _runs(text: str, question: str) -> list[re.Match[str]]:
    """The lists ``A、B、C`` of ``text``; and, for a question counting parts of a thing (``哪两条底线``), the
    ones a sentence counts by that thing (``守住A和B两条底线``: ``A和B`` read as ``A、B``)."""
    runs = [*LIST_RUN.finditer(text), *QUOTED_RUN.finditer(text)]
    counted = COUNTED_PARTS.search(question)
    if counted and counted.group("noun"):
        before = rf"([^，,。；;：:“”\s《》]{{2,40}}){NUMERAL}(?:个|项|大|条|类|种){re.escape(counted.group('noun'))}"
        for found in re.finditer(before, text):
            joined = re.sub(r"[和与及]", "、", found.group(1))
            runs += [m for m in LIST_RUN.finditer(text[: found.start(1)] + joined) if m.start() >= found.start(1)]
    return runs


def _in_title(text: str, at: int) -> bool:
    """Whether ``at`` is inside book-title marks (``《…》``)."""
    return text.rfind("《", 0, at) > text.rfind("》", 0, at)


def _items(run: re.Match[str], text: str) -> list[str]:
    """The parts a run ``A、B、C`` lists: the last one ends before ``的``/``等``/a closing quote; the first one
    starts after a listing verb, unless a quote or colon opens the list. A run of quoted words lists each."""
    if QUOTED_RUN.fullmatch(run.group(0)):
        return re.findall(r"“([^“”]+)”", run.group(0))
    items = run.group(0).split("、")
    items[-1] = ITEM_END.sub("", items[-1])
    opened = text[run.start() - 1 : run.start()] in ("“", "：", ":")
    if not opened:
        items[0] = OPENING_WORD.sub("", items[0])
        typical = median(len(i) for i in items[1:])
        if len(items[0]) > 2 * typical:  # the first part holds words of the sentence before it
            return []
    return [i for i in items if i]
