"""Forms a ninth set of real pages showed (docs/ninth-set-forms.md), in invented plans of invented places."""

from __future__ import annotations

import pytest

from policykb.eval.duties import score_row
from policykb.ingest.parser import parse_text
from policykb.ingest.responsibility import parse_duty, sentence_duty
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
    assert split_units("财政、税务、县政府") == ["财政", "税务", "县政府"]
    # a level opens a body's short name (市人行): no place
    assert split_units("市人行、青禾经开区管委会") == ["市人行", "青禾经开区管委会"]


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


def test_a_hosted_event_is_no_task():
    # 承办 after a thing that is hosted (an event) assigns no lead; 由甲承办 as a clause of its own does
    assert parse_duty("全省运动会由省体育局承办").lead == []
    assert sentence_duty("全省运动会由省体育局承办") is None
    assert parse_duty("由省体育局承办").lead == ["省体育局"]


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


def test_a_years_work_arrangement_names_its_basis_in_its_first_sentence():
    # 2026年全区X工作，坚持…，认真落实《Y》（文号），…。现就…作出如下安排：
    from policykb.ingest.identity import read_basis

    text = (
        "东浦区2026年食品安全重点工作安排\n"
        "2026年全区食品安全工作,坚持以人民为中心,认真落实《北江省关于加强食品安全工作的意见》(北发〔2025〕9号),"
        "围绕群众关心的突出问题,开展放心工程建设。现就2026年重点工作作出如下安排:\n"
        "一、年度重点任务\n"
    )
    assert read_basis(text) == ["《北江省关于加强食品安全工作的意见》（北发〔2025〕9号）"]
    slogan = "2026年全区食品安全工作,坚持《舌尖上的安全》理念,开展放心工程建设。现作出如下安排:\n"
    assert read_basis(slogan) == []  # a title with no 文号 in such a sentence is no basis


def test_a_shared_files_name_is_its_title():
    page = (
        "桐溪乡2026年农村人居环境提升行动实施方案.docx\n"
        "《桐溪乡2026年农村人居环境提升行动实施方案.docx》由会员分享,可在线阅读。\n"
        "1、桐溪乡2026年农村人居环境提升行动实施方案根据县政府工作报告目标任务要求,制定以下方案:一、行动目标……\n"
    )
    doc = parse_text(page, "shared", "15-shared.txt", 160)
    assert doc.title == "桐溪乡2026年农村人居环境提升行动实施方案"


NOTICE = """各镇人民政府,区政府各部门、各直属机构,区属各企业
《东浦区消防安全专项整治行动实施方案》已经区政府同意,现印发给你们,请认真抓好贯彻落实。
东浦区人民政府
2026年3月2日
东浦区消防安全专项整治行动实施方案
为加强消防安全专项整治,制定本实施方案。
一、整治目标
紧紧围绕“查隐患、防火灾、保平安”目标,建立健全风险隐患监测预警机制,力争通过两年治理,坚决杜绝较大火灾事故。
全区消防站覆盖率达到95%以上。城区老旧小区、沿街商铺、仓储场所完成消防设施改造。
二、各级责任
第三条 各镇人民政府消防安全责任主要包括:
(一)落实消防安全属地管理责任,将消防工作纳入本镇年度工作计划。
(二)把消除重大火灾隐患作为首要任务,压实消防安全网格管理责任。
"""


@pytest.fixture(scope="module")
def ninth_shelf(tmp_path_factory, e5):
    """Invented plans of the ninth set's forms on one shelf: real Chroma, the e5 model."""
    from tests.conftest import e5_shelf

    plans = {"notice.txt": NOTICE, "hosted.txt": HOSTED, "page.txt": PAGE}
    return e5_shelf(tmp_path_factory.mktemp("ninth-shelf"), e5, plans)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "keys"),
    [
        # addressees on a line that lost its colon
        ("东浦区消防安全专项整治行动实施方案是发给哪些单位的？", ["区属各企业"]),
        # the aim a sentence works around (紧紧围绕什么目标) is no list of targets
        ("东浦区消防安全专项整治紧紧围绕什么目标？", ["查隐患、防火灾、保平安"]),
        # a sentence leading in with a colon (…主要包括：) is quoted with what follows it
        ("东浦区各镇人民政府消防安全责任中，首要任务是什么？", ["消除重大火灾隐患"]),
        # an amount and a fact asked together are both answered
        ("东浦区消防站覆盖率要达到多少？哪些场所要完成消防设施改造？", ["95%以上", "沿街商铺"]),
    ],
)
def test_ninth_set_questions(ninth_shelf, question, keys):
    answer = ninth_shelf.ask(question)
    assert answer.answerable and all(k in answer.answer for k in keys), answer.answer
