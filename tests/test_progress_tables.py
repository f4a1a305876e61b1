"""A progress report's table one cell a line, and the figures of table rows (docs/eleventh-set-forms.md), in
invented plans of invented places."""

from __future__ import annotations

import pytest

from policykb.bot.dialog.names import _generic
from policykb.ingest.parser import parse_text
from policykb.ingest.targets import extract_targets

# A page's copy of a progress report: each cell a line, a column name's period wrapped onto a line of its own, a
# category above the only row, and the copy holding that one row.
ONE_ROW = """项目
名称
内容
牵头单位
进展情况
(6月)
进展情况
(9月)
进展情况
(12月)
托育服务项目
新建8家社区托育服务站,实施困难家庭托育补贴420户。
区卫健局
已建成3家社区托育服务站。
已建成8家社区托育服务站
已发放补贴450户,超额完成。
"""

PLAN_WORDS = """南岭省水污染防治行动计划实施方案
南岭省人民政府
一、主要目标
到2025年，全省地表水优良比例达到85%，城市黑臭水体基本消除。
二、主要任务
（一）推进污水处理。新建污水处理厂12座，改造配套管网300公里。
"""


def test_a_one_row_progress_table_one_cell_a_line_names_its_lead():
    record = parse_text(ONE_ROW, "report", "report.txt", 160)
    [task] = record.tasks
    assert task.text.startswith("新建8家社区托育服务站")
    assert task.responsibility.lead_units == ["区卫健局"]
    assert "450户" not in task.text and "托育服务项目" not in task.text  # progress and category are no part of it


def test_short_lines_with_no_unit_line_after_them_stay_text():
    text = "项目\n名称\n内容\n牵头单位\n说明如下。\n"
    assert parse_text(text, "plain", "plain.txt", 160).tasks == []


def test_a_cell_that_ends_a_sentence_inside_a_row_gives_its_figure_without_the_row():
    text = "| 序号 | 任务 | 牵头单位 |\n| 1 | 新增托位300个。改造园所4所。 | 县教育局 |\n"
    targets = extract_targets(text, "plan", [])
    assert [(t.value, t.unit) for t in targets] == [("300", "个"), ("4", "所")]
    assert not any("|" in t.clause or "|" in t.sentence for t in targets)


@pytest.mark.parametrize("stretch", ["计划实施", "实施方案", "行动计划", "方案实施"])
def test_words_of_a_documents_kind_name_no_plan(stretch):
    assert _generic(stretch)


@pytest.mark.parametrize("stretch", ["水污染防治", "托育服务"])
def test_a_titles_own_words_name_it(stretch):
    assert not _generic(stretch)


@pytest.fixture(scope="module")
def progress_shelf(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    plans = {"report.txt": ONE_ROW, "water.txt": PLAN_WORDS}
    return e5_shelf(tmp_path_factory.mktemp("progress-shelf"), e5, plans)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "keys"),
    [
        ("新建社区托育服务站由哪个单位牵头？", ["区卫健局"]),
        # 计划 the verb, not the 行动计划实施方案 of another plan's title
        ("困难家庭托育补贴计划实施多少户？", ["420户"]),
    ],
)
def test_progress_table_questions(progress_shelf, question, keys):
    answer = progress_shelf.ask(question)
    assert answer.answerable and all(k in answer.answer for k in keys), answer.answer


@pytest.mark.slow
def test_co_units_of_a_progress_row_only_led_are_refused_with_its_lead(progress_shelf):
    answer = progress_shelf.ask("新建社区托育服务站的配合单位有哪些？")
    assert answer.answer.startswith("方案中未找到") and "区卫健局" in answer.answer
