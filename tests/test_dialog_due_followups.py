"""Follow-ups in officials' words: “要在什么时候前完成？” after a task's lead unit asks that task's deadline; a question
about “各县区/各乡镇” (a group of places, no one place) is scoped to no plan, so the conversation's plan answers it;
“换个话题，…” is the question after it. Read offline over an invented plan's names, scoped over invented plans,
then end to end on real Chroma, jieba and e5."""

from __future__ import annotations

import pytest

from policykb.bot.dialog import PlanNames, Resolver, Turn
from policykb.bot.dialog.names import NamedTask
from policykb.bot.scope import question_scope
from policykb.ingest.parser import parse_text
from policykb.kb.segmenter import Segmenter
from policykb.kb.units import UnitDirectory

LEAD = "柳岸区营商环境提升行动计划中优化企业开办服务由哪个单位牵头？"


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    items = ["1.优化企业开办服务", "2.推行简易注销"]
    tasks = [NamedTask(item[2:], "a", f"二、主要任务 > (一)企业开办 > {item}") for item in items]
    plan = PlanNames(UnitDirectory(["区市场监管局"]), tasks, [], {"a": "柳岸区营商环境提升行动计划"}, {"a": "柳岸区"})
    return Resolver(plan)


@pytest.mark.parametrize(
    ("asked", "read"),
    [
        ("要在什么时候前完成？", "优化企业开办服务要在什么时候前完成？"),
        ("何时之前完成？", "优化企业开办服务何时之前完成？"),
        ("几月底前完成？", "优化企业开办服务几月底前完成？"),
    ],
)
def test_a_deadline_asked_with_before_is_asked_of_the_last_task(resolver: Resolver, asked: str, read: str):
    resolved = resolver.resolve(asked, [Turn(LEAD)])
    assert (resolved.text, resolved.form) == (read, "aspect")


def test_a_deadline_naming_a_task_of_its_own_is_not_read_as_an_aspect(resolver: Resolver):
    assert resolver.resolve("推行简易注销要在什么时候前完成？", [Turn(LEAD)]).form == "standalone"


@pytest.mark.parametrize("opening", ["换个话题，", "好，换个问题：", "顺便问一下，", "再问个别的，"])
def test_a_topic_switch_is_the_question_after_it(resolver: Resolver, opening: str):
    resolved = resolver.resolve(f"{opening}推行简易注销由哪个单位牵头？", [Turn(LEAD)])
    assert (resolved.text, resolved.follow_up) == ("推行简易注销由哪个单位牵头？", False)
    assert resolver.resolve("换成乙县的呢？", [Turn(LEAD)]).text != "乙县的呢？"  # 换成X is no switch of topic


SAFETY = """\
桐溪市安全生产专项整治三年行动方案
一、工作安排
各县区、市安委会有关成员单位要制定实施方案，于2025年4月10日前报市应急办备案。
二、整治任务
现将本方案明确的12项重点整治任务和6项配套措施分解落实。
"""
ROADS = """\
青禾市农村公路提升工作方案
一、工作要求
各县区要加强农村公路养护，各县区交通运输部门每季度报送进展情况，各县区年底前完成自查。
"""


@pytest.mark.parametrize(
    "question",
    [
        "各县区的实施方案要在什么时候前报市应急办备案？",
        "各乡镇要在什么时候前完成自查？",
        "各区县什么时候报送进展情况？",
    ],
)
def test_a_group_of_places_scopes_to_no_plan(question: str):
    docs = [parse_text(SAFETY, "a", "a.txt", 160), parse_text(ROADS, "b", "b.txt", 160)]
    places = Segmenter().places(question)
    assert question_scope(question, docs, places).doc_ids is None
    assert question_scope("桐溪市" + question, docs, Segmenter().places("桐溪市" + question)).doc_ids == ["a"]


@pytest.mark.slow
def test_deadline_followups_end_to_end(tmp_path_factory, e5):
    from tests.conftest import converse, e5_shelf

    plan = """\
柳岸区营商环境提升行动计划
二、主要任务
（一）企业开办
1.优化企业开办服务。推行企业开办“一网通办”，9月底前实现开办企业1个环节、1天办结。牵头单位：区市场监管局。
2.推行简易注销。扩大简易注销适用范围，6月底前完成。牵头单位：区市场监管局。
"""
    plans = {"a.txt": plan, "b.txt": SAFETY, "c.txt": ROADS}
    shelf = e5_shelf(tmp_path_factory.mktemp("due"), e5, plans)
    switched = converse(shelf, LEAD, "换个话题，桐溪市安全生产专项整治三年行动方案明确了几项重点整治任务？")[-1]
    assert switched.answerable and "12项" in switched.answer, switched.answer
    due = converse(shelf, "柳岸区营商环境提升行动计划中优化企业开办服务由哪个单位牵头？", "要在什么时候前完成？")[-1]
    assert due.answerable and "9月底前" in due.answer and "6月底前" not in due.answer, due.answer
    filed = converse(
        shelf, "桐溪市安全生产专项整治三年行动方案有哪些工作安排？", "各县区的实施方案要在什么时候前报市应急办备案？"
    )
    assert filed[-1].answerable and "2025年4月10日" in filed[-1].answer, filed[-1].answer
