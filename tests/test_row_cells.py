"""Cells of real task-division tables the readers used to misplace, each on invented text (issue 23).

A project cell whose numbered parts stand in a column of their own under the same header cell (``项目名称`` over
``(一)甲工程 | 1.乙路``); a co-operating units' cell written one name a line (``甲局；东浦园(桐溪镇)；各街道``), names
with no unit's ending included; a PDF cell whose number the typesetter moved whole to the next line
(``…零售额增长`` / ``6%。``).
"""

from __future__ import annotations

import pytest

from policykb.eval.duties import score_row
from policykb.ingest.grid import cell_text
from policykb.ingest.layout import Line
from policykb.ingest.parser import parse_text
from policykb.ingest.tasktable import names_listed


def _record(text: str):
    return parse_text(text, "plan", "plan.txt", 160)


def _row(text: str, key: str, lead: list[str], co: list[str]):
    return score_row("plan", {"key": key, "lead": lead, "co": co, "deadline": ""}, _record(text).tasks)


PROJECT_PARTS = """东浦区2026年区政府民生实事项目进度表
序号 |
牵头单位 |
项目数量 |
项目名称 |
业主单位 |
本月进展情况 |
||
前期手续 |
在建形象进度 |
||||||
一 |
区住建局 |
区政府民生实事项目(1个) |
(一)青禾片区道路畅通工程(3条路) |
1.桐溪北路 |
区城投 |
已完工 |
|
2.东浦大道 |
区城管局 |
已完工 |
|||||
3.青禾路东延工程 |
桐溪街道 |
已开工 |
|||||
二 |
区城管局 |
区政府民生实事项目(2个) |
(一)背街小巷整治项目 |
区城管局 |
已完工 |
||
(二)公厕提升项目 |
区城管局 区水投 |
已完工 |
|||||
"""


@pytest.mark.parametrize(
    ("key", "lead", "co"),
    [
        ("桐溪北路", ["区住建局"], []),
        ("东浦大道", ["区住建局"], ["区城管局"]),
        ("青禾路东延工程", ["区住建局"], ["桐溪街道"]),
        ("背街小巷整治项目", ["区城管局"], []),
        ("公厕提升项目", ["区城管局"], []),
    ],
)
def test_numbered_parts_of_a_project_under_the_project_header_are_rows_of_the_group_lead(key, lead, co):
    outcome = _row(PROJECT_PARTS, key, lead, co)
    assert outcome.right, outcome.reason


def test_a_project_part_is_the_title_of_its_row():
    titles = [t.title for t in _record(PROJECT_PARTS).tasks]
    assert "2.东浦大道" in titles
    assert not any(t.responsibility.lead_units == ["区城投"] for t in _record(PROJECT_PARTS).tasks)


CO_LINES = """东浦区2026年重大民生实事项目责任分解表
| 序号 | 项目名称 | 主要内容 | 区政府分管领导 | 牵头单位 | 配合单位 |
| 1 | 扩充学前教育资源 | 新建幼儿园3所,增加学位900个。 | 张华 | 教育局 | 经开区；东浦园(桐溪镇)；各街道；区城投公司 |
| 2 | 稳定就业 | 城镇新增就业8000人。 | 张华 | 人社局 | 东浦园(桐溪镇)；各街道 |
| 3 | 老街更新 | 完成青禾老街立面整治。 | 李强 | 住建局 | 青禾街道；东浦街道 |
| 4 | 助餐服务 | 新建社区助餐点20个。 | 王芳 | 民政局 | 区财政局；各街道负责落实 |
"""


@pytest.mark.parametrize(
    ("key", "lead", "co"),
    [
        ("扩充学前教育资源", ["教育局"], ["经开区", "东浦园(桐溪镇)", "区城投公司"]),
        ("稳定就业", ["人社局"], ["东浦园(桐溪镇)"]),
        ("老街更新", ["住建局"], ["青禾街道", "东浦街道"]),
    ],
)
def test_a_co_cell_one_name_a_line_keeps_every_name_as_co(key, lead, co):
    outcome = _row(CO_LINES, key, lead, co)
    assert outcome.right, outcome.reason


def test_a_co_cell_with_a_line_that_is_no_bare_name_is_read_as_before():
    assert names_listed("区财政局；各街道负责落实") == "区财政局；各街道负责落实"
    assert names_listed("区财政局；2026年底前") == "区财政局；2026年底前"
    assert names_listed("经开区；东浦园(桐溪镇)") == "经开区、东浦园(桐溪镇)"
    task = next(t for t in _record(CO_LINES).tasks if "助餐" in t.text)
    assert task.responsibility.lead_units == ["民政局"]
    assert "各街道负责落实" not in task.responsibility.co_units


def _line(text: str, x0: float, x1: float, top: float) -> Line:
    return Line(text=text, x0=x0, x1=x1, top=top, bottom=top + 10.5)


def test_a_number_moved_whole_to_the_next_line_of_a_pdf_cell_wraps():
    lines = [_line("城乡居民人均收入增长", 234.0, 349.5, 100.0), _line("6%。", 234.0, 260.0, 112.0)]
    assert cell_text(lines, 372.6) == "城乡居民人均收入增长6%。"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("城乡居民人均收入增长。", "6%。"),  # the line ends its sentence
        ("甲项工程", "2.乙项工程"),  # an item's number opens the next line
        ("区财政局", "区税务局"),  # no number: one unit a line
    ],
)
def test_a_short_line_before_an_item_or_after_a_sentence_stays_apart(first, second):
    lines = [_line(first, 234.0, 349.5, 100.0), _line(second, 234.0, 290.0, 112.0)]
    assert cell_text(lines, 372.6) == f"{first}\n{second}"


def test_a_line_far_short_of_the_edge_before_a_number_stays_apart():
    lines = [_line("收入增长", 234.0, 280.0, 100.0), _line("6%。", 234.0, 260.0, 112.0)]
    assert cell_text(lines, 372.6) == "收入增长\n6%。"
