"""Deadlines and owners from the retrieved sentence when no task record holds the task, and no fluent wrong
amount from the plain-fact fallback (issue 23).

The plan below is invented (汀溪市 is no real place); its sentences are in the forms real plans write deadlines
(``于每季度末月20日前``, ``2021年上半年``, ``2022年底前``), roles outside a bracket (``由A负责``, ``A会同B``,
``（负责部门：A，适用范围：B）``) and several indicators with their amounts in one sentence. Answers come
from real Chroma, jieba and the e5 model.
"""

from __future__ import annotations

import pytest

from policykb.bot.answers.due import TIME_PHRASE, when_parts
from policykb.bot.answers.role import stated_roles
from policykb.kb.lexicon import REFUSAL_MARK

EVIDENCE_PLAN = """\
汀溪市人民政府办公室关于印发汀溪市城乡环境整治试点工作方案的通知
汀政办发〔2020〕31号
各县（市、区）人民政府，市政府各部门：
现将《汀溪市城乡环境整治试点工作方案》印发给你们，请认真贯彻执行。
汀溪市人民政府办公室
2020年9月14日
汀溪市城乡环境整治试点工作方案
一、主要目标
到2025年，全市单位地区生产总值用水量比2020年下降16%，再生水利用率力争达到25%，城市黑臭水体治理取得明显成效。
二、工作安排
（一）编制整治方案。各试点乡镇负责编制环境整治试点实施方案，明确整治目标和任务分工。2021年上半年，各试点乡镇政府印发整治实施方案。
（二）报送进展情况。各县（市、区）要于每季度末月20日前向市整治办报送试点进展情况。
（三）开展评估验收。市整治办牵头组织中期评估，于2022年底前完成中期评估报告；各县（市、区）要于2023年6月底前完成试点验收自查。
（四）建设智慧监管平台。依托全市政务云建设环境整治智慧监管平台，实现问题发现、派单、整改全流程闭环管理，由市大数据局、市生态环境局负责。
（五）推进河道清淤疏浚。市水务局会同市财政局制定河道清淤疏浚三年计划，统筹安排清淤资金。
（六）支持山区茶园生态改造。在山区茶园推广生态种植模式，建设生态茶园示范基地。（负责部门：市农业农村局，适用范围：北部山区县）
（七）建设乡镇污水处理站。2021年9月底前启动乡镇污水处理站建设，2022年6月底前完成全部站点通水运行。
"""


@pytest.fixture(scope="module")
def evidence_bot(tmp_path_factory, e5_bot):
    """A bot over the shipped plan and the invented plan (embedded Chroma in a temp home, e5)."""
    from tests.conftest import bot_with_plan

    return bot_with_plan(tmp_path_factory.mktemp("evidence"), e5_bot, "tingxi-environment.txt", EVIDENCE_PLAN)


@pytest.mark.parametrize(
    ("text", "times"),
    [
        ("各县要于每季度末月20日前报送", ["于每季度末月20日前"]),
        ("2021年上半年，各乡镇政府印发方案", ["2021年上半年"]),
        ("于2022年底前完成评估", ["于2022年底前"]),
        ("到“十四五”末基本建成", ["到“十四五”末"]),
        ("每年12月底前报送年度总结", ["每年12月底前"]),
        ("每年开展一次督查", []),
    ],
)
def test_time_phrases(text, times):
    assert [m.group(0) for m in TIME_PHRASE.finditer(text) if m.group(0)] == times


def test_roles_are_read_as_the_sentence_states_them():
    both = stated_roles("由市大数据局、市生态环境局负责")
    assert both is not None and both.lead == [] and both.shared == ["市大数据局", "市生态环境局"]
    led = stated_roles("市水务局会同市财政局制定计划")
    assert led is not None and led.lead == ["市水务局"] and led.co == ["市财政局"]
    labelled = stated_roles("（负责部门：市农业农村局，适用范围：北部山区县）")
    assert labelled is not None and labelled.lead == [] and labelled.shared == ["市农业农村局"]
    assert stated_roles("各项目牵头单位对项目组织实施负总责") is None


@pytest.mark.parametrize(
    ("question", "time"),
    [
        ("汀溪市各试点乡镇政府应在什么时候印发整治实施方案？", "2021年上半年"),
        ("汀溪市各县（市、区）要在什么时候报送试点进展情况？", "每季度末月20日前"),
    ],
)
def test_a_deadline_comes_from_the_sentence_that_states_it(evidence_bot, question, time):
    a = evidence_bot.ask(question)
    assert a.answerable, a.answer
    assert time in a.answer.split("方案原文")[0], a.answer
    assert "方案原文" in a.answer and a.sources and a.sources[0].cited


def test_a_two_part_deadline_is_answered_part_by_part(evidence_bot):
    a = evidence_bot.ask("汀溪市的中期评估报告要在什么时间前完成？试点验收自查又要在何时前完成？")
    assert a.answerable, a.answer
    assert "2022年底前" in a.answer and "2023年6月底前" in a.answer, a.answer


def test_the_parts_of_a_question_that_asks_two_times():
    assert when_parts("甲站什么时候启动建设、什么时候完成通水？") == ["甲站什么时候启动建设", "甲站什么时候完成通水"]
    assert when_parts("甲报告要在什么时间前完成？乙自查又要在何时前完成？") == [
        "甲报告要在什么时间前完成？",
        "乙自查要在何时前完成？",
    ]
    assert when_parts("甲站什么时候建成？") == ["甲站什么时候建成？"]


def test_a_start_and_an_end_are_answered_apart(evidence_bot):
    a = evidence_bot.ask("汀溪市乡镇污水处理站什么时候启动建设、什么时候完成通水运行？")
    assert a.answerable, a.answer
    lines = [line for line in a.answer.splitlines() if line.startswith("完成时限")]
    assert lines == ["完成时限：2021年9月底前", "完成时限：2022年6月底前"], a.answer


@pytest.mark.parametrize(
    ("question", "units", "lead"),
    [
        ("汀溪市建设环境整治智慧监管平台由哪些部门负责？", ["市大数据局", "市生态环境局"], None),
        ("汀溪市支持山区茶园生态改造的负责部门是哪个？", ["市农业农村局"], None),
    ],
)
def test_an_owner_comes_from_the_sentence_that_names_the_task(evidence_bot, question, units, lead):
    a = evidence_bot.ask(question)
    assert a.answerable, a.answer
    for unit in units:
        assert unit in a.answer, a.answer
    assert "牵头单位：" not in a.answer, a.answer  # the sentence names no lead: none is invented


def test_a_lead_stated_in_running_text_answers(evidence_bot):
    """``A会同B制定…`` is an ordinary sentence to the extractor (no task record): the sentence says who leads."""
    a = evidence_bot.ask("汀溪市河道清淤疏浚三年计划由哪个部门牵头制定？")
    assert a.answerable, a.answer
    assert "牵头单位：市水务局" in a.answer and "配合单位：市财政局" in a.answer, a.answer
    assert "方案原文" in a.answer, a.answer


def test_an_amount_of_another_indicator_is_not_given(evidence_bot):
    """The sentence pairs 16% with water use, 25% with reuse: the question asks neither's amount."""
    a = evidence_bot.ask("汀溪市到2025年城市黑臭水体治理率要比2020年提高百分之多少？")
    assert not a.answerable, a.answer
    assert REFUSAL_MARK in a.answer or "未" in a.answer
