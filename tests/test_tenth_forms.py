"""Forms a tenth set of real pages showed (docs/tenth-set-forms.md), in invented plans of invented places."""

from __future__ import annotations

import pytest

from policykb.bot.answers.counted import asked_counts
from policykb.bot.kinds import QuestionKind
from policykb.bot.question import classify
from policykb.ingest.identity import read_basis
from policykb.kb.units import UnitDirectory

ONE_LINE = (
    "首页 |\n|\n青禾市人民政府关于做好新时期就业创业工作的意见 |\n"
    "青禾市人民政府 关于做好新时期就业创业工作的意见\n"
    "各县（市、区）人民政府，青禾高新区、东浦新区管委会，市政府各部门，各大企业，各高等院校： "
    "为贯彻落实国务院《关于做好就业创业工作的意见》（国发〔2016〕9号）和省政府《关于做好就业创业工作的意见》"
    "（北政发〔2016〕4号）等文件精神，进一步做好我市就业创业工作，现提出以下意见： 一、实施就业优先战略 "
    "1.坚持就业优先。将城镇新增就业纳入年度计划。（市发展改革委、市人力资源社会保障局牵头，市财政局参加）\n"
)

SIGNED = """青禾市节水行动2021年实施计划
青节办〔2021〕3号
各县（市、区）政府，市直各有关单位：
经市政府同意，现将《青禾市节水行动2021年实施计划》印发给你们，请认真组织实施。
青禾市节约用水工作领导小组
2021年3月9日
青禾市节水行动2021年实施计划
为落实节水优先方针，结合青禾实际，制定本计划。
一、工作目标
到2021年底，城市公共供水管网漏损率控制在9%以内；城市再生水利用率达到25%，农村供水工程保持稳定运行。
二、重点任务
（一）推进节水型社会建设
深入落实节水四条硬措施，完善用水定额管理。全年分解3个方面26项工作任务。
"""


def test_the_basis_is_read_after_the_bodies_a_one_line_page_writes_before_it():
    assert read_basis(ONE_LINE) == [
        "国务院《关于做好就业创业工作的意见》（国发〔2016〕9号）",
        "省政府《关于做好就业创业工作的意见》（北政发〔2016〕4号）",
    ]
    # bodies before a colon that no opening sentence follows give no basis
    assert read_basis("各地各有关部门： 请按《某方案》（某发〔2020〕1号）做好工作。") == []


@pytest.mark.parametrize(
    "question",
    ["青禾市节水行动实施计划是谁印发的？", "这份任务分解方案是哪两个单位印发的？", "这个方案由谁联合印发的？"],
)
def test_who_issued_asks_the_document(question):
    assert classify(question, UnitDirectory([])).kind == QuestionKind.DOCUMENT


def test_a_count_asked_with_how_many_is_read_in_words():
    assert asked_counts("要落实多少条硬措施？") == [("条", "硬措")]
    assert asked_counts("共有几大行动？") == [("大", "行动")]
    assert asked_counts("哪几项措施？") == []  # which ones, not how many


@pytest.fixture(scope="module")
def tenth_shelf(tmp_path_factory, e5):
    """Invented plans of the tenth set's forms on one shelf: real Chroma, the e5 model."""
    from tests.conftest import e5_shelf

    return e5_shelf(tmp_path_factory.mktemp("tenth-shelf"), e5, {"signed.txt": SIGNED, "oneline.txt": ONE_LINE})


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "keys"),
    [
        # a leading group (领导小组) signs above the date; 谁印发 asks for it
        ("青禾市节水行动2021年实施计划是谁印发的？", ["青禾市节约用水工作领导小组"]),
        # the basis after the 主送 bodies on the same line
        ("青禾市就业创业意见贯彻的是国务院哪个文件？文号是多少？", ["国发〔2016〕9号"]),
        # a count in Chinese numerals asked with 多少条
        ("青禾市节水行动要落实多少条硬措施？", ["四条硬措施"]),
        # two counts, one with a word between its measure and its thing (26项工作任务)
        ("青禾市节水行动分解成几个方面、多少项任务？", ["3个方面", "26项"]),
        # the figure before the asked thing's clause is another thing's
        ("青禾市城市再生水利用率要达到多少？", ["25%"]),
    ],
)
def test_tenth_set_questions(tenth_shelf, question, keys):
    answer = tenth_shelf.ask(question)
    assert answer.answerable and all(k in answer.answer for k in keys), answer.answer


@pytest.mark.slow
def test_a_thing_said_only_in_a_later_clause_gets_no_earlier_figure(tenth_shelf):
    # 农村供水工程 is the subject of a clause after 25%: the plan sets no figure for it
    answer = tenth_shelf.ask("青禾市农村供水工程运行率要达到多少？")
    assert not answer.answerable, answer.answer
