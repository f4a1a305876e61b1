"""A district's breakdown of its annual targets, one item a target with its unit on the line below, stored as a page
stops (its last item cut before its unit), in an invented plan of an invented place: a task that shares one word
with the question (投资) is not the task asked about (工业投资); a 文号 the question gives names the plan, or the file
the plan cites under it; a time a task starts from is not its due time (``从…第二季度开始…每季度最后一个月的25日前``);
and a body's short name (区政府办) is held by the text that writes it in full."""

from __future__ import annotations

import pytest

from policykb.bot.answers.due import due_times
from policykb.ingest.identity import cited_file, same_number
from policykb.kb.units import SHORT_NAME, written_short

BREAKDOWN = """区人民政府办公室关于印发2026年区重点目标任务责任分解方案的通知
发布日期 2026-01-20 发布机构 区人民政府办公室 文    号 澄政办〔2026〕4号
各街道办事处,区人民政府各部门:
根据《澄江市2026年重点目标任务分解方案》(澄政发〔2026〕2号)要求,《2026年区重点目标任务责任分解方案》已经区人民政府同意,现印发给你们,请认真贯彻执行。
一、各责任单位要制订落实方案,于2026年2月10日前将落实方案报区人民政府办公室。
二、从2026年第二季度开始,各责任单位要在每季度最后一个月的25日前将进展情况报区人民政府办公室。
澄江市东岭区人民政府办公室
2026年1月20日
2026年区重点目标任务责任分解方案
一、主要预期目标
(一)地区生产总值增长6%以上
责任单位:区发展和改革局
(二)规上工业增加值增长9%以上
责任单位:区经济和信息化局
(三)固定资产投资增长8%以上
责任单位:区发展和改革局
(四)工业投资增长11%以上
"""


@pytest.fixture(scope="module")
def district(tmp_path_factory, e5):
    """The invented breakdown alone on a shelf: real Chroma, the e5 model."""
    from tests.conftest import e5_shelf

    return e5_shelf(tmp_path_factory.mktemp("district-breakdown"), e5, {"dongling-2026.txt": BREAKDOWN})


@pytest.mark.slow
def test_a_task_sharing_one_word_is_not_the_task_asked(district):
    answer = district.ask("工业投资增长目标谁负责？")
    head = answer.answer.split("出处：")[0]
    assert "固定资产投资" not in head and "区发展和改革局" not in head, answer.answer


@pytest.mark.slow
def test_a_task_named_in_full_still_answers(district):
    answer = district.ask("固定资产投资增长目标谁负责？")
    assert answer.answerable and "区发展和改革局" in answer.answer.split("出处：")[0], answer.answer


@pytest.mark.slow
def test_the_plans_own_number_names_the_plan(district):
    answer = district.ask("澄政办〔2026〕4号是什么文件？")
    assert answer.answerable and "2026年区重点目标任务责任分解方案" in answer.answer.split("出处：")[0], answer.answer


@pytest.mark.slow
def test_a_cited_number_names_the_cited_file(district):
    answer = district.ask("澄政发〔2026〕2号是什么文件？")
    assert answer.answerable and "澄江市2026年重点目标任务分解方案" in answer.answer.split("出处：")[0], answer.answer


@pytest.mark.slow
def test_a_number_no_plan_gives_is_not_answered(district):
    assert not district.ask("澄政发〔2025〕9号是什么文件？").answerable


@pytest.mark.slow
def test_a_recurring_due_time_is_not_the_year_it_starts(district):
    answer = district.ask("各责任单位每季度什么时候报送进展情况？")
    head = answer.answer.split("出处：")[0]
    assert answer.answerable and "每季度最后一个月的25日前" in head and "完成时限：2026年" not in head, answer.answer


def test_due_times_leave_out_a_start():
    sentence = "从2026年第二季度开始,各责任单位要在每季度最后一个月的25日前报送。自2027年1月起每月10日前报送。"
    assert due_times(sentence) == ["在每季度最后一个月的25日前", "每月10日前"]
    assert due_times("于2026年6月底前完成") == ["于2026年6月底前"]


def test_one_number_written_with_the_question_run_into_it():
    assert same_number("请问澄政办〔2026〕4号", "澄政办〔2026〕4号")
    assert same_number("澄政办 〔2026〕 4号", "澄政办〔2026〕4号")
    assert not same_number("澄政办〔2026〕5号", "澄政办〔2026〕4号")
    assert not same_number("〔2026〕4号", "澄政办〔2026〕4号")  # no issuer: any file of that year and serial


def test_the_file_cited_under_a_number():
    cited = ("澄江市2026年重点目标任务分解方案", BREAKDOWN.index("《澄江市"))
    assert cited_file(BREAKDOWN, "澄政发〔2026〕2号") == cited
    assert cited_file(BREAKDOWN, "澄政发〔2026〕3号") is None


def test_a_short_name_is_held_by_the_name_written_in_full():
    assert SHORT_NAME.match("区政府") and SHORT_NAME.match("市发改委") and not SHORT_NAME.match("工业投资")
    assert written_short("区政府办", "报区人民政府办公室") and not written_short("区政府办", "区域内各级政府的办事")
