"""The kinds of question the bot tells apart, and the kinds of answer that answer no question.

Each is a ``str`` (:class:`enum.StrEnum`): it compares equal to its name and is written as that name in JSON,
the eval's results and the logs (``"target"``, ``"unit_tasks"``).
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["QuestionKind", "Unanswered"]


class QuestionKind(StrEnum):
    """What a question asks (see :func:`policykb.bot.question.classify`)."""

    DOCUMENT = "document"  # the plan itself: its 文号, issuer, date, the higher-level file it carries out
    LEDGER = "ledger"  # the tasks due in a window of time (this month, overdue, ongoing)
    DEADLINE = "deadline"  # when one task is due
    UNIT_TASKS = "unit_tasks"  # what a named unit leads or co-operates on
    OWNER = "owner"  # who leads or co-operates on a task
    LIST = "list"  # a plan's targets
    OUTLINE = "outline"  # a plan's parts (its projects, tasks, sections)
    TARGET = "target"  # one quantity a plan sets
    FACT = "fact"  # anything else, answered with the clause that says it


class Unanswered(StrEnum):
    """The kind of an answer given before any question kind was tried."""

    INVALID = "invalid"  # empty, too long or not a question
    SCOPE = "scope"  # the plan named is not on the shelf
