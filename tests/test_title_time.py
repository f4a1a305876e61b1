"""A period or year a question names a plan by (``…“十五五”规划中，…``) picks the plan, it asks no time: a sentence of
that plan with no year of its own answers, when none of the period does."""

from __future__ import annotations

import pytest

from policykb.bot.fiveyear import without_title_time

TITLE = "【北江】青柳县水土保持“十五五”规划"
PLAN = f"""\
{TITLE}
一、基本情况
（一）自然概况
青柳县处在北江省东南角，全县陆域面积1263.47km2,近岸滩涂2811km2,沿岸线长约186.32km。
二、规划目标
到2030年，全县水土保持率达到93%，新增治理水土流失面积120平方公里。
"""


def test_a_time_naming_the_plan_is_dropped():
    assert without_title_time("青柳县水土保持“十五五”规划中，全县陆域面积是多少？", [TITLE]) == (
        "青柳县水土保持规划中，全县陆域面积是多少？"
    )
    assert without_title_time("“十五五”期间水土保持率要达到多少？", [TITLE]) == "“十五五”期间水土保持率要达到多少？"
    assert without_title_time("到2030年规划建设多少？", ["甲市2030年规划"]) == "到2030年规划建设多少？"
    assert without_title_time("2031年计划新建多少个？", ["甲市2031年计划"]) == "2031年计划新建多少个？"
    assert without_title_time("“十四五”规划中陆域面积是多少？", [TITLE]) == "“十四五”规划中陆域面积是多少？"


@pytest.fixture(scope="module")
def shelf(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    return e5_shelf(tmp_path_factory.mktemp("title-time"), e5, {"qingliu-soil.txt": PLAN})


def test_a_sentence_of_no_year_answers_a_question_naming_the_plan_by_its_period(shelf):
    answer = shelf.ask("青柳县水土保持“十五五”规划中，青柳全县陆域面积是多少？")
    assert answer.answerable and "1263.47km2" in answer.answer


def test_the_period_still_picks_its_figure(shelf):
    answer = shelf.ask("青柳县水土保持“十五五”规划中，水土保持率要达到多少？")
    assert answer.answerable and "93%" in answer.answer


def test_what_the_plan_does_not_say_stays_refused(shelf):
    answer = shelf.ask("青柳县水土保持“十五五”规划中，全县森林覆盖率是多少？")
    assert not answer.answerable
