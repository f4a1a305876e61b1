"""Forms of real task-division pages from an eighth row set, each on invented text (issue 23).

A label line that states the division as a sentence (``部门分工：甲厅牵头，各地、各部门配合。``), under a line naming
the official in charge (``分管省领导：李明``); a list closed by a group of its level's bodies (``…、丙局等市相关部门``,
``等省有关部门``, ``等市直有关部门``).
"""

from __future__ import annotations

import pytest

from policykb.eval.duties import score_row
from policykb.ingest.parser import parse_text
from policykb.ingest.responsibility import parse_duty
from policykb.ingest.unit_names import split_units


def _record(text: str, name: str = "plan.txt"):
    return parse_text(text, "plan", name, 160)


def _row(text: str, key: str, lead: list[str], co: list[str], deadline: str = "", name: str = "plan.txt"):
    return score_row("plan", {"key": key, "lead": lead, "co": co, "deadline": deadline}, _record(text, name).tasks)


DIVISION_LINES = """青禾省人民政府关于印发2026年省《政府工作报告》重点任务分工方案的通知
各市人民政府，省政府各部门：
现将重点任务分工方案印发给你们，逐项明确分管省领导和部门分工。
一、2026年经济社会发展主要预期目标
1.地区生产总值增长6%以上。
分管省领导:李明
部门分工:省发展改革委牵头,各地、各部门配合。
2.地方一般公共预算收入增长5%左右。
分管省领导:李明
部门分工：省财政厅牵头，省税务局配合。
3.城镇新增就业110万人以上。
分管省领导:王强
任务分工：省人力资源社会保障厅负责。
4.粮食产量稳定在1200万吨以上。
分管省领导:王强
责任分工：省农业农村厅、省粮食和储备局按职责分工负责。
5.进出口实现正增长。
分管省领导:王强
部门分工:省商务厅牵头,
"""


@pytest.mark.parametrize(
    ("key", "lead", "co"),
    [
        ("地区生产总值增长6%以上", ["省发展改革委"], []),
        ("地方一般公共预算收入增长5%左右", ["省财政厅"], ["省税务局"]),
        ("城镇新增就业110万人以上", ["省人力资源社会保障厅"], []),
        ("粮食产量稳定在1200万吨以上", [], ["省农业农村厅", "省粮食和储备局"]),
        ("进出口实现正增长", ["省商务厅"], []),
    ],
)
def test_a_division_label_states_the_duty_in_a_sentence(key, lead, co):
    outcome = _row(DIVISION_LINES, key, lead, co)
    assert outcome.right, outcome.reason


def test_no_unit_name_holds_the_division_label():
    units = {u for t in _record(DIVISION_LINES).tasks for u in t.responsibility.units}
    assert not [u for u in units if "分工" in u or "李明" in u or "王强" in u]


def test_a_division_label_over_running_words_names_nobody():
    duty = parse_duty("职责分工：各部门要密切配合，形成工作合力。")
    assert not [u for u in duty.units if "要" in u or "合力" in u]


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("市委编办、市经信局等市相关部门", ["市委编办", "市经信局"]),
        ("省交通运输厅、省能源局等省有关部门", ["省交通运输厅", "省能源局"]),
        ("市公安局、市教育局等市直有关部门", ["市公安局", "市教育局"]),
        ("区住建局等区直有关单位", ["区住建局"]),
        ("区住建局等县级有关部门", ["区住建局"]),
    ],
)
def test_a_list_closed_by_its_level_s_bodies_names_only_its_units(text, units):
    assert split_units(text) == units


def test_a_level_group_after_the_units_leaves_the_co_units_whole():
    duty = parse_duty("青禾市发展改革委牵头，市委编办、市经信局等市相关部门配合")
    assert duty.lead == ["青禾市发展改革委"]
    assert duty.co == ["市委编办", "市经信局"]


def test_a_kind_of_body_that_opens_with_a_level_character_is_not_cut_as_a_level_group():
    assert split_units("甲局、乙局等市场监管部门")[1] != "乙局"
    assert split_units("甲局、乙局等区域合作单位")[1] != "乙局"
