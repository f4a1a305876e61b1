"""A fact or owner question of several parts, answered part by part when one answer does not state them all.

``由谁担任召集人？每年召开几次会议？`` (a fact and a count), ``A和B分别由哪个部门牵头？`` (two tasks): each part is
asked as a question of its own (its own kind) and answered under the other; a part the plans do not give is
named (``方案未写明：…``). A part that names nothing beyond its plan and the roles asked (``哪些部门参与``) is
answered by the whole answer, and so is a part asking a document fact (``文号是多少`` of the file a plan carries
out is that file's, not the plan's).
"""

from __future__ import annotations

from dataclasses import replace

from policykb.bot.answers.clause import FindOne, by_parts, part_context, plan_words, states
from policykb.bot.answers.context import Context
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.parts import question_parts
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
        if ctx.q.kind not in PARTWISE:
            return whole
        parts = [(p, self.context(ctx, p)) for p in question_parts(ctx.q.text)]
        own = [(p, c) for p, c in parts if self.names_own(c)]
        if len(parts) < 2 or len(own) < 2 or any(c.q.kind == QuestionKind.DOCUMENT for _, c in own):
            return whole
        if whole is not None and all(states(self.phrases, c, whole) for _, c in own):
            return whole
        found = [answer_one(c) for _, c in own]
        if not any(found):
            return whole
        if any(f is not None and "plans" in f.facts for f in found):  # some part answered plan by plan
            found = [self.under_plan(f) for f in found]
        return by_parts(self.phrases, [p for p, _ in own], found, whole.kind if whole else ctx.q.kind)

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
        """Whether a part names something beyond its plan and the roles it asks (``哪些部门参与`` does not)."""
        plans = plan_words(ctx.docs)
        return any(
            not ctx.evidence.holds(token, plans) and not any(token in role for role in ROLE_WORDS)
            for token, _ in ctx.evidence.named(strict=True)
        )
