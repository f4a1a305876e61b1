"""A quantity from the retrieved sentence that holds it, when no record of the extractor fits.

A sentence answers when it covers the question: its indicator or task words (all of them, or the answer
is partial), its year or period when the question names one (the sentence's own, or the one its paragraph
set earlier), a baseline year the same as the question's. The answer gives the amount of the clause piece
that names the indicator, the sentence with its section, and ``partial`` when a named thing is missing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from policykb.bot.answers.context import Context
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.indicator import later_subject, names_indicator, names_share_subject
from policykb.bot.answers.kind import Kind
from policykb.bot.answers.parts import question_parts
from policykb.bot.answers.plan_names import plan_words
from policykb.bot.answers.qualified import Tagger, counted_by_qualifier
from policykb.bot.answers.records import Records
from policykb.bot.answers.sentences import (
    Cover,
    Piece,
    amount_years,
    asked_times,
    asked_units,
    counted,
    counted_head,
    counts_other_thing,
    cover,
    covered,
    in_asked_unit,
    lacks_qualifier,
    paragraph_before,
    per_head_only,
    pieces,
    run_in_heading,
    since_years,
    subject_words,
    things_counted,
    time_of,
    times_named,
    unit_fits,
)
from policykb.bot.answers.targeting import rate_unstated, total_only, when_phrase
from policykb.bot.evidence import GENERIC_NOUNS, Evidence, wording_for
from policykb.bot.kinds import QuestionKind
from policykb.ingest.targets import opening_year, year_end
from policykb.kb.index import KnowledgeIndex
from policykb.kb.lexicon import ABOVE_BOUNDS, ACTUAL_WORDS, AMOUNT_ASKING_WORDS, BELOW_BOUNDS, PARTIAL_LEAD, alternation
from policykb.kb.records import Chunk, DocumentRecord
from policykb.kb.text import annual_year, split_items
from policykb.prompts.library import Phrases

__all__ = [
    "ASK", "ClauseAnswer", "FindOne", "Retrieved", "answering_pieces", "asks_count", "by_parts", "chunk_sentences",
    "part_context", "plan_words", "retrieved_sentences", "states",
]  # fmt: skip

ASK = re.compile(rf"{alternation(AMOUNT_ASKING_WORDS)}|(?<!哪)几(?!乎)")
"""A question asking an amount: ``多少``, ``几个`` (``哪几个`` asks which ones, not how many)."""
MAX_CHUNKS = 8  # retrieved chunks read, best first
MIN_HELD = 0.6  # the weight of the question's words a sentence must hold, as a share of the rarest word's
PIECE_SHARE = 0.5  # of what the sentence holds of the question, the share its answering pieces must hold
FRAMED_SUPPORT = 0.9  # the share of the question a sentence must hold when its pieces hold enough only by their frame


FindOne = Callable[[Context], "Finding | None"]
"""Another way to answer one part (a target record), tried when no sentence answers it."""


@dataclass
class Candidate:
    sentence: str
    chunk: Chunk
    section: str
    when: str  # the year or period carried from the paragraph or headings ("" when the sentence names its own)
    cover: Cover
    score: float
    own: float = 0.0  # how much of the question the sentence holds by itself, its headings aside: breaks a tie
    said: float = 0.0  # the weight of the question's words the sentence itself says, its plan's title words too


def asks_count(question: str) -> int:
    """How many amounts a question asks for: one per ``多少``/``几``, one per item of ``A和B分别是多少``."""
    return max(len(ASK.findall(question)), len(question_parts(question)), 1)


class ClauseAnswer(Kind):
    """The amount a retrieved sentence pairs with the question's indicator, cited with the sentence."""

    name = "clause"

    def find(self, ctx: Context, whole: Finding | None = None, records: FindOne | None = None) -> Finding | None:
        """The answer from the retrieved sentences, or ``whole`` (an answer from the records) when the lines it
        states (not the clauses it quotes) hold every part of the question. A question of several parts that
        no one answer states is answered part by part (by a sentence, else by ``records``); a part neither
        holds is named as not given."""
        whole = whole or self.find_one(ctx)
        parts = [p for p in question_parts(ctx.q.text) if ASK.search(p)]  # the parts that ask an amount
        if len(parts) < 2:
            return whole
        contexts = [self.part_context(ctx, part) for part in parts]
        if whole is not None and all(states(self.phrases, c, whole) for c in contexts):
            return whole
        found = [self.find_one(c) or (records(c) if records else None) for c in contexts]
        # a part no sentence answers alone but the whole answer holds (``激励目标是多少``) is answered by it
        by_whole = [f is None and whole is not None and self.holds_all(c, whole) for f, c in zip(found, contexts)]
        if not any(found) or (whole is not None and all(f is not None or w for f, w in zip(found, by_whole))
                              and any(by_whole)):  # fmt: skip
            return whole
        return by_parts(self.phrases, parts, found, QuestionKind.TARGET)

    def holds_all(self, ctx: Context, finding: Finding) -> bool:
        """Whether the clauses ``finding`` rests on hold every thing the question names."""
        return holds_words(ctx, " ".join([*finding.lines, *(c.section for c in finding.cited)]))

    def part_context(self, ctx: Context, part: str) -> Context:
        """``ctx`` for one part of its question."""
        return part_context(self.kit.index, ctx, part)

    def find_one(self, ctx: Context) -> Finding | None:
        """The amount of the one retrieved sentence that best covers the question."""
        best, tagged = self.best(ctx), self.kit.index.segmenter.tagged
        chosen = None
        if best is not None:
            chosen = answering_pieces(ctx, best.sentence, best.section, best.cover.support, tagged)
        if best is None or chosen is None:
            return None
        if not names_share_subject(ctx, " ".join(p.frame + p.subject + p.text for p in chosen), plan_words(ctx.docs)):
            return None  # the amount is another thing's share (非化石能源 for 化石能源)
        if later_subject(ctx, best.sentence, pieces_end(best.sentence, chosen), best.section, plan_words(ctx.docs)):
            return None  # the thing asked is the subject of a later clause that sets no such figure
        full = best.cover.lacking <= self.thresholds.missing
        if not full and not names_indicator(ctx, self.kit.index.segmenter, f"{best.section} {best.sentence}"):
            return None  # another indicator's figure (新增就业 for 失业率): the plan sets no such figure
        said = "，".join(p.text for p in chosen)
        year = best.when or self.asked_year(ctx, said)
        when = when_phrase(year, self.phrases, year_end(best.sentence, year))
        lines = [self.phrases("clause.line", when=when, pieces=said)]
        lines.append(self.phrases("fact.quote", sentence=best.sentence, section=best.section))
        if not full:
            lines = [PARTIAL_LEAD, *lines]
        facts = {
            "clause": {
                "amounts": [q for p in chosen for q, _ in p.quantities],
                "year": best.when,
                "sentence": best.sentence,
                "section": best.section,
            }
        }
        return Finding(lines, [best.chunk], QuestionKind.TARGET, facts, "full" if full else "partial")

    @staticmethod
    def asked_year(ctx: Context, said: str) -> str:
        """The one year the question asks, to label an answer whose pieces do not name it (its sentence does)."""
        asked = asked_times(ctx.q.text)
        return next(iter(asked)) if len(asked) == 1 and not times_named(said) else ""

    def best(self, ctx: Context) -> Candidate | None:
        """The retrieved sentence that best covers the question and states an amount it can be asked in."""
        th = self.thresholds
        asked, since = asked_times(ctx.q.text), since_years(ctx.q.text)
        units = asked_units(ctx.q.text)
        things = counted(ctx.evidence, ctx.q.text)
        head, tagged = counted_head(ctx.evidence, ctx.q.text), self.kit.index.segmenter.tagged
        best: Candidate | None = None
        subject = functools.cache(lambda plan: subject_words(ctx.evidence, plan))  # a plan's, once a question
        for r in retrieved_sentences(self.records, ctx):
            found = [u for p in pieces(r.sentence) for _, u in p.quantities]
            if not found or (units and not any(unit_fits(a, u) for a in units for u in found)):
                continue
            if rate_unstated(ctx.q.text, r.sentence):
                continue  # a rate asked (办结率是多少), the sentence counts things (接线员40人)
            years, when = r.time()
            if asked and not asked <= years:
                continue  # another year
            if any(not ctx.evidence.holds(w, f"{r.section} {r.sentence} {r.doc.title}") for w in things):
                continue  # it counts another thing (乡村医生, not 高素质农民); its plan's title words go unsaid
            if head and counts_other_thing(ctx.evidence, head, things_counted(tagged, r.sentence)):
                continue  # each amount counts a thing it names after it, none the one asked (航线, not 机场)
            if not names_share_subject(ctx, r.sentence, r.plan):
                continue  # it sets another thing's share (非化石能源 for 煤)
            if total_only(ctx.q.text, r.sentence):
                continue  # a total over several years (5年内…260名) where a yearly figure is asked
            if any(w in ctx.q.text and w not in r.sentence for w in ACTUAL_WORDS):
                continue  # the question asks what happened (实际增速), the sentence what is wanted
            if opposite_bound(ctx.q.text, r.sentence):
                continue  # it sets the figure of the other side of a bound (30人以下 for 30人以上)
            if since and not since <= since_years(r.sentence):
                continue  # measured against another year, or a level where a change is asked
            held = cover(ctx.evidence, subject(r.plan), f"{r.section} {r.sentence}")
            score = 0.8 * held.support + 0.2 / (r.rank + 1)
            chosen = answering_pieces(ctx, r.sentence, r.section, held.support, tagged)
            if chosen is None:
                score -= 1.0  # its amounts are other things' (8000座 of 充换电站 for 专用充电设施): one that pairs wins
            elif asked and len(years) > 1 and not asked <= (pieces_year(r.sentence, chosen) or years):
                continue  # the sentence names several years, and the amounts that answer are of another
            own = cover(ctx.evidence, subject(r.plan), r.sentence).support
            if best is None or (score, own) > (best.score, best.own):  # of two the headings cover alike, the
                said = cover(ctx.evidence, r.doc.place, r.sentence).weight  # one saying it itself
                best = Candidate(r.sentence, r.chunk, r.section, when, held, score, own, said)
        if best is None or best.cover.support < th.clause or best.cover.lacking > th.clause_missing:
            return None  # another indicator, or a thing the question names is not in the sentence
        if max(best.cover.weight, best.said) < MIN_HELD * self.kit.index.bm25.max_idf:
            return None  # too little of the question to go by (unless the sentence says its plan's topic words too)
        if ctx.evidence.neighbour(best.sentence):
            return None  # a neighbour of what it names (城镇 for 农村)
        return best


BOUND = re.compile(
    r"(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>[^\d\s，,。；;（(]{0,3}?)\s*(?:[（(]含[）)])?\s*(?:及|或)?"
    rf"(?P<side>{alternation((*ABOVE_BOUNDS, *BELOW_BOUNDS))})"
)
"""A number bounded from one side (``30人（含）以下``, ``50万元以上``, ``10公里以内``)."""


def opposite_bound(question: str, sentence: str) -> bool:
    """Whether ``sentence`` bounds a number of the question from the other side (the question's ``30人以上``, the
    sentence's ``30人（含）以下``): it states what holds for the other group."""
    asked = {(m.group("n"), m.group("side") in BELOW_BOUNDS) for m in BOUND.finditer(question)}
    stated = {(m.group("n"), m.group("side") in BELOW_BOUNDS) for m in BOUND.finditer(sentence)}
    return any((n, not below) in stated and (n, below) not in stated for n, below in asked)


def states(phrases: Phrases, ctx: Context, finding: Finding) -> bool:
    """Whether the lines ``finding`` states (its quotes aside) hold every thing the question (part) names and a
    year it asks: ``A达到80%`` with ``A、B达到80%、58%`` quoted answers A, not B."""
    heads = quote_heads(phrases)
    stated = [line for line in finding.lines if not line.startswith(heads)]
    text = " ".join([*stated, *(c.section for c in finding.cited)])
    return holds_words(ctx, text) and asked_times(ctx.q.text) <= times_named(text)


def holds_words(ctx: Context, text: str) -> bool:
    """Whether ``text`` holds every thing the question names and every other word of its own (``自来`` of a
    ``自来水`` the segmenter split), the words that name its plans aside."""
    plans = plan_words(ctx.docs)
    words = [
        t
        for t in ctx.evidence.tokens
        if len(t) > 1 and not t.isdigit() and t not in GENERIC_NOUNS and not ctx.evidence.holds(t, plans)
    ]
    return all(ctx.evidence.holds(t, text) for t in words) and not cover(ctx.evidence, plans, text).missing


def quote_heads(phrases: Phrases) -> tuple[str, ...]:
    """How a line that quotes a clause begins (``依据：“``, ``方案原文：“``): not a line the answer states."""
    quoting = (phrases("target.evidence", clause="\0"), phrases("fact.quote", sentence="\0", section=""))
    return tuple(q.split("\0")[0] for q in quoting)


def part_context(index: KnowledgeIndex, ctx: Context, part: str) -> Context:
    """``ctx`` for one part of its question."""
    evidence = Evidence.of(part, index.segmenter, index.bm25, wording_for(index))  # type: ignore[arg-type]
    return replace(ctx, q=replace(ctx.q, text=part), evidence=evidence, plain=part, words={})


def by_parts(phrases: Phrases, parts: list[str], found: list[Finding | None], kind: QuestionKind) -> Finding:
    """One answer of the parts' answers, a part none answers named as not given (``方案未写明：…``)."""
    lines: list[str] = []
    cited: list[Chunk] = []
    facts: list[dict] = []
    for part, finding in zip(parts, found):
        if finding is None:
            lines.append(phrases("clause.part_lacks", part=part.rstrip("？?")))
            continue
        lines.extend(line for line in finding.lines if line != PARTIAL_LEAD)
        cited.extend(finding.cited)
        facts.append(finding.facts)
    full = all(f is not None and f.confidence == "full" for f in found)
    return Finding(lines, cited, kind, {"parts": facts}, "full" if full else "partial")


def answering_pieces(
    ctx: Context, sentence: str, section: str, support: float, tagged: Tagger | None = None
) -> list[Piece] | None:
    """The clause pieces of ``sentence`` whose amounts answer the question, in the sentence's order; ``None``
    when they hold less than :data:`PIECE_SHARE` of what the sentence holds of it (``support``): the amount
    stands in another piece than the asked indicator, or the indicator has none. With ``tagged``, a piece that
    counts a thing it qualifies by money (``旅游总收入百亿元县城3个``) answers only a question naming that thing."""
    units = asked_units(ctx.q.text)
    order = [p for p in pieces(sentence) if tagged is None or not counts_unnamed_thing(ctx.q.text, p, tagged)]
    exact = in_asked_unit(order, units)
    ranked = sorted(order, key=lambda p: (-covered(ctx.evidence, p, units, exact), -literal_run(p.text, ctx.q.text)))
    chosen = _enough(ranked, asks_count(ctx.q.text), ctx, units, exact)
    plans = subject_words(ctx.evidence, plan_words(ctx.docs, ctx.evidence.places))
    framed = f"{section} {' '.join(f'{p.frame} {p.subject}{p.text}' for p in chosen)}"
    if not chosen or cover(ctx.evidence, plans, framed).support < PIECE_SHARE * support:
        return None
    if lacks_qualifier(ctx.q.text, framed) or per_head_only(ctx.q.text, framed):
        return None  # 专用充电设施 asked, the amount is of 充电设施 unqualified (or of another kind); 人均 of a whole
    unframed = cover(ctx.evidence, plans, f"{section} {' '.join(p.subject + p.text for p in chosen)}")
    if unframed.support < PIECE_SHARE * support and support < FRAMED_SUPPORT:
        return None  # the amount is the frame's (新增车辆中…30%) and the sentence leaves out what is asked (出租车)
    return sorted(chosen, key=lambda p: next(i for i, o in enumerate(order) if o.text == p.text))


def counts_unnamed_thing(question: str, piece: Piece, tagged: Tagger) -> bool:
    """Whether ``piece`` counts a thing qualified by an amount of money (``…百亿元县城3个``) that ``question``
    does not name: its words before that amount are what the counted things have, not what it counts."""
    first = piece.quantities[0][0] if piece.quantities else ""
    before = piece.text[: piece.text.find(first)] if first and first in piece.text else ""
    thing = counted_by_qualifier(f"{piece.subject}{before}", tagged)
    return bool(thing) and thing not in question


def literal_run(text: str, question: str) -> int:
    """The longest run of characters ``text`` shares with ``question``: of two pieces that hold as much of the
    question, the one that repeats its words (``1个县办中医类医院`` for ``几个县办中医类医院``) answers it."""
    match = SequenceMatcher(None, text, question, autojunk=False).find_longest_match()
    return match.size


def _enough(ranked: list[Piece], asks: int, ctx: Context, units: list[str], exact: bool) -> list[Piece]:
    """The best pieces, until they hold as many amounts as the question asks for; none that covers nothing."""
    chosen: list[Piece] = []
    amounts = 0
    for piece in ranked:
        if amounts >= asks:
            break
        if chosen and covered(ctx.evidence, piece, units, exact) <= 0.0:
            break
        chosen.append(piece)
        amounts += len(piece.quantities)
    return chosen


@dataclass(frozen=True)
class Retrieved:
    """One sentence of a retrieved chunk of the question's plans, with where it stands."""

    rank: int  # of its chunk, best first
    doc: DocumentRecord
    chunk: Chunk
    section: str  # its heading path (the plan's title where it has none)
    plan: str  # the plan's title, place and issuer: words that name the plan, not what is asked
    sentence: str
    before: str  # the text of its paragraph before it (where a year may be set)

    def time(self) -> tuple[set[str], str]:
        """The years the sentence holds for and how to say them (:func:`time_of`; an annual plan's year last)."""
        return time_of(self.sentence, self.before, self.section, annual_year(self.doc.title), self.opening())

    def opening(self) -> str:
        """The year or period the first paragraph of the sentence's section opens with (:func:`opening_year`)."""
        section = next((s for s in self.doc.sections if s.path == self.chunk.path), None)
        return opening_year(self.doc.text[section.start : section.end], section.heading) if section else ""


def retrieved_sentences(records: Records, ctx: Context) -> Iterator[Retrieved]:
    """The sentences of the best ``MAX_CHUNKS`` retrieved chunks of the question's plans, best chunk first."""
    wanted = {d.doc_id: d for d in ctx.docs}
    chunks = [c for c in (records.chunk(i) for i in ctx.ranked_ids) if c.doc_id in wanted]
    for rank, chunk in enumerate(chunks[:MAX_CHUNKS]):
        doc = wanted[chunk.doc_id]
        plan = plan_words([doc], ctx.evidence.places)
        for sentence, before in chunk_sentences(doc, chunk):
            section = " ".join(t for t in (chunk.section or doc.title, run_in_heading(before)) if t)
            yield Retrieved(rank, doc, chunk, section, plan, sentence, before)


def chunk_sentences(doc: DocumentRecord, chunk: Chunk) -> list[tuple[str, str]]:
    """The chunk's sentences, each with the text of its paragraph before it (where a year may be set)."""
    text = doc.text
    start = max(0, min(chunk.start, len(text)))
    end = max(start, min(chunk.end, len(text)))
    out = []
    for s, e in split_items(text[start:end], "。；;！？!?", start):
        sentence = text[s:e].strip()
        out.append((sentence, paragraph_before(text, s)))
    return out


def pieces_year(sentence: str, chosen: list[Piece]) -> set[str]:
    """The years of the ``chosen`` pieces' amounts (:func:`amount_years`); empty when one has none of its own (the
    sentence's years stand)."""
    years: set[str] = set()
    for piece in chosen:
        at = sentence.find(piece.text)
        amount = sentence.find(piece.quantities[0][0], max(at, 0)) if piece.quantities else -1
        own = amount_years(sentence, amount) if amount >= 0 else set()
        if not own:
            return set()
        years |= own
    return years


def pieces_end(sentence: str, chosen: list[Piece]) -> int:
    """Where in ``sentence`` the last of the ``chosen`` pieces ends (-1 when none is found as written)."""
    return max((sentence.find(p.text) + len(p.text) for p in chosen if p.text in sentence), default=-1)
