"""What the bot returns: an answer with its kind and its sources, best first."""

from __future__ import annotations

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


@dataclass
class Answer:
    """A cited answer. ``answerable`` is false when the documents do not say.

    ``confidence`` is ``"full"`` when the answer states what the question asks, ``"partial"`` when
    no clause says exactly that and the answer gives the closest one, with a caution.
    """

    question: str
    answer: str
    answerable: bool
    kind: str
    sources: list[Source] = field(default_factory=list)
    notice: str = ""
    evidence: dict[str, Any] = field(default_factory=dict)
    confidence: str = "full"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if not self.notice:
            data.pop("notice")
        return data
