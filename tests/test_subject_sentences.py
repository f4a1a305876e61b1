"""A division of duties written as running text: each sentence's subject is a unit, then ``负责`` and its duty.

``四、任务分工`` of an activity plan, ``三、受理单位`` of a policy explainer, ``2.1 指挥机构`` of a contingency plan:
``县交警大队负责编印宣传挂图。县融媒体中心负责开设专栏，并每月报送。`` One sentence, one unit's task, with no
bracket or label; several units before one ``负责`` share it (no lead named); ``甲会同乙负责`` makes 甲 lead
and 乙 co-operate, local governments (区、镇、街道) left out. A sentence whose subject is no unit names nobody.
Invented plan below.
"""

from __future__ import annotations

from policykb.ingest.parser import parse_text
from policykb.kb.duties import roles

PLAN = """青川县文明交通宣传月活动方案
一、工作目标
确保交通事故起数下降。
二、任务分工
县委统一部署,各乡镇落实。县交警大队负责编印宣传挂图并每周通报各乡镇事故情况。各中队做好路面劝导。县文明办负责对各镇活动开展情况进行暗访检查。
县融媒体中心负责在电视和新媒体上开设交通安全专栏,并每月报送播出情况。
县法院、县人民检察院负责加大对交通肇事案件的以案释法力度。
三、受理单位
市农业农村局、市财政局负责兑付耕地地力补贴;市发改委(粮食局)负责收购环节的质量抽检;市农业发展中心会同区、镇、街道负责核实小麦种植面积,加强农技指导。
四、指挥机构
县防汛指挥部负责统一指挥全县抢险救灾工作。指挥部办公室设在县水利局。
五、工作要求
各单位负责人要高度重视。县里负责的项目要按期完成。
"""


def _roles(key: str) -> tuple[list[str], list[str]] | None:
    record = parse_text(PLAN, "qingchuan", "qingchuan.txt", 400)
    task = next((t for t in record.tasks if key in t.text), None)
    return roles(task.responsibility) if task else None


def test_a_sentence_whose_subject_is_a_unit_is_that_units_task():
    assert _roles("编印宣传挂图") == (["县交警大队"], [])
    assert _roles("活动开展情况进行暗访检查") == (["县文明办"], [])
    assert _roles("交通安全专栏") == (["县融媒体中心"], [])
    assert _roles("统一指挥全县抢险救灾") == (["县防汛指挥部"], [])
    assert _roles("收购环节的质量抽检") == (["市发改委(粮食局)"], [])


def test_units_sharing_one_duty_name_no_lead_and_partners_co_operate():
    assert _roles("以案释法力度") == ([], ["县法院", "县人民检察院"])
    assert _roles("耕地地力补贴") == ([], ["市农业农村局", "市财政局"])
    assert _roles("小麦种植面积") == (["市农业发展中心"], [])


def test_a_sentence_whose_subject_is_no_unit_names_nobody():
    assert _roles("做好路面劝导") is None
    assert _roles("高度重视") is None
    assert _roles("按期完成") is None


def test_a_plan_dividing_its_work_by_brackets_keeps_such_sentences_as_prose():
    plan = """青川县节能工作安排
一、重点工作
（一）严格节能审查。开展节能审查后评价。（县发改局负责）
（二）推进工业节能。实施节能改造项目10项。（县工信局牵头，县财政局配合）
（三）推进建筑节能。完成公共建筑节能改造。（县住建局负责）
二、工作要求
（一）加强协调。县节能办负责统筹协调，定期调度工作进展。
"""
    record = parse_text(plan, "qingchuan", "qingchuan.txt", 400)
    assert len(record.tasks) == 3
    assert not any("统筹协调" in t.text for t in record.tasks)


def test_a_deployment_is_no_unit():
    from policykb.ingest.unit_names import is_org

    assert not is_org("县委统一部署")
    assert is_org("县防火指挥部")
