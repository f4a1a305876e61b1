"""What a conversation is about: the subject a turn leaves, and how a question was read in its light."""

from __future__ import annotations

from dataclasses import dataclass, field

from policykb.bot.kinds import QuestionKind
from policykb.kb.lexicon import QUESTION_END

__all__ = ["ResolvedQuestion", "Subject", "core"]


@dataclass
class Subject:
    """What a turn was about: the kind of question, its task, units, indicator and plan."""

    kind: str = ""
    question: str = ""
    task: str = ""
    units: list[str] = field(default_factory=list)
    indicator: str = ""
    focus: str = "all"
    doc_ids: list[str] | None = None
    answered: bool = True
    answered_in: list[str] = field(default_factory=list)  # the plans its answer cited
    earlier_in: list[str] = field(default_factory=list)  # the plans an earlier turn's answer cited, when others
    led: str = ""  # the one task the unit a turn asked about leads (from its answer; never carried on)
    listed: str = ""  # the last question that asked a list's item by its place (第一项…), carried on by follow-ups
    item: tuple[str, str] = ("", "")  # the plan and section of the item its answer cited

    @property
    def anchor(self) -> str:
        """The name a pointer stands for: the task, else the unit asked about, else the indicator."""
        if self.kind == QuestionKind.UNIT_TASKS and self.units:
            return self.units[0]
        return self.task or (self.units[0] if self.units else "") or self.indicator


@dataclass
class ResolvedQuestion:
    """How a question was read in its conversation.

    ``text`` is the standalone question answered; ``form`` says how it was read
    (``standalone``, ``ellipsis``, ``pointer``, ``aspect``, ``continue``, ``llm``); ``doc_ids``
    is the plan the conversation is scoped to (``None``: every plan).
    """

    asked: str
    text: str
    form: str = "standalone"
    subject: Subject | None = None
    doc_ids: list[str] | None = None

    @property
    def follow_up(self) -> bool:
        """Whether the question was completed from the turns before it."""
        return self.form not in ("standalone", "plan")

    @property
    def titled(self) -> bool:
        """Whether the turn named its plan by title (the plan scopes it; its name is off the question)."""
        return self.form == "plan"

    @property
    def preferred(self) -> list[str]:
        """The plans the last answer came from, asked first when the conversation is scoped to no plan."""
        before = self.subject
        return list(before.answered_in) if before is not None and self.doc_ids is None else []

    @property
    def changed(self) -> bool:
        """Whether the standalone question differs from what was asked."""
        return core(self.text) != core(self.asked)


def core(text: str) -> str:
    """``text`` without the marks that end it."""
    return QUESTION_END.sub("", (text or "").strip())
