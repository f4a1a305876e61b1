"""Responsibility brackets: lead and co-operating units right for every task of the plan."""

from __future__ import annotations

import json

import pytest

from policykb.ingest.parser import parse_text
from policykb.ingest.responsibility import BracketState, parse_bracket
from tests.conftest import DATA, SECOND_PLAN

GOLD = json.loads((DATA / "gold_responsibilities.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def record(plan_text):
    return parse_text(plan_text, "qq", "plan.txt", 160)


def test_one_row_per_bracketed_task(record):
    assert [t.section for t in record.tasks] == [g["section"] for g in GOLD]


@pytest.mark.parametrize("gold", GOLD, ids=[g["task"] for g in GOLD])
def test_lead_and_co_units_match_the_gold_table(record, gold):
    task = next(t for t in record.tasks if t.section == gold["section"])
    r = task.responsibility
    assert task.title == gold["task"]
    assert r.lead_units == gold["lead"]
    assert r.co_units == gold["co"]
    assert r.mode == gold["mode"]
    assert r.county_implements == gold["county_implements"]


def test_standing_note_applies_to_every_later_task(record):
    note = "以下均需各县（市）区政府落实，不再列出"
    assert all(note in "；".join(t.responsibility.notes) for t in record.tasks)


@pytest.mark.parametrize(
    ("inner", "lead", "co", "mode"),
    [
        ("甲局、乙委牵头，丙局、丁办等按职责分工负责", ["甲局", "乙委"], ["丙局", "丁办"], "lead_co"),
        ("甲局、乙委等按职责分工负责", [], ["甲局", "乙委"], "shared"),
        ("甲局负责", ["甲局"], [], "sole"),
        ("甲局牵头，市直各有关部门按职责分工负责", ["甲局"], ["市直各有关部门"], "lead_co"),
        ("甲局牵头，乙局和丙局配合", ["甲局"], ["乙局", "丙局"], "lead_co"),
    ],
)
def test_bracket_grammar(inner, lead, co, mode):
    r, _ = parse_bracket(inner, BracketState())
    assert (r.lead_units, r.co_units, r.mode) == (lead, co, mode)


def test_second_plan_with_other_bracket_styles():
    record = parse_text(SECOND_PLAN, "hc", "hc.txt", 160)
    by_title = {t.title: t.responsibility for t in record.tasks}
    assert by_title["充电网络建设行动"].lead_units == ["市城建委"]
    assert by_title["充电网络建设行动"].co_units == ["市电力公司", "市规划分局"]
    assert by_title["慢行系统提升行动"].mode == "sole"
    assert by_title["货运结构优化行动"].co_units == ["市港航中心", "市城建委"]
    assert not any(r.county_implements for r in by_title.values())
