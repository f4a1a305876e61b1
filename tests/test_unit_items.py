"""An item that opens with a unit and its duty: ``1.县住建局负责…`` · ``（2）县民政局：…``.

A division of duties lists each unit's work as an item whose subject is the unit: the unit named first, then
``负责`` or a colon, then what it does (``3.区商务局负责服务业单位普查的协调``; ``（35）县民政局：支持引导…``). Such
an item is that unit's task even with no bracket or label after it, as an item headed by the unit's name alone
(``（三）市财政局`` over its duties) already is. An item that names its units in a bracket keeps them; an item that
opens with a topic (``（一）市场准入：…``) names nobody. Invented plan below.
"""

from __future__ import annotations

from policykb.ingest.parser import parse_text
from policykb.kb.duties import roles

PLAN = """青川市第五次经济普查工作职责分工
一、部门职责
1.市经济和信息化局负责工业企业普查数据审核、登记业务指导等工作;主要任务:全部工业行业的普查相关工作;
2.市住建局负责建筑业和房地产业单位普查数据审核、登记业务指导等工作;
3.市商务局负责服务业单位普查的协调和数据审核。
二、成员单位职责
（1）市民政局：支持引导社会力量参与普查宣传;督促指导街道及时报送名录。
（2）市乡村振兴服务中心：负责核实农村经营主体名录。
三、工作要求
（一）市场准入：全面清理普查对象名录中的重复登记。
（二）市财政局负责普查经费保障。（市财政局牵头，市审计局参与）
"""


def _roles(key: str) -> tuple[list[str], list[str]] | None:
    record = parse_text(PLAN, "qingchuan", "qingchuan.txt", 400)
    task = next((t for t in record.tasks if key in t.text), None)
    return roles(task.responsibility) if task else None


def test_an_item_opening_with_a_unit_and_its_duty_is_the_units_task():
    assert _roles("工业企业普查数据审核") == (["市经济和信息化局"], [])
    assert _roles("建筑业和房地产业") == (["市住建局"], [])
    assert _roles("服务业单位普查的协调") == (["市商务局"], [])


def test_a_unit_then_a_colon_names_the_units_duties():
    assert _roles("参与普查宣传") == (["市民政局"], [])
    assert _roles("农村经营主体名录") == (["市乡村振兴服务中心"], [])


def test_a_topic_names_nobody_and_a_bracket_keeps_its_units():
    assert _roles("重复登记") is None
    assert _roles("普查经费保障") == (["市财政局"], ["市审计局"])
