"""Where a body's office sits: ``联席会议办公室设在哪个单位`` is answered by the retrieved sentence that seats it
(``联席会议办公室设在市甲局``, ``指挥部下设办公室在县乙局，承担日常工作``) and names the body asked.

A question of where an office sits reads as a question of who is responsible (``哪个单位``) or of a unit's tasks, and
no task record holds the seat: the question was refused, or answered with the body's own tasks.
"""

from __future__ import annotations

import re

from policykb.bot.answers.clause import retrieved_sentences
from policykb.bot.answers.context import Context
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.kind import Kind
from policykb.bot.kinds import QuestionKind
from policykb.ingest.unit_names import is_org
from policykb.kb.lexicon import OFFICE_WORDS, SEAT_ASKING_WORDS, SEATED_BODY_ENDS, alternation

__all__ = ["OfficeSeat", "asks_seat", "seated_unit"]

SEAT_ASKED = re.compile(rf"(?:{alternation(OFFICE_WORDS)})(?:设)?(?:在|于)(?:哪|什么|何)")
SEATED = re.compile(
    rf"(?:{alternation(OFFICE_WORDS)})(?:设在|设于|在)(?P<unit>[^，,。；;、\s（(]{{2,24}}?)(?=[，,。；;（(]|$|负责|承担)"
)
"""``办公室设在市甲局`` · ``下设办公室在县乙局`` · ``办事机构设于市丙委``: the unit an office sits in."""
ASKED_BODY = re.compile(rf"(?P<body>{alternation(SEATED_BODY_ENDS)})(?:的)?(?:下设)?(?:{alternation(OFFICE_WORDS)})")
"""The kind of body whose office a question asks of (``联席会议办公室``, ``指挥部的办公室``)."""


def asks_seat(question: str) -> bool:
    """Whether ``question`` asks where an office sits (``办公室设在哪个单位``, ``办公室在哪``)."""
    return SEAT_ASKED.search(question) is not None


def seated_unit(sentence: str) -> str:
    """The unit ``sentence`` seats an office in, else ``""``."""
    found = SEATED.search(sentence)
    return found.group("unit") if found and is_org(found.group("unit")) else ""


class OfficeSeat(Kind):
    """The unit a retrieved sentence seats the asked body's office in: the sentence names the kind of body asked
    (``联席会议``, ``指挥部``), and what else the question names stands in it or names its plan."""

    name = "office_seat"

    def find(self, ctx: Context) -> Finding | None:
        if not asks_seat(ctx.q.text):
            return None
        asking = " ".join((*OFFICE_WORDS, *SEAT_ASKING_WORDS))
        body = found.group("body") if (found := ASKED_BODY.search(ctx.q.text)) else ""
        for item in retrieved_sentences(self.records, ctx):
            unit = seated_unit(item.sentence)
            if not unit or body not in item.sentence:
                continue
            where = f"{item.plan} {item.section} {item.sentence}"
            if ctx.evidence.coverage_beyond(asking, where) < self.thresholds.clause:
                continue
            quote = self.phrases("fact.quote", sentence=item.sentence, section=item.section)
            return Finding([f"办公室设在{unit}。", quote], [item.chunk], QuestionKind.FACT, {"seat": unit})
        return None
