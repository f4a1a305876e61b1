"""Task-division tables as page copies store them, each on an invented plan (invented places, units and tasks).

A pipe table whose first rows are the page's 索引号 / 发布单位 lines takes its header from the row that names the
columns (``序号 | 实事项目 | … | 责任单位 | 配合单位``), and a ``责任单位`` column beside a ``配合单位`` column leads;
a table written one cell per line, with units over several lines and an unnumbered sub-row, and a table written
one row per line, with the units trailing the task, give one task per row; a ``完成时限`` column is the deadline,
dated by the ledger.
"""

from __future__ import annotations

import pytest

from policykb.ingest.duedates import due_dates, plan_year
from policykb.ingest.parser import parse_text
from policykb.ingest.texttables import rows_from_text_tables

CELL_PER_LINE = """桐溪县人民政府办公室关于下达2026年民生实事目标任务的通知
各乡镇人民政府，县级各部门：
现将2026年民生实事目标任务分解下达，请认真落实。
附件：2026年民生实事目标任务分解表
桐溪县人民政府办公室
2026年2月20日
附件
2026年民生实事目标任务分解表
序号
民生实事
责任单位
完成时限
1
启动建设清水河城区段生态修复工程。
县水利局
县住建局
县河道整治指挥部
12月底前
2
新建3座过街天桥。
县住建局
9月投入使用
3
建成县残疾人康复服务中心。
县残联
5月底前动工
4
开工建设县颐养中心。
县民政局
5月底前动工
开工建设县老年大学新校区。
12月底前
5
新建城区农贸市场1个。
县商务局
县城投公司
12月底前
桐溪县人民政府办公室
分享到：
"""

ROW_PER_LINE = """东浦区2026年政府工作任务分解表
序号 名称 工作任务 牵头责任单位
一、经济社会发展主要预期目标分解(3项)
1 地区生产总值 地区生产总值增长6.5%左右。 发改委
2 规上工业增加值 规模以上工业增加值增长8%。 经信委、统计局
二、重点工作任务分解(2项)
3 创新平台 新建省级以上研发平台5个。加快科技成果转化。 科技局、经信委
4 老旧小区 改造老旧小区12个。 住建委
以上任务请各单位认真落实。
"""

CHROME_ROWS = """青禾市2026年十件民生实事工作方案
| 索引号 | 0012-2026-00031 | 公开方式 | 主动公开 |
| 发布单位 | 青禾市人民政府办公室 | 发文日期 | 2026-03-02 |
| 名称 | 青禾市2026年十件民生实事工作方案 | 文号 | 青政办发〔2026〕5号 |
| 序号 | 实事项目 | 工作举措 | 责任单位 | 配合单位 | 完成时限 |
| 1 | 社区食堂建设 | 新建社区食堂20个，覆盖主城区 | 市民政局 | 市财政局、市市场监管局 | 2026年10月底前 |
| 2 | 公交线路优化 | 新开和优化公交线路15条 | 市交通运输局 | 市公交集团 | 2026年6月底前 |
"""

TRAILING_BARS = """东浦区2026年为民办实事工作方案
索引号: | 0031-2026-00007 | 公开方式: | 主动公开 |
发布单位 | 东浦区人民政府办公室 | 发文日期 | 2026-02-11 |
东浦区2026年为民办实事工作方案
为办好今年民生实事，制定本方案。
序号 | 实事项目 | 工作举措 | 责任单位 | 配合单位 | 时间节点 |
1 | 口袋公园建设 | 新建口袋公园8个 | 区园林局 | 区住建局、各街道办事处 | 2026年11月底前 |
2 | 放心早餐工程 | 新增早餐网点30个 | 区商务局 | 区市场监管局 | 2026年8月底前 |
以上实事由区政府督查室跟踪督办。
"""


def _record(text: str):
    return parse_text(text, "plan", "plan.txt", 160)


def _task(record, key: str):
    hits = [t for t in record.tasks if key in t.text]
    assert len(hits) == 1, [t.text for t in record.tasks]
    duty = hits[0].responsibility
    return duty.lead_units, duty.co_units, hits[0].deadline


def test_header_below_page_rows_and_units_column_beside_co_column_leads():
    record = _record(CHROME_ROWS)
    assert len(record.tasks) == 2  # the 索引号 / 发布单位 / 名称 rows are no tasks
    assert _task(record, "社区食堂") == (["市民政局"], ["市财政局", "市市场监管局"], "2026年10月底前")
    assert _task(record, "公交线路") == (["市交通运输局"], ["市公交集团"], "2026年6月底前")


def test_rows_with_a_trailing_bar_only_from_their_header_row():
    record = _record(TRAILING_BARS)
    assert len(record.tasks) == 2
    assert _task(record, "口袋公园") == (["区园林局"], ["区住建局", "各街道办事处"], "2026年11月底前")
    assert _task(record, "早餐网点") == (["区商务局"], ["区市场监管局"], "2026年8月底前")
    assert "以上实事由区政府督查室跟踪督办。" in record.text  # the text after the table stays text


@pytest.mark.parametrize(
    ("key", "lead", "co", "deadline"),
    [
        ("清水河城区段", [], ["县水利局", "县住建局", "县河道整治指挥部"], "12月底前"),
        ("过街天桥", ["县住建局"], [], "9月投入使用"),
        ("残疾人康复服务中心", ["县残联"], [], "5月底前动工"),
        ("县颐养中心", ["县民政局"], [], "5月底前动工"),
        ("老年大学新校区", ["县民政局"], [], "12月底前"),  # an unnumbered sub-row under the same number
        ("农贸市场", [], ["县商务局", "县城投公司"], "12月底前"),
    ],
)
def test_table_written_one_cell_per_line(key, lead, co, deadline):
    assert _task(_record(CELL_PER_LINE), key) == (lead, co, deadline)


def test_one_cell_per_line_ends_with_its_last_row():
    record = _record(CELL_PER_LINE)
    assert len(record.tasks) == 6
    lines = rows_from_text_tables(CELL_PER_LINE).split("\n")
    assert lines[-3:-1] == ["桐溪县人民政府办公室", "分享到："]  # the page text after it stays text


@pytest.mark.parametrize(
    ("key", "lead"),
    [
        ("地区生产总值增长6.5%", ["发改委"]),
        ("规模以上工业增加值增长8%", ["经信委", "统计局"]),  # 牵头责任单位 with several units: all lead
        ("研发平台5个。加快科技成果转化", ["科技局", "经信委"]),
        ("改造老旧小区12个", ["住建委"]),
    ],
)
def test_table_written_one_row_per_line(key, lead):
    assert _task(_record(ROW_PER_LINE), key) == (lead, [], "")


def test_one_row_per_line_keeps_section_rows_inside_and_text_after_outside():
    rows = rows_from_text_tables(ROW_PER_LINE).split("\n")
    assert "| 二、重点工作任务分解(2项) |" in rows
    assert rows[-2] == "以上任务请各单位认真落实。"
    assert len(_record(ROW_PER_LINE).tasks) == 4


def test_one_row_per_line_with_half_width_sentence_ends():
    """A page copy keeps half-width punctuation: ``…比重47.5%. 发改委`` ends its task at the ``.``, not in ``47.5``."""
    text = ROW_PER_LINE.replace("6.5%左右。", "6.5%左右,服务业增加值占比47.5%.").replace("8%。", "8%.")
    assert _task(_record(text), "服务业增加值占比47.5%") == (["发改委"], [], "")
    assert _task(_record(text), "规模以上工业增加值增长8%") == (["经信委", "统计局"], [], "")


def test_lines_that_only_look_like_a_table_stay_text():
    text = "序号\n说明\n备注\n1\n本表由各单位填报。\n"
    assert rows_from_text_tables(text) == text
    flat = "序号 名称 工作任务 牵头责任单位\n1 地区生产总值增长6.5%左右。 请各单位认真落实\n"
    assert rows_from_text_tables(flat) == flat


def test_the_ledger_dates_a_deadline_column():
    record = _record(CELL_PER_LINE)
    year = plan_year(record.title, record.number, record.date)
    assert year == 2026
    assert [d.date for d in due_dates("5月底前动工", year)] == ["2026-05-31"]
    assert [d.date for d in due_dates("9月投入使用", year)] == ["2026-09-30"]
    deadlines = {t.deadline for t in record.tasks}
    assert all(due_dates(d, year)[0].status == "dated" for d in deadlines)


def test_what_a_unit_does_asked_as_how_many_things():
    from policykb.bot.question import classify
    from policykb.kb.units import UnitDirectory

    units = UnitDirectory(["县民政局", "县住建局"])
    assert classify("县民政局负责哪几件事？", units).kind == "unit_tasks"
    assert classify("县住建局牵头哪几件民生实事？", units).kind == "unit_tasks"
