"""Forms of real task-division pages from a ninth row set, each on invented text (issue 23).

A unit that ``承办`` (undertakes) a task beside units that ``协办``/``配合`` (``由甲局承办，乙局、丙局协办。``); a lead
clause and a co-operating clause written as two sentences cut by ``；`` (``甲厅、乙委牵头；丙厅配合；各市党委和政府
落实``, as a flattened table writes its unit cell); a deadline a table row's own task text states when no column gives
one.
"""

from __future__ import annotations

import pytest

from policykb.eval.duties import score_row
from policykb.ingest.parser import parse_text
from policykb.ingest.responsibility import parse_duty, sentence_duty


def _record(text: str, name: str = "plan.txt"):
    return parse_text(text, "plan", name, 160)


def _row(text: str, key: str, lead: list[str], co: list[str], deadline: str = "", name: str = "plan.txt"):
    return score_row("plan", {"key": key, "lead": lead, "co": co, "deadline": deadline}, _record(text, name).tasks)


UNDERTAKES = """青禾市2026年治理“餐桌污染”工作方案
一、治理水产品污染
由市商务局承办，市农业农村局、卫生局、东浦海关协办。治理工作目标：水产品抽检合格率达到98%以上。主要措施：
（一）由市商务局负责，市农业农村局、东浦海关配合，加快无公害水产基地建设，做好基地投入品使用的监管。
二、治理蔬菜污染
由桐溪镇农技站承办，镇卫生院、派出所配合。
三、治理粮油污染
加强粮油抽检。（市粮食和储备局承办，市市场监管局协办）
"""


@pytest.mark.parametrize(
    ("key", "lead", "co"),
    [
        ("治理水产品污染", ["市商务局"], ["市农业农村局", "卫生局", "东浦海关"]),
        ("加快无公害水产基地建设", ["市商务局"], ["市农业农村局", "东浦海关"]),
        ("治理蔬菜污染", ["桐溪镇农技站"], ["镇卫生院", "派出所"]),
        ("加强粮油抽检", ["市粮食和储备局"], ["市市场监管局"]),
    ],
)
def test_the_unit_that_undertakes_a_task_leads_it(key, lead, co):
    outcome = _row(UNDERTAKES, key, lead, co)
    assert outcome.right, outcome.reason


def test_no_unit_name_holds_the_verb_undertake():
    units = {u for t in _record(UNDERTAKES).tasks for u in t.responsibility.units}
    assert not [u for u in units if u.endswith("承办")]
    assert parse_duty("甲局承办").lead == ["甲局"]


@pytest.mark.parametrize(
    "sentence",
    ["青禾农业博览会由省政府主办，市政府承办，每年举办一次", "东浦论坛由市委宣传部主办，市文旅局承办"],
)
def test_an_event_that_bodies_host_assigns_no_task(sentence):
    assert sentence_duty(sentence) is None


RUN_TOGETHER = """重点任务分工清单
序号工作任务责任单位7推广婚育新风。发挥新媒体作用。省委宣传部、省民政厅、省妇联牵头;省总工会、团省委配合;各市党委和政府落实8实行扶助标准动态调整机制。省财政厅牵头;省医保局、省民政厅配合;各市党委和政府落实9为困难家庭提供托养服务。省民政厅、省住房城乡建设厅牵头;省联席会议成员单位配合;各市党委和政府落实10开展送温暖活动。
"""


@pytest.mark.parametrize(
    ("key", "lead", "co"),
    [
        ("推广婚育新风", ["省委宣传部", "省民政厅", "省妇联"], ["省总工会", "团省委"]),
        ("实行扶助标准动态调整机制", ["省财政厅"], ["省医保局", "省民政厅"]),
        ("为困难家庭提供托养服务", ["省民政厅", "省住房城乡建设厅"], []),
    ],
)
def test_a_co_operating_clause_after_a_lead_clause_joins_its_task(key, lead, co):
    outcome = _row(RUN_TOGETHER, key, lead, co)
    assert outcome.right, outcome.reason


def test_a_co_operating_clause_makes_no_task_of_its_own():
    tasks = _record(RUN_TOGETHER).tasks
    assert len(tasks) == 3
    assert all(t.responsibility.lead_units for t in tasks)


SENTENCES = """桐溪县2026年稳增长若干措施
一、提高审批效率
1.精简审批手续。推进网上审批。县发改局牵头；县财政局、县住建局配合。
2.压减审批时限。县行政审批局负责。县自然资源局负责。
"""


def test_a_co_operating_sentence_after_a_lead_sentence_in_running_text():
    outcome = _row(SENTENCES, "精简审批手续", ["县发改局"], ["县财政局", "县住建局"])
    assert outcome.right, outcome.reason


def test_two_units_each_responsible_in_their_own_sentence_are_not_joined_as_co():
    task = next(t for t in _record(SENTENCES).tasks if "压减审批时限" in t.text)
    assert "县自然资源局" not in task.responsibility.co_units


def _table(*rows: str) -> str:
    return "\n".join(["| 序号 | 政策措施 | 牵头单位 | 配合单位 |", "| --- | --- | --- | --- |", *rows]) + "\n"


TABLE_PLAN = "东浦区稳增长政策措施\n" + _table(
    "| 1 | 建立中介超市。5月底前实现中介超市上线运行。 | 区政务服务局 | 区发改局 |",
    "| 2 | 提高土地审批效率。 | 区自然资源分局 | 区规划分局 |",
)


def test_a_table_row_keeps_the_deadline_its_task_text_states():
    outcome = _row(TABLE_PLAN, "建立中介超市", ["区政务服务局"], ["区发改局"], deadline="5月底前")
    assert outcome.right and outcome.deadline_right, outcome.reason


def test_a_table_row_whose_text_states_no_time_has_no_deadline():
    task = next(t for t in _record(TABLE_PLAN).tasks if "提高土地审批效率" in t.text)
    assert task.deadline == ""


DEADLINE_COLUMN = "东浦区稳增长政策措施\n" + "\n".join(
    [
        "| 序号 | 政策措施 | 牵头单位 | 完成时限 |",
        "| --- | --- | --- | --- |",
        "| 1 | 建立中介超市。5月底前实现中介超市上线运行。 | 区政务服务局 | 2026年底前 |",
    ]
)


def test_a_deadline_column_still_sets_the_row_deadline():
    task = next(t for t in _record(DEADLINE_COLUMN).tasks if "建立中介超市" in t.text)
    assert task.deadline == "2026年底前"


def test_a_file_kept_as_a_copy_is_scored_on_the_plan_it_copies(tmp_path):
    import json

    from policykb.eval.duties import score_documents

    gold = {"tasks": [{"key": "建立中介超市", "lead": ["区政务服务局"], "co": ["区发改局"], "deadline": ""}]}
    for name in ("tasks.docx", "tasks-print.pdf"):
        (tmp_path / name).write_bytes(b"")
        (tmp_path / f"{name.rsplit('.', 1)[0]}.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    kept = parse_text(TABLE_PLAN, "tasks", "tasks.docx", 160)
    alone = score_documents(tmp_path, [kept])
    assert (alone.right, alone.total, alone.copies) == (1, 2, {})
    copied = score_documents(tmp_path, [kept], {"tasks-print.pdf": "tasks"})
    assert (copied.right, copied.total, copied.copies) == (2, 2, {"tasks-print": "tasks.docx"})


@pytest.mark.parametrize(
    ("text", "lead", "co", "owners"),
    [
        ("该项工作由桐溪县发改局牵头，县财政局配合", ["桐溪县发改局"], ["县财政局"], []),
        ("此项任务由东浦区住建局会同区城管局负责", ["东浦区住建局"], ["区城管局"], []),
        ("上述工作由青禾市教育局负责", [], [], ["青禾市教育局"]),
    ],
)
def test_a_clause_whose_subject_is_the_task_names_the_units_after_you(text, lead, co, owners):
    duty = parse_duty(text)
    assert (duty.lead, duty.co, duty.owners) == (lead, co, owners)
