"""Follow-ups over a list and over a deadline: “第三项呢？” after an ordinal question, “上面说的第四条由谁牵头？” two
turns after it, a new indicator that repeats the words before the last one, and the deadline of a task its plan
sets no time for (refused, never answered with a year that names a document). Read offline over the names of an
invented plan, then end to end on real Chroma, jieba and e5."""

from __future__ import annotations

import pytest

from policykb.bot.answer import Answer, Source
from policykb.bot.answers.due import due_times
from policykb.bot.dialog import PlanNames, Resolver, Turn
from policykb.bot.dialog.names import NamedTask
from policykb.bot.kinds import QuestionKind
from policykb.kb.units import UnitDirectory

PART = "一、主要预期目标"
ITEMS = [
    "1.地区生产总值增长6%左右",
    "2.规上工业增加值增长7%左右",
    "3.固定资产投资增长10%左右",
    "4.社会消费品零售总额增长8%左右",
]
FIRST = "松岭县2024年重点工作任务分解的第一项预期目标是什么？"


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    tasks = [NamedTask(item.split(".", 1)[1], "a", f"{PART} > {item}") for item in ITEMS]
    units = UnitDirectory(["县发改局", "县工信局", "县商务局"])
    return Resolver(PlanNames(units, tasks, [], {"a": "松岭县2024年重点工作任务分解方案"}, {"a": "松岭县"}))


def _answered(question: str, section: str, kind: QuestionKind = QuestionKind.OUTLINE) -> Turn:
    source = Source(document="a", doc_id="a", section=section, text="……", score=1.0, cited=True)
    return Turn(question, Answer(question=question, answer="……", answerable=True, kind=kind, sources=[source]))


def test_an_ordinal_alone_asks_that_item_of_the_list_asked_before(resolver: Resolver):
    turns = [_answered(FIRST, f"{PART} > {ITEMS[0]}")]
    assert resolver.resolve("第三项呢？", turns).text == "松岭县2024年重点工作任务分解的第三项预期目标是什么？"
    assert resolver.resolve("第三项呢？", [Turn("松岭县有哪些预期目标？")]).text == "第三项呢？"  # no list item asked


def test_an_item_pointed_at_two_turns_later_is_that_item_of_the_same_part(resolver: Resolver):
    first = _answered(FIRST, f"{PART} > {ITEMS[0]}")
    owner = _answered("由哪个单位牵头？", f"{PART} > {ITEMS[0]}", QuestionKind.OWNER)
    resolved = resolver.resolve("上面说的第四条由谁牵头？", [first, owner])
    assert resolved.text == "松岭县社会消费品零售总额增长8%左右由谁牵头？"
    asked = resolver.resolve("上面说的第二条是什么？", [first, owner]).text
    assert asked == "松岭县2024年重点工作任务分解的第二项预期目标是什么？"
    assert resolver.resolve("上面说的第九条由谁牵头？", [first, owner]).form == "standalone"  # no ninth item


def test_an_item_read_as_no_heading_of_its_own_is_counted_in_its_place():
    sections = [f"{PART} > {item}" for item in ITEMS[:3]]
    tasks = [NamedTask(item.split(".", 1)[1], "a", section) for item, section in zip(ITEMS, [*sections, sections[2]])]
    names = PlanNames(UnitDirectory(["县商务局"]), tasks, [], {"a": "松岭县重点工作任务分解方案"}, {"a": "松岭县"})
    fourth = names.item_beside("a", sections[0], 4)  # item 4's long first sentence: its task sits in item 3's section
    assert fourth is not None and fourth.title == "社会消费品零售总额增长8%左右"
    assert names.item_beside("a", sections[0], 5) is None


def test_a_new_indicator_that_repeats_the_words_before_the_last_one_replaces_them(resolver: Resolver):
    before = Turn("松岭县2024年全年新增光伏装机要达到多少？")
    subject = resolver.state([before])
    subject.kind, subject.indicator = QuestionKind.TARGET, "光伏装机"
    read = resolver.step("新增公共充电设施呢？", subject).text
    assert read == "松岭县2024年全年新增公共充电设施要达到多少？"


@pytest.mark.parametrize(
    ("sentence", "times"),
    [
        ("出台《甲市制造业数字化转型三年行动计划(2024-2026)》和2024年“数转”工作推进方案。", []),
        ("制定《甲市行动计划（2024年—2026年）》和2024年工作要点。", []),
        ("2024年10月底前编制并公布事项清单。", ["2024年10月底前"]),
        ("2024年底前出台实施方案。", ["2024年底前"]),
    ],
)
def test_a_year_that_names_a_document_is_no_time_a_task_is_due_by(sentence: str, times: list[str]):
    assert due_times(sentence) == times


GOALS = """\
松岭县2024年重点工作任务分解方案
一、主要预期目标
1.地区生产总值增长6%左右。
牵头单位：县发改局
责任单位：各乡镇
2.规上工业增加值增长7%左右。
牵头单位：县工信局
责任单位：县开发区
3.固定资产投资增长10%左右。
牵头单位：县发改局
责任单位：各乡镇、县直各部门
4.社会消费品零售总额增长8%左右。
牵头单位：县商务局
责任单位：县市场监管局
二、重点工作
5.成立数字化转型工作专班，出台《松岭县制造业数字化转型三年行动计划（2024—2026年）》和2024年“数转”工作推进方案。（牵头单位：县工信局；责任单位：县财政局）
6.建成县级电商公共服务中心，2024年10月底前投入运营。（牵头单位：县商务局；责任单位：县财政局）
"""


@pytest.mark.slow
def test_list_items_and_deadlines_end_to_end(tmp_path_factory, e5):
    from tests.conftest import converse, e5_shelf

    shelf = e5_shelf(tmp_path_factory.mktemp("lists"), e5, {"a.txt": GOALS})

    def talk(*questions: str) -> list[Answer]:
        return converse(shelf, *questions)

    third = talk(FIRST, "第三项呢？", "牵头单位是谁？")
    assert "10%" in third[1].answer and "6%" not in third[1].answer, third[1].answer
    assert "县发改局" in third[2].answer, third[2].answer
    fourth = talk(FIRST, "由哪个单位牵头？", "上面说的第四条由谁牵头？")[-1]
    assert "县商务局" in fourth.answer and "县发改局" not in fourth.answer, fourth.answer
    unset = talk("松岭县成立数字化转型工作专班由哪个单位牵头？", "这项任务什么时候完成？")[-1]
    assert not unset.answerable and "方案中未找到“成立数字化转型工作专班”的完成时限" in unset.answer, unset.answer
    dated = talk("松岭县建成县级电商公共服务中心由哪个单位牵头？", "什么时候完成？")[-1]
    assert dated.answerable and "2024年10月底前" in dated.answer, dated.answer
