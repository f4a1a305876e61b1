"""Follow-ups that change more than one word: a new year with a new indicator, a new verb phrase, a pronoun for the
plan after a turn about something else, and a place that keeps a title's shared words from naming another place's
plan. Read offline over invented plans' names, then answered end to end on real Chroma, jieba and the e5 model.
"""

from __future__ import annotations

import pytest

from policykb.bot.dialog import PlanNames, Resolver, Turn
from policykb.bot.dialog.names import NamedTarget
from policykb.kb.units import UnitDirectory

TASKS_A = """\
桐溪县人民政府关于分解落实政府工作报告目标任务的通知
文号：桐政〔2024〕3号
各乡镇人民政府，县政府各部门：
现将《政府工作报告》确定的2024年工作任务予以分解印发，请认真抓好落实。
《县政府工作报告任务分解》明确96项具体任务，涉及52个牵头单位；《县政府重点工作任务分解》明确30项具体任务，涉及18个责任单位。
一、细化任务抓落实。各乡镇各部门要明确量化目标、责任主体和序时进度。
二、明确责任抓落实。各牵头单位的推进方案务于2024年2月5日前报送分管县领导，经审核后于2月10日前报送县政府。
桐溪县人民政府
2024年1月20日
"""

TASKS_B = """\
关于做好2023年政府工作报告主要目标任务的通知
各街道办事处，区政府各部门：
根据2023年《政府工作报告》主要目标任务，现将各项工作任务分解如下，请各责任单位狠抓落实。
一、落实责任。牵头责任单位要牵头抓总，积极组织实施。
二、加强督查。区政府办公室每月跟踪督查进展情况。
东浦区人民政府办公室
2023年6月1日
"""

CARBON = """\
河西市碳达峰实施方案
一、主要目标
到2025年，单位生产总值能源消耗比2020年下降13%，非化石能源消费比重达到18%。
到2030年，非化石能源消费比重达到24%，单位生产总值二氧化碳排放比2005年下降65%。
二、重点任务
（一）能源绿色低碳转型行动。大力发展光伏发电。（市发展改革委牵头，市能源局配合）
"""

CO2 = "河西市到2030年单位生产总值二氧化碳排放比2005年下降多少？"
SUBMIT = "各牵头单位的推进方案什么时候前报送分管县领导？"


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    indicators = ("单位生产总值能源消耗", "单位生产总值二氧化碳排放", "非化石能源消费比重")
    targets = [NamedTarget(indicator, "carbon", "一、主要目标") for indicator in indicators]
    titles = {
        "a": "桐溪县人民政府关于分解落实政府工作报告目标任务的通知",
        "b": "关于做好2023年政府工作报告主要目标任务的通知",
        "carbon": "河西市碳达峰实施方案",
    }
    places = {"a": "桐溪县", "b": "东浦区", "carbon": "河西市"}
    return Resolver(PlanNames(UnitDirectory(["县政府", "区政府办公室"]), [], targets, titles, places))


def test_a_new_year_with_a_new_indicator_replaces_the_year_and_drops_the_old_base(resolver: Resolver):
    resolved = resolver.resolve("那2025年单位生产总值能源消耗呢？", [Turn(CO2)])
    assert resolved.text == "河西市到2025年单位生产总值能源消耗下降多少？"


def test_a_new_verb_phrase_replaces_the_last_ones(resolver: Resolver):
    resolved = resolver.resolve("那报送县政府呢？", [Turn(SUBMIT)])
    assert (resolved.text, resolved.form) == ("各牵头单位的推进方案什么时候前报送县政府？", "ellipsis")


def test_a_new_predicate_is_said_of_the_last_questions_subject(resolver: Resolver):
    before = [Turn("桐溪县重点工作任务分解明确了多少项具体任务？")]
    resolved = resolver.resolve("涉及多少个责任单位？", before)
    assert (resolved.text, resolved.form) == ("桐溪县重点工作任务分解涉及多少个责任单位？", "predicate")
    after_target = resolver.resolve("涉及哪些单位？", [Turn(CO2)])  # no verb of its kind there: what it was about
    assert after_target.text == "河西市单位生产总值二氧化碳排放涉及哪些单位？"
    assert resolver.resolve("涉及哪些单位？", [Turn(SUBMIT)]).form == "standalone"  # nor a task, unit or indicator


def test_it_asked_of_a_plan_is_the_plan_of_the_last_turn(resolver: Resolver):
    resolved = resolver.resolve("它的文号是什么？", [Turn("桐溪县2024年政府工作报告分解了多少项工作任务？")])
    assert resolved.text == "桐溪县该方案的文号是什么？"


def test_a_place_keeps_shared_title_words_from_naming_another_places_plan(resolver: Resolver):
    names = resolver.names
    assert names.plan_in("桐溪县2024年政府工作报告分解了多少项工作任务？") is None
    assert names.plan_in("2023年政府工作报告主要目标任务有哪些？") == (["b"], "")


@pytest.mark.slow
def test_follow_ups_are_answered_from_the_plan_and_clause_they_mean(tmp_path_factory, e5):
    from tests.conftest import converse, e5_shelf

    plans = {"a.txt": TASKS_A, "b.txt": TASKS_B, "c.txt": CARBON}
    shelf = e5_shelf(tmp_path_factory.mktemp("followups"), e5, plans)

    def dialog(*questions: str) -> list[str]:
        return [answer.answer for answer in converse(shelf, *questions)]

    number = dialog("桐溪县2024年政府工作报告分解了哪些工作任务？", "它的文号是什么？")[-1]
    assert "桐政〔2024〕3号" in number and "东浦区" not in number, number
    energy = dialog(CO2, "那2025年单位生产总值能源消耗呢？")
    assert "65%" in energy[0] and "13%" in energy[1], energy
    units = dialog("桐溪县重点工作任务分解明确了多少项具体任务？", "涉及多少个责任单位？")[-1]
    assert "18个" in units and "52个" not in units, units
    later = dialog(f"桐溪县{SUBMIT}", "那报送县政府呢？")
    assert "2月5日前" in later[0] and "2月10日前" in later[1], later
