"""How long a plan gives itself: ``开远市计划用多长时间打造集聚区`` is answered by the retrieved sentence that states a
span (``用3年时间``, ``三年内``, ``用两年左右时间``) and holds what the question asks beyond naming its plan.

The amount reader does not read these spans (a number of years is no target's amount), and a deadline question asks a
date; so a question of ``多长时间`` found no answer though its sentence was in hand.
"""

from __future__ import annotations

import re

from policykb.bot.answers.clause import retrieved_sentences
from policykb.bot.answers.context import Context
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.kind import Kind
from policykb.bot.answers.plan_names import plan_words
from policykb.bot.answers.sentences import asked_times
from policykb.bot.kinds import QuestionKind
from policykb.kb.lexicon import DURATION_ASKING_WORDS, SPENDING_VERBS, alternation

__all__ = ["StatedDuration", "asks_duration", "stated_duration"]

DURATION_ASKED = re.compile(rf"(?:{alternation(SPENDING_VERBS)})?(?:{alternation(DURATION_ASKING_WORDS)})")
"""How long is asked, with the verb of spending the time before it (``花多长时间``, ``要用多久``): it asks too."""
SPAN_NUMBER = r"(?:\d{1,2}|[一二三四五六七八九十两]{1,3}|半)"
SPAN = rf"(?:{SPAN_NUMBER}个?(?:年|月)?(?:到|至|[-—－~～]))?{SPAN_NUMBER}"
"""A number of years or months, or a range of them (``3—5``, ``5年到10``)."""
DURATION = re.compile(
    rf"(?:用|利用|花|经过|通过)(?:{SPAN})个?(?:年|月)(?:左右|多)?(?:的)?时间"
    rf"|(?<![\d年])(?:{SPAN})个?(?:年|月)(?:之)?内"
    rf"|为期(?:{SPAN})个?(?:年|月|天)(?:左右)?"
)
"""A span a plan gives itself: ``用3年时间``, ``利用两年左右的时间``, ``用5年到10年的时间``, ``三年内``, ``6个月内``
(not ``2025年内``), ``为期5年``."""


def asks_duration(question: str) -> bool:
    """Whether ``question`` asks how long (``用多长时间``, ``几年内``)."""
    return DURATION_ASKED.search(question) is not None


def stated_duration(sentence: str) -> str:
    """The span ``sentence`` states (``用3年时间``), else ``""``."""
    found = DURATION.search(sentence)
    return found.group(0) if found else ""


class StatedDuration(Kind):
    """The span a retrieved sentence states for what the question asks how long of."""

    name = "stated_duration"

    def find(self, ctx: Context) -> Finding | None:
        if not asks_duration(ctx.q.text):
            return None
        years = asked_times(ctx.q.text)
        asked = " ".join(m.group(0) for m in DURATION_ASKED.finditer(ctx.q.text))  # 花多长时间: all of it asks
        naming = f"{plan_words(ctx.docs)} {' '.join(DURATION_ASKING_WORDS)} {asked}"
        for item in retrieved_sentences(self.records, ctx):
            span = stated_duration(item.sentence)
            if not span or (years and not years <= item.time()[0]):
                continue
            if ctx.evidence.coverage_beyond(naming, f"{item.section} {item.sentence}") < self.thresholds.clause:
                continue
            quote = self.phrases("fact.quote", sentence=item.sentence, section=item.section)
            return Finding([f"{span}。", quote], [item.chunk], QuestionKind.FACT, {"duration": span})
        return None
