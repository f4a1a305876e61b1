"""A plan named by the term its title quotes is searched without that term, unless the question asks what the term
stands for: then the term is what its text is searched for."""

from __future__ import annotations

from policykb.bot.scope import asks_term, question_scope
from policykb.ingest.parser import parse_text

PLAN = """\
青禾市应急管理“三个到位”工作方案
一、工作目标
“三个到位”即责任到位、人员到位、物资到位。（市应急局牵头）
"""


def _searched(question: str) -> str:
    plan = parse_text(PLAN, "a", "plans/qinghe-emergency.txt", 160)
    other = parse_text("桐溪县防汛工作方案\n一、目标\n汛期无人员伤亡。\n", "b", "plans/tongxi-flood.txt", 160)
    found = question_scope(question, [plan, other], [])
    assert found.doc_ids == ["a"]
    return found.strip(question)


def test_a_question_asking_what_the_quoted_term_stands_for_searches_the_term():
    assert "三个到位" in _searched("“三个到位”分别是哪三个？")
    assert "三个到位" in _searched("什么是“三个到位”？")


def test_a_question_naming_the_plan_by_its_term_is_searched_without_it():
    assert "三个到位" not in _searched("“三个到位”工作的牵头单位是谁？")


def test_asks_term_forms():
    assert asks_term("“三个到位”具体指什么？", "三个到位")
    assert asks_term("三个到位包括哪些？", "三个到位")
    assert not asks_term("三个到位工作由谁负责？", "三个到位")
