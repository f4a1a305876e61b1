"""Responsibility forms of a probe of real county and district pages (session 48), on invented plans.

- ``（三）整治时限：…`` / ``（四）责任单位：各乡镇。`` / ``（五）配合单位：县甲局、县乙局。``: items that are only
  labels give the work of the item they stand under its units and its time;
- ``区甲委要建立台账制度，…`` in a notice: a body's duty stated with 要 is its task (never ``区级部门要…`` nor a
  local government), and a co-operating group keeps no ``要`` in its name;
- ``第六条县甲组负责…，县乙局负责…``: an article's number before the subject, and two subjects in one sentence
  each with its own task;
- ``此次排查由县丙局统一牵头，各村积极配合``: 统一 before 牵头;
- ``…一共安排了多少项惠民实事？`` of a plan titled …惠民实事…: a stretch of the plan's own title names no
  task of it (a follow-up is not read as of that task);
- ``县丙局这次联合哪些部门开展了走访？``: who a unit worked with is read from the sentence, not as its tasks.
"""

from __future__ import annotations

from policykb.bot.dialog import PlanNames
from policykb.bot.dialog.names import NamedTask
from policykb.bot.question import QuestionKind, classify
from policykb.ingest.parser import parse_text
from policykb.kb.duties import roles
from policykb.kb.units import UnitDirectory


def _tasks(plan: str) -> list:
    return parse_text(plan, "qingshi", "qingshi.txt", 400).tasks


def _task(plan: str, key: str):
    return next(t for t in _tasks(plan) if key in t.text)


def _units(plan: str) -> list[str]:
    return [u for t in _tasks(plan) for u in (*roles(t.responsibility)[0], *roles(t.responsibility)[1])]


LABEL_ITEMS = """青石县散坟整治工作方案
一、开展散坟整治
(一)整治目标
年内完成沿河两岸散坟清理。
(二)整治内容
1.严防沿河新建散坟;
2.对沿河两岸的散坟登记造册后分批迁移。
(三)整治时限:2026年10月底
(四)责任单位:各乡镇。
(五)配合单位:县甲局、县乙局。
二、建设公益性公墓
(一)建设目标
每个片区规划一处骨灰存放点。
"""


def test_label_items_give_the_work_above_them_its_units():
    lead, co = roles(_task(LABEL_ITEMS, "对沿河两岸的散坟登记造册后分批迁移").responsibility)
    assert {"县甲局", "县乙局"} <= set(co)
    assert "县甲局" not in lead and "县乙局" not in lead


def test_a_time_item_of_a_work_kind_dates_that_work():
    assert _task(LABEL_ITEMS, "对沿河两岸的散坟登记造册后分批迁移").deadline == "2026年10月底"


NOTICE = """白岭区人民政府办公室关于做好2026年惠民实事工作的通知
各镇人民政府,区级各部门:
一、强化协同。各牵头部门统筹推进,各成员部门要主动配合,确保按期完成。
二、严格督查。区甲委要建立台账管理制度,每周通报进度。区督查室要逐月抽查进度靠后的项目,各责任部门要积极配合。区级部门要增强紧迫感。区政府要求各镇加快推进。
"""


def test_a_bodys_duty_stated_with_yao_is_its_task():
    assert roles(_task(NOTICE, "建立台账管理制度").responsibility)[0] == ["区甲委"]
    assert roles(_task(NOTICE, "逐月抽查进度靠后的项目").responsibility)[0] == ["区督查室"]


def test_a_levels_kind_of_body_or_a_government_with_yao_is_no_task_owner():
    units = _units(NOTICE)
    assert "区级部门" not in units and "区政府" not in units, units


ONE_DUTY = """白岭区人民政府办公室关于做好2026年惠民实事工作的通知
二、压实责任
各牵头单位统筹推进,分管同志靠前调度。各成员部门要主动配合,协同推进,确保各项任务按期完成。
三、跟踪问效
区甲委要建立台账制度,每周通报工作进度。
"""


def test_a_notice_whose_only_other_task_names_a_group_reads_its_bodys_duty():
    assert roles(_task(ONE_DUTY, "建立台账制度").responsibility)[0] == ["区甲委"]


def test_a_group_keeps_no_modal_in_its_name():
    units = _units(ONE_DUTY)
    assert "各成员部门" in units and not any(u.endswith("要") for u in units), units


ARTICLES = """青石县散坟治理实施细则
第一章 总则
第一条 为规范散坟治理,制定本细则。
第二章 职责
第六条 县甲领导小组负责统筹全县散坟治理工作,县乙局负责辖区内骨灰存放点的日常监管。
"""


def test_an_articles_number_before_its_subject():
    assert roles(_task(ARTICLES, "统筹全县散坟治理工作").responsibility)[0] == ["县甲领导小组"]


def test_two_subjects_in_one_sentence_each_own_their_task():
    task = _task(ARTICLES, "骨灰存放点的日常监管")
    assert roles(task.responsibility)[0] == ["县乙局"]
    assert "县甲领导小组" not in task.text


UNIFIED = """青石县骨灰存放点排查情况
为摸清存放点底数,县丙局与县丁局开展了走访。此次排查由县丙局统一牵头,各村积极配合,逐户登记。
"""


def test_unified_before_qiantou_leads():
    assert roles(_task(UNIFIED, "逐户登记").responsibility)[0] == ["县丙局"]


def test_a_stretch_of_the_plans_own_title_names_no_task_of_it():
    titles = {"a": "白岭区2026年惠民实事项目安排"}
    tasks = [NamedTask("区甲中心要做好惠民实事宣传报道", "a", "三、宣传引导")]
    names = PlanNames(UnitDirectory(["区甲中心"]), tasks, [], titles, {"a": "白岭区"})
    assert names.task_in("白岭区2026年一共安排了多少项惠民实事？") is None
    assert names.task_in("白岭区做好惠民实事宣传报道由谁负责？") is not None


def test_who_a_unit_worked_with_is_asked_of_the_sentence_that_says_so():
    units = UnitDirectory(["县丙局"])
    assert classify("县丙局这次联合哪些部门开展了走访？", units).kind == QuestionKind.FACT
    assert classify("县丙局负责哪些工作？", units).kind == QuestionKind.UNIT_TASKS
