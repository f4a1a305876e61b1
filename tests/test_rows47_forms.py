"""Responsibility forms and follow-ups of a probe of real county and township pages (session 47), on invented plans.

- ``由甲办牵头，乙办、某中学、丙所密切配合`` : an adverb before 配合 keeps the co list, and a list right after a lead
  clause is read as units even when one name (a school) is no unit word;
- ``甲整治由乙负责，丙整治以丁所、戊办为主，己部门配合`` : a clause whose subject is a work gives the units after
  由/以 (以…为主 leads), each work its own task, and the work is never read as a unit's name;
- ``职责如下：县甲局。负责…。县乙局、某段。负责…`` : a unit's name run into the text as a sentence of its own owns
  the duties after it; several named together share them;
- ``这个通知是哪年发的？`` after any turn about one plan asks that plan's date (这个方案/这份通知/本方案 point at it,
  and bare 发 after a file's name asks when it came out).
"""

from __future__ import annotations

import pytest

from policykb.bot.answer import Answer, Source
from policykb.bot.dialog import PlanNames, Resolver, Turn
from policykb.bot.question import QuestionKind, classify
from policykb.ingest.parser import parse_text
from policykb.ingest.unit_names import is_org
from policykb.kb.duties import roles
from policykb.kb.units import UnitDirectory


def _tasks(plan: str) -> list:
    return parse_text(plan, "hetian", "hetian.txt", 400).tasks


def _roles_of(plan: str, key: str) -> tuple[list[str], list[str]]:
    task = next(t for t in _tasks(plan) if key in t.text)
    return roles(task.responsibility)


SCHOOL_AREA = """禾田镇校园周边整治方案
按照县里部署,由镇甲办牵头,镇乙办、禾田中学、镇丙所、镇文化站密切配合,4至5月集中开展校园周边整治。
一、任务分工
1、全面排查隐患,建立台账。门前秩序整治由学校负责,摊点整治以镇城管中队、镇丙所为主,镇市场监管所配合。占道经营清理以镇执法队负责。
2、加强宣传引导。
"""


def test_co_units_closely_cooperating_after_a_lead():
    lead, co = _roles_of(SCHOOL_AREA, "集中开展校园周边整治")
    assert lead == ["镇甲办"]
    assert {"镇乙办", "禾田中学", "镇丙所", "镇文化站"} <= set(co)


def test_a_work_led_as_main_by_units_after_yi():
    assert _roles_of(SCHOOL_AREA, "摊点整治以") == (["镇城管中队", "镇丙所"], ["镇市场监管所"])
    lead, co = _roles_of(SCHOOL_AREA, "占道经营清理")
    assert lead == ["镇执法队"] and co == []


def test_a_work_is_never_read_as_a_unit():
    names = [u for t in _tasks(SCHOOL_AREA) for u in (*roles(t.responsibility)[0], *roles(t.responsibility)[1])]
    assert not any("由" in name for name in names), names


DUTIES_RUN_ON = """桐溪县秸秆禁烧工作方案
三、分工 领导小组下设办公室,成员单位职责如下:县生态环境分局。负责禁烧工作的执法检查,\
承担办公室日常事务。县交通局、公路中心。负责国省道沿线火点巡查。县农机局。负责收割机手的技术培训。
"""


def test_a_unit_named_as_a_sentence_of_its_own_owns_the_duties_after_it():
    assert _roles_of(DUTIES_RUN_ON, "执法检查") == (["县生态环境分局"], [])
    assert _roles_of(DUTIES_RUN_ON, "收割机手") == (["县农机局"], [])
    assert _roles_of(DUTIES_RUN_ON, "火点巡查") == ([], ["县交通局", "公路中心"])


NOTICE = "禾田县人民政府办公室关于建立禾田县课后服务工作协调机制的通知"
STRAW = "桐溪县秸秆禁烧工作方案"


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    titles = {"a": NOTICE, "b": STRAW}
    places = {"a": "禾田县", "b": "桐溪县"}
    return Resolver(PlanNames(UnitDirectory(["县教育局"]), [], [], titles, places))


def _answered(question: str, doc_id: str) -> Turn:
    source = Source(document=doc_id, doc_id=doc_id, section="一、主要职能", text="……", score=1.0, cited=True)
    return Turn(question, Answer(question=question, answer="……", answerable=True, kind="fact", sources=[source]))


@pytest.mark.parametrize("asked", ["这个通知是哪年发的？", "这份通知是什么时候印发的？", "本方案是哪天发的？"])
def test_this_plan_after_a_turn_is_the_plan_that_answered(resolver: Resolver, asked: str):
    turns = [_answered("禾田县课后服务工作协调机制的办公室设在哪里？", "a")]
    read = resolver.resolve(asked, turns).text
    assert NOTICE in read, read
    assert classify(read, UnitDirectory([])).kind == QuestionKind.DOCUMENT


def test_a_pointer_to_the_plan_in_a_question_of_its_tasks_is_left_alone(resolver: Resolver):
    turns = [_answered("桐溪县秸秆禁烧的禁烧时间是什么时候？", "b")]
    assert resolver.resolve("这个方案里县农机局负责什么？", turns).text == "这个方案里县农机局负责什么？"


def test_bare_fa_asks_when_a_file_came_out_not_when_money_is_paid():
    assert classify("这个通知是哪年发的？", UnitDirectory([])).kind == QuestionKind.DOCUMENT
    assert classify("秸秆还田补贴什么时候发的？", UnitDirectory([])).kind != QuestionKind.DOCUMENT


def test_a_name_holding_you_inside_is_a_work_and_its_unit_not_a_unit():
    assert not is_org("门前秩序整治由学校")
    assert is_org("桐溪自由贸易试验区管委会") and is_org("县甲局")


def test_what_a_unit_does_asked_with_sha():
    units = UnitDirectory(["县农机局"])
    assert classify("县农机局负责啥？", units).kind == QuestionKind.UNIT_TASKS
    assert classify("县农机局负责什么？", units).kind == QuestionKind.UNIT_TASKS
