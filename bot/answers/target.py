"""A numeric target: by words, else by meaning, else the closest one with a caution."""

from __future__ import annotations

import re

from policykb.bot.answers.clause import ASK, ClauseAnswer, part_context, pieces_year
from policykb.bot.answers.context import Context
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.indicator import names_indicator, names_later_subject, names_share_subject
from policykb.bot.answers.kind import Kind, Kit
from policykb.bot.answers.meaning import standardized
from policykb.bot.answers.parts import RESPECTIVE, question_parts
from policykb.bot.answers.plan_names import plan_words
from policykb.bot.answers.qualified import Tagger, counted_by_qualifier, qualifier_amount
from policykb.bot.answers.sentences import (
    Piece,
    asked_times,
    asked_units,
    counted,
    counted_head,
    counts_other_thing,
    covered,
    lacks_qualifier,
    per_head_only,
    pieces,
    things_counted,
)
from policykb.bot.answers.targeting import (
    best_group,
    bound_first,
    closest_target,
    match_targets,
    target_lines,
    unit_compatible,
    year_compatible,
)
from policykb.bot.kinds import QuestionKind
from policykb.kb.lexicon import PARTIAL_LEAD, WHOLE_SCOPES, alternation
from policykb.kb.records import Target, path_label

OUTPAIRED_BY = 0.15  # how much more of the question a sibling piece must hold to take the answer from a record


class TargetAnswer(Kind):
    """The target the question asks for.

    By words, else by meaning; the closest one, with a caution, when none fits exactly and one comes
    close enough; else the amount of the retrieved sentence that covers the question.
    Never a target about a neighbour of what the question names (another year, another
    kind of vehicle, another pollutant).
    """

    name = QuestionKind.TARGET

    def __init__(self, kit: Kit) -> None:
        super().__init__(kit)
        self.clause = ClauseAnswer(kit)

    def find(self, ctx: Context) -> Finding | None:
        """From the records first; else from the retrieved sentence that holds the amount."""
        return self.clause.find(ctx, self.from_records(ctx), self.from_records)

    def from_records(self, ctx: Context) -> Finding | None:
        """The target record the question asks for, or ``None``."""
        th, meaning = self.thresholds, self.kit.meaning
        candidates = bound_first(ctx.q.text, self.candidates(ctx))
        near = self.records.near(ctx, "targets")  # a whole's figure makes its kind's narrower, though not asked
        targets = [t for t in candidates if meaning.fits(ctx, t) and not narrower(t, near, ctx.q.text)]
        titles = {t.doc_id: meaning.identity(t.doc_id) for t in targets}
        matches = match_targets(ctx.evidence, targets, ctx.ranked, titles)
        group = [m.target for m in best_group(matches)]
        if group and matches[0].support >= th.target:
            return self.finding(with_members(ctx, group, targets))
        hits = meaning.target_hits(ctx) if targets else []
        nearness = standardized(hits)
        dense = meaning.gate().pick(hits)
        chosen = {t.id: t for t in targets}.get(dense or "")
        if chosen is not None:
            return self.finding([chosen])
        closest = closest_target(matches, nearness, th.partial_dense_weight, th.partial_margin)
        if closest is None or closest[1] < th.partial:
            return None
        target = closest[0]
        if not self.names_indicator(ctx, target):
            return None  # another indicator's figure (新增就业 for 失业率): the plan sets no such figure
        if not meaning.explains(ctx, target.sentence, near=th.partial_word_z, **partial_fit(target)):
            return None  # a partial answer only when every named thing is in the clause or plainly meant by it
        return self.finding([target], partial=True)

    def candidates(self, ctx: Context) -> list[Target]:
        """The question's near targets that its words allow (its unit and year, the things it counts, the subject
        of a share it asks), before their clauses are weighed by meaning."""
        things, plans = counted(ctx.evidence, ctx.q.text), plan_words(ctx.docs)
        titles = {d.doc_id: d.title for d in ctx.docs}
        head, tagged = counted_head(ctx.evidence, ctx.q.text), self.kit.index.segmenter.tagged
        return [
            t
            for t in self.records.near(ctx, "targets")
            if not (head and counts_other_thing(ctx.evidence, head, things_counted(tagged, t.clause)))  # 航线, not 机场
            and unit_compatible(ctx.q.text, t)
            and year_compatible(ctx.q.text, t)
            and all(ctx.evidence.holds(w, f"{t.section} {t.sentence} {titles[t.doc_id]}") for w in things)  # not
            # another thing counted; the words of its plan's title go unsaid (低空 of a 低空经济 plan's 企业100家)
            and names_share_subject(ctx, f"{t.indicator} {t.clause}", plans)  # not 非化石能源 for 煤
            and not names_later_subject(ctx, t, plans)  # not 森林覆盖率's 30% for the next clause's 湿地
            and not lacks_qualifier(ctx.q.text, f"{t.section} {t.clause}")  # not 充电设施's for 专用充电设施
            and not per_head_only(ctx.q.text, f"{t.indicator} {t.clause}")  # not 人均地区生产总值's for the whole
            and not qualified_away(ctx.q.text, t, tagged)  # not 地级市's count for 旅游总收入
            and not outpaired(ctx, t)  # not 累计's 4800万亩 for 新建's 150万亩 of the same sentence
        ]

    def names_indicator(self, ctx: Context, target: Target) -> bool:
        """Whether ``target``'s headings and clause name the indicator the question asks about (if it names one)."""
        return names_indicator(ctx, self.kit.index.segmenter, f"{' '.join(target.path)} {target.sentence}")

    def looks_up_words(self, ctx: Context) -> bool:
        """Whether answering ``ctx``, read before retrieval (no ranking yet), may look up the meaning of its
        question's words, or of a part's words (``A和B分别是多少``)."""
        parts = [p for p in question_parts(ctx.q.text) if ASK.search(p)]
        contexts = [ctx, *(part_context(self.kit.index, ctx, p) for p in parts)] if len(parts) > 1 else [ctx]
        return any(self._looks_up_words(c) for c in contexts)

    def _looks_up_words(self, ctx: Context) -> bool:
        """Told from the words alone, erring towards yes: a near target whose fit would look a word up, or a fitting
        one whose partial answer would (whether the answer comes to it depends on the ranking). In a corpus whose
        near targets follow the ranking, always yes."""
        if not self.records.all_near(ctx, "targets"):
            return True
        meaning = self.kit.meaning
        candidates = self.candidates(ctx)
        if any(meaning.fit_looks_up(ctx, t) for t in candidates):
            return True
        return any(
            meaning.fits(ctx, t)
            and self.names_indicator(ctx, t)
            and meaning.looks_up(ctx, t.sentence, **partial_fit(t))
            for t in candidates
        )

    def finding(self, group: list[Target], partial: bool = False) -> Finding:
        """The lines of ``group``'s targets; a caution first when the answer is only the closest target."""
        documents = self.kit.index.documents
        lines = [
            line
            for target in group
            for line in target_lines(target, self.phrases, documents[target.doc_id].task_for(target.path, target.start))
        ]
        if partial:
            lines = [PARTIAL_LEAD, *lines]
        facts = {"targets": [target_fact(t) for t in group]}
        cited = [self.records.target_chunk(t) for t in group]
        return Finding(lines, cited, QuestionKind.TARGET, facts, "partial" if partial else "full")


def narrower(target: Target, others: list[Target], question: str) -> bool:
    """Whether ``target`` counts a kind of what another target counts, a kind the question does not ask:
    ``大型规模养殖场…配套率`` beside ``规模养殖场…配套率``, asked ``规模养殖场…配套的比例``; ``2025年人均地区生产总值``
    beside ``全旗地区生产总值`` (the whole place's words and the kind's year aside), asked ``地区生产总值`` (the kind's
    figure is never the answer, even when the whole's clause is not taken)."""
    for other in (o for o in others if o.doc_id == target.doc_id):
        whole = WHOLE_SCOPE.sub("", other.indicator)
        own = YEAR_AFTER.sub("", target.indicator)  # ``…配套率在2027年``: the year is no part of the thing
        if len(whole) < 4 or own == whole or not own.endswith(whole):
            continue
        kind = NAMED_YEAR.sub("", own[: -len(whole)])
        if kind not in question and not WHOLE_SCOPE.fullmatch(kind):
            return True
    return False


WHOLE_SCOPE = re.compile(rf"^(?:{alternation(WHOLE_SCOPES)})")
"""The whole place an indicator opens with (``全旗地区生产总值``): no kind of the thing."""
NAMED_YEAR = re.compile(r"(?:19|20)\d\d年")
YEAR_AFTER = re.compile(r"[在于到]?(?:19|20)\d\d年(?:底|末)?$")


def qualified_away(question: str, target: Target, tagged: Tagger) -> bool:
    """Whether ``target``'s amount only qualifies the thing counted after it (``产值超5亿元骨干企业8家``: 5亿元),
    or counts a thing its indicator qualifies by money (``旅游总收入百亿元县城``) that ``question`` does not name."""
    if qualifier_amount(target.clause, f"{target.value}{target.unit}", tagged):
        return True
    thing = counted_by_qualifier(target.indicator, tagged)
    return bool(thing) and thing not in question


def outpaired(ctx: Context, target: Target) -> bool:
    """Whether another clause piece of ``target``'s sentence holds clearly more of the question than the piece
    of ``target``'s own amount (``新建高标准农田150万亩，…，累计…达4800万亩`` for ``新建…多少万亩``): the
    sentence pairs the asked indicator with that piece's amount, not with the record's."""
    order = list(pieces(target.sentence))
    amount = f"{target.value}{target.unit}"
    own = [p for p in order if any(q.startswith(amount) for q, _ in p.quantities)]
    if len(own) != 1 or len(order) < 2:
        return False
    units = asked_units(ctx.q.text)  # any measure of the asked kind fits (``几个`` ↔ ``15座``): words decide
    mine = covered(ctx.evidence, own[0], units)
    asked = asked_times(ctx.q.text)
    return any(
        covered(ctx.evidence, p, units) > mine + OUTPAIRED_BY and of_asked_year(target.sentence, p, asked)
        for p in order
        if p is not own[0]
    )  # the cheap test first: a piece that holds no more of the question needs no year


def of_asked_year(sentence: str, piece: Piece, asked: set[str]) -> bool:
    """Whether ``piece``'s amount may be of the years ``asked``: a piece of another year (``到2026年…0.58以上`` beside
    ``到2030年…0.6以上``, asked 2030) is no rival of the record of the asked year's piece."""
    if not asked:
        return True
    years = pieces_year(sentence, [piece])
    return not years or bool(asked & years)


def partial_fit(target: Target) -> dict:
    """How a partial answer weighs ``target``'s clause: every content word said, or plainly meant by it."""
    return {"allowed": 0.0, "target_id": target.id, "strict": True}


def with_members(ctx: Context, group: list[Target], targets: list[Target]) -> list[Target]:
    """``group``, and the targets its clause sets for the other members the question asks about: every member of a
    kind it names (``四项主要污染物的…减排量``: ``化学需氧量、氨氮…减排量分别达到…``), or each member it names
    (``氨氮和氮氧化物…分别是多少``), in the clause's order."""
    glossary, asked = ctx.evidence.glossary, ctx.plain or ctx.q.text
    if glossary is None:
        return group
    kinds = [found for kind, found in glossary.kinds.items() if kind in asked]
    named = [m for found in glossary.kinds.values() for m in found if m in asked]
    members = named if len(named) > 1 and RESPECTIVE.search(asked) else [] if named else [m for k in kinds for m in k]
    clauses = {(t.doc_id, t.sentence) for t in group if any(m in t.indicator for m in members)}
    kin = [t for t in targets if (t.doc_id, t.sentence) in clauses and any(m in t.indicator for m in members)]
    if not kin:
        return group

    def at(target: Target) -> int:  # where the clause names the target's member
        return min((target.sentence.find(m) for m in members if m in target.indicator), default=0)

    return sorted({t.id: t for t in [*group, *kin]}.values(), key=at)


def target_fact(target: Target) -> dict[str, str]:
    """A target's fields as the answer's evidence records them."""
    return {
        "indicator": target.indicator,
        "comparator": target.comparator,
        "value": target.value,
        "unit": target.unit,
        "year": target.year,
        "section": path_label(target.path),
    }
