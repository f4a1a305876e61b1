"""What every kind of answer reads: the question, its evidence, the documents, the ranking."""

from __future__ import annotations

from dataclasses import dataclass, field

from policykb.bot.evidence import Evidence
from policykb.bot.question import Question
from policykb.kb.records import DocumentRecord


@dataclass
class Context:
    """One question as the kinds of answer read it."""

    q: Question
    evidence: Evidence
    docs: list[DocumentRecord]
    ranked: list[str]  # the retrieved chunks' sections, best first
    ranked_ids: list[str]  # the retrieved chunks' ids, best first
    doc_ids: list[str] | None = None  # the question's document filter; ``None``: every document
    plain: str = ""  # the question in the plans' words (glossary applied)
    shelf: list[DocumentRecord] = field(default_factory=list)  # the plans asked each apart (``docs`` one of them)
    words: dict[str, dict[str, float]] = field(default_factory=dict)  # each named word's nearness to each target
    # nearness looked up ahead, all the question's open words at once: by (document filter, word)
    nearness: dict[tuple[tuple[str, ...] | None, str], dict[str, float]] = field(default_factory=dict)
