"""Responsibility forms of a probe of real county and district task divisions (session 46), on invented plans.

- a label a government level opens (``县级配合单位：…``, ``市级督导单位：…``) is the label itself;
- ``督导单位：乙局`` names a unit that supervises the task: it shares it and never leads it;
- ``…，由县防火指挥部指挥，…`` in a division written as running text gives the task to the commanding unit;
- an interview's speaker before ``由`` (``李某：由甲局、乙局等责任单位牵头，…``) and ``等责任单位`` after the list
  are no part of any unit's name;
- a sentence whose subject is a unit (``区甲局负责…``) opens its own task even where the plan has no headings, so
  a paragraph before it that no task reads is never given to that unit;
- a retrieved sentence's words before ``牵头`` are its lead only when they name units: a table header run
  together (``…建设单位牵头推进部门``) names nobody;
- a table whose copy ran its cells together (``事项内容完成时限责任单位``; rows closed by ``全年县甲局`` and one unit
  a line after it) is read row by row;
- a line's last sentence that only says by when its work ends (``各项整治于6月底前完成``) dates the line's tasks;
- ``这项啥时候完成？`` after ``甲局负责什么？`` asks of the one task the unit leads.
"""

from __future__ import annotations

from policykb.bot.answers.role import stated_roles
from policykb.bot.dialog.forms import read_pointer
from policykb.bot.dialog.subject import Subject
from policykb.ingest.parser import parse_text
from policykb.kb.duties import roles
from policykb.kb.units import ORG_NAME


def _tasks(plan: str) -> list:
    return parse_text(plan, "baihe", "baihe.txt", 400).tasks


def _roles_of(plan: str, key: str) -> tuple[list[str], list[str]]:
    task = next(t for t in _tasks(plan) if key in t.text)
    return roles(task.responsibility)


LEVELLED = """白河县殡葬改革推进方案
二、重点任务
（一）加快公墓建设
1.对建成的镇级公墓发放建设补助。
责任单位:县财政局
县级配合单位:县民政局、县林业局
完成时限:2026年6月底前。
2.年内建成村级骨灰堂8处。
责任单位:各乡镇人民政府
县级督导单位:县民政局
县级配合单位:县发改局
完成时限:2026年12月底前。
"""


def test_a_label_a_level_opens_is_the_label():
    assert _roles_of(LEVELLED, "建设补助") == (["县财政局"], ["县民政局", "县林业局"])


def test_a_supervising_unit_shares_the_task_and_never_leads():
    lead, co = _roles_of(LEVELLED, "骨灰堂")
    assert "县民政局" in co and "县民政局" not in lead


COMMANDED = """白河县森林火灾应急预案
县防火指挥部统筹全县森林防火工作的组织调度。县林业局负责火情监测和信息报送。
县应急局负责扑火物资的储备和调拨。县气象局负责火险天气预报。
两镇交界处的火场扑救,由县防火指挥部指挥,必要时请求邻县支援。
"""


def test_a_commanding_unit_owns_its_task_in_running_text():
    assert _roles_of(COMMANDED, "两镇交界") == (["县防火指挥部"], [])


INTERVIEW = """白河县卫生县城长效管理意见解读
问:街面秩序方面有哪些举措?
李某:由县公安局、县住建局、县城管局等责任单位牵头,在街面方面,做到摊点入室经营;
问:餐饮方面有哪些举措?
李某:由县商务局、县市场监管局牵头,在餐饮方面,推行明厨亮灶;
"""


def test_a_speaker_and_a_closing_group_word_are_no_unit():
    assert _roles_of(INTERVIEW, "摊点入室") == (["县公安局", "县住建局", "县城管局"], [])


UNHEADED = """为做好人居环境整治,现将各单位分工明确如下:
区住建局负责全区人居环境整治的统筹协调,督促各街道按月上报进度。
规划所负责确定保留村庄的布点,牵头审核整治设计方案,并跟踪实施。
区城管局负责垃圾收运的督查,每季度通报一次。
区财政局负责整治经费的拨付。
"""


def test_a_unit_sentence_opens_its_own_task_without_headings():
    holding = [t for t in _tasks(UNHEADED) if "审核整治设计方案" in t.text]
    assert all("区城管局" not in roles(t.responsibility)[0] for t in holding)
    assert _roles_of(UNHEADED, "垃圾收运") == (["区城管局"], [])


def _shaped(name: str) -> bool:
    return ORG_NAME.fullmatch(name) is not None


def test_words_before_lead_that_name_no_unit_state_no_role():
    header = "附表单位:万元序号工程名称总投资年度投资建设单位牵头推进部门牵头领导"
    assert stated_roles(header, _shaped) is None


def test_a_lead_after_the_task_subject_is_read_from_its_list():
    found = stated_roles("该项工作由市民政局、市财政局等责任单位牵头,三季度末前启动", _shaped)
    assert found is not None and found.lead == ["市民政局", "市财政局"]


RUN_TOGETHER = """白河县基本公共文化服务目录
事  项内          容完成时限责任单位
文体服务1.县体育馆每周开放不少于5天。
2.各村广场配齐健身器材。
全年县文广局
各镇
广播服务3.开通全县应急广播。
4.播出不少于4套本地节目。
全年县文广局
数字服务5.建成线上文化馆一个。全年县文广局
放映服务6.每村每月送戏送影1场。
全年县放映站
县教育局
展陈服务8.县展览馆常设展览2个以上,每
"""


def test_a_table_whose_time_runs_into_its_units_is_read_by_rows():
    assert _roles_of(RUN_TOGETHER, "不少于4套本地节目") == (["县文广局"], [])
    assert _roles_of(RUN_TOGETHER, "线上文化馆") == (["县文广局"], [])
    assert _roles_of(RUN_TOGETHER, "送戏送影") == ([], ["县放映站", "县教育局"])
    task = next(t for t in _tasks(RUN_TOGETHER) if "送戏送影" in t.text)
    assert task.deadline == "全年"


CLOSED_BY_TIME = """白河县城乡环境综合整治方案
县城建局负责居民小区整治的业务指导。县环卫所负责主次干道的清扫保洁。
县水务局负责排水沟渠的清淤疏浚。县交警大队负责铁路沿线整治的监督指导。各项整治于6月底前完成。
"""


def test_a_last_sentence_that_only_dates_the_work_dates_the_line_tasks():
    tasks = _tasks(CLOSED_BY_TIME)
    assert next(t for t in tasks if "铁路沿线" in t.text).deadline == "6月底前"
    assert next(t for t in tasks if "排水沟渠" in t.text).deadline == "6月底前"
    assert next(t for t in tasks if "居民小区" in t.text).deadline == ""


def test_this_item_after_a_unit_question_is_the_one_task_the_unit_leads():
    subject = Subject(kind="unit_tasks", question="改革办负责什么？", units=["改革办"], led="建设孵化楼")
    assert read_pointer("这项啥时候完成？", "这项啥时候完成？", subject, None, None) == "建设孵化楼啥时候完成？"
