"""Responsibility forms of a probe of real task-division pages (session 42, kept outside the repository) and of
the seventeenth set's tune half, on invented plans: a one-cell-a-paragraph table whose first column is a category
merged over its rows (``分类`` / ``序号`` / ``事项`` / ``责任单位`` / ``牵头单位``), the category written once on a
line of its own before its first row; a padded one-cell-a-line table whose rows lost cells merged over them
mid-row, with an item lead column (``分项牵头单位``) beside the group's (``总牵头单位``)."""

from __future__ import annotations

import pytest

from policykb.eval.duties import score_row
from policykb.ingest.parser import parse_text
from policykb.kb.duties import roles

CATEGORY_TABLE = """2026年青禾区政府工作报告重点工作责任分解第一季度进展情况
发布时间: 2026-04-10 09:00:12

2026年青禾区政府工作报告重点工作责任分解

分类

序号

事项

责任单位

牵头单位

发展目标

1

地区生产总值增长6%左右。

区农业农村局、区经信局、区发改局、区商务局

区发改局

2

区本级固定资产投资增长20%。

区发改局

区发改局

3

区本级规上工业增加值增长9%。

区经信局、青禾经开区管委会

区经信局

4

城镇登记失业率控制在3.5%以内。

区人力社保局

区人力社保局

优化营商环境

5

推行涉企事项“一次办”,拓展“一网通办”覆盖面。

区政务服务中心、区改革办

区政务服务中心

6

开展信用修复专项行动,建成信用信息平台。

区发改局、区市场监管局
"""


def _row(text: str, key: str, lead: list[str], co: list[str]):
    tasks = parse_text(text, "plan", "plan.txt", 160).tasks
    return score_row("plan", {"key": key, "lead": lead, "co": co, "deadline": ""}, tasks)


def test_a_lead_named_in_both_unit_columns_is_no_co_unit():
    tasks = parse_text(CATEGORY_TABLE, "plan", "plan.txt", 160).tasks
    task = next(t for t in tasks if "固定资产投资增长20%" in t.text)
    assert roles(task.responsibility) == (["区发改局"], [])


MERGED_BAR_TABLE = """青禾市城乡环境整治工作任务分解表
序 号 |
工作 任务 |
主要工作内容 |
完成时间 |
总牵头 单位 |
分项 牵头单位 |
参与单位 |
责任单位 |
1 |
环 境 提 升 行 动 |
到2027年底,全市主要街道实现洁化全覆盖。 |
2027年 |
市 城 管 局 |
市城管局 |
市环境整治工作领导小组成员单位 |
各县(区)政府、 青禾新区管委会 |
2 |
开展沿街店招店牌规范整治,清理违规广告设施。 |
2026年 |
市住建局 |
市市场监管局、市交通局、青禾城投集团 |
各县(区)政府、 青禾新区管委会 |
||
3 |
开展农贸市场环境提升改造试点。 |
2026年 |
市商务局 |
市市场监管局、市供销社 |
各县(区)政府、 青禾新区管委会 |
||
序 号 |
工作 任务 |
"""


@pytest.mark.parametrize(
    ("text", "key", "lead", "co"),
    [
        (CATEGORY_TABLE, "地区生产总值增长6%左右", ["区发改局"], ["区农业农村局", "区经信局", "区商务局"]),
        (CATEGORY_TABLE, "区本级固定资产投资增长20%", ["区发改局"], []),
        (CATEGORY_TABLE, "区本级规上工业增加值增长9%", ["区经信局"], []),
        (CATEGORY_TABLE, "城镇登记失业率控制在3.5%以内", ["区人力社保局"], []),
        (CATEGORY_TABLE, "推行涉企事项“一次办”", ["区政务服务中心"], ["区改革办"]),
        (MERGED_BAR_TABLE, "全市主要街道实现洁化全覆盖", ["市城管局"], []),
        (MERGED_BAR_TABLE, "开展沿街店招店牌规范整治", ["市住建局"], ["市市场监管局", "市交通局", "青禾城投集团"]),
        (MERGED_BAR_TABLE, "开展农贸市场环境提升改造试点", ["市商务局"], ["市市场监管局", "市供销社"]),
    ],
)
def test_every_row_of_a_category_table_and_of_a_padded_table_with_merged_cells(text, key, lead, co):
    """A category column written once before its rows; a padded row that lost cells merged over it mid-row."""
    outcome = _row(text, key, lead, co)
    assert outcome.found and outcome.right, outcome.reason


def test_the_item_lead_column_leads_and_the_group_lead_column_names_nobody():
    tasks = parse_text(MERGED_BAR_TABLE, "plan", "plan.txt", 160).tasks
    task = next(t for t in tasks if "店招店牌" in t.text)
    lead, co = roles(task.responsibility)
    assert lead == ["市住建局"] and "市城管局" not in co
    assert task.deadline == "2026年"


def test_a_padded_row_whose_cells_stand_under_their_kinds_keeps_its_empty_last_cells():
    from policykb.ingest.tables import rows_from_cell_lines

    text = "序号 |\n重点任务 |\n牵头单位 |\n完成时限 |\n1 |\n甲任务 |\n市甲局 |\n2026年 |\n2 |\n乙任务 |\n市乙局 |\n|\n"
    assert "| 2 | 乙任务 | 市乙局 |" in rows_from_cell_lines(text)
