"""Forms of the eleventh set's tune plans (docs/eleventh-set-forms.md): a progress report's table one cell a line,
the figures of table rows, 计划 the verb, a verb jieba cuts across its 到; in invented plans of invented places."""

from __future__ import annotations

import pytest

from policykb.bot.answers.period import PERIOD, _cell_of
from policykb.bot.dialog.names import _generic
from policykb.bot.evidence import _rejoined
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

SUBMITTED = """柳岸县2025年重点工作责任分解方案
一、抓好落实。牵头单位要会同配合单位制定细化方案,列明目标和时限。各牵头单位于3月10日前将细化方案报送至县政府督查室。
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


@pytest.mark.parametrize(
    ("period", "cell"), [("12月", "已发放补贴450户,超额完成。"), ("6月", "已建成3家社区托育服务站。")]
)
def test_a_period_named_finds_the_cell_under_its_column(period, cell):
    record = parse_text(ONE_ROW, "report", "report.txt", 160)
    assert _cell_of(record, record.tasks[0], period) == (f"进展情况({period})", cell)
    assert _cell_of(record, record.tasks[0], "3月") is None  # no column of that period


@pytest.mark.parametrize(("question", "period"), [("到12月发放了多少户？", "12月"), ("三季度完成多少？", "三季度")])
def test_a_question_names_a_period(question, period):
    assert [m.group("period") for m in PERIOD.finditer(question)] == [period]


def test_a_date_or_a_deadline_year_names_no_period():
    assert PERIOD.search("2024年12月发文") is None and PERIOD.search("到2025年底完成") is None


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


def test_a_verb_cut_across_its_resultative_is_put_back_when_the_plans_use_it():
    question = "细化方案要报送到哪里？"
    assert _rejoined(["细化", "报", "送到"], question, {"细化": 3, "报送": 2}) == ["细化", "报送"]
    assert _rejoined(["细化", "报", "送到"], question, {"细化": 3}) == ["细化", "报", "送到"]  # the plans say no 报送


@pytest.fixture(scope="module")
def progress_shelf(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    plans = {"report.txt": ONE_ROW, "water.txt": PLAN_WORDS, "notice.txt": SUBMITTED}
    return e5_shelf(tmp_path_factory.mktemp("progress-shelf"), e5, plans)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "keys"),
    [
        ("新建社区托育服务站由哪个单位牵头？", ["区卫健局"]),
        # 计划 the verb, not the 行动计划实施方案 of another plan's title
        ("困难家庭托育补贴计划实施多少户？", ["420户"]),
        # 报送到 (jieba: 报 / 送到) asks where the plan's 报送至 sends it
        ("柳岸县各牵头单位的细化方案要报送到哪里？", ["县政府督查室"]),
        # a progress column's period: its cell, not the task's own figure
        ("到12月困难家庭托育补贴发放了多少户？", ["450户"]),
    ],
)
def test_progress_table_questions(progress_shelf, question, keys):
    answer = progress_shelf.ask(question)
    assert answer.answerable and all(k in answer.answer for k in keys), answer.answer


@pytest.mark.slow
def test_co_units_of_a_progress_row_only_led_are_refused_with_its_lead(progress_shelf):
    answer = progress_shelf.ask("新建社区托育服务站的配合单位有哪些？")
    assert answer.answer.startswith("方案中未找到") and "区卫健局" in answer.answer
