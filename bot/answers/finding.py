"""What one kind of question found in the records, before it is written as an :class:`~policykb.bot.answer.Answer`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from policykb.bot.kinds import QuestionKind
from policykb.kb.records import Chunk


@dataclass
class Finding:
    """An answer's lines, the chunks they rest on, its kind and its structured facts.

    ``confidence`` is ``"partial"`` when no clause says exactly what was asked and the lines give the closest one.
    """

    lines: list[str]
    cited: list[Chunk]
    kind: QuestionKind
    facts: dict[str, Any]
    confidence: str = "full"
