"""Follow-ups whose subject the earlier answer fixes, over an invented shelf of two plans (a pure resolver: the
lexicon is built from names, no index or model).

A question can share a stretch of words with a task title of another plan (“推动工业强市…” with “推动工业、建筑…节能
降耗”); the plan the answer cited decides which task “这项措施” points to. “激励目标呢？” after a target asks the
other level of the same target, in the same plan and year, not a bare “激励目标要达到多少”.
"""

from __future__ import annotations

from policykb.bot.answer import Answer, Source
from policykb.bot.dialog import PlanNames, Resolver, Turn
from policykb.bot.dialog.names import NamedTarget, NamedTask
from policykb.kb.units import UnitDirectory

TASKS = [
    NamedTask("积极争取省级专项资金", "qinghe", "一、落实财税支持政策"),
    NamedTask("推动工业、建筑、交通、公共机构等重点领域节能降耗", "dongpu", "一、低碳引领 > (二)推进能源节约"),
]
TARGETS = [NamedTarget("单位地区生产总值能耗", "tongxi", "一、主要目标")]
TITLES = {
    "qinghe": "青禾市稳经济实施细则",
    "dongpu": "东浦区控制温室气体排放工作方案",
    "tongxi": "桐溪县节能减排实施方案",
}
PLACES = {"qinghe": "青禾市", "dongpu": "东浦区", "tongxi": "桐溪县"}


def _resolver() -> Resolver:
    units = UnitDirectory(["市工信局", "市财政局", "区发改局"])
    return Resolver(PlanNames(units, TASKS, TARGETS, TITLES, PLACES))


def _cited(doc_id: str, section: str) -> Answer:
    source = Source(TITLES[doc_id], doc_id, section, "……设立2亿元推动工业强市发展专项引导资金……", 1.0, cited=True)
    return Answer("", "设立2亿元……", True, "fact", sources=[source])


def test_a_pointer_follows_the_task_of_the_plan_the_answer_cited():
    resolver = _resolver()
    first = "青禾市设立的推动工业强市发展专项引导资金规模是多少？"
    turns = [Turn(first, _cited("qinghe", "一、落实财税支持政策"))]
    read = resolver.resolve("这项措施的责任单位是哪些？", turns).text
    assert "积极争取省级专项资金" in read and "节能降耗" not in read


def test_another_level_of_the_same_target_keeps_its_place_and_year():
    resolver = _resolver()
    first = "桐溪县到2025年单位生产总值能耗要比2020年下降多少？"
    read = resolver.resolve("激励目标呢？", [Turn(first)]).text
    assert read.startswith("桐溪县到2025年单位生产总值能耗要比2020年下降多少") and "激励目标" in read


def test_a_new_indicator_is_still_an_indicator():
    resolver = _resolver()
    read = resolver.resolve("碳排放强度呢？", [Turn("桐溪县到2025年单位生产总值能耗要比2020年下降多少？")]).text
    assert "激励" not in read and "碳排放强度" in read
