"""Families of follow-ups read offline over invented plans' names: the base year of the last target asked alone
(“比哪一年下降？”), a correction that names what it takes back (“不是甲市，是乙市。”), a part of the last target's
indicator (“其中X呢？”), and ``以上`` after an amount, which points at nothing (“亿元以上项目”)."""

from __future__ import annotations

import pytest

from policykb.bot.dialog import PlanNames, Resolver, Turn
from policykb.bot.dialog.names import NamedTarget, NamedTask
from policykb.kb.units import UnitDirectory

ENERGY = "青禾市到2025年单位地区生产总值能耗要比2020年下降多少？"
POWER = "到2020年全县农机总动力要超过多少？"
BUILD = "青禾市每年要新建多少个千万元以上农产品加工项目？"


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    tasks = [NamedTask("农产品加工提升行动", "farm", "二、重点任务/（一）农产品加工提升行动")]
    targets = [
        NamedTarget("单位地区生产总值能耗", "energy", "一、主要目标"),
        NamedTarget("农机总动力", "farm", "一、主要目标"),
        NamedTarget("排灌机械动力", "farm", "一、主要目标"),
    ]
    titles = {"energy": "青禾市节能减排实施方案", "farm": "青禾市农业机械化推进方案", "east": "东浦区节能减排实施方案"}
    places = {"energy": "青禾市", "farm": "青禾市", "east": "东浦区"}
    return Resolver(PlanNames(UnitDirectory(["青禾市农业农村局"]), tasks, targets, titles, places))


@pytest.mark.parametrize("asked", ["比哪一年下降？", "这是和哪一年比？", "和哪一年相比？", "基准年是哪一年？"])
def test_the_base_year_asked_alone_is_the_last_target_again(resolver: Resolver, asked: str):
    resolved = resolver.resolve(asked, [Turn(ENERGY)])
    assert (resolved.text, resolved.form) == (ENERGY, "base year")


def test_the_base_year_after_no_target_is_no_follow_up_of_it(resolver: Resolver):
    assert resolver.resolve("比哪一年下降？", [Turn("农产品加工提升行动由哪个单位牵头？")]).form != "base year"


@pytest.mark.parametrize(
    ("asked", "read"),
    [
        ("不是青禾市，是东浦区。", "东浦区到2025年单位地区生产总值能耗要比2020年下降多少？"),
        ("不是2025年，是2030年。", "青禾市到2030年单位地区生产总值能耗要比2020年下降多少？"),
        ("不是青禾市，我问的是东浦区。", "东浦区到2025年单位地区生产总值能耗要比2020年下降多少？"),
        ("不是，我问的是东浦区的。", "东浦区到2025年单位地区生产总值能耗要比2020年下降多少？"),
    ],
)
def test_a_correction_naming_what_it_takes_back(resolver: Resolver, asked: str, read: str):
    assert resolver.resolve(asked, [Turn(ENERGY)]).text == read


def test_a_question_opening_with_not_is_no_correction(resolver: Resolver):
    asked = "不是牵头单位的部门有哪些？"
    assert resolver.resolve(asked, [Turn(ENERGY)]).text == asked


def test_a_part_of_the_last_indicator_keeps_its_year(resolver: Resolver):
    resolved = resolver.resolve("其中排灌机械动力呢？", [Turn(POWER)])
    assert (resolved.text, resolved.form) == ("到2020年全县排灌机械动力要超过多少？", "ellipsis")


def test_among_the_units_of_a_task_is_still_a_pointer(resolver: Resolver):
    resolved = resolver.resolve("其中有青禾市农业农村局吗？", [Turn("农产品加工提升行动由哪些单位负责？")])
    assert resolved.form == "pointer"


@pytest.mark.parametrize("asked", [BUILD, "东浦区县级以上城市要达到多少？"])
def test_above_after_an_amount_points_at_nothing(resolver: Resolver, asked: str):
    assert resolver.resolve(asked, [Turn("农产品加工提升行动由哪个单位牵头？")]).text == asked


def test_above_opening_a_question_still_points(resolver: Resolver):
    resolved = resolver.resolve("以上任务由谁负责？", [Turn("农产品加工提升行动什么时候完成？")])
    assert resolved.form == "pointer"


@pytest.mark.parametrize("asked", ["是相对于哪一年？", "跟哪年比的？"])
def test_the_base_year_in_other_words(resolver: Resolver, asked: str):
    assert resolver.resolve(asked, [Turn(ENERGY)]).form == "base year"


def test_a_correction_opening_with_what_was_said(resolver: Resolver):
    read = "东浦区到2025年单位地区生产总值能耗要比2020年下降多少？"
    assert resolver.resolve("我说的不是青禾市，是东浦区。", [Turn(ENERGY)]).text == read


def test_a_year_asked_by_its_end_is_that_year(resolver: Resolver):
    read = "青禾市到2030年单位地区生产总值能耗要比2020年下降多少？"
    assert resolver.resolve("那2030年底呢？", [Turn(ENERGY)]).text == read


@pytest.mark.parametrize(
    ("asked", "role"), [("参与的呢？", "参与单位"), ("配合的呢？", "配合单位"), ("牵头的呢？", "牵头单位")]
)
def test_a_role_alone_asks_the_last_tasks_units_of_it(resolver: Resolver, asked: str, role: str):
    resolved = resolver.resolve(asked, [Turn("农产品加工提升行动要新建多少个项目？")])
    assert resolved.text == f"农产品加工提升行动的{role}有哪些？"


def test_the_other_expected_targets_continue_the_list(resolver: Resolver):
    resolved = resolver.resolve("其他预期目标呢？", [Turn("农产品加工提升行动要新建多少个项目？")])
    assert resolved.form == "continue"


QINGHE = """\
青禾市节能减排实施方案
一、主要目标
到2025年，全市单位地区生产总值能耗比2020年下降12%，化学需氧量重点工程减排量达到3600吨。
二、重点任务
（一）农产品加工提升行动。每年新建千万元以上农产品加工项目20个，整治40家小作坊。（市农业农村局牵头，市商务局、市市场监管局参与）
"""
DONGPU = """\
东浦区节能减排实施方案
一、主要目标
到2025年，全区单位地区生产总值能耗比2020年下降9%，化学需氧量重点工程减排量达到800吨。
"""
FARM = """\
柳岸县农业机械化推进方案
一、发展目标
到2020年，全县农机总动力超过80万千瓦，其中排灌机械动力达到9万千瓦。
到2025年，全县农机总动力稳定在95万千瓦左右，其中排灌机械动力达到12万千瓦。
"""


@pytest.mark.slow
def test_families_end_to_end(tmp_path_factory, e5):
    from tests.conftest import converse, e5_shelf

    plans = {"a.txt": QINGHE, "b.txt": DONGPU, "c.txt": FARM}
    shelf = e5_shelf(tmp_path_factory.mktemp("families"), e5, plans)
    energy = "青禾市到2025年单位地区生产总值能耗要下降多少？"
    base = converse(shelf, energy, "比哪一年下降？")[-1]
    assert base.answerable and "2020年" in base.answer, base.answer
    other = converse(shelf, energy, "不是青禾市，是东浦区。")[-1]
    assert other.answerable and "9%" in other.answer and "12%" not in other.answer, other.answer
    part = converse(shelf, "柳岸县到2020年农机总动力要超过多少？", "其中排灌机械动力呢？")[-1]
    assert part.answerable and "9万千瓦" in part.answer and "12万千瓦" not in part.answer, part.answer
    built = converse(shelf, energy, "青禾市每年要新建多少个千万元以上农产品加工项目？")[-1]
    assert built.answerable and "20个" in built.answer, built.answer
    joined = converse(shelf, "青禾市每年要整治多少家小作坊？", "它的牵头单位是谁？", "参与的呢？")[-1]
    assert joined.answerable and "市市场监管局" in joined.answer, joined.answer
