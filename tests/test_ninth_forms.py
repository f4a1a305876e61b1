"""Forms a ninth set of real pages showed (docs/ninth-set-forms.md), in invented plans of invented places."""

from __future__ import annotations

import pytest

from policykb.eval.duties import score_row
from policykb.ingest.parser import parse_text
from policykb.ingest.responsibility import parse_duty
from policykb.ingest.unit_names import split_units

HOSTED = """青禾省治理餐桌污染工作方案
一、治理水产品污染
由省海洋渔业局承办，省农业厅、省卫生厅、省环保局协办。治理工作目标：水产品抽检合格率达95%以上。
（一）由省海洋渔业局负责，省农业厅、省环保局配合，加快省级健康养殖示范场建设，开展养殖技术培训。省农业厅做好全省渔药使用的技术指导工作。省环保局负责，省海洋渔业局配合，强化对养殖尾水排放的监管。
"""


def _tasks(text: str):
    return parse_text(text, "plan", "plan.txt", 160).tasks


def test_bare_places_before_a_local_body_share_its_name():
    # 甲、乙、丙经济开发区管委会: three zones' committees, one group; no bare place name reads as a unit
    assert split_units("青禾、东浦、桐溪经济开发区管委会") == ["青禾、东浦、桐溪经济开发区管委会"]
    duty = parse_duty("市环保局牵头，市经信局、市住建局配合，青禾、东浦、桐溪经济开发区管委会负责落实")
    assert duty.lead == ["市环保局"]
    assert "青禾" not in duty.units and "东浦" not in duty.units


def test_bare_names_before_a_department_stay_apart():
    # a list of departments written short is not a local group
    assert split_units("区财政、区审计局") == ["区财政", "区审计局"]


def test_short_departments_before_a_group_of_local_governments_stay_apart():
    assert split_units("财政、人社、各县区政府") == ["财政", "人社", "各县区政府"]


def test_a_host_with_assisting_units_leads():
    # 由甲承办，乙、丙协办: the host leads, the assisting units co-operate; 承办 is no part of a name
    duty = parse_duty("由省海洋渔业局承办，省农业厅、省卫生厅协办")
    assert duty.lead == ["省海洋渔业局"]
    assert duty.co == ["省农业厅", "省卫生厅"]
    outcome = score_row(
        "plan",
        {"key": "治理水产品污染", "lead": ["省海洋渔业局"], "co": ["省农业厅", "省卫生厅", "省环保局"], "deadline": ""},
        _tasks(HOSTED),
    )
    assert outcome.right, outcome.reason


def test_a_host_alone_is_no_lead_word():
    # 承办 with nobody assisting (a unit hosting an event) assigns no lead
    assert parse_duty("由省体育局承办").lead == []


@pytest.mark.parametrize(
    ("key", "lead", "co"),
    [
        ("加快省级健康养殖示范场建设", ["省海洋渔业局"], ["省农业厅", "省环保局"]),
        ("强化对养殖尾水排放的监管", ["省环保局"], ["省海洋渔业局"]),
    ],
)
def test_a_sentence_that_opens_with_its_units_is_its_own_task(key, lead, co):
    # 甲负责，乙配合，强化…: the units open the sentence whose action is the task; the sentence before it, with a
    # subject of its own, is no part of that task
    tasks = _tasks(HOSTED)
    outcome = score_row("plan", {"key": key, "lead": lead, "co": co, "deadline": ""}, tasks)
    assert outcome.right, outcome.reason
    owner = next(t for t in tasks if key in t.text)
    assert "渔药使用" not in owner.text


ENTRY = """发布信息
2026年3月,中共北江省委办公厅、北江省人民政府办公厅发布《北江省河湖保护责任制实施细则》,自发布之日起施行。
内容全文
第一章 总 则
第一条 为了全面落实河湖保护责任制,结合我省实际,制定本实施细则。
"""

PAGE = """青禾市东浦区人民政府
东浦区关于优化营商环境的若干措施
来源:东浦区发展和改革局发布时间:2026-03-10
  为贯彻落实市关于优化营商环境的决策部署,提出以下措施。
  一、实施空间提质工程。到2027年完成12个项目建设。
"""


def test_an_entry_names_its_issuers_and_month_before_the_verb():
    # 2026年3月，甲办公厅、乙办公厅发布《…》: both issued it, in that month
    doc = parse_text(ENTRY, "entry", "entry.txt", 160)
    assert doc.authority == "中共北江省委办公厅、北江省人民政府办公厅"
    assert doc.date == "2026年3月"


def test_a_department_as_the_pages_source_issues_a_plan_that_names_no_issuer():
    assert parse_text(PAGE, "page", "page.txt", 160).authority == "东浦区发展和改革局"
