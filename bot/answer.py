"""What the bot returns: an answer with its kind and its sources, best first."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Source:
    """A retrieved chunk; ``cited`` when the answer rests on it (the others are related context)."""

    document: str
    doc_id: str
    section: str
    text: str
    score: float
    cited: bool = False
    notes: str = ""  # what the document's reader noted, e.g. 文字由OCR识别


@dataclass
class Answer:
    """A cited answer. ``answerable`` is false when the documents do not say.

    ``resolved_question`` is the standalone question that was answered: the question itself, or,
    for a follow-up in a conversation, how it was read (“交通物流节能减排工程的配合单位有哪些？”).
    ``confidence`` is ``"full"`` when the answer states what the question asks, ``"partial"`` when
    no clause says exactly that and the answer gives the closest one, with a caution.
    """

    question: str
    answer: str
    answerable: bool
    kind: str  # a QuestionKind, or Unanswered when no kind was tried (policykb.bot.kinds)
    sources: list[Source] = field(default_factory=list)
    notice: str = ""
    evidence: dict[str, Any] = field(default_factory=dict)
    resolved_question: str = field(default="", compare=False)  # how it was read, not part of the answer
    confidence: str = "full"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if not self.notice:
            data.pop("notice")
        data["resolved_question"] = self.resolved_question or self.question
        return data


def pieces(text: str, size: int = 40) -> Iterator[str]:
    """``text`` in stream-sized pieces: line by line (newlines kept), long lines cut into ``size`` characters."""
    for line in text.splitlines(keepends=True):
        for i in range(0, len(line), size):
            yield line[i : i + size]
