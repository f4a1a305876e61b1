"""A task's deadline as real plans write it, each form on invented text.

A bracket, a label line or a ``完成时限`` column sets the deadline; where none does, the task's own text may: a
year-target clause (``到2025年，…``), a time before which something is done (``年底前基本实现…``, ``每年3月底前``),
or several stages (``2026年6月底前…，2027年底前…``), kept in order. A time that describes a thing
(``2000年以前建成的小区``) is none, and a task whose text names no time has no deadline.
"""

from __future__ import annotations

import pytest

from policykb.ingest.deadlines import stated_deadlines
from policykb.ingest.parser import parse_text

PLAN = """青禾市固体废物减量工作方案
一、重点任务
（一）推进绿色开采。以砂石、建材行业为重点，推广充填开采技术。到2025年，全市大中型矿山全部达到绿色矿山标准。（市自然资源局、市工信局指导）
（二）完善回收体系。年底前基本建成覆盖城乡的再生资源回收网络，每年3月底前公布回收企业名录。（市商务局牵头，市供销社配合）
（三）改造老旧小区。对2000年以前建成的老旧小区实施改造，完善配套设施。（市住建局负责）
（四）推行垃圾分类。2026年6月底前完成分类设施配置，2027年底前全面推开。（市城管局负责）
（五）建立统计制度。编制固体废物统计报表。（市统计局负责，2026年9月底前完成）
（六）建设监管平台。（市数据局负责，2026年6月底前启动建设，2027年底前建成）
"""


def _task(key: str):
    tasks = parse_text(PLAN, "plan", "plan.txt", 160).tasks
    return next(t for t in tasks if key in t.text)


@pytest.mark.parametrize(
    ("key", "deadline"),
    [
        ("推广充填开采技术", "到2025年"),  # a year-target clause of the task's own paragraph
        ("再生资源回收网络", "年底前，每年3月底前"),  # a time in the year, and one that comes round
        ("完成分类设施配置", "2026年6月底前，2027年底前"),  # stages, in order
        ("编制固体废物统计报表", "2026年9月底前"),  # the bracket's own, not the text's
        ("建设监管平台", "2026年6月底前，2027年底前"),  # a bracket's stages, each kept
    ],
)
def test_a_task_without_a_deadline_cell_takes_the_ones_its_text_states(key, deadline):
    assert _task(key).deadline == deadline


def test_a_time_that_describes_a_thing_sets_no_deadline():
    assert _task("老旧小区实施改造").deadline == ""


def test_a_time_inside_a_longer_one_is_said_once():
    assert stated_deadlines("每年6月底前报送，2026年底前完成") == ["每年6月底前", "2026年底前"]
    assert stated_deadlines("2020年前后建成的设施") == []  # a time around which, not before which


# -- responsibility forms of page copies ---------------------------------------------------------

CELL_LINES_FROM_ROW_37 = """桐溪县2026年民生实事推进情况
序号 |
主要任务 |
年度目标 |
分管 领导 |
牵头 单位 |
协同单位 |
推进情况 |
说明 |
37 |
新建城区公共停车位800个。 |
李青 |
县住建局 |
县城管局、相关乡镇 |
已完成选址。 |
||
38 |
改造农贸市场3个。 |
王禾 |
县商务局 |
县市场监管局 |
已进场施工。 |
||
39 |
新增养老床位200张。 |
赵林 |
县民政局 |
"""


def _tasks(text: str):
    return parse_text(text, "plan", "plan.txt", 160).tasks


def test_a_table_copied_one_cell_a_line_from_a_row_past_the_first():
    """The copy begins at row 37, a line of bars alone is empty cells, the last row is cut short."""
    tasks = _tasks(CELL_LINES_FROM_ROW_37)
    assert [t.title for t in tasks] == ["新建城区公共停车位800个", "改造农贸市场3个", "新增养老床位200张"]


@pytest.mark.parametrize(
    ("key", "lead", "co"),
    [("停车位", ["县住建局"], ["县城管局", "相关乡镇"]), ("农贸市场", ["县商务局"], ["县市场监管局"])],
)
def test_a_row_one_cell_short_before_its_units_is_moved_under_its_columns(key, lead, co):
    """年度目标 is written once for the table (a merged cell): each row's unit names still go under 牵头单位 and
    协同单位, never the people or the progress under them."""
    task = next(t for t in _tasks(CELL_LINES_FROM_ROW_37) if key in t.text)
    assert (task.responsibility.lead_units, task.responsibility.co_units) == (lead, co)


BARE_BRACKETS = """青禾市节水行动方案
一、重点任务
1.推进管网改造。到2027年完成老旧管网改造120公里。（市住建局、市水利局）
2.建设节水型园区。新建节水型园区3个（含省级园区1个）。
3.推广再生水利用。扩大再生水在工业冷却中的使用。（市水务集团、市生态环境局、市
"""


def test_a_bracket_after_a_sentence_naming_only_units_assigns_them():
    tasks = _tasks(BARE_BRACKETS)
    pipes = next(t for t in tasks if "管网改造" in t.text)
    assert (pipes.responsibility.lead_units, pipes.responsibility.co_units) == ([], ["市住建局", "市水利局"])
    cut = next(t for t in tasks if "再生水" in t.text)  # a page's copy cut inside it: the cut piece names nobody
    assert cut.responsibility.co_units == ["市水务集团", "市生态环境局"]
    assert not any("节水型园区" in t.text and "省级园区" in t.responsibility.raw for t in tasks)  # 含…: no units


PROGRESS_REPORT = """东浦区2026年第二季度重点任务执行情况
项目名称
项目内容
责任单位
进展情况
(一)
主要预期目标
地区生产总值增长6%以上
区发改局、东浦园区管委会、各街道
正常推进中
研发经费支出增长12%，完成目标任务
区科技局、各街道
开展研发投入统计辅导，走访重点企业40家，单位产值能耗同比下降
(二)
扩大有效投资
推进重大项目建设
区发改局、区住建局、区财
"""


@pytest.mark.parametrize(
    ("key", "co"),
    [
        ("地区生产总值增长6%以上", ["区发改局"]),
        ("研发经费支出增长12%", ["区科技局"]),  # its progress note names 单位: still a row, not a header
        ("推进重大项目建设", ["区发改局", "区住建局"]),  # the copy stops inside the last name
    ],
)
def test_a_table_one_cell_a_line_without_numbers_closes_each_row_at_its_unit_line(key, co):
    task = next(t for t in _tasks(PROGRESS_REPORT) if key in t.text)
    named = [u for u in task.responsibility.co_units if not u.startswith(("各", "东浦园区"))]
    assert (task.responsibility.lead_units, named) == ([], co)
    assert "正常推进中" not in task.text and "走访重点企业" not in task.text  # the progress is no part of the task


def test_an_annex_table_titled_as_a_division_table_names_the_plan():
    text = (
        "2026年《政府工作报告》重点工作目标任务分解表\n附件\n"
        "| 序号 | 目标与任务 | 牵头责任单位 |\n| 1 | 新增托位300个。 | 县教育局 |\n"
    )
    assert parse_text(text, "plan", "plan.txt", 160).title == "2026年《政府工作报告》重点工作目标任务分解表"
