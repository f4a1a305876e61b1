"""Goals written the way a plan's 目标 section writes them, read as the plan means them.

The plan below is invented (青川市 is no real place), in forms real plans use: a section whose first paragraph opens
with the year (``到2026年，…``) and whose later paragraphs, each headed by a short phrase, set that year's amounts
with no verb (``每千名老年人拥有养老床位数40张以上``); an amount whose clause does not repeat the plan's title words
(``低空`` of a 低空经济 plan's ``企业80家``); and an amount whose measure word is followed by the noun it counts
(``开通2-3条通用航空短途运输航线``), which answers no count of another thing (``通用机场``). Answers come from real
Chroma, jieba and the e5 model.
"""

from __future__ import annotations

import pytest

from policykb.bot.answers.sentences import time_of
from policykb.ingest.targets import extract_targets, opening_year
from policykb.kb.lexicon import REFUSAL_MARK
from policykb.kb.segmenter import Segmenter

GOAL_PLAN = """\
青川市低空经济产业和养老服务发展实施方案
一、总体要求
坚持创新驱动、示范引领，打造区域低空经济发展高地。
二、发展目标
到2026年，低空经济和养老服务全面发展，初步形成符合我市实际的发展新模式。
产业链条更加健全。力争集聚产业链相关企业80家，投资总额达50亿元，产业规模达60亿元。
航线网络基本成形。开通至周边机场2-3条通用航空短途运输航线、90条以上无人机航线。
供给质量明显改善。每千名老年人拥有养老床位数40张以上。
三、重点任务
（一）完善基础设施。建设一批起降场地，完善低空飞行服务保障体系。
"""


@pytest.fixture(scope="module")
def goal_bot(tmp_path_factory, e5_bot):
    """A bot over the shipped plan and the invented plan (embedded Chroma in a temp home, e5)."""
    from tests.conftest import bot_with_plan

    return bot_with_plan(tmp_path_factory.mktemp("goals"), e5_bot, "qingchuan-goals.txt", GOAL_PLAN)


@pytest.mark.parametrize(
    ("question", "amount"),
    [
        ("青川市到2026年每千名老年人拥有养老床位数要达到多少？", "40张以上"),  # the year the section opened with
        ("青川市到2026年产业规模要达到多少？", "60亿元"),  # the year its heading paragraph set, credited
        ("青川市低空经济产业规模的目标是多少？", "60亿元"),  # 低空经济 is the plan's title
        ("青川市到2026年力争集聚多少家低空产业链相关企业？", "80家"),  # 低空 counted by the title
    ],
)
def test_a_goal_paragraph_answers_in_its_section_year(goal_bot, question, amount):
    answer = goal_bot.ask(question)
    assert answer.answerable, answer.answer
    assert amount in answer.answer.split("依据")[0].split("方案原文")[0], answer.answer


def test_an_amount_counting_another_thing_does_not_answer_a_count(goal_bot):
    answer = goal_bot.ask("青川市到2026年要建成多少个通用机场？")
    assert REFUSAL_MARK in answer.answer, answer.answer
    assert "2-3条" not in answer.answer and "90条" not in answer.answer


def test_a_section_opening_with_its_year_sets_it_for_later_paragraphs():
    goals = GOAL_PLAN.split("二、发展目标\n")[1].split("三、")[0]
    section = "二、发展目标\n" + goals
    assert opening_year(section, "二、发展目标") == "2026"
    assert opening_year("三、重点任务\n（一）完善基础设施。建设一批起降场地。", "三、重点任务") == ""
    long_first = "二、目标\n到2025年底前全市完成老旧小区改造任务的统计和上报工作，…"
    assert opening_year(long_first, "二、目标") == ""  # its first clause is no bare time phrase
    beds = next(t for t in extract_targets(section, "d", ["二、发展目标"]) if "床位" in t.indicator)
    assert (beds.year, beds.value, beds.unit) == ("2026", "40", "张")
    assert beds.comparator.endswith("…以上")  # said after the amount: 40张以上
    beds_sentence = "每千名老年人拥有养老床位数40张以上"
    assert time_of(beds_sentence, "供给质量明显改善。", "二、发展目标", "", "2026")[0] == {"2026"}


def test_the_noun_after_a_measure_word_is_what_it_counts():
    from policykb.bot.answers.sentences import things_counted

    tagged = Segmenter().tagged
    assert things_counted(tagged, "开通至周边机场2-3条通用航空短途运输航线、90条以上无人机航线") == [
        "通用航空短途运输航线",
        "无人机航线",
    ]
    assert things_counted(tagged, "力争集聚产业链相关企业80家，产业规模达60亿元") == [""]
    assert things_counted(tagged, "建成5个并投入使用") == [""]


def test_a_target_near_only_in_meaning_gives_no_task_its_deadline(goal_bot):
    """``绿色防控覆盖率`` is near ``全覆盖`` in meaning, but its clause says nothing of 安全风险识别: no plan here has
    that task, so no task's deadline answers."""
    answer = goal_bot.ask("那安全风险识别全覆盖工作方案的完成时限呢？")
    assert REFUSAL_MARK in answer.answer, answer.answer


SET_PLAN = """\
白河县基层治理“三个全覆盖”工作方案
为推进网格管理全覆盖、矛盾调解全覆盖、服务代办全覆盖，结合我县实际，制定本方案。
一、工作目标
着力推动“人员、经费、场地、制度”四到位，努力实现“人人知晓政策，人人参与治理，人人享受服务”的目标。
"""


@pytest.fixture(scope="module")
def set_bot(tmp_path_factory, e5_bot):
    from tests.conftest import bot_with_plan

    return bot_with_plan(tmp_path_factory.mktemp("sets"), e5_bot, "baihe-sets.txt", SET_PLAN)


@pytest.mark.parametrize(
    ("question", "members"),
    [
        ("白河县基层治理要推动哪“四到位”？", ["人员", "经费", "场地", "制度"]),  # a quoted list before its count
        ("“三个全覆盖”分别是哪三个？", ["网格管理全覆盖", "矛盾调解全覆盖", "服务代办全覆盖"]),  # the title's set
        ("白河县工作目标里的“三个人人”是什么？", ["人人知晓政策", "人人参与治理", "人人享受服务"]),  # begin so
    ],
)
def test_a_set_named_by_its_count_is_answered_by_its_members(set_bot, question, members):
    answer = set_bot.ask(question)
    first = answer.answer.split("方案原文")[0]
    assert all(m in first for m in members), answer.answer


def test_a_run_of_another_count_is_not_the_set():
    from policykb.bot.answers.counted import _run_members

    text = "推进网格管理全覆盖、矛盾调解全覆盖、服务代办全覆盖，结合实际。"
    assert _run_members(text, "全覆盖", 3) is not None and _run_members(text, "全覆盖", 4) is None


def test_a_set_named_in_a_title_asked_of_something_else_is_not_answered_by_its_members(set_bot):
    answer = set_bot.ask("白河县基层治理“三个全覆盖”工作方案的文号是什么？")
    assert "矛盾调解全覆盖、服务代办全覆盖" not in answer.answer, answer.answer
