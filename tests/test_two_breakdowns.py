"""A who-question asked with no place on a shelf of invented plans: a district's breakdown of its annual targets
(its 工业投资 item stored cut before its unit line, or whole), and two county plans that name no 工业投资 at all (a
breakdown of the same form, an industry plan with its units in brackets). A county's 规模以上工业增加值 task does not
answer for 工业投资; the unit line that belongs to the item asked does. (With the item cut, another item's unit line
still answers: docs/shelf-print-forms.md, "Left".)"""

from __future__ import annotations

import pytest

from tests.test_district_breakdown import BREAKDOWN  # the district's breakdown, its 工业投资 item cut

COUNTY = """县人民政府办公室关于印发2026年县政府工作报告重点任务分解方案的通知
各乡镇人民政府,县人民政府各部门:
现将《2026年县政府工作报告重点任务分解方案》印发给你们,请认真组织实施。
2026年县政府工作报告重点任务分解方案
一、主要指标
1.规模以上工业增加值增长7%以上。
责任单位:县工业和信息化局
2.社会消费品零售总额增长6%以上。
责任单位:县商务局
3.一般公共预算收入增长5%。
责任单位:县财政局
二、重点工作
4.加快建设工业园区标准厂房,新建标准厂房10万平方米。
责任单位:县工业园区管委会
5.推进老旧小区改造20个。
责任单位:县住房和城乡建设局
"""

INDUSTRY = """县人民政府关于印发2026年县工业稳增长工作方案的通知
各乡镇人民政府,县人民政府各部门:
现将《2026年县工业稳增长工作方案》印发给你们,请认真组织实施。
2026年县工业稳增长工作方案
一、工作目标
全年规模以上工业增加值增长7%以上,新增规模以上工业企业12家。
二、重点任务
(一)推动规模以上工业增加值稳定增长。加强工业经济运行监测,帮助企业稳产达产。(责任单位:县工业和信息化局)
(二)培育新增规模以上工业企业。建立小升规企业培育库,落实奖补政策。(责任单位:县工业和信息化局、县统计局)
(三)加强用工保障。组织招聘活动,帮助企业解决用工难题。(责任单位:县人力资源和社会保障局)
"""


def _shelf(tmp_path_factory, e5, plans: dict[str, str]):
    from tests.conftest import e5_shelf

    return e5_shelf(tmp_path_factory.mktemp("two-breakdowns"), e5, plans)


@pytest.fixture(scope="module")
def cut(tmp_path_factory, e5):
    """The breakdown with its 工业投资 item cut before its unit, beside both county plans: real Chroma, e5."""
    return _shelf(tmp_path_factory, e5, {"nanping.txt": BREAKDOWN, "county.txt": COUNTY, "industry.txt": INDUSTRY})


@pytest.fixture(scope="module")
def whole(tmp_path_factory, e5):
    """The breakdown with its 工业投资 item's unit line, beside the county's breakdown."""
    return _shelf(tmp_path_factory, e5, {"nanping.txt": BREAKDOWN + UNIT_LINE, "county.txt": COUNTY})


UNIT_LINE = "责任单位:区经济和信息化局、区发展和改革局\n"


@pytest.mark.slow
def test_a_plan_that_never_names_the_thing_asked_does_not_answer_for_it(whole):
    answer = whole.ask("工业投资增长目标谁负责？")
    head = answer.answer.split("出处：")[0]
    assert answer.answerable and "区经济和信息化局" in head, answer.answer
    assert "县工业和信息化局" not in head and "固定资产投资" not in head, answer.answer


@pytest.mark.slow
def test_each_plan_that_names_the_thing_still_answers(cut):
    answer = cut.ask("规模以上工业增加值增长目标谁负责？")
    head = answer.answer.split("出处：")[0]
    assert answer.answerable and "县工业和信息化局" in head and "区经济和信息化局" in head, answer.answer


@pytest.mark.slow
def test_an_item_named_in_full_still_answers_beside_another_plan(cut):
    answer = cut.ask("固定资产投资增长目标谁负责？")
    assert answer.answerable and "区发展和改革局" in answer.answer.split("出处：")[0], answer.answer
