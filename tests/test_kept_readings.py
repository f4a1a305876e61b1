"""What the answer path keeps to read once (a question's coverage of a text, a text's years) is the same as reading
it again, and no caller can spoil it. Invented text (白岭市 is no real place); no model, no index."""

from __future__ import annotations

from dataclasses import replace

from policykb.bot.answers.sentences import times_named
from policykb.bot.answers.targeting import asked_years
from policykb.bot.evidence import Evidence

CLAUSE = "到2025年，白岭市农村屋顶光伏覆盖率达到63%以上"


def evidence(tokens: list[str], weights: list[float]) -> Evidence:
    return Evidence(tokens, weights, [True] * len(tokens), [True] * len(tokens), [False] * len(tokens), "")


def test_a_kept_coverage_is_the_one_weighed_again():
    asked = evidence(["屋顶光伏", "农村", "燃气"], [2.0, 1.0, 1.0])
    first = asked.coverage(CLAUSE)
    assert first == asked.coverage(CLAUSE) == 0.75


def test_another_question_read_from_the_same_evidence_weighs_anew():
    asked = evidence(["屋顶光伏", "农村"], [2.0, 1.0])
    assert asked.coverage(CLAUSE) == 1.0
    other = replace(asked, tokens=["燃气"], weights=[1.0], known=[True], nouns=[True], rare=[False])
    assert other.coverage(CLAUSE) == 0.0


def test_years_read_once_stay_as_read_when_a_caller_changes_its_copy():
    years = times_named(CLAUSE)
    years.add("2030")
    assert times_named(CLAUSE) == {"2025"}
    asked = asked_years("白岭市到2025年和2030年屋顶光伏覆盖率分别是多少？")
    asked.append("2035")
    assert asked_years("白岭市到2025年和2030年屋顶光伏覆盖率分别是多少？") == ["2025", "2030"]
