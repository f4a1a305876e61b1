"""A ``责任单位`` list beside a ``配合单位`` list: the listed units lead, the co-operating units co-operate.

A plan that names some units ``配合单位`` says who co-operates, so the units it lists as ``责任单位`` are the ones
the task is theirs: they lead, as a ``责任单位`` column beside a ``配合单位`` column does in a task table and as
``甲局负责，乙局配合`` does in a sentence. Without a ``配合单位`` label a ``责任单位`` list still names no lead
(the units share the task), and one unit alone stays the task's sole unit. Invented plan below.
"""

from __future__ import annotations

from policykb.ingest.parser import parse_text
from policykb.kb.duties import roles

PLAN = """白河县城乡环境整治三年行动方案
一、重点任务
（一）推进农贸市场改造。2026年底前完成县城4个农贸市场提升改造。（责任单位：县市场监管局，配合单位：县住建局、各乡镇人民政府）
（二）整治背街小巷。清理乱堆乱放，补齐路灯、排水等设施。（责任单位：县住建局、县城管局；配合单位：县财政局）
（三）规范户外广告设置。拆除违规广告牌匾。
责任单位：县城管局、县自然资源局
配合单位：县市场监管局
（四）提升公厕管理水平。落实专人保洁。（责任单位：县城管局、县卫健局）
（五）建立长效管护机制。（责任单位：县城管局）
"""


def _roles(key: str) -> tuple[list[str], list[str]]:
    record = parse_text(PLAN, "baihe", "baihe.txt", 400)
    task = next(t for t in record.tasks if key in t.text)
    return roles(task.responsibility)


def test_a_bracket_with_co_units_names_its_lead():
    assert _roles("农贸市场") == (["县市场监管局"], ["县住建局", "各乡镇人民政府"])


def test_several_listed_units_lead_beside_co_units():
    assert _roles("背街小巷") == (["县住建局", "县城管局"], ["县财政局"])


def test_label_lines_read_as_the_bracket():
    assert _roles("户外广告") == (["县城管局", "县自然资源局"], ["县市场监管局"])


def test_a_list_without_co_units_still_names_no_lead():
    assert _roles("公厕管理") == ([], ["县城管局", "县卫健局"])
    assert _roles("长效管护") == (["县城管局"], [])
