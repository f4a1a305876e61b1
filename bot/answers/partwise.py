"""A fact or owner question of several parts, answered part by part when one answer does not state them all.

``由谁担任召集人？每年召开几次会议？`` (a fact and a count), ``A和B分别由哪个部门牵头？`` (two tasks), ``X要控制在
多少？哪些地方要消除Y？`` (an amount and a fact): each part is
asked as a question of its own (its own kind) and answered under the other; a part the plans do not give is
named (``方案未写明：…``). A part that names nothing beyond its plan and the roles asked (``哪些部门参与``) is
answered by the whole answer, and so is a part asking a document fact (``文号是多少`` of the file a plan carries
out is that file's, not the plan's).
"""

from __future__ import annotations

from dataclasses import replace

from policykb.bot.answers.clause import FindOne, by_parts, holds_words, part_context, states
from policykb.bot.answers.context import Context
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.parts import question_parts
from policykb.bot.answers.plain_facts import OWN_SPAN, PLAN_SPAN_ASKED
from policykb.bot.answers.plan_names import plan_words
from policykb.bot.kinds import QuestionKind
from policykb.bot.question import classify
from policykb.kb.index import KnowledgeIndex
from policykb.kb.lexicon import DUTY_MENTION_WORDS, ROLE_LABEL_WORDS
from policykb.prompts.library import Phrases

__all__ = ["PARTWISE", "Partwise"]

PARTWISE = (QuestionKind.FACT, QuestionKind.OWNER)
"""The kinds a question is answered part by part in here (targets and deadlines split their own parts)."""
ROLE_WORDS = (*DUTY_MENTION_WORDS, *ROLE_LABEL_WORDS, "单位", "部门")


class Partwise:
    """Answers each part of a question with the answerer's own dispatch.

    Args:
        index: the loaded knowledge index (its units classify a part).
        phrases: the phrase templates.
    """

    def __init__(self, index: KnowledgeIndex, phrases: Phrases) -> None:
        self.index = index
        self.phrases = phrases

    def find(self, ctx: Context, whole: Finding | None, answer_one: FindOne) -> Finding | None:
        """``whole`` when it states every part of the question (or the question has one part), else each part's
        own answer (``answer_one``), a part none answers named as not given."""
        if ctx.q.kind not in (*PARTWISE, QuestionKind.DOCUMENT, QuestionKind.TARGET):
            return whole
        own = [(p, c) for p, c in self.parts(ctx) if self.names_own(c)]
        if len(own) < 2 or all(c.q.kind == QuestionKind.DOCUMENT for _, c in own):
            return whole
        mixed = ctx.q.kind == QuestionKind.TARGET and any(c.q.kind != QuestionKind.TARGET for _, c in own)
        if ctx.q.kind not in PARTWISE and not mixed and not (whole is not None and whole.kind == QuestionKind.DOCUMENT):
            return whole  # targets split their own parts; an amount and a fact (多少？哪些地方…？) are split here
        fit = self.one_plan(ctx, own)
        if fit and whole is not None and any(c.doc_id not in fit for c in whole.cited):
            ctx, own = self.scoped(ctx, fit), [(p, self.scoped(c, fit)) for p, c in own]
            whole = answer_one(ctx)  # the plan both parts fit, not every plan that holds one of them
        if whole is not None and all(self.stated(c, whole) for _, c in own):
            return whole
        found = [self.answer_part(c, whole, answer_one) for _, c in own]
        if not any(found):
            return whole
        found = [f or self.held_by_another(c, found) for f, (_, c) in zip(found, own)]
        if any(f is not None and "plans" in f.facts for f in found):  # some part answered plan by plan
            found = [self.under_plan(f) for f in found]
        return by_parts(self.phrases, [p for p, _ in own], found, whole.kind if whole else ctx.q.kind)

    def stated(self, part: Context, whole: Finding) -> bool:
        """Whether ``whole`` states ``part`` (:func:`states`); a part asking the plan's own span (``规划期到哪年？``)
        only by a span of years, not by the date of a document line."""
        spans = PLAN_SPAN_ASKED.search(part.q.text)
        return states(self.phrases, part, whole) and not (spans and not any(map(OWN_SPAN.search, whole.lines)))

    def parts(self, ctx: Context) -> list[tuple[str, Context]]:
        """The question's parts, each with its context; a part that names nothing of its own and asks another
        kind than the part before it (``今年再建几个X？谁负责？``) asks it of that part's subject
        (``今年再建几个X，谁负责？``)."""
        out: list[tuple[str, Context]] = []
        for part in question_parts(ctx.q.text):
            asked = self.context(ctx, part)
            if out and not self.names_own(asked) and self.names_own(out[-1][1]):
                before, said = out[-1]
                if said.q.kind != asked.q.kind and asked.q.kind != QuestionKind.DOCUMENT:
                    part = f"{before.rstrip('？?')}，{part}"
                    asked = self.context(ctx, part)
            out.append((part, asked))
        return out

    @staticmethod
    def held_by_another(part: Context, found: list[Finding | None]) -> Finding | None:
        """For a part none answers alone, an empty answer when another part's clause holds it (``…细化15项任务，涉及
        10个责任单位`` quoted for ``细化了多少项任务？涉及多少个责任单位？``): it is answered there, not missing."""
        held = any(f is not None and holds_words(part, " ".join(f.lines)) for f in found)
        return Finding([], [], part.q.kind, {}) if held else None

    @staticmethod
    def answer_part(part: Context, whole: Finding | None, answer_one: FindOne) -> Finding | None:
        """A part's own answer; a document part (``文号是多少？``) of a document question is the whole answer's
        (the plan the whole question names, not whichever plan a bare ``文号`` finds)."""
        if part.q.kind == QuestionKind.DOCUMENT and whole is not None and whole.kind == QuestionKind.DOCUMENT:
            return whole
        return answer_one(part)

    @staticmethod
    def one_plan(ctx: Context, own: list[tuple[str, Context]]) -> list[str]:
        """The plans whose text holds every part of a question no plan filter scopes (``A和B分别由谁牵头`` of the
        one plan that sets both A and B); ``[]`` when no plan holds them all or every plan the question reaches
        does."""
        if ctx.doc_ids is not None or len(ctx.docs) < 2:
            return []
        fit = [d.doc_id for d in ctx.docs if all(holds_words(c, d.text) for _, c in own)]
        return fit if len(fit) < len(ctx.docs) else []

    @staticmethod
    def scoped(ctx: Context, doc_ids: list[str]) -> Context:
        """``ctx`` kept to the plans ``doc_ids``."""
        return replace(ctx, docs=[d for d in ctx.docs if d.doc_id in doc_ids], doc_ids=doc_ids)

    def under_plan(self, finding: Finding | None) -> Finding | None:
        """A part's answer of one plan under that plan's title, as the parts answered plan by plan stand: its
        lines never read as another plan's."""
        if finding is None or "plans" in finding.facts or not finding.cited:
            return finding
        doc = self.index.documents[finding.cited[0].doc_id]
        head = self.phrases("document.plan", title=doc.title, place=doc.place or "—")
        return replace(finding, lines=[head, *finding.lines])

    def context(self, ctx: Context, part: str) -> Context:
        """``ctx`` for one part, of the kind the part asks."""
        asked = part_context(self.index, ctx, part)
        return replace(asked, q=classify(part, self.index.units))  # type: ignore[arg-type]

    @staticmethod
    def names_own(ctx: Context) -> bool:
        """Whether a part names something beyond its plan and the roles it asks (``哪些部门参与`` does not); a
        document fact (``啥时候发布的？``) and the plan's own span (``规划期到哪年？``) are things of their own, though
        the plan's title holds every word that asks them."""
        if ctx.q.kind == QuestionKind.DOCUMENT or PLAN_SPAN_ASKED.search(ctx.q.text):
            return True
        plans = plan_words(ctx.docs)
        return any(
            not ctx.evidence.holds(token, plans) and not any(token in role for role in ROLE_WORDS)
            for token, _ in ctx.evidence.named(strict=True)
        )
