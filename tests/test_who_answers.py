"""A who-question is answered by a clause that names who (issue 23): a unit or a post in a duty, never a heading
or a clause that names no one; when no clause names one, the plan is said not to name the unit.

The plan is invented (苇溪县 is no real place). It holds the forms real page openings cut or write so: a heading
``二、组织机构`` over a sentence cut before its duty (``为加强全县…工作组``), a task whose text names no unit, a
sentence whose ``一家牵头`` names no body, a purpose sentence naming upper bodies as the source of the
requirements (``根据省河长办…的部署要求``), and tasks with their units. Answers come from real Chroma, jieba and
the e5 model.
"""

from __future__ import annotations

import pytest

from policykb.bot.answers.who import asks_who, is_body, names_who
from policykb.kb.lexicon import REFUSAL_MARK

PLAN = """\
苇溪县河湖治理三年行动实施计划
为深入贯彻落实河湖长制工作要求，根据省河长办、市河长办的部署要求，按照《全省河湖治理三年行动计划》，制定本计划。
一、工作目标
到2026年，全县河湖水质优良比例达到90%以上，县城黑臭水体消除比例达到100%。
二、组织机构
为加强全县河湖治理工作组
三、重点任务
（一）规范河道采砂场所。落实采砂场所设置规范要求，清理无证采砂场所。
（二）优化涉河项目审批。涉河建设项目审批实行“一网通办、一家牵头、按时办结”，审批时间压缩至20个工作日内。
（三）整治入河排污口。完成全县入河排污口排查整治，建立排污口名录。（县生态环境分局牵头，县水利局、各乡镇人民政府配合）
（四）建设幸福河湖。每年建成幸福河湖2条。（县水利局负责）
本计划明确重点任务4项，涉及3个牵头单位。
四、领导体制
成立苇溪县河湖治理指挥部，统筹全县河湖治理工作。
"""


@pytest.fixture(scope="module")
def shelf(tmp_path_factory, e5):
    """The invented plan on a shelf (embedded Chroma in a temp home, e5)."""
    from tests.conftest import e5_shelf

    return e5_shelf(tmp_path_factory.mktemp("who"), e5, {"weixi-rivers.txt": PLAN})


def test_a_body_is_a_unit_a_post_or_a_group_of_places():
    assert is_body("县生态环境分局") and is_body("分管副县长") and is_body("各县（市、区）")
    assert not is_body("一家")


def test_a_clause_says_who_only_with_a_body_in_a_duty():
    assert names_who("（县水利局负责）", "建设幸福河湖由谁负责？", None)
    assert names_who("县河长办在县委、县政府领导下开展工作。", "县河长办在谁的领导下开展工作？", None)
    assert not names_who("为加强全县河湖治理工作组", "河湖治理由哪个部门牵头？", None)  # no duty
    assert not names_who("落实采砂场所设置规范要求。", "规范河道采砂场所由哪个部门负责？", None)  # 场所 names no body
    assert not names_who("根据省河长办、市河长办的部署要求", "由谁负责？", None)  # bodies, no duty
    assert names_who("成立县河湖治理指挥部。", "要成立什么机构？", None)  # a body set up, asked so
    assert not names_who("成立县河湖治理指挥部。", "指挥部由谁担任总指挥？", None)
    # the act the question asks of its who is the clause's duty
    assert names_who("县水利局就河湖治理办法公开征求意见。", "河湖治理办法由哪个部门公开征求意见？", None)
    # ``负责跟踪问效`` asks the act ``跟踪问效``; a page in traditional script names its body (``督查辦``) so
    assert names_who("縣督查辦要加大跟蹤問效力度。", "由哪个单位负责跟踪问效？", None)


def test_a_question_that_names_a_role_but_asks_what_is_no_who_question():
    assert asks_who("牵头单位制定的细化方案要明确哪些内容？") is False
    assert asks_who("整治入河排污口谁来牵头？") and asks_who("由哪些单位配合？")


@pytest.mark.parametrize(
    "question",
    [
        "苇溪县河湖治理工作由哪个部门牵头？",  # the heading 组织机构 over a cut sentence
        "苇溪县规范河道采砂场所由哪个部门负责？",  # the task names no unit
        "苇溪县优化涉河项目审批由哪个部门负责？",  # 一家牵头 names no body
    ],
)
def test_a_who_question_no_clause_answers_with_a_body_is_refused_saying_so(shelf, question):
    a = shelf.ask(question)
    assert not a.answerable and a.answer.startswith(REFUSAL_MARK), a.answer
    assert "方案未写明由哪个单位负责" in a.answer, a.answer


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("苇溪县整治入河排污口由哪个部门牵头？", "牵头单位：县生态环境分局"),
        ("苇溪县建设幸福河湖由谁负责？", "县水利局"),
    ],
)
def test_a_who_question_a_clause_answers_names_its_unit(shelf, question, unit):
    a = shelf.ask(question)
    assert a.answerable and unit in a.answer, a.answer


def test_a_body_set_up_and_a_count_of_units_are_no_who_questions(shelf):
    """``要成立什么机构`` is answered by the clause that sets the body up; ``涉及多少个牵头单位`` asks a count."""
    a = shelf.ask("苇溪县河湖治理的领导体制要成立什么机构？")
    assert a.answerable and "河湖治理指挥部" in a.answer, a.answer
    a = shelf.ask("苇溪县河湖治理三年行动明确了多少项重点任务，涉及多少个牵头单位？")
    assert a.answerable and "4项" in a.answer and "3个" in a.answer, a.answer
