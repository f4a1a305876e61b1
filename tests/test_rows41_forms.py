"""A target-responsibility table copied one cell a line, found on the tune half of a new set of real plans and
written here on invented text: the header ``领域`` / ``主要目标`` / ``主要责任单位`` / ``责任单位``, then each row's
target lines and its units one a line, the first under the main column (the lead), the rest under the other."""

from __future__ import annotations

from policykb.eval.duties import score_row
from policykb.ingest.parser import parse_text
from policykb.ingest.tasktable import column_roles, units_leading
from policykb.ingest.texttables import rows_from_text_tables

TABLE = "\n\n".join(
    [
        "青禾市儿童发展规划目标责任分解表",
        "领域",
        "主要目标",
        "主要责任单位",
        "责任单位",
        "1.儿童享有更高水平的基本医疗卫生服务。",
        " ",
        "——到2030年,儿童常见病筛查率达到85%以上。",
        "——建立儿童健康档案,建档率达到95%。",
        "市卫健委",
        "市发改委",
        "市财政局",
        "市计生协",
        "2.提高儿童体质健康水平。",
        "——中小学生体质健康达标率达到92%以上。",
        "市教育局",
        "市体育局",
        "市团委",
        "3.加强儿童心理健康服务。",
        "市卫健委",
        "附件2",
    ]
)


def _row(key: str, lead: list[str], co: list[str]):
    return score_row("plan", {"key": key, "lead": lead, "co": co}, parse_text(TABLE, "plan", "plan.txt", 160).tasks)


def test_a_main_unit_column_beside_another_names_the_leads():
    header = ["领域", "主要目标", "主要责任单位", "责任单位"]
    assert units_leading(column_roles(header), header) == ["", "task", "lead", "co"]
    plain = ["主要任务", "责任单位", "责任单位"]  # neither is the main one: both stay plain unit columns
    assert units_leading(column_roles(plain), plain) == ["task", "units", "units"]


def test_a_table_one_cell_a_line_with_its_units_one_a_line():
    rows = [line for line in rows_from_text_tables(TABLE).split("\n") if line.startswith("|")]
    assert len(rows) == 4  # the header and three rows; 附件2 stays text
    assert "| 市卫健委 | 市发改委、市财政局、市计生协 |" in rows[1]  # 市计生协: a short name inside the run
    assert rows[3].endswith("| 市卫健委 |  |")
    assert _row("儿童常见病筛查率达到85%以上", ["市卫健委"], ["市发改委", "市财政局", "市计生协"]).right
    assert _row("中小学生体质健康达标率", ["市教育局"], ["市体育局", "市团委"]).right
