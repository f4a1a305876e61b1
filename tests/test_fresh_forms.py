"""Forms of real pages from a fifth set of plans, each on invented text (issue 23).

A notice's duty in the middle of a sentence (``各项重点，由所涉及的甲厅、乙委等省级主管部门（单位）牵头完成自查报告，
其他相关部门（单位）配合，于6月20日18：00前报送``); a page whose title stands above its byline (``发布人：…``) and
whose notice forwards a higher-level file (``现将《…》（文号）转发你们``); a file's 文号 the text gives beside its
title; a task-division extract written one cell a paragraph with a lead and a co column and the full table's numbers; a
bracket label left alone on its line (``（责任单位：`` then the units); a question's year that a plan's title also
holds, cut inside (``022年``), names no plan.
"""

from __future__ import annotations

import pytest

from policykb.bot.dialog import PlanNames
from policykb.eval.duties import score_row
from policykb.ingest.deadlines import find_deadline
from policykb.ingest.identity import cited_number
from policykb.ingest.parser import parse_text
from policykb.ingest.unit_names import split_units
from policykb.kb.units import UnitDirectory
from tests.conftest import e5_shelf

SELF_CHECK_PAGE = """欢迎访问东浦区政务平台
信息详情
关于立即开展青禾市惠民政策落实情况自查的意见通知
发布人：张明联络点：东浦镇时间：7月8号
各县（市、区）人民政府，市政府各部门：
现将《青禾省人民政府关于开展惠民政策落实情况督查的通知》（青政明电〔2026〕3号）转发你们，请按照通知要求立即开展自查。现就有关工作通知如下。
一、各地自查
各县（市、区）要对本地区贯彻实施情况开展逐项自查，于6月20日18：00前报送自查报告。
二、部门自查
市级部门要按照职责分工深入自查。12个方面督查重点，由所涉及的市政府办公室、住房城乡建设局、市发展改革委、民政局、财政局等市级主管部门（单位）牵头完成自查报告，其他相关部门（单位）配合，于6月25日17：30前向市政府报送自查报告（含电子文档）。
三、重点抽查
市政府将对重点部门开展抽查。
"""

EXTRACT_PAGE = """东浦区教育局2026年重点工作任务分解表
发布时间:2026-03-01 09:13 信息来源:东浦区教育局

东浦区教育局2026年重点工作任务分解表

序号

重点工作任务

主要责任单位

协同配合单位

一、主要预期目标

4

社会消费品零售总额增长6%左右。

区商务局

区发改委、区统计局,各街道办事处,东浦经开区管委会。

二、办好民生实事

51

新建青禾路小学、东浦实验中学扩建教学楼项目。

区教育局

区住建局、区财政局。

52

深化与桐溪师范学院合作,引进优质教育资源。

区教育局

区人才服务中心。

60

新增普惠性托位800个,全区托位数提高至12
"""

LABEL_ALONE = """桐溪县健康帮扶实施方案
一、落实基本保障
（一）确保困难群众100%参加基本医保。
个人缴费部分由财政全额补贴。
（责任单位：

县医保局、县民政局、县财
"""


def _record(text: str, name: str = "plan.txt"):
    return parse_text(text, "plan", name, 160)


def _row(text: str, key: str, lead: list[str], co: list[str], deadline: str = "", name: str = "plan.txt"):
    return score_row("plan", {"key": key, "lead": lead, "co": co, "deadline": deadline}, _record(text, name).tasks)


def test_a_duty_inside_a_sentence_opened_by_you_leads_with_every_concerned_unit():
    units = ["市政府办公室", "住房城乡建设局", "市发展改革委", "民政局", "财政局"]
    outcome = _row(SELF_CHECK_PAGE, "12个方面督查重点", units, [], "6月25日17：30前", "page.html")
    assert outcome.found and outcome.right, outcome.reason
    assert outcome.deadline_right, outcome.deadline


def test_the_concerned_units_list_loses_its_opening_and_its_closing_kind():
    assert split_units("所涉及的甲厅、乙委等省级主管部门（单位）") == ["甲厅", "乙委"]
    assert split_units("甲局、乙局等市级有关单位") == ["甲局", "乙局"]


def test_a_report_due_at_an_hour_of_a_day_is_a_deadline():
    assert find_deadline("于6月20日18：00前报送自查报告") == "6月20日18：00前"
    assert find_deadline("于2026年6月底前完成") == "2026年6月底前"  # a month's end is still read alone


def test_the_title_above_a_byline_and_the_file_a_notice_forwards():
    record = _record(SELF_CHECK_PAGE, "page.html")
    assert record.title == "关于立即开展青禾市惠民政策落实情况自查的意见通知"
    assert record.basis == ["《青禾省人民政府关于开展惠民政策落实情况督查的通知》（青政明电〔2026〕3号）"]


def test_a_file_named_in_the_text_has_the_number_beside_its_title():
    text = "为落实《青禾省数字政府纲要》（青发〔2025〕4号）和《东浦区创新规划》（东政发〔2025〕43号）精神，制定本方案。"
    assert cited_number(text, "东浦区创新规划") == ("东政发〔2025〕43号", text.index("《东浦区创新规划》"))
    assert cited_number(text, "桐溪县规划") is None


@pytest.mark.parametrize(
    ("key", "lead", "co"),
    [
        ("社会消费品零售总额增长6%左右", ["区商务局"], ["区发改委", "区统计局"]),
        ("新建青禾路小学", ["区教育局"], ["区住建局", "区财政局"]),
        ("深化与桐溪师范学院合作", ["区教育局"], ["区人才服务中心"]),
    ],
)
def test_an_extract_one_cell_a_paragraph_with_a_lead_and_a_co_column(key, lead, co):
    outcome = _row(EXTRACT_PAGE, key, lead, co)
    assert outcome.found and outcome.right, outcome.reason


def test_the_extract_row_cut_before_its_units_is_no_task():
    assert not any("托位" in t.text for t in _record(EXTRACT_PAGE).tasks)


def test_a_bracket_label_alone_on_its_line_takes_the_units_below():
    outcome = _row(LABEL_ALONE, "确保困难群众100%参加基本医保", [], ["县医保局", "县民政局"])
    assert outcome.found and outcome.right, outcome.reason


def test_a_year_cut_inside_names_no_plan():
    titles = {
        "rural": "关于做好2026年全面推进乡村振兴重点工作的实施意见",
        "metro": "青禾都市圈营商环境建设专项行动方案",
    }
    names = PlanNames(UnitDirectory([]), [], [], titles, {"rural": "东浦县", "metro": ""})
    assert names.plan_in("青禾都市圈到2026年底全程网办率要提高到多少？") in (None, (["metro"], ""))
    assert names.plan_in("到2026年底全程网办率要提高到多少？") is None


def test_across_a_level_is_no_body():
    assert UnitDirectory([]).unknown_org_mentions("高频政务服务事项跨区通办要达到多少？") == []
    assert UnitDirectory([]).unknown_org_mentions("东浦区教育局负责什么？") == ["区教育局"]


def test_the_signature_names_the_notice_lines_short_issuer_in_full():
    notice = """区政府办公室关于印发青禾市东浦区“十四五”养老服务发展规划的通知
各镇人民政府,区相关部门:
现将《青禾市东浦区“十四五”养老服务发展规划》印发给你们,请认真落实。
青禾市东浦区人民政府办公室
2026年4月19日
青禾市东浦区“十四五”养老服务发展规划
一、规划背景
"""
    assert _record(notice).authority == "青禾市东浦区人民政府办公室"


def test_a_title_broken_after_two_characters_is_read_from_the_notice_sentence():
    notice = """各县区人民政府,市人民政府各部门:
《青禾市加强数字政府建设实施方案(2026—2028年)》已经市委市政府同意,现印发给你们,请结合实际认真贯彻落实。
2026年12月11日
青禾市加强数字政府建设
实施方案(2026—2028年)
一、总体要求
"""
    assert _record(notice).title == "青禾市加强数字政府建设实施方案(2026—2028年)"


COUNTY_HEALTH = """东浦州全面推进县域医疗卫生共同体建设实施方案
附件：东浦州医共体建设工作任务安排表
为认真贯彻落实《青禾省全面推进县域医疗卫生共同体建设实施方案》（青卫健〔2026〕58号）和《青禾省基层卫生纲要》（青卫发〔2025〕7号）精神，制定本实施方案。
一、总体目标
到2028年底前，组织管理、投入保障等政策进一步完善，各县基本建成权责清晰、运行高效的服务体系。医共体总院全部达到县级医院服务能力基本标准，80%的乡镇卫生院达到服务能力推荐标准。
二、重点任务
（一）推进管理下沉。每个医共体总院派驻管理人员不少于5人。
"""


@pytest.fixture(scope="module")
def fresh_shelf(tmp_path_factory, e5):
    """Two invented plans on one shelf: real Chroma, the e5 model."""
    plans = {"dongpu-health.txt": COUNTY_HEALTH, "self-check.html": SELF_CHECK_PAGE}
    return e5_shelf(tmp_path_factory.mktemp("fresh-shelf"), e5, plans)


def test_a_sentence_holds_for_the_year_its_paragraph_set(fresh_shelf):
    answer = fresh_shelf.ask("东浦州到2028年底医共体总院要达到什么标准？")
    assert answer.answerable and "县级医院服务能力基本标准" in answer.answer, answer.answer
    other = fresh_shelf.ask("东浦州到2030年底医共体总院要达到什么标准？")
    assert not other.answerable, other.answer


def test_the_number_of_a_file_the_text_cites(fresh_shelf):
    answer = fresh_shelf.ask("东浦州医共体方案提到的《青禾省基层卫生纲要》文号是什么？")
    assert answer.answerable and "青卫发〔2025〕7号" in answer.answer, answer.answer


def test_the_file_a_notice_forwards_is_asked_as_its_basis(fresh_shelf):
    answer = fresh_shelf.ask("惠民政策落实情况自查的意见通知转发的是哪个通知？文号是多少？")
    assert answer.answerable and "青政明电〔2026〕3号" in answer.answer, answer.answer


def test_what_a_notice_attaches(fresh_shelf):
    answer = fresh_shelf.ask("东浦州医共体建设实施方案的附件是什么？")
    assert answer.answerable and "东浦州医共体建设工作任务安排表" in answer.answer, answer.answer


def test_a_question_about_a_task_in_an_annex_is_no_question_about_attachments():
    from policykb.bot.question import classify

    assert classify("东浦州医共体建设实施方案有哪些附件？", UnitDirectory([])).kind == "document"
    assert classify("附件1中的第3项任务由谁牵头？", UnitDirectory([])).kind == "owner"
