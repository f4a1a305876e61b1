"""More follow-up forms officials use: a correction, another plan or a bare date asked after a question about a plan,
the next item of a list, 它 beside another place, and a refused turn that keeps the conversation's plan. Read offline
over the names of invented plans (no model, no store)."""

from __future__ import annotations

import pytest

from policykb.bot.answer import Answer, Source
from policykb.bot.dialog import PlanNames, Resolver, Turn
from policykb.kb.units import UnitDirectory

DIGITAL_A = "青禾市加快数字政府建设工作实施方案"
DIGITAL_B = "桐溪县数字政府建设实施方案"
ISSUER_A = f"{DIGITAL_A}是哪个单位印发的？"
REFUSAL = "方案中未找到与该问题相关的内容。"


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    titles = {"a": DIGITAL_A, "b": DIGITAL_B, "c": "东浦区优化营商环境行动2024"}
    places = {"a": "青禾市", "b": "桐溪县", "c": "东浦区"}
    return Resolver(PlanNames(UnitDirectory(["市政务服务数据管理局"]), [], [], titles, places))


def _answered(question: str, doc_id: str) -> Turn:
    source = Source(document=doc_id, doc_id=doc_id, section="一、总体要求", text="……", score=1.0, cited=True)
    return Turn(question, Answer(question=question, answer="……", answerable=True, kind="fact", sources=[source]))


def _refused(question: str) -> Turn:
    return Turn(question, Answer(question=question, answer=REFUSAL, answerable=False, kind="fact"))


@pytest.mark.parametrize(
    ("before", "asked", "read"),
    [
        (
            "青禾市数字政府建设方案是哪个单位发布的？",
            "不是，我问的是桐溪县的。",
            "桐溪县数字政府建设方案是哪个单位发布的？",
        ),
        (ISSUER_A, f"{DIGITAL_B}呢？", f"{DIGITAL_B}是哪个单位印发的？"),
        (
            "青禾市数字政府建设方案的文号是多少？",
            "东浦区优化营商环境行动2024呢？",
            "东浦区优化营商环境行动2024的文号是多少？",
        ),
        (ISSUER_A, "什么时候？", f"{DIGITAL_A}是什么时候印发的？"),
        ("降低市场准入门槛的第一项措施是什么？", "还有呢？", "降低市场准入门槛的第二项措施是什么？"),
        ("六大行动中第3个行动是什么？", "还有呢？", "六大行动中第4个行动是什么？"),
    ],
)
def test_a_follow_up_is_read_as_the_question_it_stands_for(resolver: Resolver, before: str, asked: str, read: str):
    assert resolver.resolve(asked, [Turn(before)]).text == read


def test_a_correction_by_its_subject_alone(resolver: Resolver):
    resolved = resolver.resolve("不是，是桐溪县的。", [Turn("青禾市数字政府建设方案是哪个单位发布的？")])
    assert resolved.text == "桐溪县数字政府建设方案是哪个单位发布的？"


def test_the_two_plans_are_those_of_the_last_two_turns_about_two_places(resolver: Resolver):
    turns = [_answered(ISSUER_A, "a"), _answered(f"{DIGITAL_B}呢？", "b")]
    assert resolver.resolve("这两个方案分别是哪天印发的？", turns).text == "青禾市和桐溪县的方案分别是哪天印发的？"
    same = [_answered(ISSUER_A, "a"), _answered("什么时候？", "a")]
    assert "和" not in resolver.resolve("这两个方案分别是哪天印发的？", same).text  # one plan: not a pair


def test_a_question_opening_with_no_is_not_a_correction(resolver: Resolver):
    resolved = resolver.resolve("不是牵头单位的有哪些？", [Turn(ISSUER_A)])
    assert resolved.text == "不是牵头单位的有哪些？"


def test_it_beside_another_place_is_that_places_plan(resolver: Resolver):
    turns = [_answered(f"{DIGITAL_B}是哪天印发的？", "b"), _answered("青禾市的呢？", "a")]
    resolved = resolver.resolve("回到桐溪县的方案，它是哪个单位印发的？", turns)
    assert "桐溪县" in resolved.text and DIGITAL_A not in resolved.text, resolved.text
    same = resolver.resolve("它是哪个单位印发的？", turns)
    assert DIGITAL_A in same.text, same.text  # no place named: the plan of the last turn


def test_a_refused_turn_naming_no_place_keeps_the_plans_that_answered_before(resolver: Resolver):
    turns = [_answered("青禾市数字政府建设有哪几条基本原则？", "a"), _refused("主要任务呢？")]
    assert resolver.resolve("要建设什么样的政府？", turns).preferred == ["a"]
    moved = [_answered("青禾市数字政府建设有哪几条基本原则？", "a"), _refused("东浦区要建设什么样的政府？")]
    assert resolver.resolve("主要任务呢？", moved).preferred == []  # it named another place: not 青禾市's plan


EMPLOYMENT = """\
河湾市人民政府关于进一步稳定就业的实施意见
河政发〔2022〕8号
各区人民政府，市政府各部门：
本意见分总体要求、主要措施、保障措施3部分。主要措施是：稳定企业用工；扩大高校毕业生就业；加强职业技能培训。
一、总体要求
到2025年，全市城镇新增就业比2020年增加15万人，城镇调查失业率控制在5.5%以内。
二、主要措施
（一）稳定企业用工。对参保职工30人（含）以下的企业，一次性吸纳就业补贴标准提高到每人500元；对参保职工30人以上的企业，一次性吸纳就业补贴标准按上年度月平均工资的30%确定。（市人力资源社会保障局、市财政局负责）
（二）扩大高校毕业生就业。每年开发见习岗位2000个。（市人力资源社会保障局牵头，市教育局配合）
"""

EMPLOYMENT_B = """\
青禾市促进就业三年行动方案
青禾市人民政府办公室
2023年3月1日
一、行动目标
到2025年，城镇调查失业率控制在6%以内，新增见习岗位3000个。
二、重点任务
（一）加强职业技能培训。每年开展补贴性职业技能培训1万人次。（市人社局牵头）
"""


@pytest.mark.slow
def test_follow_ups_over_real_components(tmp_path_factory, e5):
    from tests.conftest import converse, e5_shelf

    shelf = e5_shelf(tmp_path_factory.mktemp("more"), e5, {"a.txt": EMPLOYMENT, "b.txt": EMPLOYMENT_B})

    def dialog(*questions: str) -> list:
        return converse(shelf, *questions)

    parts, tasks, date = dialog("河湾市稳定就业实施意见分几部分？", "主要措施是什么？", "这个意见是哪天印发的？")
    assert tasks.answerable and "扩大高校毕业生就业" in tasks.answer, tasks.answer  # 主要措施是：A；B；C
    assert not date.answerable, date.answer  # it gives a 文号, no date: not “日期（未注明）”
    bound = shelf.ask("河湾市对参保职工30人以上的企业，一次性吸纳就业补贴标准是多少？")
    assert "500元" not in bound.answer, bound.answer  # the other side of the bound
    year = shelf.ask("河湾市到2020年要达到什么目标？")
    assert not year.answerable, year.answer  # its targets are 2025's, 2020 only their base
