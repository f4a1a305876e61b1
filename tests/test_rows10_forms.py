"""Forms of real task-division pages from a tenth row set, each on invented text (issue 23).

A task table a page copied one row a line with its cells joined by spaces, several unit columns at its end
(``序号 类别 主要任务 细化措施 牵头单位 参与单位 责任单位``): normalising takes the spaces between Chinese characters
out, so the table is written as row lines from the text as read.
"""

from __future__ import annotations

import pytest

from policykb.eval.duties import score_row
from policykb.ingest.parser import parse_text
from policykb.ingest.tables import parse_row
from policykb.ingest.texttables import rows_from_spaced_tables
from policykb.kb.duties import is_local_group


def _record(text: str):
    return parse_text(text, "plan", "plan.txt", 160)


def _row(text: str, key: str, lead: list[str], co: list[str], deadline: str = ""):
    return score_row("plan", {"key": key, "lead": lead, "co": co, "deadline": deadline}, _record(text).tasks)


LOCAL = "各区（县）人民政府，东浦园区管委会"
SPACED = "\n".join(
    [
        "青禾市全面推行湖长制主要任务分解表",
        "序号 类别 主要任务 细化措施 牵头单位 参与单位 责任单位",
        "1 加强湖泊 保护 严守湖泊岸线 管控红线 开展湖泊岸线划界确权，清理违法占用岸线项目。"
        f"到2027年，全市湖泊岸线划界完成率达到100%。 市水务局 市自然资源局、市生态环境局、市农业农村局等 {LOCAL}",
        "2  严守水质 达标红线 落实入湖排污口排查整治，建立一口一档管理台账。 "
        f"市生态环境局 市水务局、市住建局等 {LOCAL}",
        "3   推进湖区农业面源治理。推广测土配方施肥，减少化肥农药使用量。 市农业农村局、市水务局 市供销社等 "
        + LOCAL[:-5],  # the page's copy stops inside the last name
        "",
    ]
)


@pytest.mark.parametrize(
    ("key", "lead", "co"),
    [
        ("开展湖泊岸线划界确权", ["市水务局"], ["市自然资源局", "市生态环境局", "市农业农村局"]),
        ("落实入湖排污口排查整治", ["市生态环境局"], ["市水务局", "市住建局"]),
        ("推广测土配方施肥", ["市农业农村局", "市水务局"], ["市供销社"]),
    ],
)
def test_a_spaced_row_reads_its_lead_and_co_columns_from_the_right(key, lead, co):
    outcome = _row(SPACED, key, lead, co)
    assert outcome.right, outcome.reason


def test_the_local_column_of_a_spaced_row_leads_nothing_and_reads_as_local_groups():
    task = next(t for t in _record(SPACED).tasks if "排查整治" in t.text)
    assert task.responsibility.lead_units == ["市生态环境局"]
    others = [u for u in task.responsibility.co_units if u not in ("市水务局", "市住建局")]
    assert others and all(is_local_group(u) for u in others)


def test_a_spaced_row_keeps_its_cells_in_the_header_columns():
    rows = [parse_row(line) for line in rows_from_spaced_tables(SPACED).splitlines()]
    header, first = rows[1], rows[2]
    assert header == ["序号", "类别", "主要任务", "细化措施", "牵头单位", "参与单位", "责任单位"]
    assert first[0] == "1" and first[4:6] == ["市水务局", "市自然资源局、市生态环境局、市农业农村局等"]
    assert "开展湖泊岸线划界确权" in first[3]


DEADLINES = """东浦县2026年稻田综合种养推进任务清单
序号 重点任务 牵头单位 配合单位 完成时限
1 新建稻渔综合种养示范基地5个，每个面积不少于500亩。 县农业农村局 县财政局、县水利局 2026年10月底前
2 开展稻渔产品品牌培育，组织参加农产品展销活动。 县商务局 县农业农村局 2026年12月底前
"""


def test_a_spaced_row_reads_its_deadline_column():
    outcome = _row(DEADLINES, "新建稻渔综合种养示范基地", ["县农业农村局"], ["县财政局", "县水利局"], "2026年10月底前")
    assert outcome.right, outcome.reason
    assert outcome.deadline_right


@pytest.mark.parametrize(
    "text",
    [
        "序号 姓名 职务 联系电话\n1 张三 科长 12345678\n",  # no unit column
        "序号 工作任务 责任单位\n1 完善制度。 甲局\n",  # one unit column: read after normalising (row-forms.md)
        "序号 重点任务 牵头单位 配合单位\n1 新建示范基地 县农业农村局 县财政局\n",  # no sentence: not read as a row
        "序号 重点任务 牵头单位 配合单位\n1 新建示范基地5个。 今年 完成\n",  # trailing pieces are no units
    ],
)
def test_lines_that_are_no_spaced_task_table_stay_as_they_are(text):
    assert rows_from_spaced_tables(text) == text


def test_a_spaced_table_ends_at_the_first_line_that_is_no_row():
    text = SPACED + "二、工作要求\n各地要加强组织领导。\n"
    lines = rows_from_spaced_tables(text).splitlines()
    assert lines[-2:] == ["二、工作要求", "各地要加强组织领导。"]
    assert sum(parse_row(line) is not None for line in lines) == 4
