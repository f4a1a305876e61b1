"""Forms of real task-division pages from a sixth row set, each on invented text (issue 23).

Label lines that name a leading official besides the units (``牵头负责领导：`` / ``牵头责任单位：`` /
``协同责任单位：``); a convention written inside the first row's own unit list (``（列第一位者为工作牵头单位或汇总单位，
下同）``, ``排名第一位为牵头单位，下同``); nested brackets written as angle brackets (``各县<市、区>人民政府``);
``甲、乙分别负责，丙配合`` (each leads its part); a mirror page that writes each character's reading after it
(``責(zé)任單位``).
"""

from __future__ import annotations

import pytest

from policykb.eval.duties import score_row
from policykb.ingest.deadlines import stated_deadlines
from policykb.ingest.parser import parse_text
from policykb.ingest.script import to_simplified
from policykb.ingest.tables import rows_from_cell_lines
from policykb.ingest.unit_names import split_units


def _record(text: str, name: str = "plan.txt"):
    return parse_text(text, "plan", name, 160)


def _row(text: str, key: str, lead: list[str], co: list[str], deadline: str = "", name: str = "plan.txt"):
    return score_row("plan", {"key": key, "lead": lead, "co": co, "deadline": deadline}, _record(text, name).tasks)


LEADER_LABELS = """青禾市人民政府关于2026年市政府重点工作及责任分解的通知
各县、市、区人民政府，市政府各部门：
现将2026年市政府重点工作及责任分解印发给你们，同时明确各项工作的牵头负责领导、牵头责任单位和协同责任单位。
一、确保完成全年主要预期目标
1. 地区生产总值增长7%以上。
牵头负责领导：李明。
牵头责任单位：市发展改革委。
协同责任单位：市经信局、市商务局、东浦经开区管委会等，各县、市、区政府。
2. 财政收入增长6%左右。
牵头负责领导：王强。
牵头责任单位：市财政局。
协同责任单位：市税务局、市人行。
"""


@pytest.mark.parametrize(
    ("key", "lead", "co"),
    [
        ("地区生产总值增长7%以上", ["市发展改革委"], ["市经信局", "市商务局", "东浦经开区管委会"]),
        ("财政收入增长6%左右", ["市财政局"], ["市税务局", "市人行"]),
    ],
)
def test_label_lines_with_a_leading_official_and_co_operating_units(key, lead, co):
    outcome = _row(LEADER_LABELS, key, lead, co)
    assert outcome.right, outcome.reason


def test_the_leading_official_is_no_unit():
    units = {u for t in _record(LEADER_LABELS).tasks for u in t.responsibility.units}
    assert not units & {"李明", "王强"}


CONVENTION_IN_FIRST_ROW = """附件1
2026年政府工作报告重点工作责任分解
一、市长主抓重点工作
1.全力支持青禾企业发展。落实东浦惠企措施，力争为企业减负20亿元。
责任单位：市经信局、市财政局、市发展改革委、市税务局（列第一位者为工作牵头单位或汇总单位，下同）
2.加快桐溪新区建设。完成新区基础设施投资30亿元。
责任单位：市住建局、市自然资源局
"""


@pytest.mark.parametrize(
    ("key", "lead", "co"),
    [
        ("全力支持青禾企业发展", ["市经信局"], ["市财政局", "市发展改革委", "市税务局"]),
        ("加快桐溪新区建设", ["市住建局"], ["市自然资源局"]),
    ],
)
def test_a_convention_written_in_the_first_rows_unit_list_holds_from_that_row(key, lead, co):
    outcome = _row(CONVENTION_IN_FIRST_ROW, key, lead, co)
    assert outcome.right, outcome.reason


RANKED_BRACKET = """青禾市促进学前教育普惠发展行动方案
一、落实政府职责
(一)理顺办园体制。建立以县为主、镇街参与的青禾学前教育管理机制，每年专题研究一次。(市教育局,市委农办,各县<市、区>人民政府,排名第一位为牵头单位,下同)
(二)扩大普惠资源。新建改扩建公办幼儿园20所。(市住建局,市教育局)
"""


@pytest.mark.parametrize(
    ("key", "lead", "co"),
    [("理顺办园体制", ["市教育局"], ["市委农办"]), ("扩大普惠资源", ["市住建局"], ["市教育局"])],
)
def test_a_ranking_convention_closing_a_bracket_of_units(key, lead, co):
    outcome = _row(RANKED_BRACKET, key, lead, co)
    assert outcome.right, outcome.reason


def test_angle_brackets_nest_inside_a_unit_name():
    assert split_units("市委农办、各县<市、区>人民政府") == ["市委农办", "各县<市、区>人民政府"]


SEVERALLY = """东浦区深化医疗保障改革实施方案
一、扩大基本医疗保障覆盖面
1、将东浦区灵活就业人员纳入职工医保。(区人社局负责,区国资办配合)2、提高大病保险报销比例。(区人社局、卫健局分别负责,区国资办、财政局配合)3、完善东浦门诊共济机制。(区卫健局、区人社局分别负责)
"""


@pytest.mark.parametrize(
    ("key", "lead", "co"),
    [
        ("灵活就业人员纳入职工医保", ["区人社局"], ["区国资办"]),
        ("提高大病保险报销比例", ["区人社局", "卫健局"], ["区国资办", "财政局"]),
    ],
)
def test_units_that_severally_take_charge_while_others_co_operate_lead(key, lead, co):
    outcome = _row(SEVERALLY, key, lead, co)
    assert outcome.right, outcome.reason


def test_units_that_severally_take_charge_with_nobody_co_operating_share_the_task():
    task = next(t for t in _record(SEVERALLY).tasks if "门诊共济" in t.text)
    assert task.responsibility.lead_units == []
    assert task.responsibility.co_units == ["区卫健局", "区人社局"]


MIRROR_PAGE = """根據(jù)青禾省要求,制定本實(shí)施方案。
一、重點(diǎn)任務(wù)
1. 加強(qiáng)青禾新區(qū)規(guī)劃管理。建立新區(qū)規(guī)劃數(shù)據(jù)庫(kù)。
(牽頭單位:省自然資源廳;責(zé)任單位:省住房城鄉(xiāng)建設(shè)廳,各市、縣人民政府)
"""


def test_a_mirror_pages_readings_after_its_characters_are_dropped():
    assert to_simplified("責(zé)任單位:省住房城鄉(xiāng)建設(shè)廳") == "责任单位:省住房城乡建设厅"
    outcome = _row(MIRROR_PAGE, "加强青禾新区规划管理", ["省自然资源厅"], ["省住房城乡建设厅"])
    assert outcome.right, outcome.reason


def test_brackets_that_are_no_reading_stay():
    assert to_simplified("推行政府和社会资本合作(PPP)模式,编制(2026)版目录") == (
        "推行政府和社会资本合作(PPP)模式,编制(2026)版目录"
    )


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("到2027年每个镇街至少建成1个服务站，覆盖率达到90%。", "到2027年"),
        ("2026年底全面完成青禾驿站建设。", "2026年底"),
        ("2026年6月底基本建成信息平台。", "2026年6月底"),
    ],
)
def test_a_target_year_without_a_comma_and_a_years_end_the_work_is_done_by(text, deadline):
    assert stated_deadlines(text) == [deadline]


@pytest.mark.parametrize("text", ["到2025年的目标任务已经完成。", "2025年底的统计数据显示覆盖率提高。"])
def test_a_year_that_names_a_thing_is_no_deadline(text):
    assert stated_deadlines(text) == []


PADDED_ROWS = """2026年度区政府民生实事项目进度表
序号 |
牵头单位 |
项目名称 |
业主单位 |
本月进展情况 |
|
一 |
区住建局 |
(一)东浦路改造工程 |
区城投 |
已完工 |
|
(二)桐溪桥维修工程 |
区交投 |
已完工 |
|||
二 |
区城管局 |
(一)青禾公园提升项目 |
区城管局 |
已开工 |
|
(二)背街小巷整治项目 |
东浦街道 |
已完工 |
|||
"""


@pytest.mark.parametrize(
    ("key", "lead"),
    [("东浦路改造工程", ["区住建局"]), ("桐溪桥维修工程", ["区住建局"]), ("背街小巷整治项目", ["区城管局"])],
)
def test_a_table_one_cell_a_line_whose_merged_lead_cell_is_written_once_per_group(key, lead):
    outcome = _row(PADDED_ROWS, key, lead, [])
    assert outcome.right, outcome.reason


def test_padded_rows_take_the_merged_cells_from_the_row_above():
    lines = rows_from_cell_lines(PADDED_ROWS).splitlines()
    assert "| 一 | 区住建局 | (二)桐溪桥维修工程 | 区交投 | 已完工 |" in lines
    assert "| 二 | 区城管局 | (二)背街小巷整治项目 | 东浦街道 | 已完工 |" in lines


CUT_CELL_TABLE = """东浦区2026年区政府工作目标任务落实责任分解表

序号

目  标  任  务

牵头单位

责任单位

责任人

一、主要经济社会发展指标(牵头领导:张明、李强)

1

地区生产总值增长7%。

区发改局

区统计局,各街道

张华

2

规上工业增加值增长8%。

区经信局

"""


@pytest.mark.parametrize(
    ("key", "lead", "co"),
    [("地区生产总值增长7%", ["区发改局"], ["区统计局"]), ("规上工业增加值增长8%", ["区经信局"], [])],
)
def test_a_cell_a_line_table_with_a_person_column_and_a_last_row_cut_after_its_lead(key, lead, co):
    outcome = _row(CUT_CELL_TABLE, key, lead, co)
    assert outcome.right, outcome.reason


FIELD_RECORD = """
重点工作: | 128.统筹青禾新城旧区改造与违法建设整治。 |
牵头单位: | 市城管执法局 |
年度阶段性工作目标: | 第一季度:印发工作方案。第四季度:完成年度工作任务。 |
进展情况: |
已完成。 |
"""


def test_a_record_written_as_label_and_value_cells_with_an_item_numbered_past_a_hundred():
    outcome = _row(FIELD_RECORD, "统筹青禾新城旧区改造与违法建设整治", ["市城管执法局"], [])
    assert outcome.right, outcome.reason
