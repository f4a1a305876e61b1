"""The shape every kind of question shares: what it reads with, and ``find`` that returns a :class:`Finding`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from policykb.bot.answers.context import Context
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.meaning import Meaning
from policykb.bot.answers.records import Records
from policykb.bot.thresholds import Thresholds
from policykb.kb.index import KnowledgeIndex
from policykb.prompts.library import Phrases


@dataclass
class Kit:
    """What the kinds of answer read with: the index, the phrases, the thresholds, records and meaning."""

    index: KnowledgeIndex
    phrases: Phrases
    thresholds: Thresholds
    records: Records
    meaning: Meaning
    today: date | None = None  # the ledger's “today” (``None``: the clock's day)


class Kind:
    """One kind of question (a target, an owner, a unit's tasks …): finds its answer in the records.

    Args:
        kit: what it reads with.
    """

    name = ""

    def __init__(self, kit: Kit) -> None:
        self.kit = kit
        self.phrases = kit.phrases
        self.thresholds = kit.thresholds
        self.records = kit.records

    def find(self, ctx: Context) -> Finding | None:
        """The answer's finding for ``ctx``, or ``None`` when the records do not answer it."""
        raise NotImplementedError

    def looks_up_words(self, ctx: Context) -> bool:
        """Whether answering ``ctx``, read before retrieval (no ranking yet), may look up the meaning of its
        question's words (then they are embedded with the question, in one model call); yes unless a kind can
        tell."""
        return True
