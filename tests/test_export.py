"""One lead/co partition (kb/duties.py) for answers, the page and exports, and the export tables built on it.

The three former copies disagreed on a unit a bracket names both as a lead and as a co-operating unit (answers
listed the task under both, the chart and the export counted it twice, the page listed it once as lead) and on a
unit named twice in one bracket (the chart counted the task twice). These tests pin the one rule: a unit named
both ways leads, and a task counts once for a unit.
"""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest

from policykb.bot import views
from policykb.bot.answers.responsibility import owner_lines, unit_task_lines
from policykb.bot.page import render
from policykb.ingest.parser import parse_text
from policykb.kb.duties import partition, role, roles, unit_counts
from policykb.kb.export import RESPONSIBILITY_COLUMNS, document_rows, export, local_minute, responsibility_rows
from policykb.kb.records import DocumentRecord, Responsibility, Task
from policykb.kb.units import PlanUnits
from policykb.prompts.library import load_phrases


def task(title: str, lead: list[str], co: list[str], mode: str) -> Task:
    raw = "、".join(lead) + ("牵头，" if lead else "") + "、".join(co) + "按职责分工负责"
    return Task("demo", ["二、重点任务", title], title, title + "。", 0, 10, Responsibility(lead, co, mode, raw=raw))


# Invented tasks: one per case where the copies disagreed, and the cases they agreed on.
BOTH_WAYS = task("（一）甲任务", ["市甲局", "市乙局"], ["市甲局", "市丙局"], "lead_co")  # 市甲局 named both ways
TWICE = task("（二）乙任务", ["市乙局", "市乙局"], ["市丙局", "市丙局"], "lead_co")  # each named twice
SHARED = task("（三）丙任务", [], ["市甲局", "市丙局"], "shared")  # no lead: shares by duty
SOLE = task("（四）丁任务", ["市丙局"], [], "sole")
DOC = DocumentRecord("demo", "示范市协同推进方案", "demo.txt", "0", "", tasks=[BOTH_WAYS, TWICE, SHARED, SOLE])


def titles(tasks: list[Task]) -> list[str]:
    return [t.title for t in tasks]


def test_a_unit_named_both_ways_leads_and_each_task_counts_once() -> None:
    assert role("市甲局", BOTH_WAYS.responsibility) == "lead" and role("市丁局", BOTH_WAYS.responsibility) is None
    assert roles(BOTH_WAYS.responsibility) == (["市甲局", "市乙局"], ["市丙局"])
    assert roles(TWICE.responsibility) == (["市乙局"], ["市丙局"])
    assert [titles(part) for part in partition("市甲局", DOC.tasks)] == [["（一）甲任务"], ["（三）丙任务"]]
    assert [titles(part) for part in partition("市乙局", DOC.tasks)] == [["（一）甲任务", "（二）乙任务"], []]
    assert [titles(part) for part in partition("市丙局", DOC.tasks)] == [
        ["（四）丁任务"],
        ["（一）甲任务", "（二）乙任务", "（三）丙任务"],
    ]
    assert partition("市丁局", DOC.tasks) == ([], [])
    assert unit_counts([DOC]) == [("市丙局", 1, 3), ("市乙局", 2, 0), ("市甲局", 1, 1)]
    plan = PlanUnits("demo", [u for t in DOC.tasks for u in t.responsibility.units])  # `policykb units --doc`
    assert plan.counts(DOC.tasks) == unit_counts([DOC])


def test_the_unit_list_leaves_out_groups_of_nobody_in_particular() -> None:
    """The 部门职责 picker, its chart and ``policykb units`` list units and local governments as a group, not a
    group of no unit in particular: nobody picks ``县直各有关单位`` to learn their duties."""
    grouped = task("（五）戊任务", ["县甲局"], ["县乙局", "县直各有关单位", "各乡镇人民政府"], "lead_co")
    doc = DocumentRecord("demo2", "示范县推进方案", "demo2.txt", "0", "", tasks=[grouped])
    assert unit_counts([doc]) == [("县甲局", 1, 0), ("县乙局", 0, 1), ("各乡镇人民政府", 0, 1)]
    panel = views.units_panel({"demo2": doc}, "demo2")
    assert [unit for unit, *_ in panel.plans[0].counts] == ["县甲局", "县乙局", "各乡镇人民政府"]
    assert responsibility_rows([doc])[0]["co_units"] == "县乙局、县直各有关单位、各乡镇人民政府"  # the row as written


def test_answers_page_and_exports_split_alike() -> None:
    """The answer's lines, the page's unit view, the chart's counts and the export rows tell one story."""
    phrases = load_phrases()
    lines = unit_task_lines("市甲局", DOC.tasks, phrases, lead_only=False)
    assert lines[0] == phrases("unit_tasks.summary", unit="市甲局", total=2, lead=1, co=1)
    assert sum("甲任务" in line for line in lines) == 1  # once, as lead; no longer also as co-operating
    assert "市甲局" not in owner_lines(BOTH_WAYS, phrases)[2]  # the co line names only 市丙局

    view = views.unit_tasks({"demo": DOC}, "demo\t市甲局")
    assert view is not None and len(view.plans) == 1
    assert (titles(view.plans[0].lead), titles(view.plans[0].co)) == (["（一）甲任务"], ["（三）丙任务"])
    assert "牵头 1 项，配合 1 项" in render.unit_html(view, [])

    panel = views.units_panel({"demo": DOC}, "demo")
    assert panel.plans[0].counts == unit_counts([DOC])
    assert 'title="市甲局：牵头 1，配合 1"' in render.unit_chart_html(panel)

    rows = responsibility_rows([DOC])
    assert [(r["lead_units"], r["co_units"]) for r in rows] == [
        ("市甲局、市乙局", "市丙局"),
        ("市乙局", "市丙局"),
        ("", "市甲局、市丙局"),
        ("市丙局", ""),
    ]


def test_csv_export_of_a_parsed_plan(plan_text: str) -> None:
    doc = parse_text(plan_text, "plan", "plan.txt", 160)
    raw = export("responsibilities", "csv", [doc], english=True).decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(raw)))
    assert list(table[0]) == RESPONSIBILITY_COLUMNS and len(table) == len(doc.tasks)
    row = next(r for r in table if r["task"] == "交通物流节能减排工程")
    assert row["lead_units"] == "市交通局、市发改委" and "市交通局" not in row["co_units"].split("、")
    with pytest.raises(ValueError, match="不支持的导出格式"):
        export("targets", "pdf", [doc])


def test_exports_are_chinese_with_a_number_and_the_clause_each_row_rests_on(plan_text: str) -> None:
    """Headers and sheet names in Chinese (序号, 方案, 任务, 牵头单位 … 依据); english keeps scripts' names."""
    doc = parse_text(plan_text, "plan", "plan.txt", 160)
    table = list(csv.DictReader(io.StringIO(export("responsibilities", "csv", [doc]).decode("utf-8-sig"))))
    assert list(table[0]) == [
        *("序号", "方案", "章节", "任务", "牵头单位", "配合单位"),
        *("完成时限", "县（市、区）政府落实", "依据"),
    ]
    assert [r["序号"] for r in table] == [str(n) for n in range(1, len(doc.tasks) + 1)]
    row = next(r for r in table if r["任务"] == "交通物流节能减排工程")
    assert row["牵头单位"] == "市交通局、市发改委" and row["依据"].startswith("市交通局、市发改委牵头")
    targets = list(csv.DictReader(io.StringIO(export("targets", "csv", [doc]).decode("utf-8-sig"))))
    assert list(targets[0]) == ["序号", "方案", "章节", "指标", "比较", "数值", "单位", "年份", "责任单位", "依据"]
    heating = next(r for r in targets if r["指标"] == "清洁取暖率")
    assert heating["数值"] == "86" and "86%" in heating["依据"]
    book = openpyxl.load_workbook(io.BytesIO(export("responsibilities", "xlsx", [doc])))
    assert book.sheetnames == ["职责分工", "说明"] and book["职责分工"]["E1"].value == "牵头单位"
    assert openpyxl.load_workbook(io.BytesIO(export("targets", "xlsx", [doc]))).sheetnames == ["目标指标"]
    english = openpyxl.load_workbook(io.BytesIO(export("responsibilities", "xlsx", [doc], english=True)))
    assert english.sheetnames == ["data", "notes"]
    markdown = export("targets", "md", [doc]).decode("utf-8").splitlines()
    assert markdown[0].startswith("| 序号 | 方案 | 章节 | 指标 |")


def test_times_a_person_reads_are_local_to_the_minute(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        assert local_minute("2026-12-05T14:05:34+00:00") == "2026-12-05 22:05"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert local_minute("") == "" and local_minute("不是时间") == "不是时间"
    doc = DocumentRecord("d", "示范方案", "d.txt", "0", "", ingested_at="2026-12-05T14:05:34+00:00")
    assert document_rows([doc])[0]["ingested_at"] == "2026-12-05T14:05:34+00:00"  # the API's, for machines
    (row,) = views.document_table({"d": doc})  # the page's 文件 tab, for people
    assert row[0] == "示范方案" and re.fullmatch(r"2026-12-0[56] \d\d:\d\d", row[-1])


def test_a_task_with_no_heading_above_it_gets_no_empty_brackets() -> None:
    """A task table at the top of a plan: its tasks have no section, and no “（）” is written for one."""
    table = "| 序号 | 重点任务 | 牵头单位 | 配合单位 |\n| 1 | 改造易涝积水点 | 市城管局 | 市财政局 |\n"
    doc = parse_text("青禾市排水防涝任务分工\n" + table, "t", "t.txt", 160)
    (task,) = doc.tasks
    phrases = load_phrases()
    assert task.section == "" and owner_lines(task, phrases)[0] == "改造易涝积水点"
    assert "（）" not in "\n".join(unit_task_lines("市城管局", doc.tasks, phrases, lead_only=False))
