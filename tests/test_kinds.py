"""The kinds of question are one enum: written as their names, and each has the answer that finds it."""

from __future__ import annotations

import json

from policykb.bot.answerer import KINDS
from policykb.bot.answers.fact import Fact
from policykb.bot.kinds import QuestionKind, Unanswered


def test_a_kind_is_written_as_its_name() -> None:
    assert json.dumps({"kind": QuestionKind.UNIT_TASKS}) == '{"kind": "unit_tasks"}'
    assert f"{QuestionKind.TARGET}" == "target" == QuestionKind.TARGET
    assert str(Unanswered.SCOPE) == "scope"


def test_every_question_kind_has_the_answer_that_finds_it() -> None:
    answered = [kind.name for kind in (*KINDS, Fact)]
    assert sorted(answered) == sorted(QuestionKind)
    assert all(isinstance(name, QuestionKind) for name in answered)
    assert not set(QuestionKind) & set(Unanswered)
