"""Outline questions the headings alone do not answer, on invented plans (issue 23, item 4).

``第一条基本原则是什么`` when the principles are bullets (``——坚持A、B。…``) or paragraphs that open alike
(``坚持A。…``); ``第4条措施是什么`` when the measures are numbered ``1.`` across the plan's parts;
``主要任务是哪几项`` when a sentence binds the list (``以A、B、C为主要任务``); ``一共分解了多少项任务`` when a
sentence states the total (``共86项``); a plan that states no total is not counted.
"""

from __future__ import annotations

import pytest

from policykb.bot.answers.counted import _total, asked_total
from policykb.bot.answers.items import bound_lists, measures, section_items
from policykb.bot.answers.listed import asked_thing
from policykb.bot.question import classify
from policykb.ingest.parser import parse_text
from policykb.kb.units import UnitDirectory
from tests.conftest import e5_shelf

LAKE_PLAN = """青禾市全面推行湖长制工作方案
为加强湖泊管理保护，结合青禾市实际，制定本方案。
一、总体要求
（一）指导思想
坚持绿色发展理念，以保障水安全、治理水污染、美化水景观、涵养水生态为主要任务，在全市全面推行湖长制，构建权责清晰的湖泊管理保护机制。
（二）基本原则
——坚持统筹规划、分类施策。根据湖泊功能分区，统筹岸线利用与保护。
——坚持属地负责、上下联动。各区落实属地责任，形成工作合力。
——坚持公众参与、社会监督。拓宽公众参与渠道，接受社会监督。
二、组织形式
全市设立市、区、街道三级湖长，市级湖长由市政府分管负责同志担任。
三、工作要求
各区要于2026年6月底前制定本区湖长制工作方案。
"""

BUSINESS_PLAN = """东浦区营商环境提升行动方案（2026年）
为持续优化营商环境，激发市场主体活力，制定本行动方案。
一、总体要求
坚持以企业需求为导向，围绕市场环境、政务环境两个方面持续发力。
二、优化公平有序的市场环境
（一）降低市场准入门槛
1.清理隐性准入壁垒。全面排查招标投标中对外地企业设置的不合理条件，限期整改。
2.推行证照分离改革。对涉企经营许可事项实行清单管理。
（二）维护公平竞争秩序
3.开展公平竞争审查。新出台涉企政策一律开展公平竞争审查。
三、打造高效便捷的政务环境
4.推行企业开办一日办结。企业开办全流程压缩至1个工作日内。
5.深化一网通办。政务服务事项网上可办率达到98%以上。
四、保障措施
1.加强组织领导。成立区优化营商环境工作专班。
2.强化督查考核。将各项措施落实情况纳入年度考核。
"""

CARE_PLAN = """柏岭县社区助餐服务工作方案
为解决老年人就餐难题，结合本县实际，制定本方案。
一、总体要求
（一）工作原则
坚持需求导向。围绕老年人就餐需求合理布局助餐点。
坚持多元参与。鼓励餐饮企业和社会组织参与助餐服务。
坚持安全规范。严格落实食品安全管理制度。
二、主要内容
县政府办公室对助餐服务工作进行细化分解，任务分解采用表格形式，分为序号、工作任务、责任领导、牵头单位4个方面的内容，共86项。
"""

RUN_ON_PRINCIPLES = """槐川县助残服务方案
一、总体要求
（一）指导思想。坚持以人为本，全面提升助残服务水平。
（二）基本原则。——坚持政府主导、社会参与。发挥政府作用。——坚持普惠优先、精准帮扶。聚焦重点人群。——坚持改革创新、规范管理。完善制度。
二、主要任务
（一）扩大服务供给。新建助残服务站。
"""

PLANS = {"lake.txt": LAKE_PLAN, "business.txt": BUSINESS_PLAN, "care.txt": CARE_PLAN}


def _plan(text: str):
    return parse_text(text, "plan", "plan.txt", 160)


def _section(doc, title: str):
    return next(s for s in doc.sections if s.heading.endswith(title))


def test_bullets_and_paragraphs_that_open_alike_are_items():
    lake = _plan(LAKE_PLAN)
    leads = [i.lead for i in section_items(lake, _section(lake, "基本原则"))]
    assert leads == ["坚持统筹规划、分类施策", "坚持属地负责、上下联动", "坚持公众参与、社会监督"]
    care = _plan(CARE_PLAN)
    assert [i.lead for i in section_items(care, _section(care, "工作原则"))][1] == "坚持多元参与"
    assert section_items(lake, _section(lake, "指导思想")) == []  # one paragraph is no list
    runs_on = _plan(RUN_ON_PRINCIPLES)
    leads = [i.lead for i in section_items(runs_on, _section(runs_on, "基本原则"))]
    assert leads == ["坚持政府主导、社会参与", "坚持普惠优先、精准帮扶", "坚持改革创新、规范管理"]


def test_the_measures_are_numbered_across_parts_outside_the_framing_ones():
    found = [s.heading for s in measures(_plan(BUSINESS_PLAN))]
    assert found == ["1.清理隐性准入壁垒", "2.推行证照分离改革", "3.开展公平竞争审查", "4.推行企业开办一日办结",
                     "5.深化一网通办"]  # fmt: skip
    assert measures(_plan(LAKE_PLAN)) == []  # no numbered measures: none counted from other parts


def test_a_list_a_sentence_binds_to_a_thing():
    text = _plan(LAKE_PLAN).text
    assert [items for _, items in bound_lists(text, "主要任务")] == [
        ["保障水安全", "治理水污染", "美化水景观", "涵养水生态"]
    ]
    care = _plan(CARE_PLAN).text
    assert [items for _, items in bound_lists(care, "方面")] == [["序号", "工作任务", "责任领导", "牵头单位"]]
    assert list(bound_lists(text, "重点任务")) == []


def test_what_a_question_asks_the_items_and_the_total_of():
    assert asked_thing("青禾市推行湖长制，主要任务是哪几项？")[0] == "主要任务"
    assert asked_thing("表格分为哪几个方面？") == ["方面"]
    assert asked_total("柏岭县助餐方案一共分解了多少项任务？") == ("项", "任务")
    assert asked_total("柏岭县助餐方案要建多少个助餐点？") is None
    assert classify("青禾市推行湖长制，主要任务是哪几项？", UnitDirectory([])).kind == "outline"


def test_the_totals_a_sentence_states():
    assert _total("现将方案印发给你们，请抓好方案确定的58项工作任务落实。", "项") == "58项"  # 确定的N项
    assert _total("方案共分解为41项重点任务。", "项") == "41项"
    assert _total("现将2023年5个方面126项工作任务予以分解。", "项") == "126项"  # groups, then items
    assert _total("分解为4大类37项具体任务。", "项") == "37项"
    assert _total("完成12项重点工程建设。", "项") == ""  # a count of a task, no total stated


@pytest.fixture(scope="module")
def shelf(tmp_path_factory, e5):
    """The three invented plans on one shelf: real Chroma, the e5 model."""
    return e5_shelf(tmp_path_factory.mktemp("outline-items"), e5, PLANS)


def test_the_first_principle_written_as_a_bullet(shelf):
    answer = shelf.ask("青禾市湖长制方案的第一条基本原则是什么？")
    assert answer.answerable and "1. 坚持统筹规划、分类施策" in answer.answer, answer.answer
    assert "属地负责" not in answer.answer.split("方案原文")[0], answer.answer


def test_the_second_principle_written_as_a_paragraph(shelf):
    answer = shelf.ask("柏岭县社区助餐服务方案的第二条工作原则是什么？")
    assert answer.answerable and "2. 坚持多元参与" in answer.answer, answer.answer


def test_the_nth_measure_numbered_across_parts(shelf):
    answer = shelf.ask("东浦区营商环境提升行动方案的第4条措施是什么？")
    assert answer.answerable and "4. 推行企业开办一日办结" in answer.answer, answer.answer
    first = shelf.ask("东浦区营商环境提升行动方案的第1条措施是什么？")
    assert first.answerable and "1. 清理隐性准入壁垒" in first.answer, first.answer


def test_the_main_tasks_a_sentence_names(shelf):
    answer = shelf.ask("青禾市推行湖长制，主要任务是哪几项？")
    assert answer.answerable, answer.answer
    listed = ("1. 保障水安全", "2. 治理水污染", "3. 美化水景观", "4. 涵养水生态")
    assert all(t in answer.answer for t in listed), answer.answer


def test_the_total_a_plan_states(shelf):
    answer = shelf.ask("柏岭县社区助餐服务方案一共分解了多少项任务？")
    assert answer.answerable and "共86项" in answer.answer, answer.answer
    columns = shelf.ask("柏岭县社区助餐服务方案的任务分解表格分为哪几个方面？")
    assert columns.answerable and all(c in columns.answer for c in ("1. 序号", "4. 牵头单位")), columns.answer


def test_a_plan_that_states_no_total_is_not_counted(shelf):
    answer = shelf.ask("青禾市湖长制方案一共分解了多少项任务？")
    assert not answer.answerable, answer.answer
    other_year = shelf.ask("柏岭县社区助餐服务方案2025年一共分解了多少项任务？")
    assert "86项" not in other_year.answer, other_year.answer  # the plan gives no year's total
