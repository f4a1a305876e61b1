"""Follow-ups of the tenth batch: “配合单位有哪些？” after a unit's tasks asks the co-operating units of the one task
that unit leads. Read offline over the names of an invented plan, then end to end on real Chroma, jieba and e5."""

from __future__ import annotations

import pytest

from policykb.bot.answer import Answer, Source
from policykb.bot.answers.compare import comparison
from policykb.bot.dialog import PlanNames, Resolver, Turn
from policykb.bot.kinds import QuestionKind
from policykb.kb.units import UnitDirectory

LED = "推进文旅融合发展"


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    units = UnitDirectory(["县文旅局", "县发改局", "县商务局"])
    return Resolver(PlanNames(units, [], [], {"a": "松岭县扩大消费工作方案"}, {"a": "松岭县"}))


def _unit_tasks(question: str, led: str) -> Turn:
    source = Source(document="a", doc_id="a", section="二、重点任务", text="……", score=1.0, cited=True)
    evidence = {"units": ["县文旅局"], "led": led}
    answer = Answer(question=question, answer="……", answerable=True, kind=QuestionKind.UNIT_TASKS,
                    sources=[source], evidence=evidence)  # fmt: skip
    return Turn(question, answer)


def test_units_asked_after_a_unit_that_leads_one_task_are_that_tasks(resolver: Resolver):
    resolved = resolver.resolve("配合单位有哪些？", [_unit_tasks("县文旅局牵头哪些工作？", LED)])
    assert resolved.text == f"{LED}的配合单位有哪些？"
    assert resolver.resolve("谁配合？", [_unit_tasks("县文旅局牵头哪些工作？", LED)]).text.startswith(LED)


def test_tasks_asked_after_a_unit_stay_the_units(resolver: Resolver):
    resolved = resolver.resolve("参与哪些工作？", [_unit_tasks("县文旅局牵头哪些工作？", LED)])
    assert resolved.text == "县文旅局参与哪些工作？"  # tasks, not units: asked of the unit


def test_a_unit_that_leads_several_tasks_is_not_read_as_one_of_them(resolver: Resolver):
    resolved = resolver.resolve("配合单位有哪些？", [_unit_tasks("县文旅局牵头哪些工作？", "")])
    assert resolved.text == "县文旅局的配合单位有哪些？"


@pytest.mark.parametrize(
    ("asked", "each"),
    [
        ("甲市和乙县的方案的PM2.5年均浓度降幅有什么不同？", "甲市和乙县的方案的PM2.5年均浓度降幅分别是多少？"),
        ("甲市和乙县的方案的编制依据有什么区别？", "甲市和乙县的方案的编制依据分别是什么？"),
        ("甲市和乙县的新增就业目标一样吗？", "甲市和乙县的新增就业目标分别是多少？"),
    ],
)
def test_what_differs_between_two_plans_is_asked_of_each(asked: str, each: str):
    found = comparison(asked)
    assert found is not None and found.asked == each and found.higher is None


CONSUMPTION = """\
松岭县扩大消费工作方案
一、工作目标
到2025年，全县社会消费品零售总额年均增长6%。
二、重点任务
（一）推进文旅融合发展。打造3条精品旅游线路，举办乡村文化旅游节。（牵头单位：县文旅局；配合单位：县交通运输局、县农业农村局）
（二）培育夜间消费街区。建成2个夜间消费集聚区。（牵头单位：县商务局；配合单位：县文旅局、县市场监管局）
（三）促进汽车消费。开展新能源汽车下乡活动。（牵头单位：县商务局；配合单位：县发改局）
"""

CONSUMPTION_B = """\
柏川县促进消费实施方案
一、工作目标
到2025年，全县社会消费品零售总额年均增长7%。
二、重点任务
（一）培育新型消费。发展直播电商，建设县级电商公共服务中心。（牵头单位：县商务局；配合单位：县财政局）
"""


@pytest.mark.slow
def test_co_units_of_the_one_task_a_unit_leads_end_to_end(tmp_path_factory, e5):
    from policykb.eval.plans import shelf_judge
    from policykb.eval.scoring import judge
    from tests.conftest import converse, e5_shelf

    shelf = e5_shelf(tmp_path_factory.mktemp("tenth"), e5, {"a.txt": CONSUMPTION, "b.txt": CONSUMPTION_B})
    answers = converse(shelf, "县商务局牵头哪些工作？", "县文旅局呢？", "配合单位有哪些？")
    co = answers[-1].to_dict()
    verdict = judge({"answerable": True, "co": ["县交通运输局", "县农业农村局"]}, co)
    assert verdict.correct, (verdict.reasons, co["answer"])  # on 配合单位 lines, not in a quoted bracket
    several = shelf.ask("配合单位有哪些？", history=[{"role": "user", "content": "县商务局牵头哪些工作？"}])
    assert "县交通运输局" not in several.answer, several.answer  # it leads two tasks: neither is “the” task
    differ = shelf.ask("松岭县和柏川县的社会消费品零售总额年均增长目标有什么不同？").to_dict()
    each = shelf_judge(list(shelf.index().documents.values()))
    verdict = each({"answerable": True, "plans": {"a.txt": ["6%"], "b.txt": ["7%"]}}, differ)
    assert verdict.correct, (verdict.reasons, differ["answer"])  # each plan's figure under its own title
