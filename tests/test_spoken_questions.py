"""Questions asked the way officials and new staff ask aloud get the clause that answers them; near misses stay refused.

The plans below are invented (苇塘市 and 柳岸区 are no real places); their
sentences are in forms real plans use: a target said as ``单位地区生产总值能耗``
(asked as ``能耗强度``) while another plan spells it ``单位地区生产总值能源消耗``, a
monitoring level (``市控以上断面``), a time limit in working days
(``压缩至80个工作日以内``, asked ``压到多少天``), two measures said as quoted words
one after another (``做到“应放尽放”“应接尽接”``) beside a list of two other
things, two systems named in a clause with a bracketed short name
beside a list of two aims, and a table row whose last cells say where
a measure applies. The questions end as people speak (``…是多少来着？``).
Answers come from real Chroma, jieba and the e5 model.
"""

from __future__ import annotations

import pytest

from policykb.bot.kinds import QuestionKind
from policykb.bot.question import classify, unspoken
from policykb.kb.lexicon import REFUSAL_MARK
from policykb.kb.units import UnitDirectory

WEITANG_PLAN = """\
苇塘市“十四五”节能减排和营商环境实施方案
一、总体要求
坚持稳中求进，完善实施能源消费强度和总量双控（以下称能耗双控）、污染物排放总量控制制度，健全节能减排政策机制，\
推动能源利用效率大幅提高、主要污染物排放总量持续减少，确保完成“十四五”目标。
二、主要目标
到2025年，全市单位地区生产总值能耗比2020年下降13.5%，力争完成15%的激励目标。市控以上断面水质达标率达到92%以上。
三、优化营商环境
（一）加大简政放权力度。承接好省下放行政许可事项，做到“应放尽放”“应接尽接”。大力推进柳岸区、苇塘经开区两个相对集中\
行政许可权改革试点。（牵头单位：市行政审批局）
（二）工程建设项目审批提速。全市工程建设项目审批时间压缩至80个工作日以内。（牵头单位：市住建局）
"""

LIUAN_PLAN = """\
柳岸区“十四五”节能工作方案
一、主要目标
到2025年，全区单位地区生产总值能源消耗比2020年下降12%。
"""

WEITANG_LIST = """\
<html><head><meta charset="utf-8"><title>苇塘市第三批改革举措推广清单</title></head><body>
<p>苇塘市第三批改革举措推广清单</p>
<table>
<tr><td>序号</td><td>改革举措</td><td>主要内容</td><td>指导部门</td><td>推广范围</td></tr>
<tr><td>1</td><td>甲类成果交易平台</td><td>在市产权交易中心开设成果交易区，提供展示和交易服务。</td>\
<td>市金融局</td><td>3个示范片区</td></tr>
<tr><td>2</td><td>中小企业商标质押贷款</td><td>简化质押登记流程，开展商标权质押融资。</td><td>市市场监管局</td><td>全市</td></tr>
</table>
</body></html>
"""


@pytest.fixture(scope="module")
def weitang_bot(tmp_path_factory, e5):
    """A bot over the two invented plans (embedded Chroma in a temp home, e5)."""
    from tests.conftest import e5_shelf

    plans = {"weitang-plan.txt": WEITANG_PLAN, "liuan-plan.txt": LIUAN_PLAN, "weitang-list.html": WEITANG_LIST}
    return e5_shelf(tmp_path_factory.mktemp("spoken"), e5, plans)


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("苇塘25年能耗强度要比20年降多少来着？", ["13.5%"]),  # 来着 is said, not asked; 单位地区生产总值能耗
        ("苇塘市控以上断面水质达标率要到多少来着？", ["92%"]),
        ("苇塘工程建设项目审批时限要压到多少天以内？", ["80个工作日"]),  # a span in days, not a due date
        ("苇塘市简政放权要做到哪两个“尽”？", ["应放尽放", "应接尽接"]),  # quoted words one after another
        ("甲类成果交易平台在什么范围推广？", ["3个示范片区"]),  # the row's last cell
    ],
)
def test_a_spoken_question_gets_the_clause_that_answers_it(weitang_bot, question, wanted):
    a = weitang_bot.ask(question)
    assert a.answerable, a.answer
    for text in wanted:
        assert text in a.answer, a.answer


def test_two_things_counted_are_not_answered_by_a_list_of_others(weitang_bot):
    a = weitang_bot.ask("苇塘节能减排要完善实施哪两项控制制度？")
    assert "1. 能源利用效率大幅提高" not in a.answer, a.answer  # a list of aims, not of 制度
    assert "柳岸区" not in a.answer, a.answer
    assert not a.answerable or "污染物排放总量控制制度" in a.answer, a.answer


@pytest.mark.parametrize(
    "question",
    [
        "苇塘市的县控断面水质达标率要达到多少？",  # another monitoring level: 市控以上 is not 县控
        "苇塘到2030年能耗强度要降多少来着？",  # a year the plan does not set, asked aloud
        "苇塘企业开办时间要压到几天来着？",  # a span the plan does not set
    ],
)
def test_a_near_miss_asked_aloud_stays_refused(weitang_bot, question):
    a = weitang_bot.ask(question)
    assert not a.answerable, a.answer
    assert REFUSAL_MARK in a.answer or "知识库中没有" in a.answer, a.answer


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("苇塘非化石能源占比要到多少来着？", "苇塘非化石能源占比要到多少？"),
        ("审批时限是多少天来着，谁牵头啊？", "审批时限是多少天，谁牵头？"),
        ("未来着力推进哪些工作？", "未来着力推进哪些工作？"),  # 来着 inside words is kept
        ("齐齐哈尔的目标是多少？", "齐齐哈尔的目标是多少？"),
    ],
)
def test_words_said_only_aloud_end_no_question(said, asked):
    assert unspoken(said) == asked


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("工程建设项目审批时限要压到多少天以内？", QuestionKind.TARGET),  # an amount of time
        ("不动产登记办理时限是几个工作日？", QuestionKind.TARGET),
        ("工程建设项目审批时限是什么时候前完成？", QuestionKind.DEADLINE),
        ("这项任务的完成时限是什么？", QuestionKind.DEADLINE),
    ],
)
def test_a_span_of_time_asked_is_an_amount_not_a_deadline(question, kind):
    assert classify(question, UnitDirectory([])).kind == kind
