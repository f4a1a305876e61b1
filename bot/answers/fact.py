"""A plain fact: the retrieved sentence that best covers the question, quoted with its section."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from policykb.bot.answers.becoming import becoming_kept
from policykb.bot.answers.clause import ASK, MIN_HELD, answering_pieces, pieces_end
from policykb.bot.answers.context import Context
from policykb.bot.answers.document import ASKS_ISSUER, named_plan
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.indicator import later_subject, names_share_subject
from policykb.bot.answers.kind import Kind
from policykb.bot.answers.plain_facts import (
    DATE,
    DAY_ALONE,
    OWN_SPAN,
    SPAN,
    SentenceMatch,
    best_sentence,
    date_asked,
    inline_heading,
    paragraph_year,
)
from policykb.bot.answers.plan_names import OPENING as OPENING_CHARS
from policykb.bot.answers.plan_names import plan_identity, plan_words
from policykb.bot.answers.sentences import amounts_in_year, asked_times, cover, times_named
from policykb.bot.answers.targeting import sentence_year_compatible, total_only, unit_compatible_text
from policykb.bot.kinds import QuestionKind
from policykb.ingest.identity import DOC_NUMBER, OPENING
from policykb.kb.index import KnowledgeIndex
from policykb.kb.lexicon import (
    BODY_KIND_ENDS,
    BODY_LEVELS,
    COUNTED_MEASURES,
    DETERMINERS,
    ISSUER_NAME_ENDS,
    UNIT_KINDS,
    alternation,
)
from policykb.kb.records import Chunk, DocumentRecord
from policykb.kb.segmenter import Segmenter
from policykb.kb.text import SENTENCE_END, annual_year, heading_title

STATED_SPAN = re.compile(
    rf"(?:本|该)?(?:规划|方案|计划|行动)的?(?:实施|执行)?(?:期限|期)(?:为|是|定为|[:：])\s*"
    rf"(?P<span>{SPAN.pattern}|{OWN_SPAN.pattern})"
)
"""A sentence stating the span of years the plan itself runs over (``规划期限为2026-2030年``, ``本方案实施期限为…``,
``规划期为2026-2030。``); not a project's own (``实施期为…``)."""
SPAN_END_ASKED = re.compile(
    r"(?:规划|实施|执行)(?:期限|期|年限)(?:是|为)?(?:到|截至|截止到?)(?:哪年|哪一年|什么时候|何时)"
)
"""A question asking when the plan's own span ends (``规划期到哪年``): the span it states answers it."""


class Fact(Kind):
    """The best sentence of the question's retrieved chunks, when it covers the question well enough (the words
    that name its plan, its title, place and issuer, held by every sentence of that plan).

    Also the fallback of every other kind; for a target or a list it must state a quantity
    (``need_quantity``), hold everything the question names and, when it asks an amount (``多少``), pair one with the
    asked indicator in its clause piece; for a deadline it must state a date (``need_date``).
    """

    name = QuestionKind.FACT

    def find(
        self, ctx: Context, need_quantity: bool = False, need_date: bool = False, need_body: bool = False
    ) -> Finding | None:
        wanted = {d.doc_id for d in ctx.docs}
        chunks = [c for c in (self.records.chunk(i) for i in ctx.ranked_ids) if c.doc_id in wanted]
        named = {d.doc_id: plan_words([d]) for d in ctx.docs}
        passages = [(f"{named[c.doc_id]} {c.section}", c.text) for c in chunks]  # its plan's words hold for each
        date = date_asked(ctx.q.text, need_date)
        kept = becoming_kept(ctx.q.text, lead_kept(ctx, self.names_another_body(ctx) if need_body else None))
        needed = self.thresholds.quantity_fact if need_quantity else self.thresholds.fact

        def best_with(date: re.Pattern[str] | None) -> SentenceMatch | None:
            keep = timed_kept(ctx, date, kept)
            best = best_sentence(ctx.evidence, passages, need_quantity, date, keep=keep)
            if best is not None and best.support < needed:  # a sentence of a later chunk may cover it enough
                best = self.later_covering(ctx, passages, need_quantity, date, keep, needed) or best
            if best is None or best.support < needed:
                best = best_sentence(ctx.evidence, passages, need_quantity, date, self.own_support(ctx), keep)
            if (best is None or best.support < needed) and not (need_quantity or date or need_body):
                best = self.naming_kind_aside(ctx, chunks, passages, keep, needed) or best
            return best

        stated = self.stated_span(ctx) if date is SPAN or SPAN_END_ASKED.search(ctx.q.text) else None
        if stated is not None:
            return stated  # 规划期限是哪几年: the span the plan states as its own (规划期限为2026-2030年)
        best = best_with(date)
        if date is SPAN and (best is None or best.support < needed):
            titled = self.titled_span(ctx)  # 三年行动是哪几年: the span the plan's title gives
            if titled is not None:
                return titled
            date = DATE  # no span of years written: a sentence with a date answers, as for any time asked
            best = best_with(date)
        if best is None or best.support < needed or not unit_compatible_text(ctx.q.text, best.sentence):
            return None
        if COUNT_ASKED.search(ctx.q.text) and not says_count(ctx.q.text, best.sentence):
            return None  # 每年开几次会 of a sentence that names the meeting but counts nothing
        if need_quantity and not self.kit.meaning.explains(ctx, best.sentence, self.thresholds.missing):
            return None
        if need_quantity and not names_share_subject(ctx, best.sentence, plan_words(ctx.docs)):
            return None  # it sets another thing's share (非化石能源 for 化石能源)
        chunk = chunks[best.rank]
        if date is None and self.names_only_its_plan(ctx, best.sentence, chunk.section):
            return None  # a 文号 or title line: it holds the plan's name and year, nothing the question asks
        task_who = need_body and not ASKS_ISSUER.search(ctx.q.text)  # 由谁印发 asks the issuer, whom a line names
        if task_who and holds_nothing_asked(ctx, best.sentence, chunk.section, aside=DETERMINERS):
            return None  # who does a task: a sentence that names none of it does not say
        # (a date asked is held by the date the sentence states: ``…方案是哪天印发的`` of the date line)
        held = self.dated(_with_paragraph_year(best.sentence, chunk, self.kit.index), chunk.doc_id, need_quantity)
        if not sentence_year_compatible(ctx.q.text, held) or (need_quantity and total_only(ctx.q.text, held)):
            return None  # another year or baseline; a total over several years where a yearly figure is asked
        if need_quantity and not amounts_in_year(held, asked_times(ctx.q.text)):
            return None  # its amounts are of a year named before them, the asked one opens another statement
        section = chunk.section or self.kit.index.documents[chunk.doc_id].title
        if need_quantity and ASK.search(ctx.q.text) and not self.paired(ctx, best.sentence, section):
            return None  # the amount asked for belongs to another indicator of the sentence
        document = self.kit.index.documents[chunk.doc_id]
        quoted = _row_of(_item_under(_body_under(best.sentence, chunk, document), chunk, document), chunk, document)
        sentence = best.sentence if need_quantity else quoted
        return Finding([self.phrases("fact.quote", sentence=sentence, section=section)], [chunk], QuestionKind.FACT, {})

    @staticmethod
    def later_covering(
        ctx: Context,
        passages: list[tuple[str, str]],
        need_quantity: bool,
        date: re.Pattern[str] | None,
        keep: Callable[[str], bool] | None,
        needed: float,
    ) -> SentenceMatch | None:
        """The best sentence that covers the question at least ``needed``, wherever its chunk ranks (a better-ranked
        sentence that covers it less is no answer), unless it is about a neighbour of what the question names
        (``农村…`` for ``城市…``): ranked low, such a sentence is no answer either."""

        def kept(sentence: str) -> bool:
            return (keep is None or keep(sentence)) and not ctx.evidence.neighbour(sentence)

        return best_sentence(ctx.evidence, passages, need_quantity, date, keep=kept, floor=needed)

    @staticmethod
    def naming_kind_aside(
        ctx: Context,
        chunks: list[Chunk],
        passages: list[tuple[str, str]],
        keep: Callable[[str], bool] | None,
        needed: float,
    ) -> SentenceMatch | None:
        """The best sentence that covers the question ``needed`` but for the kind of thing it asks for
        (``不规范地名有什么危害`` of ``…不规范地名,割裂了历史记忆,削弱了文化认同``: the harms named, not the word
        危害); ``None`` when the question names no kind.

        The words the plan's opening holds (its title, issuer, lead sentence: ``2025年学雷锋志愿服务活动``) pick the
        plan and hold for each of its sentences; the question's other content words (``推动…发展``) must all be said
        by the sentence itself. The plan's lead sentence (``根据…，制定本方案``) says why it is made, no kind of thing.
        """
        evidence = ctx.evidence
        if not evidence.kinds:
            return None

        def kept(sentence: str) -> bool:
            return (keep is None or keep(sentence)) and OPENING.match(sentence.strip()) is None

        found = [
            Fact.kind_aside_in(
                ctx, doc, [p if c.doc_id == doc.doc_id else ("", "") for c, p in zip(chunks, passages)], kept, needed
            )
            for doc in ctx.docs
        ]
        return max((f for f in found if f is not None), key=lambda f: f.score, default=None)

    @staticmethod
    def kind_aside_in(
        ctx: Context, doc: DocumentRecord, passages: list[tuple[str, str]], keep: Callable[[str], bool], needed: float
    ) -> SentenceMatch | None:
        """:meth:`naming_kind_aside` over the ``passages`` of one plan ``doc`` (the others' left empty)."""
        evidence = ctx.evidence
        scope = f"{plan_identity(doc)} {doc.text[:OPENING_CHARS]}"
        beyond = [w for w, _ in evidence.named(strict=True) if w not in evidence.kinds and not evidence.holds(w, scope)]
        if not beyond:
            return best_sentence(
                evidence, passages, support_of=evidence.coverage_besides_kinds, keep=keep, floor=needed
            )

        def support(text: str) -> float:
            return evidence.coverage_besides_kinds(text) if all(evidence.holds(w, text) for w in beyond) else 0.0

        scoped = [(f"{scope} {section}", text) for section, text in passages]
        return best_sentence(evidence, scoped, support_of=support, keep=keep, floor=needed)

    def titled_span(self, ctx: Context) -> Finding | None:
        """The span of years the title of the one plan asked of gives (``…三年行动方案(2024—2026年)``), else
        ``None``."""
        if len(ctx.docs) != 1:
            return None  # of several plans, which one's span is asked is not told by the title
        doc = ctx.docs[0]
        found = SPAN.search(doc.title)
        if found is None:
            return None
        line = self.phrases("document.span", title=doc.title, span=found.group(0))
        return Finding([line], [self.records.chunk_at(doc, 0)], QuestionKind.FACT, {"span": found.group(0)})

    def stated_span(self, ctx: Context) -> Finding | None:
        """The span of years the plan asked of states as its own (``规划期限为2026-2030年``), else ``None``: the one
        plan in scope, or of several the one the question names (:func:`named_plan`: a page with no title is named
        by its opening, ``结合甲市实际，制定本规划。规划期为…``)."""
        doc = ctx.docs[0] if len(ctx.docs) == 1 else named_plan(ctx)
        if doc is None:
            return None
        found = STATED_SPAN.search(doc.text)
        if found is None:
            return None
        line = self.phrases("document.span", title=doc.title, span=found.group("span"))
        return Finding(
            [line], [self.records.chunk_at(doc, found.start())], QuestionKind.FACT, {"span": found.group("span")}
        )

    @staticmethod
    def names_only_its_plan(ctx: Context, sentence: str, section: str) -> bool:
        """Whether ``sentence`` (under ``section``) is a line of the plan's identity (its 文号, its title) that holds
        none of the question's words beyond those that name its plan (place, title, issuer, year), though the question
        has such words (``青禾州把2026年定为什么年`` is not answered by the 文号 line ``青禾州发〔2026〕3号``, which
        holds only 州 and 2026). A sentence of the body may say the question's other words in its own (分为 as 包括)."""
        if not (DOC_NUMBER.search(sentence) or any(sentence.strip("。 ") in d.title for d in ctx.docs)):
            return False
        return holds_nothing_asked(ctx, sentence, section)

    def dated(self, sentence: str, doc_id: str, need_quantity: bool) -> str:
        """``sentence`` with the year of its annual plan (``2024年…工作要点``), which names the plan each of its
        sentences belongs to; for an amount only when the sentence names no time of its own (its own decides)."""
        year = annual_year(self.kit.index.documents[doc_id].title)
        if not year or (need_quantity and times_named(sentence)):
            return sentence
        return f"{year}年 {sentence}"

    def names_another_body(self, ctx: Context) -> Callable[[str], bool]:
        """Whether a sentence names a body the question does not (a who-question's answer names who: a unit the
        plans name, or a name ending as a body does; ``牵头负责领导：某某`` names a person, not a unit)."""
        units, segmenter = self.kit.index.units, self.kit.index.segmenter

        def bodies(text: str) -> set[str]:
            known = set(units.find(text)) if units is not None else set()
            return known | body_names(text, segmenter)

        asked = bodies(ctx.q.text)
        return lambda sentence: bool(bodies(sentence) - asked)

    def own_support(self, ctx: Context) -> Callable[[str], float]:
        """How a text covers the question's own content, the words that only name its plans aside (``这些科技创新政策
        有效期到…`` asks 有效期 of the plan titled …科技创新…政策): none when it lacks a named thing, or holds too
        little of the question to go by (the bar of a clause answer)."""
        plans, enough = plan_words(ctx.docs), MIN_HELD * self.kit.index.bm25.max_idf  # type: ignore[union-attr]

        def support(text: str) -> float:
            held = cover(ctx.evidence, plans, text)
            return held.support if not held.missing and held.weight >= enough else 0.0

        return support

    def paired(self, ctx: Context, sentence: str, section: str) -> bool:
        """Whether an amount of ``sentence`` is paired with the asked indicator in its clause piece (the test of
        :func:`~policykb.bot.answers.clause.answering_pieces`), and the thing asked is not only the subject of a later
        clause of a sentence the page cuts off (``…授权量达到1万件，每万人高价值发明`` does not answer
        ``每万人高价值发明专利拥有量``); a finished sentence's later clause may be its object, not a new subject."""
        plans = plan_words(ctx.docs)
        support = cover(ctx.evidence, plans, f"{section} {sentence}").support
        chosen = answering_pieces(ctx, sentence, section, support)
        if chosen is None:
            return False
        if sentence.rstrip().endswith(tuple(SENTENCE_END)):
            return True
        # a page cut off in a later clause whose subject is the thing asked: its figure is lost, not these
        return not later_subject(ctx, sentence, pieces_end(sentence, chosen), section, plans)


ISSUE_ASKED = re.compile(r"印发|发布|公布|出台|下发|成文|签发|发文|落款")
"""A question about when the plan itself came out: its signature's day answers it."""
WORK_TIME_ASKED = re.compile(
    r"(?:什么时候|啥时候|何时|哪天|几月)(?:正式)?(?:结束|截止|完成|开始|启动|开展|举行|举办|召开|收官)|到(?:什么时候|啥时候|何时)"
)
"""A question about when a piece of work starts or ends (``专项行动到什么时候结束``): no signature's day answers it."""


def timed_kept(
    ctx: Context, date: re.Pattern[str] | None, keep: Callable[[str], bool] | None
) -> Callable[[str], bool] | None:
    """``keep`` (which sentences may answer), without those whose only time asked (``date``) is in the plan's own
    title (its title line ``2023年…集中行动方案``), nor, when the time of a piece of work is asked (``到什么时候结束``),
    a signature's day alone. A question about when the plan itself came out (``哪天印发的``) keeps them all."""
    if date is None or ISSUE_ASKED.search(ctx.q.text):
        return keep
    titles = [d.title for d in ctx.docs if d.title]
    work_time = WORK_TIME_ASKED.search(ctx.q.text) is not None

    def kept(sentence: str) -> bool:
        untitled = functools.reduce(lambda text, title: text.replace(title, ""), titles, sentence)
        signed = work_time and DAY_ALONE.match(sentence) is not None
        return (keep is None or keep(sentence)) and bool(date.search(untitled)) and not signed

    return kept


def lead_kept(ctx: Context, keep: Callable[[str], bool] | None) -> Callable[[str], bool] | None:
    """``keep`` (which sentences may answer), without a plan's lead sentence (``根据…，制定本方案``) when the question
    asks a kind of thing (:attr:`Evidence.kinds`) in words the lead and its plan's name do not say: the lead says why
    the plan is made, it names its plan's words, not the kind asked (``…想推动志愿服务往啥方向发展`` of
    ``根据…2025年…志愿服务活动的整体部署,制定本方案``)."""
    if not ctx.evidence.kinds:
        return keep

    def kept(sentence: str) -> bool:
        return (keep is None or keep(sentence)) and not lead_says_less(ctx, sentence)

    return kept


def lead_says_less(ctx: Context, sentence: str) -> bool:
    """Whether ``sentence`` is a plan's lead sentence that, with its plan's name, lacks a content word of the question
    besides the kind asked."""
    if OPENING.match(sentence.strip()) is None:
        return False
    evidence = ctx.evidence
    docs = [d for d in ctx.docs if sentence in d.text] or ctx.docs
    said = " ".join([*(plan_identity(d) for d in docs), sentence])
    return any(not evidence.holds(w, said) for w, _ in evidence.named(strict=True) if w not in evidence.kinds)


def holds_nothing_asked(ctx: Context, sentence: str, section: str, aside: tuple[str, ...] = ()) -> bool:
    """Whether ``sentence`` (under ``section``) holds none of the question's words beyond those that name its plans,
    though the question has such words: it is not about what is asked (``甲专项整治由哪个部门牵头`` is not answered by
    a line of the plan's 组织机构 that names no 甲). Words ``aside`` are not counted (a who-question's ``各由``)."""
    plans, evidence = plan_words(ctx.docs), ctx.evidence
    own = [t for t in evidence.tokens if t not in aside and not evidence.holds(t, plans)]
    return bool(own) and not any(evidence.holds(t, f"{section} {sentence}") for t in own)


BODY_NAME = re.compile(
    rf"(?<![城全本我跨])(?:{alternation(BODY_LEVELS)})[\u4e00-\u9fff]{{0,12}}?"
    rf"(?:{alternation((*ISSUER_NAME_ENDS, *UNIT_KINDS))})"
    rf"|[\u4e00-\u9fff]{{1,10}}?(?:{alternation(BODY_KIND_ENDS)})"
)
"""A name shaped as a body's: led by its level (``市交通局``, ``县人民政府``, ``各乡镇``…``政府``), or ending in a
word that names a body whatever leads it (``有关部门``, ``大数据中心``). A single end without a level is too often a
piece of another word (``一键联办``, ``许可办理``, ``金融机构``) to name who answers for a task."""


def body_names(text: str, segmenter: Segmenter) -> set[str]:
    """The names in ``text`` shaped as a body's (:data:`BODY_NAME`) whose end closes a word: ``协同办公`` holds
    ``市…协同办`` only as a piece of ``办公``."""
    ends, at = set(), 0
    for word, _ in segmenter.tagged(text):
        at += len(word)
        ends.add(at)
    return {m.group(0) for m in BODY_NAME.finditer(text) if m.end() in ends}


COUNT_ASKED = re.compile(r"(?<!哪)几(?![乎月日号点时])|多少")
"""A question asking how many (``几次``, ``多少项``; ``哪几个`` asks which, ``几月几号`` a date)."""
COUNT_SAID = re.compile(rf"\d|[一二两三四五六七八九十百千万]+(?:{alternation(COUNTED_MEASURES)})")
"""A count a sentence says, in digits or in words with its measure (``5项``, ``每年一次``, ``九大行动``)."""
NUMBERED_ASKED = re.compile(r"(?!哪)([\u4e00-\u9fff])几")
"""A numeral asked after a word (``国几``, ``第几``): the sentence answers with the word and a numeral (``国六``)."""


def says_count(question: str, sentence: str) -> bool:
    """Whether ``sentence`` says the count or the numeral ``question`` asks (``几次`` of ``每年两次``, ``国几`` of
    ``国六``)."""
    if COUNT_SAID.search(sentence):
        return True
    return any(
        re.search(f"{re.escape(m.group(1))}[一二两三四五六七八九十]", sentence)
        for m in NUMBERED_ASKED.finditer(question)
    )


BODY_CHARS = 300  # of a section's text quoted for a question its heading answers
ROW_CHARS = 600  # of a table row quoted whole for a sentence of one of its cells
NEXT_ITEM = re.compile(r"\n\s*(?:\d{1,3}[.．、]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)")
"""A line that opens the next numbered item, where a quoted section's text stops even when the item was not read
as a heading (``3.深入落实…`` after ``2.社会消费品零售总额增长5%以上…``)."""


def _body_under(sentence: str, chunk: Chunk, document: DocumentRecord) -> str:
    """``sentence``, or, when it is only the heading of its section (``一、基本原则``), the section's text after it
    (``一是…。二是…。``) up to :data:`BODY_CHARS`, cut at a sentence end: a heading names what is asked, its text
    says it. A sentence that leads in with a colon (``…主要包括：``) is quoted with what follows it, and so is a
    heading that is a sentence of its own (``3.某指标增长7%。（牵头单位：…）``). What is quoted never runs past
    the section's end into the next item."""
    heading = chunk.section.rsplit(" > ", 1)[-1] if chunk.section else ""
    line = sentence.strip().rstrip("。")
    leads_in = line.endswith(("：", ":"))  # ``第四条 各级责任主要包括：``: what it leads in follows
    if not leads_in and (not heading or line not in (heading.rstrip("。"), heading_title(heading).rstrip("。"))):
        return sentence
    text, start = document.text, sentence.strip()
    at = text.find(start, chunk.start)
    body = text[at + len(start) : section_end(chunk, document)].strip() if at >= 0 else ""
    if not body:
        return sentence
    cut = body[:BODY_CHARS]
    if not leads_in and (next_item := NEXT_ITEM.search(cut)):  # what it leads in is the items themselves
        cut = cut[: next_item.start()]
    end = max(cut.rfind("。"), cut.rfind("；"))
    said = cut[: end + 1] if end > 0 else cut
    return f"{start}{said}" if leads_in or start.endswith("。") else said


def _item_under(sentence: str, chunk: Chunk, document: DocumentRecord) -> str:
    """``sentence``, or, when it is a heading written in its paragraph (``——规划先行,协同推进。``, ``二是…。``), that
    heading with the rest of its paragraph up to :data:`BODY_CHARS`, cut at a sentence's end (unless the page is cut
    first): the heading names the item, the sentences after it say it."""
    if not inline_heading(sentence):
        return sentence
    text, said = document.text, sentence.strip()
    at = text.find(said, chunk.start)
    if at < 0:
        return sentence
    line_end = text.find("\n", at)
    rest = text[at + len(said) : line_end if line_end >= 0 else len(text)][:BODY_CHARS]
    end = max(rest.rfind("。"), rest.rfind("；"))
    return f"{said}{rest[: end + 1] if end > 0 else rest.strip()}"  # a page cut inside the item: what it holds


def _row_of(sentence: str, chunk: Chunk, document: DocumentRecord) -> str:
    """``sentence``, or the whole row of a table it is a piece of (``|序号|举措|内容。|指导部门|推广范围|``): a row's
    cells are one record, and a sentence of its text cell leaves out the cells after it."""
    text, said = document.text, sentence.strip()
    at = text.find(said, chunk.start)
    if at < 0:
        return sentence
    start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    row = text[start : end if end >= 0 else len(text)].strip()
    return row if row.startswith("|") and len(row) <= ROW_CHARS else sentence


def section_end(chunk: Chunk, document: DocumentRecord) -> int:
    """Where ``chunk``'s section ends in its document's text: the start of the first later chunk outside it and
    its sub-sections (the next item or heading), else the end of the text."""
    inside = chunk.path
    later = (c.start for c in document.chunks if c.start > chunk.start and c.path[: len(inside)] != inside)
    return min(later, default=len(document.text))


def _with_paragraph_year(sentence: str, chunk: Chunk, index: KnowledgeIndex) -> str:
    """``sentence`` with the year its paragraph set before it when it names none (:func:`paragraph_year`)."""
    text = index.documents[chunk.doc_id].text
    at = text.find(sentence, chunk.start)
    return f"{paragraph_year(text, at)}{sentence}" if at >= 0 else sentence
